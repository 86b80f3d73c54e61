"""Published-document rules (RL5xx): what a PDF does to its readers and to the archive.

They read the facts extraction found (`ctx.source.extracted.pdf`), never the file, and say
nothing about text that did not come from a PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from referat_lint.checking.findings import Finding, Severity, Span, Stage
from referat_lint.checking.rule import Context, Rule
from referat_lint.input.regex_cache import regex

if TYPE_CHECKING:
    from referat_lint.input.extract.facts import PdfFacts
    from referat_lint.input.extract.fonts import PdfFont


# A language tag (BCP 47, as /Lang must be): `da`, `da-DK`, `en-GB`, `x-...`; not `Dansk`,
# `da_DK` or empty.
_LANGUAGE_TAG = regex(r"(?:[A-Za-z]{2,3}|[xXiI])(?:-[A-Za-z0-9]{1,8})*")
# A title that is a file name or a word processor's placeholder, not the document's title.
_FILE_NAME_TITLE = regex(
    r"(?i)(?:microsoft (?:word|excel|powerpoint) - .*|.*\.(?:docx?|dotx?|rtf|odt|pdf|txt|xlsx?|"
    r"html?|msg)|(?:dokument|document|unavngivet|untitled|uden titel|skabelon|template)\s*\d*)"
)


def _facts(ctx: Context) -> PdfFacts | None:
    extracted = ctx.source.extracted
    return extracted.pdf if extracted is not None else None


def page_list(pages: Sequence[int]) -> str:
    """`1–3, 5`: pages as runs."""
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def _first_lines(ctx: Context) -> dict[int, int]:
    """The first line of each page."""
    first: dict[int, int] = {}
    extracted = ctx.source.extracted
    for number, page in enumerate(extracted.pages if extracted else (), start=1):
        if page is not None:
            first.setdefault(page, number)
    return first


def _where(ctx: Context, font: PdfFont) -> Span:
    """Where extraction found the font's first damaged word (the line stays when --fix has
    repaired the word; the span is kept within the line)."""
    line, column, length = font.where or (1, 1, 0)
    line = min(line, len(ctx.text.lines))
    width = len(ctx.text.lines[line - 1]) + 1
    column = min(column, width)
    return ctx.text.span(line, column, min(column + length, width))


def check_broken_font(ctx: Context) -> Iterator[Finding]:
    facts = _facts(ctx)
    if facts is None:
        return
    for font in facts.fonts:
        if not font.damaged:
            continue
        yield ctx.finding(
            _where(ctx, font),
            "wrong-map" if font.to_unicode else "missing-map",
            snippet=f"{font.resource} {font.name}",
            font=f"{font.resource} ({font.name})",
            pages=page_list(font.pages),
            damaged=page_list(font.damaged),
            sample=font.samples[0] if font.samples else "",
        )


def check_text_layer(ctx: Context) -> Iterator[Finding]:
    facts = _facts(ctx)
    if facts is None:
        return
    first = _first_lines(ctx)
    for page in facts.image_only_pages:
        yield ctx.finding(ctx.text.span(first.get(page, 1), 1, 1), snippet=f"page {page}")


def check_language(ctx: Context) -> Iterator[Finding]:
    facts = _facts(ctx)
    if facts is None:
        return
    if not facts.lang:
        yield ctx.finding(ctx.text.span(1, 1, 1))
    elif not _LANGUAGE_TAG.fullmatch(facts.lang):
        yield ctx.finding(ctx.text.span(1, 1, 1), "invalid", snippet=facts.lang, lang=facts.lang)


def check_title(ctx: Context) -> Iterator[Finding]:
    facts = _facts(ctx)
    if facts is None:
        return
    span = ctx.text.span(1, 1, 1)
    if not facts.title:
        yield ctx.finding(span)
        return
    if _FILE_NAME_TITLE.fullmatch(facts.title.strip()):
        yield ctx.finding(span, "file-name", snippet=facts.title, title=facts.title)
    structure = facts.structure
    if structure is None:
        return
    if not structure.xmp_title:
        yield ctx.finding(span, "no-xmp", title=facts.title)
    if structure.display_title is not True:
        yield ctx.finding(span, "not-displayed", title=facts.title)


def check_pdfa(ctx: Context) -> Iterator[Finding]:
    facts = _facts(ctx)
    if facts is not None and not facts.pdfa:
        yield ctx.finding(ctx.text.span(1, 1, 1))


def _rule(
    code: str, name: str, severity: Severity, check: Callable[[Context], Iterator[Finding]]
) -> Rule:
    return Rule(
        code=code,
        name=name,
        stage=Stage.ENCODING,  # runs on every PDF, before (and whatever) the parse finds
        severity=severity,
        requires_minutes=False,
        check=check,
    )


RULES = [
    _rule("RL501", "pdf-broken-font", Severity.ERROR, check_broken_font),
    _rule("RL502", "pdf-no-text-layer", Severity.ERROR, check_text_layer),
    _rule("RL503", "pdf-no-language", Severity.WARNING, check_language),
    _rule("RL504", "pdf-no-title", Severity.WARNING, check_title),
    _rule("RL505", "pdf-not-pdfa", Severity.INFO, check_pdfa),
]
