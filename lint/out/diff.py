"""The unified diff --diff prints: only the lines the fixes change.

Fixes edit text within lines (an edit never spans a line break), so the lines before and
after pair up one to one and the changed lines are exactly those an edit touched; no
sequence matching is needed, and none can mark an unchanged line as changed. The result is
a valid unified diff that `patch -p1` applies.

What the diff shows passes through privacy's masking and escaping, and a line those would
alter cannot be shown as it is without `patch` failing on it. So such a line is never
context (the hunk gets fewer context lines, which `patch` accepts), and a change on such a
line is left out of the diff and counted instead: `--fix` makes it.
"""

from __future__ import annotations

import difflib
from typing import NamedTuple

from referat_lint.out import privacy

CONTEXT = 3  # unchanged lines around a change, as diff -u shows


def _lines(text: str) -> list[str]:
    """Lines as patch sees them: split at LF only, each keeping its terminator."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _line(prefix: str, line: str) -> str:
    if line.endswith("\n"):
        return prefix + line
    return f"{prefix}{line}\n\\ No newline at end of file\n"


class Diff(NamedTuple):
    text: str  # the unified diff ("" when nothing is shown)
    hidden: int  # changed lines left out: showing them would show a CPR number


def _private(line: str) -> bool:
    """Whether masking would alter the line (it holds a CPR-shaped number)."""
    return privacy.mask(line) != line


def _showable(line: str) -> bool:
    """Whether the line reaches the output as it is (no CPR number, no control character)."""
    return not _private(line) and privacy.inert_lines(line) == line


def unified_diff(before: str, after: str, path: str) -> str:
    """`before` -> `after` as a unified diff of `path` (a/ and b/ prefixes, for -p1)."""
    return shown_diff(before, after, path).text


def shown_diff(before: str, after: str, path: str) -> Diff:
    """The diff that can be shown, and how many changed lines it leaves out."""
    old, new = _lines(before), _lines(after)
    if len(old) != len(new):  # a fix that adds or removes a line break: diff by matching
        return Diff("".join(difflib.unified_diff(old, new, f"a/{path}", f"b/{path}")), 0)
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    # A changed line with a control character is shown escaped (the terminal's safety
    # first): that hunk may not apply, but `--fix` repairs it and the rest still applies.
    shown = [i for i in changed if not _private(old[i]) and not _private(new[i])]
    hidden = len(changed) - len(shown)
    if not shown:
        return Diff("", hidden)
    safe = {i for i in range(len(old)) if old[i] == new[i] and _showable(old[i])}
    hunks: list[tuple[int, int]] = []  # [first, last) line indices
    for index in shown:
        first = index
        while first > 0 and index - first < CONTEXT and first - 1 in safe:
            first -= 1
        last = index + 1
        while last < len(old) and last - index <= CONTEXT and last in safe:
            last += 1
        if hunks and first <= hunks[-1][1]:
            hunks[-1] = (hunks[-1][0], last)
        else:
            hunks.append((first, last))
    out = [f"--- a/{path}\n", f"+++ b/{path}\n"]
    for first, last in hunks:
        count = last - first
        out.append(f"@@ -{first + 1},{count} +{first + 1},{count} @@\n")
        for i in range(first, last):
            if old[i] == new[i]:
                out.append(_line(" ", old[i]))
            else:
                out += [_line("-", old[i]), _line("+", new[i])]
    return Diff("".join(out), hidden)
