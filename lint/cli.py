"""Command line: arguments -> Config -> check every file -> report -> exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from referat_lint.checking.batch import Job, run
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
from referat_lint.cli_report import (
    _error_line,
    _nothing_to_report,
    _print_notes_and_problems,
    _report,
    _stream_text,
)
from referat_lint.cli_show import _show, _show_files
from referat_lint.config import ConfigError
from referat_lint.input import watch
from referat_lint.input.atomic import remove_temporaries_on_sigterm
from referat_lint.input.files import Target, collect
from referat_lint.out import privacy
from referat_lint.out.i18n import default_lang
from referat_lint.out.messages import say, text
from referat_lint.out.progress import Progress, is_terminal
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


if __name__ == "__main__":
    raise SystemExit(main())
