"""Cutting a text at edits: the one place that decides which of several edits apply, used
to apply fixes and to show them."""

from __future__ import annotations

from collections.abc import Iterable


def splice(
    text: str, regions: Iterable[tuple[int, int, str]]
) -> tuple[list[tuple[str, str, str]], str]:
    """`text` cut at the (start, end, replacement) regions in order: (kept text before,
    replaced text, replacement) for each, and the rest after the last. A region overlapping
    an earlier one is dropped, so every caller applies the same edits."""
    pieces: list[tuple[str, str, str]] = []
    position = 0
    for start, end, replacement in sorted(regions, key=lambda r: (r[0], r[1])):
        if start < position:
            continue
        pieces.append((text[position:start], text[start:end], replacement))
        position = end
    return pieces, text[position:]
