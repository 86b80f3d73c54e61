"""Characters the encoding repair leaves alone on purpose, reported as their own findings:
HTML entities and control characters. Nothing here is fixed automatically."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from referat_lint.findings import Finding, Severity, Stage
from referat_lint.rule import Context, Rule

_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
# C0 controls but tab and form feed (page breaks in exported minutes), DEL, C1 controls,
# a byte-order mark inside the text, and the replacement character (text already lost).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufeff\ufffd]")


def _unescape(entity: str) -> str:
    import html  # its table of 2,000 entities loads only for a text that holds `&...;`

    return html.unescape(entity)


def check_html_entity(ctx: Context) -> Iterator[Finding]:
    for number, line in ctx.text.lines_with(_ENTITY):
        for match in _ENTITY.finditer(line):
            entity = match.group()
            shown = _unescape(entity)
            if shown == entity:
                continue
            span = ctx.text.span(number, match.start() + 1, match.end() + 1)
            yield ctx.finding(span, snippet=entity, found=entity, shown=shown)


def check_control_character(ctx: Context) -> Iterator[Finding]:
    for number, line in ctx.text.lines_with(_CONTROL):
        for match in _CONTROL.finditer(line):
            char = match.group()
            name = unicodedata.name(char, "CONTROL")
            span = ctx.text.span(number, match.start() + 1, match.end() + 1)
            yield ctx.finding(span, snippet=char, code=f"U+{ord(char):04X}", name=name)


RULES = [
    Rule(
        code="RL104",
        name="html-entity",
        stage=Stage.ENCODING,
        severity=Severity.WARNING,
        summary={
            "da": "HTML-entitet i teksten, fx `&amp;` for &",
            "en": "HTML entity in the text, e.g. `&amp;` for &",
        },
        explanation={
            "da": "En HTML-entitet (`&amp;`, `&oslash;`, `&#248;`) er rester fra en webeksport. "
            "Reglen retter den ikke: en entitet kan stå med vilje, og kodningsreparationen "
            "ændrer aldrig andet end forkert afkodet tekst.",
            "en": "An HTML entity (`&amp;`, `&oslash;`, `&#248;`) is residue of a web export. "
            "The rule does not change it: an entity can be meant, and the encoding repair "
            "never changes anything but mis-decoded text.",
        },
        messages={
            "default": {
                "da": "HTML-entitet `{found}` (vises som `{shown}`)",
                "en": "HTML entity `{found}` (shows as `{shown}`)",
            },
        },
        check=check_html_entity,
    ),
    Rule(
        code="RL105",
        name="control-character",
        stage=Stage.ENCODING,
        severity=Severity.WARNING,
        summary={
            "da": "Kontroltegn eller erstatningstegn (�) i teksten",
            "en": "Control character or replacement character (�) in the text",
        },
        explanation={
            "da": "Kontroltegn (C0 undtagen tabulator og sideskift, DEL, C1), et byte-order "
            "mark inde i teksten og erstatningstegnet U+FFFD hører ikke hjemme i et referat; "
            "U+FFFD betyder, at tekst allerede er gået tabt. Reglen viser dem; den fjerner dem "
            "ikke.",
            "en": "Control characters (C0 but tab and form feed, DEL, C1), a byte-order mark "
            "inside the text and the replacement character U+FFFD do not belong in minutes; "
            "U+FFFD means text was already lost. The rule shows them; it does not remove them.",
        },
        messages={
            "default": {
                "da": "tegnet {code} ({name})",
                "en": "character {code} ({name})",
            },
        },
        check=check_control_character,
    ),
]
