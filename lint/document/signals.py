"""The signs that a text no layout reads is minutes or an agenda all the same.

A file no profile fits is either not minutes at all (a README, notes, a letter) or minutes
in a layout nobody has described yet. The second must not pass unread: these signals tell
them apart. Each kind counts once; two kinds together say minutes when one of them is a
title word, `Mødedato` or a decision heading (a letter may have a case number and numbered
paragraphs, a note may say `Referat`, but not with a second kind).
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from referat_lint.document.layout import BASE, shipped_profiles
from referat_lint.document.model import Text
from referat_lint.document.parse import clean
from referat_lint.input.regex_cache import regex

OPENING_LINES = 12  # a title word counts only here: the top of a document
MIN_KINDS = 2  # distinct kinds of signal that make a text look like minutes
MIN_HEADINGS = 2  # item-like headings: one numbered line is any list

_TITLE = regex(
    r"(?:REFERAT|Referat|DAGSORDEN|Dagsorden|BESLUTNINGSPROTOKOL|Beslutningsprotokol"
    r"|Mødereferat|Åben dagsorden|Åbent referat)\b(?!\s*[:=])"
)
_MEETING_DATE = regex(r"(?i:mødedato)\b\s*:?")
_DECISION = regex(
    r"(?i:(?:[\w\-]+(?: [\w\-]+){0,6}s )?beslutning(?:er)?"
    r"(?: (?:i|den|d\.|på) [^:]{1,60})?)\s*:?"
)
_CASE_LABEL = regex(r"(?i:sags?\.?\s?nr|sagsnummer)\.?\s*:?\s*\S*\d")
_ITEM = regex(
    r"(?:(?i:punkt|pkt\.)\s+\d{1,4}\b(?:\s*[:.]?\s*\S.*)?"
    r"|\d{1,4}\s?[.:]\s+[A-ZÆØÅ]\S*(?: \S+){0,20})"
)


class Signal(NamedTuple):
    """One kind of evidence: its name (`title`, `meeting-date`, `decision`,
    `case-number`, `item-heading`), on how many lines (`times`), the first one, and the word
    that shows it (the documents' own vocabulary, the same in either language)."""

    kind: str
    times: int
    line: int
    word: str

    def __str__(self) -> str:
        times = f" ×{self.times}" if self.times > 1 else ""
        return f"`{self.word}`{times} ({self.line})"


_WORDS = {
    "meeting-date": "Mødedato",
    "decision": "Beslutning",
    "case-number": "Sagsnr.",
    "item-heading": "N. Titel",
}


@cache
def _bare_case_number() -> re.Pattern[str]:
    """A line that is a case number in one of the shared formats, and nothing else."""
    base = shipped_profiles()[BASE]
    formats = [f["pattern"] for f in base["case-numbers"]["formats"]]
    return re.compile("|".join(f"(?:{p})" for p in formats))


_last: tuple[Text, list[Signal]] | None = None  # both document rules ask about one text


def minutes_signals(text: Text) -> list[Signal]:
    """The kinds of minutes signals in `text`, in a fixed order; one pass over the lines."""
    global _last
    if _last is not None and _last[0] is text:
        return _last[1]
    signals = _signals(text)
    _last = (text, signals)
    return signals


def _signals(text: Text) -> list[Signal]:
    found: dict[str, list[int]] = {}
    title = ""
    bare = _bare_case_number()
    non_empty = 0
    for number, raw in enumerate(text.lines, 1):
        if not raw or raw.isspace():
            continue
        non_empty += 1
        opening = non_empty <= OPENING_LINES
        if not opening and not _may_signal(raw):
            continue
        line = clean(raw)
        if not line:
            continue
        kind = _kind(line, bare, opening=opening)
        if kind:
            found.setdefault(kind, []).append(number)
            if kind == "title" and not title:
                title = line.split()[0]
    signals = [
        Signal(kind, len(lines), lines[0], _WORDS.get(kind, title))
        for kind, lines in found.items()
        if kind != "item-heading" or len(lines) >= MIN_HEADINGS
    ]
    return sorted(signals, key=lambda s: _ORDER.index(s.kind))


_ORDER = ("title", "meeting-date", "decision", "case-number", "item-heading")


def _may_signal(raw: str) -> bool:
    """A cheap test that lets most lines of prose skip the patterns: every signal after the
    opening lines starts with a digit or one of a few letters (Markdown may come first), or
    names a decision."""
    if len(raw) > 2 * _MAX_LENGTH:
        return False
    stripped = raw.lstrip(" \t#*_>")
    first = stripped[:1]
    return (
        first.isdigit()
        or first in _FIRST
        or "eslutning" in raw
        or "ESLUTNING" in raw
        or _LETTER_CODE.match(stripped) is not None
    )


_MAX_LENGTH = 160  # a paragraph of text, not a heading or a label
_FIRST = frozenset("MmSsPp<")  # Mødedato, Sagsnr., Punkt / Pkt., an HTML tag
_LETTER_CODE = regex(r"[A-ZÆØÅ]{2,6}-\d")  # a case number with letters (EMN-2025-...)


def _kind(line: str, bare: re.Pattern[str], *, opening: bool) -> str | None:
    """The kind of signal one cleaned line gives, or None."""
    if len(line) > _MAX_LENGTH:
        return None
    if opening and _TITLE.match(line):
        return "title"
    if _MEETING_DATE.match(line):
        return "meeting-date"
    if _DECISION.fullmatch(line):
        return "decision"
    if _CASE_LABEL.match(line) or bare.fullmatch(line):
        return "case-number"
    if _ITEM.fullmatch(line):
        return "item-heading"
    return None


# Only minutes and agendas have these; a letter may well have case numbers and numbered
# paragraphs (`1. Indledning`), so those two alone say nothing.
STRONG = frozenset({"title", "meeting-date", "decision"})


def looks_like_minutes(signals: list[Signal]) -> bool:
    """Two kinds of signal, one of them only minutes have."""
    return len(signals) >= MIN_KINDS and any(s.kind in STRONG for s in signals)
