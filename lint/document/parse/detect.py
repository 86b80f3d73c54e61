"""Which layout profile fits a text best."""

from __future__ import annotations

from typing import TYPE_CHECKING

from referat_lint.document.parse.lines import Overlay, _opening, scan_text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from referat_lint.document.layout import Layout
    from referat_lint.document.model import Text


def detect(text: Text, cleaned: list[str] | Overlay, layouts: Sequence[Layout]) -> Layout | None:
    """The layout that fits best: an item heading found (and its signature, when it asks
    for one), then the score of its opening and signature patterns, then its priority, then
    the order of `layouts`. The whole text is read, not a window of lines (blank lines or a
    long table of contents before the first item must not hide it); a heading scan stops at
    its first heading.

    The opening lines are scored first (a few lines); the whole-text scans run only for a
    layout that could still win with every one of its `lines` patterns found, best chances
    first, so a file that fits one layout clearly scans little else."""
    openings: dict[int, list[str]] = {}
    candidates = []
    for index, layout in enumerate(layouts):
        size = layout.get("detect", "opening-lines")
        if size not in openings:
            openings[size] = _opening(cleaned, size)
        opening = openings[size]
        score = 10 * sum(any(map(p.match, opening)) for p in layout.detect_opening)
        bound = score + 5 * len(layout.detect_lines)
        if bound >= layout.get("detect", "min-signature"):
            candidates.append((bound, layout.get("detect", "priority"), -index, score, layout))
    candidates.sort(key=lambda c: c[:3], reverse=True)
    joined = "\n" + scan_text(cleaned)  # see Layout.heading_scan
    raw_text = ""
    best, best_key = None, None
    for bound, priority, order, score, layout in candidates:
        if best_key is not None and (bound, priority, order) < best_key:
            break  # sorted by bound: no layout left can win
        # The signature first: its patterns are few and specific, while item headings
        # (`1. Title`) are generic and a scan that finds none reads every line.
        score += 5 * sum(p.search(joined) is not None for p in layout.detect_lines)
        if score < layout.get("detect", "min-signature"):
            continue
        if not raw_text and layout.raw_item_headings:
            raw_text = "\n" + scan_text(text.lines)  # see Layout.heading_scan
        if not _count_headings(layout, joined, raw_text):
            continue
        key = (score, priority, order)
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
