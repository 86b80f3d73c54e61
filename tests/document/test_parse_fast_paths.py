"""The parser's fast paths give exactly what the plain reading of the layout profile gives:
lines cleaned only where `clean` can change them, item lines classified once, detection
that skips layouts that cannot win, dates and folded titles remembered, rare lines scanned once."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from referat_lint.document.dates import _first_date, _remembered_date, find_date
from referat_lint.document.fold import _folded_title, _remembered_title, fold_title
from referat_lint.document.layout import Layout, load_layouts, merge, shipped_profiles
from referat_lint.document.model import RARE, Text
from referat_lint.document.parse import _fold, base, clean, detect, parse
from referat_lint.document.parse.body import _QUOTE_OPENERS
from referat_lint.document.parse.classify import LineClasses
from referat_lint.document.parse.detect import _count_headings
from referat_lint.document.parse.lines import _opening, clean_lines
from referat_lint.document.parse.walker import Walker
from referat_lint.out.privacy import REFERENCE
from referat_lint.rules.characters import _CONTROL, _ENTITY

from conftest import FIXTURES

LAYOUTS = [layout for layout in load_layouts() if not layout.abstract]

# Characters and pieces that decide the cleaning: markup, every kind of whitespace, breaks.
_SPACES = "\t\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000"
CLEANING = st.lists(
    st.sampled_from(
        [*"ab æ#*_^<>{}\n\r", *_SPACES, "  ", "\r\n", "**", "__", "^{x}", "<b>", "</i>", "# "]
    ),
    max_size=40,
).map("".join)

# Lines an item's body holds, as the shipped profiles write them: headings of each class in
# several spellings, lines that nearly are one, quotations and sentences long and short.
_LINES = [
    "Beslutning",
    "Beslutning:",
    "BESLUTNING",
    "Beslutninger i Økonomiudvalget den 3. maj 2024",
    "Beslutning i Byrådet den",
    "Økonomiudvalgets møde den 14. marts 2024:",
    "Teknik- og Miljøudvalgets beslutning den 04.12.2023 Punkt 2",
    "Teknik- og Miljøudvalgets beslutning den",  # a heading wrapped over two lines
    "04.12.2023 Punkt 2",
    "Økonomiudvalgets ordinære møde den",
    "14. marts 2024:",
    "Sagsfremstilling",
    "sagsfremstilling :",
    "Bevillingsmæssige konsekvenser::::::::::::",
    "Resume og sagens baggrund",
    "Økonomi: Der er afsat 2 mio. kr.",
    "Bilag",
    "Historik",
    "Punktet behandlet tidligere",
    "Tomt indhold",
    "Sagstype",
    "Forslag fra Liste A:",
    "Afbud: Anne Holm",
    "Fraværende:",
    "Følgende deltog ikke i behandlingen af punktet:",
    "Udvalg: Byrådet",
    "- PDF Bilag 1: Kort",
    "12. marts 2024 Byrådet",
    '"Forvaltningen indstiller, at',
    '"Forvaltningen indstiller, at udvalget godkender forslaget, som det foreligger.',
    "» Citat der ikke slutter her, men fortsætter på næste linje i teksten",
    "> Et citat i Markdown",
    "Sagsnr.: 24-001234",
    "24-001234",
    "Lukket",
    "Godkendt.",
    "Sagen blev drøftet på mødet.",
    "Økonomiudvalget besluttede på sit møde den 14. marts at igangsætte en analyse af området.",
    "Forvaltningen har udarbejdet et udkast, som forelægges til drøftelse i udvalget i dag.",
    "Udvalget tog orienteringen til efterretning, og sagen sendes videre til Byrådet her:",
    "Der er afsat 2,5 mio. kr. i budget 2025 til formålet, jf. bevillingen i sagen fra i år.",
    "",
]
LINES = st.one_of(st.sampled_from(_LINES), st.text(alphabet='ab :."»\n', max_size=50))
VIEWS = st.lists(LINES, max_size=25)


def inline_layout() -> Layout:
    """A project profile with sections that may hold their text after a colon."""
    base_profile = shipped_profiles()["base"]
    return Layout(merge(base_profile, {"name": "inline", "sections": {"inline": True}}))


@settings(max_examples=1000, deadline=None)
@given(CLEANING)
@example(" a")
@example("a ")
@example("a\n b\n")
@example("a \r\nb")
@example("a \nb")
@example("a\r b")
@example("a  b")
@example("a\u2028b")
def test_lines_are_cleaned_as_clean_cleans_each(text: str) -> None:
    assert clean_lines(Text(text)) == [clean(line) for line in Text(text).lines]


def test_the_rare_characters_hold_every_space_str_split_splits_at_and_every_control() -> None:
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if (char.isspace() and char not in " \n\r") or _CONTROL.match(char):
            assert RARE.match(char), hex(code)


RARE_TEXTS = st.lists(
    st.sampled_from(
        [*"ab æ&;#\n\r\t\x00\x1b\x7f\x85\x9f\xa0\ufeff\ufffd", "&amp;", "&#49;", "&#x31;", "&a"]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(RARE_TEXTS, st.sampled_from([_CONTROL, _ENTITY, REFERENCE]))
def test_the_rare_lines_hold_every_line_a_rule_looks_for(
    text: str, pattern: re.Pattern[str]
) -> None:
    assert list(Text(text).rare_lines_with(pattern)) == list(Text(text).lines_with(pattern))


def is_text(walker: Walker, i: int) -> bool:
    """The plain reading: line `i` is text to every class of an item's body, each asked
    as the body's state machine asks it."""
    view, layout = walker.view, walker.layout
    line = view[i]
    if not line:
        return False
    following = view[i + 1] if i + 1 < len(view) else None
    wrapped = (
        ("eslutning" in line or "øde" in line)
        and following
        and walker.decision_match(f"{line} {following}")
    )
    return not (
        (len(line) <= walker.empty_length and line.casefold() in walker.empty)
        or any(p.match(line) for p in layout.decision_end_lines)
        or (layout.attendance_line and layout.attendance_line.match(line))
        or (layout.proposal_line and layout.proposal_line.match(line))
        or line[0] in _QUOTE_OPENERS
        or walker.decision_match(line)
        or wrapped
        or walker.section_name(line)
        or walker.is_history_line(line)
    )


@pytest.mark.parametrize("layout", [*LAYOUTS, inline_layout()], ids=lambda layout: layout.name)
@settings(max_examples=150, deadline=None)
@given(lines=VIEWS)
def test_a_line_classified_as_text_is_text_to_every_class(layout: Layout, lines: list[str]) -> None:
    walker = Walker(layout, lines, [clean(line) for line in lines], None)
    for i, text in enumerate(walker.text_lines):
        if text:
            assert is_text(walker, i), (layout.name, walker.view[i])


def test_sentences_are_classified_as_text_and_headings_are_not() -> None:
    first, second = (line for line in _LINES if line.startswith(("Økonomiudvalget b", "Forv")))
    lines = [first, "", "Beslutning", "", second, "Godkendt."]
    layout = next(layout for layout in LAYOUTS if layout.name == "punkt")
    walker = Walker(layout, lines, lines, None)
    assert walker.text_lines == [True, False, False, False, True, False]


def _minutes(pieces: list[str]) -> str:
    return "\n".join(["REFERAT Byrådet d. 01-02-2024", "", "Punkt 1: Sag", "", *pieces])


@settings(max_examples=200, deadline=None)
@given(VIEWS, st.sampled_from([None, *(layout.name for layout in LAYOUTS)]))
def test_the_classified_lines_change_no_parse(lines: list[str], layout: str | None) -> None:
    text = Text(_minutes(lines))
    assert parse(text, layout=layout) == _without_classes(text, layout)


@pytest.mark.parametrize(
    "name",
    sorted(
        str(p.relative_to(FIXTURES)) for p in FIXTURES.rglob("*.*") if p.suffix in (".txt", ".md")
    ),
)
def test_the_classified_lines_change_no_parse_of_a_fixture(name: str) -> None:
    text = Text((FIXTURES / name).read_text("utf-8", errors="replace"))
    assert parse(text) == _without_classes(text, None)


def _without_classes(text: Text, layout: str | None) -> object:
    """The parse with no line classified ahead: every line of every item through every
    class, each asked afresh."""
    original, memo = base.text_lines, base.WalkerBase.line_classes
    base.text_lines = lambda view, *_: [False] * len(view)  # type: ignore[assignment]
    base.WalkerBase.line_classes = _asked_afresh  # type: ignore[method-assign]
    try:
        return parse(text, layout=layout)
    finally:
        base.text_lines, base.WalkerBase.line_classes = original, memo  # type: ignore[method-assign]


def _asked_afresh(walker: base.WalkerBase, line: str) -> LineClasses:
    layout = walker.layout
    section = walker.section_name(line)
    return LineClasses(
        empty=len(line) <= walker.empty_length and line.casefold() in walker.empty,
        end=any(p.match(line) for p in layout.decision_end_lines),
        attendance=bool(layout.attendance_line and layout.attendance_line.match(line)),
        proposal=bool(layout.proposal_line and layout.proposal_line.match(line)),
        decision=walker.decision_match(line),
        section=section,
        section_key=_fold(section[0]) if section else "",
        history=any(p.match(line) for p in layout.history_lines),
    )


def detect_plainly(text: Text, cleaned: list[str], layouts: list[Layout]) -> Layout | None:
    """The plain reading of detection: every layout scored on every pattern, in order."""
    joined = "\n" + "\n".join(cleaned)
    raw_text = "\n" + "\n".join(text.lines)
    best, best_key = None, None
    for layout in layouts:
        opening = _opening(cleaned, layout.get("detect", "opening-lines"))
        score = 10 * sum(any(p.match(line) for line in opening) for p in layout.detect_opening)
        score += 5 * sum(p.search(joined) is not None for p in layout.detect_lines)
        if score < layout.get("detect", "min-signature"):
            continue
        if not _count_headings(layout, joined, raw_text):
            continue
        key = (score, layout.get("detect", "priority"))
        if best_key is None or key > best_key:
            best, best_key = layout, key
    return best


# Lines that score for one layout or another: openings, signatures and item headings.
_SIGNATURES = [
    line
    for path in sorted((FIXTURES / "layouts").rglob("*.*"))
    if path.suffix in (".txt", ".md")
    for line in path.read_text("utf-8").splitlines()[:40]
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SIGNATURES), max_size=30), st.permutations(LAYOUTS))
def test_detection_chooses_as_the_plain_reading(lines: list[str], layouts: list[Layout]) -> None:
    text = Text("\n".join(lines))
    cleaned = clean_lines(text)
    assert detect(text, cleaned, layouts) is detect_plainly(text, cleaned, layouts)


@pytest.mark.parametrize(
    "path", sorted(p for p in FIXTURES.rglob("*.*") if p.suffix in (".txt", ".md")), ids=str
)
def test_detection_chooses_as_the_plain_reading_on_a_fixture(path: Path) -> None:
    text = Text(path.read_text("utf-8", errors="replace"))
    cleaned = clean_lines(text)
    assert detect(text, cleaned, LAYOUTS) is detect_plainly(text, cleaned, LAYOUTS)


_DATES = st.lists(
    st.sampled_from(["4. maj 2020", "04-05-2020", "2020-05-04", "mandag d. ", "31.02.2021", "x"]),
    max_size=6,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(_DATES)
def test_a_remembered_date_is_the_date_found_afresh(text: str) -> None:
    assert find_date(text) == _first_date(text)
    assert find_date(text) == _first_date(text)  # asked again: from memory


def test_a_long_value_is_not_remembered() -> None:
    before = _remembered_date.cache_info().currsize
    assert find_date("Mødet den 4. maj 2020. " * 20) == _first_date("Mødet den 4. maj 2020. " * 20)
    assert _remembered_date.cache_info().currsize == before


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="Ab *_`.: \t", max_size=30))
def test_a_remembered_title_folds_as_afresh(title: str) -> None:
    assert fold_title(title) == _folded_title(title)
    assert fold_title(title) == _folded_title(title)  # asked again: from memory


def test_a_long_title_is_not_remembered() -> None:
    before = _remembered_title.cache_info().currsize
    title = "Lokalplan for boliger ved Søndervej. " * 10
    assert fold_title(title) == _folded_title(title)
    assert _remembered_title.cache_info().currsize == before
