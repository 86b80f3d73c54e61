"""Every text the tool itself shows a user, in Danish and English, in one place.

The rules' own texts (summary, explanation, finding messages) are data beside the rules
(rules/<module>.toml); everything else a user reads (severity names, --list-rules and --explain
labels, problems with files, the summary, error lines, the HTML page's words) is here.
A test checks that every key has both languages with the same placeholders.

A plural is written `one|many` and chosen by the `n` argument.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

TEXTS: dict[str, dict[str, str]] = {
    # severities, as text output, --list-rules and --explain show them
    "severity.error": {"da": "fejl", "en": "error"},
    "severity.warning": {"da": "advarsel", "en": "warning"},
    "severity.info": {"da": "info", "en": "info"},
    # the prefix of a line on stderr
    "level.error": {"da": "fejl", "en": "error"},
    "level.warning": {"da": "advarsel", "en": "warning"},
    # --list-rules and --explain
    "list.fix.always": {"da": "ret", "en": "fix"},
    "list.fix.sometimes": {"da": "ret?", "en": "fix?"},
    "explain.code": {"da": "Kode", "en": "Code"},
    "explain.severity": {"da": "Alvor", "en": "Severity"},
    "explain.fix": {"da": "Kan rettes automatisk", "en": "Fix available"},
    "fix.always": {"da": "altid", "en": "always"},
    "fix.sometimes": {"da": "nogle gange", "en": "sometimes"},
    "fix.never": {"da": "aldrig", "en": "never"},
    "explain.options": {"da": "Indstillinger", "en": "Options"},
    "explain.bad": {"da": "Eksempel, forkert", "en": "Example, bad"},
    "explain.good": {"da": "Eksempel, rigtigt", "en": "Example, good"},
    "explain.saved-as": {"da": "gemt som {encoding}", "en": "saved as {encoding}"},
    # problems with a file or a named path (one line on stderr, and in every report)
    "problem.no-such-path": {
        "da": "filen eller mappen findes ikke",
        "en": "no such file or folder",
    },
    "problem.no-minutes-in-folder": {
        "da": "ingen referatfiler ({patterns}) i denne mappe",
        "en": "no minutes files ({patterns}) in this folder",
    },
    "problem.empty": {"da": "tom fil, intet at kontrollere", "en": "empty file, nothing to check"},
    "problem.cannot-read": {"da": "kan ikke læses: {reason}", "en": "cannot read: {reason}"},
    "problem.too-large": {
        "da": "filen er for stor ({size} MB, grænsen er {limit} MB)",
        "en": "file too large ({size} MB, limit {limit} MB)",
    },
    "problem.binary": {
        "da": "binær fil (indeholder NUL-byte)",
        "en": "binary file (contains NUL bytes)",
    },
    "problem.bad-bom": {
        "da": "begynder med en {encoding}-BOM, men er ikke {encoding}",
        "en": "starts with a {encoding} BOM but is not {encoding}",
    },
    "problem.not-text": {
        "da": "ikke tekst i UTF-8 eller en kendt dansk tegntabel",
        "en": "not text in UTF-8 or a known Danish code page",
    },
    "problem.internal": {
        "da": "intern fejl ({error}); rapportér den venligst",
        "en": "internal error ({error}); please report it",
    },
    "problem.cannot-encode": {
        "da": "den rettede tekst kan ikke gemmes som {encoding}",
        "en": "the repaired text cannot be written back as {encoding}",
    },
    "problem.cannot-write": {"da": "kan ikke skrive: {reason}", "en": "cannot write: {reason}"},
    "problem.cannot-write-text": {
        "da": "kan ikke skrive teksten til {destination}: {reason}",
        "en": "cannot write the text to {destination}: {reason}",
    },
    "problem.needs-extra": {
        "da": "kontrol af en {kind}-fil kræver {package}: pip install 'referat-lint[{extra}]'",
        "en": "checking a {kind} file needs {package}: pip install 'referat-lint[{extra}]'",
    },
    "problem.encrypted-pdf": {
        "da": "krypteret PDF: kan ikke læses uden adgangskoden",
        "en": "encrypted PDF: cannot read it without the password",
    },
    "problem.unreadable-pdf": {
        "da": "kan ikke læse denne PDF: {error}",
        "en": "cannot read this PDF: {error}",
    },
    "problem.bad-pdf": {
        "da": "ikke en læsbar PDF ({error})",
        "en": "not a readable PDF ({error})",
    },
    "problem.bad-docx": {
        "da": "ikke en læsbar DOCX-fil ({error})",
        "en": "not a readable DOCX file ({error})",
    },
    # notes on stderr about what --fix did with a PDF or DOCX
    "note.document-unchanged": {
        "da": "en {kind} ændres aldrig; --fix-text-to MAPPE skriver dens rettede tekst",
        "en": "a {kind} is never changed; --fix-text-to DIR writes its repaired text",
    },
    "note.text-written": {
        "da": "{kind}-filen er uændret; dens rettede tekst er i {destination}",
        "en": "the {kind} is unchanged; its repaired text is in {destination}",
    },
    # the summary line of the text output
    "summary.fixed": {
        "da": "Rettede {n} problem|Rettede {n} problemer",
        "en": "Fixed {n} problem|Fixed {n} problems",
    },
    "summary.found": {
        "da": "Fandt {problems} i {files_with} af {files}",
        "en": "Found {problems} in {files_with} of {files}",
    },
    "summary.fixable": {"da": " ({n} kan rettes med --fix)", "en": " ({n} fixable with --fix)"},
    "summary.fixable-hook": {
        "da": " ({n} kan rettes af pre-commit-hooken referat-lint-fix)",
        "en": " ({n} fixable by the pre-commit hook referat-lint-fix)",
    },
    "summary.would-fix": {
        "da": "--fix ville rette {n} problem i {files}.|--fix ville rette {n} problemer i {files}.",
        "en": "--fix would fix {n} problem in {files}.|--fix would fix {n} problems in {files}.",
    },
    "summary.diff-hidden": {
        "da": "{n} ændring på en linje med personoplysninger er ikke vist; kør --fix."
        "|{n} ændringer på linjer med personoplysninger er ikke vist; kør --fix.",
        "en": "{n} change on a line with personal data not shown; run --fix."
        "|{n} changes on lines with personal data not shown; run --fix.",
    },
    "summary.clean": {"da": "Ingen problemer i {files}.", "en": "No problems in {files}."},
    "summary.notes": {
        "da": "{n} note (info).|{n} noter (info).",
        "en": "{n} note (info).|{n} notes (info).",
    },
    "summary.errors": {
        "da": "{n} fil kunne ikke kontrolleres.|{n} filer kunne ikke kontrolleres.",
        "en": "{n} file could not be checked.|{n} files could not be checked.",
    },
    "summary.baseline": {
        "da": "{n} kendt fund fra baseline er udeladt.|{n} kendte fund fra baseline er udeladt.",
        "en": "{n} known finding from the baseline left out.|{n} known findings from the "
        "baseline left out.",
    },
    "count.problem": {"da": "{n} problem|{n} problemer", "en": "{n} problem|{n} problems"},
    "count.file": {"da": "{n} fil|{n} filer", "en": "{n} file|{n} files"},
    "count.finding": {"da": "{n} fund|{n} fund", "en": "{n} finding|{n} findings"},
    # --statistics and --show-fixes
    "statistics.fixable": {"da": "[*] kan rettes med --fix", "en": "[*] fixable with --fix"},
    "fixes.header": {
        "da": "Rettede {n} problem:|Rettede {n} problemer:",
        "en": "Fixed {n} problem:|Fixed {n} problems:",
    },
    # error lines
    "usage.no-path": {
        "da": "ingen STI angivet (prøv: referat-lint .)",
        "en": "no PATH given (try: referat-lint .)",
    },
    "usage.html-output": {
        "da": "--format html skriver en side: angiv --output FIL (fx -o rapport.html)",
        "en": "--format html writes a page: give --output FILE (e.g. -o report.html)",
    },
    "usage.unsafe": {
        "da": "--unsafe-fixes hører sammen med --fix eller --diff",
        "en": "--unsafe-fixes goes with --fix or --diff",
    },
    "usage.fix-text-to": {
        "da": "--fix-text-to hører sammen med --fix",
        "en": "--fix-text-to goes with --fix",
    },
    "usage.write-baseline": {
        "da": "--write-baseline bruges uden --baseline, --fix og --diff",
        "en": "--write-baseline goes without --baseline, --fix and --diff",
    },
    "usage.jobs": {"da": "--jobs skal være mindst 1", "en": "--jobs must be at least 1"},
    "usage.config-missing": {
        "da": "konfigurationsfilen findes ikke: {path}",
        "en": "config file not found: {path}",
    },
    "usage.no-rule-matches": {
        "da": "--{option}: ingen regel passer til {selector!r}{hint} (se --list-rules)",
        "en": "--{option}: no rule matches {selector!r}{hint} (see --list-rules)",
    },
    "usage.unknown-rule": {
        "da": "ukendt regel {key!r}{hint} (se --list-rules)",
        "en": "unknown rule {key!r}{hint} (see --list-rules)",
    },
    "usage.cannot-write-output": {
        "da": "kan ikke skrive {path}: {reason}",
        "en": "cannot write {path}: {reason}",
    },
    "config.cannot-read": {
        "da": "{path}: kan ikke læse konfigurationen: {reason}",
        "en": "{path}: cannot read config: {reason}",
    },
    "config.not-utf8": {
        "da": "{path}: konfigurationen er ikke UTF-8",
        "en": "{path}: config is not UTF-8",
    },
    "config.invalid-toml": {
        "da": "{path}: ugyldig TOML: {reason}",
        "en": "{path}: invalid TOML: {reason}",
    },
    "config.no-tool-table": {
        "da": "{path}: [tool] har ingen [tool.referat-lint]-tabel",
        "en": "{path}: [tool] holds no [tool.referat-lint] table",
    },
    "config.both-tables": {
        "da": "{path}: indstillinger både øverst og i [tool.referat-lint]; brug den ene",
        "en": "{path}: settings both at the top level and in [tool.referat-lint]; use one",
    },
    "config.no-rule-matches": {
        "da": "{where}{key}: ingen regel passer til {selector!r}{hint}",
        "en": "{where}{key}: no rule matches {selector!r}{hint}",
    },
    "config.unknown-rule": {
        "da": "{where}ukendt regel {name!r}{hint} (se --list-rules)",
        "en": "{where}unknown rule {name!r}{hint} (see --list-rules)",
    },
    "config.unknown-option": {
        "da": "{where}rules.{name}: ukendt indstilling {option!r}{hint} (kendte: {known})",
        "en": "{where}rules.{name}: unknown option {option!r}{hint} (known: {known})",
    },
    "config.unknown-key": {
        "da": "{where}ukendt nøgle {key!r}{hint}",
        "en": "{where}unknown key {key!r}{hint}",
    },
    "config.invalid-value": {
        "da": "{where}{location}: ugyldig værdi ({reason})",
        "en": "{where}{location}: invalid value ({reason})",
    },
    "docs.generated": {
        "da": "skrevet af python -m referat_lint.out.docs README.md; ret reglens tekster,"
        " ikke filen",
        "en": "written by python -m referat_lint.out.docs README.md; edit the rule's texts, not it",
    },
    "config.value-type": {
        "da": "{where}{location}: skal være {expected}",
        "en": "{where}{location}: expected {expected}",
    },
    "type.array": {"da": "en liste", "en": "a list"},
    "type.object": {"da": "en tabel", "en": "a table"},
    "type.string": {"da": "en tekst", "en": "a string"},
    "type.integer": {"da": "et heltal", "en": "an integer"},
    "type.boolean": {"da": "true eller false", "en": "true or false"},
    "config.value-choice": {
        "da": "{where}{location}: {value!r} er ikke en af {choices}{hint}",
        "en": "{where}{location}: {value!r} is not one of {choices}{hint}",
    },
    "hint.did-you-mean": {"da": " (mente du {name!r}?)", "en": " (did you mean {name!r}?)"},
    "config.wrong-type": {
        "da": "{where}rules.{name}.{option}: skal være {expected}",
        "en": "{where}rules.{name}.{option}: expected {expected}",
    },
    "config.bad-pattern": {
        "da": "{where}case-number-patterns.{name}: ugyldigt mønster: {reason}",
        "en": "{where}case-number-patterns.{name}: bad pattern: {reason}",
    },
    "baseline.cannot-write": {
        "da": "kan ikke skrive baseline {file}: {reason}",
        "en": "cannot write baseline {file}: {reason}",
    },
    "baseline.not-found": {
        "da": "baseline-filen findes ikke: {file}",
        "en": "baseline file not found: {file}",
    },
    "baseline.cannot-read": {
        "da": "kan ikke læse baseline {file}: {reason}",
        "en": "cannot read baseline {file}: {reason}",
    },
    "baseline.invalid-json": {
        "da": "{file}: ikke en baseline (ugyldig JSON)",
        "en": "{file}: not a baseline (invalid JSON)",
    },
    "baseline.invalid": {
        "da": "{file}: ikke en baseline ({problem})",
        "en": "{file}: not a baseline ({problem})",
    },
    "baseline.written": {
        "da": "Skrev {findings} i {files} til baseline {file}.",
        "en": "Wrote {findings} in {files} to baseline {file}.",
    },
    # SARIF: how a fix is applied
    "sarif.safe": {
        "da": "Sikker rettelse; `referat-lint --fix` udfører den",
        "en": "Safe fix; `referat-lint --fix` applies it",
    },
    "sarif.unsafe": {
        "da": "Usikker rettelse; udføres kun med `--fix --unsafe-fixes`",
        "en": "Unsafe fix; applied only with `--fix --unsafe-fixes`",
    },
    "sarif.display-only": {
        "da": "Forslag; udføres aldrig automatisk",
        "en": "Suggestion; never applied automatically",
    },
    "sarif.suggestion": {
        "da": "Anden mulig læsning `{reading}`; vælges i hånden, udføres aldrig automatisk",
        "en": "Other possible reading `{reading}`; to choose by hand, never applied",
    },
    "sarif.fix.always": {
        "da": "`referat-lint --fix` retter fejlen, hvor rettelsen er sikker.",
        "en": "`referat-lint --fix` repairs this where the repair is safe.",
    },
    "sarif.fix.sometimes": {
        "da": "`referat-lint --fix` retter fejlen i nogle tilfælde, hvor rettelsen er sikker; "
        "ellers skal den rettes i hånden.",
        "en": "`referat-lint --fix` repairs this in some cases, where the repair is safe; "
        "otherwise it must be corrected by hand.",
    },
    "sarif.fix.never": {
        "da": "Denne fejl skal rettes i hånden.",
        "en": "This must be corrected by hand.",
    },
    # The HTML review page, for records staff: plain words, no command-line options.
    "html.title": {"da": "Kontrol af referater", "en": "Minutes check"},
    "html.generated": {
        "da": "Dannet af referat-lint {version} den {date}.",
        "en": "Made by referat-lint {version} on {date}.",
    },
    "html.skip": {"da": "Spring til fundene", "en": "Skip to the findings"},
    "html.summary": {"da": "Oversigt", "en": "Summary"},
    "html.files_checked": {"da": "Filer kontrolleret", "en": "Files checked"},
    "html.files_clean": {"da": "Filer uden fund", "en": "Files without findings"},
    "html.findings": {"da": "Fund", "en": "Findings"},
    "html.fixable": {"da": "Rettes automatisk", "en": "Repaired automatically"},
    "html.manual": {"da": "Skal rettes af en person", "en": "Need a person"},
    "html.not_minutes": {"da": "Ikke referater", "en": "Not minutes"},
    "html.fixed": {"da": "Rettet automatisk", "en": "Fixed automatically"},
    "html.known": {"da": "Kendte fund, der ikke vises", "en": "Known findings not shown"},
    "html.not_checked": {
        "da": "Filer, der ikke kunne kontrolleres",
        "en": "Files that could not be checked",
    },
    "html.clean_list": {"da": "Filer uden fund", "en": "Files without findings"},
    "html.rule": {"da": "Regel", "en": "Rule"},
    "html.total": {"da": "I alt", "en": "Total"},
    "html.problems_list": {
        "da": "Filer, der ikke kunne kontrolleres eller blev sprunget over",
        "en": "Files that could not be checked or were skipped",
    },
    "html.none": {"da": "Ingen.", "en": "None."},
    "html.no_findings": {
        "da": "Ingen fund: alle filer er i orden.",
        "en": "No findings: every file is in order.",
    },
    "html.filters": {"da": "Vis kun nogle af fundene", "en": "Show only some findings"},
    "html.all_rules": {"da": "Alle regler", "en": "All rules"},
    "html.severity": {"da": "Alvor", "en": "Severity"},
    "html.all_severities": {"da": "Alle", "en": "All"},
    "html.file": {"da": "Fil", "en": "File"},
    "html.all_files": {"da": "Alle filer", "en": "All files"},
    "html.all_fixes": {"da": "Alle", "en": "All"},
    "html.search": {"da": "Søg", "en": "Search"},
    "html.search_hint": {"da": "fx et ord fra teksten", "en": "e.g. a word from the text"},
    "html.reset": {"da": "Vis alle", "en": "Show all"},
    "html.status": {
        "da": "Viser {shown} af {total} fund.|Viser {shown} af {total} fund.",
        "en": "Showing {shown} of {total} finding.|Showing {shown} of {total} findings.",
    },
    "html.findings_in": {"da": "Fund i {path}", "en": "Findings in {path}"},
    "html.file_meta": {
        "da": "{n} fund · tegnsæt {encoding}|{n} fund · tegnsæt {encoding}",
        "en": "{n} finding · encoding {encoding}|{n} findings · encoding {encoding}",
    },
    "html.line": {"da": "Linje", "en": "Line"},
    "html.page": {"da": "s. {page}", "en": "p. {page}"},
    "html.suggestions": {"da": "Andre mulige læsninger:", "en": "Other possible readings:"},
    "html.problem": {"da": "Hvad er galt", "en": "What is wrong"},
    "html.context": {
        "da": "Linje {first}–{last} i filen",
        "en": "Lines {first}–{last} of the file",
    },
    "html.before": {"da": "Før", "en": "Before"},
    "html.after": {"da": "Efter", "en": "After"},
    "html.change": {
        "da": "Sådan rettes linjen automatisk:",
        "en": "How the line is fixed automatically:",
    },
    "html.change_unsafe": {
        "da": "Forslag til rettelse, som skal kontrolleres først:",
        "en": "A suggested correction, to be checked first:",
    },
    "html.change_suggested": {
        "da": "Forslag, som ikke rettes automatisk (ret i sagssystemet):",
        "en": "A suggestion that is not applied automatically (correct in the case system):",
    },
    "html.reencode": {
        "da": "Filen gemmes automatisk som {target}.",
        "en": "The file is saved as {target} automatically.",
    },
    "html.reencode_suggested": {
        "da": "Forslag: gem filen som {target}; tegnsættet er for usikkert til at rette "
        "automatisk.",
        "en": "Suggestion: save the file as {target}; the encoding is too uncertain to fix "
        "automatically.",
    },
    # What to do about a finding, from what it is (lint/out/report/html_advice.py).
    "html.advice": {"da": "Hvad skal der gøres", "en": "What to do"},
    "html.advice_auto": {
        "da": "Intet at gøre i sagssystemet: referat-lint retter det automatisk, med "
        "rettefunktionen eller med referat-lint-fix ved næste commit.",
        "en": "Nothing to do in the case system: referat-lint repairs it automatically, "
        "in its fix mode or with referat-lint-fix at the next commit.",
    },
    "html.advice_review": {
        "da": "Se forslaget nedenfor efter, ret i sagssystemet og eksportér igen.",
        "en": "Check the suggestion below, fix it in the case system and export again.",
    },
    "html.advice_manual": {
        "da": "Ret i sagssystemet og eksportér igen.",
        "en": "Fix it in the case system and export again.",
    },
    "html.advice_none": {
        "da": "Ingen handling: filen er ikke et referat.",
        "en": "No action: the file is not minutes.",
    },
    "html.filter_auto": {"da": "Rettes automatisk", "en": "Repaired automatically"},
    "html.filter_manual": {"da": "Skal rettes af en person", "en": "Need a person"},
    # A file's status in the findings list: a word beside its colour.
    "html.status_error": {"da": "Skal rettes", "en": "Must be fixed"},
    "html.status_warning": {"da": "Bør ses efter", "en": "Should be checked"},
    "html.status_info": {"da": "Bemærkning", "en": "Note"},
    "html.status_auto": {"da": "Rettes automatisk", "en": "Repaired automatically"},
    "html.file_counts": {
        "da": "{manual} skal rettes af en person · {auto} rettes automatisk",
        "en": "{manual} need a person · {auto} repaired automatically",
    },
    "html.not_checked_list": {
        "da": "Ikke kontrolleret: filer, der ikke er referater ({n})|Ikke kontrolleret: "
        "filer, der ikke er referater ({n})",
        "en": "Not checked: a file that is not minutes ({n})|Not checked: files that are "
        "not minutes ({n})",
    },
    "html.clean_details": {"da": "Filer uden fund ({n})", "en": "Files without findings ({n})"},
    "html.chart_rule": {"da": "Fund pr. regel", "en": "Findings per rule"},
    "html.chart_year": {"da": "Fund pr. år", "en": "Findings per year"},
    "html.chart_committee": {"da": "Fund pr. udvalg", "en": "Findings per committee"},
    "html.chart_counts": {
        "da": "{manual} skal rettes · {auto} automatisk",
        "en": "{manual} to fix · {auto} automatic",
    },
    "html.chart_files": {"da": "{n} fil|{n} filer", "en": "{n} file|{n} files"},
    "html.chart_legend": {
        "da": "Rød: skal rettes af en person. Grøn: rettes automatisk.",
        "en": "Red: needs a person. Green: repaired automatically.",
    },
    "html.rules_section": {"da": "Om reglerne", "en": "About the rules"},
    "html.rule_fixable": {
        "da": "Rettes automatisk, hvor rettelsen er sikker; ellers i sagssystemet.",
        "en": "Repaired automatically where the repair is safe; otherwise in the case system.",
    },
    "html.rule_manual": {
        "da": "Rettes i sagssystemet, hvorefter referatet eksporteres igen.",
        "en": "Fixed in the case system, after which the minutes are exported again.",
    },
    "html.error": {"da": "Fejl", "en": "Error"},
    "html.warning": {"da": "Advarsel", "en": "Warning"},
    "html.info": {"da": "Bemærkning", "en": "Note"},
    "html.problem_error": {"da": "kunne ikke kontrolleres", "en": "could not be checked"},
    "html.problem_warning": {"da": "sprunget over", "en": "skipped"},
}


def text(key: str, lang: str, /, **args: Any) -> str:
    """The text `key` in `lang`, filled in; `n` picks the singular or plural form."""
    template = TEXTS[key].get(lang) or TEXTS[key]["en"]
    if "|" in template:
        one, many = template.split("|", 1)
        template = one if args.get("n") == 1 else many
    return template.format(**args)


class _MessageFields(NamedTuple):
    key: str
    args: dict[str, Any]


class Message(_MessageFields):
    """A text for the user, kept as its key and arguments until the language is known
    (a problem found in a worker process is worded by the reporter)."""

    __slots__ = ()

    def __new__(cls, message_key: str, /, **args: Any) -> Message:
        return super().__new__(cls, message_key, args)

    # Picklable for worker processes despite the keyword-only __new__.
    def __reduce__(self) -> tuple[Callable[..., Message], tuple[str, dict[str, Any]]]:
        return (_message, (self.key, self.args))

    def __str__(self) -> str:
        return self.render("en")

    def render(self, lang: str) -> str:
        args = {k: v.render(lang) if isinstance(v, Message) else v for k, v in self.args.items()}
        return text(self.key, lang, **args)


def _message(key: str, args: dict[str, Any]) -> Message:
    return Message(key, **args)


def say(message: object, lang: str) -> str:
    """A Message in `lang`; any other object (a plain string) as it is."""
    return message.render(lang) if isinstance(message, Message) else str(message)
