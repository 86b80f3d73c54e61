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
from typing import TYPE_CHECKING, NamedTuple

from pypdf import PageObject, PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject, IndirectObject, PdfObject
from pypdf.xmp import XmpInformation

from ..messages import Message
from . import PDF, ExtractError, text_from_lines
from .furniture import blank_furniture

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..source import Source

# The lossy pattern of a broken font (`Å¥` for å, `Å,` for æ/ø) and the replacement
# character: text a font's map got wrong. (The same pattern lint/lossy.py repairs.)
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


class PdfFacts(NamedTuple):
    """What the PDF rules read besides the text."""

    page_count: int
    title: str | None
    lang: str | None
    pdfa: str | None  # the PDF/A part and conformance claimed in XMP, e.g. "2B"
    fonts: tuple[PdfFont, ...]
    image_only_pages: tuple[int, ...]  # pages that paint an image and hold no text


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
    for number, page in enumerate(reader.pages, start=1):
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
            if not text or font is None:
                return
            key = _font_key(font)
            use = fonts.get(key)
            if use is None:
                use = fonts[key] = _FontUse(font, names.get(key))
            use.pages.add(number)
            current.append((use, text))

        text = page.extract_text(visitor_text=visit, visitor_operand_before=_counter(number))
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
    )
    return text_from_lines(lines, pages, PDF, facts)


# Drawing operators one page may have: a page of minutes has a few thousand; the bound
# keeps the work on one page finite (deterministic, unlike a time limit) whatever its shape.
MAX_OPERATORS = 500_000


class _TooComplex(Exception):
    """A page draws more than MAX_OPERATORS operators."""


def _counter(page: int) -> Callable[[object, object, object, object], None]:
    """A pypdf operator visitor that stops the page after MAX_OPERATORS operators."""
    seen = 0

    def count(_operator: object, _operands: object, _cm: object, _tm: object) -> None:
        nonlocal seen
        seen += 1
        if seen > MAX_OPERATORS:
            raise _TooComplex(f"page {page} draws more than {MAX_OPERATORS:,} operators")

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
