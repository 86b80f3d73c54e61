"""GitHub Actions workflow commands: one `::error file=…::message` annotation per finding."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from referat_lint.checking.findings import Severity
from referat_lint.checking.result import FileResult
from referat_lint.input.identity import relative_path
from referat_lint.out.messages import say
from referat_lint.out.report import ReportContext

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message as the Actions runner expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as data, and also `:` and `,`, which end a property."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: object) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return (
        f"::{name} {props}::{escape_data(message)}"
        if props
        else f"::{name}::{escape_data(message)}"
    )


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    lines: list[str] = []
    root = Path.cwd()
    for result in results:
        path = relative_path(result.path, root) or result.path  # the repository-relative path
        if result.problem is not None:
            name = "error" if result.fatal else "warning"
            lines.append(
                command(name, say(result.problem, context.lang), file=path, title="referat-lint")
            )
        for finding in result.findings:
            rule = context.rules[finding.rule]
            span = finding.span
            lines.append(
                command(
                    COMMANDS[finding.severity],
                    rule.message(finding, context.lang),
                    file=path,
                    line=span.line,
                    col=span.column,
                    endLine=span.end_line,
                    endColumn=span.end_column,
                    title=f"{finding.code} {finding.rule}"
                    + (f" p{finding.page}" if finding.page is not None else ""),
                )
            )
    return "".join(line + "\n" for line in lines)
