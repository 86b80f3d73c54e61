"""A DOCX export's text with python-docx: headings and paragraphs in order, tables as rows.

python-docx rather than reading the XML by hand: it walks the body's paragraphs and tables
in document order (`iter_inner_content`), resolves merged table cells, and is the library
the tests write their DOCX files with. A DOCX has no pages until a word processor lays it
out, so its lines carry no page.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

import docx
from docx.table import Table

from referat_lint.input.extract.base import DOCX, ExtractError, text_from_lines
from referat_lint.out.messages import Message

if TYPE_CHECKING:
    from referat_lint.input.source import Source


# What a DOCX may unpack to, all its parts together. Minutes of a hundred pages unpack to a
# few megabytes; a zip bomb (deflate packs a repeated paragraph a thousandfold) is refused
# from the sizes its directory declares, before anything is unpacked. The zip reader never
# unpacks more than a part declares, so a lying directory cannot get past the limit.
MAX_UNPACKED = 50 * 1000 * 1000


def _unpacked_size(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(max(info.file_size, 0) for info in archive.infolist())


def extract(data: bytes) -> Source:
    """The document's lines: a paragraph a line (a line break inside it starts a new one),
    a table row a line with its cells separated by tabs."""
    try:
        size = _unpacked_size(data)
        if size > MAX_UNPACKED:
            error = f"unpacks to {size / 1e6:.0f} MB, more than {MAX_UNPACKED / 1e6:.0f} MB"
            raise ExtractError(Message("problem.bad-docx", error=error))
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_rows(block))
            else:
                lines.extend(block.text.split("\n"))
    except ExtractError:
        raise
    except Exception as error:
        # A damaged file can make a parser fail in any way; it is the file's problem.
        raise ExtractError(
            Message("problem.bad-docx", error=f"{type(error).__name__}: {error}")
        ) from error
    return text_from_lines(lines, [None] * len(lines), DOCX)


def _rows(table: Table) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # a merged cell comes once per grid column it spans
                continue
            previous = cell._tc
            cells.append(" ".join(cell.text.split()))
        rows.append("\t".join(cells).rstrip())
    return rows
