"""Which files a run checks: named files, and the minutes files inside named folders.

A folder is walked for the `include` patterns, skipping what `exclude` names and, inside a
git repository, what git ignores (`.gitignore` files and `.git/info/exclude`). A file
named on the command line is always checked, unless `force-exclude` is set and it is
excluded (as ruff has it: pre-commit names every file, so the config's exclude must reach
those names too).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from referat_lint.config import Config
from referat_lint.input import watch
from referat_lint.input.identity import relative_path
from referat_lint.input.reading import InputError, read_regular
from referat_lint.input.regex_cache import regex
from referat_lint.input.user_regex import encodable, glob_match
from referat_lint.out.messages import Message

if TYPE_CHECKING:
    from pathspec import PathSpec

STDIN = "-"


class Target(NamedTuple):
    """A file to check, or a problem with a path that was named (`problem` set)."""

    path: str
    problem: object = None  # None, or a messages.Message (a str from older callers) for the user
    fatal: bool = True  # False for a warning that does not change the exit code
    config: Config | None = None  # the file's own config, when it is not the run's


@lru_cache(maxsize=64)
def _spec(patterns: tuple[str, ...]) -> PathSpec:
    import pathspec  # only patterns a name alone does not decide (see _by_name): 20 ms

    return pathspec.GitIgnoreSpec.from_lines(patterns, backend="re2")  # linear time


# A pattern a name alone decides: no slash, negation, escape, class or `**`, no comment, no
# space at either end, not only dots. As a line of a .gitignore it matches a path whose
# file or folder name, at any depth, it matches as a glob (`*.txt`, `.git`, `build`).
_NAME_PATTERN = regex(r"(?![!#]|\.*$)(?!.*\*\*)[^/\\\[\s](?:[^/\\\[]*[^/\\\[\s])?")


@lru_cache(maxsize=64)
def _by_name(patterns: tuple[str, ...]) -> bool:
    """Whether every pattern is one a name alone decides: then matching them needs no
    pathspec (whose import costs a walk 20 ms; the defaults, and most configs, are such).
    A property test holds the two to the same answers."""
    return all(_NAME_PATTERN.fullmatch(pattern) for pattern in patterns)


def _matches(patterns: tuple[str, ...], relative: str, is_dir: bool = False) -> bool:
    """Whether the .gitignore-style `patterns` match the POSIX path `relative`."""
    if _by_name(patterns):
        names = encodable(relative).split("/")
        return any(glob_match(name, pattern) for name in names for pattern in patterns)
    return _spec(patterns).match_file(encodable(relative) + ("/" if is_dir else ""))


def _relative(path: Path, config: Config) -> str:
    """The path as the patterns see it: relative to the config's folder, or, outside it,
    its name alone (so that only patterns without a slash can match)."""
    return relative_path(path, config.root) or path.name


def _excluded(path: Path, config: Config, is_dir: bool = False) -> bool:
    """Whether `exclude` names this file or folder, as a `.gitignore` in the config's
    folder would: a pattern without a slash matches a name anywhere, one with a slash a
    path relative to that folder, `*` never crosses a slash."""
    return _exclude_matches(_relative(path, config), config, is_dir)


def _exclude_matches(relative: str, config: Config, is_dir: bool = False) -> bool:
    if not config.exclude:
        return False
    return _matches(config.exclude, relative, is_dir)


def included(path: Path, config: Config) -> bool:
    """Whether `include` names this file, with `.gitignore` semantics and case-insensitive
    (`REFERAT.TXT` is minutes as much as `referat.txt`)."""
    return _include_matches(_relative(path, config), config)


def _include_matches(relative: str, config: Config) -> bool:
    lowered = tuple(pattern.lower() for pattern in config.include)
    return _matches(lowered, relative.lower())


# An ignore file is a few kilobytes; more is not one (and /dev/zero would never end).
_MAX_IGNORE_FILE = 1000 * 1000


def _git_root(folder: Path) -> Path | None:
    for candidate in [folder, *folder.parents]:
        try:
            status = os.stat(candidate / ".git")
        except OSError as error:  # absent, or a folder without search permission: look further up
            watch.failed(candidate / ".git", error)
            continue
        watch.saw(candidate / ".git", status)
        return candidate
    return None


def _cannot_read(path: object, error: Exception) -> Target:
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
        watch.look(source)
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
            include = spec.check_file(encodable(relative[prefix:]) + suffix).include  # type: ignore[attr-defined]
            if include is not None:  # the deepest file that has a say decides
                decision = include
        return decision


def collect(
    paths: list[str], config: Config, config_for: Callable[[Path], Config] | None = None
) -> Iterator[Target]:
    """Files to check, in a stable order; a folder is walked for the `include` patterns.

    `config_for(folder)` gives the config of the files in a folder (default: `config` for
    all); a target whose config is not `config` carries its own."""
    yield from _collect(paths, config, config_for or (lambda _folder: config))


def _collect(
    paths: list[str], config: Config, config_for: Callable[[Path], Config]
) -> Iterator[Target]:
    for raw in paths:
        if raw == STDIN:
            yield Target(STDIN)
            continue
        path = Path(raw)
        watch.look(raw)
        try:  # a name the system refuses to look at (too long, no search permission)
            is_folder = path.is_dir()
        except OSError as error:
            yield _cannot_read(raw, error)
            continue
        if is_folder:
            found = False
            for target in _walk(path, config_for, config):
                found = True
                yield target
            if not found:
                patterns = ", ".join(config.include)
                yield Target(
                    raw, Message("problem.no-minutes-in-folder", patterns=patterns), fatal=False
                )
        elif path.exists():
            own = config_for(path.parent)
            if own.force_exclude and _named_file_excluded(path, own):
                continue
            yield Target(raw, config=None if own is config else own)
        else:
            yield Target(raw, Message("problem.no-such-path"))


def _named_file_excluded(path: Path, config: Config) -> bool:
    """Whether exclude (or git) would have skipped this file in a walk from the config's
    folder: its own name, or a folder between that root and it (never a folder above the
    root, which a checkout's own location may happen to match)."""
    resolved = path.resolve()
    root = config.root.resolve()
    folders = [p for p in resolved.parents if p != root and root in p.parents]
    if _excluded(path, config) or any(_excluded(p, config, is_dir=True) for p in folders):
        return True
    if config.respect_gitignore:
        git_root = _git_root(path.resolve().parent)
        return git_root is not None and GitIgnore(git_root).ignored(path, is_dir=False)
    return False


def _walk(top: Path, config_for: Callable[[Path], Config], run_config: Config) -> Iterator[Target]:
    """The files to check below `top`, each with the config of its folder (None where it is
    the run's), and a problem for each folder or ignore file that could not be read (the
    walk goes on without it)."""
    config = config_for(top)
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
        config = config_for(base)
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

        # The folder's path relative to its config's root, once: its entries' paths follow
        # (outside the root, an entry is matched by its name alone).
        within = relative_path(base, config.root)

        def relative(name: str, within: str | None = within) -> str:
            return f"{within}/{name}" if within not in (None, ".") else name

        subfolders[:] = sorted(
            d
            for d in subfolders
            if d != ".git"
            and not _exclude_matches(relative(d), config, is_dir=True)
            and not git_ignores(d, True)
        )
        for name in subfolders:  # stamped before the walk lists them
            watch.look(os.path.join(folder, name))
        for name in sorted(files):
            if not _include_matches(relative(name), config):
                continue
            if _exclude_matches(relative(name), config) or git_ignores(name, False):
                continue
            own = None if config is run_config else config
            watch.look(os.path.join(folder, name))
            yield Target(os.path.join(folder, name), config=own)
    yield from problems
