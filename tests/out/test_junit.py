"""JUnit XML, read back as CI tools read it: by a standard XML parser and by junitparser."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import junitparser

from referat_lint.checking.findings import Finding, Severity, Span
from referat_lint.checking.runner import FileResult
from referat_lint.out.report import ReportContext, reporter
from referat_lint.rules import all_rules

from conftest import FIXTURES, ROOT


def test_one_suite_per_file_one_case_per_rule(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "junit.xml"
    run = cli(
        "--format", "junit", "-o", str(out),
        "tests/fixtures/mojibake.txt", "tests/fixtures/old_clean.txt", "tests/fixtures/new_defects.txt", "missing.txt",
    )  # fmt: skip
    assert run.code == 2  # missing.txt
    root = ET.parse(out).getroot()
    assert root.tag == "testsuites"
    assert {k: root.get(k) for k in ("tests", "failures", "errors", "skipped")} == {
        "tests": "5", "failures": "3", "errors": "1", "skipped": "0",
    }  # fmt: skip
    suites = {suite.get("name"): suite for suite in root}
    assert list(suites) == [
        "tests/fixtures/mojibake.txt",
        "tests/fixtures/old_clean.txt",
        "tests/fixtures/new_defects.txt",
        "missing.txt",
    ]
    (mojibake,) = suites["tests/fixtures/mojibake.txt"]
    assert mojibake.get("name") == "RL101 mojibake"
    failure = mojibake.find("failure")
    assert failure is not None
    assert (failure.get("type"), failure.get("message")) == ("RL101", "4 findings")
    assert failure.text.splitlines()[0] == (
        "tests/fixtures/mojibake.txt:25:18: RL101 error mis-decoded text `Ã¦`, should read `æ`"
    )
    assert len(failure.text.splitlines()) == 4
    (clean,) = suites["tests/fixtures/old_clean.txt"]
    assert list(clean) == [] and clean.get("name") == "referat-lint"
    names = [case.get("name") for case in suites["tests/fixtures/new_defects.txt"]]
    assert names == ["RL201 missing-case-number", "RL401 empty-decision"]
    (missing,) = suites["missing.txt"]
    assert missing.find("error").get("message") == "no such file or folder"


def test_junitparser_reads_it(cli, tmp_path) -> None:
    out = tmp_path / "junit.xml"
    cli("--format", "junit", "--lang", "da", "-o", str(out), str(FIXTURES / "new_defects.txt"))
    xml = junitparser.JUnitXml.fromfile(str(out))
    cases = [(case.name, case.is_passed) for suite in xml for case in suite]
    assert cases == [("RL201 missing-case-number", False), ("RL401 empty-decision", False)]
    suite = next(iter(xml))
    first = next(iter(suite))
    assert first.result[0].message == "punkt 1 (Tilskud til foreninger) mangler sagsnummer"


def test_info_findings_do_not_fail(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.txt").write_bytes((FIXTURES / "new_defects.txt").read_bytes())
    (tmp_path / ".referat-lint.toml").write_text(
        '[severity]\nempty-decision = "info"\nmissing-case-number = "info"\n', "utf-8"
    )
    run = cli("--format", "junit", "r.txt")
    assert run.code == 0
    root = ET.fromstring(run.out)
    assert root.get("failures") == "0"
    case = root.find("testsuite/testcase[@name='RL401 empty-decision']")
    assert "r.txt:31:1: RL401 info" in case.find("system-out").text


def test_characters_xml_cannot_hold_are_replaced() -> None:
    rules = {rule.name: rule for rule in all_rules()}
    finding = Finding(
        "mojibake-lossy",
        "RL102",
        Severity.ERROR,
        Span(1, 1, 1, 3),
        args={"found": "a\x0cb\x00", "repaired": "ab"},
    )
    results = [FileResult("bad\udcff.txt", (finding,))]
    xml = reporter("junit")(results, ReportContext(rules, "en"))
    case = ET.fromstring(xml).find("testsuite/testcase")
    assert case.get("file") == "bad\ufffd.txt"
    assert case.find("failure").get("message") == (
        "lossy character damage `a\ufffdb\ufffd`, should read `ab`"
    )
