"""Table-of-contents rules: the TOC (`Indholdsfortegnelse`) agrees with the agenda."""

from __future__ import annotations

import difflib
from collections import namedtuple
from collections.abc import Iterator

from referat_lint.document import Document, Item, TocEntry
from referat_lint.findings import Finding, Severity, Stage
from referat_lint.rule import Context, Rule

# The export cuts long TOC titles short ("... Hasselager-Kolt, med ti"): a TOC title at
# least this long that is a prefix of the item's title is taken as that title, cut.
_MIN_TRUNCATED = 20
_SIMILAR = 0.6  # below this, a TOC entry and an item are different things


_MARKUP = str.maketrans("", "", "*_`")


def _fold(title: str) -> str:
    return " ".join(title.translate(_MARKUP).split()).rstrip(" .:").casefold()


class Pairing(namedtuple("Pairing", "pairs extra_entries missing_items")):
    """How TOC entries and items correspond: matched pairs and the leftovers."""

    __slots__ = ()
    pairs: tuple[tuple[TocEntry, Item], ...]
    extra_entries: tuple[TocEntry, ...]
    missing_items: tuple[Item, ...]


def _same_folded(toc: str, title: str) -> bool:
    return toc == title or (len(toc) >= _MIN_TRUNCATED and title.startswith(toc))


def _same(entry: TocEntry, item: Item) -> bool:
    """Equal titles (or the TOC's cut-short form) and the same open/closed marking."""
    return entry.closed == item.closed and _same_folded(_fold(entry.title), _fold(item.title))


def pair(doc: Document) -> Pairing:
    """Pair entries with items: equal titles first, then the most similar remaining."""
    toc, items = doc.toc, doc.items
    toc_folded = [_fold(entry.title) for entry in toc]
    item_folded = [_fold(item.title) for item in items]
    matched: dict[int, int] = {}  # toc index -> item index
    free = set(range(len(items)))
    for t, entry in enumerate(toc):
        same = next(
            (
                i
                for i in sorted(free)
                if entry.closed == items[i].closed and _same_folded(toc_folded[t], item_folded[i])
            ),
            None,
        )
        if same is not None:
            matched[t] = same
            free.discard(same)
    scored = sorted(
        (
            (difflib.SequenceMatcher(None, toc_folded[t], item_folded[i]).ratio(), t, i)
            for t in range(len(toc))
            if t not in matched
            for i in free
        ),
        key=lambda s: (-s[0], s[1], s[2]),
    )
    for ratio, t, i in scored:
        if ratio >= _SIMILAR and t not in matched and i in free:
            matched[t] = i
            free.discard(i)
    return Pairing(
        pairs=tuple((toc[t], items[i]) for t, i in sorted(matched.items())),
        extra_entries=tuple(entry for t, entry in enumerate(toc) if t not in matched),
        missing_items=tuple(items[i] for i in sorted(free)),
    )


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
    for item in pair(ctx.doc).missing_items:
        yield ctx.finding(
            ctx.text.span(item.line), snippet=item.title, number=item.number, title=item.title
        )


def check_extra_entry(ctx: Context) -> Iterator[Finding]:
    for entry in pair(ctx.doc).extra_entries:
        yield ctx.finding(ctx.text.span(entry.line), snippet=entry.title, title=entry.title)


def check_title_mismatch(ctx: Context) -> Iterator[Finding]:
    for entry, item in pair(ctx.doc).pairs:
        if _same(entry, item):
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
    pairs = pair(ctx.doc).pairs
    positions = [item.line for _, item in pairs]
    in_order = _longest_increasing(positions)
    for index, (entry, item) in enumerate(pairs):
        if index not in in_order:
            yield ctx.finding(
                ctx.text.span(entry.line),
                snippet=entry.title,
                title=entry.title,
                number=item.number,
            )


def _longest_increasing(values: list[int]) -> set[int]:
    """Indices of one longest strictly increasing subsequence (what stands in order)."""
    best: list[list[int]] = []
    for i, value in enumerate(values):
        chain = max((c for c in best if values[c[-1]] < value), key=len, default=[])
        best.append([*chain, i])
    return set(max(best, key=len, default=[]))


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
