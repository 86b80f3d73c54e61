"""A file's path relative to a folder, and a short stable hash: how a finding is known
across runs and machines (config globs, report URIs, fingerprints, the baseline)."""

from __future__ import annotations

import os
from pathlib import Path, PurePath


def relative_path(path: str | Path, root: Path, *, climb: bool = False) -> str | None:
    """`path` relative to `root` in POSIX form (links resolved on both sides). Outside
    `root`: a `../` path when `climb`, else None (None too for another drive on Windows)."""
    absolute, base = Path(path).resolve(), root.resolve()
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        if not climb:
            return None
    try:
        return PurePath(os.path.relpath(absolute, base)).as_posix()
    except ValueError:
        return None


def fingerprint(*parts: str, length: int = 16) -> str:
    """The first `length` hex digits of the SHA-256 of `parts` joined by NUL: no text kept."""
    import hashlib  # not at start-up: config globs need only the path helper

    key = "\0".join(parts).encode("utf-8", "surrogateescape")
    return hashlib.sha256(key).hexdigest()[:length]
