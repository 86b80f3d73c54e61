"""A layout profile (lint/document/layouts/*.toml) as compiled patterns.

A profile is data: how a layout heads its items, writes its table of contents, case
numbers, decisions, closed items and page furniture. The parser is one walker driven by a
profile. Shipped profiles are read from their TOML files (files.py), the one source of
truth, once per process. Patterns compile on first use, so detection pays only for what it tries.
"""

from __future__ import annotations

import re
from functools import cache, cached_property
from typing import TYPE_CHECKING, NamedTuple

from referat_lint.document.fold import fold as _fold
from referat_lint.document.layout.files import BASE, shipped_profiles
from referat_lint.input.regex_cache import regex
from referat_lint.input.user_regex import compiled

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any


class CaseNumberFormat(NamedTuple):
    """A case system's number format, e.g. KMD `326-2017-43971`."""

    name: str
    pattern: str
    example: str


_NAMED = re.compile(r"\(\?P<\w+>")
_UNKNOWN = object()  # a key not looked up yet


def _words(values: Iterable[str]) -> frozenset[str]:
    return frozenset(_fold(v) for v in values)


def _one(patterns: list[str]) -> re.Pattern[str] | None:
    """The patterns as one alternation (one match call per line), or None when empty."""
    return _regex("|".join(f"(?:{p})" for p in patterns), 0, patterns) if patterns else None


@cache
def _shipped_strings() -> frozenset[str]:
    """Every string of the shipped profiles: their patterns are trusted to run in `re`."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(shipped_profiles())
    return frozenset(found)


def _shipped_pattern(*parts: str) -> bool:
    return all(part in _shipped_strings() for part in parts)


def _regex(pattern: str, flags: int = 0, parts: Iterable[str] | None = None) -> re.Pattern[str]:
    """`pattern` compiled by `re` when it is built only of shipped `parts` (default: itself);
    by RE2 when a project wrote any of it, so its matching time stays linear."""
    if _shipped_pattern(*(parts if parts is not None else (pattern,))):
        return regex(pattern, flags)  # the shipped profiles' own: kept between runs

    return compiled(pattern, flags)


def _literal(pattern: str, flags: int, words: Iterable[str]) -> re.Pattern[str]:
    """A pattern the code builds around a profile's escaped words (labels, markers): `re`
    reads those in linear time, and keeps the compiled form between runs when every word is
    the shipped profiles' own (never a project's: regex_cache keeps nothing of a user's)."""
    return regex(pattern, flags) if _shipped_pattern(*words) else re.compile(pattern, flags)


def _compile(patterns: Iterable[str], flags: int = 0) -> tuple[re.Pattern[str], ...]:
    return tuple(_regex(p, flags) for p in patterns)


class Layout:
    """One resolved profile (its `extends` chain merged), compiled on first use."""

    def __init__(
        self, data: dict[str, Any], extra_case_numbers: Sequence[tuple[str, str]] = ()
    ) -> None:
        self.data = data
        self.name: str = data["name"]
        self.abstract: bool = data.get("abstract", False)
        self.extra_case_numbers = tuple(extra_case_numbers)
        self._values: dict[tuple[str, str], Any] = {}
        # What the parser found each distinct line to be, kept across the files read with
        # this layout (headings recur in every file): the parser's to fill and bound.
        self.line_memo: dict[str, Any] = {}

    def __repr__(self) -> str:
        return f"Layout({self.name!r})"

    def get(self, table: str, key: str) -> Any:  # noqa: ANN401 (TOML values)
        """A key's value; one the profile leaves out has its default from base.toml, the one
        place every key has its default (KeyError for a key base.toml does not know)."""
        # Asked per item and per line by the walker: looked up once per key.
        known = self._values.get((table, key), _UNKNOWN)
        if known is _UNKNOWN:
            values = self.data.get(table, {})
            known = values[key] if key in values else shipped_profiles()[BASE][table][key]
            self._values[table, key] = known
        return known

    # detection
    @cached_property
    def detect_opening(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("detect", "opening"))

    @cached_property
    def detect_lines(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("detect", "lines"), re.MULTILINE)

    @cached_property
    def heading_scan(self) -> tuple[tuple[re.Pattern[str], bool], ...]:
        """Item-heading patterns for a whole-text scan: (pattern, on the raw text). Each
        starts with a line break (the text is scanned with one put in front): the regex
        engine finds a literal first character fast, and `^` in multi-line mode it does not."""

        def scan(key: str) -> tuple[re.Pattern[str], ...]:
            patterns = self.get("items", key)
            return tuple(
                _regex(f"\n(?:{p.removeprefix('^')})", re.MULTILINE, (p,)) for p in patterns
            )

        cleaned, raw = scan("headings"), scan("raw-headings")
        return tuple((p, False) for p in cleaned) + tuple((p, True) for p in raw)

    # header and kind
    @cached_property
    def title_patterns(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("header", "title"))

    @cached_property
    def header_labels(self) -> re.Pattern[str]:
        """`Label[:] value` for every header label; group `label` and `value`."""
        labels = [
            label
            for key in ("date", "time", "place", "participant", "other")
            for label in self.get("header", f"{key}-labels")
        ]
        alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
        if not alternatives:
            return re.compile(r"(?!)(?P<label>)(?P<value>)")
        pattern = rf"^(?P<label>{alternatives})(?![\w/])\s*:?\s*(?P<value>.*)$"
        return _literal(pattern, re.I, labels)

    def label_kind(self, label: str) -> str:
        folded = _fold(label)
        for key in ("date", "time", "place", "participant"):
            if folded in self.word_set("header", f"{key}-labels"):
                return key
        return "other"

    @cached_property
    def minutes_words(self) -> frozenset[str]:
        return _words(self.get("kind", "minutes"))

    @cached_property
    def agenda_words(self) -> frozenset[str]:
        return _words(self.get("kind", "agenda"))

    # items
    @cached_property
    def item_headings(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("items", "headings"))

    @cached_property
    def raw_item_headings(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("items", "raw-headings"))

    @cached_property
    def item_links(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("items", "links"))

    @cached_property
    def subheading(self) -> re.Pattern[str] | None:
        pattern = self.get("items", "subheading")
        return _regex(pattern) if pattern else None

    # table of contents
    @cached_property
    def toc_headings(self) -> frozenset[str]:
        return _words(self.get("toc", "headings"))

    @cached_property
    def toc_entries(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("toc", "entries"))

    @cached_property
    def toc_leader(self) -> re.Pattern[str] | None:
        pattern = self.get("toc", "leader")
        return _regex(pattern) if pattern else None

    @cached_property
    def toc_skip(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("toc", "skip"))

    # case numbers
    @cached_property
    def number_labels(self) -> re.Pattern[str] | None:
        """Every case, journal and document label with its value (groups case, journal,
        document, value); the value is missing when the label ends the line."""
        groups = []
        for kind, key in (("case", "labels"), ("journal", "journal-labels")):
            groups.append((kind, self.get("case-numbers", key)))
        groups.append(("document", self.get("case-numbers", "document-labels")))
        alternatives = [f"(?P<{kind}>{'|'.join(p)})" for kind, p in groups if p]
        if not alternatives:
            return None
        return _regex(
            rf"(?:{'|'.join(alternatives)})\.?\s*:?\s*(?P<value>[^\s:]+)?",
            re.IGNORECASE,
            [p for _, patterns in groups for p in patterns],
        )

    @cached_property
    def case_number_formats(self) -> tuple[CaseNumberFormat, ...]:
        formats = [
            CaseNumberFormat(f["name"], f["pattern"], f.get("example", ""))
            for f in self.get("case-numbers", "formats")
        ]
        formats += [
            CaseNumberFormat(name, pattern, "") for name, pattern in self.extra_case_numbers
        ]
        return tuple(formats)

    @cached_property
    def case_number(self) -> re.Pattern[str]:
        formats = self.case_number_formats
        if not formats:
            return re.compile(r"(?!)")
        any_format = "|".join(f"(?:{f.pattern})" for f in formats)
        return _regex(any_format, 0, [f.pattern for f in formats])

    def is_case_number(self, value: str) -> bool:
        return self.case_number.fullmatch(value) is not None

    @cached_property
    def journal_number(self) -> re.Pattern[str]:
        """Any of the journal-number formats (a whole value; none given: nothing matches)."""
        patterns = [f["pattern"] for f in self.get("case-numbers", "journal-formats")]
        if not patterns:
            return re.compile(r"(?!)")
        return _regex("|".join(f"(?:{p})" for p in patterns), 0, patterns)

    # sections and decisions
    @cached_property
    def sections(self) -> dict[str, str]:
        """Casefolded heading -> canonical spelling."""
        names = [
            *self.get("sections", "headings"),
            *self.get("decisions", "sections"),
            *self.get("decisions", "history-headings"),
        ]
        return {_fold(name): name for name in names}

    def word_set(self, table: str, key: str) -> frozenset[str]:
        return self._word_sets(table, key)

    @cache  # noqa: B019 - one Layout per profile, kept for the process
    def _word_sets(self, table: str, key: str) -> frozenset[str]:
        return _words(self.get(table, key))

    @cached_property
    def decision_headings(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("decisions", "headings"))

    @cached_property
    def body_line_scan(self) -> tuple[re.Pattern[str], ...]:
        """One pattern for the lines of an item's body that may be more than its text but
        for decision headings (a trailer, an attendance, proposal or history line), each
        matched at the line's start: a line it does not match is text to all of them."""
        keys = ("end-lines", "attendance-lines", "proposal-lines", "history-lines")
        parts = [p for key in keys for p in self.get("decisions", key)]
        separate = tuple(
            p
            for p in (
                *self.decision_end_lines,
                self.attendance_line,
                self.proposal_line,
                *self.history_lines,
            )
            if p is not None
        )
        return _joined(parts, separate, parts)

    @cached_property
    def decision_scan(self) -> tuple[re.Pattern[str], ...]:
        """The decision headings as one pattern (several when they cannot be joined)."""
        parts = self.get("decisions", "headings")
        return _joined(parts, self.decision_headings, parts)

    @cached_property
    def decision_next_line(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("decisions", "next-line"))

    @cached_property
    def decision_end_lines(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("decisions", "end-lines"))

    @cached_property
    def attendance_line(self) -> re.Pattern[str] | None:
        return _one(self.get("decisions", "attendance-lines"))

    @cached_property
    def proposal_line(self) -> re.Pattern[str] | None:
        return _one(self.get("decisions", "proposal-lines"))

    @cached_property
    def history_lines(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("decisions", "history-lines"))

    @cached_property
    def closed_prefix(self) -> re.Pattern[str] | None:
        prefixes = sorted(self.get("closed", "prefixes"), key=len, reverse=True)
        if not prefixes:
            return None
        # `Lukket: Title`, or `Lukket - Title` as some exports write it
        pattern = rf"(?:{'|'.join(map(re.escape, prefixes))})\s*(?::|[-–]\s)\s*"
        return _literal(pattern, re.IGNORECASE, prefixes)

    @cached_property
    def closed_suffix(self) -> re.Pattern[str] | None:
        suffixes = sorted(self.get("closed", "suffixes"), key=len, reverse=True)
        if not suffixes:
            return None
        pattern = rf"\s*(?:{'|'.join(map(re.escape, suffixes))})\s*$"
        return _literal(pattern, re.IGNORECASE, suffixes)

    @cached_property
    def line_scan(self) -> tuple[re.Pattern[str], ...]:
        """One pattern for the lines the walker must look at twice (item headings, page
        furniture, group headings): one match call per line finds them all. Several
        patterns when they cannot be joined (a back-reference to a named group)."""
        parts = [
            *self.get("items", "headings"),
            *self.get("furniture", "lines"),
            *(f"(?i:{p.pattern})" for p in self.group_heading),
        ]
        separate = (*self.item_headings, *self.furniture, *self.group_heading)
        own = [
            *self.get("items", "headings"),
            *self.get("furniture", "lines"),
            *self.get("closed", "closed-groups"),
            *self.get("closed", "open-groups"),
        ]
        return _joined(parts, separate, own)

    @cached_property
    def group_heading(self) -> tuple[re.Pattern[str], ...]:
        """Candidates for closed and open group headings (confirmed by the word lists)."""
        words = [*self.get("closed", "closed-groups"), *self.get("closed", "open-groups")]
        if not words:
            return ()
        alternatives = "|".join(re.escape(" ".join(w.split())) for w in words)
        return (_literal(rf"(?:{alternatives})\s*:?$", re.IGNORECASE, words),)

    @cached_property
    def furniture(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("furniture", "lines"))


def _joined(
    parts: Sequence[str], separate: tuple[re.Pattern[str], ...], own: Sequence[str]
) -> tuple[re.Pattern[str], ...]:
    """`parts` as one alternation matched at a line's start (group names dropped), or the
    `separate` patterns when they cannot be joined: a back-reference to a named group, or
    `own` patterns or words a project wrote (those run in RE2, one by one). Joined of the
    shipped profiles' own, the compiled form is kept between runs (regex_cache)."""
    if not parts or any("(?P=" in p for p in parts) or not _shipped_pattern(*own):
        return separate
    try:
        return (regex("|".join(f"(?:{_NAMED.sub('(?:', p)})" for p in parts)),)
    except re.error:  # e.g. a pattern with global flags
        return separate
