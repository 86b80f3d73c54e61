"""What leaves the process: CPR numbers masked, control characters made visible.

Every output passes through here, so that a new rule or a new format cannot forget it:

- `outward(result)` masks every CPR-shaped number in a FileResult (messages' arguments,
  snippets, fix views and edits, context lines, the diff, the problem line). The batch
  runner applies it to every result, fresh or from the cache, before the cache stores it
  and before any reporter sees it.
- `mask(text)` is the last line of defence on every string the command line writes
  (the rendered report, `--diff`, error lines): a reporter's own text is masked too.
- `for_format(results, name)` makes file names valid text for every format (bytes that are
  not UTF-8 as `\\xNN`; SARIF percent-encodes them in its URIs) and, for the line-based
  formats (text, GitHub, JUnit), replaces control characters in names, messages and error
  lines by visible escapes.

Only the repaired bytes that `--fix -` writes to stdout are not masked: they are the file.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from referat_lint.out.messages import Message

if TYPE_CHECKING:
    from referat_lint.checking.findings import Finding
    from referat_lint.checking.result import FileResult

# DDMMYY-SSSS or DDMMYYSSSS, not part of a longer number (`326-2017-43971`, `1.000`, `46,1`).
# CPR numbers are written in ASCII digits; re.ASCII also makes the line scan twice as fast.
SIX_DIGITS = re.compile(r"\d\d\d\d\d\d", re.ASCII)  # a text needs this to hold a CPR number
CPR = re.compile(
    r"(?<!\d)(?<!\d[-/.,])(?P<date>\d{6})(?P<separator>[-–]?)(?P<serial>\d{4})(?!\d)(?![-/.,]\d)",
    re.ASCII,
)
_DIGIT = re.compile(r"\d", re.ASCII)


def birth_date(date: str, serial: str) -> datetime.date | None:
    """The birth date a CPR number encodes, or None when it is not a real date.

    The century follows from the 7th digit (the first of the serial): 0-3 the 1900s; 4 and 9
    2000-2036, else the 1900s; 5-8 2000-2057, else the 1800s.
    """
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


_HEX = frozenset("0123456789abcdef")
_HASH_LENGTH = 16  # the shortest fingerprint a report prints (baseline: 16 hex digits)


def _in_hash(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] lies in a run of lowercase hex digits as long as a hash
    (a SARIF or baseline fingerprint), looking at most a hash's length either side."""
    left = 0
    while left < _HASH_LENGTH and start - left > 0 and text[start - left - 1] in _HEX:
        left += 1
    right = 0
    while right < _HASH_LENGTH and end + right < len(text) and text[end + right] in _HEX:
        right += 1
    return bool(left or right) and left + (end - start) + right >= _HASH_LENGTH


def _masked(match: re.Match[str]) -> str:
    if birth_date(match["date"], match["serial"]) is None:
        return match.group()
    if _in_hash(match.string, match.start(), match.end()):
        return match.group()  # digits of a fingerprint, not of a person
    return _DIGIT.sub("x", match.group())


def mask(text: str) -> str:
    """`text` with every CPR-shaped number (a valid birth date) written as x's.

    Wider than what `cpr-number` reports (labels like `Tlf.` are not consulted): masking a
    telephone number in a report costs nothing, printing a CPR number costs a breach.
    """
    if SIX_DIGITS.search(text) is None:  # nearly every string: one scan, no copy
        return text
    return CPR.sub(_masked, text)


def _mask_value(value: object) -> object:
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_mask_value(v) for v in value)
    return value


def _mask_finding(finding: Finding) -> Finding:
    changes: dict[str, Any] = {}
    args = {key: _mask_value(value) for key, value in finding.args.items()}
    if args != finding.args:
        changes["args"] = args
    snippet = mask(finding.snippet)
    if snippet != finding.snippet:
        changes["snippet"] = snippet
    view = finding.fix_view
    if view is not None:
        masked_view = view._replace(
            before=mask(view.before),
            after=mask(view.after),
            edits=tuple(e._replace(replacement=mask(e.replacement)) for e in view.edits),
        )
        if masked_view != view:
            changes["fix_view"] = masked_view
    fix = finding.fix
    if fix is not None:
        # Never applied after this point: a result that leaves the worker is only reported.
        masked_fix = fix._replace(
            edits=tuple(e._replace(replacement=mask(e.replacement)) for e in fix.edits)
        )
        if masked_fix != fix:
            changes["fix"] = masked_fix
    return dataclasses.replace(finding, **changes) if changes else finding


def outward(result: FileResult) -> FileResult:
    """The FileResult with every CPR-shaped number masked (its `output` bytes aside)."""
    findings = tuple(_mask_finding(f) for f in result.findings)
    fixed = tuple(_mask_finding(f) for f in result.fixed)
    lines = tuple(mask(line) for line in result.lines)
    return dataclasses.replace(
        result,
        path=mask(result.path),
        findings=findings,
        fixed=fixed,
        lines=lines,
        problem=_map_text(result.problem, mask),
        diff=mask(result.diff),
        committee=None if result.committee is None else mask(result.committee),
        **_masked_note(result),
    )


def _map_text(value: object, function: Callable[[str], str]) -> object:
    """`function` applied to a text, or to the text arguments of a Message (a problem or a
    note worded later, in the reader's language); None stays None."""
    if value is None or isinstance(value, str):
        return value if value is None else function(value)
    if isinstance(value, Message):
        return value._replace(
            args={k: function(v) if isinstance(v, str) else v for k, v in value.args.items()}
        )
    return function(str(value))


def _masked_note(result: FileResult) -> dict[str, Any]:
    note = getattr(result, "note", None)  # what --fix did with a PDF or DOCX
    return {} if note is None else {"note": _map_text(note, mask)}


# C0 controls but tab, DEL, C1 controls, line and paragraph separators and the bidi
# controls that can make a line read differently from what it holds ("trojan source").
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")
LINE_FORMATS = frozenset({"text", "github", "junit"})


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _escape_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def display_path(path: str) -> str:
    """A file name as valid text: bytes that are not UTF-8 as `\\xNN`."""
    return _SURROGATE.sub(_escape_surrogate, path)


def inert(text: str) -> str:
    """`text` with control characters (ESC, BEL, newlines ...) as visible escapes."""
    text = display_path(text)
    if _CONTROL.search(text) is None:
        return text
    # Masked again: an escape's digits next to the text's (`\x01` + `01000000`) can
    # make a new CPR-shaped number.
    return mask(_CONTROL.sub(lambda m: _escape(m.group()), text))


_CONTROL_IN_LINES = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)"
)


def inert_lines(text: str) -> str:
    """Like `inert`, for text made of lines (a diff): line breaks and tabs are kept."""
    text = display_path(text)
    if _CONTROL_IN_LINES.search(text) is None:
        return text
    return mask(_CONTROL_IN_LINES.sub(lambda m: _escape(m.group()), text))


def _inert_finding(finding: Finding) -> Finding:
    args = {k: inert(v) if isinstance(v, str) else v for k, v in finding.args.items()}
    return dataclasses.replace(finding, args=args) if args != finding.args else finding


def for_format(results: Iterable[FileResult], name: str) -> list[FileResult]:
    """Results ready for reporter `name`: names valid text, and for the line-based formats,
    names, messages and error lines without raw control characters."""
    if name == "sarif":  # names become URIs there, their bytes percent-encoded exactly
        return list(results)
    if name not in LINE_FORMATS:
        return [dataclasses.replace(r, path=display_path(r.path)) for r in results]
    return [
        dataclasses.replace(
            r,
            path=inert(r.path),
            findings=tuple(_inert_finding(f) for f in r.findings),
            problem=_map_text(r.problem, inert),
        )
        for r in results
    ]
