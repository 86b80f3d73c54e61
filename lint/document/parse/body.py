"""The body of an item: its lines after the heading, walked once into sections, numbers,
decisions and the case's history."""

from __future__ import annotations

import re
from enum import Enum, auto
from typing import TYPE_CHECKING

from referat_lint.document.fold import fold as _fold
from referat_lint.document.model import BodyLines, Decision, Item, Section, SubHeading
from referat_lint.document.parse.decisions import DecisionsPart, _specific
from referat_lint.document.parse.lines import _MASKED, LINES_AT_ONCE, _field

if TYPE_CHECKING:
    from collections.abc import Iterator

# A line that looks like a case number but matches no known format (new dialect: the
# first line under the heading): digits with separators, maybe a short prefix or suffix.
_NUMBER_LIKE = re.compile(r"[A-ZÆØÅ]{0,6}[-/]?\d[\d\-/.]*[\dA-Z]?")
_MIN_DIGITS = 4
_QUOTES = '"„“”«»'
_QUOTE_OPENERS = _QUOTES + ">"
_MAX_LINKED = 200  # a range `3-8` names at most this many items
LINK_LINES = 16  # a phrase linking items is wrapped over fewer lines than this
_RANGE = re.compile(r"(\d+)(?:\s*[-–]\s*(\d+))?")


class _Line(Enum):
    """What an item's header line was."""

    NUMBER = auto()  # a case, journal or document number
    PENDING = auto()  # a number label whose number is on the next line
    LABEL = auto()  # a number label without a number
    MARKER = auto()  # an open or closed marker
    SUBHEADING = auto()


class BodyPart(DecisionsPart):
    # One state machine over an item's lines, the parser's hot loop: its state lives in
    # locals, and splitting it would cost a call per line and scatter the state.
    def _body(self, item: Item, start: int, end: int) -> None:  # noqa: C901
        view, raw, layout = self.view, self.raw, self.layout
        in_header = True
        expect_value = False
        body: BodyLines | None = None
        in_history = False
        heading_may_stand = True  # after a blank or structural line
        in_quote = False
        pending_label: str | None = None  # a number label that ended its line
        after_number = False  # the last non-blank line gave a case number
        decision_needs_line = False  # a bare decision heading; the next line may name body/date
        first = next((i for i in range(start, end) if view[i]), None)
        in_proposal = proposal_decided = False  # inside a quoted proposal (`Forslag fra ...:`)
        # Bound once: this loop runs for every line of every item.
        own_paragraph, decision_match = self.own_paragraph, self.decision_match
        line_classes = self.line_classes
        wrapped_heading = -1  # the second line of a decision heading wrapped over two
        text_lines = self.text_lines
        lines = view[start:end] if isinstance(view, list) else self._lines(start, end)
        for i, line in enumerate(lines, start):
            if line is _MASKED or i == wrapped_heading:
                continue
            number = i + 1
            if not line:
                heading_may_stand = True
                continue
            if text_lines[i] and not (
                in_header or in_quote or expect_value or decision_needs_line or pending_label
            ):
                # Text to every line class (classify.py) in a state none of them depends
                # on: what the last branch below does, without asking each class.
                after_number = heading_may_stand = False
                (item.unplaced if body is None else body).append((number, line))
                continue
            classes = line_classes(line)
            if classes.empty:
                heading_may_stand = False
                continue
            if classes.end:
                body = []  # a trailer (who did not take part): neither decision nor leak
                in_header = False
                heading_may_stand = True
                continue
            if classes.attendance:
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
            if classes.proposal:
                in_proposal, proposal_decided = True, False
            decision = None if quoted else classes.decision
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
                    block = self.bodied(Decision(f"{line} {view[i + 1]}", number))
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
            section = classes.section
            if section:
                in_quote = in_proposal = False
                name, inline = section
                folded = classes.section_key
                if folded not in self.header_sections:
                    in_header = False
                heading_may_stand = True
                after_number = False
                if folded in self.decision_sections:
                    block = self.bodied(Decision(name, number))
                    (item.history if in_history else item.decisions).append(block)
                    body = block.body
                else:
                    in_history = folded in self.history_sections
                    current = self.bodied(
                        Section(
                            name, number, number, attachments=folded in self.attachment_sections
                        )
                    )
                    item.sections.append(current)
                    body = current.body
                    expect_value = folded in self.value_sections
                if inline:
                    body.append((number, inline))
                    heading_may_stand = False
                continue
            if classes.history:
                block = self.bodied(Decision(line, number))
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
                block = self.bodied(Decision("", number))
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
            texts = (
                (" ".join(filter(None, view[start:end])),)
                if isinstance(view, list)
                else self._item_text(start, end)
            )
            for text in texts:  # wrapped phrases too
                for pattern in layout.item_links:
                    for link in pattern.finditer(text):
                        item.linked.update(_linked_numbers(link["numbers"]))
        for part in item.sections:
            part.end_line = part.body[-1][0] if part.body else part.line
        self._choose_decision(item)

    _pending_kind = "case"

    def _lines(self, start: int, end: int) -> Iterator[str | None]:
        """A big text's lines `start` to `end` of the view, read a block at a time."""
        for first in range(start, end, LINES_AT_ONCE):
            yield from self.view[first : min(first + LINES_AT_ONCE, end)]

    def _item_text(self, start: int, end: int) -> Iterator[str]:
        """A big text's lines `start` to `end` (the non-blank ones joined by spaces) in
        blocks of lines, each overlapping the last by LINK_LINES lines, so a phrase wrapped
        over fewer lines stands whole in one of them (a phrase the end of a block cuts off
        names fewer items than it does whole: what is found is a union)."""
        view = self.view
        for first in range(start, end, LINES_AT_ONCE):
            block = view[first : min(first + LINES_AT_ONCE + LINK_LINES, end)]
            yield " ".join(filter(None, block))

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
