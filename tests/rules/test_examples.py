"""Every rule's own examples, as its TOML file gives them and `--explain` shows them: the bad
one gives exactly that rule, on the line the file names, the good one nothing. The PDF rules
judge the PDF file, which no text can show: their bad and good PDFs are built here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pdf_builder import Page
from test_pdf import PLAIN, accessible_pdf, build_pdf, findings, item_headings, minutes_pages

from referat_lint.checking.findings import FixAvailability
from referat_lint.checking.rule import Rule
from referat_lint.rules import all_rules

from conftest import findings_of


def _five_pages() -> list[Page]:
    """The clean minutes on five pages: enough for bookmarks to be due."""
    extra = [Page([(PLAIN, "Eksempel Kommune"), (PLAIN, f"Bilag {n}.")]) for n in (1, 2)]
    return [*minutes_pages(), *extra]


# A PDF rule: (bad PDF, good PDF) from tests/pdf_builder.py, one defect apart; the finding
# stands on line 1 (page 1) unless LINES names another.
PDFS: dict[str, Callable[[], tuple[bytes, bytes]]] = {
    "pdf-no-language": lambda: (
        accessible_pdf(minutes_pages(), lang=None),
        accessible_pdf(minutes_pages()),
    ),
    "pdf-no-title": lambda: (
        accessible_pdf(minutes_pages(), title=None),
        accessible_pdf(minutes_pages()),
    ),
    "pdf-not-pdfa": lambda: (
        build_pdf(minutes_pages(), tagged=item_headings, xmp=True),
        accessible_pdf(minutes_pages()),
    ),
    "pdf-not-tagged": lambda: (
        build_pdf(minutes_pages(), pdfa=True),
        accessible_pdf(minutes_pages()),
    ),
    "pdf-item-headings": lambda: (
        build_pdf(minutes_pages(), pdfa=True, tagged=True),
        accessible_pdf(minutes_pages()),
    ),
    "pdf-no-bookmarks": lambda: (
        accessible_pdf(_five_pages()),
        accessible_pdf(_five_pages(), bookmarks=["Punkt 1", "Punkt 2"]),
    ),
}
LINES = {"pdf-item-headings": 13}  # at item 1's heading
# PDF rules whose defect needs more than one builder option (a broken font's map, an image
# page, a structure tree's figures, tables, lists, role map, unembedded fonts): each has
# exact tests of its own, named here.
ELSEWHERE = {
    "pdf-broken-font": "tests/input/test_pdf.py builds pages in a font with a broken ToUnicode map",
    "pdf-no-text-layer": "tests/input/test_pdf.py builds a page that is only an image",
    "pdf-figure-no-alt": "tests/input/test_pdf_accessibility.py tags a figure without /Alt",
    "pdf-table-structure": "tests/input/test_pdf_accessibility.py builds bad table trees",
    "pdf-list-structure": "tests/input/test_pdf_accessibility.py builds bad list trees",
    "pdf-font-not-embedded": "tests/input/test_pdf_accessibility.py uses unembedded fonts",
    "pdf-role-map": "tests/input/test_pdf_accessibility.py writes unmapped and circular roles",
}


def _check_availability(rule: Rule, found: list) -> None:
    """The rule's fix availability agrees with the fix its example's finding carries."""
    if rule.fix_availability is FixAvailability.ALWAYS:
        assert all(f.fix is not None for f in found)
    elif rule.fix_availability is FixAvailability.NEVER:
        assert all(f.fix is None for f in found)


@pytest.mark.parametrize(
    "rule", [r for r in all_rules() if r.name not in ELSEWHERE], ids=lambda rule: rule.name
)
def test_the_bad_example_gives_the_rule_and_the_good_one_nothing(rule: Rule) -> None:
    if rule.name in PDFS:
        bad, good = PDFS[rule.name]()
        found = list(findings(bad))
        assert [(f.rule, f.span.line) for f in found] == [(rule.name, LINES.get(rule.name, 1))]
        assert findings(good) == ()
        _check_availability(rule, found)
        return
    example = rule.example
    assert example is not None, f"rules/*.toml: {rule.name} has no example"
    found = list(findings_of(example["bad"].encode(example.get("encoding", "utf-8"))))
    assert [(f.rule, f.span.line) for f in found] == [(rule.name, example["line"])]
    assert findings_of(example["good"]) == ()
    _check_availability(rule, found)


def test_every_rule_is_shown_by_an_example_or_a_built_pdf() -> None:
    names = {rule.name for rule in all_rules()}
    text = {rule.name for rule in all_rules() if rule.example is not None}
    assert not text & (set(PDFS) | set(ELSEWHERE))
    assert text | set(PDFS) | set(ELSEWHERE) == names
    # The tests named for the rules shown elsewhere exist and build that rule's defect.
    root = Path(__file__).resolve().parents[2]
    for name, where in ELSEWHERE.items():
        source = (root / where.split()[0]).read_text("utf-8")
        assert f'"{name}"' in source, (name, where)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_explain_shows_both_examples(cli, lang: str) -> None:
    out = cli("--lang", lang, "--explain", "html-entity").out
    bad, good = (
        ("Eksempel, forkert", "Eksempel, rigtigt")
        if lang == "da"
        else ("Example, bad", "Example, good")
    )
    assert f"\n{bad}:\n\n" in out and f"\n{good}:\n\n" in out
    assert "    Godkendt &amp; sendt videre.\n" in out.split(good)[0]
    assert "    Godkendt & sendt videre.\n" in out.split(good)[1]
    saved = cli("--lang", lang, "--explain", "file-encoding").out
    assert ("gemt som cp1252" if lang == "da" else "saved as cp1252") in saved


def test_explain_masks_the_cpr_number_of_an_example(cli) -> None:
    out = cli("--explain", "cpr-number").out
    assert "010190-1234" not in out and "Ansøgningen fra xxxxxx-xxxx blev godkendt." in out
