"""The walker's state and its line classes, shared by the header, TOC and item parts."""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from referat_lint.document.fold import fold as _fold
from referat_lint.document.model import Decision, Section
from referat_lint.document.parse.classify import LineClasses, text_lines
from referat_lint.document.parse.lines import _MASKED, Overlay, _lines_matching, _may_fold_within
from referat_lint.document.slices import Body

if TYPE_CHECKING:
    import re
    from collections.abc import Sequence

    from referat_lint.document.dates import DateMention
    from referat_lint.document.layout import Layout

_Part = TypeVar("_Part", Section, Decision)

# Distinct lines whose classes a layout remembers across files: headings recur, case
# numbers and stray text do not, so past this the memory is emptied and starts again.
_MAX_REMEMBERED_LINES = 20_000
_REMEMBERED_LENGTH = 200  # characters: headings are short


class WalkerBase:
    """The lines as the walker sees them (furniture masked) and the layout's word sets.
    Lines are indexed from 0; fields are 1-based."""

    # Set by the walker once the header is read, before the items.
    meeting_date: DateMention | None = None
    history_before_meeting = False
    group_lines: list[int]

    def __init__(
        self,
        layout: Layout,
        raw: Sequence[str],
        cleaned: list[str] | Overlay,
        standard_items: Sequence[str] | None,
    ) -> None:
        self.layout = layout
        self.raw = raw
        self.view: list[str | None] | Overlay = (
            cleaned.copy() if isinstance(cleaned, Overlay) else list(cleaned)
        )
        # Item headings, furniture and group headings, found in one pass over the lines.
        self.scanned = _lines_matching(layout.line_scan, cleaned)
        titles = (
            layout.get("standard-items", "titles") if standard_items is None else standard_items
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
        self.inline = layout.get("sections", "inline")
        self.max_decision = layout.get("decisions", "max-length")
        self.own_paragraph = layout.get("decisions", "own-paragraph")
        self._mask_furniture()
        # A big text's view: an item's parts hold their lines as a Body over it.
        self.overlay = self.view if isinstance(self.view, Overlay) else None
        # Each line classified once: True for a line that is text to every class of an
        # item's body (the state machine appends it without asking them again).
        self.text_lines = text_lines(
            self.view,
            layout,
            max(self.max_section, self.empty_length),
            self.inline,
        )
        self._classes: dict[str, LineClasses] = layout.line_memo
        if len(self._classes) > _MAX_REMEMBERED_LINES:
            self._classes.clear()

    def bodied(self, part: _Part) -> _Part:
        """`part` (a new section or decision), for a big text with its lines a Body."""
        if self.overlay is not None:
            part.body = Body(self.overlay)
        return part

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
        window = self.layout.get("furniture", "repeated-window")
        if not marks or not window:
            return
        # The page header: the first page's opening lines, recurring next to a page mark
        # (their first occurrence is the document's own header and stays).
        first: dict[str, int] = {}
        for i, line in enumerate(islice(view, marks[0] + 1)):
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

    def line_classes(self, line: str) -> LineClasses:
        """What `line` is to each class of an item's body, asked once per distinct line of
        the files read with this layout (`Beslutning` recurs in every item of every file):
        its words and the layout alone decide it."""
        known = self._classes.get(line)
        if known is None:
            layout = self.layout
            attendance, proposal = layout.attendance_line, layout.proposal_line
            section = self.section_name(line)
            known = LineClasses(
                empty=len(line) <= self.empty_length and line.casefold() in self.empty,
                end=any(p.match(line) for p in layout.decision_end_lines),
                attendance=bool(attendance and attendance.match(line)),
                proposal=bool(proposal and proposal.match(line)),
                decision=self.decision_match(line),
                section=section,
                section_key=_fold(section[0]) if section else "",
                history=self.is_history_line(line),
            )
            if len(line) <= _REMEMBERED_LENGTH:  # a long line is not kept past its file
                self._classes[line] = known
        return known

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
