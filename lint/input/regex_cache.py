"""The tool's own regular expressions, their compiled form kept between runs.

Python's `re` compiles a pattern in Python code and keeps nothing between processes: the
hundred-odd patterns a check of one file uses cost 12 ms to compile, an eighth of its
whole run. `regex()` is `re.compile` whose result (the regex engine's program for the
pattern) is kept in `__pycache__` beside the package, as Python keeps bytecode, and handed
to the engine directly the next time. The program is keyed by the pattern, its flags, the
engine's format number and the interpreter's version, so it cannot go stale; another
interpreter (or one without these internals) simply compiles. Only the tool's own patterns
come here, never one built from what a user wrote: the kept copy must hold nothing of a
user's files or configuration. Where the folder is read-only, or the user switched
bytecode caches off, nothing is kept.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import marshal
import re
import sys
from importlib.util import source_hash
from pathlib import Path
from typing import Any

from referat_lint.input.packaged import keep, read_kept

_sre: Any = None  # CPython's regex engine and compiler; elsewhere `regex()` is re.compile
with contextlib.suppress(ImportError):
    _compiler: Any = importlib.import_module("re._compiler")
    _parser: Any = importlib.import_module("re._parser")
    _sre = importlib.import_module("_sre")

_STORE = Path(__file__).parent / "__pycache__" / f"regex.{sys.implementation.cache_tag}.data"
_KEY = source_hash(f"regex\0{sys.version}\0{getattr(_sre, 'MAGIC', 0)}\0{marshal.version}".encode())
_MAX_KEPT = 4000  # far above the tool's own patterns: a bound, not a budget

Program = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]
_kept: dict[tuple[str, int], Program] | None = None
_new = False


def regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from the kept program when there is one."""
    flags = int(flags)
    kept = _programs()
    program = kept.get((pattern, flags))
    if program is not None:
        with contextlib.suppress(Exception):  # a damaged copy: compiled below
            pattern_object: re.Pattern[str] = _sre.compile(pattern, *program)
            return pattern_object
    compiled = re.compile(pattern, flags)
    if _sre is not None and len(kept) < _MAX_KEPT:
        with contextlib.suppress(Exception):  # not keepable (another `re`): still correct
            kept[(pattern, flags)] = _program(pattern, flags)
            _remember()
    return compiled


def _program(pattern: str, flags: int) -> Program:
    """What re._compiler.compile hands the engine for `pattern`, as plain data."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = {name: int(index) for name, index in parsed.state.groupdict.items()}
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    marshal.dumps(pattern)  # a pattern marshal cannot write (a lone surrogate) is not kept
    return (
        int(flags | parsed.state.flags),
        code,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _programs() -> dict[tuple[str, int], Program]:
    global _kept
    if _kept is None:
        _kept = {}
        payload = read_kept(_STORE, _KEY)
        with contextlib.suppress(ValueError, EOFError, TypeError):
            programs = marshal.loads(payload) if payload is not None else None
            if isinstance(programs, dict):
                _kept = programs
    return _kept


def _remember() -> None:
    """Write the programs when the process ends, once, if it compiled a new one."""
    global _new
    if not _new and not sys.dont_write_bytecode:
        _new = True
        atexit.register(_write)


def _write() -> None:
    with contextlib.suppress(ValueError):
        keep(_STORE, _KEY, marshal.dumps(_kept))
