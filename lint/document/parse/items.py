"""The item part of the walker: an item's heading, title, numbers, sections and decisions."""

from __future__ import annotations

import bisect
import re
from itertools import pairwise

from referat_lint.document.fold import fold as _fold
from referat_lint.document.model import Item
from referat_lint.document.parse.body import BodyPart
from referat_lint.document.parse.lines import _DANGLING, _MASKED, _last_word, join_wrapped
from referat_lint.document.slices import Body


class ItemsPart(BodyPart):
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
        if self.overlay is not None:
            item.unplaced = Body(self.overlay)
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
                    if layout.get("items", "hyphen-join")
                    else f"{title} {view[j]}".strip()
                )
                title_lines.append(j + 1)
                j += 1
        return title, title_lines, j

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
