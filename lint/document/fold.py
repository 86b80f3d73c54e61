"""The one way names and titles are compared: case and spacing do not count."""

from __future__ import annotations

from functools import lru_cache

_MARKUP = str.maketrans("", "", "*_`")


def fold(text: str, ends: str = ":", *, markup: bool = False) -> str:
    """`text` as compared: each run of whitespace one space, the characters of `ends` (and
    spaces) cut from its end, casefolded; `markup` first drops Markdown's `*`, `_` and `` ` ``."""
    if markup:
        text = text.translate(_MARKUP)
    return " ".join(text.split()).rstrip(ends).strip().casefold()


def fold_title(title: str) -> str:
    """An item or TOC title as compared: markup and a final period or colon do not count."""
    return _remembered_title(title) if len(title) <= _REMEMBERED else _folded_title(title)


_REMEMBERED = 200  # titles up to this long are remembered (a long line is not kept)


# The TOC pairing and the TOC and numbering rules compare the same titles, each several
# times per file.
@lru_cache(maxsize=1024)
def _remembered_title(title: str) -> str:
    return _folded_title(title)


def _folded_title(title: str) -> str:
    return fold(title, " .:", markup=True)
