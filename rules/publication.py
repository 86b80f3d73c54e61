"""Publication rules: minutes are published, so no CPR number and no closed case in them."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from referat_lint.document import Document, Item
from referat_lint.findings import Finding, Severity, Span, Stage

# The one definition of a CPR-shaped number, shared with the masking of every output.
from referat_lint.privacy import CPR as _CPR
from referat_lint.privacy import SIX_DIGITS as _SIX_DIGITS
from referat_lint.privacy import birth_date
from referat_lint.rule import Context, Rule

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
    for number, line in ctx.text.lines_with(_SIX_DIGITS):
        for match in _CPR.finditer(line):
            if birth_date(match["date"], match["serial"]) is None:
                continue
            # The label is just before the number: look back a little, not to the line's
            # start (a line of many numbers would cost the square of its length).
            if _after_label(line[max(0, match.start() - _LABEL_REACH) : match.start()], labels):
                continue
            masked = "xxxxxx-xxxx" if match["separator"] else "xxxxxxxxxx"
            # The snippet feeds baselines: it must not hold the number either.
            begin, end = 0, len(line)
            if end > 2 * _SNIPPET_MARGIN:
                begin, end = max(0, match.start() - _SNIPPET_MARGIN), match.end() + _SNIPPET_MARGIN
            snippet = " ".join(
                (line[begin : match.start()] + masked + line[match.end() : end]).split()
            )
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
        summary={
            "da": "Et CPR-nummer står i teksten",
            "en": "A CPR number is in the text",
        },
        explanation={
            "da": "Referater offentliggøres, så et CPR-nummer i teksten er et brud på "
            "databeskyttelsen. Reglen finder `DDMMÅÅ-SSSS` og `DDMMÅÅSSSS` (også med "
            "tankestreg), hvor datodelen er en rigtig dato; århundredet følger af 7. ciffer. "
            "Modulus 11 kræves ikke, da numre udstedt siden 2007 ikke behøver opfylde den. Hele "
            "filen gennemsøges, også bilagsnavne (et `Signaturbevis` som bilag er en kendt vej "
            "for CPR-numre). Et tal, der er del af et længere tal (sagsnumre som "
            "`326-2017-43971`, datoer, beløb som `46,1 mio. kr.`), rammes ikke, og heller ikke et "
            "tal lige efter en etiket i `ignore-after` (kontonumre, telefonnumre, "
            "dokumentnumre). Meldingen gentager aldrig nummeret. Reglen kan ikke se, om et "
            "ticifret tal, der tilfældigvis er en gyldig dato, er et CPR-nummer; den retter intet.",
            "en": "Minutes are published, so a CPR number (Danish personal identification "
            "number) in the text is a data-protection breach. The rule finds `DDMMYY-SSSS` and "
            "`DDMMYYSSSS` (also with an en dash) whose date part is a real date; the century "
            "follows from the 7th digit. Modulus 11 is not required, as numbers issued since "
            "2007 need not satisfy it. The whole file is searched, attachment names included (a "
            "`Signaturbevis` attachment is a known route for CPR leaks). A number that is part "
            "of a longer number (case numbers such as `326-2017-43971`, dates, amounts such as "
            "`46,1 mio. kr.`) is not matched, nor is a number right after a label in "
            "`ignore-after` (account, phone and document numbers). The message never repeats "
            "the number. The rule cannot tell a ten-digit number that happens to be a valid "
            "date from a CPR number; it fixes nothing.",
        },
        messages={
            "default": {
                "da": "CPR-nummer (`{masked}`) i teksten; personoplysninger må ikke offentliggøres",
                "en": "CPR number (`{masked}`) in the text; personal data must not be published",
            },
            "attachment": {
                "da": "CPR-nummer (`{masked}`) i et bilagsnavn; bilaget indeholder sandsynligvis "
                "også personoplysninger",
                "en": "CPR number (`{masked}`) in an attachment name; the attachment probably "
                "holds personal data too",
            },
        },
        check=check_cpr_number,
    ),
    Rule(
        code="RL403",
        name="closed-item-content",
        stage=Stage.STRUCTURE,
        severity=Severity.ERROR,
        options={"title-only-bodies": [], "metadata-sections": ["Sagstype"]},
        summary={
            "da": "Et lukket punkt viser mere, end der må offentliggøres",
            "en": "A closed item shows more than may be published",
        },
        explanation={
            "da": "Et punkt med `Lukket:` i titlen er behandlet for lukkede døre, og dets "
            "sagsfremstilling må ikke stå i det offentlige referat. Standardpolitikken "
            "(`decision`) tillader titlen, sagsnummer (med journal- og dokumentnummer), "
            "sektionerne i `metadata-sections` (standard: Sagstype) og beslutningen: politiske "
            "udvalg skal offentliggøre beslutninger truffet for lukkede døre. Alt andet meldes, "
            "ét fund pr. del, fra overskrift til sidste linje: `Sagsfremstilling`, `Resume`, "
            "`Indstilling`, `Bilag` og andre afsnit med indhold, og tekst uden overskrift. "
            "Den strengere politik `title-only` tillader kun titlen; den passer til "
            "administrative organer som en direktion og gælder for de organer (navnet i "
            "titellinjen, `REFERAT <organ> d. ...`), der matcher et mønster i "
            '`title-only-bodies`, fx `["Direktion*"]`, eller `["*"]` for alle. En tom '
            "overskrift (`Sagsfremstilling` uden tekst) meldes ikke. Reglen finder kun punkter "
            "mærket `Lukket:` og vurderer ikke, om et åbent punkt burde have været lukket.",
            "en": "An item with `Lukket:` in its title was treated behind closed doors, and "
            "its case presentation must not stand in the published minutes. The default "
            "policy (`decision`) allows the title, the case number (with journal and document "
            "numbers), the sections in `metadata-sections` (default: Sagstype) and the "
            "decision: political committees must publish decisions taken behind closed doors. "
            "Everything else is reported, one finding per part, from heading to last line: "
            "`Sagsfremstilling`, `Resume`, `Indstilling`, `Bilag` and other sections with "
            "content, and text under no heading. The stricter policy "
            "`title-only` allows the title only; it fits administrative bodies such as a "
            "board of directors and applies to the bodies (the name in the title line, "
            "`REFERAT <body> d. ...`) that match a pattern in `title-only-bodies`, e.g. "
            '`["Direktion*"]`, or `["*"]` for all. An empty heading (`Sagsfremstilling` '
            "with no text) is not reported. The rule only sees items marked `Lukket:` and does "
            "not judge whether an open item should have been closed.",
        },
        messages={
            "section": {
                "da": "lukket punkt {number} ({title}): `{section}` må ikke offentliggøres",
                "en": "closed item {number} ({title}): `{section}` may not be published",
            },
            "text": {
                "da": "lukket punkt {number} ({title}): tekst uden overskrift må ikke "
                "offentliggøres",
                "en": "closed item {number} ({title}): text under no heading may not be published",
            },
            "decision": {
                "da": "lukket punkt {number} ({title}): {body} følger politikken `title-only`, "
                "så beslutningen må ikke offentliggøres",
                "en": "closed item {number} ({title}): {body} follows the `title-only` policy, "
                "so the decision may not be published",
            },
            "numbers": {
                "da": "lukket punkt {number} ({title}): {body} følger politikken `title-only`, "
                "så `{found}` må ikke offentliggøres",
                "en": "closed item {number} ({title}): {body} follows the `title-only` policy, "
                "so `{found}` may not be published",
            },
        },
        check=check_closed_item_content,
    ),
]
