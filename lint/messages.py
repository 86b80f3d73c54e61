"""Every text the tool itself shows a user, in Danish and English, in one place.

The rules' own texts (summary, explanation, finding messages) live in each rule's
declaration; everything else a user reads (severity names, --list-rules and --explain
labels, problems with files, the summary, error lines, the HTML page's words) is here.
A test checks that every key has both languages with the same placeholders.

A plural is written `one|many` and chosen by the `n` argument.
"""

from __future__ import annotations

from collections import namedtuple

# typing only for the type checker: importing it costs every run start-up time
TYPE_CHECKING = False
if TYPE_CHECKING:
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
    "list.fixable": {"da": "ret", "en": "fix"},
    "explain.code": {"da": "Kode", "en": "Code"},
    "explain.severity": {"da": "Alvor", "en": "Severity"},
    "explain.fixable": {"da": "Kan rettes automatisk", "en": "Fixable"},
    "explain.options": {"da": "Indstillinger", "en": "Options"},
    "yes": {"da": "ja", "en": "yes"},
    "no": {"da": "nej", "en": "no"},
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
        "da": "--{option}: ingen regel passer til {selector!r} (se --list-rules)",
        "en": "--{option}: no rule matches {selector!r} (see --list-rules)",
    },
    "usage.unknown-rule": {
        "da": "ukendt regel {key!r} (se --list-rules)",
        "en": "unknown rule {key!r} (see --list-rules)",
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
    "baseline.written": {
        "da": "Skrev {findings} i {files} til baseline {file}.",
        "en": "Wrote {findings} in {files} to baseline {file}.",
    },
}


def text(key: str, lang: str, /, **args: Any) -> str:
    """The text `key` in `lang`, filled in; `n` picks the singular or plural form."""
    template = TEXTS[key].get(lang) or TEXTS[key]["en"]
    if "|" in template:
        one, many = template.split("|", 1)
        template = one if args.get("n") == 1 else many
    return template.format(**args)


class Message(namedtuple("Message", "key args")):
    """A text for the user, kept as its key and arguments until the language is known
    (a problem found in a worker process is worded by the reporter)."""

    __slots__ = ()
    key: str
    args: dict[str, Any]

    def __new__(cls, message_key: str, /, **args: Any) -> Message:
        return super().__new__(cls, message_key, args)

    def __reduce__(self):  # picklable for worker processes despite the keyword-only __new__
        return (_message, (self.key, self.args))

    def __str__(self) -> str:
        return self.render("en")

    def render(self, lang: str) -> str:
        return text(self.key, lang, **self.args)


def _message(key: str, args: dict[str, Any]) -> Message:
    return Message(key, **args)


def say(message: object, lang: str) -> str:
    """A Message in `lang`; any other object (a plain string) as it is."""
    return message.render(lang) if isinstance(message, Message) else str(message)
