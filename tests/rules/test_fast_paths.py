"""The rules' fast paths give exactly what the plain loops give."""

from __future__ import annotations

import bisect
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from referat_lint.document.model import Text
from referat_lint.document.parse import _fold, _may_fold_within

# Characters that decide the paths: markup, every kind of whitespace and line break.
CHARACTERS = "ab æ#*_^<>{}-=&;0123456789\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u2028\u3000"
PIECES = st.sampled_from(
    [*CHARACTERS, "  ", "\r\n", "**", "^{x}", "<b>", "</i>", "# ", "Punkt 1:", "Ã¦", "&amp;"]
)
TEXTS = st.lists(PIECES, max_size=60).map("".join)


def lines_with_every_match(text: Text, pattern: re.Pattern[str]) -> list[tuple[int, str]]:
    """The line of every match, as lines_with gave before it skipped to the next line."""
    found: list[tuple[int, str]] = []
    for match in pattern.finditer(text.text):
        number = bisect.bisect_right(text.starts, match.start())
        if not found or found[-1][0] != number:
            found.append((number, text.lines[number - 1]))
    return found


PATTERNS = [
    re.compile(r"[<^]|---|==="),
    re.compile(r"\d\d\d\d\d\d", re.ASCII),
    re.compile("[^\x00-\x7f](?:[^\x00-\x7f]|(?<=[\x80-\x9f]))"),
    re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7});"),
    re.compile(r"(?<![^\r\n]) | (?![^\r\n])|  "),
    re.compile(r"^#", re.MULTILINE),
    re.compile(r"a$", re.MULTILINE),
]


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.sampled_from(PATTERNS))
def test_lines_with_finds_the_lines_of_every_match(text: str, pattern: re.Pattern[str]) -> None:
    assert list(Text(text).lines_with(pattern)) == lines_with_every_match(Text(text), pattern)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_lines_and_starts_agree_with_the_line_break_pattern(text: str) -> None:
    breaks = re.compile(r"\r\n|\r|\n")
    assert Text(text).lines == breaks.split(text)
    assert Text(text).starts == [0, *(m.end() for m in breaks.finditer(text))]


@settings(max_examples=500, deadline=None)
@given(TEXTS, st.integers(0, 30))
def test_a_text_ruled_out_as_a_section_name_folds_too_long(text: str, length: int) -> None:
    if not _may_fold_within(text, length):
        assert len(_fold(text)) > length


def test_a_fact_about_a_text_is_computed_once_per_text() -> None:
    from referat_lint.document.model import Text

    calls: list[str] = []

    def words(text: Text) -> int:
        calls.append(text.text)
        return len(text.text.split())

    first, second = Text("Sagen drøftes.\n"), Text("Sagen drøftes.\n")
    assert [first.fact(words), first.fact(words), second.fact(words)] == [2, 2, 2]
    assert calls == ["Sagen drøftes.\n", "Sagen drøftes.\n"]  # once for each text
