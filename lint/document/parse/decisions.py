"""The decision part of the walker: a decision block's facts and which block is this meeting's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from referat_lint.document.dates import DateMention, find_date
from referat_lint.document.model import Decision, Header, Item
from referat_lint.document.parse.base import WalkerBase
from referat_lint.document.parse.lines import _field

if TYPE_CHECKING:
    import re


class DecisionsPart(WalkerBase):
    def _new_decision(
        self, match: re.Match[str], raw_line: str, line: str, number: int
    ) -> Decision:
        block = self.bodied(Decision(line, number))
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


def _meeting_date(header: Header) -> DateMention | None:
    """The meeting's date (Mødedato, else the title's), or None."""
    for field in (header.date, header.title_date):
        mention = find_date(field.value) if field else None
        if mention is not None and mention.valid and mention.date is not None:
            return mention
    return None
