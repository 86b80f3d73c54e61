"""Table-of-contents rules: the TOC (`Indholdsfortegnelse`) agrees with the agenda."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from referat_lint.document import TocEntry
from referat_lint.findings import Finding, Severity, Stage
from referat_lint.rule import Context, Rule
from referat_lint.toc import same


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


_TOC_TEXT = {
    "da": "Indholdsfortegnelsen sammenlignes med dagsordenens `Punkt N:`-overskrifter efter "
    "at mellemrum, Markdown og store/små bogstaver er udlignet; en titel, som eksporten har "
    "afkortet, regnes som ens, når den er begyndelsen af punktets titel.",
    "en": "The table of contents is compared with the agenda's `Punkt N:` headings after "
    "folding whitespace, Markdown and case; a title the export cut short counts as equal when "
    "it is the start of the item's title.",
}

RULES = [
    Rule(
        code="RL301",
        name="toc-missing-item",
        stage=Stage.STRUCTURE,
        severity=Severity.ERROR,
        summary={
            "da": "Et dagsordenspunkt står ikke i indholdsfortegnelsen",
            "en": "An agenda item is missing from the table of contents",
        },
        explanation={
            "da": _TOC_TEXT["da"] + " Reglen melder punkter uden en tilsvarende linje. "
            "Referater uden indholdsfortegnelse kontrolleres ikke.",
            "en": _TOC_TEXT["en"] + " The rule reports items with no matching line. Minutes "
            "without a table of contents are not checked.",
        },
        messages={
            "default": {
                "da": "punkt {number} ({title}) står ikke i indholdsfortegnelsen",
                "en": "item {number} ({title}) is not in the table of contents",
            },
        },
        check=check_missing_item,
    ),
    Rule(
        code="RL302",
        name="toc-extra-entry",
        stage=Stage.STRUCTURE,
        severity=Severity.ERROR,
        summary={
            "da": "Indholdsfortegnelsen nævner et punkt, der ikke er på dagsordenen",
            "en": "The table of contents lists an item that is not on the agenda",
        },
        explanation={
            "da": _TOC_TEXT["da"] + " Reglen melder linjer uden et tilsvarende punkt.",
            "en": _TOC_TEXT["en"] + " The rule reports lines with no matching item.",
        },
        messages={
            "default": {
                "da": "indholdsfortegnelsen nævner `{title}`, som ikke er på dagsordenen",
                "en": "the table of contents lists `{title}`, which is not on the agenda",
            },
        },
        check=check_extra_entry,
    ),
    Rule(
        code="RL303",
        name="toc-title-mismatch",
        stage=Stage.STRUCTURE,
        severity=Severity.WARNING,
        summary={
            "da": "En titel i indholdsfortegnelsen afviger fra punktets overskrift",
            "en": "A table-of-contents title differs from the item heading",
        },
        explanation={
            "da": _TOC_TEXT["da"] + " Reglen melder par, der ligner hinanden, men ikke er "
            "ens (også `Lukket:` på kun den ene side), og nævner de ord, der afviger.",
            "en": _TOC_TEXT["en"] + " The rule reports pairs that are alike but not equal "
            "(including `Lukket:` on one side only) and names the words that differ.",
        },
        messages={
            "default": {
                "da": "titlen afviger fra punkt {number}: `{toc_words}` i indholdsfortegnelsen, "
                "`{item_words}` på dagsordenen",
                "en": "title differs from item {number}: `{toc_words}` in the table of contents, "
                "`{item_words}` on the agenda",
            },
        },
        check=check_title_mismatch,
    ),
    Rule(
        code="RL304",
        name="toc-order-mismatch",
        stage=Stage.STRUCTURE,
        severity=Severity.ERROR,
        summary={
            "da": "Indholdsfortegnelsen har punkterne i en anden rækkefølge end dagsordenen",
            "en": "The table of contents orders the items differently from the agenda",
        },
        explanation={
            "da": _TOC_TEXT["da"] + " Reglen finder den længste række linjer, der står i "
            "dagsordenens rækkefølge, og melder de øvrige.",
            "en": _TOC_TEXT["en"] + " The rule finds the longest run of lines that stand in "
            "agenda order and reports the others.",
        },
        messages={
            "default": {
                "da": "`{title}` står et andet sted i indholdsfortegnelsen end punkt {number} "
                "på dagsordenen",
                "en": "`{title}` stands elsewhere in the table of contents than item {number} "
                "on the agenda",
            },
        },
        check=check_order_mismatch,
    ),
    Rule(
        code="RL305",
        name="toc-page-order",
        stage=Stage.STRUCTURE,
        severity=Severity.WARNING,
        summary={
            "da": "Sidetallene i indholdsfortegnelsen går baglæns",
            "en": "Page numbers in the table of contents go backwards",
        },
        explanation={
            "da": "Sidetallene i indholdsfortegnelsen skal stige (eller stå stille) fra linje "
            "til linje; et fald tyder på en fejl i eksporten.",
            "en": "Page numbers in the table of contents must rise (or stay) from line to "
            "line; a drop points to an export error.",
        },
        messages={
            "default": {
                "da": "side {page} kommer efter side {previous}",
                "en": "page {page} comes after page {previous}",
            },
        },
        check=check_page_order,
    ),
]
