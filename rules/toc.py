"""Table-of-contents rules: the TOC (`Indholdsfortegnelse`) agrees with the agenda."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from referat_lint.checking.findings import Finding, Severity, Stage
from referat_lint.checking.rule import Context, Rule
from referat_lint.document.model import TocEntry
from referat_lint.document.toc import same


def _differing_words(toc_title: str, item_title: str) -> tuple[str, str]:
    """The words that differ: (as in the TOC, as in the agenda)."""
    a, b = toc_title.split(), item_title.split()
    toc_words: list[str] = []
    item_words: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if tag != "equal":
            toc_words += a[i1:i2]
            item_words += b[j1:j2]
    return " ".join(toc_words) or "–", " ".join(item_words) or "–"


def _label(closed: bool, title: str) -> str:
    return f"Lukket: {title}" if closed else title


def check_missing_item(ctx: Context) -> Iterator[Finding]:
    if not ctx.doc.toc:
        return
    for item in ctx.doc.pairing.missing_items:
        yield ctx.finding(
            ctx.text.span(item.line), snippet=item.title, number=item.number, title=item.title
        )


def check_extra_entry(ctx: Context) -> Iterator[Finding]:
    for entry in ctx.doc.pairing.extra_entries:
        yield ctx.finding(ctx.text.span(entry.line), snippet=entry.title, title=entry.title)


def check_title_mismatch(ctx: Context) -> Iterator[Finding]:
    for entry, item in ctx.doc.pairing.pairs:
        if same(entry, item):
            continue
        toc_title, item_title = _label(entry.closed, entry.title), _label(item.closed, item.title)
        toc_words, item_words = _differing_words(toc_title, item_title)
        yield ctx.finding(
            ctx.text.span(entry.line),
            snippet=entry.title,
            number=item.number,
            toc_words=toc_words,
            item_words=item_words,
        )


def check_order_mismatch(ctx: Context) -> Iterator[Finding]:
    pairing = ctx.doc.pairing
    for index, (entry, item) in enumerate(pairing.pairs):
        if index in pairing.out_of_order:
            yield ctx.finding(
                ctx.text.span(entry.line),
                snippet=entry.title,
                title=entry.title,
                number=item.number,
            )


def check_page_order(ctx: Context) -> Iterator[Finding]:
    previous: TocEntry | None = None
    for entry in ctx.doc.toc:
        if entry.page is None:
            continue
        if previous is not None and previous.page is not None and entry.page < previous.page:
            yield ctx.finding(
                ctx.text.span(entry.line),
                snippet=entry.title,
                page=entry.page,
                previous=previous.page,
            )
        previous = entry


RULES = [
    Rule(
        code="RL301",
        name="toc-missing-item",
        stage=Stage.STRUCTURE,
        severity=Severity.ERROR,
        check=check_missing_item,
    ),
    Rule(
        code="RL302",
        name="toc-extra-entry",
        stage=Stage.STRUCTURE,
        severity=Severity.ERROR,
        check=check_extra_entry,
    ),
    Rule(
        code="RL303",
        name="toc-title-mismatch",
        stage=Stage.STRUCTURE,
        severity=Severity.WARNING,
        check=check_title_mismatch,
    ),
    Rule(
        code="RL304",
        name="toc-order-mismatch",
        stage=Stage.STRUCTURE,
        severity=Severity.ERROR,
        check=check_order_mismatch,
    ),
    Rule(
        code="RL305",
        name="toc-page-order",
        stage=Stage.STRUCTURE,
        severity=Severity.WARNING,
        check=check_page_order,
    ),
]
