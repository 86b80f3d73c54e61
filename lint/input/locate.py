"""Where a run's config file and cache folder are: one rule for the run and its replay.

The config is the nearest `.referat-lint.toml`, or `pyproject.toml` with a
`[tool.referat-lint]` table, in the working directory or above (in one folder
`.referat-lint.toml` wins); the cache folder is `--cache-dir`, else `.referat-lint-cache`
beside the config (the working directory without one). config.py and cli_args.py use these
functions, and so does the replay of an unchanged run (replay.py) before anything else of
the linter is loaded: hence plain strings and nothing imported but `os` (pathlib and the
TOML parser cost more start-up than the whole replay).
"""

from __future__ import annotations

import errno
import os
import stat

from referat_lint.input import watch

TYPE_CHECKING = False  # typing's own import costs the replay 2 ms
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

CONFIG_FILE = ".referat-lint.toml"
CACHE_DIR = ".referat-lint-cache"  # beside the config file, unless --cache-dir says where
PYPROJECT = "pyproject.toml"
_NAME = "referat-lint"  # a pyproject.toml without it holds no config: no TOML parse needed
# What pathlib's is_file() takes for "not a file"; any other error is the folder's.
_NOT_THERE = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)

Candidate = tuple[str, "str | None"]  # a config file, and a pyproject.toml's text


def in_folder(folder: str, read: Callable[[str], str]) -> Candidate | None:
    """The config candidate in `folder` itself: (`.referat-lint.toml`, None), or
    (`pyproject.toml`, its text) when that mentions referat-lint; whether such a text has
    the table is the caller's TOML parse to decide. None for neither, and for a folder the
    system will not look into (a path too long). `read` raises what the caller reports."""
    candidate = os.path.join(folder, CONFIG_FILE)
    pyproject = os.path.join(folder, PYPROJECT)
    try:
        candidate_is_file, pyproject_is_file = _is_file(candidate), _is_file(pyproject)
    except OSError:
        return None
    if candidate_is_file:
        return candidate, None
    if pyproject_is_file:
        text = read(pyproject)
        if _NAME in text:
            return pyproject, text
    return None


def configs_above(start: str, read: Callable[[str], str]) -> Iterator[Candidate]:
    """The config candidates of `start` (an absolute folder) and the folders above it,
    nearest first."""
    folder = start
    while True:
        found = in_folder(folder, read)
        if found is not None:
            yield found
        parent = os.path.dirname(folder)
        if parent == folder:
            return
        folder = parent


def cache_folder(cache_dir: str | None, config_folder: str) -> str:
    """The cache folder: `--cache-dir`'s, else the one beside the config (its folder, or
    the working directory when there is none)."""
    return cache_dir if cache_dir else os.path.join(config_folder, CACHE_DIR)


def cache_folders(
    cache_dir: str | None, config: str | None, cwd: str, read: Callable[[str], str]
) -> Iterator[str]:
    """Every folder a run with these options could use as its cache, most likely first,
    without parsing TOML: a pyproject.toml that mentions referat-lint may be the config or
    not, so both its folder and the ones further up are given. (A replay finds its record
    in one of them; the record's stamps of the config candidates decide whether it holds.)"""
    if cache_dir or config:
        config_folder = os.path.dirname(os.path.join(cwd, config)) if config else cwd
        yield os.path.join(cwd, cache_folder(cache_dir, config_folder))
        return
    for path, text in configs_above(cwd, read):
        yield cache_folder(None, os.path.dirname(path))
        if text is None:
            return  # a .referat-lint.toml: certainly the config
    yield cache_folder(None, cwd)


def _is_file(path: str) -> bool:
    """Path(path).is_file(), the run's answer stamped for its record."""
    try:
        status = os.stat(path)
    except OSError as error:
        watch.failed(path, error)
        if error.errno not in _NOT_THERE:
            raise
        return False
    watch.saw(path, status)
    return stat.S_ISREG(status.st_mode)
