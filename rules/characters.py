"""Characters the encoding repair leaves alone on purpose, reported as their own findings:
HTML entities and control characters. Nothing here is fixed automatically."""

from __future__ import annotations

from collections.abc import Iterator

from referat_lint.checking.findings import Finding, Severity, Stage
from referat_lint.checking.rule import Context, Rule
from referat_lint.input.regex_cache import regex
from referat_lint.rules.encoding import mojibake_repairs

_ENTITY = regex(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
# C0 controls but tab and form feed (page breaks in exported minutes), DEL, C1 controls,
# a byte-order mark inside the text, and the replacement character (text already lost).
_CONTROL = regex("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufeff\ufffd]")


def _unescape(entity: str) -> str:
    import html  # its table of 2,000 entities loads only for a text that holds `&...;`

    return html.unescape(entity)


def check_html_entity(ctx: Context) -> Iterator[Finding]:
    if "&" not in ctx.text.text:  # most minutes: one substring test, no line searched
        return
    for number, line in ctx.text.rare_lines_with(_ENTITY):
        for match in _ENTITY.finditer(line):
            entity = match.group()
            shown = _unescape(entity)
            if shown == entity:
                continue
            span = ctx.text.span(number, match.start() + 1, match.end() + 1)
            yield ctx.finding(span, snippet=entity, found=entity, shown=shown)


# Message keys for the characters with a plain name of their own; any other is "an
# invisible control character". (A C1 control that Windows-1252 maps to a printable
# character is always part of a mojibake finding, which names what was meant.)
_NAMED = {
    "\x00": "null",
    "\x08": "backspace",
    "\x0b": "vertical-tab",
    "\x1b": "escape",
    "\x7f": "delete",
    "\ufeff": "byte-order-mark",
    "\ufffd": "replacement",
}


def check_control_character(ctx: Context) -> Iterator[Finding]:
    inside_mojibake: dict[int, list[tuple[int, int]]] | None = None
    for number, line in ctx.text.rare_lines_with(_CONTROL):
        for match in _CONTROL.finditer(line):
            char = match.group()
            if "\x80" <= char <= "\x9f":
                # One finding per damaged spot: `Ã` and U+0085 are a broken `Å`, which the
                # mojibake finding reports and repairs.
                if inside_mojibake is None:
                    inside_mojibake = _mojibake_columns(ctx)
                column = match.start()
                if any(s <= column < e for s, e in inside_mojibake.get(number, ())):
                    continue
            span = ctx.text.span(number, match.start() + 1, match.end() + 1)
            key = _NAMED.get(char, "default")
            yield ctx.finding(span, key, snippet=char, code=f"U+{ord(char):04X}")


def _mojibake_columns(ctx: Context) -> dict[int, list[tuple[int, int]]]:
    columns: dict[int, list[tuple[int, int]]] = {}
    for repair in mojibake_repairs(ctx.text):
        columns.setdefault(repair.line, []).append((repair.start, repair.end))
    return columns


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
