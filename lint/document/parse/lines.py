"""The parser's line helpers: Markdown removed (`clean`), folding, fields, line scans."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from itertools import compress, count, islice, repeat
from typing import TYPE_CHECKING, cast, overload

from referat_lint.document.model import Field
from referat_lint.document.patterns import MD_HEADING, SUPERSCRIPT, TAG, is_element
from referat_lint.document.slices import Lines

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from referat_lint.document.model import Text

_EMPHASIS = re.compile(r"\*\*|__")
_MARKUP = re.compile(r"[#*_^<]")


def clean(line: str) -> str:
    """A line without Markdown, HTML tags and superscript residue, whitespace folded."""
    if _MARKUP.search(line) is None:  # most lines: skip four substitutions
        return " ".join(line.split())
    line = MD_HEADING.sub("", line)
    line = _EMPHASIS.sub("", line)
    line = SUPERSCRIPT.sub(r"\g<content>", line)
    line = TAG.sub(_drop_element, line)
    return " ".join(line.split())


class Overlay(Sequence[str | None]):
    """A big text's lines as the parser sees them: its Lines, with the few lines cleaning
    or masking changes held apart (a list would hold a string for every line)."""

    __slots__ = ("_changed", "_lines")

    def __init__(self, lines: Sequence[str], changed: dict[int, str | None] | None = None) -> None:
        self._lines = lines
        self._changed = {} if changed is None else changed

    def copy(self) -> Overlay:
        return Overlay(self._lines, dict(self._changed))

    def __len__(self) -> int:
        return len(self._lines)

    @overload
    def __getitem__(self, index: int) -> str | None: ...
    @overload
    def __getitem__(self, index: slice) -> list[str | None]: ...
    def __getitem__(self, index: int | slice) -> str | list[str | None] | None:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            lines: list[str | None] = list(self._lines[start:stop])
            for i, line in self._changed.items():  # few: the lines cleaning or masking changed
                if start <= i < stop:
                    lines[i - start] = line
            return lines
        if index < 0:
            index += len(self._lines)
        changed = self._changed
        return changed[index] if index in changed else self._lines[index]

    def __setitem__(self, index: int, line: str | None) -> None:
        if index < 0:
            index += len(self._lines)
        self._changed[index] = line

    def holds(self, index: int, text: str) -> bool:
        """Whether line `index` (0 or more) reads `text`, without a copy of an unchanged line."""
        if index in self._changed:
            return self._changed[index] == text
        lines = self._lines
        return lines.holds(index, text) if isinstance(lines, Lines) else lines[index] == text

    def plain(self) -> str | None:
        """The text these lines are when none was changed and every break is `\n`."""
        lines = self._lines
        return lines.plain() if not self._changed and isinstance(lines, Lines) else None

    def __iter__(self) -> Iterator[str | None]:
        changed = self._changed
        if not changed:
            yield from self._lines
            return
        for i, line in enumerate(self._lines):
            yield changed.get(i, line)


def clean_lines(text: Text) -> list[str] | Overlay:
    """`[clean(line) for line in text.lines]`, with `clean` called only on the lines it can
    change: one with a markup or odd whitespace character (among the text's rare lines,
    found by one scan), two spaces (found by another), a space at its start or end (tested
    line by line at C speed). Every other line is its own clean form. A big text's lines
    (slices.Lines) come back as an Overlay of them."""
    lines = text.lines
    cleaned: list[str] | Overlay = lines.copy() if isinstance(lines, list) else Overlay(lines)
    dirty = {number - 1 for number in text.rare_lines}
    dirty.update(_lines_holding(text, "  "))
    dirty.update(compress(count(), map(str.startswith, lines, repeat(" "))))
    dirty.update(compress(count(), map(str.endswith, lines, repeat(" "))))
    for i in dirty:
        cleaned[i] = clean(lines[i])
    return cleaned


def _lines_holding(text: Text, needle: str) -> Iterator[int]:
    """0-based numbers of the lines where `needle` (no line break in it) occurs: str.find,
    the fastest scan, once per line that holds it."""
    whole, starts = text.text, text.starts
    at = whole.find(needle)
    while at >= 0:
        i = bisect.bisect_right(starts, at) - 1
        yield i
        if i + 1 >= len(starts):
            return
        at = whole.find(needle, starts[i + 1])


def _drop_element(tag: re.Match[str]) -> str:
    return "" if is_element(tag) else tag[0]


_QUOTES = '"„“”«»'
_QUOTE_OPENERS = _QUOTES + ">"
_JOINERS = ("og ", "eller ", "samt ", "& ")  # "Børne-" / "og Ungeudvalget": a suspended hyphen
# Words no title ends with: a title line ending with one was wrapped, whatever comes next.
_DANGLING = frozenset(
    {"af", "at", "for", "fra", "i", "med", "mod", "og", "om", "på", "samt", "til", "ved"}
    | {"eller", "&"}
)
_MASKED = None  # a masked line (page furniture) in the walker's view of the text


_FENCE = re.compile(r" {0,3}(?:```|~~~)")


def _blank_code_blocks(cleaned: list[str] | Overlay) -> None:
    """Markdown's fenced code blocks quote text literally: a `Punkt 4: ...` shown as an
    example there is no item heading, so the walker sees those lines as blank."""
    joined = scan_text(cleaned)
    if "```" not in joined and "~~~" not in joined:
        return  # no fence (most files): no line to blank
    fenced = False
    for i, line in enumerate(cleaned):
        if _FENCE.match(line or ""):
            fenced = not fenced
            cleaned[i] = ""
        elif fenced:
            cleaned[i] = ""


def _lines_matching(patterns: Sequence[re.Pattern[str]], lines: Iterable[str | None]) -> list[int]:
    """0-based numbers of the non-blank lines where one of `patterns` matches: one C-level
    match call per non-blank line and pattern (most layouts have one or two)."""
    found: list[int] = []
    for offset, block in _in_blocks(lines):
        numbers = list(compress(count(offset), block))  # blank and masked lines: none
        texts = cast("list[str]", list(compress(block, block)))
        hits: set[int] = set()
        for pattern in patterns:
            hits.update(compress(numbers, map(pattern.match, texts)))
        found.extend(sorted(hits))
    return found


LINES_AT_ONCE = 4096  # lines of a big text's view a scan holds as strings at once


def _in_blocks(lines: Iterable[str | None]) -> Iterator[tuple[int, list[str | None]]]:
    """(index of its first line, lines) of each block of `lines`: a list whole, other
    sequences (a big text's Overlay) a block at a time."""
    if isinstance(lines, list):
        yield 0, lines
        return
    if isinstance(lines, Sequence):
        for offset in range(0, len(lines), LINES_AT_ONCE):
            yield offset, list(lines[offset : offset + LINES_AT_ONCE])
        return
    rest, offset = iter(lines), 0
    while block := list(islice(rest, LINES_AT_ONCE)):
        yield offset, block
        offset += len(block)


def scan_text(lines: Sequence[str | None]) -> str:
    """`lines` (none of them masked) joined by line breaks, for a whole-text scan: for a
    big text that is the text itself when no line was changed and every break is `\n`."""
    if isinstance(lines, list):
        return "\n".join(cast("list[str]", lines))
    if isinstance(lines, Overlay):
        plain = lines.plain()
        if plain is not None:
            return plain
    return "\n".join(["\n".join(cast("list[str]", block)) for _, block in _in_blocks(lines)])


def _opening(cleaned: Iterable[str | None], count: int) -> list[str]:
    lines = []
    for line in cleaned:
        if line:
            lines.append(line)
            if len(lines) >= count:
                break
    return lines


def _field(raw_line: str, value: str, line: int) -> Field:
    column = raw_line.find(value)
    return Field(value, line, column + 1 if column >= 0 else 1)


def _may_fold_within(text: str, length: int) -> bool:
    """Whether `_fold(text)` can be at most `length` long. It removes colons and whitespace
    at the ends and joins runs of whitespace, and casefolding never shortens: a longer text
    without them cannot (most lines of an item are far longer than any section name)."""
    return (
        len(text) <= length
        or text[-1] == ":"
        or text[-1].isspace()
        or text[0].isspace()
        or "  " in text
        or not text.isprintable()  # any whitespace but a plain space is unprintable
    )


def _last_word(line: str) -> str:
    words = line.split()
    return words[-1].casefold() if words else ""


def join_wrapped(title: str, line: str) -> str:
    """A heading line and its continuation: a hyphen ending a word joins without a space
    (`2035-` + `prognose`), unless a conjunction follows (`Børne-` + `og Unge`)."""
    if (
        len(title) >= 2
        and title.endswith("-")
        and title[-2].isalnum()
        and not line.startswith(_JOINERS)
    ):
        return title + line
    return f"{title} {line}".strip()
