"""Publication rules: minutes are published, so no CPR number and no closed case in them."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from referat_lint.checking.findings import Finding, Severity, Span, Stage
from referat_lint.checking.rule import Context, Rule
from referat_lint.document.model import Document, Item

# The one definition of a CPR-shaped number, shared with the masking of every output.
from referat_lint.out.privacy import CPR as _CPR
from referat_lint.out.privacy import CPR_SCAN, REFERENCE, is_cpr, mask, referenced_numbers

# A snippet of a long line is a window around the number: a copy of the whole line for each
# of its numbers would grow with the square of its length.
_SNIPPET_MARGIN = 100
_LABEL_REACH = 256  # characters before a number searched for a label


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
    # Lines with a number as written, and lines where character references make one
    # (`&#49;70385-1234` shows as a number wherever the minutes are shown as HTML).
    numbers = set(ctx.text.scanned_lines(CPR_SCAN))
    numbers.update(number for number, _ in ctx.text.rare_lines_with(REFERENCE))
    for number in sorted(numbers):
        line = ctx.text.lines[number - 1]
        found = [m.span() for m in _CPR.finditer(line) if is_cpr(m)]
        for start, stop in sorted(set(found + referenced_numbers(line))):
            # The label is just before the number: look back a little, not to the line's
            # start (a line of many numbers would cost the square of its length).
            if _after_label(line[max(0, start - _LABEL_REACH) : start], labels):
                continue
            masked = mask(line[start:stop])
            # The snippet feeds baselines: it must not hold the number either.
            begin, end = 0, len(line)
            if end > 2 * _SNIPPET_MARGIN:
                begin, end = max(0, start - _SNIPPET_MARGIN), stop + _SNIPPET_MARGIN
            snippet = " ".join((line[begin:start] + masked + line[stop:end]).split())
            yield ctx.finding(
                ctx.text.span(number, start + 1, stop + 1),
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


class Shown(NamedTuple):
    """One part of a closed item that may not be published: message key, lines, arguments."""

    key: str  # "section", "text", "decision" or "numbers"
    first: int
    last: int
    args: dict[str, Any]


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
        requires_minutes=False,  # a CPR number is never published, minutes or not
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
