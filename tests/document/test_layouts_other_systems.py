"""The layouts of other meeting systems (eDoc, Acadre, SBSYS, working-group minutes) beyond
the per-fixture harness in test_layout_framework.py (which asserts every fixture's exact
findings and --show-document items): the committee read from the header, the DOCX text of
Acadre minutes read like their PDF text, history kept apart from the decision, and an agenda
whose silence on decisions comes from its kind."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from referat_lint.config import build_config
from referat_lint.document.layout import Layout, by_name, load_layouts
from referat_lint.document.model import Text
from referat_lint.document.parse import parse
from referat_lint.rules import all_rules

from conftest import FIXTURES, findings_of, rule_lines

LAYOUT_FIXTURES = FIXTURES / "layouts"
SYSTEMS = ("edoc", "acadre", "sbsys", "getorganized")
CASES = sorted(p for system in SYSTEMS for p in (LAYOUT_FIXTURES / system).glob("*.expected.json"))


def _fixture(expected: Path) -> Path:
    return expected.with_name(expected.name.removesuffix(".expected.json") + ".txt")


def _show(cli, path: Path) -> dict:
    run = cli("--show-document", str(path))
    assert run.code == 0, run.err
    return run.json()


def _value(number) -> str:
    return number if isinstance(number, str) else number["value"]


@pytest.mark.parametrize("expected", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_header_names_the_committee(cli, expected: Path) -> None:
    # The kind word (`Referat`) and the committee stand on lines of their own; the one-file-
    # per-item export has no header at all.
    want = json.loads(expected.read_text("utf-8"))
    assert _show(cli, _fixture(expected))["header"]["body"] == want["body"]


def test_every_system_has_clean_defect_and_agenda_fixtures() -> None:
    for system in SYSTEMS:
        names = {p.name for p in (LAYOUT_FIXTURES / system).glob("*.txt")}
        assert {"referat_clean.txt", "referat_defects.txt", "dagsorden.txt"} <= names, system


def test_acadre_docx_text_reads_like_the_pdf_text(cli) -> None:
    # Tabs, non-breaking spaces, one line per paragraph and no page furniture: the same
    # items, titles, case numbers, closed flags and decisions, on other lines.
    def facts(item: dict) -> tuple:
        decision = item["decision"]
        return (
            item["number"],
            item["title"],
            item["closed"],
            [_value(n) for n in item["case_numbers"]],
            decision and (decision["date"]["value"].replace("\u00a0", " "), decision["text"]),
        )

    pdf = _show(cli, LAYOUT_FIXTURES / "acadre" / "referat_clean.txt")["items"]
    docx = _show(cli, LAYOUT_FIXTURES / "acadre" / "referat_docx_clean.txt")["items"]
    assert [facts(i) for i in docx] == [facts(i) for i in pdf]
    assert len(pdf) == 7


def test_history_is_not_the_decision(cli) -> None:
    # Acadre prints the case's earlier decisions first; SBSYS under PUNKTET BEHANDLET
    # TIDLIGERE. Only this meeting's block is the decision.
    [_, lokalplan, *_] = _show(cli, LAYOUT_FIXTURES / "acadre" / "referat_clean.txt")["items"]
    assert lokalplan["decision"]["date"]["value"] == "14-05-2019"
    assert [h["date"]["value"] for h in lokalplan["history"]] == ["09-04-2019"]
    [_, budget, *_] = _show(cli, LAYOUT_FIXTURES / "sbsys" / "referat_clean.txt")["items"]
    assert budget["decision"]["heading"] == "ØKONOMIUDVALGETS BESLUTNING"
    assert [h["line"] for h in budget["history"]] == [42]


def test_an_agenda_read_as_minutes_gets_decision_findings() -> None:
    # The agenda's clean result is not luck: forced to minutes, its open items without a
    # decision (and the unfilled `Tomt indhold` one) are reported.
    data = (LAYOUT_FIXTURES / "sbsys" / "dagsorden.txt").read_bytes()
    config = build_config({"kind": "minutes"}, all_rules(), None)
    assert rule_lines(findings_of(data, config)) == [
        ("empty-decision", 20),
        ("empty-decision", 42),
        ("malformed-case-number", 47),
    ]


def test_a_numbered_list_restarting_at_1_is_not_items() -> None:
    # `Indstilling` / `1. at ...` / `2. at ...` and a numbered `Bilag` list stand where a
    # heading may stand; only `[items] ascending` (numbers only rise) keeps them text.
    text = Text((LAYOUT_FIXTURES / "edoc" / "referat_lister.txt").read_text("utf-8"))
    edoc = by_name(load_layouts(), "edoc")
    assert edoc is not None
    assert [item.label for item in parse(text, [edoc]).items] == ["1", "2", "3"]
    data = copy.deepcopy(edoc.data)
    data["items"]["ascending"] = False
    labels = [item.label for item in parse(text, [Layout(data)]).items]
    assert labels == ["1", "2", "1", "2", "3", "1", "2", "3", "4", "3"]


def test_case_number_beside_the_heading(cli) -> None:
    # Acadre's PDF prints `Sagsnr.:` to the right of the heading: one line in the text.
    items = _show(cli, LAYOUT_FIXTURES / "acadre" / "dagsorden.txt")["items"]
    assert (items[0]["title"], items[0]["case_numbers"]) == (
        "Godkendelse af dagsorden",
        [{"value": "19/00012", "line": 20, "column": 40}],
    )
    assert (items[3]["title"], items[3]["closed"]) == ("Salg af byggegrund på Kirkevej", True)
    # A label word without a number stays in the title.
    text = Text(
        "1. Ny praksis for sagsnr. i breve\nSagsnr.: 19/00021\n\nBeslutning i X den 1-2-2019\nOk.\n"
    )
    [item] = parse(text, [by_name(load_layouts(), "acadre")]).items
    assert (item.title, [f.value for f in item.case_numbers]) == (
        "Ny praksis for sagsnr. i breve",
        ["19/00021"],
    )


@pytest.mark.parametrize("expected", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_windows_line_endings_read_the_same(expected: Path) -> None:
    want = json.loads(expected.read_text("utf-8"))
    data = _fixture(expected).read_bytes().replace(b"\n", b"\r\n")
    found = rule_lines(findings_of(data))
    assert sorted(found) == sorted((rule, line) for rule, line, *_ in want["findings"])


def test_a_letter_with_numbered_paragraphs_fits_no_layout() -> None:
    # `1. Indledning` looks like an eDoc or Acadre item heading, `Dato:` and `Sagsnr.:` like
    # their labels; without their signatures it is no minutes of theirs.
    letter = (
        "Eksempel Kommune\nTeknik og Miljø\nDato: 07.03.2019\n\n"
        "Høringssvar vedrørende trafikplan\n\n"
        "1. Indledning\nVi har modtaget forslaget til trafikplan.\n\n"
        "2. Bemærkninger\nForeningen ønsker en cykelsti langs Åvej.\nSagsnr.: 2019-10201\n\n"
        "3. Afslutning\nMed venlig hilsen\nGrundejerforeningen Engvej\n"
    )
    assert rule_lines(findings_of(letter)) == [("not-minutes", 1)]
