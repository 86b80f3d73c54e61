"""The CPR number: its one definition (shared by the `cpr-number` rule and the mask), and
the mask over a line, a fix's view and a diff. Everything that leaves the process reaches
it through privacy.py."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from referat_lint.checking.findings import FixView

# --- The CPR number --------------------------------------------------------------------
#
# DDMMYY-SSSS as Danish documents write it: the official hyphen or none, and what word
# processors and typists put in its place (en and em dash, minus sign, U+2010/U+2011, a
# space or no-break space, a slash, a dash between spaces), the date also written with dots
# or spaces (`17.03.85-1234`, then a dash must follow). A soft hyphen or a zero-width
# character may hide between any two characters. Digits are any Unicode decimal digit
# (fullwidth, Arabic-Indic) and superscript or subscript digits (the markup fix writes
# `^{...}` as those). The dash may be mojibake (UTF-8 read as Windows-1252 or Latin-1),
# which is how the damaged files this tool repairs show it. Not a CPR number: a tab, `_` or
# `--` between the parts, or a number glued to more digits (`326-2017-43971`, `1.000`).
_D = "[\\d\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089]"
_HIDDEN = "[\u00ad\u180e\u200b-\u200d\u2060\ufeff]*"
_SPACE = "[ \u00a0\u202f]"
_DASH = (
    "(?:[-\u2010-\u2014\u2212]"
    "|\u00e2\u20ac[\u201c\u201d\u2018\u2019\u0090]"  # U+2013, U+2014, U+2011 ... read as cp1252
    "|\u00e2\u0080[\u0090-\u0094]"  # ... read as Latin-1
    "|\u00e2\u02c6\u2019|\u00e2\u0088\u0092)"  # U+2212 read as cp1252, Latin-1
)
_DASH_SEPARATOR = f"{_SPACE}?{_DASH}{_SPACE}?"


def _spread(*parts: str) -> str:
    """`parts` with hidden characters allowed between them."""
    return _HIDDEN.join(parts)


CPR = re.compile(
    # The first digit before the look-behinds: the engine then skips to digits quickly.
    f"(?P<date>{_D}(?<!{_D}{_D})(?<!{_D}[-/.,]{_D}){_HIDDEN}{_D}"
    + f"(?:{_HIDDEN}(?P<dot>[. ]){_HIDDEN}"
    + _spread(_D, _D)
    + f"{_HIDDEN}(?P=dot){_HIDDEN}"
    + _spread(_D, _D)
    + f"|{_HIDDEN}"
    + _spread(_D, _D, _D, _D)
    + "))"
    + _HIDDEN
    + f"(?P<separator>(?(dot){_DASH_SEPARATOR}|(?:{_DASH_SEPARATOR}|{_SPACE}|/)?))"
    + _HIDDEN
    + "(?P<serial>"
    + _spread(_D, _D, _D, _D)
    + ")"
    + f"(?!{_HIDDEN}(?:[-/.,]{_HIDDEN})?{_D})"
)
# Kept for the rules that prefilter lines: a line holds a CPR number only where CPR matches.
SIX_DIGITS = CPR
_DIGIT = re.compile(_D)


def digits(text: str) -> str:
    """The decimal digits of `text` as ASCII (`¹⁷⁰３` -> `1703`), hidden characters dropped."""
    return "".join(str(unicodedata.digit(c)) for c in _DIGIT.findall(text))


def birth_date(date: str, serial: str) -> datetime.date | None:
    """The birth date a CPR number encodes, or None when it is not a real date. `date` and
    `serial` are the number's parts as written (any digit form, separators inside).

    The century follows from the 7th digit (the first of the serial): 0-3 the 1900s; 4 and 9
    2000-2036, else the 1900s; 5-8 2000-2057, else the 1800s.
    """
    date, serial = digits(date), digits(serial)
    day, month, year = int(date[:2]), int(date[2:4]), int(date[4:])
    seventh = int(serial[0])
    if seventh <= 3:
        century = 1900
    elif seventh in (4, 9):
        century = 2000 if year <= 36 else 1900
    else:
        century = 2000 if year <= 57 else 1800
    try:
        return datetime.date(century + year, month, day)
    except ValueError:
        return None


_HIDDEN_CHARS = frozenset("\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff")


def _glued(text: str, start: int) -> bool:
    """Whether more digits stand before `start`, hidden characters aside (the pattern's
    look-behind cannot skip them): then the number is part of a longer one."""
    while start > 0 and text[start - 1] in _HIDDEN_CHARS:
        start -= 1
    before = text[max(0, start - 2) : start]
    return bool(before) and (
        _DIGIT.match(before[-1]) is not None
        or (len(before) == 2 and before[1] in "-/.," and _DIGIT.match(before[0]) is not None)
    )


def is_cpr(match: re.Match[str]) -> bool:
    """Whether a match of `CPR` is a CPR number: a real date, not part of a longer number."""
    if birth_date(match["date"], match["serial"]) is None:
        return False
    return not _glued(match.string, match.start())


def _masked(match: re.Match[str]) -> str:
    # One x per digit: the text keeps its length, so columns and splits stay where they were.
    return _DIGIT.sub("x", match.group()) if is_cpr(match) else match.group()


def mask(text: str) -> str:
    """`text` with every CPR number (a real birth date) written as x's, its length kept.

    Wider than what `cpr-number` reports (labels like `Tlf.` are not consulted): masking a
    telephone number in a report costs nothing, printing a CPR number costs a breach.
    """
    if CPR.search(text) is None:  # nearly every string: one scan, no copy
        return text
    return CPR.sub(_masked, text)


def mask_digits(text: str) -> str:
    """`text` with every digit, in any form, written as x."""
    return _DIGIT.sub("x", text)


def mask_found(line: str, regions: Iterable[tuple[int, int]]) -> str:
    """A line where a rule found personal data in `regions` ([start, end) columns), masked on
    its text. The columns are those of the text the rule read, which a repair may have moved
    (`170385â€\x93...` read as `170385–...`): where the text's mask leaves a digit in a
    region, the rule saw a number the mask cannot see here, and every digit is masked."""
    masked = mask(line)
    if any(_DIGIT.search(masked, max(0, start), end) for start, end in regions):
        return mask_digits(masked)
    return masked


def mask_parts(parts: Sequence[str]) -> list[str]:
    """`parts` of one text masked as the whole text reads (a number split by the edits of a
    fix is still a number): masking keeps the length, so the parts are cut back out."""
    whole = mask("".join(parts))
    out, position = [], 0
    for part in parts:
        out.append(whole[position : position + len(part)])
        position += len(part)
    return out


def _mask_view(view: FixView) -> FixView:
    """A fix's before/after view masked. The "before" line shows the kept text as the
    "after" reads it too: `1703<b>85</b>-1234` is a number once the tags are gone."""
    after = mask(view.after)
    before = mask(view.before)
    if after != view.after and not view.before.startswith("…"):  # a window: columns moved
        from referat_lint.checking.splice import splice

        regions = [
            (e.span.column - 1, e.span.end_column - 1, e.replacement)
            for e in view.edits
            if e.span.line == e.span.end_line == view.line
        ]
        pieces, rest = splice(view.before, regions)
        read = mask_parts([part for kept, _, added in pieces for part in (kept, added)] + [rest])
        kept_masked = read[0::2]  # the kept parts and the rest, as the after reads them
        before = mask(
            "".join(
                k + mask(removed) for k, (_, removed, _) in zip(kept_masked, pieces, strict=False)
            )
            + kept_masked[-1]
        )
    return view._replace(
        before=before,
        after=after,
        edits=tuple(e._replace(replacement=mask(e.replacement)) for e in view.edits),
    )


def mask_as_view(line: str, view: FixView) -> str:
    """`line` (the text a fix view shows before the fix) with the digits masked that the
    view's masked "before" masks: a number the fix forms is hidden in the context too."""
    if len(view.before) != len(line):  # a window of a long line, or another line
        return line
    before = _mask_view(view).before
    if before == line or mask_digits(before) != mask_digits(line):
        return line
    return "".join(
        "x" if shown == "x" and _DIGIT.match(char) else char
        for char, shown in zip(line, before, strict=True)
    )


def mask_diff(diff: str) -> str:
    """A unified diff masked line by line; and where an added line holds a number, every
    digit of the lines it replaces: `-1703<b>85</b>-1234` shows the number the fix forms."""
    if not diff:
        return diff
    out: list[str] = []
    block: list[str] = []  # a run of removed and added lines

    def flush() -> None:
        added = [mask(line) for line in block if line.startswith("+")]
        formed = added != [line for line in block if line.startswith("+")]
        out.extend(
            (mask_digits(line) if formed and line.startswith("-") else mask(line)) for line in block
        )
        block.clear()

    in_hunk = False
    for line in diff.splitlines(keepends=True):
        in_hunk = (in_hunk or line.startswith("@@")) and not line.startswith("--- a/")
        if in_hunk and line[:1] in "-+":
            block.append(line)
            continue
        flush()
        out.append(mask(line))
    flush()
    return "".join(out)


# --- Masking a result ------------------------------------------------------------------
