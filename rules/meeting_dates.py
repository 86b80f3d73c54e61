"""Date rules: the title line, `Mødedato` and the decision headings name one meeting day."""

from __future__ import annotations

from collections import Counter, namedtuple
from collections.abc import Iterator

from referat_lint.dates import WEEKDAYS_DA, DateMention, find_date
from referat_lint.document import Document, Field
from referat_lint.findings import Finding, Severity, Span, Stage
from referat_lint.rule import Context, Rule


class DatedPlace(namedtuple("DatedPlace", "kind field mention item", defaults=(None,))):
    """A date written somewhere in the minutes: the title, Mødedato or a decision heading."""

    __slots__ = ()
    kind: str  # "title", "meeting-date" or "decision"; the message key too
    field: Field
    mention: DateMention
    item: int | None  # the item number, for a decision heading

    def span(self) -> Span:
        column = self.field.column + self.mention.start
        return Span(self.field.line, column, self.field.line, column + len(self.mention.text))


def _same_body(a: str, b: str) -> bool:
    """`Direktionen` (title) and `Direktionens` (decision heading) name the same body."""

    def fold(name: str) -> str:
        return " ".join(name.split()).casefold().removesuffix("s")

    return fold(a) == fold(b)


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
        summary={
            "da": "Titellinjen, `Mødedato` og beslutningsoverskrifterne nævner forskellige datoer",
            "en": "The title line, `Mødedato` and the decision headings name different dates",
        },
        explanation={
            "da": "Arkivet søges på mødedato, så referatet skal have én. Reglen sammenligner "
            "datoen i titellinjen (`REFERAT Direktionen d. 04-05-2020`), i `Mødedato` og i "
            "beslutningsoverskrifterne (`Direktionens møde den 4. maj 2020:`, `Beslutning i "
            "Byrådet den 4. maj 2020:`), skrevet med tal eller danske månedsnavne. Den dato, "
            "flest steder nævner, regnes for mødets (ved lighed `Mødedato`); de andre meldes. "
            "En beslutningsoverskrift uden år sammenlignes på dag og måned. En dato, der ikke "
            "findes (`31. juni`), meldes også. Beslutningsoverskrifter fra et andet organ "
            "(`Økonomiudvalgets møde den ...` i Byrådets referat) er sagens forhistorie og "
            "sammenlignes ikke. Reglen kontrollerer ikke datoer i den øvrige tekst og ikke, "
            "om mødet faktisk blev holdt den dag.",
            "en": "Archives are searched by meeting date, so the minutes must have one. The "
            "rule compares the date in the title line (`REFERAT Direktionen d. 04-05-2020`), "
            "in `Mødedato` and in the decision headings (`Direktionens møde den 4. maj 2020:`, "
            "`Beslutning i Byrådet den 4. maj 2020:`), written in digits or with Danish month "
            "names. The date most places name is taken as the meeting's (on a tie, "
            "`Mødedato`); the others are reported. A decision heading without a year is "
            "compared on day and month. A date that does not exist (`31. juni`) is reported "
            "too. Decision headings of another body (`Økonomiudvalgets møde den ...` in the "
            "minutes of Byrådet) are the case's history and are not compared. The rule does "
            "not check dates elsewhere in the text, nor that the meeting was really held that "
            "day.",
        },
        messages={
            "title": {
                "da": "datoen `{found}` i titellinjen passer ikke med mødedatoen {expected}",
                "en": "the date `{found}` in the title line disagrees with the meeting date "
                "{expected}",
            },
            "meeting-date": {
                "da": "Mødedato `{found}` passer ikke med datoen {expected} i titellinje og "
                "beslutningsoverskrifter",
                "en": "Mødedato `{found}` disagrees with the date {expected} in the title line "
                "and decision headings",
            },
            "decision": {
                "da": "datoen `{found}` i beslutningsoverskriften på punkt {number} passer ikke "
                "med mødedatoen {expected}",
                "en": "the date `{found}` in the decision heading of item {number} disagrees "
                "with the meeting date {expected}",
            },
            "invalid": {
                "da": "`{found}` er ikke en gyldig dato",
                "en": "`{found}` is not a valid date",
            },
        },
        check=check_date_mismatch,
    ),
    Rule(
        code="RL003",
        name="weekday-mismatch",
        stage=Stage.STRUCTURE,
        severity=Severity.WARNING,
        summary={
            "da": "Ugedagen i `Mødedato` passer ikke med datoen",
            "en": "The weekday named in `Mødedato` is not that date's weekday",
        },
        explanation={
            "da": "`Mødedato Mandag d. 04. maj 2020` skal nævne den ugedag, datoen faldt på. "
            "En forkert ugedag tyder på, at datoen eller ugedagen er skrevet forkert; reglen "
            "kan ikke afgøre hvilken, så den retter intet. Ugedage skrives på dansk, fuldt ud "
            "eller forkortet (`man.`, `tirs.`). Kontrollerer kun `Mødedato`.",
            "en": "`Mødedato Mandag d. 04. maj 2020` must name the weekday the date fell on. "
            "A wrong weekday means either the date or the weekday was mistyped; the rule cannot "
            "tell which, so it fixes nothing. Weekdays are read in Danish, in full or "
            "abbreviated (`man.`, `tirs.`). Checks `Mødedato` only.",
        },
        messages={
            "default": {
                "da": "Mødedato siger `{found}`, men {date} var en {weekday}",
                "en": "Mødedato says `{found}`, but {date} was a `{weekday}`",
            },
        },
        check=check_weekday_mismatch,
    ),
]
