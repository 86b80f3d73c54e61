"""Text out of a published document (PDF, DOCX) for the normal pipeline.

Extraction is this pipeline's decode step: bytes -> a Source whose text has one line per
line of the document, plus what only the document knows (the page of each line, a PDF's
fonts and metadata), carried alongside as `Source.extracted`. The PDF and DOCX libraries
are optional extras, imported only when such a file is checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from referat_lint.input.extract.base import DOCX, PDF, ExtractError, text_from_lines
from referat_lint.input.extract.facts import Extracted
from referat_lint.out.messages import Message

if TYPE_CHECKING:
    from referat_lint.input.source import Source

__all__ = ["DOCX", "PDF", "ExtractError", "Extracted", "extract", "sniff", "text_from_lines"]

# Where each kind's library comes from: the extra names the user installs.
EXTRAS = {PDF: ("pypdf", "pdf"), DOCX: ("python-docx", "docx")}


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
    try:  # the optional extras, and only when such a file is checked (pypdf: 100 ms)
        if kind == PDF:
            from referat_lint.input.extract.pdf import extract as extract_kind
        else:
            from referat_lint.input.extract.docx import extract as extract_kind
    except ImportError as error:
        raise ExtractError(
            Message("problem.needs-extra", kind=kind.upper(), package=package, extra=extra)
        ) from error
    return extract_kind(data)
