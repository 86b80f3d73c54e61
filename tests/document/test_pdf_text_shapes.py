"""Shapes that text out of a published PDF takes: no blank lines, titles wrapped at the
page's width (the heading's larger font wraps sooner), the contents running straight into
the first item. Each must read as the same minutes with blank lines would."""

from __future__ import annotations

from referat_lint.document.model import Text
from referat_lint.document.parse import parse

from conftest import findings_of, rule_lines

# `Punkt N:` minutes as PDF text: no blank line anywhere, a closed item whose published
# decision stands right under its heading, attendance under it.
PUNKT_NO_BLANKS = """\
REFERAT Kultur- og Fritidsudvalget d. 04-03-2025
Mødedato Tirsdag d. 4. marts 2025 kl. 16:00
Mødested Mødelokale 2, Rådhuset
Punkt 1: Godkendelse af dagsorden
2025-001234
Beslutning
Godkendt.
Punkt 2: Lukket: Orientering
Udvalget drøftede henvendelsen.
Afbud: Anne Eksempel
Punkt 3: Orientering fra formanden
2025-001240
Beslutning
Orienteringen blev drøftet.
"""

# The same items with their blank lines: the reading the text above must match.
PUNKT_WITH_BLANKS = "\n\n".join(PUNKT_NO_BLANKS.splitlines()) + "\n"


def _reading(text: str) -> list[tuple[str, str, bool, list[str], str | None]]:
    doc = parse(Text(text))
    return [
        (
            item.label,
            item.title,
            item.closed,
            [c.value for c in item.case_numbers],
            item.decision.text if item.decision else None,
        )
        for item in doc.items
    ]


def test_closed_item_decision_without_blank_lines() -> None:
    expected = [
        ("1", "Godkendelse af dagsorden", False, ["2025-001234"], "Godkendt."),
        ("2", "Orientering", True, [], "Udvalget drøftede henvendelsen."),
        ("3", "Orientering fra formanden", False, ["2025-001240"], "Orienteringen blev drøftet."),
    ]
    assert _reading(PUNKT_WITH_BLANKS) == expected
    assert _reading(PUNKT_NO_BLANKS) == expected
    assert rule_lines(findings_of(PUNKT_NO_BLANKS)) == []


def test_a_sentence_after_a_full_heading_line_still_wraps_it() -> None:
    # A long heading line has no room left: the next line is its title's end, even though
    # it reads as a sentence.
    text = PUNKT_NO_BLANKS.replace(
        "Punkt 3: Orientering fra formanden\n",
        "Punkt 3: Orientering fra formanden om arbejdet i bestyrelsen for Eksempel\n"
        "Kulturhus og om den nye aftale med foreningerne.\n",
    )
    title = _reading(text)[2][1]
    assert title == (
        "Orientering fra formanden om arbejdet i bestyrelsen for Eksempel Kulturhus og om "
        "den nye aftale med foreningerne."
    )


# A title wrapped before a year range that looks like a `YYYY-NNNN` case number.
PUNKT_YEAR_RANGE = """\
REFERAT Kultur- og Fritidsudvalget d. 04-03-2025

Mødedato Tirsdag d. 4. marts 2025 kl. 16:00

Punkt 1: Godkendelse af dagsorden

2025-001234

Beslutning

Godkendt.

Punkt 2: Plan for vedligeholdelse af idrætshaller og svømmehaller i perioden
2026-2029

2025-004711

Beslutning

Planen blev godkendt.
"""


def test_title_wrapped_after_a_dangling_word_keeps_its_year_range() -> None:
    assert _reading(PUNKT_YEAR_RANGE)[1] == (
        "2",
        "Plan for vedligeholdelse af idrætshaller og svømmehaller i perioden 2026-2029",
        False,
        ["2025-004711"],
        "Planen blev godkendt.",
    )
    assert rule_lines(findings_of(PUNKT_YEAR_RANGE)) == []


# eDoc minutes as PDF text: the heading's larger font wraps the title before its year range,
# and the labelled case number follows.
EDOC_WRAPPED = """\
Kultur- og Fritidsudvalget
Referat
Åbent referat
Dato: 04.03.2025
INDHOLDSFORTEGNELSE
Åbent referat
1. Godkendelse af dagsorden 2
2. Kvalitetsstandarder for idrætsfaciliteter 2025-2026 2
1. Godkendelse af dagsorden
Sagsnr.: 2025-001234
Dok.nr.: 2025-100001
Kultur- og Fritidsudvalgets beslutning den 04.03.2025 Punkt 1
Godkendt.
2. Kvalitetsstandarder for idrætsfaciliteter
2025-2026
Sagsnr.: 2025-004712
Dok.nr.: 2025-100002
Indstilling
Forvaltningen indstiller, at kvalitetsstandarderne godkendes.
Kultur- og Fritidsudvalgets beslutning den 04.03.2025 Punkt 2
Godkendt.
"""


def test_title_wrapped_before_a_year_range_over_a_labelled_case_number() -> None:
    doc = parse(Text(EDOC_WRAPPED))
    assert doc.layout == "edoc"
    assert _reading(EDOC_WRAPPED) == [
        ("1", "Godkendelse af dagsorden", False, ["2025-001234"], "Godkendt."),
        (
            "2",
            "Kvalitetsstandarder for idrætsfaciliteter 2025-2026",
            False,
            ["2025-004712"],
            "Godkendt.",
        ),
    ]
    assert rule_lines(findings_of(EDOC_WRAPPED)) == []


# Acadre minutes as PDF text: the contents' last entry runs straight into the first item,
# which repeats it.
ACADRE_NO_BLANKS = """\
Referat
Kultur- og Fritidsudvalget
Mødedato: Tirsdag den 4. marts 2025
Indholdsfortegnelse
Punkt nr. Side
301. Godkendelse af dagsorden 2
302. Tilskud til foreningslivet 2
301. Godkendelse af dagsorden
Sagsnr.: 25/00012
Sagen afgøres i: Kultur- og Fritidsudvalget
Beslutning i Kultur- og Fritidsudvalget den 04-03-2025
Godkendt.
302. Tilskud til foreningslivet
Sagsnr.: 25/00345
Sagen afgøres i: Kultur- og Fritidsudvalget
Beslutning i Kultur- og Fritidsudvalget den 04-03-2025
Tilskuddet blev bevilget.
"""


def test_contents_end_at_the_first_item_without_a_blank_line() -> None:
    doc = parse(Text(ACADRE_NO_BLANKS))
    assert doc.layout == "acadre"
    assert [(e.number, e.title, e.page, e.line) for e in doc.toc] == [
        ("301", "Godkendelse af dagsorden", 2, 6),
        ("302", "Tilskud til foreningslivet", 2, 7),
    ]
    assert _reading(ACADRE_NO_BLANKS) == [
        ("301", "Godkendelse af dagsorden", False, ["25/00012"], "Godkendt."),
        ("302", "Tilskud til foreningslivet", False, ["25/00345"], "Tilskuddet blev bevilget."),
    ]
    assert rule_lines(findings_of(ACADRE_NO_BLANKS)) == []


def test_decision_heading_wrapped_at_the_page_width() -> None:
    # `<Udvalg>s beslutning den <date> Punkt N` in a narrow column: two lines, and the
    # decision's date is on the second.
    text = EDOC_WRAPPED.replace(
        "Kultur- og Fritidsudvalgets beslutning den 04.03.2025 Punkt 2\n",
        "Kultur- og Fritidsudvalgets beslutning den\n04.03.2025 Punkt 2\n",
    )
    items = parse(Text(text)).items
    assert _reading(text) == _reading(EDOC_WRAPPED)
    decision = items[1].decision
    assert decision is not None and decision.date is not None
    assert (decision.line, decision.date.line, decision.date.column) == (20, 21, 1)
    assert rule_lines(findings_of(text)) == []


def test_a_sentence_ending_in_a_decision_word_takes_no_heading_from_the_next_line() -> None:
    text = EDOC_WRAPPED.replace(
        "Forvaltningen indstiller, at kvalitetsstandarderne godkendes.\n",
        "Forvaltningen indstiller, at kvalitetsstandarderne godkendes, jf. beslutning\n"
        "fra sidste møde.\n",
    )
    assert _reading(text) == _reading(EDOC_WRAPPED)
    assert rule_lines(findings_of(text)) == []
