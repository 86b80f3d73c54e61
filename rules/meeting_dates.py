"""Date rules: the title line, `Mødedato` and the decision headings name one meeting day."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from referat_lint.checking.findings import Finding, Severity, Span, Stage
from referat_lint.checking.rule import Context, Rule
from referat_lint.document.dates import WEEKDAYS_DA, DateMention, find_date
from referat_lint.document.fold import fold
from referat_lint.document.model import Document, Field


class DatedPlace(NamedTuple):
    """A date written somewhere in the minutes: the title, Mødedato or a decision heading."""

    kind: str  # "title", "meeting-date" or "decision"; the message key too
    field: Field
    mention: DateMention
    item: int | None = None  # the item number, for a decision heading

    def span(self) -> Span:
        column = self.field.column + self.mention.start
        return Span(self.field.line, column, self.field.line, column + len(self.mention.text))


def _same_body(a: str, b: str) -> bool:
    """`Direktionen` (title) and `Direktionens` (decision heading) name the same body."""

    return fold(a, "").removesuffix("s") == fold(b, "").removesuffix("s")


def dated_places(doc: Document) -> list[DatedPlace]:
    """Every date that names this meeting's day, in priority order: Mødedato, title, decisions.

    A decision heading of another body (the committee that treated the case before) is left
    out: its date is that body's meeting, not this one.
    """
    places: list[DatedPlace] = []
    header = doc.header
    for kind, field in (("meeting-date", header.date), ("title", header.title_date)):
        mention = find_date(field.value) if field else None
        if field and mention:
            places.append(DatedPlace(kind, field, mention))
    for item in doc.items:
        # Only this meeting's decision: the case's history names other meetings' dates.
        for decision in [item.decision] if item.decision else []:
            if decision.date is None:
                continue
            if (
                decision.committee
                and header.body
                and not _same_body(decision.committee, header.body)
            ):
                continue
            mention = find_date(decision.date.value)
            if mention:
                places.append(DatedPlace("decision", decision.date, mention, item.number))
    return places


def _reference(places: list[DatedPlace]) -> DatedPlace | None:
    """The date most places agree on; on a tie the first in priority order."""
    full = [p for p in places if p.mention.date is not None]
    if not full:
        return None
    votes = Counter(p.mention.date for p in full)
    best = max(votes.values())
    return next(p for p in full if votes[p.mention.date] == best)


def check_date_mismatch(ctx: Context) -> Iterator[Finding]:
    places = dated_places(ctx.doc)
    for place in places:
        if not place.mention.valid:
            yield ctx.finding(
                place.span(), "invalid", snippet=place.mention.text, found=place.mention.text
            )
    valid = [p for p in places if p.mention.valid]
    reference = _reference(valid)
    if reference is None:
        return
    for place in valid:
        if place is reference or place.mention.agrees(reference.mention):
            continue
        yield ctx.finding(
            place.span(),
            place.kind,
            snippet=place.mention.text,
            found=place.mention.text,
            expected=reference.mention.iso(),
            number=place.item,
        )


def check_weekday_mismatch(ctx: Context) -> Iterator[Finding]:
    field = ctx.doc.header.date
    mention = find_date(field.value) if field else None
    if field is None or mention is None or mention.weekday_index is None:
        return
    date = mention.date
    if date is None or date.weekday() == mention.weekday_index:
        return
    place = DatedPlace("meeting-date", field, mention)
    span = place.span()
    yield ctx.finding(
        Span(span.line, span.column, span.line, span.column + len(mention.weekday or "")),
        snippet=mention.text,
        found=mention.weekday,
        date=date.isoformat(),
        weekday=WEEKDAYS_DA[date.weekday()],
    )


RULES = [
    Rule(
        code="RL002",
        name="date-mismatch",
        stage=Stage.STRUCTURE,
        severity=Severity.ERROR,
        check=check_date_mismatch,
    ),
    Rule(
        code="RL003",
        name="weekday-mismatch",
        stage=Stage.STRUCTURE,
        severity=Severity.WARNING,
        check=check_weekday_mismatch,
    ),
]
