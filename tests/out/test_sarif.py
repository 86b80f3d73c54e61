"""SARIF output, read as its consumers read it: validated against the OASIS 2.1.0 schema."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import jsonschema
import pytest

from conftest import EXAMPLES, FIXTURES, ROOT

SARIF_SCHEMA = ROOT / "tests" / "out" / "data" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    return jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )


def sarif(cli, validator, *args: str) -> dict:
    run = cli("--format", "sarif", *args)
    log = json.loads(run.out)
    validator.validate(log)
    return log


def test_the_schema_check_can_fail(cli, validator) -> None:
    log = sarif(cli, validator, str(FIXTURES / "mojibake.txt"))
    with pytest.raises(jsonschema.ValidationError, match="is not a 'uri'"):
        validator.validate({**log, "$schema": "not a uri"})
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError, match="'fatal' is not one of"):
        validator.validate(log)


def test_rules_and_results(cli, validator, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    log = sarif(cli, validator, "tests/fixtures/mojibake.txt", "tests/fixtures/toc_defects.txt")
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    by_id = {rule["id"]: rule for rule in rules}
    assert by_id["RL101"]["name"] == "mojibake"
    assert by_id["RL101"]["defaultConfiguration"] == {"level": "error"}
    assert by_id["RL303"]["defaultConfiguration"] == {"level": "warning"}
    assert by_id["RL101"]["shortDescription"]["text"].startswith("Mis-decoded text")
    assert "ftfy" in by_id["RL101"]["fullDescription"]["text"]
    assert "--fix" in by_id["RL101"]["help"]["text"]
    assert run["columnKind"] == "unicodeCodePoints"
    located = [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in run["results"]
    ]
    assert located == [
        ("RL101", "tests/fixtures/mojibake.txt", 25),
        ("RL101", "tests/fixtures/mojibake.txt", 25),
        ("RL101", "tests/fixtures/mojibake.txt", 45),
        ("RL101", "tests/fixtures/mojibake.txt", 57),
        ("RL304", "tests/fixtures/toc_defects.txt", 13),
        ("RL305", "tests/fixtures/toc_defects.txt", 13),
        ("RL302", "tests/fixtures/toc_defects.txt", 14),
        ("RL303", "tests/fixtures/toc_defects.txt", 15),
        ("RL301", "tests/fixtures/toc_defects.txt", 56),
    ]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uriBaseId"] == "%SRCROOT%"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == ROOT.as_uri() + "/"


def test_region_and_fix(cli, validator, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    log = sarif(cli, validator, "tests/fixtures/mojibake.txt")
    first = log["runs"][0]["results"][0]
    assert first["level"] == "error"
    assert first["message"]["text"] == "mis-decoded text `Ã¦`, should read `æ`"
    region = {"startLine": 25, "startColumn": 18, "endLine": 25, "endColumn": 20}
    assert first["locations"][0]["physicalLocation"]["region"] == region
    (fix,) = first["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "tests/fixtures/mojibake.txt"
    assert change["replacements"] == [{"deletedRegion": region, "insertedContent": {"text": "æ"}}]
    # Applying the replacement to the line gives the repaired word.
    line = (FIXTURES / "mojibake.txt").read_text("utf-8").splitlines()[24]
    assert (line[: 18 - 1] + "æ" + line[20 - 1 :]).startswith("Godkendt med den ændring")


def test_findings_without_text_fix_have_no_fixes(cli, validator, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    log = sarif(cli, validator, "examples/kultur-og-fritidsudvalget-2025-11-05-cp1252.txt")
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["RL103", "RL201", "RL401"]
    assert all("fixes" not in r for r in results)  # a re-encoding is no text replacement
    assert log["runs"][0]["artifacts"][0]["encoding"] == "cp1252"


def test_danish(cli, validator, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    log = sarif(cli, validator, "--lang", "da", "tests/fixtures/new_defects.txt")
    run = log["runs"][0]
    assert run["language"] == "da"
    assert run["results"][0]["message"]["text"] == (
        "punkt 1 (Tilskud til foreninger) mangler sagsnummer"
    )
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "RL201")
    assert rule["shortDescription"]["text"] == "Et åbent punkt mangler sagsnummer"
    assert rule["help"]["text"].endswith("Denne fejl skal rettes i hånden.")


def test_fingerprints_survive_moved_lines(cli, validator, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    target = Path("referat.txt")
    shutil.copy(FIXTURES / "mojibake.txt", target)
    before = sarif(cli, validator, str(target))["runs"][0]["results"]
    text = target.read_text("utf-8")
    target.write_text("\n\n\n" + text + "\nSlut.\n", "utf-8")
    after = sarif(cli, validator, str(target))["runs"][0]["results"]

    def prints(results):
        return [r["partialFingerprints"]["referatLint/v1"] for r in results]

    def lines(results):
        return [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results]

    assert lines(after) == [line + 3 for line in lines(before)]
    assert prints(after) == prints(before)
    assert len(set(prints(before))) == len(before)  # every finding its own identity


def test_same_text_twice_gets_two_fingerprints(cli, validator, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = (FIXTURES / "mojibake.txt").read_text("utf-8")
    Path("a.txt").write_text(text + "\nEn Ã¦ndring mere.\n", "utf-8")
    results = sarif(cli, validator, "a.txt")["runs"][0]["results"]
    same = [r for r in results if r["message"]["text"].startswith("mis-decoded text `Ã¦`")]
    assert len(same) == 2
    assert len({r["partialFingerprints"]["referatLint/v1"] for r in same}) == 2


def test_files_outside_the_working_directory_and_problems(
    cli, validator, tmp_path, monkeypatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    outside = tmp_path / "uden for.txt"
    shutil.copy(FIXTURES / "new_defects.txt", outside)
    log = sarif(cli, validator, str(outside), "missing.txt")
    run = log["runs"][0]
    assert run["artifacts"][0]["location"] == {"uri": outside.as_uri()}
    assert run["artifacts"][1]["location"] == {"uri": "missing.txt", "uriBaseId": "%SRCROOT%"}
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert "missing.txt" in note["message"]["text"]


def test_examples_validate(cli, validator) -> None:
    log = sarif(cli, validator, str(EXAMPLES))
    assert len(log["runs"][0]["results"]) == 8


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "html"])
def test_a_file_name_that_is_not_utf8(cli, validator, tmp_path, monkeypatch, fmt) -> None:
    monkeypatch.chdir(tmp_path)
    name = os.fsdecode(b"m\xf8de.txt")  # Latin-1 "møde.txt" on a UTF-8 file system
    shutil.copy(FIXTURES / "new_defects.txt", name)
    run = cli("--format", fmt, "-o", "out", name)
    assert (run.code, run.err) == (1, "")
    if fmt == "sarif":
        log = json.loads(Path("out").read_bytes().decode("utf-8", "replace"))
        assert log["runs"][0]["artifacts"][0]["location"]["uri"] == "m%F8de.txt"


def test_help_uri_points_at_the_rules_page(cli, validator, monkeypatch) -> None:
    from referat_lint.out.report import sarif_report

    assert (
        "helpUri"
        not in sarif(cli, validator, str(FIXTURES / "mojibake.txt"))["runs"][0]["tool"]["driver"][
            "rules"
        ][0]
    )  # no repository named in the package: no link
    monkeypatch.setattr(sarif_report, "repository_url", lambda: "https://example.org/referat-lint")
    rules = sarif(cli, validator, str(FIXTURES / "mojibake.txt"))["runs"][0]["tool"]["driver"][
        "rules"
    ]
    prefix = "https://example.org/referat-lint/blob/HEAD/"
    assert {rule["name"]: rule["helpUri"] for rule in rules}["mojibake"] == (
        prefix + "docs/rules/mojibake.md"
    )
    for rule in rules:
        assert (ROOT / rule["helpUri"].removeprefix(prefix)).is_file(), rule["name"]


def test_rule_pages_are_current() -> None:
    from referat_lint.out.docs import PAGES, rule_page
    from referat_lint.rules import all_rules

    folder = ROOT / PAGES
    rules = all_rules()
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{r.name}.md" for r in rules)
    for rule in rules:
        assert (folder / f"{rule.name}.md").read_text("utf-8") == rule_page(rule), (
            "run: python -m referat_lint.out.docs README.md"
        )
