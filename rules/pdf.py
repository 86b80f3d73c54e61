"""Published-document rules (RL5xx): what a PDF does to its readers and to the archive.

They read the facts extraction found (`ctx.source.extracted.pdf`), never the file, and say
nothing about text that did not come from a PDF.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from referat_lint.findings import Finding, Severity, Span, Stage
from referat_lint.rule import Context, Rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from referat_lint.extract.pdf import PdfFacts, PdfFont


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
    for number, page in enumerate(ctx.source.extracted.pages, start=1):
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
    if facts is not None and not facts.lang:
        yield ctx.finding(ctx.text.span(1, 1, 1))


def check_title(ctx: Context) -> Iterator[Finding]:
    facts = _facts(ctx)
    if facts is not None and not facts.title:
        yield ctx.finding(ctx.text.span(1, 1, 1))


def check_pdfa(ctx: Context) -> Iterator[Finding]:
    facts = _facts(ctx)
    if facts is not None and not facts.pdfa:
        yield ctx.finding(ctx.text.span(1, 1, 1))


def _rule(code: str, name: str, severity: Severity, check, summary, explanation, messages):
    return Rule(
        code=code,
        name=name,
        stage=Stage.ENCODING,  # runs on every PDF, before (and whatever) the parse finds
        severity=severity,
        requires_minutes=False,
        summary=summary,
        explanation=explanation,
        messages=messages,
        check=check,
    )


RULES = [
    _rule(
        "RL501",
        "pdf-broken-font",
        Severity.ERROR,
        check_broken_font,
        {
            "da": "En skrifttype i PDF'en giver forkert tekst ved søgning og kopiering",
            "en": "A font in the PDF gives wrong text to search and copy",
        },
        {
            "da": "En PDF viser glyffer; hvilke bogstaver de er, står i skrifttypens "
            "ToUnicode-tabel. Mangler tabellen, eller peger den på forkerte tegn, ser siden "
            "rigtig ud, men den, der søger i eller kopierer fra PDF'en, og en skærmlæser får "
            "forkert tekst (fx `drÅ,ftet` for drøftet eller erstatningstegnet �). Reglen ser "
            "på teksten fra hver skrifttype for sig og nævner den skrifttype (ressourcenavn "
            "og navn), hvis tekst viser det tabsgivende mønster eller erstatningstegn, og de "
            "sider den bruges på, så fejlen kan rettes i sagssystemets skabelon i stedet for "
            "i hver fil. En Type0-skrifttype med Identity-kodning uden ToUnicode-tabel "
            "nævnes altid: dens tekst er glyfnumre. Den enkelte ødelagte ord får desuden "
            "deres egne fund (`mojibake-lossy`, `control-character`).",
            "en": "A PDF shows glyphs; which letters they are is in the font's ToUnicode "
            "map. When the map is missing or points to the wrong characters, the page looks "
            "right, but whoever searches or copies from the PDF, and a screen reader, gets "
            "wrong text (e.g. `drÅ,ftet` for drøftet, or the replacement character �). The "
            "rule looks at the text of each font separately and names the font (resource "
            "name and font name) whose text shows the lossy pattern or replacement "
            "characters, and the pages it is used on, so the template in the case system can "
            "be fixed rather than each file. A Type0 font with Identity encoding and no "
            "ToUnicode map is always named: its text is glyph numbers. The damaged words "
            "also get findings of their own (`mojibake-lossy`, `control-character`).",
        },
        {
            "wrong-map": {
                "da": "skrifttypen {font}, brugt på s. {pages}, har en forkert "
                "ToUnicode-tabel: den, der søger i eller kopierer fra PDF'en, får "
                "`{sample}`, og en skærmlæser læser det sådan op (fejl set på s. "
                "{damaged}); ret skrifttypen i skabelonen",
                "en": "font {font}, used on p. {pages}, has a wrong ToUnicode map: "
                "whoever searches or copies from the PDF gets `{sample}`, and a screen "
                "reader reads it out so (damage seen on p. {damaged}); fix the font in "
                "the template",
            },
            "missing-map": {
                "da": "skrifttypen {font}, brugt på s. {pages}, har ingen ToUnicode-tabel: "
                "den, der søger i eller kopierer fra PDF'en, får `{sample}`, og en "
                "skærmlæser læser det sådan op (fejl set på s. {damaged}); indlejr "
                "skrifttypen med en ToUnicode-tabel i skabelonen",
                "en": "font {font}, used on p. {pages}, has no ToUnicode map: whoever "
                "searches or copies from the PDF gets `{sample}`, and a screen reader reads "
                "it out so (damage seen on p. {damaged}); embed the font with a "
                "ToUnicode map in the template",
            },
        },
    ),
    _rule(
        "RL502",
        "pdf-no-text-layer",
        Severity.ERROR,
        check_text_layer,
        {
            "da": "En side i PDF'en er et billede uden tekst (en scannet side)",
            "en": "A page of the PDF is an image without text (a scanned page)",
        },
        {
            "da": "En side, der kun viser et billede og ingen tekst, er typisk scannet. Intet "
            "på den kan søges, kopieres eller læses op, og referat-lint kan ikke kontrollere "
            "den. Kør tekstgenkendelse (OCR) på siden, eller eksportér den fra sagssystemet "
            "som tekst. En helt tom side (uden billede) er ikke et fund.",
            "en": "A page that shows only an image and no text is usually scanned. Nothing "
            "on it can be searched, copied or read aloud, and referat-lint cannot check it. "
            "Run text recognition (OCR) on it, or export it from the case system as text. "
            "An empty page (no image either) is not a finding.",
        },
        {
            "default": {
                "da": "siden er et billede uden tekst (scannet?): intet på den kan søges, "
                "kopieres eller læses op af en skærmlæser",
                "en": "the page is an image without text (scanned?): nothing on it can be "
                "searched, copied or read out by a screen reader",
            }
        },
    ),
    _rule(
        "RL503",
        "pdf-no-language",
        Severity.WARNING,
        check_language,
        {
            "da": "PDF'en angiver ikke sit sprog",
            "en": "The PDF does not set its language",
        },
        {
            "da": "Uden sprog i dokumentkataloget (`/Lang`, fx `da-DK`) læser en skærmlæser "
            "den danske tekst op med sin standardudtale, ofte engelsk, og PDF/UA og "
            "webtilgængelighedsloven kræver det. Sæt sproget i skabelonen eller i "
            "eksportens indstillinger.",
            "en": "Without a language in the document catalogue (`/Lang`, e.g. `da-DK`) a "
            "screen reader reads the Danish text with its default voice, often English, and "
            "PDF/UA and the Danish web accessibility act require it. Set the language in the "
            "template or in the export's settings.",
        },
        {
            "default": {
                "da": "PDF'en angiver ikke sit sprog (`/Lang`): en skærmlæser læser den "
                "danske tekst op med forkert udtale",
                "en": "the PDF does not set its language (`/Lang`): a screen reader reads "
                "the Danish text with the wrong pronunciation",
            }
        },
    ),
    _rule(
        "RL504",
        "pdf-no-title",
        Severity.WARNING,
        check_title,
        {
            "da": "PDF'en har ingen titel i sine metadata",
            "en": "The PDF has no title in its metadata",
        },
        {
            "da": "Uden titel (`/Title` i dokumentinformationen eller `dc:title` i XMP) "
            "viser en PDF-læser filnavnet i titellinjen, søgemaskiner og arkivsystemer får "
            "ingen titel, og en skærmlæser kan ikke sige, hvilket dokument der er åbnet.",
            "en": "Without a title (`/Title` in the document information or `dc:title` in "
            "XMP) a PDF reader shows the file name in its title bar, search engines and "
            "archive systems get no title, and a screen reader cannot say which document is "
            "open.",
        },
        {
            "default": {
                "da": "PDF'en har ingen titel i sine metadata: læseren og arkivet ser kun "
                "filnavnet",
                "en": "the PDF has no title in its metadata: readers and the archive see "
                "only the file name",
            }
        },
    ),
    _rule(
        "RL505",
        "pdf-not-pdfa",
        Severity.INFO,
        check_pdfa,
        {
            "da": "PDF'en angiver ikke at være PDF/A",
            "en": "The PDF does not claim to be PDF/A",
        },
        {
            "da": "Arkiver kræver ofte PDF/A, den ISO-standard for PDF, der er beregnet til "
            "langtidsbevaring. Reglen ser kun, om filen selv angiver at være PDF/A "
            "(`pdfaid:part` i dens XMP-metadata); om den også overholder standarden, kan kun "
            "en validator som veraPDF afgøre. Som standard kun til orientering: sæt "
            "alvoren til `error`, hvor arkivet kræver PDF/A.",
            "en": "Archives often require PDF/A, the ISO standard of PDF for long-term "
            "preservation. The rule only sees whether the file claims to be PDF/A "
            "(`pdfaid:part` in its XMP metadata); whether it also conforms only a validator "
            "such as veraPDF can tell. Information only by default: set the severity to "
            "`error` where the archive requires PDF/A.",
        },
        {
            "default": {
                "da": "PDF'en angiver ikke at være PDF/A (ingen `pdfaid:part` i XMP)",
                "en": "the PDF does not claim to be PDF/A (no `pdfaid:part` in XMP)",
            }
        },
    ),
]
