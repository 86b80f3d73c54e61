"""JUnit XML for GitLab, Jenkins and other CI test views.

One test suite per file. A file with findings gets one test case per rule that found
something, failing with that rule's findings; a clean file gets one passing test case; a file
that could not be checked gets an erroring (or, for an empty file, skipped) test case. Info
findings never fail: they go to the test case's system-out.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from referat_lint.checking.findings import Finding, Severity
from referat_lint.checking.result import FileResult
from referat_lint.out.messages import say, text
from referat_lint.out.report import ReportContext
from referat_lint.out.report.text_report import page_mark

TOOL = "referat-lint"

# Characters XML 1.0 cannot hold (C0 controls other than tab and newlines, lone surrogates,
# U+FFFE/U+FFFF); minutes can contain them, and the report must still parse.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    root = ET.Element("testsuites", name=TOOL)
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for result in results:
        suite = _suite(result, context)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _suite(result: FileResult, context: ReportContext) -> ET.Element:
    path = xml_safe(result.path)
    suite = ET.Element("testsuite", name=path)
    cases: list[ET.Element] = []
    if result.problem is not None:
        case = ET.Element("testcase", classname=path, name=TOOL, file=path)
        ET.SubElement(
            case,
            "error" if result.fatal else "skipped",
            message=xml_safe(say(result.problem, context.lang)),
        )
        cases.append(case)
    by_rule: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    for rule_name, findings in sorted(by_rule.items(), key=lambda item: item[1][0].code):
        cases.append(_case(path, rule_name, findings, context))
    if not cases:
        cases.append(ET.Element("testcase", classname=path, name=TOOL, file=path))
    suite.extend(cases)
    suite.set("tests", str(len(cases)))
    for kind, attribute in (("failure", "failures"), ("error", "errors"), ("skipped", "skipped")):
        suite.set(attribute, str(sum(1 for case in cases if case.find(kind) is not None)))
    return suite


def _case(path: str, rule_name: str, findings: list[Finding], context: ReportContext) -> ET.Element:
    rule = context.rules[rule_name]
    case = ET.Element("testcase", classname=path, name=f"{rule.code} {rule.name}", file=path)
    lines = [
        xml_safe(
            f"{path}:{page_mark(f)}{f.span.line}:{f.span.column}: {f.code} {f.severity.value} "
            f"{rule.message(f, context.lang)}"
        )
        for f in findings
    ]
    failing = [f for f in findings if f.severity is not Severity.INFO]
    if failing:
        first = xml_safe(rule.message(failing[0], context.lang))
        count = text("count.finding", context.lang, n=len(findings))
        message = first if len(findings) == 1 else count
        failure = ET.SubElement(case, "failure", message=message, type=rule.code)
        failure.text = "\n".join(lines)
    else:
        ET.SubElement(case, "system-out").text = "\n".join(lines)
    return case
