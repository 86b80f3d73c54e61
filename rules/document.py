"""Document rule: the file is recognisable as minutes at all."""

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
        severity=Severity.WARNING,
        requires_minutes=False,
        summary={
            "da": "Filen ligner ikke et referat (ingen `Punkt N:`-overskrifter)",
            "en": "The file does not look like minutes (no `Punkt N:` headings)",
        },
        explanation={
            "da": "Uden dagsordenspunkter kan indholdsfortegnelse, sagsnumre og beslutninger "
            "ikke kontrolleres, så strukturreglerne springes over, og filen får kun denne ene "
            "advarsel. Kodningsreglerne kører stadig.",
            "en": "Without agenda items the table of contents, case numbers and decisions "
            "cannot be checked, so the structure rules are skipped and the file gets this one "
            "warning only. The encoding rules still run.",
        },
        messages={
            "default": {
                "da": "filen ligner ikke et referat: ingen dagsordenspunkter (`Punkt N:`) fundet",
                "en": "file does not look like minutes: no agenda items (`Punkt N:`) found",
            },
        },
        check=check_not_minutes,
    ),
]
