"""How the table of contents pairs with the items: computed once per file, read by the TOC
rules. Equal titles pair first (by lookup, not by comparing every pair), then the most
similar of the rest within a band of nearby positions, so a long TOC costs O(n*k)."""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Sequence
from typing import Generic, NamedTuple, Protocol, TypeVar

from referat_lint.document.fold import fold_title


class Titled(Protocol):
    """What the pairing reads of a TOC entry (the model's TocEntry)."""

    @property
    def title(self) -> str: ...

    @property
    def closed(self) -> bool: ...


class Placed(Titled, Protocol):
    """What the pairing reads of an item (the model's Item): its title and its line."""

    @property
    def line(self) -> int: ...


# The model imports this module to pair its TOC with its items; it names their types here.
TocEntry = TypeVar("TocEntry", bound=Titled)
Item = TypeVar("Item", bound=Placed)

# The export cuts long TOC titles short ("... Hasselager-Kolt, med ti"): a TOC title at
# least this long that is a prefix of the item's title is taken as that title, cut.
MIN_TRUNCATED = 20
SIMILAR = 0.6  # below this, a TOC entry and an item are different things
# Entries and items that found no equal title are compared with this many of the other
# side's leftovers on either side of the same position: a renamed entry stands near its
# item. Below this many leftovers on each side every pair is compared.
BAND = 16


def similar(a: str, b: str) -> bool:
    """Folded titles alike enough to name the same thing (difflib's ratio)."""
    return difflib.SequenceMatcher(None, a, b).ratio() >= SIMILAR


def same_folded(toc: str, title: str) -> bool:
    return toc == title or (len(toc) >= MIN_TRUNCATED and title.startswith(toc))


def same(entry: Titled, item: Titled) -> bool:
    """Equal titles (or the TOC's cut-short form) and the same open/closed marking."""
    return entry.closed == item.closed and same_folded(
        fold_title(entry.title), fold_title(item.title)
    )


class Pairing(NamedTuple, Generic[TocEntry, Item]):
    """How TOC entries and items correspond: matched pairs, the leftovers, and which pairs
    (indices into `pairs`) stand outside the longest run in agenda order."""

    pairs: tuple[tuple[TocEntry, Item], ...]
    extra_entries: tuple[TocEntry, ...]
    missing_items: tuple[Item, ...]
    out_of_order: frozenset[int]


def _first_equal(
    folded: str,
    closed: bool,
    items: Sequence[Placed],
    sorted_titles: list[tuple[str, int]],
    free: set[int],
) -> int | None:
    """The first free item whose title equals `folded` or starts with it (a cut title)."""
    best = None
    start = bisect.bisect_left(sorted_titles, (folded, -1))
    for title, index in sorted_titles[start:]:
        if title != folded and not (len(folded) >= MIN_TRUNCATED and title.startswith(folded)):
            break
        if index in free and items[index].closed == closed and (best is None or index < best):
            best = index
    return best


def pair(toc: list[TocEntry], items: list[Item]) -> Pairing[TocEntry, Item]:
    """Pair entries with items: equal titles first, then the most similar remaining."""
    if not toc:
        return Pairing((), (), tuple(items), frozenset())
    toc_folded = [fold_title(entry.title) for entry in toc]
    item_folded = [fold_title(item.title) for item in items]
    sorted_titles = sorted((title, i) for i, title in enumerate(item_folded))
    matched: dict[int, int] = {}  # toc index -> item index
    free = set(range(len(items)))
    for t, entry in enumerate(toc):
        same_index = _first_equal(toc_folded[t], entry.closed, items, sorted_titles, free)
        if same_index is not None:
            matched[t] = same_index
            free.discard(same_index)
    left_toc = [t for t in range(len(toc)) if t not in matched]
    left_items = sorted(free)
    scored = []
    matcher = difflib.SequenceMatcher(None)
    for rank, t in enumerate(left_toc):
        matcher.set_seq1(toc_folded[t])
        centre = rank * len(left_items) // max(len(left_toc), 1)
        for i in left_items[max(0, centre - BAND) : centre + BAND + 1]:
            matcher.set_seq2(item_folded[i])
            if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
                continue
            scored.append((matcher.ratio(), t, i))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    for ratio, t, i in scored:
        if ratio >= SIMILAR and t not in matched and i in free:
            matched[t] = i
            free.discard(i)
    pairs = tuple((toc[t], items[i]) for t, i in sorted(matched.items()))
    in_order = longest_increasing([item.line for _, item in pairs])
    return Pairing(
        pairs=pairs,
        extra_entries=tuple(entry for t, entry in enumerate(toc) if t not in matched),
        missing_items=tuple(items[i] for i in sorted(free)),
        out_of_order=frozenset(set(range(len(pairs))) - in_order),
    )


def longest_increasing(values: list[int]) -> set[int]:
    """Indices of one longest strictly increasing subsequence (what stands in order), in
    O(n log n). Of equally long ones it takes the one ending first, each element preceded
    by the earliest element that can precede it."""
    tail_values: list[int] = []  # smallest last value of a run of each length
    levels: list[list[int]] = []  # indices by run length; their values never rise
    negated: list[list[int]] = []  # minus those values, rising, for bisection
    previous: list[int] = []
    for i, value in enumerate(values):
        k = bisect.bisect_left(tail_values, value)
        if k:
            below = negated[k - 1]
            previous.append(levels[k - 1][bisect.bisect_right(below, -value)])
        else:
            previous.append(-1)
        if k == len(tail_values):
            tail_values.append(value)
            levels.append([])
            negated.append([])
        else:
            tail_values[k] = value
        levels[k].append(i)
        negated[k].append(-value)
    chain: set[int] = set()
    index = levels[-1][0] if levels else -1
    while index >= 0:
        chain.add(index)
        index = previous[index]
    return chain
