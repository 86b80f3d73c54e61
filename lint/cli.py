"""Command line: arguments -> Config -> check every file -> report -> exit code."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from referat_lint.checking.batch import Job, run
from referat_lint.checking.findings import Severity
from referat_lint.checking.rule import Rule
from referat_lint.checking.runner import FileResult, Mode
from referat_lint.cli_args import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    UsageError,
    _cache_dir,
    _check_usage,
    _config,
    _early_lang,
    _jobs,
    _overlay,
    _single_file,
    build_parser,
    expand_globs,
    refuse_to_overwrite,
    resolve_format,
)
from referat_lint.cli_show import _show, _show_files
from referat_lint.config import (
    Config,
    ConfigError,
)
from referat_lint.input import watch
from referat_lint.input.atomic import WriteError, remove_temporaries_on_sigterm, write_atomic
from referat_lint.input.files import Target, collect
from referat_lint.out import privacy
from referat_lint.out.i18n import default_lang
from referat_lint.out.messages import say, text
from referat_lint.out.progress import Progress, is_terminal
from referat_lint.out.report import ReportContext, reporter
from referat_lint.out.report.summary import Summary, Tally, summarize
from referat_lint.out.report.text_report import file_lines, statistics, summary_line
from referat_lint.rules import all_rules
from referat_lint.settings import Resolver

if TYPE_CHECKING:
    from collections import Counter

    from referat_lint.checking.baseline import Key


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code (0 clean, 1 findings, 2 usage or I/O error)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _main(argv)
    except (UsageError, ConfigError) as error:
        lang = _early_lang(argv)
        message = say(error.args[0], lang) if error.args else ""
        _error_line(f"referat-lint: {text('level.error', lang)}: {message}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to tell it
        return EXIT_FINDINGS
    except OSError as error:  # what the system refuses (a name too long): one line, no trace
        lang = _early_lang(argv)
        where = f"{error.filename}: " if error.filename else ""
        _error_line(f"referat-lint: {text('level.error', lang)}: {where}{error.strerror or error}")
        return EXIT_ERROR


def _main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)

    args.paths = expand_globs(args.paths)
    args.format = resolve_format(args.format)
    if args.fix_only:
        args.fix = True
    rules = all_rules()
    config = _config(args, rules)
    resolver = Resolver(
        config, rules, lambda found: _overlay(args, rules, found), fixed=bool(args.config)
    )
    # The HTML page is for the secretariat: Danish unless the run or the config says otherwise.
    lang = args.lang or config.lang or ("da" if args.format == "html" else default_lang())
    shown = _show(args, rules, resolver, lang)
    if shown is not None:
        return shown
    _check_usage(args)
    if args.show_files:
        return _show_files(collect(args.paths, config, resolver.for_folder), lang)
    known = _load_baseline(Path(args.baseline)) if args.baseline else None
    mode = Mode.DIFF if args.diff else Mode.FIX if args.fix else Mode.CHECK
    if mode is Mode.FIX:
        remove_temporaries_on_sigterm()
    job = Job(
        config,
        mode,
        unsafe=args.unsafe_fixes,
        # One named file is checked faster than the cache index is read (hashing and JSON
        # cost more start-up than they save), so only a run over several files uses it.
        cache_dir=None if args.no_cache or _single_file(args) else _cache_dir(args, config),
        keep_lines=args.format == "html",  # the page shows findings in their context
        text_to=Path(args.fix_text_to) if args.fix_text_to else None,
        refresh=args.refresh,
    )
    watch.cache_folder(job.cache_dir)  # where the record of a run to replay is kept
    targets = collect(args.paths, config, resolver.for_folder)
    if _streamed(args, mode):
        return _stream_text(_results(targets, job, args), args, rules, lang, mode, config)
    results, unlisted = _check_all(targets, job, args)
    _print_notes_and_problems(results, args.quiet, lang)
    # Found in a folder: minutes and agendas are kept (an old report there is not minutes).
    refuse_to_overwrite(args, (result.path for result in results if result.layout is not None))
    if args.write_baseline:
        return _write_baseline(Path(args.write_baseline), results, lang)
    hidden = 0
    if known is not None:
        from referat_lint.checking import baseline  # only with --baseline: json, 2 ms

        before = sum(len(result.findings) for result in results)
        results = baseline.without_known(results, known, Path(args.baseline).parent)
        hidden = before - sum(len(result.findings) for result in results)
    return _report(results, args, rules, lang, mode, hidden, config, unlisted)


def _check_all(
    targets: Iterable[Target], job: Job, args: argparse.Namespace
) -> tuple[list[FileResult], int]:
    """The results to report, and how many files were checked with nothing to report and
    are not among them: a text report only counts those (other reports list every file)."""
    results: list[FileResult] = []
    unlisted = 0
    counted_only = args.format == "text" and not (args.output or args.write_baseline)
    for result in _results(targets, job, args):
        if counted_only and _nothing_to_report(result):
            unlisted += 1
            continue
        results.append(result)
    return results, unlisted


def _results(targets: Iterable[Target], job: Job, args: argparse.Namespace) -> Iterator[FileResult]:
    """Every file's result as it comes, with a progress bar on a terminal."""
    progress = None
    if _draws_progress(args):  # a bar needs the count: walk folders first
        targets = list(targets)
        progress = Progress(sys.stderr, len(targets))
    for done, result in enumerate(run(targets, job, _jobs(args)), start=1):
        if progress is not None:
            progress.update(done, result.path)
        if result.path == "-" and args.stdin_filename:
            result = result._replace(path=args.stdin_filename)
        yield result
    if progress is not None:
        progress.close()


def _draws_progress(args: argparse.Namespace) -> bool:
    return not args.quiet and is_terminal(sys.stderr)


def _streamed(args: argparse.Namespace, mode: Mode) -> bool:
    """Whether the report is written file by file as results arrive (`_stream_text`): a
    text report on stdout, where nothing needs every result first (a baseline, --diff,
    a fixed stdin, the list of fixes, counts only) and no progress bar shares the screen."""
    return (
        args.format == "text"
        and mode is not Mode.DIFF
        and "-" not in args.paths
        and not (args.output or args.baseline or args.write_baseline or args.fix_only)
        and not (args.statistics or (args.show_fixes and mode is Mode.FIX))
        and not _draws_progress(args)
    )


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


def _load_baseline(file: Path) -> Counter[Key]:
    from referat_lint.checking import baseline  # only runs that use a baseline pay for it

    try:
        return baseline.load(file)
    except baseline.BaselineError as error:
        raise UsageError(error.args[0]) from error


def _write_baseline(file: Path, results: list[FileResult], lang: str) -> int:
    from referat_lint.checking import baseline  # only with --baseline: json, 2 ms

    try:
        count = baseline.write(file, results)
    except baseline.BaselineError as error:
        raise UsageError(error.args[0]) from error
    files = sum(1 for result in results if result.findings)
    findings = text("count.finding", lang, n=count)
    written = text(
        "baseline.written",
        lang,
        findings=findings,
        files=text("count.file", lang, n=files),
        file=file,
    )
    print(privacy.line(written))
    return EXIT_ERROR if any(result.failed for result in results) else EXIT_CLEAN


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
    if args.output:
        if not _write_report(report, args.output, lang):
            return EXIT_ERROR
    elif not (args.quiet and args.format == "text" and not _problems(results)):
        out.write(report)
    would_change = mode is Mode.DIFF and any(r.diff or r.diff_hidden for r in results)
    return _exit_code(summarize(results), args, config, would_change)


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


def _problems(results: list[FileResult]) -> bool:
    """Whether any finding is more than an `info` note."""
    return any(f.severity is not Severity.INFO for r in results for f in r.findings)


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


if __name__ == "__main__":
    raise SystemExit(main())
