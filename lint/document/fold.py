"""The one way names and titles are compared: case and spacing do not count."""

from __future__ import annotations

_MARKUP = str.maketrans("", "", "*_`")


def fold(text: str, ends: str = ":", *, markup: bool = False) -> str:
    """`text` as compared: each run of whitespace one space, the characters of `ends` (and
    spaces) cut from its end, casefolded; `markup` first drops Markdown's `*`, `_` and `` ` ``."""
    if markup:
        text = text.translate(_MARKUP)
    return " ".join(text.split()).rstrip(ends).strip().casefold()


def fold_title(title: str) -> str:
    """An item or TOC title as compared: markup and a final period or colon do not count."""
    return fold(title, " .:", markup=True)
