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
