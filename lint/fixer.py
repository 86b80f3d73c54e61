"""Apply fixes to a text until none is left, and write the result atomically."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from .config import Config
from .engine import Analysis, analyze, apply_edits
from .findings import Finding, Stage
from .rule import Rule
from .source import Source

MAX_PASSES = 10  # a fix can reveal another (a repaired heading, then its TOC entry)


class WriteError(Exception):
    """Writing the fixed file failed; the original is untouched."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"cannot write: {reason}")
        self.reason = reason


class FixOutcome(NamedTuple):
    """The fixed source and what was left to report on it."""

    source: Source  # the final text and the encoding it is to be written in
    analysis: Analysis  # findings on the final text
    fixed: tuple[Finding, ...]  # findings whose fix was applied


def fix(
    source: Source, rules: Sequence[Rule], config: Config, path: str | None, *, unsafe: bool
) -> FixOutcome:
    """Apply every applicable fix, re-checking after each pass."""
    fixed: list[Finding] = []
    analysis = analyze(source, rules, config, path)
    if not source.confident:  # the text itself is a guess: repair nothing, report all
        return FixOutcome(source, analysis, ())
    for _ in range(MAX_PASSES):
        applicable = [f for f in analysis.findings if f.fix and f.fix.applies(unsafe)]
        batch = [f for f in applicable if f.stage is Stage.ENCODING]
        if not batch and analysis.view == source.text:
            # Structure fixes point into the repaired view, valid only once it is the text.
            batch = applicable
        if not batch:
            break
        fixes = [f.fix for f in batch if f.fix]
        text = apply_edits(source.text, [edit for fix_ in fixes for edit in fix_.edits])
        encode_as = next((fix_.encode_as for fix_ in fixes if fix_.encode_as), None)
        if encode_as:
            source = Source(text, encode_as)
        elif text == source.text:
            break
        else:
            source = dataclasses.replace(source, text=text)
        fixed.extend(batch)
        analysis = analyze(source, rules, config, path)
    return FixOutcome(source, analysis, tuple(fixed))


def write_atomic(path: Path, data: bytes) -> None:
    """Replace (or create) `path` with `data`: temp file in the same folder, fsync, rename;
    an existing file keeps its mode, a new one gets the usual mode for new files."""
    import tempfile  # only a run that writes pays for it

    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~_umask()
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise WriteError(error.strerror or str(error)) from error
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise WriteError(error.strerror or str(error)) from error
    try:  # make the rename itself durable
        folder = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(folder)
    except OSError:
        pass
    finally:
        os.close(folder)


def _umask() -> int:
    current = os.umask(0)  # the only way to read it is to set it
    os.umask(current)
    return current
