"""Markup residue: what the export left of its HTML, superscripts and table borders."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from referat_lint.checking.findings import (
    Applicability,
    Edit,
    Finding,
    Fix,
    FixAvailability,
    Severity,
    Stage,
)
from referat_lint.checking.rule import Context, Rule
from referat_lint.document.model import Text
from referat_lint.document.patterns import SUPERSCRIPT, TAG, is_element
from referat_lint.input.regex_cache import regex

# Pure formatting: removing the tags keeps every word (sup/sub would turn m² into m2).
_FORMATTING_NAMES = "b big em font i ins mark o:p s small span strike strong tt u"
_FORMATTING = frozenset(_FORMATTING_NAMES.split())
# A comment runs to the first `-->`; an unclosed one stops at the next `<!--`, so each
# character is scanned once however many are left open.
_COMMENT = regex(r"<!--(?:[^<-]|<(?!!--)|-(?!->))*+-->")
_SUPERSCRIPT_DIGITS = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")
# A table border: runs of at least three dashes (or =) for every column, separated by
# | or + (pipe and grid tables) or by blanks (simple tables). One run alone is a rule the
# author drew, and a row whose cells hold dashes (`------\t--`) is table text.
# Possessive quantifiers: blanks, bars and dashes never overlap, so nothing is given back,
# and a line of spaces then dashes that is no rule fails in linear time, not quadratic.
_RUN = r":?[-=]{3,}+:?"
_EDGE = r"\s*+(?:[|+]\s*+)?"
_PIPE_RULE = regex(rf"{_EDGE}{_RUN}(?:\s*+[|+]\s*+{_RUN})*+{_EDGE}")
_SIMPLE_RULE = regex(rf"\s*+{_RUN}(?:[ \t]++{_RUN})++\s*+")
_PIPE_ROW = regex(r"\s*\|.*\|\s*")
# What a line needs to hold any residue at all: a tag or superscript start, or a dash run.
_CANDIDATE = regex(r"[<^]|---|===")
_MARKS = ("<", "^", "---", "===")


class Residue(NamedTuple):
    """One piece of residue on a line: columns [start, end), its fix, its message."""

    key: str
    start: int
    end: int
    edits: tuple[tuple[int, int, str], ...]  # (start, end, replacement) within the line
    applicability: Applicability
    found: str
    repaired: str = ""


def _tags(line: str) -> Iterator[Residue]:
    """HTML tags, an opening and closing tag of one element on the line as one residue."""
    open_tags: dict[str, list[re.Match[str]]] = {}  # by name, innermost last
    single: list[re.Match[str]] = []
    pairs: list[tuple[re.Match[str], re.Match[str]]] = []
    for match in TAG.finditer(line):
        name = match["name"].casefold()
        if not is_element(match):
            continue
        if not match["close"]:
            open_tags.setdefault(name, []).append(match)
            continue
        stack = open_tags.get(name)
        if stack:
            pairs.append((stack.pop(), match))
        else:
            single.append(match)
    single += sorted((t for stack in open_tags.values() for t in stack), key=lambda t: t.start())
    for opening, closing in pairs:
        name = opening["name"].casefold()
        yield Residue(
            "tag",
            opening.start(),
            closing.end(),
            ((opening.start(), opening.end(), ""), (closing.start(), closing.end(), "")),
            Applicability.SAFE if name in _FORMATTING else Applicability.UNSAFE,
            f"{opening.group()}…{closing.group()}",
        )
    for tag in single:
        name = tag["name"].casefold()
        replacement = " " if name == "br" else ""
        yield Residue(
            "tag",
            tag.start(),
            tag.end(),
            ((tag.start(), tag.end(), replacement),),
            Applicability.SAFE if name in _FORMATTING else Applicability.UNSAFE,
            tag.group(),
        )
    for comment in _COMMENT.finditer(line):
        yield Residue(
            "tag",
            comment.start(),
            comment.end(),
            ((comment.start(), comment.end(), ""),),
            Applicability.UNSAFE,
            comment.group(),
        )


def _inline(line: str) -> Iterator[Residue]:
    yield from _tags(line)
    for match in SUPERSCRIPT.finditer(line):
        content = match["content"]
        digits = content and all(c.isdigit() or c in "+-" for c in content)
        replacement = content.translate(_SUPERSCRIPT_DIGITS) if digits else content
        edit = (match.start(), match.end(), replacement)
        yield Residue(
            "superscript", *edit[:2], (edit,), Applicability.SAFE, match.group(), replacement
        )


def _is_markdown_table_rule(lines: Sequence[str], index: int, markdown: bool) -> bool:
    """A delimiter row under a pipe-table header in a Markdown document is table syntax.
    The header is the line right above (CommonMark allows no blank line between them):
    looking further back would read every earlier line once per delimiter row."""
    if not markdown or index == 0:
        return False
    return bool(_PIPE_ROW.fullmatch(lines[index - 1]))


def _line_removal(text: Text, number: int) -> tuple[int, int]:
    """Offsets that delete line `number` and one line break next to it."""
    start = text.starts[number - 1]
    if number < len(text.starts):
        return start, text.starts[number]
    if number == 1:
        return start, len(text.text)
    previous_end = text.starts[number - 2] + len(text.lines[number - 2])
    return previous_end, len(text.text)


def check_markup_residue(ctx: Context) -> Iterator[Finding]:
    text = ctx.text
    if not any(mark in text.text for mark in _MARKS):  # most files: four substring tests
        return
    lines = text.lines
    markdown = ctx.doc.markup == "markdown"
    for number, line in text.lines_with(_CANDIDATE):
        offset = text.starts[number - 1]
        if "-" in line or "=" in line:
            rule = _PIPE_RULE.fullmatch(line) or _SIMPLE_RULE.fullmatch(line)
            has_border = any(c in line for c in "|+") or _SIMPLE_RULE.fullmatch(line)
            if rule and has_border and not _is_markdown_table_rule(lines, number - 1, markdown):
                start, end = _line_removal(text, number)
                fix = Fix((Edit(start, end, ""),), Applicability.UNSAFE)
                yield ctx.finding(
                    text.span(number), "table-rule", fix=fix, snippet=line, found=line.strip()
                )
                continue
        if not any(c in line for c in "<^"):
            continue
        for residue in sorted(_inline(line), key=lambda r: r.start):
            edits = tuple(Edit(offset + s, offset + e, r) for s, e, r in residue.edits)
            fix = Fix(edits, residue.applicability)
            yield ctx.finding(
                text.span(number, residue.start + 1, residue.end + 1),
                residue.key,
                fix=fix,
                snippet=line[residue.start : residue.end],
                found=residue.found,
                repaired=residue.repaired,
            )


RULES = [
    Rule(
        code="RL004",
        name="markup-residue",
        stage=Stage.STRUCTURE,
        severity=Severity.WARNING,
        fix_availability=FixAvailability.ALWAYS,
        check=check_markup_residue,
    ),
]
