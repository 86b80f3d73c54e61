"""The typed model of a minutes file that rules read."""

from __future__ import annotations

import bisect
import itertools
import re
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple, TypeVar

from referat_lint.checking.findings import Span
from referat_lint.document.slices import LINE_BREAK, BodyLines, Lines, one_break
from referat_lint.document.toc import Pairing, pair
from referat_lint.input.line_scan import LineScan, automaton_class, automaton_pays
from referat_lint.input.regex_cache import regex

_Fact = TypeVar("_Fact")


# Characters rare in minutes that several readers look for: markup (`#*_^<`), an entity's
# `&`, whitespace but the plain space and line breaks (every character str.split splits
# at), and control characters (C0 but the line breaks, DEL, C1, a byte-order mark, the
# replacement character). One scan finds the lines holding any (Text.rare_lines).
RARE = regex(
    "[#*_^<&\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029"
    "\u202f\u205f\u3000\ufeff\ufffd]"
)
RARE_SCAN = LineScan(RARE, automaton_class(RARE.pattern))
SCAN_BLOCK = 1 << 20  # characters of a text encoded for RE2 at once (at least one line)
# Above this many characters a text's lines are slices made when read (Lines), not a string
# each: a string costs 49 to 73 bytes besides its characters, which at a line's typical 40
# to 80 characters holds the text again. Below it the strings are kept: rules and the parser
# read every line several times, and a slice each time costs more than it saves.
LINES_AS_SLICES = 2_000_000


def _encoded(text: str) -> bytes | None:
    """`text` in UTF-8, for RE2; None for a lone surrogate, which has none."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return None


def excerpt(line: str, start: int, end: int, margin: int) -> tuple[str, int]:
    """The part of `line` from `margin` characters before `start` to `margin` after `end`,
    with `…` where it was cut, and how far columns move left in it (reports show a long
    line this way, never whole)."""
    begin = max(0, start - margin)
    stop = min(len(line), max(end, begin) + margin)
    head = "…" if begin > 0 else ""
    tail = "…" if stop < len(line) else ""
    return head + line[begin:stop] + tail, begin - len(head)


class Text:
    """Text split into lines without their terminators, with offsets back into the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._facts: dict[Callable[[Text], Any], Any] = {}
        self._scanned: dict[LineScan, tuple[int, ...]] = {}

    def __repr__(self) -> str:
        return f"Text({self.text[:40]!r}{'...' if len(self.text) > 40 else ''})"

    def fact(self, compute: Callable[[Text], _Fact]) -> _Fact:
        """`compute(self)`, computed once and carried with this text: a fact that several
        rules read (the lossy repairs, say) is derived in one place, once per file."""
        if compute not in self._facts:
            self._facts[compute] = compute(self)
        return self._facts[compute]

    @cached_property
    def lines(self) -> Sequence[str]:
        """The lines, without their terminators (a list, or for a big text Lines)."""
        if len(self.text) > LINES_AS_SLICES:
            return Lines(self.text, self.starts)
        if "\r" not in self.text:  # LF only, as most files: str.split is faster
            return self.text.split("\n")
        return LINE_BREAK.split(self.text)

    @cached_property
    def starts(self) -> Sequence[int]:
        """Offset of the first character of each line: a list, or for a big text an array
        (8 bytes a line, where a list of ints holds 36; bisect reads a list faster)."""
        text = self.text
        if len(text) <= LINES_AS_SLICES:
            if "\r" not in text:  # every break is one character: sums of line lengths
                lengths = map((1).__add__, map(len, self.lines[:-1]))
                return list(itertools.accumulate(lengths, initial=0))
            return [0, *(m.end() for m in LINE_BREAK.finditer(text))]
        starts = array("q", [0])
        if one_break(text) is None:  # `\r` alone, or mixed breaks
            starts.extend(m.end() for m in LINE_BREAK.finditer(text))
            return starts
        # every line ends with `\n`: a block at a time (its lines are not split all at once)
        for begin in range(0, len(text), SCAN_BLOCK):
            pieces = text[begin : begin + SCAN_BLOCK].split("\n")
            ends = itertools.accumulate(map((1).__add__, map(len, pieces[:-1])), initial=begin)
            starts.extend(itertools.islice(ends, 1, None))
        return starts

    def offset(self, line: int, column: int) -> int:
        """Character offset of a 1-based line and column."""
        return self.starts[line - 1] + column - 1

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of a character offset."""
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def lines_with(self, pattern: re.Pattern[str]) -> Iterator[tuple[int, str]]:
        """(1-based number, line) of each line where `pattern` matches, in order.

        One scan of the whole text at the regular-expression engine's speed, instead of a
        Python loop over every line: rules use it to skip the many lines that cannot hold
        what they look for. `pattern` must not match across a line break. After a match
        the search goes on at the next line: a line with many matches costs one.
        """
        text, starts, lines = self.text, self.starts, self.lines
        search, count = pattern.search, len(starts)
        match = search(text)
        while match is not None:
            number = bisect.bisect_right(starts, match.start())
            yield number, lines[number - 1]
            if number >= count:
                return
            match = search(text, starts[number])

    def scanned_lines(self, scan: LineScan) -> tuple[int, ...]:
        """1-based numbers of the lines where `scan.pattern` matches (what `lines_with`
        finds), found once per text by RE2's automaton where it can read the text."""
        known = self._scanned.get(scan)
        if known is None:
            numbers = self._automaton_lines(scan)
            if numbers is None:
                known = tuple(number for number, _ in self.lines_with(scan.pattern))
            elif scan.superset:
                lines, search = self.lines, scan.pattern.search
                known = tuple(n for n in numbers if search(lines[n - 1]) is not None)
            else:
                known = tuple(numbers)
            self._scanned[scan] = known
        return known

    def _automaton_lines(self, scan: LineScan) -> list[int] | None:
        """`scan.numbers` over the text's UTF-8, a block of whole lines at a time (a big
        text is not copied whole); None without RE2, before RE2 pays for its import
        (line_scan.AUTOMATON_AFTER), or for a lone surrogate (no UTF-8)."""
        if not automaton_pays(len(self.text)):
            return None
        found: list[int] = []
        for before, data in self._utf8_blocks():
            numbers = scan.numbers(data) if data is not None else None
            if numbers is None:
                return None
            found.extend(number + before for number in numbers)
        return found

    def _utf8_blocks(self) -> Iterator[tuple[int, bytes | None]]:
        """(lines before it, UTF-8 or None) of each block of whole lines of the text."""
        if len(self.text) <= SCAN_BLOCK:  # most texts: one block, encoded once for every scan
            yield 0, self._utf8
            return
        starts, text = self.starts, self.text
        first = 0
        while first < len(starts):
            last = bisect.bisect_right(starts, starts[first] + SCAN_BLOCK, lo=first + 1)
            end = starts[last] if last < len(starts) else len(text)
            yield first, _encoded(text[starts[first] : end])
            first = last

    @cached_property
    def _utf8(self) -> bytes | None:
        return _encoded(self.text)

    @property
    def rare_lines(self) -> tuple[int, ...]:
        """1-based numbers of the lines holding a RARE character: one scan of the text,
        shared by the parser (the lines to clean) and the rules (control characters,
        character references)."""
        return self.scanned_lines(RARE_SCAN)

    def rare_lines_with(self, pattern: re.Pattern[str]) -> Iterator[tuple[int, str]]:
        """`lines_with(pattern)` for a `pattern` each of whose matches holds a RARE
        character and ends on its line: only the rare lines are searched."""
        lines, search = self.lines, pattern.search
        for number in self.rare_lines:
            line = lines[number - 1]
            if search(line) is not None:
                yield number, line

    def span(self, line: int, column: int = 1, end_column: int | None = None) -> Span:
        """A span on one line; by default the whole line."""
        if end_column is None:
            end_column = len(self.lines[line - 1]) + 1
        return Span(line, column, line, max(end_column, column))


class Field(NamedTuple):
    """A labelled value such as `Sagsnr.: 326-2017-43971`, with where it stands."""

    value: str
    line: int
    column: int


@dataclass
class Header:
    """The meeting header above the table of contents."""

    title: Field | None = None  # "REFERAT Direktionen d. 04-05-2020"
    body: str | None = None  # "Direktionen"
    title_date: Field | None = None  # "04-05-2020", the date in the title line
    date: Field | None = None  # the Mødedato value
    time: str | None = None
    place: Field | None = None
    participants: list[str] = field(default_factory=list)


class TocEntry(NamedTuple):
    """One entry of the table of contents (`Indholdsfortegnelse`)."""

    title: str
    closed: bool
    page: int | None
    line: int
    number: str | None = None  # the item number the entry gives, in layouts that print one


class SubHeading(NamedTuple):
    """A line in an item's header block repeating its number and title (`3. Title`)."""

    value: str
    line: int
    column: int
    number: int
    title: str


@dataclass
class Section:
    """A named section of an item (`Sagsfremstilling`, `Indstillinger`, ...)."""

    name: str
    line: int  # the heading line
    end_line: int  # last line of the section's body (inclusive)
    body: BodyLines = field(default_factory=list)  # (line, cleaned text)
    attachments: bool = False  # its lines name attachments (`Bilag`)

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.body if text)


@dataclass
class Decision:
    """A decision block: its heading (empty when the text stands under no heading) and text."""

    heading: str
    line: int
    body: BodyLines = field(default_factory=list)
    committee: str | None = None  # "Direktionen" in "Direktionens møde den 4. maj 2020:"
    date: Field | None = None  # "4. maj 2020" in that heading

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.body if text).strip()


@dataclass
class Item:
    """One agenda item (`Punkt N: Title`, `N. Title`, `482. Title`, `1.1 Title`, ...)."""

    number: int  # the last part of the number as written (`2` in `1.2`)
    label: str  # the number as written: "3", "482", "1.2"
    title: str
    closed: bool
    line: int  # the heading line
    end_line: int  # last line belonging to the item (inclusive)
    title_lines: tuple[int, ...] = ()  # heading lines, more than one when the title wraps
    closed_by: str | None = None  # "heading" (Lukket: in the title), "marker" or "group"
    standard: bool = False  # a standard item (Eventuelt): no case number, no decision
    group: bool = False  # its only content is its sub-items (`2` over `2.1`, `2.2`)
    case_numbers: list[Field] = field(default_factory=list)
    journal_numbers: list[Field] = field(default_factory=list)
    document_numbers: list[Field] = field(default_factory=list)
    # Case numbers that match no known format (also in case_numbers: the item has one).
    malformed_case_numbers: list[Field] = field(default_factory=list)
    subheading: SubHeading | None = None
    sections: list[Section] = field(default_factory=list)
    decision: Decision | None = None  # this meeting's decision
    decisions: list[Decision] = field(default_factory=list)  # this meeting's decision blocks
    history: list[Decision] = field(default_factory=list)  # earlier handling of the case
    unplaced: BodyLines = field(default_factory=list)  # text in no section
    # Items the text says are treated with this one (`behandles sammen med punkt 3-8`).
    linked: set[int] = field(default_factory=set)

    @property
    def level(self) -> int:
        """1 for `3`, 2 for `3.1`."""
        return self.label.count(".") + 1

    @property
    def parent(self) -> str:
        """The number of the item this one is a sub-item of (`3` for `3.1`), or ""."""
        return self.label.rpartition(".")[0]


@dataclass
class Document:
    """A parsed minutes file. The parser fills it tolerantly and never raises."""

    text: Text
    header: Header
    toc: list[TocEntry]
    items: list[Item]
    layout: str | None = None  # the layout profile that fits, or None
    kind: str = "minutes"  # "minutes" or "agenda"
    markup: str = "plain"  # "plain" or "markdown": a surface, not a layout
    case_number_examples: tuple[str, ...] = ()  # of the layout's formats, for messages
    case_numbers_required: bool = True  # False: the layout's items carry none
    journal_number: re.Pattern[str] | None = None  # the layout's journal-number formats

    @property
    def is_minutes(self) -> bool:
        """A layout fits and items were found: the structure rules can read it."""
        return self.layout is not None and bool(self.items)

    @property
    def lines(self) -> Sequence[str]:
        return self.text.lines

    @cached_property
    def pairing(self) -> Pairing[TocEntry, Item]:  # computed once, read by the TOC rules
        return pair(self.toc, self.items)
