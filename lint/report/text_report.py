"""Text output: `path:line:col: CODE rule-name message`, one finding a line, then a summary."""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import Finding, Severity
from ..runner import FileResult
from . import ReportContext
from .summary import Summary, summarize

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}

_SUMMARY = {
    "da": {
        "fixed": "Rettede {fixed} problem(er).",
        "found": "Fandt {findings} problem(er) i {files_with_findings} af {files} fil(er)",
        "fixable": " ({fixable} kan rettes med --fix)",
        "clean": "Ingen problemer i {files} fil(er).",
        "errors": "{errors} fil(er) kunne ikke kontrolleres.",
    },
    "en": {
        "fixed": "Fixed {fixed} problem(s).",
        "found": "Found {findings} problem(s) in {files_with_findings} of {files} file(s)",
        "fixable": " ({fixable} fixable with --fix)",
        "clean": "No problems in {files} file(s).",
        "errors": "{errors} file(s) could not be checked.",
    },
}


def _paint(text: str, code: str, on: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if on else text


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    lines: list[str] = []
    for result in results:
        for finding in result.findings:
            rule = context.rules[finding.rule]
            where = f"{result.path}:{page_mark(finding)}{finding.span.line}:{finding.span.column}:"
            code = _paint(finding.code, _COLORS[finding.severity], context.color)
            lines.append(
                f"{_paint(where, '1', context.color)} {code} {finding.rule} "
                f"{rule.message(finding, context.lang)}"
            )
    lines.append(summary_line(summarize(results), context))
    return "\n".join(lines) + "\n"


def page_mark(finding: Finding) -> str:
    """`p3:` before the line of a finding on page 3 of a PDF; nothing for a text file."""
    return f"p{finding.page}:" if finding.page is not None else ""


def summary_line(summary: Summary, context: ReportContext) -> str:
    """One line: what was fixed, what was found, what could not be checked."""
    texts = _SUMMARY[context.lang]
    counts = summary._asdict()
    parts: list[str] = []
    if context.fixing and summary.fixed:
        parts.append(texts["fixed"].format(**counts))
    if summary.findings:
        found = texts["found"].format(**counts)
        if summary.fixable and not context.fixing:
            found += texts["fixable"].format(**counts)
        parts.append(found + ".")
    else:
        parts.append(texts["clean"].format(**counts))
    if summary.errors:
        parts.append(texts["errors"].format(**counts))
    return " ".join(parts)
