"""JSON output, valid against schema/report.schema.json."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from referat_lint import __version__
from referat_lint.checking.result import FileResult
from referat_lint.out.messages import say
from referat_lint.out.report import ReportContext
from referat_lint.out.report.diagnostic import diagnostic
from referat_lint.out.report.summary import summarize


def file_data(result: FileResult, context: ReportContext) -> dict[str, Any]:
    """One file's entry in the report, without the parts only a run has (fixed, error)."""
    return {
        "path": result.path,
        "encoding": result.encoding,
        "layout": result.layout,
        "kind": result.kind,
        "diagnostics": [diagnostic(f, context) for f in result.findings],
    }


def report_data(results: Sequence[FileResult], context: ReportContext) -> dict[str, Any]:
    """The report as plain data (the JSON document)."""
    summary = summarize(results)
    files = []
    for result in results:
        entry = file_data(result, context)
        if context.fixing:
            entry["fixed"] = len(result.fixed)
        if result.problem is not None:
            entry["error"] = {"message": say(result.problem, context.lang), "fatal": result.fatal}
        files.append(entry)
    return {
        "tool": "referat-lint",
        "version": __version__,
        "lang": context.lang,
        "files": files,
        "summary": {
            "files": summary.files,
            "files_with_diagnostics": summary.files_with_findings,
            "files_not_checked": summary.errors,
            "diagnostics": summary.findings,
            "fixable": summary.fixable,
            "fixed": summary.fixed,
            "by_severity": summary.by_severity,
            "by_rule": summary.by_rule,
        },
    }


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    return json.dumps(report_data(results, context), ensure_ascii=False, indent=2) + "\n"
