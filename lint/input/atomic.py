"""Replacing a file atomically: what --fix, --fix-text-to, --write-baseline and -o write with."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from referat_lint.input.reading import kind


class WriteError(Exception):
    """Writing the fixed file failed; the original is untouched."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"cannot write: {reason}")
        self.reason = reason


# Temporary files being written, removed by the signal handler if SIGTERM comes first.
_TEMPORARIES: set[str] = set()


def write_atomic(
    path: Path, data: bytes, expected: bytes | None = None, within: Path | None = None
) -> None:
    """Replace (or create) `path` with `data`: temp file in the same folder, fsync, rename.

    Only a regular file is replaced: a device, a FIFO or a socket is refused (a rename
    would put a file where `/dev/null` was), and so is a read-only file (as ruff and
    pre-commit's fixers leave it: they open it for writing, which its mode refuses).
    What the rename would lose is kept or refused: a symlink is written through to its
    target (never out of `within`, when given); a file with other hard links is refused (a
    rename would split them); mode, owner, group and extended attributes are kept (owner,
    group and attributes where the process may set them); and with `expected` (the bytes
    that were read and fixed), a file that changed since is refused, not overwritten. The
    temporary file never outlives an error, Ctrl-C, SIGTERM or SIGHUP.
    """
    import tempfile  # only a run that writes pays for it

    try:
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        if within is not None:
            check_within(path, within)
        status = target.stat() if target.exists() else None
        _check_writable(status)
        mode = stat.S_IMODE(status.st_mode) if status else 0o666 & ~_umask()
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as error:
        raise WriteError(error.strerror or str(error)) from error
    _TEMPORARIES.add(temporary)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            if status is not None:
                _keep_owner(handle.fileno(), status)
                _keep_attributes(target, handle.fileno())
        os.chmod(temporary, mode)
        if expected is not None and _changed(target, expected):
            raise WriteError("the file changed while it was being fixed; it was left as it is")
        os.replace(temporary, target)
    except BaseException as error:  # OSError, and Ctrl-C in the middle of a large write
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise WriteError(error.strerror or str(error)) from error
        raise
    finally:
        _TEMPORARIES.discard(temporary)
    try:  # make the rename itself durable
        folder = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(folder)
    except OSError:
        pass
    finally:
        os.close(folder)


def _check_writable(status: os.stat_result | None) -> None:
    """Refuse to replace what is not a regular file, or a file nobody may write."""
    if status is None:
        return

    what = kind(status.st_mode)
    if what is not None:
        raise WriteError(f"not a regular file ({what}); only regular files are written")
    if not status.st_mode & 0o222:
        raise WriteError("the file is read-only; make it writable to fix it")
    if status.st_nlink > 1:
        raise WriteError(
            f"{status.st_nlink} hard links share this file; a rewrite would split them"
        )


def check_within(path: Path, folder: Path) -> None:
    """Refuse a destination that a link (a file's or a folder's) leads out of `folder`."""
    root = os.path.realpath(folder)
    if os.path.commonpath([root, os.path.realpath(path)]) != root:
        raise WriteError(f"a link leads out of {folder}; nothing is written outside it")


def _keep_attributes(target: Path, descriptor: int) -> None:
    """Copy the old file's extended attributes to the new one, where they can be set (a
    `security.` one may need privileges; the rest of the fix does not depend on it)."""
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(target)
    except OSError:
        return
    for name in names:
        with contextlib.suppress(OSError):
            os.setxattr(descriptor, name, os.getxattr(target, name))


def _keep_owner(descriptor: int, status: os.stat_result) -> None:
    """Give the new file the old one's owner and group, or at least its group."""
    if (status.st_uid, status.st_gid) == (os.geteuid(), os.getegid()):
        return
    try:
        os.fchown(descriptor, status.st_uid, status.st_gid)
    except OSError:
        with contextlib.suppress(OSError):
            os.fchown(descriptor, -1, status.st_gid)


def _changed(target: Path, expected: bytes) -> bool:
    """Whether the file no longer holds the bytes that were read (someone saved meanwhile)."""
    try:
        with open(target, "rb") as handle:
            current = handle.read(len(expected) + 1)
    except FileNotFoundError:
        return True
    return current != expected


def remove_temporaries_on_sigterm() -> None:
    """On SIGTERM or SIGHUP (a closed terminal), remove the temporary files being written,
    then die of the signal as before. (Ctrl-C raises KeyboardInterrupt, which write_atomic
    cleans up itself.)"""
    # Only a run that writes installs the handler: threading costs the others 1 ms.
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return

    def handler(signum: int, frame: object) -> None:
        for temporary in list(_TEMPORARIES):
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) in (signal.SIG_DFL, None):
            signal.signal(number, handler)  # a signal someone else handles is left to them


def _umask() -> int:
    current = os.umask(0)  # the only way to read it is to set it
    os.umask(current)
    return current
