"""Text out of a published document (PDF, DOCX) for the normal pipeline.

Extraction is this pipeline's decode step: bytes -> a Source whose text has one line per
line of the document, plus what only the document knows (the page of each line, a PDF's
fonts and metadata), carried alongside as `Source.extracted`. The PDF and DOCX libraries
are optional extras, imported only when such a file is checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from referat_lint.input.source import Source
from referat_lint.out.messages import Message

if TYPE_CHECKING:
    from collections.abc import Sequence

    from referat_lint.input.extract.pdf import PdfFacts

PDF, DOCX = "pdf", "docx"
# Where each kind's library comes from: the extra names the user installs.
EXTRAS = {PDF: ("pypdf", "pdf"), DOCX: ("python-docx", "docx")}


class ExtractError(Exception):
    """The document cannot be read; the message is one line for the user."""


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


def sniff(data: bytes) -> str | None:
    """ "pdf" or "docx" when the bytes are such a document, else None (text)."""
    head = data[:1024]
    at = head.find(b"%PDF-")
    # The header may follow some bytes of junk; a text that merely mentions it is no PDF.
    if at == 0 or (at > 0 and b"startxref" in data[-4096:]):
        return PDF
    if head.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return DOCX
    return None


def extract(kind: str, data: bytes) -> Source:
    """The document's text as a Source; ExtractError when it cannot be read."""
    package, extra = EXTRAS[kind]
    try:
        if kind == PDF:
            from referat_lint.input.extract.pdf import extract as extract_kind
        else:
            from referat_lint.input.extract.docx import extract as extract_kind
    except ImportError as error:
        raise ExtractError(
            Message("problem.needs-extra", kind=kind.upper(), package=package, extra=extra)
        ) from error
    return extract_kind(data)


def text_from_lines(
    lines: list[str], pages: Sequence[int | None], kind: str, pdf: PdfFacts | None = None
) -> Source:
    """A Source of `lines` (joined with LF) carrying the page of each line."""
    return Source(
        "\n".join(lines) + "\n",
        "utf-8",
        extracted=Extracted(kind, (*pages, pages[-1] if pages else None), pdf),
    )
