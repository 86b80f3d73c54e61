"""The typed model of a minutes file that rules read."""

from __future__ import annotations

import bisect
import itertools
import re
from array import array
from collections.abc import Callable, Iterator, Sequence
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


class _Record:
    """A record the parser fills in as it reads: compared and shown field by field, as a
    dataclass is (plain classes: creating dataclasses cost a tenth of a clean file's run)."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    __hash__ = None  # type: ignore[assignment]  # mutable: no hash

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(
            getattr(self, name) == getattr(other, name) for name in self._fields
        )

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({fields})"


class Header(_Record):
    """The meeting header above the table of contents."""

    __slots__ = _fields = ("title", "body", "title_date", "date", "time", "place", "participants")

    def __init__(self) -> None:
        self.title: Field | None = None  # "REFERAT Direktionen d. 04-05-2020"
        self.body: str | None = None  # "Direktionen"
        self.title_date: Field | None = None  # "04-05-2020", the date in the title line
        self.date: Field | None = None  # the Mødedato value
        self.time: str | None = None
        self.place: Field | None = None
        self.participants: list[str] = []


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


class Section(_Record):
    """A named section of an item (`Sagsfremstilling`, `Indstillinger`, ...)."""

    __slots__ = _fields = ("name", "line", "end_line", "body", "attachments")

    def __init__(self, name: str, line: int, end_line: int, attachments: bool = False) -> None:
        self.name = name
        self.line = line  # the heading line
        self.end_line = end_line  # last line of the section's body (inclusive)
        self.body: BodyLines = []  # (line, cleaned text)
        self.attachments = attachments  # its lines name attachments (`Bilag`)

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.body if text)


class Decision(_Record):
    """A decision block: its heading (empty when the text stands under no heading) and text."""

    __slots__ = _fields = ("heading", "line", "body", "committee", "date")

    def __init__(self, heading: str, line: int) -> None:
        self.heading = heading
        self.line = line
        self.body: BodyLines = []
        self.committee: str | None = None  # "Direktionen" in "Direktionens møde den 4. maj 2020:"
        self.date: Field | None = None  # "4. maj 2020" in that heading

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.body if text).strip()


class Item(_Record):
    """One agenda item (`Punkt N: Title`, `N. Title`, `482. Title`, `1.1 Title`, ...)."""

    __slots__ = _fields = (
        *("number", "label", "title", "closed", "line", "end_line", "title_lines"),
        *("closed_by", "standard", "group", "case_numbers", "journal_numbers"),
        *("document_numbers", "malformed_case_numbers", "subheading", "sections"),
        *("decision", "decisions", "history", "unplaced", "linked"),
    )

    def __init__(
        self,
        number: int,
        label: str,
        title: str,
        closed: bool,
        line: int,
        end_line: int,
        title_lines: tuple[int, ...] = (),
        closed_by: str | None = None,
    ) -> None:
        self.number = number  # the last part of the number as written (`2` in `1.2`)
        self.label = label  # the number as written: "3", "482", "1.2"
        self.title = title
        self.closed = closed
        self.line = line  # the heading line
        self.end_line = end_line  # last line belonging to the item (inclusive)
        self.title_lines = title_lines  # heading lines, more than one when the title wraps
        self.closed_by = closed_by  # "heading" (Lukket: in the title), "marker" or "group"
        self.standard = False  # a standard item (Eventuelt): no case number, no decision
        self.group = False  # its only content is its sub-items (`2` over `2.1`, `2.2`)
        self.case_numbers: list[Field] = []
        self.journal_numbers: list[Field] = []
        self.document_numbers: list[Field] = []
        # Case numbers that match no known format (also in case_numbers: the item has one).
        self.malformed_case_numbers: list[Field] = []
        self.subheading: SubHeading | None = None
        self.sections: list[Section] = []
        self.decision: Decision | None = None  # this meeting's decision
        self.decisions: list[Decision] = []  # this meeting's decision blocks
        self.history: list[Decision] = []  # earlier handling of the case
        self.unplaced: BodyLines = []  # text in no section
        # Items the text says are treated with this one (`behandles sammen med punkt 3-8`).
        self.linked: set[int] = set()

    @property
    def level(self) -> int:
        """1 for `3`, 2 for `3.1`."""
        return self.label.count(".") + 1

    @property
    def parent(self) -> str:
        """The number of the item this one is a sub-item of (`3` for `3.1`), or ""."""
        return self.label.rpartition(".")[0]


class Document(_Record):
    """A parsed minutes file. The parser fills it tolerantly and never raises."""

    # Not slotted: `pairing` is a cached_property, kept in the instance's __dict__.
    _fields = (
        *("text", "header", "toc", "items", "layout", "kind", "markup"),
        *("case_number_examples", "case_numbers_required", "journal_number"),
    )

    def __init__(
        self,
        text: Text,
        header: Header,
        toc: list[TocEntry],
        items: list[Item],
        layout: str | None = None,
        kind: str = "minutes",
        markup: str = "plain",
        case_number_examples: tuple[str, ...] = (),
        case_numbers_required: bool = True,
        journal_number: re.Pattern[str] | None = None,
    ) -> None:
        self.text = text
        self.header = header
        self.toc = toc
        self.items = items
        self.layout = layout  # the layout profile that fits, or None
        self.kind = kind  # "minutes" or "agenda"
        self.markup = markup  # "plain" or "markdown": a surface, not a layout
        self.case_number_examples = case_number_examples  # of the layout's formats, for messages
        self.case_numbers_required = case_numbers_required  # False: the layout's items carry none
        self.journal_number = journal_number  # the layout's journal-number formats

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
