"""Command line: arguments -> Config -> check every file -> report -> exit code."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from referat_lint import __version__
from referat_lint.checking.batch import Job, default_jobs, run
from referat_lint.checking.cache import CACHE_DIR
from referat_lint.checking.findings import Severity
from referat_lint.checking.rule import Rule
from referat_lint.checking.runner import FileResult, Mode
from referat_lint.config import (
    Config,
    ConfigError,
    did_you_mean,
    find_config_file,
    load_config,
    matches,
)
from referat_lint.input.files import Target, collect
from referat_lint.out import privacy
from referat_lint.out.i18n import LANGUAGES, default_lang
from referat_lint.out.messages import Message, say, text
from referat_lint.out.progress import Progress, is_terminal
from referat_lint.out.report import FORMATS, ReportContext, reporter
from referat_lint.settings import Resolver, show_settings

if TYPE_CHECKING:
    from collections import Counter
    from typing import Any, TextIO

    from referat_lint.checking.baseline import Key

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A usage error; the message is one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="referat-lint",
        allow_abbrev=False,  # `--list` is not `--list-rules`: a typo is an error, not a guess
        description="Check Danish meeting minutes (referater) for broken encoding, missing "
        "or malformed case numbers, table-of-contents mismatches, empty decisions, personal "
        "data, closed items, dates, numbering and markup residue.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; - for stdin")
    parser.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    parser.add_argument(
        "--fix-only",
        action="store_true",
        help="apply safe fixes in place; report nothing and exit 0 for what is left",
    )
    parser.add_argument(
        "--exit-non-zero-on-fix",
        action="store_true",
        help="with --fix: exit 1 when a file was changed, even if nothing is left",
    )
    parser.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix or --diff, apply unsafe fixes too"
    )
    parser.add_argument(
        "--diff", action="store_true", help="print what --fix would change; write nothing"
    )
    parser.add_argument(
        "--fix-text-to",
        metavar="DIR",
        help="with --fix: write the repaired text of PDF and DOCX files to DIR (never the file)",
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=("auto", *FORMATS),
        default="auto",
        help="report format (auto: github under GitHub Actions, text elsewhere)",
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    parser.add_argument("--select", metavar="RULES", help="comma-separated rules to run")
    parser.add_argument(
        "--extend-select", metavar="RULES", help="comma-separated rules to run as well"
    )
    parser.add_argument("--ignore", metavar="RULES", help="comma-separated rules to skip")
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="config file for every file (default: the nearest above each file)",
    )
    parser.add_argument(
        "--show-settings",
        metavar="FILE",
        help="print the settings that apply to FILE and the config they come from, and exit",
    )
    parser.add_argument(
        "--show-files", action="store_true", help="print the files that would be checked, and exit"
    )
    parser.add_argument(
        "--baseline", metavar="FILE", help="report only findings not recorded in FILE"
    )
    parser.add_argument(
        "--write-baseline", metavar="FILE", help="record the current findings in FILE"
    )
    parser.add_argument("--explain", metavar="RULE", help="explain a rule and exit")
    parser.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    parser.add_argument(
        "--show-document",
        metavar="FILE",
        help="print the parsed document (layout, kind, items) as JSON and exit",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="message language (default: config, then locale; html: da)",
    )
    parser.add_argument("--stdin-filename", metavar="NAME", help="name to report for - (stdin)")
    parser.add_argument(
        "--jobs", "-j", type=int, metavar="N", help="worker processes (default: one per core)"
    )
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    parser.add_argument(
        "--refresh",
        action="store_true",
        help="check every file again and rewrite its cache record (a full check)",
    )
    parser.add_argument(
        "--cache-dir", metavar="DIR", help=f"cache folder (default: {CACHE_DIR} beside the config)"
    )
    parser.add_argument(
        "--exclude", metavar="GLOBS", help="comma-separated globs to skip (replaces the default)"
    )
    parser.add_argument(
        "--extend-exclude", metavar="GLOBS", help="comma-separated globs to skip as well"
    )
    parser.add_argument(
        "--force-exclude",
        action="store_true",
        default=None,
        help="apply the excludes to files named on the command line too (for pre-commit)",
    )
    parser.add_argument(
        "--no-respect-gitignore",
        dest="respect_gitignore",
        action="store_false",
        default=None,
        help="walk into files and folders that git ignores",
    )
    parser.add_argument(
        "--check-all-text",
        action="store_true",
        default=None,
        help="run the encoding rules on files that are not minutes too",
    )
    parser.add_argument(
        "--statistics", action="store_true", help="show counts per rule instead of each finding"
    )
    parser.add_argument(
        "--show-fixes", action="store_true", help="show each fix (and, with --fix, what was fixed)"
    )
    parser.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when findings remain (2 stays 2)"
    )
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        help="the lowest severity that makes the exit code 1 (default: warning)",
    )
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="print only problems (no info notes)"
    )
    parser.add_argument("--version", "-V", action="version", version=f"referat-lint {__version__}")
    return parser


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
    except OSError as error:  # what the system refuses (a name too long): one line, no trace
        lang = _early_lang(argv)
        where = f"{error.filename}: " if error.filename else ""
        _error_line(f"referat-lint: {text('level.error', lang)}: {where}{error.strerror or error}")
        return EXIT_ERROR


def _main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    from referat_lint.rules import all_rules

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
        from referat_lint.input.atomic import remove_temporaries_on_sigterm

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
    results: list[FileResult] = []
    targets: Iterable[Target] = collect(args.paths, config, resolver.for_folder)
    progress = None
    if not args.quiet and is_terminal(sys.stderr):  # a bar needs the count: walk folders first
        targets = list(targets)
        progress = Progress(sys.stderr, len(targets))
    for done, result in enumerate(run(targets, job, _jobs(args)), start=1):
        if progress is not None:
            progress.update(done, result.path)
        if result.path == "-" and args.stdin_filename:
            result = dataclasses.replace(result, path=args.stdin_filename)
        results.append(result)
    if progress is not None:
        progress.close()
    _print_notes_and_problems(results, args.quiet, lang)
    # Found in a folder: minutes and agendas are kept (an old report there is not minutes).
    _refuse_to_overwrite(args, (result.path for result in results if result.layout is not None))
    if args.write_baseline:
        return _write_baseline(Path(args.write_baseline), results, lang)
    hidden = 0
    if known is not None:
        from referat_lint.checking import baseline

        before = sum(len(result.findings) for result in results)
        results = baseline.without_known(results, known, Path(args.baseline).parent)
        hidden = before - sum(len(result.findings) for result in results)
    return _report(results, args, rules, lang, mode, hidden, config)


def _show(
    args: argparse.Namespace, rules: Sequence[Rule], resolver: Resolver, lang: str
) -> int | None:
    """The options that print something and exit (their exit code), or None."""
    if args.list_rules:
        sys.stdout.write(list_rules(rules, lang))
        return EXIT_CLEAN
    if args.explain:
        sys.stdout.write(explain(args.explain, rules, lang))
        return EXIT_CLEAN
    if args.show_document:
        return _show_document(args.show_document, resolver.for_path(args.show_document))
    if args.show_settings:
        name = privacy.display_path(args.show_settings)  # valid text, as in every report
        settings = show_settings(name, resolver.for_path(args.show_settings))
        sys.stdout.write(privacy.seal(settings, "json"))
        return EXIT_CLEAN
    return None


def expand_globs(paths: list[str]) -> list[str]:
    """Glob patterns among the arguments expanded, as a POSIX shell would (Windows shells
    pass them on as they are); a pattern that matches nothing stays, to be reported."""
    import glob

    expanded: list[str] = []
    for path in paths:
        if path != "-" and glob.has_magic(path) and not os.path.exists(path):
            expanded += sorted(glob.glob(path, recursive=True)) or [path]
        else:
            expanded.append(path)
    return expanded


def resolve_format(name: str) -> str:
    """`auto`: GitHub annotations under GitHub Actions, text elsewhere."""
    if name != "auto":
        return name
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _show_files(targets: Iterable[Target], lang: str) -> int:
    """--show-files: each file a run would check, one a line; problems with paths on stderr."""
    code = EXIT_CLEAN
    for target in targets:
        if target.problem is None:
            print(privacy.line(target.path))
            continue
        level = text("level.error" if target.fatal else "level.warning", lang)
        line = f"referat-lint: {level}: {target.path}: {say(target.problem, lang)}"
        print(privacy.line(line), file=sys.stderr)
        code = EXIT_ERROR if target.fatal else code
    return code


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


def _check_usage(args: argparse.Namespace) -> None:
    """Options that go only together, or never: a usage error before any file is read."""
    if not args.paths:
        raise UsageError(Message("usage.no-path"))
    if args.format == "html" and not args.output:
        raise UsageError(Message("usage.html-output"))
    if args.unsafe_fixes and not (args.fix or args.diff):
        raise UsageError(Message("usage.unsafe"))
    if args.fix_text_to and not args.fix:
        raise UsageError(Message("usage.fix-text-to"))
    if args.write_baseline and (args.baseline or args.fix or args.diff):
        raise UsageError(Message("usage.write-baseline"))
    # `-o *.txt` expands to `-o a.txt b.txt`: the report must not replace the minutes.
    _refuse_to_overwrite(args, args.paths)


def _refuse_to_overwrite(args: argparse.Namespace, paths: Iterable[str]) -> None:
    """A usage error when the report or the baseline would be written over one of `paths`."""
    for option, destination in (("-o", args.output), ("--write-baseline", args.write_baseline)):
        if not destination or not os.path.isfile(destination):
            continue
        for path in paths:
            try:
                same = path != "-" and os.path.samefile(destination, path)
            except OSError:
                continue
            if same:
                raise UsageError(Message("usage.overwrites-input", option=option, path=destination))


def _load_baseline(file: Path) -> Counter[Key]:
    from referat_lint.checking import baseline  # only runs that use a baseline pay for it

    try:
        return baseline.load(file)
    except baseline.BaselineError as error:
        raise UsageError(error.args[0]) from error


def _write_baseline(file: Path, results: list[FileResult], lang: str) -> int:
    from referat_lint.checking import baseline

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


def _jobs(args: argparse.Namespace) -> int:
    if args.jobs is not None:
        if args.jobs < 1:
            raise UsageError(Message("usage.jobs"))
        return args.jobs
    return default_jobs(1 if _single_file(args) else None)


def _single_file(args: argparse.Namespace) -> bool:
    return len(args.paths) == 1 and not os.path.isdir(args.paths[0])


def _cache_dir(args: argparse.Namespace, config: Config) -> Path:
    return Path(args.cache_dir) if args.cache_dir else config.root / CACHE_DIR


def _show_document(path: str, config: Config) -> int:
    """Print what the parser reads from one file (`-`: stdin) as JSON."""
    import json

    from referat_lint.checking.findings import Stage
    from referat_lint.checking.pipeline import Options, check_file
    from referat_lint.checking.runner import read_bytes
    from referat_lint.out.show import document_data
    from referat_lint.rules import all_rules

    try:
        data = read_bytes(path, config)
    except OSError as error:
        raise UsageError(f"{path}: cannot read: {error.strerror or error}") from None
    except ValueError as error:  # too large, or not a regular file: one line, no traceback
        raise UsageError(f"{path}: {say(error.args[0], 'en')}") from None
    # The document as the structure rules read it: after the encoding rules' repairs.
    rules = [rule for rule in all_rules() if rule.stage is Stage.ENCODING]
    result = check_file(data, config, path, rules, Options(document=True))
    if result.decoded is None or result.decoded.document is None:
        raise UsageError(f"{path}: {say(result.problem, 'en')}")
    shown = document_data(result.decoded.document, privacy.display_path(path))
    sys.stdout.write(privacy.seal(json.dumps(shown, ensure_ascii=False, indent=1) + "\n", "json"))
    return EXIT_CLEAN


def _config(args: argparse.Namespace, rules: Sequence[Rule]) -> Config:
    """The run's config (--config, or the working directory's) with the options laid over."""
    path: Path | None
    if args.config:
        path = Path(args.config)
        if not path.is_file():
            raise UsageError(Message("usage.config-missing", path=args.config))
    else:
        path = find_config_file(Path.cwd())
    return _overlay(args, rules, load_config(path, rules))


def _overlay(args: argparse.Namespace, rules: Sequence[Rule], config: Config) -> Config:
    """`config` with the command line's options laid over it."""
    overrides: dict[str, Any] = {}  # Config fields by name
    for option in ("select", "extend_select", "ignore"):
        value = getattr(args, option)
        if value is None:
            continue
        selectors = tuple(s.strip() for s in value.split(",") if s.strip())
        for selector in selectors:
            if not any(matches(selector, rule) for rule in rules):
                hint = did_you_mean(selector, [r.name for r in rules] + [r.code for r in rules])
                raise UsageError(
                    Message(
                        "usage.no-rule-matches",
                        option=option.replace("_", "-"),
                        selector=selector,
                        hint=hint,
                    )
                )
        overrides[option] = selectors
    if "extend_select" in overrides:  # added to --select's rules, or to the config's
        overrides["select"] = overrides.get("select", config.select) + overrides.pop(
            "extend_select"
        )
    if "ignore" in overrides:
        overrides["ignore"] = config.ignore + overrides["ignore"]
    # Command-line options win over the config file, which wins over the defaults.
    if args.exclude is not None:
        overrides["exclude"] = _globs(args.exclude)
    if args.extend_exclude is not None:
        overrides["exclude"] = overrides.get("exclude", config.exclude) + _globs(
            args.extend_exclude
        )
    for option in ("force_exclude", "respect_gitignore", "check_all_text", "fail_on"):
        if getattr(args, option) is not None:
            overrides[option] = getattr(args, option)
    return dataclasses.replace(config, **overrides)


def _globs(value: str) -> tuple[str, ...]:
    return tuple(glob.strip() for glob in value.split(",") if glob.strip())


def _early_lang(argv: list[str]) -> str:
    """The language of an error line, when the arguments or the config could not be read."""
    for index, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value in LANGUAGES:
            return value
    return default_lang()


def _report(
    results: list[FileResult],
    args: argparse.Namespace,
    rules: Sequence[Rule],
    lang: str,
    mode: Mode,
    known: int,
    config: Config,
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
    context = ReportContext(
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
    )
    try:
        if args.statistics and args.format == "text":
            from referat_lint.out.report.text_report import statistics

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
        from referat_lint.input.atomic import WriteError, write_atomic

        try:
            # A file name that is not UTF-8 keeps its own bytes, as it does on stdout. Written
            # atomically: a full disk leaves the old report whole, and a device stays one.
            data = report.encode("utf-8", errors="surrogateescape")
            write_atomic(Path(args.output), data)
        except WriteError as error:
            message = text("usage.cannot-write-output", lang, path=args.output, reason=error.reason)
            _error_line(f"referat-lint: {text('level.error', lang)}: {message}")
            return EXIT_ERROR
    elif not (args.quiet and args.format == "text" and not _problems(results)):
        out.write(report)
    if any(result.failed for result in results):
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    failing = {"error"} if config.fail_on == "error" else {"error", "warning"}
    remaining = any(f.severity.value in failing for r in results for f in r.findings)
    would_change = mode is Mode.DIFF and any(r.diff or r.diff_hidden for r in results)
    changed = args.exit_non_zero_on_fix and any(r.fixed for r in results)
    return EXIT_FINDINGS if remaining or would_change or changed else EXIT_CLEAN


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


def list_rules(rules: Sequence[Rule], lang: str) -> str:
    from referat_lint.out.docs import list_rules as render

    return render(rules, lang)


def explain(key: str, rules: Sequence[Rule], lang: str) -> str:
    from referat_lint.out.docs import explain as render
    from referat_lint.rules import rule_by_name_or_code

    rule = rule_by_name_or_code(key)
    if rule is None:
        hint = did_you_mean(key, [r.name for r in rules] + [r.code for r in rules])
        raise UsageError(Message("usage.unknown-rule", key=key, hint=hint))
    return render(rule, lang)


if __name__ == "__main__":
    raise SystemExit(main())
