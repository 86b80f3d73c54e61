"""Fixes grouped by line, for the reporters that show a line before and after: the "after"
line shows every fix on that line, not one finding's fix with the rest still broken."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from referat_lint.checking.findings import Finding, FixView


def merged_view(findings: Iterable[Finding]) -> FixView | None:
    """One before/after view of a line with the edits of all `findings` (their fix views
    are of that one line). None when they are not of one line or when a view is a cut-out
    window of a long line (then each finding keeps its own view)."""
    views = [f.fix_view for f in findings if f.fix_view is not None]
    if not views:
        return None
    first = views[0]
    if any(v.line != first.line or v.before != first.before for v in views):
        return None
    if len(views) == 1:
        return first
    if first.before.startswith("…"):  # a window: its columns are shifted
        return None
    edits = sorted(
        (e for v in views for e in v.edits if e.span.line == e.span.end_line == first.line),
        key=lambda e: (e.span.column, e.span.end_column),
    )
    pieces: list[str] = []
    position = 0
    line = first.before
    for edit in edits:
        start, end = edit.span.column - 1, edit.span.end_column - 1
        if start < position or end > len(line):
            continue  # overlapping: the first one wins, as when --fix applies them
        pieces += [line[position:start], edit.replacement]
        position = end
    pieces.append(line[position:])
    return FixView(tuple(edits), first.line, line, "".join(pieces))


def by_line(findings: Sequence[Finding]) -> list[list[Finding]]:
    """Consecutive findings that start on the same line, in order (findings come sorted)."""
    groups: list[list[Finding]] = []
    for finding in findings:
        if groups and groups[-1][0].span.line == finding.span.line:
            groups[-1].append(finding)
        else:
            groups.append([finding])
    return groups
