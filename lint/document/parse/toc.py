"""The table-of-contents part of the walker, and the item headings it decides on."""

from __future__ import annotations

from itertools import islice

from referat_lint.document.fold import fold as _fold
from referat_lint.document.model import TocEntry
from referat_lint.document.parse.base import WalkerBase
from referat_lint.document.parse.lines import _MASKED, join_wrapped

_MAX_TOC_LINES = 6  # a TOC entry wraps onto at most this many lines


class TocPart(WalkerBase):
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
        wanted = {_fold(str(s)) for s in self.layout.get("items", "first-section")}
        reach = self.layout.get("items", "max-title-lines")
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


def _number_key(number: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in number.split("."))
