"""The readings the lossy repair could not decide between, as every report shows them."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from conftest import ROOT

MINUTES = (
    "Punkt 1: Budget\n\nBeslutning\n\nUdvalget drÅ,ftede sagen. Sagen skal lÅ,ses af udvalget.\n"
)
REPORT_SCHEMA = json.loads(
    resources.files("referat_lint.schema").joinpath("report.schema.json").read_text("utf-8")
)
SARIF_SCHEMA = ROOT / "tests" / "out" / "data" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture
def minutes(tmp_path):
    path = tmp_path / "m.txt"
    path.write_text(MINUTES, "utf-8")
    return path


def test_plain_fix_leaves_the_word_and_unsafe_fixes_applies_the_guess(cli, minutes) -> None:
    run = cli("--select", "RL1", "--fix", str(minutes))
    assert run.code == 1
    assert "several possible readings (`læses`, `løses`)" in run.out
    assert minutes.read_text("utf-8").endswith(
        "Udvalget drøftede sagen. Sagen skal lÅ,ses af udvalget.\n"
    )
    assert cli("--select", "RL1", "--fix", "--unsafe-fixes", str(minutes)).code == 0
    assert minutes.read_text("utf-8").endswith("Sagen skal læses af udvalget.\n")


def test_json_lists_the_other_readings(cli, minutes) -> None:
    data = json.loads(cli("--format", "json", "--select", "RL102", str(minutes)).out)
    jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(data)
    safe, ambiguous = data["files"][0]["diagnostics"]
    assert "suggestions" not in safe["fix"]
    assert ambiguous["fix"]["applicability"] == "unsafe"
    assert ambiguous["fix"]["edits"][0]["replacement"] == "læses"
    assert ambiguous["fix"]["suggestions"] == ["løses"]


def test_sarif_gives_each_other_reading_as_a_fix(cli, minutes) -> None:
    log = json.loads(cli("--format", "sarif", "--select", "RL102", str(minutes)).out)
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    safe, ambiguous = log["runs"][0]["results"]
    assert len(safe["fixes"]) == 1
    best, other = ambiguous["fixes"]
    inserted = [
        fix["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"]
        for fix in (best, other)
    ]
    assert inserted == ["læses", "løses"]
    assert other["description"]["text"].startswith("Other possible reading `løses`")
    regions = [
        fix["artifactChanges"][0]["replacements"][0]["deletedRegion"] for fix in (best, other)
    ]
    assert (
        regions[0]
        == regions[1]
        == {"startLine": 5, "startColumn": 38, "endLine": 5, "endColumn": 44}
    )


def test_html_page_shows_the_other_readings(cli, minutes, tmp_path) -> None:
    out = tmp_path / "report.html"
    cli("--format", "html", "--output", str(out), "--lang", "da", "--select", "RL102", str(minutes))
    page = out.read_text("utf-8")
    assert page.count('<p class="suggestions">') == 1
    assert '<p class="suggestions">Andre mulige læsninger: <code>løses</code></p>' in page


def test_suggestions_survive_the_cache() -> None:
    from referat_lint.checking.findings import finding_from_data, finding_to_data

    from conftest import findings_of

    findings = findings_of(MINUTES)
    ambiguous = next(f for f in findings if f.fix and f.fix.suggestions)
    assert ambiguous.fix.suggestions == ("løses",)
    assert finding_from_data(json.loads(json.dumps(finding_to_data(ambiguous)))) == ambiguous
