"""What the document readers share: the kinds, the error, and the Source they make.

The readers (pdf, docx) import this module, and the package imports them only when such a
file is checked; so nothing here imports a reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from referat_lint.input.extract.facts import Extracted
from referat_lint.input.source import Source

if TYPE_CHECKING:
    from collections.abc import Sequence

    from referat_lint.input.extract.facts import PdfFacts

PDF, DOCX = "pdf", "docx"


class ExtractError(Exception):
    """The document cannot be read; the message is one line for the user."""


def text_from_lines(
    lines: list[str], pages: Sequence[int | None], kind: str, pdf: PdfFacts | None = None
) -> Source:
    """A Source of `lines` (joined with LF) carrying the page of each line."""
    return Source(
        "\n".join(lines) + "\n",
        "utf-8",
        extracted=Extracted(kind, (*pages, pages[-1] if pages else None), pdf),
    )
