"""Encoding rules: mis-decoded text, the lossy broken-font pattern, files not in UTF-8."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from referat_lint.checking.findings import (
    Applicability,
    Edit,
    Finding,
    Fix,
    FixAvailability,
    Severity,
    Stage,
)
from referat_lint.checking.rule import Context, Rule
from referat_lint.repair import lines as line_repair
from referat_lint.repair.lines import changed_regions, may_hold_lossy, repair_line

if TYPE_CHECKING:
    from referat_lint.document.model import Text
    from referat_lint.repair.lossy import LossyRepair


class MojibakeRepair(NamedTuple):
    """One mis-decoded stretch of a line: 0-based columns [start, end), its repair."""

    line: int  # 1-based
    start: int
    end: int
    replacement: str
    safe: bool


def mojibake_repairs(text: Text) -> list[MojibakeRepair]:
    """The mojibake of a text, computed once per text: the mojibake rule reports it, and
    the control-character rule leaves a control character inside it to that finding."""
    return text.fact(_mojibake_repairs_of)


def _mojibake_repairs_of(text: Text) -> list[MojibakeRepair]:
    lossy_by_line = _lossy_by_line(text)
    lines = text.lines
    candidates = {n: lines[n - 1] for n in text.scanned_lines(line_repair.MOJIBAKE_SCAN)}
    candidates.update((index + 1, text.lines[index]) for index in lossy_by_line)
    found: list[MojibakeRepair] = []
    for number, line in sorted(candidates.items()):
        # The lossy pattern is repaired before ftfy sees the line: on its own ftfy would
        # read `pÅ¥` as the UTF-8 of `ť`.
        masked, substitutions = _mask(line, lossy_by_line.get(number - 1, ()))
        repair = repair_line(masked)
        if repair is None:
            continue
        for start, end, new_start, new_end in changed_regions(masked, repair.text):
            original = _unmask(start, end, substitutions)
            if original is None:  # touches a lossy repair: that finding covers it
                continue
            replacement = repair.text[new_start:new_end]
            found.append(MojibakeRepair(number, *original, replacement, repair.safe))
    return found


def check_mojibake(ctx: Context) -> Iterator[Finding]:
    text = ctx.text
    for repair in mojibake_repairs(text):
        offset = text.starts[repair.line - 1]
        applicability = Applicability.SAFE if repair.safe else Applicability.DISPLAY_ONLY
        edit = Edit(offset + repair.start, offset + repair.end, repair.replacement)
        found = text.lines[repair.line - 1][repair.start : repair.end]
        yield ctx.finding(
            text.span(repair.line, repair.start + 1, repair.end + 1),
            "default" if repair.safe else "foreign",
            fix=Fix((edit,), applicability),
            snippet=found,
            found=found,
            repaired=repair.replacement,
        )


def _lossy_repairs_of(text: Text) -> tuple[LossyRepair, ...]:
    """The lossy repairs of a text; the repair module and its lexicon load only for a text
    that shows the pattern (the common case pays for a substring test)."""
    if not may_hold_lossy(text.text):
        return ()
    from referat_lint.repair import lossy  # only a text that shows the pattern: 6 ms

    return lossy.repairs(text.text) if lossy.find(text.text) else ()


def _lossy_repairs(text: Text) -> tuple[LossyRepair, ...]:
    """The lossy repairs, computed once per text for the rules that read them."""
    return text.fact(_lossy_repairs_of)


def _lossy_by_line(text: Text) -> dict[int, list[LossyRepair]]:
    by_line: dict[int, list[LossyRepair]] = {}
    for repair in _lossy_repairs(text):
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
    for repair in _lossy_repairs(ctx.text):
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
        fix_availability=FixAvailability.ALWAYS,
        check=check_mojibake,
    ),
    Rule(
        code="RL102",
        name="mojibake-lossy",
        stage=Stage.ENCODING,
        severity=Severity.ERROR,
        fix_availability=FixAvailability.ALWAYS,
        check=check_lossy,
    ),
    Rule(
        code="RL103",
        name="file-encoding",
        stage=Stage.ENCODING,
        severity=Severity.ERROR,
        fix_availability=FixAvailability.ALWAYS,
        check=check_file_encoding,
    ),
]
