"""The layouts of other meeting systems (eDoc, Acadre, SBSYS, working-group minutes): each
fixture's exact (rule, line) findings and what `--show-document` reads from it.

Every fixture `tests/fixtures/layouts/<layout>/<name>.txt` has `<name>.expected.json`:
`layout`, `kind`, `findings` ([rule, line, why]) and `items` (number, title, closed, line,
case_numbers, decision line or null).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from referat_lint.config import build_config
from referat_lint.rules import all_rules

from conftest import FIXTURES, findings_of, rule_lines

LAYOUT_FIXTURES = FIXTURES / "layouts"
CASES = sorted(LAYOUT_FIXTURES.glob("*/*.expected.json"))


def _fixture(expected: Path) -> Path:
    return expected.with_name(expected.name.removesuffix(".expected.json") + ".txt")


def _id(expected: Path) -> str:
    return f"{expected.parent.name}/{_fixture(expected).name}"


def _value(number) -> str:
    return number if isinstance(number, str) else number["value"]


def _essentials(item: dict) -> dict:
    decision = item["decision"]
    return {
        "number": item["number"],
        "title": item["title"],
        "closed": item["closed"],
        "line": item["line"],
        "case_numbers": [_value(n) for n in item["case_numbers"]],
        "decision": None if decision is None else decision["line"],
    }


def test_every_layout_fixture_has_its_expectations() -> None:
    fixtures = sorted(LAYOUT_FIXTURES.glob("*/*.txt"))
    assert fixtures and fixtures == sorted(_fixture(e) for e in CASES)


@pytest.mark.parametrize("expected", CASES, ids=_id)
def test_findings(expected: Path) -> None:
    want = json.loads(expected.read_text("utf-8"))
    found = rule_lines(findings_of(_fixture(expected).read_bytes()))
    assert sorted(found, key=lambda f: (f[1], f[0])) == sorted(
        ((rule, line) for rule, line, *_ in want["findings"]), key=lambda f: (f[1], f[0])
    )


@pytest.mark.parametrize("expected", CASES, ids=_id)
def test_show_document(cli, expected: Path) -> None:
    want = json.loads(expected.read_text("utf-8"))
    run = cli("--show-document", str(_fixture(expected)))
    assert run.code == 0, run.err
    document = run.json()
    assert (document["layout"], document["kind"]) == (want["layout"], want["kind"])
    assert [_essentials(item) for item in document["items"]] == want["items"]


@pytest.mark.parametrize("expected", CASES, ids=_id)
def test_json_report_names_layout_and_kind(cli, expected: Path) -> None:
    want = json.loads(expected.read_text("utf-8"))
    run = cli("--no-cache", "--format", "json", str(_fixture(expected)))
    [report] = run.json()["files"]
    assert (report["layout"], report["kind"]) == (want["layout"], want["kind"])


def _items(cli, path: Path) -> list[dict]:
    run = cli("--show-document", str(path))
    assert run.code == 0, run.err
    return run.json()["items"]


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

    pdf = _items(cli, LAYOUT_FIXTURES / "acadre" / "referat_clean.txt")
    docx = _items(cli, LAYOUT_FIXTURES / "acadre" / "referat_docx_clean.txt")
    assert [facts(i) for i in docx] == [facts(i) for i in pdf]
    assert len(pdf) == 7


def test_history_is_not_the_decision(cli) -> None:
    # Acadre prints the case's earlier decisions first; SBSYS under PUNKTET BEHANDLET
    # TIDLIGERE. Only this meeting's block is the decision.
    [_, lokalplan, *_] = _items(cli, LAYOUT_FIXTURES / "acadre" / "referat_clean.txt")
    assert lokalplan["decision"]["date"]["value"] == "14-05-2019"
    assert [h["date"]["value"] for h in lokalplan["history"]] == ["09-04-2019"]
    [_, budget, *_] = _items(cli, LAYOUT_FIXTURES / "sbsys" / "referat_clean.txt")
    assert budget["decision"]["heading"] == "ØKONOMIUDVALGETS BESLUTNING"
    assert [h["line"] for h in budget["history"]] == [41]


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
