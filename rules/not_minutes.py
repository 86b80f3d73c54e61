"""Document rule: the file is recognisable as minutes (or an agenda) at all."""

from __future__ import annotations

from collections.abc import Iterator

from referat_lint.findings import Finding, Severity, Stage
from referat_lint.rule import Context, Rule


def check_not_minutes(ctx: Context) -> Iterator[Finding]:
    if not ctx.doc.is_minutes:
        yield ctx.finding(ctx.text.span(1, 1, 1))


RULES = [
    Rule(
        code="RL001",
        name="not-minutes",
        stage=Stage.STRUCTURE,
        severity=Severity.INFO,
        requires_minutes=False,
        check=check_not_minutes,
    ),
]
