"""Numbering rule: agenda items are numbered one up from the first, and sub-headings agree."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from referat_lint.document import Item
from referat_lint.findings import Finding, Severity, Stage
from referat_lint.rule import Context, Rule

_SIMILAR = 0.6  # below this a "N. text" line is a list entry, not the item's sub-heading


def _fold(title: str) -> str:
    return " ".join(title.split()).rstrip(" .:").casefold()


def _is_subheading_of(title: str, item: Item) -> bool:
    a, b = _fold(title), _fold(item.title)
    if a.startswith(b) or b.startswith(a):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= _SIMILAR


def _numbering_findings(ctx: Context, items: list[Item]) -> Iterator[Finding]:
    if not items:
        return
    seen: dict[int, Item] = {items[0].number: items[0]}
    previous = items[0].number  # the number the last item should have had
    for index, item in enumerate(items[1:], start=1):
        number, expected = item.number, previous + 1
        following = items[index + 1].number if index + 1 < len(items) else None
        span, args = ctx.text.span(item.line), {"number": number, "title": item.title}
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
        summary={
            "da": "Punktnumrene har huller, gentagelser eller står i forkert rækkefølge",
            "en": "Agenda numbers have gaps or repeats, or are out of order",
        },
        explanation={
            "da": "Dagsordenens `Punkt N:` skal tælle én op ad gangen fra det første nummer "
            "(som ikke behøver være 1: nogle kommuner nummererer fortløbende over året). Reglen "
            "melder et hul (3 efter 1), et nummer brugt to gange, et nummer, der går baglæns, "
            "og et enkelt punkt med forkert nummer mellem to, der passer (1, 2, 7, 4: punkt "
            "`7` står, hvor 3 hører hjemme). Den melder også en underoverskrift `3. Titel` "
            "(ældre form), hvis nummer afviger fra punktets. Nummererede lister i teksten "
            "(`1. Corona-situationen`) kontrolleres ikke; en `N. tekst`-linje, hvis tekst ikke "
            "ligner punktets titel, regnes ikke for underoverskrift.",
            "en": "The agenda's `Punkt N:` must count up by one from the first number (which "
            "need not be 1: some municipalities number items through the year). The rule "
            "reports a gap (3 after 1), a number used twice, a number that goes backwards, and "
            "a single item misnumbered between two that fit (1, 2, 7, 4: item `7` stands where "
            "3 belongs). It also reports a sub-heading `3. Title` (older layout) whose number "
            "differs from its item's. Numbered lists in the text (`1. Corona-situationen`) are "
            "not checked; an `N. text` line whose text does not resemble the item's title is "
            "not taken as its sub-heading.",
        },
        messages={
            "gap": {
                "da": "punktnumrene springer fra {previous} til {number} ({title})",
                "en": "item numbers jump from {previous} to {number} ({title})",
            },
            "repeat": {
                "da": "punktnummer {number} ({title}) er brugt før, i linje {first_line}",
                "en": "item number {number} ({title}) is already used on line {first_line}",
            },
            "order": {
                "da": "punkt {number} ({title}) kommer efter punkt {previous}",
                "en": "item {number} ({title}) comes after item {previous}",
            },
            "misnumbered": {
                "da": "punktet nummereret {number} ({title}) står, hvor punkt {expected} hører "
                "hjemme",
                "en": "the item numbered {number} ({title}) stands where item {expected} belongs",
            },
            "subheading": {
                "da": "underoverskriften `{subheading}` har nummer {sub_number}, men står under "
                "punkt {number}",
                "en": "the sub-heading `{subheading}` has number {sub_number} but stands under "
                "item {number}",
            },
        },
        check=check_item_numbering,
    ),
]
