"""Page furniture (running headers and footers, `Side N`) found by repetition across pages.

A line that opens or closes many pages, the same apart from its numbers, was put there by
the page layout, not written in the minutes: it is blanked (kept as an empty line, so
that line numbers do not move) before the text reaches the rules.
"""

from __future__ import annotations

import re

ZONE = 3  # non-empty lines at the top and at the bottom of a page that may be furniture
_NUMBER = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


# Lines that repeat, numbers aside, because every page starts an item or ends with its
# decision: an item heading, a decision heading or a case-number label is never furniture.
_KEEP = re.compile(
    r"^\s*(?:punkt\s+\d|\d{1,4}\.\s+\D)|\bbeslutning\b|\b(?:sags|dok|j)\.?\s?nr\b",
    re.IGNORECASE,
)


def _key(line: str) -> str:
    return _SPACE.sub(" ", _NUMBER.sub("#", line)).strip().casefold()


def _places(lines: list[str]) -> dict[int, list[tuple[int, str]]]:
    """The (rank, key) of each line that may be furniture, by index: the first few
    non-empty lines (rank 0, 1, ...) and the last few (rank -1, -2, ...); on a short page a
    line can be both."""
    filled = [index for index, line in enumerate(lines) if line.strip()]
    places: dict[int, list[tuple[int, str]]] = {}
    ranked = [*enumerate(filled[:ZONE]), *((-1 - r, i) for r, i in enumerate(filled[::-1][:ZONE]))]
    for rank, index in ranked:
        if not _KEEP.search(lines[index]):
            places.setdefault(index, []).append((rank, _key(lines[index])))
    return places


def blank_furniture(pages: list[list[str]]) -> list[list[str]]:
    """The pages with their repeated headers and footers blanked (same number of lines).

    A line counts as furniture when, numbers aside, it stands at the same place (the same
    rank among the first or the last few non-empty lines) on at least two pages and on at
    least three quarters of the pages that have text: a running header or footer is on
    (nearly) every page, while a section heading lands at the top of a page by chance.
    """
    places = [_places(lines) for lines in pages]
    with_text = sum(1 for found in places if found)
    if with_text < 2:
        return pages
    needed = max(2, -(-3 * with_text // 4))
    seen: dict[tuple[int, str], set[int]] = {}
    for number, found in enumerate(places):
        for keys in found.values():
            for key in keys:
                seen.setdefault(key, set()).add(number)
    furniture = {key for key, where in seen.items() if len(where) >= needed}
    if not furniture:
        return pages
    return [
        [
            "" if any(key in furniture for key in found.get(index, ())) else line
            for index, line in enumerate(lines)
        ]
        for lines, found in zip(pages, places, strict=True)
    ]
