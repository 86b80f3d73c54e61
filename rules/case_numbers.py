"""Case- and journal-number rules: every open item names its case, in a format the archive
can search, once per meeting, with a KLE journal number."""

from __future__ import annotations

import re
from collections.abc import Iterator

from referat_lint.document import Field, Item
from referat_lint.findings import Finding, Severity, Span, Stage
from referat_lint.rule import Context, Rule

# KLE (KL's Emnesystematik): main group, group, topic, e.g. 00.01.10; optionally followed by
# a handling facet (a letter and two digits), e.g. 00.01.10G01 or 00.01.10-P20.
_KLE = re.compile(r"\d{2}\.\d{2}\.\d{2}(?:[-.]?[A-ZÆØÅ]\d{2})?")


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


def check_duplicate_case_number(ctx: Context) -> Iterator[Finding]:
    first: dict[str, tuple[Item, Field]] = {}
    for item in ctx.doc.items:
        for field in item.case_numbers:
            key = _case_key(field.value)
            if key not in first:
                first[key] = (item, field)
                continue
            other, other_field = first[key]
            if other is item:
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
    for item in ctx.doc.items:
        for field in item.journal_numbers:
            if not _KLE.fullmatch(field.value):
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
        summary={
            "da": "Et åbent punkt mangler sagsnummer",
            "en": "An open agenda item has no case number",
        },
        explanation={
            "da": "Hvert åbent punkt skal kunne findes i sagssystemet: i den ældre form står "
            "`Sagsnr.: 326-2017-43971` under punktets overskrift, i den nyere et sagsnummer "
            "alene på en linje (`22-010739`). Lukkede punkter, standardpunkter (Eventuelt, "
            "Underskriftsark og layoutets egne) og titler i `exempt-titles` er undtaget; "
            "sættes `exempt-titles`, erstatter listen standardpunkterne for denne regel. Et "
            "layout uden sagsnumre (arbejdsgrupper) kontrolleres ikke. Formater: KMD, eDoc, "
            "EMN, Acadre og år-løbenr.; "
            "flere kan tilføjes med `case-number-patterns`.",
            "en": "Every open item must be traceable in the case system: in the older layout "
            "`Sagsnr.: 326-2017-43971` stands under the item heading, in the newer one a case "
            "number stands alone on a line (`22-010739`). Closed items, standard items "
            "(Eventuelt, Underskriftsark and the layout's own) and titles in `exempt-titles` "
            "are exempt; a configured `exempt-titles` replaces the standard items for this "
            "rule. A layout without case numbers (working groups) is not checked. Formats: "
            "KMD, eDoc, EMN, Acadre and year-serial; add more with `case-number-patterns`.",
        },
        messages={
            "default": {
                "da": "punkt {number} ({title}) mangler sagsnummer",
                "en": "item {number} ({title}) has no case number",
            },
        },
        check=check_missing_case_number,
    ),
    Rule(
        code="RL202",
        name="malformed-case-number",
        stage=Stage.STRUCTURE,
        severity=Severity.ERROR,
        summary={
            "da": "Et sagsnummer har ikke et kendt format",
            "en": "A case number is not in a known format",
        },
        explanation={
            "da": "Et sagsnummer i et forkert format kan ikke findes i sagssystemet. Reglen "
            "kontrollerer værdien efter `Sagsnr.:` (ældre form) og den første linje under "
            "punktets overskrift, når den ligner et nummer (cifre med bindestreg, skråstreg "
            "eller punktum, fx `22-01073`), men ikke passer til et kendt format (nyere form). "
            "Kendte formater: KMD `326-2017-43971`, eDoc `22-010739` / `20-082075K`, EMN "
            "`EMN-2025-003383`, Acadre `12/27845` og år-løbenr. `2012-28504`; andre sagssystemers "
            "formater tilføjes som regulære udtryk under `case-number-patterns` i "
            "konfigurationen. Reglen kontrollerer ikke, at sagen findes.",
            "en": "A case number in a wrong format cannot be found in the case system. The rule "
            "checks the value after `Sagsnr.:` (older layout) and the first line under the item "
            "heading when it looks like a number (digits with hyphens, slashes or dots, e.g. "
            "`22-01073`) but matches no known format (newer layout). Known formats: KMD "
            "`326-2017-43971`, eDoc `22-010739` / `20-082075K`, EMN `EMN-2025-003383`, Acadre "
            "`12/27845` and year-serial `2012-28504`; add other case systems' formats as regular "
            "expressions under `case-number-patterns` in the config. The rule does not check "
            "that the case exists.",
        },
        messages={
            "default": {
                "da": "sagsnummeret `{found}` på punkt {number} har ikke et kendt format "
                "(fx {examples})",
                "en": "case number `{found}` on item {number} is not in a known format "
                "(e.g. {examples})",
            },
        },
        check=check_malformed_case_number,
    ),
    Rule(
        code="RL203",
        name="duplicate-case-number",
        stage=Stage.STRUCTURE,
        severity=Severity.WARNING,
        summary={
            "da": "Samme sagsnummer står på to punkter i ét møde",
            "en": "The same case number is on two items of one meeting",
        },
        explanation={
            "da": "To punkter i samme møde hører sjældent til samme sag; oftest er et "
            "sagsnummer kopieret fra et andet punkt. Reglen melder hver senere forekomst, på "
            "linjen med sagsnummeret, og nævner punktet, hvor det stod første gang. Samme "
            "nummer to gange på ét punkt meldes ikke, og heller ikke en fast sag, der går igen "
            "fra møde til møde (fx Eventuelt): reglen ser kun på ét referat ad gangen. En "
            "advarsel, fordi det kan være rigtigt; brug `per-file-ignores`, hvis det er.",
            "en": "Two items of one meeting rarely belong to the same case; usually a case "
            "number was copied from another item. The rule reports each later occurrence, on "
            "the case-number line, and names the item where it first stood. The same number "
            "twice on one item is not reported, nor is a standing case that recurs from meeting "
            "to meeting (e.g. Eventuelt): the rule looks at one set of minutes at a time. A "
            "warning, because it can be right; use `per-file-ignores` where it is.",
        },
        messages={
            "default": {
                "da": "sagsnummeret {found} på punkt {number} står også på punkt {other} "
                "(linje {other_line})",
                "en": "case number {found} on item {number} is also on item {other} "
                "(line {other_line})",
            },
        },
        check=check_duplicate_case_number,
    ),
    Rule(
        code="RL204",
        name="malformed-journal-number",
        stage=Stage.STRUCTURE,
        severity=Severity.ERROR,
        summary={
            "da": "Et journalnummer er ikke en KLE-kode",
            "en": "A journal number is not a KLE code",
        },
        explanation={
            "da": "Journalnummeret (`J.nr.:`) skal være en KLE-kode (KL's Emnesystematik) på "
            "formen `NN.NN.NN`, fx `00.01.10`, eventuelt efterfulgt af en handlingsfacet, fx "
            "`00.01.10G01` eller `00.01.10-P20`. Reglen kontrollerer formen, ikke at koden "
            "findes i den gældende udgave af KLE (det kræver KL's emnetabel).",
            "en": "The journal number (`J.nr.:`) must be a KLE code (KL's Emnesystematik) of "
            "the form `NN.NN.NN`, e.g. `00.01.10`, optionally followed by a handling facet, "
            "e.g. `00.01.10G01` or `00.01.10-P20`. The rule checks the form, not that the code "
            "exists in the current edition of KLE (that needs KL's table of topics).",
        },
        messages={
            "default": {
                "da": "journalnummeret `{found}` på punkt {number} er ikke en KLE-kode "
                "(`NN.NN.NN`, fx `00.01.10`)",
                "en": "journal number `{found}` on item {number} is not a KLE code "
                "(`NN.NN.NN`, e.g. `00.01.10`)",
            },
        },
        check=check_malformed_journal_number,
    ),
]
