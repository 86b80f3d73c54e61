"""The item part of the walker: an item's heading, title, numbers, sections and decisions."""

from __future__ import annotations

import bisect
import re
from enum import Enum, auto
from itertools import pairwise

from referat_lint.document.fold import fold as _fold
from referat_lint.document.model import Decision, Item, Section, SubHeading
from referat_lint.document.parse.decisions import DecisionsPart, _specific
from referat_lint.document.parse.lines import _MASKED, _field, join_wrapped

# A line that looks like a case number but matches no known format (new dialect: the
# first line under the heading): digits with separators, maybe a short prefix or suffix.
_NUMBER_LIKE = re.compile(r"[A-ZÆØÅ]{0,6}[-/]?\d[\d\-/.]*[\dA-Z]?")
_MIN_DIGITS = 4
_QUOTES = '"„“”«»'
_QUOTE_OPENERS = _QUOTES + ">"
_MAX_LINKED = 200  # a range `3-8` names at most this many items
_RANGE = re.compile(r"(\d+)(?:\s*[-–]\s*(\d+))?")


class _Line(Enum):
    """What an item's header line was."""

    NUMBER = auto()  # a case, journal or document number
    PENDING = auto()  # a number label whose number is on the next line
    LABEL = auto()  # a number label without a number
    MARKER = auto()  # an open or closed marker
    SUBHEADING = auto()


class ItemsPart(DecisionsPart):
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
        view = self.view
        heading = self.item_heading(start)
        assert heading is not None
        label, title = heading
        title, title_lines, body_start = self._item_title(start, end, title)
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

    def _item_title(self, start: int, end: int, title: str) -> tuple[str, list[int], int]:
        """The item's title, which may stand on the next line or wrap onto more lines, the
        1-based numbers of its lines, and the line where the body starts."""
        view, layout = self.view, self.layout
        title_lines = [start + 1]
        j = start + 1
        if not title:  # the title stands on the next line (`Punkt 1` / `Title`)
            while j < end and not view[j]:
                j += 1
            if j < end and not self.is_structural(j):
                title = view[j] or ""
                title_lines.append(j + 1)
                j += 1
        if layout.get("items", "continuation"):
            max_lines = layout.get("items", "max-title-lines")
            while j < end and len(title_lines) < max_lines:
                if view[j] is _MASKED:
                    j += 1
                    continue
                # A line in lower case continues the title even when it spells a heading
                # (`... forslag til offentlig` / `høring`).
                following = view[j] or ""
                if not following[:1].islower() and self.is_structural(j):
                    break
                title = (
                    join_wrapped(title, view[j] or "")
                    if layout.get("items", "hyphen-join")
                    else f"{title} {view[j]}".strip()
                )
                title_lines.append(j + 1)
                j += 1
        return title, title_lines, j

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
        for i in range(start, end):
            line = view[i]
            if line is _MASKED:
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
                    after_number = handled is _Line.NUMBER
                    if handled is _Line.PENDING:
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
                and layout.get("decisions", "closed-unheaded")
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

    def _header_line(self, item: Item, raw_line: str, line: str, number: int) -> _Line | None:
        """Record a case-number, journal-number, marker or sub-heading line: what it was."""
        layout = self.layout
        labels = list(layout.number_labels.finditer(line)) if layout.number_labels else []
        if labels:
            found: _Line | None = None
            for label in labels:
                kind = next(k for k in ("case", "journal", "document") if label[k])
                if label["value"]:
                    self._number(item, kind, label["value"], raw_line, number)
                    found = _Line.NUMBER
                elif label.end() >= len(line.rstrip(" :.")):
                    self._pending_kind = kind
                    return _Line.PENDING
            return found or _Line.LABEL
        if layout.get("case-numbers", "bare") and layout.is_case_number(line):
            item.case_numbers.append(_field(raw_line, line, number))
            return _Line.NUMBER
        if self.is_marker(line):
            if _fold(line) in self.closed_markers and not item.closed:
                item.closed, item.closed_by = True, "marker"
            return _Line.MARKER
        sub = layout.subheading.match(line) if layout.subheading else None
        if sub and item.subheading is None:
            groups = sub.groupdict()
            digits = groups.get("number") or ""
            item.subheading = SubHeading(
                line, number, 1, int(digits) if digits.isdigit() else 0, groups.get("title") or ""
            )
            return _Line.SUBHEADING
        return None


def _linked_numbers(numbers: str) -> set[int]:
    """The item numbers in `3-8`, `3, 4 og 5`."""
    found: set[int] = set()
    for low, high in _RANGE.findall(numbers):
        top = int(high) if high else int(low)
        found.update(range(int(low), min(top, int(low) + _MAX_LINKED) + 1))
    return found


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
