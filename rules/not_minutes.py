"""Document rules: the file is recognisable as minutes (or an agenda) at all, and a file
that looks like minutes but that no layout reads does not pass unread."""

from __future__ import annotations

from collections.abc import Iterator

from referat_lint.checking.findings import Finding, Severity, Stage
from referat_lint.checking.rule import Context, Rule
from referat_lint.document.signals import looks_like_minutes, minutes_signals


def check_not_minutes(ctx: Context) -> Iterator[Finding]:
    if not ctx.doc.is_minutes and not looks_like_minutes(minutes_signals(ctx.text)):
        yield ctx.finding(ctx.text.span(1, 1, 1))


def check_unread_minutes(ctx: Context) -> Iterator[Finding]:
    if ctx.doc.is_minutes:
        return
    signals = minutes_signals(ctx.text)
    if looks_like_minutes(signals):
        yield ctx.finding(ctx.text.span(1, 1, 1), signals=", ".join(map(str, signals)))


RULES = [
    Rule(
        code="RL001",
        name="not-minutes",
        stage=Stage.STRUCTURE,
        severity=Severity.INFO,
        requires_minutes=False,
        check=check_not_minutes,
    ),
    Rule(
        code="RL007",
        name="unread-minutes",
        stage=Stage.STRUCTURE,
        severity=Severity.WARNING,
        requires_minutes=False,
        check=check_unread_minutes,
    ),
]
