"""Which files a run checks: named files, and the minutes files inside named folders."""

from __future__ import annotations

import fnmatch
import os
from collections import namedtuple
from collections.abc import Iterator
from pathlib import Path

from .config import Config

STDIN = "-"


class Target(namedtuple("Target", "path problem fatal", defaults=(None, True))):
    """A file to check, or a problem with a path that was named (`problem` set)."""

    __slots__ = ()
    path: str
    problem: str | None
    fatal: bool  # False for a warning that does not change the exit code


def _excluded(name: str, config: Config) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in config.exclude)


def collect(paths: list[str], config: Config) -> Iterator[Target]:
    """Files to check, in a stable order; a folder is walked for the `include` patterns."""
    for raw in paths:
        if raw == STDIN:
            yield Target(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for folder, subfolders, files in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if not _excluded(d, config))
                for name in sorted(files):
                    if _excluded(name, config):
                        continue
                    if any(fnmatch.fnmatch(name, pattern) for pattern in config.include):
                        found = True
                        yield Target(os.path.join(folder, name))
            if not found:
                patterns = ", ".join(config.include)
                yield Target(raw, f"no minutes files ({patterns}) in this folder", fatal=False)
        elif path.exists():
            yield Target(raw)
        else:
            yield Target(raw, "no such file or folder")
