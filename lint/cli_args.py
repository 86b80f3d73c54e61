"""The command line's arguments: the parser, usage checks, and the run's Config from them."""

from __future__ import annotations

import argparse
import glob
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from referat_lint import __version__
from referat_lint.checking.batch import default_jobs
from referat_lint.config import (
    CACHE_DIR,
    Config,
    did_you_mean,
    find_config_file,
    load_config,
    matches,
)
from referat_lint.input import locate
from referat_lint.out.i18n import LANGUAGES, default_lang
from referat_lint.out.messages import Message
from referat_lint.out.report import FORMATS

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from referat_lint.checking.rule import Rule

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A usage error; the message is one line."""


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout at the terminal's width, found as shutil.get_terminal_size
    finds it: argparse's own call imports shutil (and bz2, lzma), 3 ms of every start-up,
    for a width only --help uses."""

    def __init__(self, prog: str) -> None:
        try:
            width = int(os.environ.get("COLUMNS", "0")) or os.get_terminal_size().columns
        except (ValueError, OSError):
            width = 80
        super().__init__(prog, width=max(width - 2, 20))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    """The command line's options, in the order --help lists them."""
    parser = _Parser(
        prog="referat-lint",
        formatter_class=_Formatter,
        allow_abbrev=False,  # `--list` is not `--list-rules`: a typo is an error, not a guess
        description="Check Danish meeting minutes (referater) for broken encoding, missing "
        "or malformed case numbers, table-of-contents mismatches, empty decisions, personal "
        "data, closed items, dates, numbering and markup residue.",
    )
    _fix_arguments(parser)
    _output_arguments(parser)
    _show_arguments(parser)
    _file_arguments(parser)
    _report_arguments(parser)
    return parser


def _fix_arguments(parser: argparse.ArgumentParser) -> None:
    """The paths and the fix options."""
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


def _output_arguments(parser: argparse.ArgumentParser) -> None:
    """Report format and file, rule selection and the config."""
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


def _show_arguments(parser: argparse.ArgumentParser) -> None:
    """The options that print something and exit, the baseline, the language, stdin's name."""
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


def _file_arguments(parser: argparse.ArgumentParser) -> None:
    """Workers, the cache and which files are checked."""
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


def _report_arguments(parser: argparse.ArgumentParser) -> None:
    """What the report shows and the exit code."""
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


def expand_globs(paths: list[str]) -> list[str]:
    """Glob patterns among the arguments expanded, as a POSIX shell would (Windows shells
    pass them on as they are); a pattern that matches nothing stays, to be reported."""
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
    refuse_to_overwrite(args, args.paths)


def refuse_to_overwrite(args: argparse.Namespace, paths: Iterable[str]) -> None:
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


def _jobs(args: argparse.Namespace) -> int:
    if args.jobs is not None:
        if args.jobs < 1:
            raise UsageError(Message("usage.jobs"))
        return args.jobs
    return default_jobs(1 if _single_file(args) else None)


def _single_file(args: argparse.Namespace) -> bool:
    return len(args.paths) == 1 and not os.path.isdir(args.paths[0])


def _cache_dir(args: argparse.Namespace, config: Config) -> Path:
    return Path(locate.cache_folder(args.cache_dir, str(config.root)))


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
    return config._replace(**overrides)


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
