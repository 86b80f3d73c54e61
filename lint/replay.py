"""The replay of an unchanged run: one record read, a `stat` per input, its output printed.

A run whose output depends on nothing but its command line, its environment and the files
it looked at keeps a record of them (recording.py) in its cache folder, one file per key.
The key is everything besides the files: the arguments exactly, the working directory, the
interpreter and its flags, the environment variables the tool reads, and whether stdout and
stderr are terminals (with their encodings). The record holds the stamp (size, mtime, ctime,
inode, device) of every file the run read or whose absence mattered, of every folder it
listed, and of the tool's own code; and what the run printed, write by write, and its exit
code. When every stamp still holds, a re-run prints the same writes to the same streams and
exits with the same code, without importing the linter: this module imports `os`, `sys`,
`marshal` and `_imp`, and finds the cache folder with the run's own rule (locate.py).

A record is read as data another process could have written: a missing, foreign (another
owner, another key), oversized, truncated or damaged record (its hash, kept beside it like
packaged.py's, differs) is a miss, and the run is checked as ever.
"""

from __future__ import annotations

import _imp
import marshal
import os
import stat
import sys

from referat_lint.input import locate

TYPE_CHECKING = False  # typing's own import costs the replay 2 ms
if TYPE_CHECKING:
    from collections.abc import Sequence

    Write = tuple[int, str | None]  # 1 stdout or 2 stderr; the text, or None for a flush
    Record = tuple[tuple[object, ...], tuple[str, ...], tuple[object, ...], tuple[Write, ...], int]

FORMAT = b"referat-lint run record 1\n"
RECORDS = "runs"  # the records' folder inside the cache folder
MAX_RECORD = 256 * 1000 * 1000  # a report of thousands of files is megabytes: more is not ours
_HASH_KEY = 0x5245464C  # any constant: the hash names and checks a record, it guards nothing
HASH_SIZE = 8
# The environment variables the tool (and Python's choice of stream encodings) reads; a test
# keeps this list in step with every variable lint/ reads. Any LC_* is in the key as well.
ENVIRONMENT = (
    "COLUMNS",
    "FORCE_COLOR",
    "GITHUB_ACTIONS",
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "LC_CTYPE",
    "LC_MESSAGES",
    "LINES",
    "NO_COLOR",
    "PRE_COMMIT",
    "PYTHONIOENCODING",
    "PYTHONLEGACYWINDOWSSTDIO",
    "PYTHONUNBUFFERED",
    "PYTHONUTF8",
    "TERM",
)
# Never replayed: stdin, `--` (what follows is paths, which the scan below cannot tell), and
# the options that bypass the cache (their runs keep no record either).
NEVER = frozenset({"-", "--", "--no-cache", "--refresh"})
_CACHE_DIR, _CONFIG = "--cache-dir", "--config"
_MAX_CONFIG = 1000 * 1000  # as config.py reads a config file


def answer(argv: Sequence[str]) -> int | None:
    """Replay the last run of this command when nothing it depends on changed: its output
    printed, its exit code returned. None when there is no such record (or any doubt)."""
    if not argv or not NEVER.isdisjoint(argv) or sys.stdout is None or sys.stderr is None:
        return None
    record = find(argv)
    if record is None:
        return None
    try:
        return _print(record[3], record[4])
    except OSError:  # stdout closed (a pipe's reader gone): nothing more to say there
        return 2


def find(argv: Sequence[str]) -> Record | None:
    """The record of this command whose every stamp still holds, or None."""
    try:
        named = options(argv)
        if named is None:
            return None
        cwd = os.getcwd()
        material = key(argv, cwd)
        for folder in locate.cache_folders(*named, cwd, read_config):
            record = load(os.path.join(folder, RECORDS, name(material)), material)
            if record is not None and unchanged(record[1], record[2]):
                return record
    except Exception:  # an unreadable config, a cwd gone, a record in doubt: the run will say
        return None
    return None


def options(argv: Sequence[str]) -> tuple[str | None, str | None] | None:
    """`--cache-dir` and `--config` as argparse reads them (the last one given); None when a
    value is missing (argparse refuses such a command line)."""
    found: dict[str, str] = {}
    index = 0
    while index < len(argv):
        arg = argv[index]
        option, equals, value = arg.partition("=")
        if option in (_CACHE_DIR, _CONFIG):
            if not equals:
                index += 1
                if index == len(argv) or argv[index].startswith("-"):
                    return None
                value = argv[index]
            found[option] = value
        index += 1
    return found.get(_CACHE_DIR), found.get(_CONFIG)


def key(argv: Sequence[str], cwd: str) -> tuple[object, ...]:
    """Everything besides the files that decides what the run prints."""
    environ = os.environ
    variables = tuple((name, environ.get(name)) for name in ENVIRONMENT)
    locale = tuple(sorted(item for item in environ.items() if item[0].startswith("LC_")))
    return (
        FORMAT,
        tuple(argv),
        cwd,
        sys.executable,
        sys.version,
        tuple(sys.flags),
        variables,
        locale,
        _stream(sys.stdout),
        _stream(sys.stderr),
    )


def _stream(stream: object) -> tuple[object, ...]:
    """A terminal or not, and how text becomes bytes on it and when they leave (the same
    writes on a stream buffered otherwise would interleave otherwise with the other)."""
    isatty = getattr(stream, "isatty", None)
    terminal = bool(isatty()) if isatty is not None else None
    how = ("encoding", "errors", "line_buffering", "write_through")
    return (terminal, *(getattr(stream, name, None) for name in how))


def name(material: tuple[object, ...]) -> str:
    """The record's file name: a hash of its key (which the record holds in full)."""
    return payload_hash(repr(material).encode("utf-8", "surrogatepass")).hex()


def payload_hash(data: bytes | memoryview) -> bytes:
    return _imp.source_hash(_HASH_KEY, data)


def read_config(path: str) -> str:
    """A config candidate's text, for locate (any error: a miss, the run will report it)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    try:
        data = os.read(descriptor, _MAX_CONFIG + 1)
    finally:
        os.close(descriptor)
    if len(data) > _MAX_CONFIG:
        raise ValueError("too large")
    return data.decode("utf-8")


def load(path: str, material: tuple[object, ...]) -> Record | None:
    """The record at `path` when it is whole, ours and of this key; None otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_RECORD:
            return None
        if hasattr(os, "geteuid") and status.st_uid != os.geteuid():
            return None  # another user's file in a shared folder: not our record
        data = _read_all(descriptor, status.st_size)
    finally:
        os.close(descriptor)
    return parse(data, material)


def _read_all(descriptor: int, size: int) -> bytes:
    chunks: list[bytes] = []
    while True:
        chunk = os.read(descriptor, max(size, 1 << 16))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size = 1 << 16


def parse(data: bytes, material: tuple[object, ...]) -> Record | None:
    """The record in `data` (FORMAT, its payload's hash, the payload) when it is whole and
    of this key."""
    head = len(FORMAT) + HASH_SIZE
    payload = memoryview(data)[head:]
    if data[: len(FORMAT)] != FORMAT or data[len(FORMAT) : head] != payload_hash(payload):
        return None
    record = marshal.loads(payload)  # whole by its hash; anything else raised is a miss
    if not (type(record) is tuple and len(record) == 5 and record[0] == material):
        return None
    _, paths, stamps, writes, code = record
    if not (type(paths) is tuple and type(stamps) is tuple and len(paths) == len(stamps)):
        return None
    if not all(type(path) is str for path in paths) or code not in (0, 1):
        return None
    if type(writes) is not tuple or not all(map(_is_write, writes)):
        return None
    return record


def _is_write(write: object) -> bool:
    """(1 stdout or 2 stderr, the text written, or None for a flush)."""
    return (
        type(write) is tuple
        and len(write) == 2
        and write[0] in (1, 2)
        and (write[1] is None or type(write[1]) is str)
    )


def unchanged(paths: tuple[str, ...], stamps: tuple[object, ...]) -> bool:
    """Whether every path still has its recorded stamp (None: still absent)."""
    for path, recorded in zip(paths, stamps, strict=True):
        try:
            status = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            if recorded is not None:
                return False
            continue
        if recorded != (
            status.st_size,
            status.st_mtime_ns,
            status.st_ctime_ns,
            status.st_ino,
            status.st_dev,
        ):
            return False
    return True


def _print(writes: tuple[Write, ...], code: int) -> int:
    """The run's writes, in its order, to its streams: the same calls, so the same bytes
    reach each stream's buffer and the same flushes interleave them (`2>&1` included)."""
    streams = {1: sys.stdout, 2: sys.stderr}
    for number, text in writes:
        if text is None:
            streams[number].flush()
        else:
            streams[number].write(text)
    return code
