"""The layouts of further meeting systems (FirstAgenda's published page, Åben Dagsorden,
Meetings+, `Beslutningstema`, `N : Title`, Borgerrepræsentationen-style minutes, `- Åbent`
after the title, `BESLUTNING` first) beyond the per-fixture harness in
test_layout_framework.py: history kept apart from the decision, votes kept in it, a
numbered list not read as items, and detection that leaves every other file alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from referat_lint.document.layout import by_name, load_layouts
from referat_lint.document.model import Text
from referat_lint.document.parse import parse

from conftest import FIXTURES, ROOT, findings_of, rule_lines

LAYOUTS = FIXTURES / "layouts"
NEW = (
    "firstagenda-web",
    "aaben-dagsorden",
    "meetings-plus",
    "beslutningstema",
    "nummer-kolon",
    "borgerrepraesentationen",
    "aabent-efter-titel",
    "beslutning-foerst",
)
REAL = ROOT.parent / "shared" / "real"


def _read(path: Path, **options: str):
    return parse(Text(path.read_text("utf-8")), **options)


def test_firstagenda_page_keeps_history_and_attachments_out_of_the_decision() -> None:
    document = _read(LAYOUTS / "firstagenda-web" / "referat_defects.txt")
    assert (document.header.body, document.header.date.value) == (
        "Byrådet",
        "onsdag den 8. oktober 2025 kl. 16.00",
    )
    cykelsti = document.items[1]
    assert cykelsti.decision is not None and cykelsti.decision.text == "Godkendt."
    [history] = cykelsti.history
    assert history.heading == "Udvalg: Teknik- og Miljøudvalget"
    assert (
        history.text
        == "Dato: 02-09-2025\nPunktnummer: 3\nAnbefales over for Økonomiudvalget og Byrådet."
    )


def test_firstagenda_page_saved_without_blank_lines_reads_the_same() -> None:
    path = LAYOUTS / "firstagenda-web" / "referat_defects.txt"
    text = path.read_text("utf-8")
    dense = "".join(line for line in text.splitlines(keepends=True) if line.strip())

    def facts(document) -> list[tuple]:
        return [
            (
                i.label,
                i.title,
                i.closed,
                [n.value for n in i.case_numbers],
                i.decision and i.decision.text,
            )
            for i in document.items
        ]

    assert facts(parse(Text(dense))) == facts(parse(Text(text)))
    assert [rule for rule, _ in rule_lines(findings_of(dense))] == [
        rule for rule, _ in rule_lines(findings_of(text))
    ]


def test_borgerrepraesentationen_decision_holds_the_votes() -> None:
    document = _read(LAYOUTS / "borgerrepraesentationen" / "referat.txt")
    decision = document.items[1].decision
    assert decision is not None
    assert (decision.committee, decision.date.value) == (
        "Borgerrepræsentationen",
        "2. oktober 2025",
    )
    lines = decision.text.splitlines()
    assert lines[0] == "Ændringsforslag 1" and lines[-1].startswith("Protokolbemærkning:")
    assert "For stemte: Ø og F (12)" in lines
    assert [s.name for s in document.items[1].sections] == [
        "Resumé",
        "Indstilling",
        "Problemstilling",
        "Løsning",
        "Politisk handlerum",
        "Økonomi",
        "Videre proces",
    ]


def test_earlier_handlings_after_the_title_are_history() -> None:
    document = _read(LAYOUTS / "aabent-efter-titel" / "referat.txt")
    belysning, salg = document.items[1:3]
    assert belysning.title == "Ny belysning på Havnevej" and not belysning.closed
    assert [h.date.value for h in belysning.history] == ["7. november 2016", "21. november 2016"]
    assert belysning.decision is not None and belysning.decision.text == "Godkendt."
    assert (salg.title, salg.closed) == ("Salg af Eksempel Skole", True)


def test_decision_first_and_the_course_of_the_case() -> None:
    document = _read(LAYOUTS / "beslutning-foerst" / "referat.txt")
    item = document.items[1]
    assert item.decision is not None and item.decision.line == 16
    assert [h.heading for h in item.history] == [
        "01-09-2014 Teknisk Udvalg",
        "06-10-2014 Teknisk Udvalg",
        "27-10-2014 Økonomiudvalget",
    ]
    assert item.history[-1].text == "Beslutning ikke frigivet"
    assert [s.name for s in item.sections] == ["Resumé", "Indstilling", "Sagens forløb"]


def test_first_section_tells_items_from_a_numbered_list() -> None:
    path = LAYOUTS / "beslutningstema" / "referat.txt"
    assert [i.title for i in _read(path).items] == [
        "Godkendelse af dagsorden",
        "Nye takster for madservice",
        "Status på genoptræning",
    ]
    # A list that goes on from an earlier page (`3.` with no `1.` before it) is not a list
    # restarting at 1: only the key tells its `3. Takst ...` from an item 3.
    text = (
        path.read_text("utf-8")
        .replace("1. Uændret takst.\n\n", "")
        .replace("2. Takst efter prisudviklingen.\n\n", "")
    )
    assert "\n3. Takst med rabat for pensionister." in text and "\n1. Uændret" not in text
    layout = by_name(load_layouts(), "beslutningstema")
    assert layout is not None
    titles = [i.title for i in parse(Text(text), [layout]).items]
    assert "Takst med rabat for pensionister." not in titles
    data = json.loads(json.dumps(layout.data))
    data["items"]["first-section"] = []
    plain = type(layout)(data)
    titles = [i.title for i in parse(Text(text), [plain]).items]
    assert "Takst med rabat for pensionister." in titles


def test_meetings_plus_prefix_is_not_part_of_the_title() -> None:
    document = _read(LAYOUTS / "meetings-plus" / "referat.txt")
    assert [(i.title, i.closed) for i in document.items] == [
        ("Godkendelse af dagsorden", False),
        ("Skoledistrikter fra august 2026", False),
        ("Orientering om elevtal", False),
        ("Personalesag", True),
    ]
    assert [e.title for e in document.toc] == [i.title for i in document.items]


@pytest.mark.parametrize("name", NEW)
def test_each_new_layout_is_needed(name: str) -> None:
    # Without its profile the fixture is read by no other layout: it is unread minutes.
    others = [layout for layout in load_layouts() if layout.name != name]
    for path in sorted((LAYOUTS / name).glob("*.txt")):
        document = parse(Text(path.read_text("utf-8")), others)
        assert (document.layout, document.items) == (None, []), path.name


def test_new_layouts_take_no_file_of_the_others() -> None:
    others = [p for p in sorted(LAYOUTS.glob("*/*.txt")) if p.parent.name not in NEW]
    assert others
    for path in others:
        assert _read(path).layout == path.parent.name, path


def test_new_layouts_take_no_real_document() -> None:
    # Real published minutes of other systems (read at run time, never copied here).
    if not REAL.is_dir():
        pytest.skip("../shared/real is not present")
    paths = sorted(p for p in REAL.rglob("*") if p.suffix in (".txt", ".md"))
    assert paths
    taken = [p.name for p in paths if _read(p).layout in NEW]
    assert taken == []


def test_every_layout_has_a_readme_row_and_fixtures() -> None:
    readme = (ROOT / "docs" / "layouts.md").read_text("utf-8")
    table = readme.split("## Supported layouts", 1)[1].split("### Writing a layout profile")[0]
    rows = {
        line.split("|")[1].strip().strip("`")
        for line in table.splitlines()
        if line.startswith("| `")
    }
    names = {layout.name for layout in load_layouts()}
    assert rows == names
    assert all(any((LAYOUTS / name).glob("*.txt")) for name in names)
