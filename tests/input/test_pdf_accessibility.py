"""The PDF accessibility rules (RL503, RL504, RL506–RL513) on PDFs built with exactly the
defects asked for (tests/pdf_builder.py): tagging, item headings, bookmarks, figures,
tables, lists, fonts, role map, title and language; hostile structure trees.
"""

from __future__ import annotations

import re
import time

import pytest
from pdf_builder import Font, Page, build_pdf
from test_pdf import (
    BROKEN,
    PLAIN,
    accessible_pdf,
    all_rules_by_name,
    findings,
    item_headings,
    minutes_pages,
    where,
)

from referat_lint.checking.runner import load

from conftest import ROOT

A11Y = ("RL503", "RL504", "RL506", "RL507", "RL508", "RL509", "RL510", "RL511", "RL512", "RL513")


def accessibility(data: bytes) -> list[tuple[str, int | None, int]]:
    """(rule, page, line) of the accessibility findings."""
    return where(f for f in findings(data) if f.code in A11Y)


def message(data: bytes, rule: str, lang: str = "en") -> list[str]:
    rules = all_rules_by_name()
    return [rules[rule].message(f, lang) for f in findings(data) if f.rule == rule]


def page(*lines: str, tags: list[str] | None = None, **options) -> Page:
    """A page of lines in the plain font, under a running header."""
    return Page(
        [(PLAIN, "Eksempel Kommune"), *((PLAIN, line) for line in lines)], tags=tags, **options
    )


def tagged(pages: list[Page], **options) -> bytes:
    return build_pdf(pages, pdfa=True, tagged=True, **options)


# --- a clean PDF, an untagged PDF --------------------------------------------------------


def test_a_clean_fully_tagged_minutes_pdf_has_no_findings() -> None:
    # five pages: bookmarks are due
    pages = [*minutes_pages(), page("Underskrifter:", "Anna Jensen"), page("Peter Hansen")]
    assert findings(accessible_pdf(pages, bookmarks=["Punkt 1", "Punkt 2"])) == ()


def test_an_untagged_pdf_gets_one_finding_not_one_per_page() -> None:
    pages = [page(f"Tekst på side {n}.") for n in range(1, 5)]
    data = build_pdf(pages, pdfa=True)
    assert accessibility(data) == [("pdf-not-tagged", 1, 1)]
    assert message(data, "pdf-not-tagged", "da") == [
        "PDF'en er ikke tagget (intet strukturtræ): en skærmlæser kan ikke se overskrifter, "
        "tabeller eller læserækkefølge; gem den som tagget PDF"
    ]


def test_a_tree_without_markinfo_and_pages_out_of_reach() -> None:
    pages = [page("Første side."), page("Anden side."), Page()]  # page 3 is empty
    assert accessibility(tagged(pages, marked=False)) == [("pdf-not-tagged", 1, 1)]
    data = tagged(pages, struct_parents=False)
    assert accessibility(data) == [("pdf-not-tagged", 1, 1)]
    assert message(data, "pdf-not-tagged") == [
        "content on p. 1–2 is neither tagged nor marked as an artifact, or the structure tree "
        "does not reach it: a screen reader reads it without structure or skips it"
    ]
    assert accessibility(tagged(pages)) == []
    # a line drawn outside marked content on page 2 (Matterhorn 01-005)
    loose = [page("Første side."), page("Anden side.", "Løs tekst.", tags=["Artifact", "P", ""])]
    assert accessibility(tagged(loose)) == [("pdf-not-tagged", 2, 3)]


# --- item headings: what only a minutes parser knows -------------------------------------


def test_item_headings_tagged_as_paragraphs_are_named_with_their_pages() -> None:
    data = build_pdf(minutes_pages(), pdfa=True, tagged=True)  # every line a P
    assert accessibility(data) == [("pdf-item-headings", 1, 13)]  # at item 1's heading
    assert message(data, "pdf-item-headings") == [
        "the headings of items 1, 2, 3, 4 (p. 1–3) are tagged as P, not as headings: a "
        "screen reader cannot jump between the items"
    ]
    assert message(data, "pdf-item-headings", "da") == [
        "overskrifterne på punkt 1, 2, 3, 4 (s. 1–3) er tagget som P, ikke som overskrifter: "
        "en skærmlæser kan ikke springe mellem punkterne"
    ]


def test_only_the_items_whose_heading_is_no_heading_are_named() -> None:
    def tags(text: str) -> str:
        if text.startswith("Punkt 2"):
            return "Artifact"  # drawn, but outside the structure
        return "H1" if text.startswith("Punkt ") else "P"

    data = build_pdf(minutes_pages(), pdfa=True, tagged=tags)
    assert accessibility(data) == [("pdf-item-headings", 2, 29)]
    assert message(data, "pdf-item-headings") == [
        "the headings of items 2 (p. 2) are not tagged: a screen reader cannot jump between "
        "the items"
    ]


def test_a_heading_whose_text_is_in_spans_is_a_heading() -> None:
    def tags(text: str) -> str:
        return "H1/Span" if text.startswith("Punkt ") else "P"

    assert accessibility(build_pdf(minutes_pages(), pdfa=True, tagged=tags)) == []


def test_a_heading_with_a_broken_font_is_matched_as_extracted() -> None:
    pages = minutes_pages()
    pages[1].lines = [
        (BROKEN if text.startswith("Punkt 2") else font, text) for font, text in pages[1].lines
    ]
    data = build_pdf(pages, pdfa=True, tagged=item_headings)
    assert "pÅ¥" in load(data).text  # the heading's text is damaged, and repaired for parsing
    assert accessibility(data) == []


def working_group_pages() -> list[Page]:
    """The example working-group minutes (items `1`, sub-items `2.1`) on two pages."""
    text = (ROOT / "examples" / "arbejdsgruppen-for-klimatilpasning-2022-09-15.txt").read_text()
    lines = [line for line in text.split("\n") if line.strip()]
    return [Page([(PLAIN, line) for line in lines[i : i + 30]]) for i in range(0, len(lines), 30)]


def test_sub_item_headings_must_be_below_their_item() -> None:
    def levels(sub_items: str):
        def tags(text: str) -> str:
            if re.match(r"\d+\.\d+\s", text):
                return sub_items
            return "H1" if re.match(r"\d+\s", text) else "P"

        return tags

    pages = working_group_pages()
    assert accessibility(build_pdf(pages, pdfa=True, tagged=levels("H2"))) == []
    flat = build_pdf(pages, pdfa=True, tagged=levels("H1"))
    assert accessibility(flat) == [("pdf-item-headings", 1, 21), ("pdf-item-headings", 1, 27)]
    assert message(flat, "pdf-item-headings")[0] == (
        "the heading of sub-item 2.1 is H1, not below item 2's H1 (p. 1): a screen reader "
        "does not show that it belongs to the item"
    )


def test_headings_through_the_role_map_count_and_unmapped_types_are_named() -> None:
    def tags(text: str) -> str:
        return "Overskrift1" if text.startswith("Punkt ") else "Brødtekst"

    mapped = build_pdf(
        minutes_pages(), pdfa=True, tagged=tags, role_map={"Overskrift1": "H1", "Brødtekst": "P"}
    )
    assert accessibility(mapped) == []
    unmapped = build_pdf(minutes_pages(), pdfa=True, tagged=tags, role_map={"Brødtekst": "P"})
    assert accessibility(unmapped) == [("pdf-role-map", 1, 1), ("pdf-item-headings", 1, 13)]
    assert message(unmapped, "pdf-role-map") == [
        "the structure type `Overskrift1` is not mapped to a standard type in the role map: a "
        "screen reader does not know what it is"
    ]


def test_circular_and_remapped_role_maps() -> None:
    pages = [page("Mødet blev holdt.", tags=["Artifact", "Afsnit"])]
    circular = tagged(pages, role_map={"Afsnit": "Tekst", "Tekst": "Afsnit"})
    assert accessibility(circular) == [("pdf-role-map", 1, 1)]  # the page's first line
    assert "mapped in a circle" in message(circular, "pdf-role-map")[0]
    remapped = tagged([page("Mødet blev holdt.", tags=["Artifact", "P"])], role_map={"P": "H1"})
    assert message(remapped, "pdf-role-map") == [
        "the standard type `P` is remapped in the role map: a screen reader does not read it as `P`"
    ]


def test_skipped_heading_levels() -> None:
    pages = [
        page("Referat", "Indledning", tags=["Artifact", "H1", "P"]),
        page("Punkt 1: Budget", "Tekst.", tags=["Artifact", "H3", "P"]),
        page("Punkt 2: Vej", "Tekst.", tags=["Artifact", "H2", "P"]),
    ]
    data = tagged(pages)
    assert accessibility(data) == [("pdf-item-headings", 2, 4)]
    assert message(data, "pdf-item-headings") == [
        "heading level H3 follows H1 (p. 2): a level is skipped, and a screen reader gives a "
        "wrong picture of the outline"
    ]
    first = tagged([page("Punkt 1: Budget", tags=["Artifact", "H2"])])
    assert accessibility(first) == [("pdf-item-headings", 1, 1)]


# --- bookmarks, figures, tables, lists ---------------------------------------------------


def test_a_long_pdf_needs_bookmarks() -> None:
    five = [page(f"Tekst på side {n}.") for n in range(1, 6)]
    assert accessibility(tagged(five)) == [("pdf-no-bookmarks", 1, 1)]
    assert accessibility(tagged(five, bookmarks=["Referat"])) == []
    assert accessibility(tagged(five[:4])) == []


def test_figures_need_alternative_text() -> None:
    pages = [
        page("Kort over området.", image=True, alt="Kort over Skovbakken med det nye stisystem"),
        page("Foto fra besigtigelsen.", image=True),
    ]
    data = tagged(pages)
    assert accessibility(data) == [("pdf-figure-no-alt", 2, 3)]
    assert message(data, "pdf-figure-no-alt") == [
        "a figure (`Figure`) has no alternative text (`/Alt`): a screen reader skips it or "
        "reads a file name"
    ]


STATUS = ["Status", "Opgave", "Ansvarlig", "Budget", "Teknik", "Cykelsti", "Vej og park"]


def test_a_table_with_header_cells_passes_and_one_without_is_named() -> None:
    header = ["Artifact", "P", *("Table/TR#1/TH" for _ in range(2)), "Table/TR#2/TD"]
    header += ["Table/TR#2/TD", "Table/TR#3/TD", "Table/TR#3/TD"]
    grouped = ["Artifact", "P", "Table/THead/TR#1/TH", "Table/THead/TR#1/TH"]
    grouped += ["Table/TBody/TR#2/TD", "Table/TBody/TR#2/TD", "Table/TBody/TR#3/TD"]
    grouped += ["Table/TBody/TR#3/TD"]
    cells = ["Artifact", "P", *(f"Table/TR#{n // 2}/TD" for n in range(2, 8))]
    loose = ["Artifact", "P", *("Table/TD" for _ in range(6))]
    assert accessibility(tagged([page(*STATUS, tags=header)])) == []
    assert accessibility(tagged([page(*STATUS, tags=grouped)])) == []
    assert accessibility(tagged([page("Forside."), page(*STATUS, tags=cells)])) == [
        ("pdf-table-structure", 2, 3)
    ]
    data = tagged([page(*STATUS, tags=loose)])
    assert accessibility(data) == [("pdf-table-structure", 1, 1)]
    assert message(data, "pdf-table-structure") == [
        "a table (`Table`) does not consist of rows (`TR`) of cells (`TH`/`TD`): a screen "
        "reader cannot read it as a table"
    ]


def test_lists_are_made_of_list_items() -> None:
    lines = ["Deltagere:", "Anna Jensen", "Peter Hansen"]
    good = ["Artifact", "P", "L/LI#1/LBody", "L/LI#2/LBody"]
    bad = ["Artifact", "P", "L/P#1", "L/P#2"]
    assert accessibility(tagged([page(*lines, tags=good)])) == []
    assert accessibility(tagged([page(*lines, tags=bad)])) == [("pdf-list-structure", 1, 1)]


# --- fonts, title, language -------------------------------------------------------------


def test_fonts_not_embedded_or_not_mapped_are_named_with_their_pages() -> None:
    bare = Font("F5", base="Arial", embedded=False)
    odd = Font("F6", base="ABCDEF+Symbolic", differences=("g17", "g18"))
    pages = [
        page("Første side."),
        Page([(PLAIN, "Eksempel Kommune"), (bare, "Tekst i Arial.")]),
        Page([(PLAIN, "Eksempel Kommune"), (bare, "Mere Arial."), (odd, "Tegn.")]),
    ]
    data = tagged(pages)
    assert accessibility(data) == [("pdf-font-not-embedded", 2, 3), ("pdf-font-not-embedded", 3, 5)]
    assert message(data, "pdf-font-not-embedded") == [
        "font F5 (Arial), used on p. 2–3, is not embedded: the reader draws the text with "
        "another font",
        "font F6 (Symbolic), used on p. 3, has neither a ToUnicode map nor a standard "
        "encoding: its characters cannot be mapped back to letters",
    ]


@pytest.mark.parametrize(
    "title", ["16.DOCX", "Dokument1", "Microsoft Word - Dokument1", "referat.pdf", "Untitled"]
)
def test_a_file_name_is_no_title(title) -> None:
    data = tagged([page("Tekst.")], title=title)
    assert accessibility(data) == [("pdf-no-title", 1, 1)]
    assert message(data, "pdf-no-title") == [
        f"the PDF's title `{title}` is a file name, not the document's title: write the "
        "meeting's title in the document properties"
    ]


def test_a_real_title_must_be_in_xmp_and_displayed() -> None:
    title = "Referat Teknik- og Miljøudvalget 14-06-2024"
    assert accessibility(tagged([page("Tekst.")], title=title)) == []
    no_xmp = build_pdf([page("Tekst.")], tagged=True, title=title)
    assert [m.split(" (")[0] for m in message(no_xmp, "pdf-no-title")] == [
        f"the title `{title}` is only in the document information, not in the XMP metadata"
    ]
    for flag in (None, False):
        hidden = tagged([page("Tekst.")], title=title, display_title=flag)
        assert message(hidden, "pdf-no-title") == [
            f"the PDF does not ask the reader to show its title `{title}` (no "
            "`/DisplayDocTitle true`): the title bar and the screen reader give the file name"
        ]
    assert accessibility(tagged([page("Tekst.")], title=None)) == [("pdf-no-title", 1, 1)]


@pytest.mark.parametrize("lang", ["Dansk", "da_DK", "da-", "12"])
def test_an_invalid_language_tag(lang) -> None:
    data = tagged([page("Tekst.")], lang=lang)
    assert accessibility(data) == [("pdf-no-language", 1, 1)]
    assert message(data, "pdf-no-language")[0].startswith(f"the PDF's language `{lang}` is not")


@pytest.mark.parametrize("lang", ["da", "da-DK", "en-GB", "x-local"])
def test_valid_language_tags(lang) -> None:
    assert accessibility(tagged([page("Tekst.")], lang=lang)) == []


# --- hostile structure trees: linear, one line, never a hang ----------------------------


def _cycle(writer, document: int) -> bytes:
    return b"%d 0 R" % writer.add(b"<< /Type /StructElem /S /Sect /K [%d 0 R] >>" % document)


def _deep(writer, _document: int) -> bytes:
    child = writer.add(b"<< /Type /StructElem /S /P /K [] >>")
    for _ in range(20_000):
        child = writer.add(b"<< /Type /StructElem /S /Div /K [%d 0 R] >>" % child)
    return b"%d 0 R" % child


def _wide(writer, _document: int) -> bytes:
    kids = b" ".join(b"%d" % n for n in range(200_000))  # MCIDs of no page
    return b"%d 0 R" % writer.add(b"<< /Type /StructElem /S /Sect /K [%s] >>" % kids)


def _many(writer, _document: int) -> bytes:
    mcids = b" ".join(b"%d" % n for n in range(1_000))
    sections = [writer.add(b"<< /Type /StructElem /S /Sect /K [%s] >>" % mcids) for _ in range(30)]
    return b" ".join(b"%d 0 R" % number for number in sections)


def _self(writer, _document: int) -> bytes:
    number = len(writer.objects) + 1
    return b"%d 0 R" % writer.add(b"<< /Type /StructElem /S /Sect /K %d 0 R >>" % number)


@pytest.mark.parametrize(
    ("hostile", "problem"),
    [
        (_cycle, "an element is reached twice (a cycle)"),
        (_self, "an element is reached twice (a cycle)"),
        (_deep, "deeper than 100 levels"),
        (_many, "more elements than a document of this length can have"),
        (_wide, "the PDF library stopped at LimitReachedError"),  # pypdf's own bound
    ],
)
def test_hostile_structure_trees_give_one_clear_line(hostile, problem) -> None:
    data = build_pdf(minutes_pages(), pdfa=True, tagged=True, extra_kids=hostile)
    start = time.perf_counter()
    source = load(data)
    assert time.perf_counter() - start < 20  # linear: the 200,000 kids are parsed once
    assert source.extracted.pdf.structure.problem == problem
    assert accessibility(data) == [("pdf-not-tagged", 1, 1)]  # no cascade of others
    assert message(data, "pdf-not-tagged") == [
        f"the PDF's structure tree cannot be read whole ({problem}): the other structure "
        "checks were skipped; export the PDF again"
    ]


@pytest.mark.parametrize("code", ["RL501", "RL502", *A11Y])
def test_explain_names_the_matterhorn_checkpoint_and_the_wcag_criterion(cli, code) -> None:
    for lang in ("en", "da"):
        run = cli("--explain", code, "--lang", lang)
        assert run.code == 0 and f"({code})" in run.out
        assert "Matterhorn" in run.out and "WCAG 2.1" in run.out
        if code != "RL501":  # a font's map is the case system's export, not Word's
            assert ("In Word" if lang == "en" else "I Word") in run.out
