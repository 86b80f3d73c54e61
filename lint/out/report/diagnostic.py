"""A finding as the machine-readable reports give it, shared by JSON, SARIF and GitLab."""

from __future__ import annotations

from typing import Any

from referat_lint.checking.findings import Finding, finding_to_data
from referat_lint.out.report import ReportContext
from referat_lint.out.report.summary import fixable


def diagnostic(finding: Finding, context: ReportContext) -> dict[str, Any]:
    """The finding's data (`finding_to_data`, the one conversion) as the JSON report's schema
    has it: the message in the report's language, the span as line and column fields,
    whether plain --fix repairs it, and the fix; the offending text is left out."""
    data = finding_to_data(finding)
    line, column, end_line, end_column = data["span"]
    found: dict[str, Any] = {
        "rule": data["rule"],
        "code": data["code"],
        "severity": data["severity"],
        "message": context.rules[finding.rule].message(finding, context.lang),
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "fixable": fixable(finding),
    }
    if "page" in data:
        found["page"] = data["page"]
    if "fix" in data:
        fix = data["fix"]
        found["fix"] = {
            "applicability": fix["applicability"],
            "edits": [{"start": s, "end": e, "replacement": r} for s, e, r in fix["edits"]],
            "encode_as": fix["encode_as"],
        }
        if "suggestions" in fix:
            found["fix"]["suggestions"] = fix["suggestions"]
    return found
