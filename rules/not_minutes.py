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
        summary={
            "da": "Filen ligner ikke et referat (intet kendt layout med dagsordenspunkter)",
            "en": "The file does not look like minutes (no known layout with agenda items)",
        },
        explanation={
            "da": "Filen læses med det layout, der passer bedst (se README, understøttede "
            "layouts, og `--show-document`); passer intet, eller findes ingen punkter, er "
            "den ikke et referat. En fil uden dagsordenspunkter (en README, noter) springes "
            "over med denne ene note, som ikke får kørslen eller pre-commit-hooken til at "
            "fejle. Kodningsreglerne kører kun på den, når `check-all-text = true` står i "
            "konfigurationen eller `--check-all-text` er givet.",
            "en": "A file is read with the layout that fits best (see the README's supported "
            "layouts, and `--show-document`); when none fits or no items are found, it is not "
            "minutes. A file without agenda items (a README, notes) is skipped with this one "
            "note, which does not fail the run or the pre-commit hook. The encoding rules run "
            "on it only with `check-all-text = true` in the config or `--check-all-text`.",
        },
        messages={
            "default": {
                "da": "filen ligner ikke et referat: intet kendt layout med punkter passer",
                "en": "file does not look like minutes: no known layout with agenda items fits",
            },
        },
        check=check_not_minutes,
    ),
]
