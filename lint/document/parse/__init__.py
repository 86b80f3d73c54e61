"""Text to Document: one generic walker, driven by a layout profile (lint/document/layouts/*.toml).

The file's layout is chosen by scoring every profile on its opening lines and headings (or
forced by the config); the walker then reads the header, the table of contents and the
items as that profile says, with no layout-specific code. Markdown is a surface, removed
line by line (`clean`) and recorded on the document. The parser never raises: what it
cannot place it leaves out, and a text no layout fits is marked as not minutes, so the
structure rules stay quiet on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from referat_lint.document.fold import fold as _fold
from referat_lint.document.layout import by_name, load_layouts
from referat_lint.document.model import Document, Header
from referat_lint.document.parse.detect import detect
from referat_lint.document.parse.lines import (
    _blank_code_blocks,
    _may_fold_within,
    clean,
    clean_lines,
    join_wrapped,
)
from referat_lint.document.parse.walker import Walker
from referat_lint.document.patterns import MD_HEADING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from referat_lint.document.layout import Layout
    from referat_lint.document.model import Text

__all__ = ["_fold", "_may_fold_within", "clean", "detect", "join_wrapped", "parse"]


def parse(
    text: Text,
    layouts: Sequence[Layout] | None = None,
    *,
    layout: str | None = None,
    kind: str | None = None,
    standard_items: Sequence[str] | None = None,
) -> Document:
    """Parse minutes with the layout that fits best (or the one named by `layout`)."""
    layouts = load_layouts() if layouts is None else layouts
    raw = text.lines
    cleaned = clean_lines(text)
    markup = "markdown" if "#" in text.text and MD_HEADING.search(text.text) else "plain"
    if markup == "markdown":
        _blank_code_blocks(cleaned)
    chosen = by_name(layouts, layout) if layout else detect(text, cleaned, layouts)
    if chosen is None:
        return Document(text, Header(), [], [], None, kind or "minutes", markup)
    return Walker(chosen, raw, cleaned, standard_items).document(text, markup, kind)
