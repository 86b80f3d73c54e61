"""The header part of the walker: title, committee, date, time, place and participants."""

from __future__ import annotations

import re
from enum import Enum, auto

from referat_lint.document.fold import fold as _fold
from referat_lint.document.model import Field, Header
from referat_lint.document.parse.base import WalkerBase
from referat_lint.document.parse.lines import _field

_TIME = re.compile(r"\bkl\.?\s*(\d{1,2}[:.]\d{2})")
_MAX_SPLIT_TITLE = 8  # lines of a title split one word a line
_LABEL = re.compile(r"[^\d:]+:(?:\s|$)")  # a header field's label, not a clock time


class _Expect(Enum):
    """What the next header line may be, after the last label line."""

    NOTHING = auto()  # no label's value goes on: a line without a label is not a field
    VALUE = auto()  # a label stood alone: the next non-blank line is its value
    PARTICIPANTS = auto()  # the participant list goes on (it wraps, even mid-name)


class HeaderPart(WalkerBase):
    def _header(self, end: int) -> Header:
        header = Header()
        labels = self.layout.header_labels
        participants: list[str] = []  # the list may wrap, even mid-name, onto more lines
        expect, pending = _Expect.NOTHING, ""  # `pending`: the label waiting for its value
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
                if line is not None and expect is not _Expect.VALUE:
                    expect = _Expect.NOTHING
                continue
            if not titled and title_patterns:
                skip = self._title_at(header, i, end)
                if skip:
                    titled = True
                    continue
            match = labels.match(line)
            if match:
                pending = match["label"]
                expect = self._header_value(header, pending, match["value"], raw[i], i)
                if expect is _Expect.PARTICIPANTS:
                    participants.append(match["value"])
                continue
            if expect is _Expect.VALUE:
                expect = self._header_value(header, pending, line, raw[i], i)
                if expect is _Expect.PARTICIPANTS:
                    participants.append(line)
                continue
            if expect is _Expect.PARTICIPANTS:
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
        where = self.layout.get("header", "body-line")
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

    def _header_value(
        self, header: Header, label: str, value: str, raw_line: str, i: int
    ) -> _Expect:
        """Record a header label's value; what the next line may be."""
        kind = self.layout.label_kind(label)
        if not value:
            return _Expect.VALUE
        if kind == "date" and header.date is None:
            header.date = _field(raw_line, value, i + 1)
            time = _TIME.search(value)
            header.time = time.group(1) if time else header.time
        elif kind == "time" and header.time is None:
            time = _TIME.search(value) or re.search(r"(\d{1,2}[:.]\d{2})", value)
            header.time = time.group(1) if time else value
        elif kind == "place" and header.place is None:
            header.place = _field(raw_line, value, i + 1)
        return _Expect.PARTICIPANTS if kind == "participant" else _Expect.NOTHING
