"""Numbering rule: agenda items are numbered one up from the first, and sub-headings agree."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from referat_lint.checking.findings import Finding, Severity, Stage
from referat_lint.checking.rule import Context, Rule
from referat_lint.document.fold import fold_title
from referat_lint.document.model import Item
from referat_lint.document.toc import similar


def _is_subheading_of(title: str, item: Item) -> bool:
    """A `N. text` line not alike its item's title is a list entry, not the sub-heading."""
    a, b = fold_title(title), fold_title(item.title)
    return a.startswith(b) or b.startswith(a) or similar(a, b)


def _numbering_findings(ctx: Context, items: list[Item]) -> Iterator[Finding]:
    if not items:
        return
    seen: dict[int, Item] = {items[0].number: items[0]}
    previous = items[0].number  # the number the last item should have had
    for index, item in enumerate(items[1:], start=1):
        number, expected = item.number, previous + 1
        following = items[index + 1].number if index + 1 < len(items) else None
        span = ctx.text.span(item.line)
        args: dict[str, Any] = {"number": number, "title": item.title}
        if number == expected:
            previous = number
        elif following == expected + 1:  # one item misnumbered between two that fit
            yield ctx.finding(span, "misnumbered", snippet=item.title, expected=expected, **args)
            previous = expected
        elif number in seen:
            first = seen[number]
            yield ctx.finding(span, "repeat", snippet=item.title, first_line=first.line, **args)
        elif number > expected:
            yield ctx.finding(span, "gap", snippet=item.title, previous=previous, **args)
            previous = number
        else:
            yield ctx.finding(span, "order", snippet=item.title, previous=previous, **args)
        seen.setdefault(number, item)


def _siblings(items: list[Item]) -> list[list[Item]]:
    """Items grouped by level and parent (`1`, `2`; `1.1`, `1.2`), each in document order:
    every group counts up on its own."""
    groups: dict[tuple[int, str], list[Item]] = {}
    for item in items:
        groups.setdefault((item.level, item.parent), []).append(item)
    return list(groups.values())


def check_item_numbering(ctx: Context) -> Iterator[Finding]:
    findings = [f for group in _siblings(ctx.doc.items) for f in _numbering_findings(ctx, group)]
    for item in ctx.doc.items:
        sub = item.subheading
        if sub is None or sub.number == item.number:
            continue
        if not _is_subheading_of(sub.title, item):
            continue
        findings.append(
            ctx.finding(
                ctx.text.span(sub.line),
                "subheading",
                snippet=sub.value,
                subheading=sub.value,
                number=item.number,
                sub_number=sub.number,
            )
        )
    yield from sorted(findings, key=Finding.sort_key)


RULES = [
    Rule(
        code="RL306",
        name="item-numbering",
        stage=Stage.STRUCTURE,
        severity=Severity.ERROR,
        check=check_item_numbering,
    ),
]
