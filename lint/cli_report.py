"""The run's output: notes and problems on stderr, the report (written whole, or file by
file as results arrive), and the exit code from what was found."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from referat_lint.checking.rule import Rule
from referat_lint.checking.runner import FileResult, Mode
from referat_lint.cli_args import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from referat_lint.config import Config
from referat_lint.input.atomic import WriteError, write_atomic
from referat_lint.out import privacy
from referat_lint.out.messages import say, text
from referat_lint.out.report import ReportContext, reporter
from referat_lint.out.report.summary import Summary, Tally, summarize
from referat_lint.out.report.text_report import file_lines, statistics, summary_line


def _stream_text(
    results: Iterable[FileResult],
    args: argparse.Namespace,
    rules: Sequence[Rule],
    lang: str,
    mode: Mode,
    config: Config,
) -> int:
    """The text report written file by file as results arrive, then the summary: a run
    over an archive of any size holds the counts, not the results. Each file's lines are
    masked and made inert as the whole report is (`privacy.seal`), its note or problem
    on stderr as it comes."""
    context = _context(args, rules, lang, mode, sys.stdout)
    tally = Tally()
    for result in results:
        _print_notes_and_problems([result], args.quiet, lang)
        tally.add(result)
        [shown] = privacy.for_format([result], "text")
        lines = file_lines(shown, context)
        if lines:
            sys.stdout.write(privacy.seal("\n".join(lines) + "\n", "text", color=context.color))
    summary = tally.summary()
    if not (args.quiet and not summary.files_with_problems):
        line = summary_line(summary, context)
        sys.stdout.write(privacy.seal(line + "\n", "text", color=context.color))
    return _exit_code(summary, args, config)


def _nothing_to_report(result: FileResult) -> bool:
    """A file checked, with no finding, problem, note, fix, diff or output."""
    return not (
        result.findings
        or result.fixed
        or result.problem is not None
        or result.note is not None
        or result.output is not None
        or result.diff
        or result.diff_hidden
    )


def _print_notes_and_problems(results: list[FileResult], quiet: bool, lang: str) -> None:
    """One stderr line for each file's note (unless --quiet) and each file not checked."""
    for result in results:
        if result.note is not None and not quiet:
            note = f"referat-lint: {result.path}: {say(result.note, lang)}"
            _error_line(note)
        if result.problem is not None:
            level = text("level.error" if result.fatal else "level.warning", lang)
            problem = say(result.problem, lang)
            line = f"referat-lint: {level}: {result.path}: {problem}"
            _error_line(line)


def _error_line(message: str) -> None:
    """One line on stderr, masked and inert like every output."""
    print(privacy.line(message), file=sys.stderr)


def _report(
    results: list[FileResult],
    args: argparse.Namespace,
    rules: Sequence[Rule],
    lang: str,
    mode: Mode,
    known: int,
    config: Config,
    unlisted: int = 0,
) -> int:
    # `--fix -`: stdout is the file, so the report goes to stderr, whatever became of it.
    stdin_fix = any(result.output is not None for result in results) or (
        mode is Mode.FIX and "-" in args.paths
    )
    for result in results:
        if result.output is not None:
            sys.stdout.buffer.write(result.output)
            sys.stdout.flush()
    if mode is Mode.DIFF:
        for result in results:
            sys.stdout.write(privacy.lines(result.diff))
    out = sys.stderr if stdin_fix or mode is Mode.DIFF else sys.stdout
    if args.fix_only:
        return _fixed_only(results, args, lang)
    context = _context(args, rules, lang, mode, out, known, unlisted)
    try:
        if args.statistics and args.format == "text":
            report = statistics(privacy.for_format(results, "text"), context)
        else:
            report = reporter(args.format)(privacy.for_format(results, args.format), context)
    except Exception as error:  # a bug in a reporter: one line, not a traceback
        _error_line(
            f"referat-lint: error: cannot write the {args.format} report: "
            f"{type(error).__name__}: {error}"
        )
        return EXIT_ERROR
    # The last line of defence: whatever a reporter wrote is masked and made inert.
    report = privacy.seal(report, args.format, color=context.color)
    summary = summarize(results)
    if args.output:
        if not _write_report(report, args.output, lang):
            return EXIT_ERROR
    elif not (args.quiet and args.format == "text" and not summary.files_with_problems):
        out.write(report)
    would_change = mode is Mode.DIFF and any(r.diff or r.diff_hidden for r in results)
    return _exit_code(summary, args, config, would_change)


def _context(
    args: argparse.Namespace,
    rules: Sequence[Rule],
    lang: str,
    mode: Mode,
    out: TextIO,
    known: int = 0,
    unlisted: int = 0,
) -> ReportContext:
    return ReportContext(
        rules={rule.name: rule for rule in rules},
        lang=lang,
        color=_color(out, args.output),
        fixing=mode is Mode.FIX,
        known=known,
        show_fixes=args.show_fixes,
        quiet=args.quiet,
        diffing=mode is Mode.DIFF,
        # under pre-commit, the repair is the fix hook's, not an option the user types
        fix_hint="summary.fixable-hook" if os.environ.get("PRE_COMMIT") else "summary.fixable",
        unlisted=unlisted,
    )


def _exit_code(
    summary: Summary, args: argparse.Namespace, config: Config, would_change: bool = False
) -> int:
    """2 when a file failed, 1 when findings remain (or --diff or --fix changed something
    and the options say that fails), else 0."""
    if summary.errors:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    failing = ("error",) if config.fail_on == "error" else ("error", "warning")
    remaining = any(summary.by_severity.get(severity) for severity in failing)
    changed = args.exit_non_zero_on_fix and summary.fixed
    return EXIT_FINDINGS if remaining or would_change or changed else EXIT_CLEAN


def _write_report(report: str, output: str, lang: str) -> bool:
    """Write the report to --output's file; False (after an error line) if that failed."""
    try:
        # A file name that is not UTF-8 keeps its own bytes, as it does on stdout. Written
        # atomically: a full disk leaves the old report whole, and a device stays one.
        data = report.encode("utf-8", errors="surrogateescape")
        write_atomic(Path(output), data)
    except WriteError as error:
        message = text("usage.cannot-write-output", lang, path=output, reason=error.reason)
        _error_line(f"referat-lint: {text('level.error', lang)}: {message}")
        return False
    return True


def _fixed_only(results: list[FileResult], args: argparse.Namespace, lang: str) -> int:
    """--fix-only: say what was fixed; what is left is not reported and does not fail."""
    fixed = sum(len(result.fixed) for result in results)
    if fixed and not args.quiet:
        print(text("summary.fixed", lang, n=fixed) + ".", file=sys.stderr)
    if any(result.failed for result in results):
        return EXIT_ERROR
    return EXIT_FINDINGS if args.exit_non_zero_on_fix and fixed and not args.exit_zero else 0


def _color(stream: TextIO, output: str | None) -> bool:
    """Colour on a terminal; NO_COLOR turns it off, FORCE_COLOR on (a CI log that shows it)."""
    if output or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return hasattr(stream, "isatty") and stream.isatty()
