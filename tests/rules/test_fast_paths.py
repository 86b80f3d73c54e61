"""The rules' fast paths give exactly what the plain loops give."""

from __future__ import annotations

import bisect
import contextlib
import re
from collections.abc import Iterator
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from referat_lint.document import model, slices
from referat_lint.document.model import Text
from referat_lint.document.parse import _fold, _may_fold_within
from referat_lint.input.line_scan import LineScan

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
    assert list(Text(text).starts) == [0, *(m.end() for m in breaks.finditer(text))]


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.sampled_from([1, 2, 3, 1 << 20]), st.sampled_from([1, 2, 5, 4096]))
def test_a_big_texts_lines_read_as_the_list_of_lines(text: str, block: int, lines: int) -> None:
    """A big text's lines are slices (Lines), its starts summed a block at a time: read
    whole, one by one, from the end or in slices they are the lines of a small text."""
    expected = Text(text).lines
    with (
        mock.patch.object(model, "LINES_AS_SLICES", -1),
        mock.patch.object(model, "SCAN_BLOCK", block),
        mock.patch.object(slices.Lines, "BLOCK", lines),
    ):
        big = Text(text)
        assert isinstance(big.lines, slices.Lines)
        assert list(big.starts) == list(Text(text).starts)
        assert list(big.lines) == expected
        assert [big.lines[i] for i in range(len(big.lines))] == expected
        assert [big.lines[-i] for i in range(1, len(expected) + 1)] == expected[::-1]
        assert big.lines[1:3] == expected[1:3]


@settings(max_examples=500, deadline=None)
@given(TEXTS, st.integers(0, 30))
def test_a_text_ruled_out_as_a_section_name_folds_too_long(text: str, length: int) -> None:
    if not _may_fold_within(text, length):
        assert len(_fold(text)) > length


def test_a_fact_about_a_text_is_computed_once_per_text() -> None:
    calls: list[str] = []

    def words(text: Text) -> int:
        calls.append(text.text)
        return len(text.text.split())

    first, second = Text("Sagen drøftes.\n"), Text("Sagen drøftes.\n")
    assert [first.fact(words), first.fact(words), second.fact(words)] == [2, 2, 2]
    assert calls == ["Sagen drøftes.\n", "Sagen drøftes.\n"]  # once for each text


# What the whole-text scans look for: digits of every form, the characters that may hide in
# or between a CPR number's parts, dashes (also as mojibake), spaces, mojibake, controls,
# line breaks of every kind, and a lone surrogate (no UTF-8: the pattern searches then).
SCAN_PIECES = st.sampled_from(
    [
        *"0123456789 -./æøÅ\t\n\r\x85\xa0#&<",
        *"²³¹⁴₀０١\u00ad\u200b\u2060\ufeff\u0301\u20e3\U000e0001\u2013\u2212\u3000",
        *"\x80\x9fÂÃ",
        "\r\n",
        "Ã¦",
        "â€“",
        "â\x80\x93",
        "170385",
        "17.03.85",
        "1234",
        "Â ",
        "170385â€“1234",
        "17 03 85 â\x80\x94 1234",
        "１７０３８５\u00ad-１２３４",
        "1703851234",
        "170385/1234",
        "&#49;",
        "\ud800",
    ]
)
SCAN_TEXTS = st.lists(SCAN_PIECES, max_size=40).map("".join)


@contextlib.contextmanager
def _without_re2() -> Iterator[None]:
    """RE2 missing: every scan falls back to its pattern's own search."""
    from referat_lint.input import line_scan

    kept, line_scan._re2 = line_scan._re2, None
    try:
        yield
    finally:
        line_scan._re2 = kept


def _scans() -> list[LineScan]:
    from referat_lint.document.model import RARE_SCAN
    from referat_lint.out.privacy import CPR_SCAN
    from referat_lint.repair.lines import MOJIBAKE_SCAN

    return [RARE_SCAN, MOJIBAKE_SCAN, CPR_SCAN]


@contextlib.contextmanager
def _blocks_of(characters: int | None) -> Iterator[None]:
    """A big text (over `characters`) scanned a block of lines at a time."""
    from referat_lint.document import model

    kept = model.SCAN_BLOCK
    model.SCAN_BLOCK = kept if characters is None else characters
    try:
        yield
    finally:
        model.SCAN_BLOCK = kept


@contextlib.contextmanager
def _automaton_at_once() -> Iterator[None]:
    """RE2 from the first text on (a run otherwise reads its first texts with `re`)."""
    from referat_lint.input import line_scan

    kept = line_scan.AUTOMATON_AFTER
    line_scan.AUTOMATON_AFTER = 0
    try:
        yield
    finally:
        line_scan.AUTOMATON_AFTER = kept


@settings(max_examples=1500, deadline=None)
@given(SCAN_TEXTS, st.sampled_from(_scans()), st.sampled_from([None, 1, 6, 25]))
def test_a_scan_finds_the_lines_its_pattern_matches_on(
    text: str, scan: LineScan, block: int | None
) -> None:
    plain = tuple(number for number, _ in Text(text).lines_with(scan.pattern))
    with _blocks_of(block), _automaton_at_once():
        assert Text(text).scanned_lines(scan) == plain
    if "\ud800" not in text:  # the automaton alone: the same lines, or more for a superset
        found = scan.numbers(text.encode("utf-8"))
        assert found is not None
        assert set(found) >= set(plain) if scan.superset else tuple(found) == plain


@settings(max_examples=200, deadline=None)
@given(SCAN_TEXTS, st.sampled_from(_scans()))
def test_without_the_automaton_a_scan_is_the_patterns_search(text: str, scan: LineScan) -> None:
    plain = tuple(number for number, _ in Text(text).lines_with(scan.pattern))
    with _without_re2():
        alone = LineScan(scan.pattern, scan.source, superset=scan.superset)
        assert alone.numbers(b"") is None
        assert Text(text).scanned_lines(alone) == plain


def test_a_cpr_number_hidden_or_damaged_is_on_the_lines_scanned() -> None:
    from referat_lint.out.privacy import CPR_SCAN

    text = (
        "Mødet blev holdt.\r\n"
        "Borger 17\u00ad03\u200b85\u2013\u20601234 klager.\n"
        "Sagsnr. 326-2019-88785 og tlf. 12 34 56 78.\r"
        "CPR ¹⁷0385 â€“ 1234 og 17.03.85-1234.\n"
        "1703851234\n"
        "Sag 170385/1234 og 17 03 85 1234."
    )
    with _automaton_at_once():
        assert Text(text).scanned_lines(CPR_SCAN) == (2, 4, 5, 6)
    assert Text(text).scanned_lines(CPR_SCAN) == (2, 4, 5, 6)  # by whichever reads it now


def test_a_run_scans_with_re_until_re2_pays_for_its_import() -> None:
    from referat_lint.input import line_scan

    kept = line_scan._read_by_re
    line_scan._read_by_re = 0
    try:
        assert not line_scan.automaton_pays(line_scan.AUTOMATON_AFTER - 1)
        assert not line_scan.automaton_pays(1)  # now the run has read enough
        assert line_scan.automaton_pays(10)
    finally:
        line_scan._read_by_re = kept


def test_the_rules_and_options_kept_per_config_are_the_configs_own() -> None:
    from referat_lint.checking.engine import _plans
    from referat_lint.checking.findings import Severity
    from referat_lint.config import Config
    from referat_lint.rules import all_rules

    rules = all_rules()
    configs = [
        Config(),
        Config(select=("RL0",), ignore=("cpr-number",)),
        Config(rule_options={"cpr-number": {"ignore-after": ["Tlf."]}}),
        Config(per_file_ignores={"bilag/*": ("ALL",)}),
        Config(severity={"weekday-mismatch": Severity.ERROR}),
    ]
    for config in [*configs, *reversed(configs), *configs]:
        for path in ("referat.md", "bilag/referat.md"):
            plain = [
                (rule, config.options(rule), config.severity.get(rule.name))
                for rule in rules
                if config.enabled(rule, path)
            ]
            plans = _plans(rules, config, path)
            assert [(p.rule, dict(p.options), p.severity) for p in plans] == plain
    assert len(_plans(rules, configs[1], None)) < len(_plans(rules, configs[0], None))
    [cpr] = [p for p in _plans(rules, configs[2], None) if p.rule.name == "cpr-number"]
    assert cpr.options == {"ignore-after": ["Tlf."]}
    assert [p.severity for p in _plans(rules, configs[4], None) if p.severity] == [Severity.ERROR]
