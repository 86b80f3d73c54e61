"""The parser: what it finds in both dialects and the Markdown form, and that it never raises."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from referat_lint.document.model import Field, Text
from referat_lint.document.parse import clean, parse

from conftest import FIXTURES, real_minutes


def parsed(name: str):
    return parse(Text((FIXTURES / name).read_text("utf-8")))


def test_old_dialect() -> None:
    doc = parsed("old_clean.txt")
    assert doc.header.body == "Økonomiudvalget"
    assert doc.header.date is not None and doc.header.date.line == 5
    assert doc.header.time == "16:00"
    assert doc.header.participants == ["Anne Holm", "Bent Lund", "Carsten Møller"]
    assert [(e.title, e.closed, e.page, e.line) for e in doc.toc] == [
        ("Godkendelse af dagsorden", False, 3, 13),
        ("Anlægsbevilling til skolerenovering", False, 4, 14),
        ("Køb af ejendom", True, 5, 15),
        ("Eventuelt", False, 6, 16),
    ]
    first, second, closed, eventuelt = doc.items
    assert [c.value for c in first.case_numbers] == ["114-2021-1021"]
    assert [(j.value, j.line, j.column) for j in first.journal_numbers] == [("00.01.00", 26, 31)]
    assert [d.value for d in first.document_numbers] == ["114-2021-40211"]
    assert first.subheading is not None and first.subheading.value.startswith("1. ")
    assert first.decision is not None and first.decision.text == "Godkendt."
    # "Beslutning." under Sagstype is the case type, not the decision
    assert [s.name for s in first.sections][:2] == ["Sagsfremstilling", "Sagstype"]
    assert [c.value for c in second.case_numbers] == ["114-2020-8812"]
    assert second.decision is not None and second.decision.line == 86
    assert closed.closed and closed.title == "Køb af ejendom" and closed.line == closed.end_line
    assert eventuelt.standard and eventuelt.decision is not None
    assert eventuelt.decision.text == "-"


def test_new_dialect() -> None:
    doc = parsed("new_clean.txt")
    assert doc.header.participants == [
        "Dorthe Krogh",
        "Erik Nørgaard",
        "Frida Østergaard",
        "Gustav Ågård",
    ]
    one, two, closed, eventuelt = doc.items
    assert [(c.value, c.line) for c in one.case_numbers] == [("24-004512", 21)]
    assert one.decision is not None and one.decision.line == 23
    assert [c.value for c in two.case_numbers] == ["23-019877K"]
    assert closed.closed and not closed.case_numbers
    assert not eventuelt.case_numbers and eventuelt.decision is not None


def test_markdown_variant() -> None:
    doc = parsed("markdown_clean.md")
    assert doc.header.body == "Byrådet"
    assert [i.title for i in doc.items] == [
        "Spørgetid for borgerne",
        "Personalesag",
        "Budget 2023 - andenbehandling",
        "Eventuelt",
    ]
    assert [i.closed for i in doc.items] == [False, True, False, False]
    assert doc.items[2].decision is not None
    assert doc.items[2].decision.text.startswith("Budgettet blev vedtaget")


def test_other_exports() -> None:
    doc = parsed("variants.txt")
    assert [(e.title, e.closed, e.page, e.line) for e in doc.toc] == [
        # cut short by the export, page after a single space
        ("Forslag til lokalplan nr. 1042 for boliger ved Hasselager-Kolt, med ti", False, 17, 13),
        # dots and a space before the page instead of a tab
        ("Vejnavne i nyt boligområde ved Ålykke", False, 19, 14),
        # wrapped onto a second line
        (
            "Udbud af vintertjeneste og renholdelse af veje, stier og pladser i kommunen "
            "for perioden 2019 - 2023",
            False,
            20,
            15,
        ),
        ("Ekspropriation til cykelsti", True, 21, 17),
        ("Eventuelt", False, 22, 18),
    ]
    one, two, three, closed, _ = doc.items
    assert one.title.endswith("med tilhørende tillæg til kommuneplanen")
    assert one.title_lines == (20, 21)
    assert three.title_lines == (52, 53, 54)
    assert [c.value for c in one.case_numbers] == ["12/27845"]
    assert [c.value for c in two.case_numbers] == ["EMN-2025-003383"]
    assert [c.value for c in three.case_numbers] == ["2012-28504"]
    assert one.decision is not None and one.decision.heading.startswith("Beslutning i Plan-")
    assert two.decision is not None and two.decision.heading == "Beslutninger"
    assert closed.closed and [c.value for c in closed.case_numbers] == ["2018-41177"]
    assert closed.decision is not None


def test_dates_decisions_and_what_cannot_be_placed() -> None:
    doc = parsed("dates_defects.txt")
    assert doc.header.title_date == Field("10-03-2021", 3, 26)
    two = doc.items[1]
    # the decision dated the meeting's day is this meeting's; the other is the case's history
    assert [(d.committee, d.date, d.line) for d in two.decisions] == [
        ("Miljøudvalget", Field("9. marts", 52, 25), 52),
    ]
    assert [(d.committee, d.date, d.line) for d in two.history] == [
        ("Økonomiudvalget", Field("1. marts 2021", 48, 27), 48),
    ]
    assert two.decision is two.decisions[-1]
    closed = parsed("closed_items.txt").items
    assert closed[3].unplaced == [(67, "Klageren har anmodet om aktindsigt i sagens dokumenter.")]
    # the "Lukket" marker line is part of the item header, not Sagsfremstilling text
    assert closed[0].sections[0].name == "Sagsfremstilling" and not closed[0].sections[0].body
    assert not closed[0].unplaced


def test_case_numbers_in_no_known_format() -> None:
    [new] = parsed("new_case_numbers.txt").items[:1]
    assert new.case_numbers == new.malformed_case_numbers == [Field("20-08207", 19, 1)]
    old = parsed("case_numbers_defects.txt").items[0]
    assert old.case_numbers == old.malformed_case_numbers == [Field("114-25-1021", 24, 10)]
    assert [j.value for j in old.journal_numbers] == ["00.1.00"]


def test_clean_strips_markdown_and_residue() -> None:
    assert clean("## **Punkt 2: Lukket: Program**") == "Punkt 2: Lukket: Program"
    assert clean("Dokumentnr.: 326-2016-6822 ^{Åbent}") == "Dokumentnr.: 326-2016-6822 Åbent"
    assert clean("Status <i>Jane Hald</i>\t") == "Status Jane Hald"


def test_clean_strips_what_the_markup_rule_calls_residue_and_nothing_else() -> None:
    from referat_lint.rules.markup import _inline

    # the parser and the markup rule read tags and superscripts with one set of patterns
    assert clean("Punkt 4: Vej <fx> og a < b > c") == "Punkt 4: Vej <fx> og a < b > c"
    assert [r.found for r in _inline("Punkt 4: Vej <fx> og a < b > c")] == []
    assert clean("Punkt 4: <span>Vej</span> m^{2}") == "Punkt 4: Vej m2"
    assert [r.key for r in _inline("Punkt 4: <span>Vej</span> m^{2}")] == [
        "tag",
        "superscript",
    ]


def test_real_minutes_parse_into_items() -> None:
    counts = {}
    for prefix in ("000", "001", "002", "003", "004"):
        doc = parse(Text(real_minutes(prefix).read_text("utf-8")))
        counts[prefix] = (len(doc.toc), len(doc.items), sum(not i.closed for i in doc.items))
    assert counts == {
        "000": (8, 8, 4),
        "001": (8, 8, 6),
        "002": (9, 9, 6),
        "003": (8, 8, 5),
        "004": (5, 5, 2),
    }


_minutes_words = st.sampled_from(
    [
        "Punkt 1: ",
        "Punkt 2: Lukket: ",
        "Indholdsfortegnelse",
        "Beslutning",
        "Sagstype",
        "Sagsnr.: ",
        "22-010739",
        ".....\t3",
        "Direktionens møde den 4. maj 2020:",
        "#",
        "**",
        "^{",
        "-",
        "\n",
        "\r\n",
        "\r",
        " ",
        "Å,",
        "Ã¥",
        "Eventuelt",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_minutes_words, st.text(max_size=8)), max_size=60))
def test_parser_never_raises(pieces: list[str]) -> None:
    text = "".join(pieces)
    doc = parse(Text(text))
    assert doc.is_minutes == bool(doc.items)
    for item in doc.items:
        assert item.line <= item.end_line or item.line == item.end_line + 1
