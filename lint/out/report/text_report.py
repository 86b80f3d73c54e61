"""Text output: `path:line:col: severity CODE rule-name [*] message`, one finding a line,
then a summary. `[*]` marks a finding that --fix repairs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from referat_lint.checking.findings import Finding, Severity
from referat_lint.checking.result import FileResult
from referat_lint.out.messages import text
from referat_lint.out.report import ReportContext
from referat_lint.out.report.line_fixes import by_line, merged_view
from referat_lint.out.report.summary import Summary, fixable, summarize

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
FIXABLE_MARK = "[*]"


def _paint(text: str, code: str, on: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if on else text


def where(result: FileResult, finding: Finding) -> str:
    """The location prefix of a finding's line: `path:line:column:`."""
    return f"{result.path}:{page_mark(finding)}{finding.span.line}:{finding.span.column}:"


def finding_line(result: FileResult, finding: Finding, context: ReportContext) -> str:
    """One finding as one line, its severity and whether --fix repairs it in words."""
    rule = context.rules[finding.rule]
    color = context.color
    severity = _paint(
        text(f"severity.{finding.severity.value}", context.lang),
        _COLORS[finding.severity],
        color,
    )
    mark = f" {FIXABLE_MARK}" if fixable(finding) else ""
    return (
        f"{_paint(where(result, finding), '1', color)} {severity} {finding.code} "
        f"{finding.rule}{mark} {rule.message(finding, context.lang)}"
    )


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    lines = [line for result in results for line in file_lines(result, context)]
    if context.show_fixes and context.fixing:
        lines += fixes(results, context)
    lines.append(summary_line(summarize(results, context.unlisted), context))
    return "\n".join(lines) + "\n"


def file_lines(result: FileResult, context: ReportContext) -> list[str]:
    """One file's part of the report: a line for each finding (and with --show-fixes, each
    fix's line before and after). A report written as results arrive prints these."""
    lines: list[str] = []
    for group in by_line(result.findings):
        if context.quiet:  # quiet: problems only, no notes
            group = [finding for finding in group if finding.severity is not Severity.INFO]
        lines += [finding_line(result, finding, context) for finding in group]
        if context.show_fixes:
            lines += _fix_lines([f for f in group if fixable(f)])
    return lines


def _fix_lines(findings: list[Finding]) -> list[str]:
    """The line before and after the fixes of `findings` (all on one line)."""
    merged = merged_view(findings)
    views = [merged] if merged is not None else [f.fix_view for f in findings if f.fix_view]
    return [line for v in views for line in (f"    -{v.before}", f"    +{v.after}")]


def statistics(results: Sequence[FileResult], context: ReportContext) -> str:
    """Counts per rule, most frequent first, as `count  CODE  name  [*]`."""
    counts = Counter(f.rule for r in results for f in r.findings)
    with_fix = {f.rule for r in results for f in r.findings if fixable(f)}
    rows = sorted(counts.items(), key=lambda item: (-item[1], context.rules[item[0]].code))
    width = max((len(str(count)) for count in counts.values()), default=1)
    lines = [
        f"{count:>{width}}  {context.rules[name].code}  {name}"
        + (f"  {FIXABLE_MARK}" if name in with_fix else "")
        for name, count in rows
    ]
    if with_fix:
        lines.append(text("statistics.fixable", context.lang))
    lines.append(summary_line(summarize(results, context.unlisted), context))
    return "\n".join(lines) + "\n"


def fixes(results: Sequence[FileResult], context: ReportContext) -> list[str]:
    """What --fix repaired: per file, how many findings of each rule."""
    total = sum(len(r.fixed) for r in results)
    if not total:
        return []
    lines = [text("fixes.header", context.lang, n=total)]
    for result in results:
        if not result.fixed:
            continue
        lines.append(f"- {result.path}:")
        for name, count in sorted(Counter(f.rule for f in result.fixed).items()):
            lines.append(f"    {count} × {context.rules[name].code} ({name})")
    return lines


def page_mark(finding: Finding) -> str:
    """`p3:` before the line of a finding on page 3 of a PDF; nothing for a text file."""
    return f"p{finding.page}:" if finding.page is not None else ""


def summary_line(summary: Summary, context: ReportContext) -> str:
    """One line: what was fixed, what was found, what could not be checked."""
    lang = context.lang
    notes = summary.by_severity.get(Severity.INFO.value, 0)
    problems = summary.findings - notes
    files = text("count.file", lang, n=summary.files)
    parts: list[str] = []
    if context.fixing and summary.fixed:
        parts.append(text("summary.fixed", lang, n=summary.fixed) + ".")
    if context.diffing and summary.fixed:
        fixed_files = text("count.file", lang, n=summary.files_fixed)
        parts.append(text("summary.would-fix", lang, n=summary.fixed, files=fixed_files))
    if summary.diff_hidden:
        parts.append(text("summary.diff-hidden", lang, n=summary.diff_hidden))
    if problems:
        found = text(
            "summary.found",
            lang,
            problems=text("count.problem", lang, n=problems),
            files_with=summary.files_with_problems,
            files=files,
        )
        if summary.fixable and not context.fixing and not context.diffing:
            found += text(context.fix_hint, lang, n=summary.fixable)
        parts.append(found + ".")
    elif not (context.diffing and summary.fixed):  # "would fix" already says what is there
        parts.append(text("summary.clean", lang, files=files))
    if notes:
        parts.append(text("summary.notes", lang, n=notes))
    if context.known:
        parts.append(text("summary.baseline", lang, n=context.known))
    if summary.errors:
        parts.append(text("summary.errors", lang, n=summary.errors))
    return " ".join(parts)
