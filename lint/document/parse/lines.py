"""The parser's line helpers: Markdown removed (`clean`), folding, fields, line scans."""

from __future__ import annotations

import bisect
import re
from itertools import compress, count, repeat
from typing import TYPE_CHECKING, cast

from referat_lint.document.model import Field
from referat_lint.document.patterns import MD_HEADING, SUPERSCRIPT, TAG, is_element

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

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


def clean_lines(text: Text) -> list[str]:
    """`[clean(line) for line in text.lines]`, with `clean` called only on the lines it can
    change: one with a markup or odd whitespace character (among the text's rare lines,
    found by one scan), two spaces (found by another), a space at its start or end (tested
    line by line at C speed). Every other line is its own clean form."""
    lines = text.lines
    cleaned = list(lines)
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


def _blank_code_blocks(cleaned: list[str]) -> None:
    """Markdown's fenced code blocks quote text literally: a `Punkt 4: ...` shown as an
    example there is no item heading, so the walker sees those lines as blank."""
    joined = "\n".join(cleaned)
    if "```" not in joined and "~~~" not in joined:
        return  # no fence (most files): no line to blank
    fenced = False
    for i, line in enumerate(cleaned):
        if _FENCE.match(line):
            fenced = not fenced
            cleaned[i] = ""
        elif fenced:
            cleaned[i] = ""


def _lines_matching(patterns: Sequence[re.Pattern[str]], lines: Sequence[str | None]) -> list[int]:
    """0-based numbers of the non-blank lines where one of `patterns` matches: one C-level
    match call per line and pattern (most layouts have one or two)."""
    found: set[int] = set()
    texts = [line or "" for line in lines] if None in lines else cast("Sequence[str]", lines)
    for pattern in patterns:  # at C speed, blank lines too (dropped below)
        found.update(compress(count(), map(pattern.match, texts)))
    return sorted(i for i in found if lines[i])


def _opening(cleaned: list[str], count: int) -> list[str]:
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
