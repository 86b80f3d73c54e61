"""Text to Document: one generic walker, driven by a layout profile (lint/layouts/*.toml).

The file's layout is chosen by scoring every profile on its opening lines and headings (or
forced by the config); the walker then reads the header, the table of contents and the
items as that profile says, with no layout-specific code. Markdown is a surface, removed
line by line (`clean`) and recorded on the document. The parser never raises: what it
cannot place it leaves out, and a text no layout fits is marked as not minutes, so the
structure rules stay quiet on it.
"""

from __future__ import annotations

import bisect
import re
from itertools import islice, pairwise
from typing import TYPE_CHECKING

from .dates import DateMention, find_date
from .document import (
    Decision,
    Document,
    Field,
    Header,
    Item,
    Section,
    SubHeading,
    Text,
    TocEntry,
)
from .layout import Layout, by_name, load_layouts
from .patterns import MD_HEADING, SUPERSCRIPT, TAG, is_element

if TYPE_CHECKING:
    from collections.abc import Sequence

_EMPHASIS = re.compile(r"\*\*|__")
_MARKUP = re.compile(r"[#*_^<]")

_TIME = re.compile(r"\bkl\.?\s*(\d{1,2}[:.]\d{2})")
# A line that looks like a case number but matches no known format (new dialect: the
# first line under the heading): digits with separators, maybe a short prefix or suffix.
_NUMBER_LIKE = re.compile(r"[A-ZÆØÅ]{0,6}[-/]?\d[\d\-/.]*[\dA-Z]?")
_MIN_DIGITS = 4


def clean(line: str) -> str:
    """A line without Markdown, HTML tags and superscript residue, whitespace folded."""
    if _MARKUP.search(line) is None:  # most lines: skip four substitutions
        return " ".join(line.split())
    line = MD_HEADING.sub("", line)
    line = _EMPHASIS.sub("", line)
    line = SUPERSCRIPT.sub(r"\g<content>", line)
    line = TAG.sub(_drop_element, line)
    return " ".join(line.split())


def _drop_element(tag: re.Match[str]) -> str:
    return "" if is_element(tag) else tag[0]


_WORD = re.compile(r"\w+")
_QUOTES = '"„“”«»'
_QUOTE_OPENERS = _QUOTES + ">"
_JOINERS = ("og ", "eller ", "samt ", "& ")  # "Børne-" / "og Ungeudvalget": a suspended hyphen
# Words no title ends with: a title line ending with one was wrapped, whatever comes next.
_DANGLING = frozenset(
    {"af", "at", "for", "fra", "i", "med", "mod", "og", "om", "på", "samt", "til", "ved"}
    | {"eller", "&"}
)
_MASKED = None  # a masked line (page furniture) in the walker's view of the text
_MAX_TOC_LINES = 6  # a TOC entry wraps onto at most this many lines


def parse(
    text: Text,
    layouts: Sequence[Layout] | None = None,
    *,
    layout: str | None = None,
    kind: str | None = None,
    standard_items: Sequence[str] | None = None,
) -> Document:
    """Parse minutes with the layout that fits best (or the one named by `layout`)."""
    layouts = load_layouts() if layouts is None else layouts
    raw = text.lines
    cleaned = [clean(line) for line in raw]
    markup = "markdown" if MD_HEADING.search(text.text) else "plain"
    if markup == "markdown":
        _blank_code_blocks(cleaned)
    chosen = by_name(layouts, layout) if layout else detect(text, cleaned, layouts)
    if chosen is None:
        return Document(text, Header(), [], [], None, kind or "minutes", markup)
    return _Walker(chosen, raw, cleaned, standard_items).document(text, markup, kind)


_FENCE = re.compile(r" {0,3}(?:```|~~~)")


def _blank_code_blocks(cleaned: list[str]) -> None:
    """Markdown's fenced code blocks quote text literally: a `Punkt 4: ...` shown as an
    example there is no item heading, so the walker sees those lines as blank."""
    fenced = False
    for i, line in enumerate(cleaned):
        if _FENCE.match(line):
            fenced = not fenced
            cleaned[i] = ""
        elif fenced:
            cleaned[i] = ""


def _lines_matching(patterns: Sequence[re.Pattern[str]], lines: Sequence[str | None]) -> list[int]:
    """0-based numbers of the lines where one of `patterns` matches: one C-level match
    call per line and pattern (most layouts have one or two)."""
    found: set[int] = set()
    for pattern in patterns:
        match = pattern.match
        found.update(i for i, line in enumerate(lines) if line and match(line))
    return sorted(found)


def _opening(cleaned: list[str], count: int) -> list[str]:
    lines = []
    for line in cleaned:
        if line:
            lines.append(line)
            if len(lines) >= count:
                break
    return lines


def detect(text: Text, cleaned: list[str], layouts: Sequence[Layout]) -> Layout | None:
    """The layout that fits best: an item heading found (and its signature, when it asks
    for one), then the score of its opening and signature patterns, then its priority. The
    whole text is read, not a window of lines (blank lines or a long table of contents
    before the first item must not hide it); a heading scan stops at its first heading."""
    joined = "\n" + "\n".join(cleaned)  # see Layout.heading_scan
    raw_text = ""
    openings: dict[int, list[str]] = {}
    best, best_key = None, None
    for layout in layouts:
        # The signature first: its patterns are few and specific, while item headings
        # (`1. Title`) are generic and a scan that finds none reads every line.
        size = layout.get("detect", "opening-lines", 25)
        if size not in openings:
            openings[size] = _opening(cleaned, size)
        opening = openings[size]
        score = 10 * sum(any(p.match(line) for line in opening) for p in layout.detect_opening)
        score += 5 * sum(p.search(joined) is not None for p in layout.detect_lines)
        if score < layout.get("detect", "min-signature", 0):
            continue
        if not raw_text and layout.raw_item_headings:
            raw_text = "\n" + "\n".join(text.lines)  # see Layout.heading_scan
        if not _count_headings(layout, joined, raw_text):
            continue
        key = (score, layout.get("detect", "priority", 0))
        if best_key is None or key > best_key:
            best, best_key = layout, key
    return best


def _count_headings(layout: Layout, joined: str, raw_text: str, cap: int = 1) -> int:
    count = 0
    for pattern, on_raw in layout.heading_scan:
        for _ in pattern.finditer(raw_text if on_raw else joined):
            count += 1
            if count >= cap:
                return count
    return count


def _field(raw_line: str, value: str, line: int) -> Field:
    column = raw_line.find(value)
    return Field(value, line, column + 1 if column >= 0 else 1)


def _fold(line: str) -> str:
    return line.rstrip(":").strip().casefold()


def _may_fold_within(text: str, length: int) -> bool:
    """Whether `_fold(text)` can be at most `length` long. It removes only colons and
    whitespace at the ends, and casefolding never shortens: a longer text without them
    cannot (most lines of an item are far longer than any section name)."""
    return len(text) <= length or text[-1] == ":" or text[-1].isspace() or text[0].isspace()


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


class _Walker:
    """Reads one text as one layout says. Lines are indexed from 0; fields are 1-based."""

    def __init__(
        self,
        layout: Layout,
        raw: list[str],
        cleaned: list[str],
        standard_items: Sequence[str] | None,
    ) -> None:
        self.layout = layout
        self.raw = raw
        self.view: list[str | None] = list(cleaned)
        # Item headings, furniture and group headings, found in one pass over the lines.
        self.scanned = _lines_matching(layout.line_scan, cleaned)
        titles = (
            layout.get("standard-items", "titles", []) if standard_items is None else standard_items
        )
        self.standard = {_fold(str(t)).rstrip(".") for t in titles}
        self.sections = layout.sections
        self.max_section = max(map(len, self.sections), default=0)
        self.value_sections = layout.word_set("sections", "value-sections")
        self.header_sections = layout.word_set("sections", "header-sections")
        self.attachment_sections = layout.word_set("sections", "attachment-sections")
        self.history_sections = layout.word_set("decisions", "history-headings")
        self.decision_sections = layout.word_set("decisions", "sections")
        self.open_markers = layout.word_set("closed", "open-markers")
        self.closed_markers = layout.word_set("closed", "closed-markers")
        self.closed_groups = layout.word_set("closed", "closed-groups")
        self.open_groups = layout.word_set("closed", "open-groups")
        self.empty = layout.word_set("decisions", "empty")
        self.empty_length = max((len(e) for e in self.empty), default=-1)
        self.inline = layout.get("sections", "inline", False)
        self.max_decision = layout.get("decisions", "max-length", 120)
        self.own_paragraph = layout.get("decisions", "own-paragraph", True)
        self._mask_furniture()

    # furniture
    def _mask_furniture(self) -> None:
        patterns = self.layout.furniture
        if not patterns:
            return
        view = self.view
        marks = [
            i for i in self.scanned if (line := view[i]) and any(p.match(line) for p in patterns)
        ]
        for i in marks:
            view[i] = _MASKED
        window = self.layout.get("furniture", "repeated-window", 0)
        if not marks or not window:
            return
        # The page header: the first page's opening lines, recurring next to a page mark
        # (their first occurrence is the document's own header and stays).
        first: dict[str, int] = {}
        for i, line in enumerate(view[: marks[0] + 1]):
            if line and line not in first:
                first[line] = i
                if len(first) >= 8:
                    break
        # Only the run of such lines next to the mark (blank lines between allowed): a line of
        # text that happens to repeat a cover line (`Fraværende: ...`) is not masked.
        for mark in marks:
            for step in (-1, 1):
                i = mark + step
                while 0 <= i < len(view) and abs(i - mark) <= window:
                    line = view[i]
                    if line:
                        if first.get(line, i) >= i or self._keeps(i, line):
                            break
                        view[i] = _MASKED
                    i += step

    def _keeps(self, i: int, line: str) -> bool:
        """Line `i` is an item heading, decision heading or case number: never furniture."""
        label = self.label_match(line)
        return bool(
            self.item_heading(i)
            or self.decision_match(line)
            or self.layout.is_case_number(line)
            or (label and label.groupdict().get("value"))
        )

    # line classes
    def item_heading(self, i: int) -> tuple[str, str] | None:
        """(number, title) when line `i` heads an item."""
        line = self.view[i]
        if not line:
            return None
        for pattern in self.layout.item_headings:
            match = pattern.match(line)
            if match:
                return match["number"], (match.groupdict().get("title") or "").strip()
        for pattern in self.layout.raw_item_headings:
            match = pattern.match(self.raw[i].rstrip())
            if match:
                title = match.groupdict().get("title") or ""
                return match["number"], " ".join(title.split())
        return None

    def section_name(self, line: str) -> tuple[str, str] | None:
        """(canonical name, inline text) of a section heading line."""
        if _may_fold_within(line, self.max_section):
            name = self.sections.get(_fold(line))
            if name:
                return name, ""
        if self.inline and ":" in line:
            head, _, rest = line.partition(":")
            if _may_fold_within(head, self.max_section):
                name = self.sections.get(_fold(head))
                if name:
                    return name, rest.strip()
        return None

    def decision_match(self, line: str) -> re.Match[str] | None:
        if len(line) > self.max_decision:
            return None
        for pattern in self.layout.decision_headings:
            match = pattern.match(line)
            if match:
                return match
        return None

    def is_marker(self, line: str) -> bool:
        folded = _fold(line)
        return folded in self.open_markers or folded in self.closed_markers

    def is_group(self, line: str) -> bool:
        folded = _fold(line)
        return folded in self.closed_groups or folded in self.open_groups

    def is_history_line(self, line: str) -> bool:
        return any(p.match(line) for p in self.layout.history_lines)

    def label_match(self, line: str) -> re.Match[str] | None:
        labels = self.layout.number_labels
        return labels.match(line) if labels else None

    def is_structural(self, i: int) -> bool:
        """Whether line `i` is a known part of an item's layout (so not a wrapped title)."""
        line = self.view[i]
        if not line:
            return True
        subheading = self.layout.subheading
        return bool(
            self.item_heading(i)
            or self.section_name(line)
            or self.decision_match(line)
            or self.layout.is_case_number(line)
            or self.label_match(line)
            or self.is_marker(line)
            or self.is_group(line)
            or self.is_history_line(line)
            or any(p.match(line) for p in self.layout.decision_end_lines)
            or (subheading and subheading.match(line))
        )

    # the document
    def document(self, text: Text, markup: str, kind: str | None) -> Document:
        view = self.view
        candidates = set(self.scanned)
        if self.layout.raw_item_headings:
            raw = [
                r.rstrip() if v is not _MASKED else None
                for r, v in zip(self.raw, view, strict=True)
            ]
            candidates.update(_lines_matching(self.layout.raw_item_headings, raw))
        starts = [i for i in sorted(candidates) if view[i] and self.item_heading(i)]
        if self.layout.get("items", "first-section", []):
            starts = [i for i in starts if self._opens_with_section(i)]
        heading_like = starts
        own_paragraph = self.layout.get("items", "own-paragraph", False)
        if own_paragraph:
            candidates, starts = set(starts), []
            for i in sorted(candidates):
                if self._heading_may_stand(i, candidates, starts):
                    starts.append(i)
        toc_index = None
        limit = starts[0] if starts else len(view)
        toc_headings = self.layout.toc_headings
        for i in range(limit):
            if (line := view[i]) and _fold(line) in toc_headings:
                toc_index = i
                break
        toc: list[TocEntry] = []
        toc_end = 0
        if toc_index is not None:
            toc, toc_end = self._toc(toc_index + 1, starts)
            starts = [s for s in starts if s >= toc_end]
        if self.layout.get("items", "ascending", False):
            listed = {(e.number, _fold(e.title)) for e in toc if e.number}
            starts = self._ascending(
                [i for i in heading_like if i >= toc_end], own_paragraph, listed
            )
        header_end = toc_index if toc_index is not None else (starts[0] if starts else len(view))
        header = self._header(header_end)
        self.meeting_date = _meeting_date(header)
        self.history_before_meeting = (
            self.layout.get("decisions", "history-before-meeting", False)
            or (kind or self._kind_from_words(header_end)) == "agenda"
        )
        self.group_lines = [i for i in self.scanned if (line := view[i]) and self.is_group(line)]
        items = self._items(starts, toc_end)
        _mark_groups(items)
        document = Document(
            text=text,
            header=header,
            toc=toc,
            items=items,
            layout=self.layout.name,
            markup=markup,
            case_number_examples=tuple(
                f.example for f in self.layout.case_number_formats if f.example
            ),
            case_numbers_required=self.layout.get("case-numbers", "required", True),
        )
        document.kind = kind or self._kind(header_end, items)
        return document

    def _kind_from_words(self, header_end: int) -> str | None:
        """The kind the opening lines name (the first line with a kind word), or None."""
        minutes, agenda = self.layout.minutes_words, self.layout.agenda_words
        for line in _opening([v or "" for v in self.view[:header_end]], 40):
            words = {w.casefold() for w in _WORD.findall(line)}
            if words & minutes:
                return "minutes"
            if words & agenda:
                return "agenda"
        return None

    def _kind(self, header_end: int, items: list[Item]) -> str:
        named = self._kind_from_words(header_end)
        if named is not None:
            return named
        if items and not any(item.decision or item.history for item in items):
            return "agenda"
        return "minutes"

    def _header(self, end: int) -> Header:
        header = Header()
        labels = self.layout.header_labels
        participants: list[str] = []  # the list may wrap, even mid-name, onto more lines
        current: str | None = None  # the label whose value may continue on the next line
        view, raw = self.view, self.raw
        title_patterns = self.layout.title_patterns
        titled = False
        skip = 0  # the lines of a title split one word a line
        fallback: Field | None = None
        for i in range(end):
            line = view[i]
            if i < skip:
                continue
            if not line:
                if line is not None and not (current or "").startswith("pending:"):
                    current = None
                continue
            if not titled and title_patterns:
                skip = self._title_at(header, i, end)
                if skip:
                    titled = True
                    continue
            match = labels.match(line)
            if match:
                current = self._header_value(header, match["label"], match["value"], raw[i], i)
                if current == "participant":
                    participants.append(match["value"])
                continue
            if current and current.startswith("pending:"):
                current = self._header_value(header, current[8:], line, raw[i], i)
                if current == "participant":
                    participants.append(line)
                continue
            if current == "participant":
                participants.append(line)
                continue
            if fallback is None:
                fallback = _field(raw[i], line, i + 1)
        if header.title is None:
            header.title = fallback
        header.participants = [n.strip() for n in " ".join(participants).split(",") if n.strip()]
        return header

    def _title_at(self, header: Header, i: int, end: int) -> int:
        """Read the title when line `i` is one: the line after it, or 0."""
        split = self._split_title(header, i, end)
        if split:
            return split
        line = self.view[i] or ""
        match = next((m for p in self.layout.title_patterns if (m := p.match(line))), None)
        if match is None:
            return 0
        self._title(header, match, self.raw[i], line, i + 1)
        if header.body is None:
            header.body = self._body_line(i, end)
        return i + 1

    def _split_title(self, header: Header, i: int, end: int) -> int:
        """A title split one word or phrase a line (`Referat` / `til` / `mødet i` /
        `Miljøudvalget` / `den` / `14. april 2016 kl. 16:00`): read as one line when the
        joined lines match a title naming the body. Returns the line after it, or 0."""
        view = self.view
        first = view[i] or ""
        if _fold(first) not in self.layout.minutes_words | self.layout.agenda_words:
            return 0
        j = i + 1
        while (
            j < min(end, i + _MAX_SPLIT_TITLE)
            and (piece := view[j])
            and len(piece) <= 40
            and not _LABEL.match(piece)  # `Mødedato: …` is a field, not part of the title
        ):
            j += 1
        if j - i < 3:
            return 0
        for stop in range(j, i + 2, -1):  # the place may follow on the title's last lines
            joined = " ".join(view[k] or "" for k in range(i, stop))
            match = next((m for p in self.layout.title_patterns if (m := p.match(joined))), None)
            if match and match.groupdict().get("body"):
                j = stop
                header.title = _field(self.raw[i], first, i + 1)
                header.body = match["body"]
                date = match.groupdict().get("date")
                if date:
                    k = next((k for k in range(i, j) if date.split()[0] in (view[k] or "")), i)
                    header.title_date = _field(self.raw[k], date, k + 1)
                return j
        return 0

    def _body_line(self, title: int, end: int) -> str | None:
        """The committee on its own line next to a bare `Referat` title line, when the layout
        says where (`[header] body-line`)."""
        where = self.layout.get("header", "body-line", "")
        if not where:
            return None
        step = -1 if where == "before" else 1
        i = title + step
        while 0 <= i < end and not self.view[i]:
            i += step
        if not 0 <= i < end:
            return None
        line = self.view[i] or ""
        return None if self.layout.header_labels.match(line) else line

    def _title(
        self, header: Header, match: re.Match[str], raw_line: str, line: str, number: int
    ) -> None:
        header.title = _field(raw_line, line, number)
        groups = match.groupdict()
        header.body = groups.get("body")
        if groups.get("date"):
            header.title_date = _field(raw_line, groups["date"], number)

    def _header_value(self, header: Header, label: str, value: str, raw_line: str, i: int) -> str:
        """Record a header label's value; the state for the next line."""
        kind = self.layout.label_kind(label)
        if not value:
            return f"pending:{label}"
        if kind == "date" and header.date is None:
            header.date = _field(raw_line, value, i + 1)
            time = _TIME.search(value)
            header.time = time.group(1) if time else header.time
        elif kind == "time" and header.time is None:
            time = _TIME.search(value) or re.search(r"(\d{1,2}[:.]\d{2})", value)
            header.time = time.group(1) if time else value
        elif kind == "place" and header.place is None:
            header.place = _field(raw_line, value, i + 1)
        return kind

    # table of contents
    def _toc(self, start: int, starts: list[int]) -> tuple[list[TocEntry], int]:
        """The entries from `start` up to the first item heading that is not itself an
        entry (layouts whose entries look like headings: `3. Title 7`), and where it ends."""
        layout, view = self.layout, self.view
        heading_lines = set(starts)
        entries: list[TocEntry] = []
        pending: list[str] = []
        pending_line = 0
        closed_group = False
        i = start
        while i < len(view):
            line = view[i]
            if line and i in heading_lines and not self._continues_toc(i, entries):
                break
            # A heading repeating an entry's number and title is the first item, even where
            # no blank line lets it head a paragraph (PDF text): the contents end there.
            heading = self.item_heading(i) if line and entries else None
            if heading and any(
                entry.number == heading[0].rstrip(".")
                and _fold(entry.title).startswith(_fold(heading[1]))
                for entry in entries
            ):
                break
            i += 1
            if not line:
                continue
            line = line.removeprefix("- ").strip()
            if self.is_group(line):
                closed_group = _fold(line) in self.closed_groups
                continue
            if any(p.match(line) for p in layout.toc_skip):
                continue
            if not pending:
                pending_line = i
            pending.append(line)
            joined = pending[0]
            for part in pending[1:]:
                joined = join_wrapped(joined, part)
            match = next((m for p in layout.toc_entries if (m := p.match(joined))), None)
            if match:
                groups = match.groupdict()
                page = groups.get("page")
                entries.append(
                    self._toc_entry(
                        match["title"],
                        int(page) if page else None,
                        pending_line,
                        closed_group,
                        groups.get("number"),
                    )
                )
                pending = []
            elif len(pending) >= _MAX_TOC_LINES:
                entries.append(self._toc_entry(pending[0], None, pending_line, closed_group))
                pending = pending[1:]
                pending_line += 1
        if pending:  # a last entry with no page number
            entries.append(self._toc_entry(" ".join(pending), None, pending_line, closed_group))
        return entries, i

    def _opens_with_section(self, i: int) -> bool:
        """Whether one of the layout's `first-section` headings stands within the first
        lines under heading line `i` (blank and masked lines skipped)."""
        wanted = {_fold(str(s)) for s in self.layout.get("items", "first-section", [])}
        reach = self.layout.get("items", "max-title-lines", 4)
        following = (line for line in self.view[i + 1 : i + 1 + 4 * reach] if line)
        return any(_fold(line) in wanted for line in islice(following, reach))

    def _heading_may_stand(self, i: int, candidates: set[int], accepted: list[int]) -> bool:
        """Line `i` starts a paragraph: the file's first line, or after a blank, masked or
        structural line (a numbered list after a sentence is text, not an item, and so is
        the list's next entry)."""
        view = self.view
        j = i - 1
        while j >= 0 and view[j] is _MASKED:
            j -= 1
        if j < 0 or not view[j] or j < i - 1:  # a page break (masked furniture) ends a paragraph
            return True
        if j in candidates:
            return bool(accepted) and accepted[-1] == j
        return self.is_structural(j)

    def _ascending(
        self, lines: list[int], own_paragraph: bool, listed: set[tuple[str, str]]
    ) -> list[int]:
        """The heading-like lines whose numbers rise: a numbered list in an item's text
        restarts at 1 (and with own-paragraph its next entries follow a refused line), the
        items do not. A list that restarted runs on past the item's number (`4.` after
        `3.`): such an entry heads an item only with an item's header or a TOC entry."""
        pool, last = set(lines), None
        accepted: list[int] = []
        run: int | None = None  # the last number of a list that restarted inside an item
        titles: dict[str, list[str]] = {}  # the contents' titles by number
        for listed_number, listed_title in listed:
            titles.setdefault(listed_number, []).append(listed_title)
        for i in lines:
            heading = self.item_heading(i)
            label = heading[0].rstrip(".") if heading else ""
            key = _number_key(label)
            number = key[-1] if key else 0
            continues = run is not None and number == run + 1
            # PDF text has no blank line before a heading: one the contents list (its
            # title maybe wrapped), in sequence, heads its item wherever it stands.
            if (
                own_paragraph
                and not self._heading_may_stand(i, pool, accepted)
                and not (
                    heading
                    and heading[1]
                    and (last is None or key > last)
                    and any(t.startswith(_fold(heading[1])) for t in titles.get(label, ()))
                )
            ):
                run = number if continues or number == 1 else run
                continue
            if last is not None and key <= last:
                run = number if continues or number == 1 else run
                continue
            if continues and not self._heads_item(i, label, heading, listed):
                run = number
                continue
            accepted.append(i)
            last, run = key, None
        return accepted

    def _heads_item(
        self,
        i: int,
        label: str,
        heading: tuple[str, str] | None,
        listed: set[tuple[str, str]],
    ) -> bool:
        """Line `i` has an item's header under it (a case number, label or marker), or the
        table of contents lists it."""
        title = _fold(heading[1]) if heading else ""
        if (label, title) in listed or title.rstrip(".") in self.standard:
            return True
        view = self.view
        following = [j for j in range(i + 1, min(len(view), i + 12)) if view[j]][:3]
        return any(
            self.layout.is_case_number(line := view[j] or "")
            or self.label_match(line)
            or self.is_marker(line)
            for j in following
        )

    def _continues_toc(self, i: int, entries: list[TocEntry]) -> bool:
        """Whether an item-heading-like line is a numbered TOC entry (layouts whose entries
        look like headings): alone or joined with the next two lines it matches an entry,
        and its number is not one the TOC already gave (the first item repeats entry 1)."""
        seen = {e.number for e in entries if e.number}
        view = self.view
        following = [j for j in range(i + 1, min(len(view), i + 8)) if view[j]][:2]
        joined = view[i] or ""
        for j in [None, *following]:
            if j is not None:
                joined = join_wrapped(joined, view[j] or "")
            for pattern in self.layout.toc_entries:
                match = pattern.match(joined)
                if match is None or not match.groupdict().get("number"):
                    continue
                return match["number"].rstrip(".") not in seen
        return False

    def _toc_entry(
        self, title: str, page: int | None, line: int, group: bool, number: str | None = None
    ) -> TocEntry:
        closed, title = self.split_closed(title)
        leader = self.layout.toc_leader
        if leader:
            title = leader.sub("", title)
        return TocEntry(title, closed or group, page, line, number.rstrip(".") if number else None)

    def split_closed(self, title: str) -> tuple[bool, str]:
        """(`Lukket:` before or `(Lukket)` after the title, the title without it)."""
        prefix, suffix = self.layout.closed_prefix, self.layout.closed_suffix
        match = prefix.match(title) if prefix else None
        if match:
            return True, title[match.end() :]
        match = suffix.search(title) if suffix else None
        if match and match.start() > 0:
            return True, title[: match.start()]
        return False, title

    # items
    def _items(self, starts: list[int], position: int) -> list[Item]:
        view = self.view
        items = []
        closed_group = False
        ends = [*starts[1:], len(view)]
        for start, end in zip(starts, ends, strict=False):
            closed_group = self._group_state(position, start, closed_group)
            item, group_line = self._item(start, end, closed_group)
            items.append(item)
            position = group_line if group_line is not None else end
        return items

    def _group_state(self, start: int, end: int, state: bool) -> bool:
        lines = self.group_lines
        for k in range(bisect.bisect_left(lines, start), bisect.bisect_left(lines, end)):
            state = _fold(self.view[lines[k]] or "") in self.closed_groups
        return state

    def _item(self, start: int, end: int, closed_group: bool) -> tuple[Item, int | None]:
        """The item from line `start` to `end` (exclusive), and the first group heading in it
        (which ends it: the heading belongs to the items that follow)."""
        view, layout = self.view, self.layout
        heading = self.item_heading(start)
        assert heading is not None
        label, title = heading
        title_lines = [start + 1]
        j = start + 1
        if not title:  # the title stands on the next line (`Punkt 1` / `Title`)
            while j < end and not view[j]:
                j += 1
            if j < end and not self.is_structural(j):
                title = view[j] or ""
                title_lines.append(j + 1)
                j += 1
        if layout.get("items", "continuation", True):
            max_lines = layout.get("items", "max-title-lines", 4)
            while j < end and len(title_lines) < max_lines:
                if view[j] is _MASKED:
                    j += 1
                    continue
                # A line in lower case continues the title even when it spells a heading
                # (`... forslag til offentlig` / `høring`).
                following = view[j] or ""
                previous = view[title_lines[-1] - 1] or ""
                # `... medlemmer i` / `2014-2018`: a line that looks like a case number goes
                # on with the title after a dangling word, or when a labelled case number
                # follows it (`Sagsnr.: ...`): the item's header holds one, not two.
                dangling = (
                    self.layout.is_case_number(following)
                    and not self.item_heading(j)
                    and (
                        previous.endswith(",")
                        or _last_word(previous) in _DANGLING
                        or self._labelled_next(j, end)
                    )
                )
                if not following[:1].islower() and not dangling and self.is_structural(j):
                    break
                # A sentence under a heading line that had room for its first word is the
                # item's text (PDF text has no blank line between them), not its title.
                words = following.split()
                if (
                    following[:1].isupper()
                    and following.endswith((".", "!", "?"))
                    and len(words) >= 3
                    and len(previous) + len(words[0]) < 64
                ):
                    break
                title = (
                    join_wrapped(title, view[j] or "")
                    if layout.get("items", "hyphen-join", True)
                    else f"{title} {view[j]}".strip()
                )
                title_lines.append(j + 1)
                j += 1
        body_start = j
        k = bisect.bisect_left(self.group_lines, body_start)
        group_line = self.group_lines[k] if k < len(self.group_lines) else None
        if group_line is not None and group_line >= end:
            group_line = None
        if group_line is not None:
            end = group_line
        in_heading = None
        if len(title_lines) == 1:  # `482. Title<TAB>Sagsnr.: 15/10233` on the heading line
            title, in_heading = self._split_heading_number(title)
        closed, title = self.split_closed(title)
        last = end
        while last - 1 > start and not view[last - 1]:
            last -= 1
        parts = label.rstrip(".").split(".")
        item = Item(
            number=int(parts[-1]) if parts[-1].isdigit() else 0,
            label=label.rstrip("."),
            title=title,
            closed=closed or closed_group,
            closed_by="heading" if closed else "group" if closed_group else None,
            line=start + 1,
            end_line=last,
            title_lines=tuple(title_lines),
        )
        item.standard = title.strip().rstrip(".").casefold() in self.standard
        if in_heading is not None:
            kind = next(k for k in ("case", "journal", "document") if in_heading[k])
            self._number(item, kind, in_heading["value"], self.raw[start], start + 1)
        self._body(item, body_start, end)
        return item, group_line

    def _labelled_next(self, j: int, end: int) -> bool:
        """The next non-blank line after `j` (before `end`) gives a case number, labelled
        or bare."""
        view = self.view
        k = j + 1
        while k < end and not view[k]:
            k += 1
        line = view[k] or "" if k < end else ""
        return bool(line) and bool(self.label_match(line) or self.layout.is_case_number(line))

    def _split_heading_number(self, title: str) -> tuple[str, re.Match[str] | None]:
        """A case-number label after the title on the heading line ends the title (a PDF
        export printing the heading and `Sagsnr.:` side by side)."""
        labels = self.layout.number_labels
        match = labels.search(title) if labels else None
        if (
            match is None
            or match.start() == 0
            or title[match.start() - 1] != " "
            or not match["value"]
            or not any(c.isdigit() for c in match["value"])
        ):
            return title, None
        return title[: match.start()].rstrip(), match

    # One state machine over an item's lines, the parser's hot loop: its state lives in
    # locals, and splitting it would cost a call per line and scatter the state.
    def _body(self, item: Item, start: int, end: int) -> None:  # noqa: C901
        view, raw, layout = self.view, self.raw, self.layout
        in_header = True
        expect_value = False
        body: list[tuple[int, str]] | None = None
        in_history = False
        heading_may_stand = True  # after a blank or structural line
        in_quote = False
        pending_label: str | None = None  # a number label that ended its line
        after_number = False  # the last non-blank line gave a case number
        decision_needs_line = False  # a bare decision heading; the next line may name body/date
        first = next((i for i in range(start, end) if view[i]), None)
        end_lines, history_lines = layout.decision_end_lines, layout.history_lines
        attendance, proposals = layout.attendance_line, layout.proposal_line
        in_proposal = proposal_decided = False  # inside a quoted proposal (`Forslag fra ...:`)
        # Bound once: this loop runs for every line of every item.
        empty, empty_length, own_paragraph = self.empty, self.empty_length, self.own_paragraph
        section_name, decision_match = self.section_name, self.decision_match
        wrapped_heading = -1  # the second line of a decision heading wrapped over two
        for i in range(start, end):
            line = view[i]
            if line is _MASKED or i == wrapped_heading:
                continue
            number = i + 1
            if not line:
                heading_may_stand = True
                continue
            if len(line) <= empty_length and line.casefold() in empty:
                heading_may_stand = False
                continue
            if end_lines and any(p.match(line) for p in end_lines):
                body = []  # a trailer (who did not take part): neither decision nor leak
                in_header = False
                heading_may_stand = True
                continue
            if attendance and attendance.match(line):
                heading_may_stand = True  # who was absent: neither decision text nor content
                continue
            if pending_label is not None:
                kind, pending_label = pending_label, None
                value = line.split()[0]
                # An empty label does not take a label, heading or word as its number.
                if any(c.isdigit() for c in value) and not self.label_match(line):
                    self._number(item, kind, value, raw[i], number)
                    after_number = True
                    continue
            if expect_value:  # "Beslutning." under Sagstype is the case type, not a decision
                expect_value = False
                if body is not None:
                    body.append((number, line))
                continue
            if decision_needs_line:
                decision_needs_line = False
                target = item.history[-1] if in_history else item.decisions[-1]
                match = next((m for p in layout.decision_next_line if (m := p.match(line))), None)
                if match:
                    self._decision_facts(target, match, raw[i], number)
                    continue
            if in_quote or line[0] in _QUOTE_OPENERS:
                quoted, in_quote = self._quote_state(line, in_quote)
            else:
                quoted = False
            if proposals and proposals.match(line):
                in_proposal, proposal_decided = True, False
            decision = None if quoted else decision_match(line)
            if (
                (decision is None or not _specific(decision))
                and not quoted
                and ("eslutning" in line or "øde" in line)
                and i + 1 < end
                and (following := view[i + 1])
                and (joined := decision_match(f"{line} {following}")) is not None
                and _specific(joined)
            ):
                # A heading naming body and date, wrapped at the page's width (PDF text).
                decision, wrapped_heading = joined, i + 1
            if decision and in_proposal and not proposal_decided and not _specific(decision):
                # A quoted proposal's own `Beslutning:` label (its first) is its text.
                proposal_decided = True
                decision = None
            # A heading naming its body and date can stand anywhere (PDF text has no blank
            # lines); the generic `Beslutning` only where a heading can stand.
            if decision and own_paragraph and not heading_may_stand and not _specific(decision):
                decision = None
            if decision:
                in_header = in_proposal = False
                if item.decisions and not item.decisions[0].heading:
                    # The closed item's unheaded text was not its only text: not a decision.
                    item.unplaced.extend(item.decisions.pop(0).body)
                if wrapped_heading == i + 1:
                    block = Decision(f"{line} {view[i + 1]}", number)
                    self._decision_facts(block, decision, raw[i], number)
                    if block.date is not None and block.date.value in raw[i + 1]:
                        block.date = _field(raw[i + 1], block.date.value, number + 1)
                else:
                    block = self._new_decision(decision, raw[i], line, number)
                (item.history if in_history else item.decisions).append(block)
                body = block.body
                decision_needs_line = bool(layout.decision_next_line) and not (
                    block.committee or block.date
                )
                heading_may_stand = True
                after_number = False
                continue
            section = section_name(line)
            if section:
                in_quote = in_proposal = False
                name, inline = section
                folded = _fold(name)
                if folded not in self.header_sections:
                    in_header = False
                heading_may_stand = True
                after_number = False
                if folded in self.decision_sections:
                    block = Decision(name, number)
                    (item.history if in_history else item.decisions).append(block)
                    body = block.body
                else:
                    in_history = folded in self.history_sections
                    current = Section(
                        name, number, number, attachments=folded in self.attachment_sections
                    )
                    item.sections.append(current)
                    body = current.body
                    expect_value = folded in self.value_sections
                if inline:
                    body.append((number, inline))
                    heading_may_stand = False
                continue
            if history_lines and self.is_history_line(line):
                block = Decision(line, number)
                item.history.append(block)
                body = block.body
                in_header = False
                heading_may_stand = True
                continue
            if in_header:
                handled = self._header_line(item, raw[i], line, number)
                if handled:
                    after_number = handled == "number"
                    if handled == "pending":
                        pending_label = self._pending_kind
                    heading_may_stand = True
                    continue
            if in_header and i == first and self._looks_like_case_number(line):
                item.case_numbers.append(_field(raw[i], line, number))
                item.malformed_case_numbers.append(item.case_numbers[-1])
                heading_may_stand = True
                after_number = True
                continue
            if (
                (after_number or (i == first and not item.case_numbers))
                and item.closed
                and in_header
                and not item.decisions
                and layout.get("decisions", "closed-unheaded", False)
            ):
                # A closed item's published decision, printed right under its case number.
                block = Decision("", number)
                item.decisions.append(block)
                body = block.body
                in_header = False
            after_number = False
            heading_may_stand = False
            if body is not None:
                body.append((number, line))
            else:
                item.unplaced.append((number, line))
        if layout.item_links:  # searched once in the item's text, not line by line
            text = " ".join(line for line in view[start:end] if line)  # wrapped phrases too
            for pattern in layout.item_links:
                for link in pattern.finditer(text):
                    item.linked.update(_linked_numbers(link["numbers"]))
        for part in item.sections:
            part.end_line = part.body[-1][0] if part.body else part.line
        self._choose_decision(item)

    _pending_kind = "case"

    @staticmethod
    def _quote_state(line: str, in_quote: bool) -> tuple[bool, bool]:
        """(this line is quoted, a quotation is open after it). A quoted passage starts at a
        line opening with a quotation mark it does not close (or a Markdown `>` line) and
        ends at the line with the closing mark, or at the next section heading."""
        marks = sum(line.count(q) for q in _QUOTES)
        if in_quote:
            return True, marks % 2 == 0
        starts = line[0] in _QUOTES or line.startswith(">")
        return starts, starts and marks % 2 == 1

    def _new_decision(
        self, match: re.Match[str], raw_line: str, line: str, number: int
    ) -> Decision:
        block = Decision(line, number)
        self._decision_facts(block, match, raw_line, number)
        return block

    @staticmethod
    def _decision_facts(block: Decision, match: re.Match[str], raw_line: str, number: int) -> None:
        groups = match.groupdict()
        if groups.get("body"):
            block.committee = groups["body"]
        if groups.get("date"):
            block.date = _field(raw_line, groups["date"], number)

    def _choose_decision(self, item: Item) -> None:
        """This meeting's decision: of several decision blocks, the last one dated the
        meeting's date; the others are the case's history (Acadre prints them all)."""
        meeting = self.meeting_date
        if item.decisions and meeting is not None:
            # Blocks dated before the meeting beside another block are the case's history
            # in every layout; alone, only where the layout (or an agenda) says so.
            earlier = [d for d in item.decisions if _dated_before(d, meeting)]
            if len(earlier) < len(item.decisions) or self.history_before_meeting:
                item.history.extend(earlier)
                item.decisions = [d for d in item.decisions if d not in earlier]
        if not item.decisions:
            return
        chosen = item.decisions[-1]
        if len(item.decisions) > 1 and self.meeting_date is not None:
            dated = [
                d
                for d in item.decisions
                if d.date
                and (m := find_date(d.date.value))
                and m.valid
                and m.agrees(self.meeting_date)
            ]
            other_dates = [d for d in item.decisions if d.date and d not in dated]
            if dated and other_dates:
                chosen = dated[-1]
                item.history.extend(d for d in item.decisions if d is not chosen)
                item.decisions = [chosen]
        item.decision = chosen

    meeting_date: DateMention | None = None
    history_before_meeting = False

    @staticmethod
    def _looks_like_case_number(line: str) -> bool:
        return bool(_NUMBER_LIKE.fullmatch(line)) and sum(c.isdigit() for c in line) >= _MIN_DIGITS

    def _number(self, item: Item, kind: str, value: str, raw_line: str, number: int) -> None:
        target = (
            item.document_numbers
            if kind == "document"
            else item.journal_numbers
            if kind == "journal"
            else item.case_numbers
        )
        target.append(_field(raw_line, value, number))
        if target is item.case_numbers and not self.layout.is_case_number(value):
            item.malformed_case_numbers.append(target[-1])

    def _header_line(self, item: Item, raw_line: str, line: str, number: int) -> str | None:
        """Record a case-number, journal-number, marker or sub-heading line: what it was."""
        layout = self.layout
        labels = list(layout.number_labels.finditer(line)) if layout.number_labels else []
        if labels:
            found = None
            for label in labels:
                kind = next(k for k in ("case", "journal", "document") if label[k])
                if label["value"]:
                    self._number(item, kind, label["value"], raw_line, number)
                    found = "number"
                elif label.end() >= len(line.rstrip(" :.")):
                    self._pending_kind = kind
                    return "pending"
            return found or "label"
        if layout.get("case-numbers", "bare", True) and layout.is_case_number(line):
            item.case_numbers.append(_field(raw_line, line, number))
            return "number"
        if self.is_marker(line):
            if _fold(line) in self.closed_markers and not item.closed:
                item.closed, item.closed_by = True, "marker"
            return "marker"
        sub = layout.subheading.match(line) if layout.subheading else None
        if sub and item.subheading is None:
            groups = sub.groupdict()
            digits = groups.get("number") or ""
            item.subheading = SubHeading(
                line, number, 1, int(digits) if digits.isdigit() else 0, groups.get("title") or ""
            )
            return "subheading"
        return None


_MAX_SPLIT_TITLE = 8  # lines of a title split one word a line
_LABEL = re.compile(r"[^\d:]+:(?:\s|$)")  # a header field's label, not a clock time
_MAX_LINKED = 200  # a range `3-8` names at most this many items
_RANGE = re.compile(r"(\d+)(?:\s*[-–]\s*(\d+))?")


def _linked_numbers(numbers: str) -> set[int]:
    """The item numbers in `3-8`, `3, 4 og 5`."""
    found: set[int] = set()
    for low, high in _RANGE.findall(numbers):
        top = int(high) if high else int(low)
        found.update(range(int(low), min(top, int(low) + _MAX_LINKED) + 1))
    return found


def _specific(match: re.Match[str]) -> bool:
    """A decision heading that names both the body and the date."""
    groups = match.groupdict()
    return bool(groups.get("body") and groups.get("date"))


def _dated_before(decision: Decision, meeting: DateMention) -> bool:
    mention = find_date(decision.date.value) if decision.date else None
    return bool(
        mention is not None
        and mention.valid
        and mention.date is not None
        and meeting.date is not None
        and mention.date < meeting.date
    )


def _mark_groups(items: list[Item]) -> None:
    """An item whose only content is its sub-items (`2` over `2.1`, `2.2`) is a group."""
    for item, following in pairwise(items):
        if following.parent == item.label and not (
            item.case_numbers
            or item.decisions
            or item.history
            or item.unplaced
            or any(section.body for section in item.sections)
        ):
            item.group = True


def _meeting_date(header: Header) -> DateMention | None:
    """The meeting's date (Mødedato, else the title's), or None."""
    for field in (header.date, header.title_date):
        mention = find_date(field.value) if field else None
        if mention is not None and mention.valid and mention.date is not None:
            return mention
    return None


def _number_key(number: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in number.split("."))
