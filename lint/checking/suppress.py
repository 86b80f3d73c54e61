"""Inline suppression comments, in Markdown and plain text alike:

    <!-- referat-lint-disable RULES -->        off from this line ...
    <!-- referat-lint-enable RULES -->         ... to this one (RULES: those, or all)
    <!-- referat-lint-disable-line RULES -->   off on this line only
    <!-- referat-lint-disable-next-line RULES --> off on the next line only

RULES are names, codes or code prefixes, separated by commas or spaces; none means every
rule. A comment that suppresses nothing is reported (`unused-suppression`), so that
suppressions do not outlive the problems they were written for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from referat_lint.checking.findings import Finding, Span

UNUSED = "unused-suppression"
# More comments than this in one file are not a person's: the rest are not read, which
# bounds the work to this many per finding.
MAX_SUPPRESSIONS = 1000
_COMMENT = re.compile(
    r"<!--[ \t]*referat-lint-(disable-next-line|disable-line|disable|enable)\b([^>\n]{0,500}?)-->"
)


class Suppression(NamedTuple):
    span: Span  # the comment
    selectors: tuple[str, ...]  # () is every rule
    first: int  # the lines it covers, first to last (1-based, inclusive)
    last: int


def _selectors(text: str) -> tuple[str, ...]:
    return tuple(part for part in re.split(r"[,\s]+", text.strip()) if part)


def find(lines: Sequence[str]) -> list[Suppression]:
    """The suppressions the comments in `lines` make (an open range runs to the end)."""
    found: list[Suppression] = []
    open_ranges: list[tuple[Span, tuple[str, ...], int]] = []
    for number, line in enumerate(lines, start=1):
        if "referat-lint-" not in line:  # nearly every line: one scan
            continue
        for match in _COMMENT.finditer(line):
            if len(found) + len(open_ranges) >= MAX_SUPPRESSIONS:
                break
            kind, selectors = match[1], _selectors(match[2])
            span = Span(number, match.start() + 1, number, match.end() + 1)
            if kind == "disable-line":
                found.append(Suppression(span, selectors, number, number))
            elif kind == "disable-next-line":
                found.append(Suppression(span, selectors, number + 1, number + 1))
            elif kind == "disable":
                open_ranges.append((span, selectors, number))
            else:  # enable: closes the ranges it names (all of them when it names none)
                still = []
                for start, names, first in open_ranges:
                    if not selectors or set(names) <= set(selectors):
                        found.append(Suppression(start, names, first, number))
                    else:
                        still.append((start, names, first))
                open_ranges = still
    found += [Suppression(s, names, first, len(lines)) for s, names, first in open_ranges]
    return found


def _covers(suppression: Suppression, finding: Finding) -> bool:
    if not suppression.first <= finding.span.line <= suppression.last:
        return False
    return not suppression.selectors or any(
        selector in (finding.rule, "ALL") or finding.code.startswith(selector.upper())
        for selector in suppression.selectors
    )


def _inside(span: Span, comment: Span) -> bool:
    return (
        span.line == span.end_line == comment.line
        and comment.column <= span.column
        and span.end_column <= comment.end_column
    )


def apply(
    findings: Sequence[Finding], suppressions: Sequence[Suppression]
) -> tuple[list[Finding], list[Suppression]]:
    """The findings no comment suppresses, and the comments that suppressed nothing."""
    if not suppressions:
        return list(findings), []
    used: set[int] = set()
    kept: list[Finding] = []
    for finding in findings:
        if any(_inside(finding.span, s.span) for s in suppressions):
            continue  # the comment itself (markup to a markup rule) is not a finding
        covering = [i for i, s in enumerate(suppressions) if _covers(s, finding)]
        used.update(covering)
        if not covering:
            kept.append(finding)
    return kept, [s for i, s in enumerate(suppressions) if i not in used]
