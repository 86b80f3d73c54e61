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
from typing import TYPE_CHECKING, Any

from pypdf import PageObject, PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject
from pypdf.xmp import XmpInformation

from referat_lint.input.extract.base import PDF, ExtractError, text_from_lines
from referat_lint.input.extract.facts import PdfFacts
from referat_lint.input.extract.fonts import (
    _DAMAGE,
    PdfFont,
    _by_font,
    _font_key,
    _font_names,
    _FontUse,
    damaged_words,
)
from referat_lint.input.extract.furniture import blank_furniture
from referat_lint.input.extract.marked import MarkedText
from referat_lint.input.extract.structure import Structure
from referat_lint.input.extract.structure import read as read_structure
from referat_lint.out.messages import Message

# The font facts are read with the PDF facts: one module to import them from.
__all__ = ["_DAMAGE", "PdfFacts", "PdfFont", "damaged_words", "extract"]

if TYPE_CHECKING:
    from collections.abc import Callable

    from referat_lint.input.source import Source


_PDFA_PART = re.compile(rb"pdfaid:part\s*(?:>|=\s*[\"'])\s*(\d)")


# pypdf logs what it tolerates in a damaged file ("incorrect startxref pointer") with the
# file's own names and text in it: never to stderr, where only the tool's masked lines go.
# What makes a file unreadable still reaches the report as the file's problem.
_PYPDF_LOG = logging.getLogger("pypdf")
_PYPDF_LOG.addHandler(logging.NullHandler())
_PYPDF_LOG.propagate = False


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


def _page_lines(text: str, page: PageObject, number: int, image_only: list[int]) -> list[str]:
    """A page's lines without trailing blank ones; an empty page is one blank line, noted in
    `image_only` when it paints an image (a scan)."""
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    if not lines:
        if _paints_image(page):
            image_only.append(number)
        lines = [""]
    return lines


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
        page_lines.append(_page_lines(text, page, number, image_only))
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


def _structure(reader: PdfReader, marked: MarkedText | None) -> Structure:
    xmp = _xmp(reader)
    titles = (xmp.dc_title if xmp is not None else None) or {}
    xmp_title = next((str(t).strip() for t in titles.values() if str(t).strip()), "")
    return read_structure(reader, marked, xmp_title)


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
