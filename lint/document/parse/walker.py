"""The walker: reads one text as one layout says, its header, table of contents and items."""

from __future__ import annotations

import re
from itertools import islice
from typing import TYPE_CHECKING

from referat_lint.document.fold import fold as _fold
from referat_lint.document.model import Document, TocEntry
from referat_lint.document.parse.decisions import _meeting_date
from referat_lint.document.parse.header import HeaderPart
from referat_lint.document.parse.items import ItemsPart, _mark_groups
from referat_lint.document.parse.lines import _MASKED, _lines_matching, _opening
from referat_lint.document.parse.toc import TocPart

if TYPE_CHECKING:
    from referat_lint.document.model import Item, Text

_WORD = re.compile(r"\w+")


class Walker(HeaderPart, TocPart, ItemsPart):
    """Reads one text as one layout says. Lines are indexed from 0; fields are 1-based."""

    # the document
    def document(self, text: Text, markup: str, kind: str | None) -> Document:
        view = self.view
        candidates = set(self.scanned)
        if self.layout.raw_item_headings:
            raw = (
                r.rstrip() if v is not _MASKED else None
                for r, v in zip(self.raw, view, strict=True)
            )
            candidates.update(_lines_matching(self.layout.raw_item_headings, raw))
        starts = [i for i in sorted(candidates) if view[i] and self.item_heading(i)]
        if self.layout.get("items", "first-section"):
            starts = [i for i in starts if self._opens_with_section(i)]
        heading_like = starts
        own_paragraph = self.layout.get("items", "own-paragraph")
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
        if self.layout.get("items", "ascending"):
            listed = {(e.number, _fold(e.title)) for e in toc if e.number}
            starts = self._ascending(
                [i for i in heading_like if i >= toc_end], own_paragraph, listed
            )
        header_end = toc_index if toc_index is not None else (starts[0] if starts else len(view))
        header = self._header(header_end)
        self.meeting_date = _meeting_date(header)
        self.history_before_meeting = (
            self.layout.get("decisions", "history-before-meeting")
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
            case_numbers_required=self.layout.get("case-numbers", "required"),
            journal_number=self.layout.journal_number,
        )
        document.kind = kind or self._kind(header_end, items)
        return document

    def _kind_from_words(self, header_end: int) -> str | None:
        """The kind the opening lines name (the first line with a kind word), or None."""
        minutes, agenda = self.layout.minutes_words, self.layout.agenda_words
        for line in _opening(islice(self.view, header_end), 40):
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
