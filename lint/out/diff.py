"""The unified diff --diff prints: only the lines the fixes change.

Fixes edit text within lines (an edit never spans a line break), so the lines before and
after pair up one to one and the changed lines are exactly those an edit touched; no
sequence matching is needed, and none can mark an unchanged line as changed. The result is
a valid unified diff that `patch -p1` applies.
"""

from __future__ import annotations

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


def unified_diff(before: str, after: str, path: str) -> str:
    """`before` -> `after` as a unified diff of `path` (a/ and b/ prefixes, for -p1)."""
    old, new = _lines(before), _lines(after)
    if len(old) != len(new):  # a fix that adds or removes a line break: diff by matching
        import difflib

        return "".join(difflib.unified_diff(old, new, f"a/{path}", f"b/{path}"))
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    if not changed:
        return ""
    hunks: list[tuple[int, int]] = []  # [first, last) line indices
    for index in changed:
        first, last = max(0, index - CONTEXT), min(len(old), index + CONTEXT + 1)
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
    return "".join(out)
