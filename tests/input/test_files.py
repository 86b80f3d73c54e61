"""Which files a walk takes: `include` and `exclude` have .gitignore semantics, whether
pathspec reads them or, for patterns a name alone decides, the names are matched directly."""

from __future__ import annotations

import pathspec
from hypothesis import example, given, settings
from hypothesis import strategies as st

from referat_lint.input import files

PATTERNS = st.lists(st.text("ab.-_ *?", min_size=1, max_size=4), min_size=1, max_size=3)
# A walked path's parts are names: never `.` or `..`.
PATHS = st.lists(
    st.text("ab.-_ ", min_size=1, max_size=4).filter(lambda name: name.strip(".")),
    min_size=1,
    max_size=4,
)


@settings(max_examples=500, deadline=None)
@given(PATTERNS, PATHS, st.booleans())
@example(["*.txt"], ["2024", "referat.txt"], False)
@example(["build"], ["build", "x.txt"], False)
@example(["*.egg-info"], ["a.egg-info"], True)
@example(["a"], ["b", "a.txt"], False)
def test_names_match_as_pathspec_reads_the_patterns(patterns, parts, is_dir) -> None:
    patterns = tuple(patterns)
    relative = "/".join(parts)
    expected = pathspec.GitIgnoreSpec.from_lines(patterns).match_file(
        relative + ("/" if is_dir else "")
    )
    if files._by_name(patterns):
        assert files._matches(patterns, relative, is_dir) == expected, (patterns, relative)


def test_the_default_patterns_need_no_pathspec() -> None:
    from referat_lint.config import DEFAULT_EXCLUDE, DEFAULT_INCLUDE

    assert files._by_name(DEFAULT_EXCLUDE)
    assert files._by_name(tuple(p.lower() for p in DEFAULT_INCLUDE))


def test_patterns_a_name_does_not_decide_go_to_pathspec() -> None:
    for pattern in ("udkast/", "arkiv/2019", "!vigtig.txt", "#note", "**/bilag", "[ab].txt", ".."):
        assert not files._by_name((pattern,)), pattern
    assert files._matches(("arkiv/2019",), "arkiv/2019/referat.txt")
    assert not files._matches(("arkiv/2019",), "andet/arkiv/2019/referat.txt")
    assert files._matches(("udkast/",), "udkast", is_dir=True)
    assert not files._matches(("udkast/",), "udkast")
