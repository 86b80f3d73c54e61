"""A big text's lines and an item's lines as sequences over the text, not a string each.

A Python string costs 49 to 73 bytes besides its characters: at a line's typical 40 to 80
characters a list of a text's lines holds the text again, and a list of (number, line)
tuples more. Above model.LINES_AS_SLICES characters a text's lines are Lines (slices of
the text made when read, over an array of line starts), the parser's view of them an
Overlay of those (parse/lines.py) and an item part's lines a Body (numbers in an array).
Each reads as the list it stands for.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, overload

# Only these end a line: str.splitlines would also split on \x0b, \x0c, \x1c-\x1e,
# \x85 and \u2028, which are text (or damage to report), not line breaks.
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def one_break(text: str) -> str | None:
    """The one line break `text` uses (`\n` or `\r\n`, which str.split finds at C speed),
    or None when it mixes them or uses `\r`."""
    if "\r" not in text:
        return "\n"
    pairs = text.count("\r\n")
    return "\r\n" if text.count("\r") == pairs == text.count("\n") else None


class Lines(Sequence[str]):
    """A big text's lines, each sliced from the text when read: only the array of line
    starts is held, not a string per line. It reads as the list of lines would."""

    __slots__ = ("_break", "_starts", "_text")

    BLOCK = 4096  # lines split at once when iterating

    def __init__(self, text: str, starts: Sequence[int]) -> None:
        self._text = text
        self._starts = starts
        self._break = one_break(text)

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return self._slice(*index.indices(len(self)))
        starts = self._starts
        if index < 0:
            index += len(starts)
        if not 0 <= index < len(starts):
            raise IndexError("line index out of range")
        return self._text[starts[index] : self._end(index)]

    def _end(self, index: int) -> int:
        """Where line `index` (0 or more) ends: its line break, or the end of the text."""
        starts = self._starts
        if index + 1 == len(starts):
            return len(self._text)
        if self._break is not None:
            return starts[index + 1] - len(self._break)
        end = starts[index + 1] - 1  # the line break (its last character)
        if end > starts[index] and self._text[end - 1 : end + 1] == "\r\n":
            end -= 1
        return end

    def _slice(self, start: int, stop: int, step: int) -> list[str]:
        if step != 1:
            return [self[i] for i in range(start, stop, step)]
        if start >= stop:
            return []
        starts, text = self._starts, self._text
        end = starts[stop] if stop < len(starts) else len(text)
        block = text[starts[start] : end]
        lines = block.split(self._break) if self._break else LINE_BREAK.split(block)
        if stop < len(starts):
            lines.pop()  # the block ends with a line break: no line after it
        return lines

    def holds(self, index: int, text: str) -> bool:
        """Whether line `index` (0 or more) is `text`, read in place (no slice made)."""
        begin = self._starts[index]
        return self._end(index) - begin == len(text) and self._text.startswith(text, begin)

    def plain(self) -> str | None:
        """The text itself, when every line break is `\n` (the lines joined by `\n`)."""
        return self._text if self._break == "\n" else None

    def __iter__(self) -> Iterator[str]:
        for first in range(0, len(self._starts), self.BLOCK):
            yield from self._slice(first, min(first + self.BLOCK, len(self._starts)), 1)


class _View(Protocol):
    """The parser's view of a big text's lines (parse.lines.Overlay)."""

    def __getitem__(self, index: int) -> str | None: ...
    def holds(self, index: int, text: str) -> bool: ...


class Body(Sequence[tuple[int, str]]):
    """The lines of an item's part in a big text, as (1-based number, text) like the list
    a small text's parse holds: the numbers in an array, each text read from the parser's
    view of the lines when asked (a tuple, a number and a string per line would hold the
    text again), unless it is not that line's (a section heading's inline text)."""

    __slots__ = ("_numbers", "_own", "_view")

    def __init__(self, view: _View) -> None:
        self._view = view
        self._numbers = array("q")
        self._own: dict[int, str] = {}  # position -> a text that is not its line's

    def append(self, entry: tuple[int, str]) -> None:
        number, text = entry
        if not self._view.holds(number - 1, text):
            self._own[len(self._numbers)] = text
        self._numbers.append(number)

    def extend(self, entries: Iterable[tuple[int, str]]) -> None:
        for entry in entries:
            self.append(entry)

    def __len__(self) -> int:
        return len(self._numbers)

    @overload
    def __getitem__(self, index: int) -> tuple[int, str]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, str]]: ...
    def __getitem__(self, index: int | slice) -> tuple[int, str] | list[tuple[int, str]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self._numbers)
        number = self._numbers[index]
        own = self._own.get(index)
        return number, own if own is not None else self._view[number - 1] or ""

    def __iter__(self) -> Iterator[tuple[int, str]]:
        view, own = self._view, self._own
        for index, number in enumerate(self._numbers):
            text = own.get(index)
            yield number, text if text is not None else view[number - 1] or ""


# An item part's lines: a list, or in a big text's parse a Body (both read the same).
BodyLines = list[tuple[int, str]] | Body
