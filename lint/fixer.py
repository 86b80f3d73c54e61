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
from .findings import Applicability, Edit, Finding, Stage
from .rule import Rule
from .source import Source

# A fix can reveal another (a repaired heading, then its TOC entry; nested markup, one layer
# a pass): passes run until nothing changes. The cap only stops hostile nesting from costing
# more than this many checks; what is left then is reported as such.
MAX_PASSES = 100


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
    exhausted: bool = False  # MAX_PASSES ran out before the text stopped changing


def fix(
    source: Source, rules: Sequence[Rule], config: Config, path: str | None, *, unsafe: bool
) -> FixOutcome:
    """Apply every applicable fix, re-checking after each pass, until nothing changes."""
    fixed: list[Finding] = []
    analysis = analyze(source, rules, config, path)
    if not source.confident:  # the text itself is a guess: repair nothing, report all
        return FixOutcome(source, analysis, ())
    for _ in range(MAX_PASSES):
        applicable = [f for f in analysis.findings if f.fix and f.fix.applies(unsafe)]
        batch = [f for f in applicable if f.stage is Stage.ENCODING]
        edits: list[Edit] = [edit for f in batch if f.fix for edit in f.fix.edits]
        if not batch:
            # Structure fixes point into the repaired view. Encoding repairs that are not
            # applied (unsafe ones without --unsafe-fixes) stay in that view: map the
            # structure edits back past them, leaving out any edit that touches one.
            batch, edits = _structure_batch(applicable, analysis, source.text)
        if not batch:
            break
        fixes = [f.fix for f in batch if f.fix]
        text = apply_edits(source.text, edits)
        encode_as = next((fix_.encode_as for fix_ in fixes if fix_.encode_as), None)
        if encode_as:
            source = Source(text, encode_as)
        elif text == source.text:
            break
        else:
            source = dataclasses.replace(source, text=text)
        fixed.extend(batch)
        analysis = analyze(source, rules, config, path)
    else:
        more = any(f.fix and f.fix.applies(unsafe) for f in analysis.findings)
        return FixOutcome(source, analysis, tuple(fixed), more)
    return FixOutcome(source, analysis, tuple(fixed))


def _structure_batch(
    applicable: list[Finding], analysis: Analysis, text: str
) -> tuple[list[Finding], list[Edit]]:
    """The structure findings whose edits can be placed in `text`, and those edits."""
    structure = [f for f in applicable if f.stage is Stage.STRUCTURE and f.fix]
    if analysis.view == text:
        return structure, [edit for f in structure if f.fix for edit in f.fix.edits]
    pending = _view_edits(analysis.findings)
    batch: list[Finding] = []
    edits: list[Edit] = []
    for finding in structure:
        assert finding.fix is not None
        placed = [_to_source(edit, pending) for edit in finding.fix.edits]
        if all(edit is not None for edit in placed):
            batch.append(finding)
            edits.extend(edit for edit in placed if edit is not None)
    return batch, edits


def _view_edits(findings: Sequence[Finding]) -> list[Edit]:
    """The encoding edits the engine applied to make the view, in order (as apply_edits
    does: sorted, an edit overlapping an earlier one dropped)."""
    proposed = [
        edit
        for f in findings
        if f.stage is Stage.ENCODING
        and f.fix
        and f.fix.applicability is not Applicability.DISPLAY_ONLY
        for edit in f.fix.edits
    ]
    applied: list[Edit] = []
    position = 0
    for edit in sorted(proposed, key=lambda e: (e.start, e.end)):
        if edit.start < position:
            continue
        applied.append(edit)
        position = edit.end
    return applied


def _to_source(edit: Edit, pending: list[Edit]) -> Edit | None:
    """`edit` (offsets in the view) in the text before `pending` were applied, or None when
    it touches text that one of them replaced."""
    shift = 0  # view offset minus text offset before the current pending edit
    for repair in pending:
        view_start = repair.start + shift
        view_end = view_start + len(repair.replacement)
        if edit.end < view_start:
            break
        if edit.start <= view_end:  # overlaps or touches the repaired text
            return None
        shift += len(repair.replacement) - (repair.end - repair.start)
    return Edit(edit.start - shift, edit.end - shift, edit.replacement)


# Temporary files being written, removed by the signal handler if SIGTERM comes first.
_TEMPORARIES: set[str] = set()


def write_atomic(path: Path, data: bytes, expected: bytes | None = None) -> None:
    """Replace (or create) `path` with `data`: temp file in the same folder, fsync, rename.

    What the rename would lose is kept or refused: a symlink is written through to its
    target; a file with other hard links is refused (a rename would split them); mode,
    owner and group are kept (owner and group where the process may set them); and with
    `expected` (the bytes that were read and fixed), a file that changed since is refused,
    not overwritten. The temporary file never outlives an error, Ctrl-C or SIGTERM.
    """
    import tempfile  # only a run that writes pays for it

    try:
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        status = target.stat() if target.exists() else None
        if status is not None and status.st_nlink > 1:
            raise WriteError(
                f"{status.st_nlink} hard links share this file; a rewrite would split them"
            )
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
    """On SIGTERM, remove the temporary files being written, then die of the signal as
    before. (Ctrl-C raises KeyboardInterrupt, which write_atomic cleans up itself.)"""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return
    previous = signal.getsignal(signal.SIGTERM)
    if previous not in (signal.SIG_DFL, None):
        return  # someone else handles it

    def handler(signum: int, frame: object) -> None:
        for temporary in list(_TEMPORARIES):
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    signal.signal(signal.SIGTERM, handler)


def _umask() -> int:
    current = os.umask(0)  # the only way to read it is to set it
    os.umask(current)
    return current
