"""What a run looked at, for the record that lets an unchanged re-run be replayed.

Switched on (`start`) only by the console script, for a run whose output may be kept
(recording.py); off, every call here is a no-op. While on, the places where a run decides
something from the file system say so: every file it read or whose absence mattered (config
candidates, profiles, ignore files, the files checked), every folder it listed. Each is
stamped as it was looked at; a path looked at twice with two stamps, or anything the run
cannot vouch for (`doubt`), means no record. Rules never see this module.

Imports nothing but `os`: the replay's own start-up (locate.py) imports it too.
"""

from __future__ import annotations

import os

Stamp = tuple[int, int, int, int, int]  # size, mtime_ns, ctime_ns, inode, device

# ENOENT and ENOTDIR: the path is not there (absence is part of the record); any other
# error (a loop of links, a folder without search permission) is not something to vouch for.
_ABSENT = (FileNotFoundError, NotADirectoryError)

_seen: dict[str, Stamp | None] | None = None  # None: off
# A run that looks at more paths keeps no record, and stops watching: an archive of any size
# is checked in flat memory (its re-run goes through the per-file cache).
MAX_WATCHED = 100_000
_cache_folder: list[str] = []  # the cache folder the run used
_doubted = False


def start() -> None:
    """Begin watching a run."""
    global _seen, _doubted
    _seen, _doubted = {}, False
    _cache_folder.clear()


def stop() -> tuple[dict[str, Stamp | None] | None, str | None]:
    """Stop watching: what the run looked at (None when in doubt or given up) and its cache
    folder."""
    global _seen
    seen, _seen = _seen, None
    folder = (_cache_folder[-1] or None) if _cache_folder else None
    return (None if _doubted else seen), folder


def active() -> bool:
    return _seen is not None


def stamp(status: os.stat_result) -> Stamp:
    """What changes when a file is rewritten (ctime: even with its old mtime put back) or
    replaced (inode), or a folder gains or loses an entry."""
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)


def saw(path: str | os.PathLike[str], status: os.stat_result | None) -> None:
    """The run looked at `path` and found it (`status`) or found nothing there (None)."""
    if _seen is None:
        return
    key = os.fspath(path)
    now = None if status is None else stamp(status)
    if _seen.setdefault(key, now) != now:
        doubt()  # changed while the run was looking: what it saw is not one version
    elif len(_seen) > MAX_WATCHED:
        _give_up()


def failed(path: str | os.PathLike[str], error: OSError) -> None:
    """The run could not look at `path`: absent, or (any other error) a doubt."""
    if isinstance(error, _ABSENT):
        saw(path, None)
    else:
        doubt()


def look(path: str | os.PathLike[str]) -> None:
    """The run is about to read or list `path`: stamp it now, before it does."""
    if _seen is None:
        return
    try:
        status = os.stat(path)
    except OSError as error:
        failed(path, error)
        return
    saw(path, status)


def cache_folder(folder: str | os.PathLike[str] | None) -> None:
    """The cache folder the run reads and writes. None: no cache, so no record, and nothing
    more is watched."""
    if _seen is None:
        return
    _cache_folder.append(os.fspath(folder) if folder is not None else "")
    if folder is None:
        _give_up()


def _give_up() -> None:
    """No record for this run: stop watching, and let go of what was seen."""
    global _seen
    doubt()
    _seen = None


def doubt() -> None:
    """The run did something its record could not reproduce (a progress bar drawn by the
    clock, raw bytes written past the recorder): keep no record."""
    global _doubted
    _doubted = True
