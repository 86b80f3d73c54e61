"""A run checked as ever, and kept as a record when an unchanged re-run may replay it.

Only a run whose output depends on nothing but what its record checks keeps one (replay.py
describes the record): paths named on the command line (no stdin, no glob left to expand),
options from an allow-list (nothing that writes: no --fix, -o, --write-baseline; no HTML,
which prints the time; no --show-* or --explain, which read other things), the cache in use
(not --no-cache, not one named file), an exit code of 0 or 1, nothing the watch doubted,
no input stamped within the per-file cache's racy window, and no CPR number in any path,
argument or the working directory. `--refresh` drops the cache folder's records.
"""

from __future__ import annotations

import contextlib
import glob
import marshal
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from referat_lint import replay
from referat_lint.input import locate, watch

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from typing import Any, TextIO

    from referat_lint.input.watch import Stamp

# The options a recorded run may use (argparse's names); any other option that differs from
# its default (a new one too, until it is judged here) means no record.
ALLOW = frozenset(
    {
        "paths",
        "format",
        "select",
        "extend_select",
        "ignore",
        "config",
        "lang",
        "jobs",
        "cache_dir",
        "exclude",
        "extend_exclude",
        "force_exclude",
        "respect_gitignore",
        "check_all_text",
        "statistics",
        "show_fixes",
        "exit_zero",
        "exit_non_zero_on_fix",
        "fail_on",
        "quiet",
        "diff",  # prints what --fix would change, writes nothing
        "unsafe_fixes",  # with --diff only (with neither it is a usage error)
    }
)
KEEP = 32  # records per cache folder: the commands a project runs, not every one ever typed


def run(argv: list[str]) -> int:
    """cli.main(argv), and its record kept when it may be replayed."""
    if sys.stdout is None or sys.stderr is None:  # no streams to record (pythonw)
        from referat_lint import cli

        return cli.main(argv)
    started = time.time_ns()  # before anything is looked at, the code imported included
    writes: list[tuple[int, str | None]] = []
    out, err = sys.stdout, sys.stderr
    watch.start()
    sys.stdout, sys.stderr = _Tape(out, 1, writes), _Tape(err, 2, writes)
    try:
        from referat_lint import cli  # imported here: see entry.py

        code = cli.main(argv)
    finally:
        sys.stdout, sys.stderr = out, err
        seen, folder = watch.stop()
    if folder is not None:
        # Whatever goes wrong here, the run's output is out: a record not kept costs the
        # next run a check, while an error now would cost this one its exit code.
        with contextlib.suppress(Exception):
            keep(argv, seen, folder, writes, code, started)
    return code


class _Tape:
    """A text stream passed through, every write and flush kept in order while the run may
    still be recorded (once it cannot, what was kept is let go: memory stays flat)."""

    def __init__(self, stream: TextIO, number: int, writes: list[tuple[int, str | None]]) -> None:
        self._stream, self._number, self._writes = stream, number, writes

    def write(self, text: str) -> int:
        written = self._stream.write(text)
        self._keep(text)
        return written

    def writelines(self, lines: Sequence[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._stream.flush()
        self._keep(None)

    def _keep(self, text: str | None) -> None:
        if watch.active():
            self._writes.append((self._number, text))
        elif self._writes:
            self._writes.clear()

    @property
    def buffer(self) -> object:
        watch.doubt()  # bytes past the tape (`--fix -` writes the file to stdout)
        return self._stream.buffer

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def keep(
    argv: list[str],
    seen: dict[str, Stamp | None] | None,
    folder: str,
    writes: list[tuple[int, str | None]],
    code: int,
    started: int,
) -> None:
    """Write the run's record into its cache folder, when the run may be replayed."""
    from referat_lint.cli_args import UsageError, build_parser

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError:
        return
    folder = os.path.abspath(folder)
    if args.refresh:
        drop(folder)
        return
    if seen is None or code not in (0, 1) or not allowed(args, argv, parser):
        return
    cwd = os.getcwd()
    looked = locate.cache_folders(args.cache_dir, args.config, cwd, replay.read_config)
    if folder not in map(os.path.abspath, looked):
        return  # where the replay would not look
    paths = list(dict.fromkeys([*seen, *_code()]))
    stamps = _stamps(paths, seen, started)
    if stamps is None or _personal([*argv, cwd, *paths]):
        return
    material = replay.key(argv, cwd)
    record: Any = (material, tuple(paths), tuple(stamps), tuple(writes), code)  # plain data
    payload = marshal.dumps(record)
    data = replay.FORMAT + replay.payload_hash(payload) + payload
    if not os.path.isdir(folder):
        return  # the cache wrote nothing there: no folder made for the record alone
    from referat_lint.input.atomic import WriteError, write_atomic

    records = Path(folder, replay.RECORDS)
    try:
        records.mkdir(exist_ok=True)
        write_atomic(records / replay.name(material), data, within=Path(folder))
    except (OSError, WriteError):
        return
    _prune(records)


def allowed(args: argparse.Namespace, argv: Sequence[str], parser: argparse.ArgumentParser) -> bool:
    """Whether the run's options (`parser` read them) are all ones whose output the record
    can vouch for."""
    from referat_lint.cli_args import resolve_format

    defaults = vars(parser.parse_args([]))
    for option, value in vars(args).items():
        if option not in ALLOW and value != defaults.get(option):
            return False
    if resolve_format(args.format) == "html":
        return False
    if any(path == "-" or glob.has_magic(path) for path in args.paths):
        return False
    # The replay reads --cache-dir and --config from the arguments itself: it must agree.
    return replay.options(argv) == (args.cache_dir, args.config)


def _code() -> list[str]:
    """The tool's code and data (every file and folder of its package, as the per-file
    cache's fingerprint counts them: a changed rule or lexicon, or a file added), and the
    folders the interpreter imports third-party packages from (an install or upgrade
    changes them). The standard library is the interpreter's version, in the key."""
    import referat_lint
    from referat_lint import rules, schema

    paths = []
    for top in (*referat_lint.__path__, *rules.__path__, *schema.__path__):
        for folder, subfolders, files in os.walk(top):
            subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
            paths += [folder, *(os.path.join(folder, name) for name in sorted(files))]
    standard = os.path.dirname(os.__file__)
    for entry in map(os.path.abspath, filter(None, sys.path)):
        if os.path.isdir(entry) and os.path.commonpath([standard, entry]) != standard:
            paths.append(entry)
    return paths


def _stamps(
    paths: list[str], seen: dict[str, Stamp | None], started: int
) -> list[Stamp | None] | None:
    """Each path's stamp now, when it is what the run saw (absent where it saw nothing) and
    too old to hide a change in the same tick of a coarse clock; None otherwise."""
    from referat_lint.checking.cache import _RACY_NS  # the per-file cache's window

    stamps: list[Stamp | None] = []
    for path in paths:
        try:
            now: Stamp | None = watch.stamp(os.stat(path))
        except (FileNotFoundError, NotADirectoryError):
            now = None
        except OSError:
            return None
        if seen.get(path, now) != now:
            return None  # changed since the run looked
        if now is None and path not in seen:
            return None  # a file of the code gone meanwhile
        if now is not None and max(now[1], now[2]) >= started - _RACY_NS:
            return None
        stamps.append(now)
    return stamps


def _personal(texts: list[str]) -> bool:
    """Whether any text holds a CPR number (the record keeps none, in any form)."""
    from referat_lint.out.privacy import mask

    return any(mask(text) != text for text in texts)


def drop(folder: str) -> None:
    """Remove the records of a cache folder (`--refresh`: a full check, nothing replayed)."""
    records = os.path.join(folder, replay.RECORDS)
    try:
        names = os.listdir(records)
    except OSError:
        return
    for name in names:
        if _is_record(name):
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(records, name))


def _prune(records: Path) -> None:
    """Keep the KEEP most recently written records."""
    try:
        entries = [entry for entry in os.scandir(records) if _is_record(entry.name)]
        entries.sort(key=lambda entry: entry.stat().st_mtime_ns, reverse=True)
        for entry in entries[KEEP:]:
            os.unlink(entry.path)
    except OSError:
        return


def _is_record(name: str) -> bool:
    return len(name) == 2 * replay.HASH_SIZE and all(char in "0123456789abcdef" for char in name)
