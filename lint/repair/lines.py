"""Line-level repair of mis-decoded text (mojibake): ftfy restricted to encoding repair,
plus the Danish pairs ftfy declines, plus detection of the lossy PDF-font pattern."""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from referat_lint.input.line_scan import LineScan
from referat_lint.input.regex_cache import regex
from referat_lint.repair.ftfy_loader import load_ftfy

if TYPE_CHECKING:
    from ftfy import TextFixerConfig

# Mis-decoded UTF-8 always shows as two or more non-ASCII characters in a row (each byte of
# a multi-byte sequence is >= 0x80, and every single-byte code page ftfy knows shows such a
# byte as a non-ASCII character); cp1252 text read as Latin-1 shows C1 controls. A line with
# neither cannot hold mojibake, so the ftfy call, by far the most expensive step, is skipped
# for it (most lines of minutes). tests/rules/test_prefilter.py checks this against the slow path.
# Written so that the engine tests one character class at most positions (four times as
# fast as the plain alternation `[^\x00-\x7f]{2}|[\x80-\x9f]`, which it equals).
# `Â`/`Ã` before a plain space: ftfy reads the space as a no-break space that lost its lead byte.
MOJIBAKE_CANDIDATE = regex("[^\x00-\x7f](?:[^\x00-\x7f]|(?<=[\x80-\x9f])|(?<=[ÂÃ]) )")
# The lines holding a candidate, found by RE2 (line_scan.py): two non-ASCII characters in a
# row, a C1 control, or `Â`/`Ã` before a space (the same lines; RE2 has no look-behind).
MOJIBAKE_SCAN = LineScan(
    MOJIBAKE_CANDIDATE, "[^\\x00-\\x7f][^\\x00-\\x7f]|[\\x{80}-\\x{9f}]|[\\x{c2}\\x{c3}] "
)

# Pairs ftfy leaves alone on purpose (too risky for text in general), safe in Danish
# minutes when they touch a letter: cp1252 renderings of the UTF-8 bytes of Å Ø Æ å ø æ.
_DANISH_PAIRS = {"Ã…": "Å", "Ã˜": "Ø", "Ã†": "Æ", "Ã¥": "å", "Ã¸": "ø", "Ã¦": "æ"}
_DANISH_PAIR = regex(r"(?<=[^\W\d_])(?:Ã[…˜†¥¸¦])|(?:Ã[…˜†¥¸¦])(?=[^\W\d_])")
# `Ã…` as a word of its own is the river `Å` (`Skjern Ã…, der ...`): a capital A with a
# tilde followed by an ellipsis is not Danish.
_DANISH_Å_WORD = regex(r"(?<![^\W\d_])Ã…(?![^\W\d_])")

# Scripts that never belong in Danish minutes: a "repair" that brings them in is wrong.
_FOREIGN_SCRIPTS = ("CJK", "CYRILLIC", "HIRAGANA", "KATAKANA", "HANGUL", "ARABIC", "HEBREW")


_MAX_DIFFED_LINE = 4096


@cache
def _ftfy_config() -> TextFixerConfig:
    # Loaded here: ftfy costs a third of start-up time and most files never need it.
    ftfy = load_ftfy()

    # Encoding repair only: every other ftfy fix would change text that was right
    # (quotes, ligatures, widths, line breaks, controls, HTML entities, NFC). restore_byte_a0
    # turns `Skjern Å løber` into mojibake fodder and replace_lossy_sequences guesses.
    config: TextFixerConfig = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=False,
        replace_lossy_sequences=False,
        decode_inconsistent_utf8=True,
        fix_c1_controls=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
    return config


def may_hold_lossy(text: str) -> bool:
    """Cheap test for the lossy broken-font pattern (`Å¥`, `Å,`); see lint/repair/lossy.py."""
    # Each `Å` found by a one-character search, the character after it read: a search for
    # `Å,` as a whole steps through the text by its last character, and commas are common.
    at = text.find("Å")
    while at >= 0:
        if text[at + 1 : at + 2] in ("¥", ","):
            return True
        at = text.find("Å", at + 1)
    return False


def might_hold_mojibake(line: str) -> bool:
    """Cheap pre-filter: can this line hold classic mojibake at all?"""
    return not line.isascii() and MOJIBAKE_CANDIDATE.search(line) is not None


class LineRepair(NamedTuple):
    """The repaired line, and whether it is safe to apply unattended."""

    text: str
    safe: bool


def repair_line(line: str) -> LineRepair | None:
    """Repair classic mojibake in one whole line; None when there is nothing to repair."""
    if not might_hold_mojibake(line):
        return None
    repaired = load_ftfy().fix_encoding(line, _ftfy_config())  # only a damaged line
    repaired = _DANISH_PAIR.sub(lambda m: _DANISH_PAIRS[m.group()], repaired)
    repaired = _DANISH_Å_WORD.sub("Å", repaired)
    if repaired == line:
        return None
    return LineRepair(repaired, safe=not _brings_in_foreign(line, repaired))


def _brings_in_foreign(before: str, after: str) -> bool:
    """True when `after` has characters of a foreign script or emoji that `before` lacked."""
    new = set(after) - set(before)
    for char in new:
        if ord(char) >= 0x1F000:
            return True
        name = unicodedata.name(char, "")
        if name.startswith(_FOREIGN_SCRIPTS):
            return True
    return False


def changed_regions(before: str, after: str) -> list[tuple[int, int, int, int]]:
    """(start, end) in `before` and (start, end) in `after` of each part that differs."""
    start, end, new_end = changed_region(before, after)
    if len(before) > _MAX_DIFFED_LINE:  # difflib is quadratic; one region is still right
        return [(start, end, start, new_end)]
    # Only the stretch from the first to the last difference is diffed: what surrounds it
    # is equal, and difflib's time grows with the square of what it is given.
    opcodes = SequenceMatcher(
        None, before[start:end], after[start:new_end], autojunk=False
    ).get_opcodes()
    return [
        (start + i1, start + i2, start + j1, start + j2)
        for tag, i1, i2, j1, j2 in opcodes
        if tag != "equal"
    ]


def changed_region(before: str, after: str) -> tuple[int, int, int]:
    """(start, end in before, end in after) of the part that differs."""
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end_before, end_after = len(before), len(after)
    while (
        end_before > start and end_after > start and before[end_before - 1] == after[end_after - 1]
    ):
        end_before -= 1
        end_after -= 1
    return start, end_before, end_after
