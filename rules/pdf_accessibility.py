"""Accessibility of the published PDF (RL506–RL513): the machine-checkable PDF/UA
(Matterhorn Protocol) and WCAG checks, read from the structure facts extraction found
(`PdfFacts.structure`), plus the one only a minutes parser can make: whether the item
headings it found in the text are tagged as headings.

An untagged PDF gets one finding (`pdf-not-tagged`); the rules that read the structure
tree say nothing about a PDF without one, or one whose tree could not be read whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from referat_lint.checking.findings import Finding, Severity, Span, Stage
from referat_lint.checking.rule import Context, Rule
from referat_lint.document.fold import fold
from referat_lint.rules.pdf import page_list

if TYPE_CHECKING:
    from referat_lint.document.model import Item
    from referat_lint.input.extract.facts import PdfFacts
    from referat_lint.input.extract.structure import Structure

HEADINGS = frozenset({"H", "H1", "H2", "H3", "H4", "H5", "H6"})
# The message of each flaw the structure walk notes (lint/input/extract/structure.py).
FLAW_MESSAGES = {
    "figure-alt": "default",
    "table-header": "header",
    "table-rows": "rows",
    "list": "default",
    "role-unmapped": "unmapped",
    "role-circular": "circular",
    "role-remapped": "remapped",
}
MAX_NAMED = 8  # items named in one finding; the rest are counted
MATCH_PREFIX = 40  # characters of a heading compared with the tagged text


def _facts(ctx: Context) -> PdfFacts | None:
    extracted = ctx.source.extracted
    return extracted.pdf if extracted is not None else None


def _tree(ctx: Context) -> tuple[PdfFacts, Structure] | None:
    """The facts of a PDF whose structure tree was read whole; else None."""
    facts = _facts(ctx)
    structure = facts.structure if facts is not None else None
    if facts is None or structure is None or not structure.has_tree or structure.problem:
        return None
    return facts, structure


def _at_page(ctx: Context, page: int | None) -> Span:
    """The first line of `page` (line 1 when the page is unknown)."""
    extracted = ctx.source.extracted
    if page is not None and extracted is not None:
        for number, on in enumerate(extracted.pages[: len(ctx.text.lines)], start=1):
            if on == page:
                return ctx.text.span(number, 1, 1)
    return ctx.text.span(1, 1, 1)


def check_tagged(ctx: Context) -> Iterator[Finding]:
    facts = _facts(ctx)
    structure = facts.structure if facts is not None else None
    if structure is None:
        return
    if structure.problem:
        yield ctx.finding(_at_page(ctx, 1), "unreadable", problem=structure.problem)
        return
    if not structure.has_tree:
        yield ctx.finding(_at_page(ctx, 1))
        return
    if not structure.marked:
        yield ctx.finding(_at_page(ctx, 1), "not-marked")
    if structure.unreachable:
        pages = structure.unreachable
        yield ctx.finding(_at_page(ctx, pages[0]), "unreachable", pages=page_list(pages))


def _tagged_as(
    ctx: Context, facts: PdfFacts, structure: Structure, item: Item, lines: list[str]
) -> str | None:
    """The standard type of the structure element holding the item's heading line, or
    None when no marked content on its page holds that text. The same words elsewhere on
    the page (a table of contents) do not hide a heading that is tagged as one."""
    extracted = ctx.source.extracted
    page = extracted.page(item.line) if extracted is not None else None
    heading = fold(lines[item.line - 1] if item.line <= len(lines) else "", "")[:MATCH_PREFIX]
    if page is None or not heading or facts.marked_text is None:
        return None
    found = None
    for mcid, text in facts.marked_text.get(page, ()):
        text = fold(text, "")
        if text and (text.startswith(heading) or heading.startswith(text[:MATCH_PREFIX])):
            kind = structure.mcid_types.get((page, mcid))
            if kind in HEADINGS:
                return kind
            found = found or kind
    return found


def check_headings(ctx: Context) -> Iterator[Finding]:
    found = _tree(ctx)
    if found is None:
        return
    facts, structure = found
    extracted = ctx.source.extracted
    wrong: list[tuple[Item, int | None, str | None]] = []
    # The text as extracted (the marked content's), not as repaired: the same lines.
    lines = ctx.source.text.split("\n")
    levels: dict[str, str] = {}  # item label -> its numbered heading (H1–H6)
    flat: list[tuple[Item, str, str]] = []  # sub-items not below their item
    for item in ctx.doc.items:
        kind = _tagged_as(ctx, facts, structure, item, lines)
        if kind not in HEADINGS:
            wrong.append((item, extracted.page(item.line) if extracted else None, kind))
        elif kind != "H":
            levels[item.label] = kind
            above = levels.get(item.parent)
            if above is not None and kind <= above:
                flat.append((item, kind, above))
    if wrong:
        named = ", ".join(item.label for item, _, _ in wrong[:MAX_NAMED])
        if len(wrong) > MAX_NAMED:
            named += ", …"
        kinds = sorted({kind for _, _, kind in wrong if kind})
        first = wrong[0][0]
        yield ctx.finding(
            ctx.text.span(first.line),
            "not-headings" if kinds else "untagged",
            snippet=f"{len(wrong)} of {len(ctx.doc.items)}",
            items=named,
            tags=", ".join(kinds),
            pages=page_list(sorted({p for _, p, _ in wrong if p is not None})),
        )
    for item, kind, above in flat:
        yield ctx.finding(
            ctx.text.span(item.line),
            "sub-item-level",
            item=item.label,
            level=kind,
            parent=item.parent,
            parent_level=above,
            page=extracted.page(item.line) if extracted else "?",
        )
    previous = 0
    for heading in structure.headings:
        if heading.level == 0:
            continue
        if heading.level > previous + 1:
            yield ctx.finding(
                _at_page(ctx, heading.page),
                "skipped-level",
                level=f"H{heading.level}",
                previous=f"H{previous}" if previous else "the start",
                page=heading.page or "?",
            )
        previous = heading.level


def check_bookmarks(ctx: Context) -> Iterator[Finding]:
    facts = _facts(ctx)
    structure = facts.structure if facts is not None else None
    if facts is None or structure is None:
        return
    if facts.page_count >= ctx.options["min-pages"] and structure.bookmarks == 0:
        yield ctx.finding(_at_page(ctx, 1), pages=facts.page_count)


def _flaws(key_prefix: str) -> Callable[[Context], Iterator[Finding]]:
    """A check reporting each element flaw whose key starts with `key_prefix`."""

    def check(ctx: Context) -> Iterator[Finding]:
        found = _tree(ctx)
        if found is None:
            return
        for flaw in found[1].flaws:
            if flaw.key.startswith(key_prefix):
                key = FLAW_MESSAGES[flaw.key]
                yield ctx.finding(_at_page(ctx, flaw.page), key, snippet=flaw.kind, kind=flaw.kind)

    return check


def check_fonts(ctx: Context) -> Iterator[Finding]:
    facts = _facts(ctx)
    if facts is None:
        return
    for font in facts.fonts:
        named, pages = f"{font.resource} ({font.name})", page_list(font.pages)
        span = _at_page(ctx, font.pages[0] if font.pages else None)
        snippet = f"{font.resource} {font.name}"
        if not font.embedded:
            yield ctx.finding(span, snippet=snippet, font=named, pages=pages)
        # A font whose damage shows in the text is pdf-broken-font's already.
        if not font.mappable and not font.damaged:
            yield ctx.finding(span, "unmapped", snippet=snippet, font=named, pages=pages)


def _rule(
    code: str,
    name: str,
    check: Callable[[Context], Iterator[Finding]],
    severity: Severity = Severity.WARNING,
    **options: object,
) -> Rule:
    return Rule(
        code=code,
        name=name,
        stage=Stage.ENCODING,  # every PDF, whatever the parse finds
        severity=severity,
        requires_minutes=False,
        check=check,
        options=options,
    )


RULES = [
    _rule("RL506", "pdf-not-tagged", check_tagged),
    Rule(
        code="RL507",
        name="pdf-item-headings",
        stage=Stage.STRUCTURE,  # it needs the items the parser found
        severity=Severity.WARNING,
        check=check_headings,
    ),
    _rule("RL508", "pdf-no-bookmarks", check_bookmarks, Severity.WARNING, **{"min-pages": 5}),
    _rule("RL509", "pdf-figure-no-alt", _flaws("figure-alt")),
    _rule("RL510", "pdf-table-structure", _flaws("table")),
    _rule("RL511", "pdf-list-structure", _flaws("list")),
    _rule("RL512", "pdf-font-not-embedded", check_fonts),
    _rule("RL513", "pdf-role-map", _flaws("role")),
]
