"""Encoding rules: mis-decoded text, the lossy broken-font pattern, files not in UTF-8."""

from __future__ import annotations

from collections.abc import Iterator

from referat_lint.findings import Applicability, Edit, Finding, Fix, Severity, Stage
from referat_lint.repair import LOSSY, changed_regions, repair_line
from referat_lint.rule import Context, Rule


def check_mojibake(ctx: Context) -> Iterator[Finding]:
    text = ctx.text
    for number, line in enumerate(text.lines, start=1):
        repair = repair_line(line)
        if repair is None:
            continue
        offset = text.starts[number - 1]
        applicability = Applicability.SAFE if repair.safe else Applicability.DISPLAY_ONLY
        key = "default" if repair.safe else "foreign"
        for start, end, new_start, new_end in changed_regions(line, repair.text):
            replacement = repair.text[new_start:new_end]
            fix = Fix((Edit(offset + start, offset + end, replacement),), applicability)
            yield ctx.finding(
                text.span(number, start + 1, end + 1),
                key,
                fix=fix,
                snippet=line[start:end],
                found=line[start:end],
                repaired=replacement,
            )


def check_lossy(ctx: Context) -> Iterator[Finding]:
    for number, line in enumerate(ctx.text.lines, start=1):
        if "Å" not in line:
            continue
        for match in LOSSY.finditer(line):
            yield ctx.finding(
                ctx.text.span(number, match.start() + 1, match.end() + 1),
                snippet=match.group(),
                found=match.group(),
            )


def check_file_encoding(ctx: Context) -> Iterator[Finding]:
    source = ctx.source
    if source.is_utf8:
        return
    span = ctx.text.span(1, 1, 1)
    if source.encoding == "utf-8":  # with a byte-order mark
        yield ctx.finding(span, "bom", fix=Fix((), encode_as="utf-8"), snippet="BOM")
        return
    applicability = Applicability.SAFE if source.confident else Applicability.DISPLAY_ONLY
    key = "default" if source.confident else "uncertain"
    fix = Fix((), applicability, encode_as="utf-8")
    yield ctx.finding(span, key, fix=fix, snippet=source.encoding, encoding=source.encoding)


RULES = [
    Rule(
        code="RL101",
        name="mojibake",
        stage=Stage.ENCODING,
        severity=Severity.ERROR,
        fixable=True,
        summary={
            "da": "Forkert afkodet tekst (mojibake), fx `DrÃ¸ftet` for Drøftet",
            "en": "Mis-decoded text (mojibake), e.g. `DrÃ¸ftet` for Drøftet",
        },
        explanation={
            "da": "Teksten er gemt som UTF-8 og læst som Windows-1252 eller Latin-1 én eller "
            "flere gange, så æ, ø og å står som to eller flere tegn. Reglen finder det, ftfy "
            "kan reparere, og de danske par, ftfy med vilje lader stå (`Ã…bent` for Åbent). "
            "`--fix` retter hele linjen; en reparation, der ville indføre tegn fremmede for "
            "danske referater (kinesisk, kyrillisk, emoji), vises kun som forslag.",
            "en": "The text was saved as UTF-8 and read as Windows-1252 or Latin-1 one or more "
            "times, so æ, ø and å show as two or more characters. The rule finds what ftfy can "
            "repair and the Danish pairs ftfy declines on purpose (`Ã…bent` for Åbent). `--fix` "
            "repairs the whole line; a repair that would bring in characters foreign to Danish "
            "minutes (CJK, Cyrillic, emoji) is only shown as a suggestion.",
        },
        messages={
            "default": {
                "da": "forkert afkodet tekst `{found}`, skal være `{repaired}`",
                "en": "mis-decoded text `{found}`, should read `{repaired}`",
            },
            "foreign": {
                "da": "mistænkelig tekst `{found}`; reparationen `{repaired}` indfører fremmede "
                "tegn og udføres ikke automatisk",
                "en": "suspicious text `{found}`; the repair `{repaired}` brings in foreign "
                "characters and is not applied automatically",
            },
        },
        check=check_mojibake,
    ),
    Rule(
        code="RL102",
        name="mojibake-lossy",
        stage=Stage.ENCODING,
        severity=Severity.ERROR,
        summary={
            "da": "Tabsgivende tegnfejl fra en defekt PDF-skrifttype, fx `DrÅ,ftet` for Drøftet",
            "en": "Lossy damage from a broken PDF font, e.g. `DrÅ,ftet` for Drøftet",
        },
        explanation={
            "da": "Sagssystemets PDF-eksport har skrevet `Å¥` for å og `Å,` (eller `Å, ` inde i "
            "et ord) for ø, æ, Ø eller Æ. Oplysningen om hvilket bogstav det var, er tabt, så "
            "ftfy kan ikke reparere det. Et ægte `Å` (åen i `Skjern Å, der ...`) står alene og "
            "rammes ikke.",
            "en": "The case system's PDF export wrote `Å¥` for å and `Å,` (or `Å, ` inside a "
            "word) for ø, æ, Ø or Æ. Which letter it was is lost, so ftfy cannot repair it. A "
            "real `Å` (the river in `Skjern Å, der ...`) stands alone and is not matched.",
        },
        messages={
            "default": {
                "da": "tabsgivende tegnfejl i `{found}` (defekt PDF-skrifttype)",
                "en": "lossy character damage in `{found}` (broken PDF font)",
            },
        },
        check=check_lossy,
    ),
    Rule(
        code="RL103",
        name="file-encoding",
        stage=Stage.ENCODING,
        severity=Severity.ERROR,
        fixable=True,
        summary={
            "da": "Filen er ikke gemt som UTF-8 (uden BOM)",
            "en": "The file is not saved as UTF-8 (without BOM)",
        },
        explanation={
            "da": "Referater arkiveres som UTF-8 uden byte-order mark. Reglen navngiver den "
            "kodning, filen faktisk har (fundet med charset-normalizer blandt de tegnsæt, dansk "
            "tekst forekommer i, og kontrolleret på de danske bogstaver). `--fix` gemmer filen "
            "som UTF-8; et usikkert gæt rapporteres kun.",
            "en": "Minutes are archived as UTF-8 without a byte-order mark. The rule names the "
            "encoding the file really has (found by charset-normalizer among the code pages "
            "Danish text comes in, and checked on the Danish letters). `--fix` rewrites the "
            "file as UTF-8; an uncertain guess is only reported.",
        },
        messages={
            "default": {
                "da": "filen er kodet som {encoding}, ikke UTF-8",
                "en": "file is encoded as {encoding}, not UTF-8",
            },
            "uncertain": {
                "da": "filen er ikke UTF-8; bedste gæt er {encoding}, men det er for usikkert "
                "til at rette automatisk",
                "en": "file is not UTF-8; the best guess is {encoding}, too uncertain to fix "
                "automatically",
            },
            "bom": {
                "da": "filen begynder med et UTF-8 byte-order mark (BOM)",
                "en": "file starts with a UTF-8 byte-order mark (BOM)",
            },
        },
        check=check_file_encoding,
    ),
]
