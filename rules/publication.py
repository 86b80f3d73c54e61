"""Publication rules: minutes are published, so no CPR number and no closed case in them."""

from __future__ import annotations

import datetime
import fnmatch
import re
from collections import namedtuple
from collections.abc import Iterator, Sequence

from referat_lint.document import Document, Item
from referat_lint.findings import Finding, Severity, Span, Stage
from referat_lint.rule import Context, Rule

# DDMMYY-SSSS or DDMMYYSSSS, not part of a longer number (`326-2017-43971`, `1.000`, `46,1`).
# CPR numbers are written in ASCII digits; re.ASCII also makes the line scan twice as fast.
_SIX_DIGITS = re.compile(r"\d\d\d\d\d\d", re.ASCII)  # a line needs this to hold a CPR number
_CPR = re.compile(
    r"(?<!\d)(?<!\d[-/.,])(?P<date>\d{6})(?P<separator>[-–]?)(?P<serial>\d{4})(?!\d)(?![-/.,]\d)",
    re.ASCII,
)


def birth_date(date: str, serial: str) -> datetime.date | None:
    """The birth date a CPR number encodes, or None when it is not a real date.

    The century follows from the 7th digit (the first of the serial): 0-3 the 1900s; 4 and 9
    2000-2036, else the 1900s; 5-8 2000-2057, else the 1800s.
    """
    day, month, year = int(date[:2]), int(date[2:4]), int(date[4:])
    seventh = int(serial[0])
    if seventh <= 3:
        century = 1900
    elif seventh in (4, 9):
        century = 2000 if year <= 36 else 1900
    else:
        century = 2000 if year <= 57 else 1800
    try:
        return datetime.date(century + year, month, day)
    except ValueError:
        return None


def _after_label(before: str, labels: Sequence[str]) -> bool:
    """Whether the text before a number ends with one of `labels` (`Kontonr.:`, `Tlf.`)."""
    tail = before.rstrip(" \t:.").casefold()
    for label in labels:
        label = label.casefold().rstrip(".")
        if tail.endswith(label):
            start = len(tail) - len(label)
            if start == 0 or not tail[start - 1].isalpha():
                return True
    return False


def _attachment_lines(doc: Document) -> set[int]:
    """Lines under a `Bilag` heading: attachment names."""
    return {
        number
        for item in doc.items
        for section in item.sections
        if section.attachments
        for number, _ in section.body
    }


def check_cpr_number(ctx: Context) -> Iterator[Finding]:
    labels = [str(label) for label in ctx.options["ignore-after"]]
    attachments = _attachment_lines(ctx.doc)
    for number, line in ctx.text.lines_with(_SIX_DIGITS):
        for match in _CPR.finditer(line):
            if birth_date(match["date"], match["serial"]) is None:
                continue
            if _after_label(line[: match.start()], labels):
                continue
            masked = "xxxxxx-xxxx" if match["separator"] else "xxxxxxxxxx"
            # The snippet feeds baselines: it must not hold the number either.
            snippet = " ".join((line[: match.start()] + masked + line[match.end() :]).split())
            yield ctx.finding(
                ctx.text.span(number, match.start() + 1, match.end() + 1),
                "attachment" if number in attachments else "default",
                snippet=snippet,
                masked=masked,
            )


def policy_for(body: str | None, title_only_bodies: Sequence[str]) -> str:
    """`title-only` for a body matching one of the globs (`Direktion*`), else `decision`."""
    name = (body or "").casefold()
    if any(fnmatch.fnmatchcase(name, str(glob).casefold()) for glob in title_only_bodies):
        return "title-only"
    return "decision"


class Shown(namedtuple("Shown", "key first last args")):
    """One part of a closed item that may not be published: message key, lines, arguments."""

    __slots__ = ()
    key: str  # "section", "text", "decision" or "numbers"
    first: int
    last: int
    args: dict[str, str]


def _shown(item: Item, policy: str, metadata: set[str]) -> Iterator[Shown]:
    """What a closed item shows beyond what `policy` allows, in document order."""
    if policy == "title-only":
        by_line: dict[int, list[str]] = {}
        for field in [*item.case_numbers, *item.journal_numbers, *item.document_numbers]:
            by_line.setdefault(field.line, []).append(field.value)
        for line, values in by_line.items():
            yield Shown("numbers", line, line, {"found": ", ".join(values)})
        for decision in [*item.decisions, *item.history]:
            body = [n for n, text in decision.body if text]
            yield Shown("decision", decision.line, max(body, default=decision.line), {})
    for section in item.sections:
        content = [n for n, text in section.body if text]
        if not content or (policy == "decision" and section.name.casefold() in metadata):
            continue
        yield Shown("section", section.line, content[-1], {"section": section.name})
    if item.unplaced:
        yield Shown("text", item.unplaced[0][0], item.unplaced[-1][0], {})


def check_closed_item_content(ctx: Context) -> Iterator[Finding]:
    doc = ctx.doc
    policy = policy_for(doc.header.body, ctx.options["title-only-bodies"])
    metadata = {str(name).casefold() for name in ctx.options["metadata-sections"]}
    for item in doc.items:
        if not item.closed:
            continue
        for shown in sorted(_shown(item, policy, metadata), key=lambda s: s.first):
            end_column = len(ctx.text.lines[shown.last - 1]) + 1
            yield ctx.finding(
                Span(shown.first, 1, shown.last, end_column),
                shown.key,
                snippet=f"{item.title}: {shown.key} {' '.join(shown.args.values())}",
                number=item.number,
                title=item.title,
                body=doc.header.body or "–",
                **shown.args,
            )


RULES = [
    Rule(
        code="RL402",
        name="cpr-number",
        stage=Stage.STRUCTURE,
        severity=Severity.ERROR,
        sensitive=True,
        options={
            "ignore-after": [
                "Kontonr",
                "Konto",
                "Tlf",
                "Telefon",
                "Mobil",
                "Fax",
                "EAN",
                "Dokumentnr",
                "Dok.nr",
                "Sagsnr",
            ]
        },
        check=check_cpr_number,
    ),
    Rule(
        code="RL403",
        name="closed-item-content",
        stage=Stage.STRUCTURE,
        severity=Severity.ERROR,
        options={"title-only-bodies": [], "metadata-sections": ["Sagstype"]},
        check=check_closed_item_content,
    ),
]
