"""A PDF's text with pypdf, page by page, with the facts the PDF rules read.

pypdf rather than pdfminer.six: in benchmarks/pdf_bench.py it extracted the same pages
several times faster, in the same reading order for minutes (one column, top to bottom),
and with the same Danish letters; it reads the metadata, the catalogue and the fonts'
dictionaries the rules need through the same object model, and it has no dependencies.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from typing import TYPE_CHECKING, Any, NamedTuple

from pypdf import PageObject, PdfReader
from pypdf._codecs.adobe_glyphs import adobe_glyphs
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject, IndirectObject, NameObject, PdfObject
from pypdf.xmp import XmpInformation

from referat_lint.input.extract.base import PDF, ExtractError, text_from_lines
from referat_lint.input.extract.furniture import blank_furniture
from referat_lint.input.extract.marked import MarkedText
from referat_lint.input.extract.structure import Structure
from referat_lint.input.extract.structure import read as read_structure
from referat_lint.out.messages import Message

if TYPE_CHECKING:
    from collections.abc import Callable

    from referat_lint.input.source import Source

# The lossy pattern of a broken font (`Å¥` for å, `Å,` for æ/ø) and the replacement
# character: text a font's map got wrong. (The same pattern lint/repair/lossy.py repairs.)
_DAMAGE = re.compile(r"[^\W\d_]*(?:Å¥|(?<=[^\W\d_])Å,|Å,(?=[^\W\d_])|\ufffd)[^\W\d_,]*")
_MARK = re.compile(r"Å¥|(?<=[^\W\d_])Å,|Å,(?=[^\W\d_])|\ufffd")
_LETTER = re.compile(r"[^\W\d_]")


def damaged_words(text: str) -> list[str]:
    """What `_DAMAGE.finditer` finds, in linear time: started at each mark's own word, not
    tried at every letter of a long word without one (which is quadratic)."""
    words: list[str] = []
    covered = 0
    for mark in _MARK.finditer(text):
        start = mark.start()
        if start < covered:
            continue
        while start > covered and _LETTER.match(text, start - 1):
            start -= 1
        found = _DAMAGE.match(text, start)
        if found is not None:
            words.append(found.group())
            covered = found.end()
    return words


_PDFA_PART = re.compile(rb"pdfaid:part\s*(?:>|=\s*[\"'])\s*(\d)")
_SUBSET = re.compile(r"^[A-Z]{6}\+")
MAX_SAMPLES = 3

# pypdf logs what it tolerates in a damaged file ("incorrect startxref pointer") with the
# file's own names and text in it: never to stderr, where only the tool's masked lines go.
# What makes a file unreadable still reaches the report as the file's problem.
_PYPDF_LOG = logging.getLogger("pypdf")
_PYPDF_LOG.addHandler(logging.NullHandler())
_PYPDF_LOG.propagate = False


class PdfFont(NamedTuple):
    """A font that set text, and what its text looks like after extraction."""

    resource: str  # the name in the page resources, e.g. "F2"
    name: str  # the BaseFont without a subset prefix, e.g. "Arial"
    to_unicode: bool  # whether it has a ToUnicode map
    pages: tuple[int, ...]  # the pages it sets text on
    damaged: tuple[int, ...]  # the pages where its text shows damage
    samples: tuple[str, ...]  # damaged words as extracted (a few)
    # (line, column, length) of the first damaged word in the extracted text: found once
    # here, so that the finding stays put when --fix has repaired the word
    where: tuple[int, int, int] | None = None
    embedded: bool = True  # its font program is in the file (or it is a Type3 font)
    mappable: bool = True  # its codes map to Unicode (ToUnicode or a standard encoding)


class PdfFacts(NamedTuple):
    """What the PDF rules read besides the text."""

    page_count: int
    title: str | None
    lang: str | None
    pdfa: str | None  # the PDF/A part and conformance claimed in XMP, e.g. "2B"
    fonts: tuple[PdfFont, ...]
    image_only_pages: tuple[int, ...]  # pages that paint an image and hold no text
    structure: Structure | None = None  # tags, headings, figures, title, bookmarks
    # each page's marked-content text, (MCID, text) in drawing order (tagged PDFs only)
    marked_text: dict[int, tuple[tuple[int, str], ...]] | None = None


def extract(data: bytes) -> Source:
    """The PDF's lines (furniture blanked), the page of each line, and its facts."""
    try:
        with warnings.catch_warnings():  # pypdf warns with the file's text too (see above)
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise ExtractError(Message("problem.encrypted-pdf"))
            return _extract(reader)
    except ExtractError:
        raise
    except _TooComplex as error:
        raise ExtractError(Message("problem.bad-pdf", error=str(error))) from error
    except (NotImplementedError, ImportError) as error:  # e.g. AES without cryptography
        raise ExtractError(Message("problem.unreadable-pdf", error=error)) from error
    except Exception as error:
        # A damaged file can make a parser fail in any way; it is the file's problem.
        raise ExtractError(
            Message("problem.bad-pdf", error=f"{type(error).__name__}: {error}")
        ) from error


def _extract(reader: PdfReader) -> Source:
    fonts: dict[object, _FontUse] = {}
    page_lines: list[list[str]] = []
    image_only: list[int] = []
    # Marked content is followed only in a tagged PDF: others pay nothing for it.
    marked = MarkedText() if "/StructTreeRoot" in reader.root_object else None
    for number, page in enumerate(reader.pages, start=1):
        if marked is not None:
            marked.start(number)
        names = _font_names(page)
        current: list[tuple[_FontUse, str]] = []

        def visit(
            text: str,
            _cm: object,
            _tm: object,
            font: DictionaryObject | None,
            _size: float,
            names: dict[object, str] = names,
            current: list[tuple[_FontUse, str]] = current,
            number: int = number,
        ) -> None:
            if marked is not None:
                marked.text(text)
            if not text or font is None:
                return
            key = _font_key(font)
            use = fonts.get(key)
            if use is None:
                use = fonts[key] = _FontUse(font, names.get(key))
            use.pages.add(number)
            current.append((use, text))

        text = page.extract_text(
            visitor_text=visit,
            visitor_operand_before=_counter(number, marked.operator if marked else None),
        )
        for use, joined in _by_font(current):
            use.look(number, joined)
        lines = [line.rstrip() for line in text.split("\n")]
        while lines and not lines[-1]:
            lines.pop()
        if not lines:
            if _paints_image(page):
                image_only.append(number)
            lines = [""]
        page_lines.append(lines)
    page_lines = blank_furniture(page_lines)
    lines = [line for page in page_lines for line in page]
    pages = [number for number, page in enumerate(page_lines, start=1) for _ in page]
    facts = PdfFacts(
        page_count=len(page_lines),
        title=_title(reader),
        lang=_lang(reader),
        pdfa=_pdfa(reader),
        fonts=tuple(use.font(lines, pages) for use in fonts.values()),
        image_only_pages=tuple(image_only),
        structure=_structure(reader, marked),
        marked_text=marked.by_page() if marked is not None else None,
    )
    return text_from_lines(lines, pages, PDF, facts)


# Drawing operators one page may have: a page of minutes has a few thousand; the bound
# keeps the work on one page finite (deterministic, unlike a time limit) whatever its shape.
MAX_OPERATORS = 500_000


class _TooComplex(Exception):
    """A page draws more than MAX_OPERATORS operators."""


def _counter(
    page: int, then: Callable[[Any, Any, Any, Any], None] | None = None
) -> Callable[[Any, Any, Any, Any], None]:
    """A pypdf operator visitor that stops the page after MAX_OPERATORS operators, and
    hands each operator on to `then` (the marked-content tracker of a tagged PDF)."""
    seen = 0

    def count(operator: Any, operands: Any, cm: Any, tm: Any) -> None:  # noqa: ANN401
        nonlocal seen
        seen += 1
        if seen > MAX_OPERATORS:
            raise _TooComplex(f"page {page} draws more than {MAX_OPERATORS:,} operators")
        if then is not None:
            then(operator, operands, cm, tm)

    return count


class _FontUse:
    """A font's use across pages, filled in while the pages are extracted."""

    def __init__(self, font: DictionaryObject, resource: str | None) -> None:
        base = str(font.get("/BaseFont", "")).lstrip("/")
        self.name = _SUBSET.sub("", base) or "?"
        self.resource = (resource or base or "?").lstrip("/")
        self.to_unicode = "/ToUnicode" in font
        # A Type0 font with Identity encoding and no ToUnicode map: its codes are glyph
        # numbers, and whatever a reader extracts from them is not the text.
        encoding = str(font.get("/Encoding", ""))
        self.glyph_ids = (
            not self.to_unicode and font.get("/Subtype") == "/Type0" and "Identity" in encoding
        )
        self.embedded, self.mappable = _font_program(font, self.to_unicode)
        self.pages: set[int] = set()
        self.damaged: set[int] = set()
        self.samples: list[str] = []

    def look(self, page: int, text: str) -> None:
        damage = damaged_words(text)
        if self.glyph_ids and text.strip():
            damage = damage or [text.strip()[:30]]
        if damage:
            self.damaged.add(page)
            for word in damage:
                if word not in self.samples and len(self.samples) < MAX_SAMPLES:
                    self.samples.append(word)

    def font(self, lines: list[str], pages: list[int]) -> PdfFont:
        damaged = tuple(sorted(self.damaged))
        return PdfFont(
            self.resource,
            self.name,
            self.to_unicode,
            tuple(sorted(self.pages)),
            damaged,
            tuple(self.samples),
            self._where(lines, pages, damaged[0]) if damaged else None,
            self.embedded,
            self.mappable,
        )

    def _where(self, lines: list[str], pages: list[int], page: int) -> tuple[int, int, int]:
        """The first damaged word on the first damaged page; else that page's first line."""
        first = None
        for number, (line, on) in enumerate(zip(lines, pages, strict=True), start=1):
            if on != page:
                continue
            first = first or number
            for sample in self.samples:
                column = line.find(sample)
                if column >= 0:
                    return number, column + 1, len(sample)
        return first or 1, 1, 0


_STANDARD_ENCODINGS = ("/WinAnsiEncoding", "/MacRomanEncoding", "/MacExpertEncoding")
_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
_UNI_NAME = re.compile(r"/(?:uni[0-9A-F]{4}|u[0-9A-F]{4,6})$")


def _font_program(font: DictionaryObject, to_unicode: bool) -> tuple[bool, bool]:
    """Whether the font's program is embedded, and whether its codes map to Unicode (a
    ToUnicode map, a standard encoding, or a CID font of a registered character collection:
    ISO 32000-1, 9.10.2)."""
    try:
        subtype = font.get("/Subtype")
        if subtype == "/Type3":
            return True, to_unicode or "/Encoding" in font
        described = font
        if subtype == "/Type0":
            kids = font.get("/DescendantFonts")
            kids = kids.get_object() if kids is not None else None
            described = kids[0].get_object() if kids else font
        descriptor = described.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else None
        embedded = descriptor is not None and any(key in descriptor for key in _FONT_FILES)
        if to_unicode:
            return embedded, True
        encoding = font.get("/Encoding")
        encoding = encoding.get_object() if encoding is not None else None
        if subtype == "/Type0":
            info = described.get("/CIDSystemInfo")
            ordering = str(info.get_object().get("/Ordering", "")) if info is not None else ""
            return embedded, ordering in ("GB1", "CNS1", "Japan1", "Korea1")
        if isinstance(encoding, DictionaryObject):
            differences = encoding.get("/Differences")
            differences = differences.get_object() if differences is not None else ()
            names = [str(n) for n in differences if isinstance(n, NameObject)]
            return embedded, all(n in adobe_glyphs or _UNI_NAME.match(n) for n in names)
        # a standard encoding, or the font's own (named glyphs of a Type1 font)
        return embedded, encoding is None or encoding in _STANDARD_ENCODINGS
    except (AttributeError, IndexError, TypeError, PyPdfError):
        return True, True  # a font dictionary too broken to tell: no claim about it


def _structure(reader: PdfReader, marked: MarkedText | None) -> Structure:
    xmp = _xmp(reader)
    titles = (xmp.dc_title if xmp is not None else None) or {}
    xmp_title = next((str(t).strip() for t in titles.values() if str(t).strip()), "")
    return read_structure(reader, marked, xmp_title)


def _font_key(font: PdfObject) -> object:
    reference = font.indirect_reference
    return (reference.idnum, reference.generation) if reference is not None else id(font)


def _font_names(page: PageObject) -> dict[object, str]:
    """The page's font resource names by font object."""
    try:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        if fonts is None:
            return {}
        names = {}
        for name, value in fonts.get_object().items():
            font = value.get_object() if isinstance(value, IndirectObject) else value
            if font is not None:
                names[_font_key(font)] = str(name)
        return names
    except (AttributeError, PyPdfError):
        return {}


def _by_font(pieces: list[tuple[_FontUse, str]]) -> list[tuple[_FontUse, str]]:
    """Consecutive pieces of text in one font, joined (a word may come in several)."""
    joined: list[tuple[_FontUse, list[str]]] = []
    for use, text in pieces:
        if joined and joined[-1][0] is use:
            joined[-1][1].append(text)
        else:
            joined.append((use, [text]))
    return [(use, "".join(texts)) for use, texts in joined]


def _paints_image(page: PageObject) -> bool:
    """Whether the page has an image among its resources (a scan, typically)."""
    try:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        if xobjects is None:
            return False
        return any(
            value.get_object().get("/Subtype") == "/Image"
            for value in xobjects.get_object().values()
        )
    except (AttributeError, PyPdfError):
        return False


def _title(reader: PdfReader) -> str | None:
    info = reader.metadata
    title = str(info.title).strip() if info is not None and info.title else ""
    if not title:
        xmp = _xmp(reader)
        titles = xmp.dc_title if xmp is not None else None
        title = next((str(t).strip() for t in (titles or {}).values() if str(t).strip()), "")
    return title or None


def _lang(reader: PdfReader) -> str | None:
    lang = reader.root_object.get("/Lang")
    return str(lang).strip() or None if lang is not None else None


def _xmp(reader: PdfReader) -> XmpInformation | None:
    try:
        return reader.xmp_metadata
    except (PyPdfError, ValueError, KeyError, AttributeError, SyntaxError):
        return None


def _pdfa(reader: PdfReader) -> str | None:
    metadata = reader.root_object.get("/Metadata")
    if metadata is None:
        return None
    try:
        data = metadata.get_object().get_data()
    except (PyPdfError, AttributeError, ValueError):
        return None
    match = _PDFA_PART.search(data)
    if match is None:
        return None
    conformance = re.search(rb"pdfaid:conformance\s*(?:>|=\s*[\"'])\s*([A-Za-z])", data)
    return match.group(1).decode() + (conformance.group(1).decode().upper() if conformance else "")
