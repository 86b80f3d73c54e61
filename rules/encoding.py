"""Encoding rules: mis-decoded text, the lossy broken-font pattern, files not in UTF-8."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from referat_lint import repair as line_repair
from referat_lint.findings import Applicability, Edit, Finding, Fix, Severity, Stage
from referat_lint.repair import changed_regions, may_hold_lossy, repair_line
from referat_lint.rule import Context, Rule

# typing only for the type checker: importing it costs every run start-up time
TYPE_CHECKING = False

if TYPE_CHECKING:
    from referat_lint.lossy import LossyRepair


def check_mojibake(ctx: Context) -> Iterator[Finding]:
    text = ctx.text
    lossy_by_line = _lossy_by_line(ctx)
    candidates = dict(text.lines_with(line_repair.MOJIBAKE_CANDIDATE))
    candidates.update((index + 1, text.lines[index]) for index in lossy_by_line)
    for number, line in sorted(candidates.items()):
        # The lossy pattern is repaired before ftfy sees the line: on its own ftfy would
        # read `pÅ¥` as the UTF-8 of `ť`.
        masked, substitutions = _mask(line, lossy_by_line.get(number - 1, ()))
        repair = repair_line(masked)
        if repair is None:
            continue
        offset = text.starts[number - 1]
        applicability = Applicability.SAFE if repair.safe else Applicability.DISPLAY_ONLY
        key = "default" if repair.safe else "foreign"
        for start, end, new_start, new_end in changed_regions(masked, repair.text):
            original = _unmask(start, end, substitutions)
            if original is None:  # touches a lossy repair: that finding covers it
                continue
            start, end = original
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


def _lossy_repairs(text: str) -> tuple[LossyRepair, ...]:
    """The lossy repairs of a text; the repair module and its lexicon load only for a text
    that shows the pattern (the common case pays for a substring test)."""
    if not may_hold_lossy(text):
        return ()
    from referat_lint import lossy

    return lossy.repairs(text) if lossy.find(text) else ()


def _lossy_by_line(ctx: Context) -> dict[int, list[LossyRepair]]:
    by_line: dict[int, list[LossyRepair]] = {}
    for repair in _lossy_repairs(ctx.text.text):
        by_line.setdefault(repair.line, []).append(repair)
    return by_line


def _mask(line: str, repairs: Sequence[LossyRepair]) -> tuple[str, list[tuple[int, int, int]]]:
    """The line with each lossy word replaced by its best reading, and (start, end in the
    line, end in the masked line) of each replacement."""
    pieces: list[str] = []
    substitutions: list[tuple[int, int, int]] = []
    position = length = 0
    for repair in repairs:
        pieces.append(line[position : repair.start])
        length += repair.start - position
        pieces.append(repair.replacement)
        length += len(repair.replacement)
        substitutions.append((repair.start, repair.end, length))
        position = repair.end
    pieces.append(line[position:])
    return "".join(pieces), substitutions


def _unmask(
    start: int, end: int, substitutions: list[tuple[int, int, int]]
) -> tuple[int, int] | None:
    """Map a masked-line range back to the line; None when it overlaps a replacement."""
    shift = 0  # masked offset minus line offset, after the replacements passed so far
    for original_start, original_end, masked_end in substitutions:
        masked_start = original_start + shift
        if start < masked_end and end > masked_start:
            return None
        if masked_end > start:
            break
        shift = masked_end - original_end
    return start - shift, end - shift


def check_lossy(ctx: Context) -> Iterator[Finding]:
    for repair in _lossy_repairs(ctx.text.text):
        number = repair.line + 1
        offset = ctx.text.starts[repair.line]
        applicability = Applicability.SAFE if repair.confident else Applicability.UNSAFE
        edit = Edit(offset + repair.start, offset + repair.end, repair.replacement)
        if repair.confident:
            key = "default"
        elif repair.candidates:
            key = "ambiguous"
        else:
            key = "unknown"
        # The readings other than the best guess, for a person to choose from.
        suggestions = () if repair.confident else repair.candidates
        suggestions = tuple(c for c in suggestions if c != repair.replacement)
        yield ctx.finding(
            ctx.text.span(number, repair.start + 1, repair.end + 1),
            key,
            fix=Fix((edit,), applicability, suggestions=suggestions),
            snippet=repair.found,
            found=repair.found,
            repaired=repair.replacement,
            candidates=", ".join(f"`{c}`" for c in repair.candidates) or "–",
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
        fixable=True,
        summary={
            "da": "Tabsgivende tegnfejl fra en defekt PDF-skrifttype, fx `DrÅ,ftet` for Drøftet",
            "en": "Lossy damage from a broken PDF font, e.g. `DrÅ,ftet` for Drøftet",
        },
        explanation={
            "da": "Sagssystemets PDF-eksport har skrevet `Å¥` for å og `Å,` (eller `Å, ` med et "
            "mellemrum, skrifttypen har tilføjet) for ø, æ, Ø eller Æ, og store bogstaver er "
            "tabt. `Å¥` er altid et lille å (et stort Å skrev skrifttypen som sig selv), med "
            "stort kun i et ord med lutter store bogstaver. For `Å,` prøves alle læsninger mod "
            "en dansk ordliste (Stavekontrolden) og filens egne ord. Giver både ø og æ et ord "
            "(`lÅ,ses`: løses eller læses), afgør kun sammenhængen: samme ordpar uskadt "
            "andetsteds i filen, eller at den ene læsning er mange hundrede gange så hyppig. "
            "Mellemrummet efter `Å,` læses som skrifttypens, når det samler et sammensat ord "
            "(`miljÅ, problemer` = miljøproblemer: dansk skriver sammensatte ord i ét), og som "
            "et ægte ordskifte foran et småord (`miljÅ, for` = miljø for); skrifttypen sætter "
            "det mest foran d og g. Stort begyndelsesbogstav får et ord, ordlisten kun kender "
            "med stort (`Ærø`), eller som står ved et navns ord med stort (`Østre Landsret`); "
            "midt i en sætning er et første bogstavs store eller lille bogstav ellers uvist, "
            "medmindre filen eller ordets almindelighed afgør det. `Å, ` forrest i et ord "
            "(`Å, nsker`) rettes, når præcis én læsning er et ord; et ægte `Å` (åen i "
            "`Skjern Å, der ...`) rettes aldrig. `--fix` retter kun, når beviserne afgør "
            "sagen; ellers vises læsningerne som forslag, og `--unsafe-fixes` vælger det "
            "bedste gæt. Navne og ukendte ord ligeså.",
            "en": "The case system's PDF export wrote `Å¥` for å and `Å,` (or `Å, ` with a space "
            "the font added) for ø, æ, Ø or Æ, and lost the case. `Å¥` is always a small å (the "
            "font wrote a capital Å as itself), a capital only in a word in capitals. For `Å,` "
            "every reading is tried against a Danish lexicon (Stavekontrolden) and the file's "
            "own words. Where both ø and æ give a word (`lÅ,ses`: løses or læses), only context "
            "decides: the same word pair intact elsewhere in the file, or one reading being "
            "several hundred times as frequent. The space after `Å,` is read as the font's when "
            "joining gives a compound (`miljÅ, problemer` = miljøproblemer: Danish writes "
            "compounds as one word), and as a real word break before a function word "
            "(`miljÅ, for` = miljø for); the font adds it mostly before d and g. A word takes "
            "a capital when the lexicon knows it only so (`Ærø`) or when it stands by a "
            "capitalised word of a name (`Østre Landsret`); otherwise, in mid-sentence, the case "
            "of a first letter is open unless the file or the word's common use settles it. "
            "`Å, ` at the start of a word (`Å, nsker`) is repaired when exactly one reading is "
            "a word; a real `Å` (the river in `Skjern Å, der ...`) is never touched. `--fix` "
            "repairs only where the evidence decides; otherwise the readings are shown as "
            "suggestions and `--unsafe-fixes` applies the best guess. Names and unknown words "
            "likewise.",
        },
        messages={
            "default": {
                "da": "tabsgivende tegnfejl `{found}`, skal være `{repaired}`",
                "en": "lossy character damage `{found}`, should read `{repaired}`",
            },
            "ambiguous": {
                "da": "tabsgivende tegnfejl `{found}`: flere mulige læsninger ({candidates}); "
                "bedste gæt `{repaired}` rettes kun med --unsafe-fixes",
                "en": "lossy character damage `{found}`: several possible readings "
                "({candidates}); the best guess `{repaired}` is applied only with --unsafe-fixes",
            },
            "unknown": {
                "da": "tabsgivende tegnfejl `{found}`: ingen kendt læsning; bedste gæt "
                "`{repaired}` rettes kun med --unsafe-fixes",
                "en": "lossy character damage `{found}`: no known reading; the best guess "
                "`{repaired}` is applied only with --unsafe-fixes",
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
