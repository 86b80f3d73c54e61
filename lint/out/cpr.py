"""The CPR number: its one definition (shared by the `cpr-number` rule and the mask), and
the mask over a line, a fix's view and a diff. Everything that leaves the process reaches
it through privacy.py."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from referat_lint.checking.splice import splice
from referat_lint.input.line_scan import NON_ASCII, LineScan
from referat_lint.input.regex_cache import regex

if TYPE_CHECKING:
    from referat_lint.checking.findings import FixView

# --- The CPR number --------------------------------------------------------------------
#
# DDMMYY-SSSS as Danish documents write it: the official hyphen or none, and what word
# processors and typists put in its place (en and em dash, minus sign, U+2010/U+2011, a
# space or no-break space, a slash, a dash between spaces), the date also written with dots
# or spaces (`17.03.85-1234`, then a dash must follow). What a reader does not see may
# hide between any two characters: every character Unicode calls default-ignorable (soft
# hyphen, zero-width characters, bidirectional marks, invisible operators, variation
# selectors, Hangul fillers, tag characters) and the combining marks a digit can carry
# (`1\u0301`, the keycap `1\u20e3`). Spaces are any space separator, dashes any dash.
# Digits are any Unicode decimal digit (fullwidth, Arabic-Indic) and superscript or
# subscript digits (the markup fix writes `^{...}` as those). The dash may be mojibake
# (UTF-8 read as Windows-1252 or Latin-1), which is how the damaged files this tool
# repairs show it. Not a CPR number: a tab, `_` or `--` between the parts, or a number
# glued to more digits (`326-2017-43971`, `1.000`) but for another CPR number (a list).
_D = "[\\d\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089]"
_HIDDEN_CHAR = (
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
    "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
_HIDDEN = _HIDDEN_CHAR + "*"
_SPACE = "[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_DASH = (
    "(?:[-\u058a\u05be\u2010-\u2015\u2043\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d]"
    "|\u00e2\u20ac[\u201c\u201d\u2018\u2019\u0090]"  # U+2013, U+2014, U+2011 ... read as cp1252
    "|\u00e2\u0080[\u0090-\u0094]"  # ... read as Latin-1
    "|\u00e2\u02c6\u2019|\u00e2\u0088\u0092)"  # U+2212 read as cp1252, Latin-1
)
_DASH_SEPARATOR = f"{_SPACE}?{_DASH}{_SPACE}?"


def _spread(*parts: str) -> str:
    """`parts` with hidden characters allowed between them."""
    return _HIDDEN.join(parts)


CPR = regex(
    # The first digit before the look-behinds: the engine then skips to digits quickly.
    f"(?P<date>{_D}(?<!{_D}{_D}){_HIDDEN}{_D}"
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
    + f"(?!{_HIDDEN}{_D})"  # more digits after a separator: is_cpr() decides
)

# The lines that may hold one, for RE2's automaton (line_scan.py): CPR with every class
# widened to its ASCII characters and all the others (a digit, a hidden character, a space
# or a dash may be any non-ASCII character), without the look-arounds, the back-reference
# and the condition RE2 lacks. It matches on every line CPR matches on, and on a few more
# (CPR itself then searches those).
_ANY = f"[{NON_ASCII}]"
_D_WIDE, _HIDDEN_WIDE = f"[0-9{NON_ASCII}]", f"{_ANY}*"
_SPACE_WIDE, _DASH_WIDE = f"[ {NON_ASCII}]", f"(?:-|{_ANY}{{1,3}})"


def _spread_wide(count: int) -> str:
    return _HIDDEN_WIDE.join([_D_WIDE] * count)


CPR_SCAN = LineScan(
    CPR,
    f"{_spread_wide(2)}(?:{_HIDDEN_WIDE}[. ]{_HIDDEN_WIDE}{_spread_wide(2)}"
    + f"{_HIDDEN_WIDE}[. ]{_HIDDEN_WIDE}{_spread_wide(2)}|{_HIDDEN_WIDE}{_spread_wide(4)})"
    + f"{_HIDDEN_WIDE}(?:{_SPACE_WIDE}?{_DASH_WIDE}{_SPACE_WIDE}?|{_SPACE_WIDE}|/)?"
    + f"{_HIDDEN_WIDE}{_spread_wide(4)}",
    superset=True,
)
_HIDDEN_ONE = regex(_HIDDEN_CHAR)
_DIGIT = regex(_D)


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


_GLUE = "-/.,"  # what joins the parts of a longer number: `326-2017-43971`, `1.000`
_CPR_REACH = 64  # characters a CPR number before a separator is looked for in


def _real(match: re.Match[str] | None) -> bool:
    return match is not None and birth_date(match["date"], match["serial"]) is not None


def _glued(text: str, start: int) -> bool:
    """Whether more digits stand before `start`, hidden characters aside (the pattern's
    look-behind cannot skip them), directly or after a separator: then the number is part of
    a longer one, unless what stands before the separator is a CPR number itself (a list
    `170385-1234,180385-1234`, a path `170385-1234/170385-1234.txt`)."""
    while start > 0 and _HIDDEN_ONE.match(text, start - 1) is not None:
        start -= 1
    if start == 0:
        return False
    if _DIGIT.match(text, start - 1) is not None:
        return True
    if start < 2 or text[start - 1] not in _GLUE or _DIGIT.match(text, start - 2) is None:
        return False
    end = start - 1
    return not any(
        m.end() == end and _real(m) for m in CPR.finditer(text, max(0, end - _CPR_REACH), end)
    )


def _continued(text: str, end: int) -> bool:
    """Whether a separator and more digits follow `end`, and they are not a CPR number."""
    while end < len(text) and _HIDDEN_ONE.match(text, end) is not None:
        end += 1
    if end + 1 >= len(text) or text[end] not in _GLUE:
        return False
    after = end + 1
    while after < len(text) and _HIDDEN_ONE.match(text, after) is not None:
        after += 1
    return _DIGIT.match(text, after) is not None and not _real(CPR.match(text, after))


def is_cpr(match: re.Match[str]) -> bool:
    """Whether a match of `CPR` is a CPR number: a real date, not part of a longer number."""
    if not _real(match):
        return False
    return not _glued(match.string, match.start()) and not _continued(match.string, match.end())


def _masked(match: re.Match[str]) -> str:
    # One x per digit: the text keeps its length, so columns and splits stay where they were.
    return _DIGIT.sub("x", match.group()) if is_cpr(match) else match.group()


def mask(text: str) -> str:
    """`text` with every CPR number (a real birth date) written as x's, its length kept.

    Wider than what `cpr-number` reports (labels like `Tlf.` are not consulted): masking a
    telephone number in a report costs nothing, printing a CPR number costs a breach.
    """
    if "&" in text and REFERENCE.search(text) is not None:
        return _mask_references(text)
    if CPR.search(text) is None:  # nearly every string: one scan, no copy
        return text
    return CPR.sub(_masked, text)


# A character reference (`&#49;`, `&#x2d;`, `&ndash;`): where minutes are shown as HTML or
# Markdown, `&#49;70385-1234` reads as a CPR number, as the html-entity rule says it shows.
REFERENCE = regex(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _read_references(text: str) -> tuple[str, list[tuple[int, int]]]:
    """`text` as a browser shows it (each character reference decoded once), and for each of
    its characters the [start, end) of what stands for it in `text`."""
    import html  # its entity table: 2 ms, only for a text with character references

    shown: list[str] = []
    origin: list[tuple[int, int]] = []
    position = 0
    for reference in REFERENCE.finditer(text):
        start, end = reference.span()
        shown.append(text[position:start])
        origin.extend((i, i + 1) for i in range(position, start))
        decoded = html.unescape(reference.group())
        if decoded == reference.group() or len(decoded) != 1:  # unknown: kept as written
            decoded = reference.group()
            origin.extend((i, i + 1) for i in range(start, end))
        else:
            origin.append((start, end))
        shown.append(decoded)
        position = end
    shown.append(text[position:])
    origin.extend((i, i + 1) for i in range(position, len(text)))
    return "".join(shown), origin


def referenced_numbers(text: str) -> list[tuple[int, int]]:
    """The [start, end) in `text` of each CPR number that only its character references
    make (`&#49;70385-1234`): what the `cpr-number` rule finds beside `CPR`'s matches."""
    if "&" not in text or REFERENCE.search(text) is None:
        return []
    shown, origin = _read_references(text)
    return [
        (origin[match.start()][0], origin[match.end() - 1][1])
        for match in CPR.finditer(shown)
        if is_cpr(match)
        and text[origin[match.start()][0] : origin[match.end() - 1][1]] != match.group()
    ]


def _mask_references(text: str) -> str:
    """`mask` of a text with character references: every number it shows, masked where it
    is written, digit by digit (`&#49;70385-1234` -> `&#xx;xxxxx-xxxx`)."""
    shown, origin = _read_references(text)
    hidden = CPR.sub(_masked, shown)
    chars = list(CPR.sub(_masked, text))  # what is written as a number is one too
    for index, (was, now) in enumerate(zip(shown, hidden, strict=True)):
        if was != now:
            start, end = origin[index]
            chars[start:end] = mask_digits("".join(chars[start:end]))
    return "".join(chars)


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
