"""Reading input safely: only regular files, never more than a limit, never blocking.

Every file the tool reads (minutes, stdin, the baseline, cache entries, the config) goes
through here, so a FIFO, a device, a socket or an endless stream is one error line, not a
hang or a MemoryError. `not_regular()` is the predicate; other readers (PDF, DOCX) reuse it.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing import BinaryIO

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


class InputError(ValueError):
    """The input is not something the tool reads (not a regular file, too large, closed)."""


def kind(mode: int) -> str | None:
    """What a file of this mode is, when it is not a regular file; None for a regular one."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def not_regular(path: str | os.PathLike[str]) -> str | None:
    """Why `path` (symlinks followed) is not a regular file to read, or None when it is.
    Raises OSError when it cannot be looked at."""
    return kind(os.stat(path).st_mode)


def too_large(size: int, limit: int) -> str:
    return f"file too large ({size / 1e6:.1f} MB, limit {limit / 1e6:.1f} MB)"


def read_regular(path: str | os.PathLike[str], limit: int, *, follow: bool = True) -> bytes:
    """The bytes of a regular file of at most `limit` bytes.

    Opened without blocking (a FIFO would otherwise wait for a writer), checked on the open
    descriptor (no race with a rename), read up to the limit however the file grows.
    Raises InputError for anything else, OSError when it cannot be opened.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:  # a socket cannot be opened at all: say what it is, if it is not a file
        what = kind(os.stat(path).st_mode) if os.path.exists(path) else None
        if what is not None:
            raise InputError(f"not a regular file ({what})") from None
        raise
    try:
        status = os.fstat(descriptor)
        what = kind(status.st_mode)
        if what is not None:
            raise InputError(f"not a regular file ({what})")
        if status.st_size > limit:
            raise InputError(too_large(status.st_size, limit))
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            # A read sized by the limit would allocate the limit (10 MB) for every file.
            data = handle.read(status.st_size + 1)
            if len(data) > status.st_size:  # it grew since (or says size 0): on to the limit
                data += handle.read(limit + 1 - len(data))
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise InputError(too_large(len(data), limit))
    return data


def read_stream(stream: BinaryIO | None, limit: int) -> bytes:
    """At most `limit` bytes of a binary stream (stdin); a closed one is an InputError."""
    if stream is None or getattr(stream, "closed", False):
        raise InputError("standard input is closed")
    try:
        data = stream.read(limit + 1)
    except ValueError as error:  # "I/O operation on closed file"
        raise InputError("standard input is closed") from error
    except OSError as error:
        if error.errno == errno.EBADF:  # descriptor 0 closed under a running process
            raise InputError("standard input is closed") from error
        raise
    if len(data) > limit:
        raise InputError(f"standard input too large (more than {limit / 1e6:.1f} MB)")
    return data


def toml_data(text: str) -> dict[str, Any]:
    """The data of a TOML file the project writes (a config, a layout profile). A leading
    byte-order mark (Windows editors write one) is skipped; nesting deeper than the parser's
    stack is a TOMLDecodeError like any other bad TOML, never a crash."""
    import tomllib  # only a run with a config file or a project profile: 4 ms

    try:
        return tomllib.loads(text.removeprefix("\ufeff"))
    except RecursionError:
        raise tomllib.TOMLDecodeError("arrays or tables nested too deeply") from None
