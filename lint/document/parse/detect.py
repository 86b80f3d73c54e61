"""Which layout profile fits a text best."""

from __future__ import annotations

from typing import TYPE_CHECKING

from referat_lint.document.parse.lines import _opening

if TYPE_CHECKING:
    from collections.abc import Sequence

    from referat_lint.document.layout import Layout
    from referat_lint.document.model import Text


def detect(text: Text, cleaned: list[str], layouts: Sequence[Layout]) -> Layout | None:
    """The layout that fits best: an item heading found (and its signature, when it asks
    for one), then the score of its opening and signature patterns, then its priority. The
    whole text is read, not a window of lines (blank lines or a long table of contents
    before the first item must not hide it); a heading scan stops at its first heading."""
    joined = "\n" + "\n".join(cleaned)  # see Layout.heading_scan
    raw_text = ""
    openings: dict[int, list[str]] = {}
    best, best_key = None, None
    for layout in layouts:
        # The signature first: its patterns are few and specific, while item headings
        # (`1. Title`) are generic and a scan that finds none reads every line.
        size = layout.get("detect", "opening-lines")
        if size not in openings:
            openings[size] = _opening(cleaned, size)
        opening = openings[size]
        score = 10 * sum(any(p.match(line) for line in opening) for p in layout.detect_opening)
        score += 5 * sum(p.search(joined) is not None for p in layout.detect_lines)
        if score < layout.get("detect", "min-signature"):
            continue
        if not raw_text and layout.raw_item_headings:
            raw_text = "\n" + "\n".join(text.lines)  # see Layout.heading_scan
        if not _count_headings(layout, joined, raw_text):
            continue
        key = (score, layout.get("detect", "priority"))
        if best_key is None or key > best_key:
            best, best_key = layout, key
    return best


def _count_headings(layout: Layout, joined: str, raw_text: str, cap: int = 1) -> int:
    count = 0
    for pattern, on_raw in layout.heading_scan:
        for _ in pattern.finditer(raw_text if on_raw else joined):
            count += 1
            if count >= cap:
                return count
    return count
