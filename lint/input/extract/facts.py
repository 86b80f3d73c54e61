"""What a published document adds to its text: the kind, the page of each line, and a PDF's
facts (fonts, metadata, pages without text, its structure). Plain data the Source carries
and rules read; nothing here reads a document."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from referat_lint.input.extract.fonts import PdfFont
    from referat_lint.input.extract.structure import Structure


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


class Extracted(NamedTuple):
    """What a published document adds to its text."""

    kind: str  # "pdf" or "docx"
    pages: tuple[int | None, ...]  # the page of each line (1-based), None where unknown
    pdf: PdfFacts | None = None  # fonts, metadata, pages without text (PDF only)

    def page(self, line: int) -> int | None:
        """The page of a 1-based line (the last page for a line past the end)."""
        if not self.pages:
            return None
        return self.pages[min(max(line, 1), len(self.pages)) - 1]
