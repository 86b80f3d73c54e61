"""Apply fixes to a text until none is left (lint/input/atomic.py writes the result)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from referat_lint.checking.engine import Analysis, analyze, apply_edits
from referat_lint.checking.findings import Applicability, Edit, Finding, Stage
from referat_lint.checking.rule import Rule
from referat_lint.config import Config
from referat_lint.input.source import Source

# A fix can reveal another (a repaired heading, then its TOC entry; nested markup, one layer
# a pass): passes run until nothing changes. The cap only stops hostile nesting from costing
# more than this many checks; what is left then is reported as such.
MAX_PASSES = 100


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
            source = source._replace(text=text)
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
