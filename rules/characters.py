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
        check=check_html_entity,
    ),
    Rule(
        code="RL105",
        name="control-character",
        stage=Stage.ENCODING,
        severity=Severity.WARNING,
        check=check_control_character,
    ),
]
