"""Case- and journal-number rules: every open item names its case, in a format the archive
can search, once per meeting, with a journal number in a format of the layout (KLE)."""

from __future__ import annotations

from collections.abc import Iterator

from referat_lint.checking.findings import Finding, Severity, Span, Stage
from referat_lint.checking.rule import Context, Rule
from referat_lint.document.model import Field, Item


def _span(field: Field) -> Span:
    return Span(field.line, field.column, field.line, field.column + len(field.value))


def check_missing_case_number(ctx: Context) -> Iterator[Finding]:
    if not ctx.doc.case_numbers_required:
        return
    titles = ctx.options["exempt-titles"]
    exempt = {str(title).casefold() for title in titles}
    # Configured titles replace the layout's standard items for this rule.
    standard = titles == ctx.rule.options["exempt-titles"]
    for item in ctx.doc.items:
        if item.closed or item.group or item.case_numbers or (standard and item.standard):
            continue
        if item.title.rstrip(".").casefold() in exempt:
            continue
        yield ctx.finding(
            ctx.text.span(item.line),
            snippet=item.title,
            number=item.number,
            title=item.title,
        )


def check_malformed_case_number(ctx: Context) -> Iterator[Finding]:
    examples = ", ".join(ctx.doc.case_number_examples)
    for item in ctx.doc.items:
        for field in item.malformed_case_numbers:
            yield ctx.finding(
                _span(field),
                snippet=field.value,
                found=field.value,
                number=item.number,
                examples=examples,
            )


def _case_key(value: str) -> str:
    return value.strip().upper()


def _cases(items: list[Item]) -> dict[int, int]:
    """Each item number's case: items the text links (`behandles sammen med punkt 3-8`),
    directly or through another item, are parts of one case."""
    parent: dict[int, int] = {}

    def root(number: int) -> int:
        while parent.setdefault(number, number) != number:
            parent[number] = parent[parent[number]]
            number = parent[number]
        return number

    for item in items:
        for other in item.linked:
            parent[root(other)] = root(item.number)
    return {item.number: root(item.number) for item in items}


def check_duplicate_case_number(ctx: Context) -> Iterator[Finding]:
    first: dict[str, tuple[Item, Field]] = {}
    case = _cases(ctx.doc.items)
    for item in ctx.doc.items:
        for field in item.case_numbers:
            key = _case_key(field.value)
            if key not in first:
                first[key] = (item, field)
                continue
            other, other_field = first[key]
            if other is item or case[other.number] == case[item.number]:
                continue
            yield ctx.finding(
                _span(field),
                snippet=field.value,
                found=field.value,
                number=item.number,
                other=other.number,
                other_line=other_field.line,
            )


def check_malformed_journal_number(ctx: Context) -> Iterator[Finding]:
    formats = ctx.doc.journal_number
    if formats is None:
        return
    for item in ctx.doc.items:
        for field in item.journal_numbers:
            if not formats.fullmatch(field.value):
                yield ctx.finding(
                    _span(field), snippet=field.value, found=field.value, number=item.number
                )


RULES = [
    Rule(
        code="RL201",
        name="missing-case-number",
        stage=Stage.STRUCTURE,
        severity=Severity.ERROR,
        options={"exempt-titles": ["Eventuelt"]},
        check=check_missing_case_number,
    ),
    Rule(
        code="RL202",
        name="malformed-case-number",
        stage=Stage.STRUCTURE,
        severity=Severity.ERROR,
        check=check_malformed_case_number,
    ),
    Rule(
        code="RL203",
        name="duplicate-case-number",
        stage=Stage.STRUCTURE,
        severity=Severity.WARNING,
        check=check_duplicate_case_number,
    ),
    Rule(
        code="RL204",
        name="malformed-journal-number",
        stage=Stage.STRUCTURE,
        severity=Severity.ERROR,
        check=check_malformed_journal_number,
    ),
]
