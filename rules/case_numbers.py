"""Case-number rules: every open agenda item names the case it belongs to."""

from __future__ import annotations

from collections.abc import Iterator

from referat_lint.findings import Finding, Severity, Stage
from referat_lint.rule import Context, Rule


def check_missing_case_number(ctx: Context) -> Iterator[Finding]:
    exempt = {str(title).casefold() for title in ctx.options["exempt-titles"]}
    for item in ctx.doc.items:
        if item.closed or item.case_numbers or item.title.rstrip(".").casefold() in exempt:
            continue
        yield ctx.finding(
            ctx.text.span(item.line),
            snippet=item.title,
            number=item.number,
            title=item.title,
        )


RULES = [
    Rule(
        code="RL201",
        name="missing-case-number",
        stage=Stage.STRUCTURE,
        severity=Severity.ERROR,
        options={"exempt-titles": ["Eventuelt"]},
        summary={
            "da": "Et åbent punkt mangler sagsnummer",
            "en": "An open agenda item has no case number",
        },
        explanation={
            "da": "Hvert åbent punkt skal kunne findes i sagssystemet: i den ældre form står "
            "`Sagsnr.: 326-2017-43971` under punktets overskrift, i den nyere et sagsnummer "
            "alene på en linje (`22-010739`). Lukkede punkter og titler i `exempt-titles` "
            "(standard: Eventuelt) er undtaget. Formater: KMD, eDoc, EMN, Acadre og år-løbenr.; "
            "flere kan tilføjes med `case-number-patterns`.",
            "en": "Every open item must be traceable in the case system: in the older layout "
            "`Sagsnr.: 326-2017-43971` stands under the item heading, in the newer one a case "
            "number stands alone on a line (`22-010739`). Closed items and titles in "
            "`exempt-titles` (default: Eventuelt) are exempt. Formats: KMD, eDoc, EMN, Acadre "
            "and year-serial; add more with `case-number-patterns`.",
        },
        messages={
            "default": {
                "da": "punkt {number} ({title}) mangler sagsnummer",
                "en": "item {number} ({title}) has no case number",
            },
        },
        check=check_missing_case_number,
    ),
]
