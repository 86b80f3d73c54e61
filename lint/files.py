"""Which files a run checks: named files, and the minutes files inside named folders.

A folder is walked for the `include` patterns, skipping what `exclude` names and, inside a
git repository, what git ignores (`.gitignore` files and `.git/info/exclude`). A file
named on the command line is always checked, unless `force-exclude` is set and it is
excluded (as ruff has it: pre-commit names every file, so the config's exclude must reach
those names too).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .config import Config
from .identity import relative_path
from .user_regex import glob_match

if TYPE_CHECKING:
    from pathspec import PathSpec

STDIN = "-"


class Target(NamedTuple):
    """A file to check, or a problem with a path that was named (`problem` set)."""

    path: str
    problem: object = None  # None, or a messages.Message (a str from older callers) for the user
    fatal: bool = True  # False for a warning that does not change the exit code


def _excluded(path: Path, config: Config) -> bool:
    """Whether `exclude` names this file or folder: a pattern without a slash matches its
    name, one with a slash its path relative to the config's folder."""
    name = path.name
    relative: str | None = None
    for pattern in config.exclude:
        if "/" not in pattern.rstrip("/"):
            if glob_match(name, pattern.rstrip("/")):
                return True
            continue
        if relative is None:
            relative = relative_path(path, config.root)
        if relative is not None and glob_match(relative, pattern.strip("/")):
            return True
    return False


# An ignore file is a few kilobytes; more is not one (and /dev/zero would never end).
_MAX_IGNORE_FILE = 1000 * 1000


def _git_root(folder: Path) -> Path | None:
    for candidate in [folder, *folder.parents]:
        try:
            os.stat(candidate / ".git")
        except OSError:  # absent, or a folder without search permission: look further up
            continue
        return candidate
    return None


def _cannot_read(path: object, error: Exception) -> Target:
    from .messages import Message

    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return Target(str(path), Message("problem.cannot-read", reason=reason))


class GitIgnore:
    """What git ignores below one repository root: its `.gitignore` files (each relative to
    its own folder, deeper ones deciding) and `.git/info/exclude`. Paths are POSIX strings
    relative to the root; each folder's chain of specs is built once."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._chains: dict[str, tuple[tuple[int, object], ...]] = {}
        self.problems: list[Target] = []  # ignore files that could not be read

    def _load(self, source: Path) -> PathSpec | None:
        """The rules of one ignore file, read as every input is (a regular file of bounded
        size); one that cannot be read is a problem to report, and ignores nothing."""
        from .reading import InputError, read_regular

        try:
            data = read_regular(source, _MAX_IGNORE_FILE)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except (OSError, InputError) as error:
            self.problems.append(_cannot_read(source, error))
            return None
        lines = data.decode("utf-8", errors="replace").splitlines()
        if not any(line.strip() and not line.startswith("#") for line in lines):
            return None
        import pathspec  # only a run that walks a repository with ignore files pays for it

        # RE2: a glob such as `*a*a*a*a*b` backtracks for minutes in Python's `re`.
        return pathspec.GitIgnoreSpec.from_lines(lines, backend="re2")

    def _chain(self, folder: str) -> tuple[tuple[int, object], ...]:
        """The specs that apply inside `folder` ("" is the root), outermost first, each with
        the length of the prefix that makes a path relative to its own folder."""
        chain = self._chains.get(folder)
        if chain is None:
            if folder:
                parent = folder.rpartition("/")[0]
                chain = self._chain(parent)
                prefix = len(folder) + 1
            else:
                exclude = self._load(self.root / ".git" / "info" / "exclude")
                chain = ((0, exclude),) if exclude is not None else ()
                prefix = 0
            spec = self._load(self.root / folder / ".gitignore")
            if spec is not None:
                chain += ((prefix, spec),)
            self._chains[folder] = chain
        return chain

    def relative(self, path: Path) -> str | None:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return None

    def ignored(self, path: Path, is_dir: bool) -> bool:
        """Whether git ignores `path` or, as git never descends into an ignored folder, any
        folder it is in."""
        relative = self.relative(path)
        if relative is None or relative == ".":
            return False
        parts = relative.split("/")
        return any(
            self.decide("/".join(parts[:depth]), is_dir or depth < len(parts))
            for depth in range(1, len(parts) + 1)
        )

    def decide(self, relative: str, is_dir: bool) -> bool:
        """Whether the rules that apply to `relative` itself ignore it (not its folders)."""
        decision = False
        suffix = "/" if is_dir else ""
        for prefix, spec in self._chain(relative.rpartition("/")[0]):
            include = spec.check_file(relative[prefix:] + suffix).include  # type: ignore[attr-defined]
            if include is not None:  # the deepest file that has a say decides
                decision = include
        return decision


def collect(paths: list[str], config: Config) -> Iterator[Target]:
    """Files to check, in a stable order; a folder is walked for the `include` patterns."""
    for raw in paths:
        if raw == STDIN:
            yield Target(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for target in _walk(path, config):
                found = True
                yield target
            if not found:
                from .messages import Message

                patterns = ", ".join(config.include)
                yield Target(
                    raw, Message("problem.no-minutes-in-folder", patterns=patterns), fatal=False
                )
        elif path.exists():
            if config.force_exclude and _named_file_excluded(path, config):
                continue
            yield Target(raw)
        else:
            from .messages import Message

            yield Target(raw, Message("problem.no-such-path"))


def _named_file_excluded(path: Path, config: Config) -> bool:
    """Whether exclude (or git) would have skipped this file in a walk from the config's
    folder: its own name, or a folder between that root and it (never a folder above the
    root, which a checkout's own location may happen to match)."""
    resolved = path.resolve()
    root = config.root.resolve()
    folders = [p for p in resolved.parents if p != root and root in p.parents]
    if _excluded(path, config) or any(_excluded(p, config) for p in folders):
        return True
    if config.respect_gitignore:
        git_root = _git_root(path.resolve().parent)
        return git_root is not None and GitIgnore(git_root).ignored(path, is_dir=False)
    return False


def _walk(top: Path, config: Config) -> Iterator[Target]:
    """The files to check below `top`, and a problem for each folder or ignore file that
    could not be read (the walk goes on without it)."""
    root = _git_root(top.resolve()) if config.respect_gitignore else None
    ignore = GitIgnore(root) if root is not None else None
    top_relative = ignore.relative(top) if ignore is not None else None
    problems: list[Target] = ignore.problems if ignore is not None else []

    def unreadable(error: OSError) -> None:
        problems.append(_cannot_read(error.filename or top, error))

    for folder, subfolders, files in os.walk(top, onerror=unreadable):
        yield from problems
        problems.clear()
        base = Path(folder)
        # A folder named on the command line is walked; below it, only what git does not
        # ignore (each folder was asked before the walk entered it).
        here = None
        if ignore is not None and top_relative is not None:
            inside = os.path.relpath(folder, top).replace(os.sep, "/")
            here = "/".join(p for p in (top_relative, inside) if p not in ("", "."))

        def git_ignores(name: str, is_dir: bool, here: str | None = here) -> bool:
            if ignore is None or here is None:
                return False
            return ignore.decide(f"{here}/{name}" if here else name, is_dir)

        subfolders[:] = sorted(
            d
            for d in subfolders
            if d != ".git" and not _excluded(base / d, config) and not git_ignores(d, True)
        )
        for name in sorted(files):
            if not any(glob_match(name, pattern) for pattern in config.include):
                continue
            if _excluded(base / name, config) or git_ignores(name, False):
                continue
            yield Target(os.path.join(folder, name))
    yield from problems
