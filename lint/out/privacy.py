"""What leaves the process: CPR numbers masked, terminal-dangerous characters neutralised.

Every string that leaves the process passes through here, so that a new rule, format or
error line cannot forget it:

- `CPR` (cpr.py) is the one definition of a CPR number, shared by the `cpr-number` rule and
  the mask.
- `outward(result)` masks every CPR number in a FileResult (messages' arguments, snippets,
  fix views and edits, context lines, the diff, the problem line, the note). The batch
  runner applies it to every result, fresh or from the cache, before the cache stores it
  and before any reporter sees it.
- `for_format(results, name)` makes every text of the results safe for reporter `name`:
  names valid text, and for the formats a terminal or a CI log shows line by line (text,
  GitHub, JUnit, HTML) control characters as visible escapes.
- `seal(report, name)` is the last pass over every rendered report: masked again (a
  reporter's own text too), structurally for JSON and SARIF so that the fields holding the
  tool's own fingerprints are left as they are and percent-encoded URIs are seen decoded,
  and dangerous characters escaped as the format escapes them.
- `line(text)` and `lines(text)` are what an error line, a note, the progress bar or
  `--diff` print.

Only the repaired bytes that `--fix -` writes to stdout are not masked: they are the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from referat_lint.checking.splice import splice
from referat_lint.input.regex_cache import regex
from referat_lint.out.cpr import (
    CPR,
    CPR_SCAN,
    REFERENCE,
    _mask_view,
    birth_date,
    digits,
    is_cpr,
    mask,
    mask_as_view,
    mask_diff,
    mask_digits,
    mask_found,
    mask_parts,
    referenced_numbers,
)
from referat_lint.out.messages import Message

# The CPR definition and the mask are part of this module's surface: one place to import.
__all__ = [
    "CPR",
    "CPR_SCAN",
    "FINGERPRINT_FIELDS",
    "JSON_FORMATS",
    "LINE_FORMATS",
    "REFERENCE",
    "birth_date",
    "digits",
    "display_path",
    "for_format",
    "inert",
    "inert_lines",
    "is_cpr",
    "line",
    "lines",
    "mask",
    "mask_as_view",
    "mask_data",
    "mask_diff",
    "mask_digits",
    "mask_found",
    "mask_parts",
    "outward",
    "referenced_numbers",
    "seal",
]

if TYPE_CHECKING:
    from referat_lint.checking.findings import Finding, FixView
    from referat_lint.checking.result import FileResult


# --- Masking a result ------------------------------------------------------------------


def _map_value(value: object, function: Callable[[str], str]) -> object:
    if isinstance(value, str):
        return function(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_map_value(v, function) for v in value)
    return value


def _map_finding(
    finding: Finding, function: Callable[[str], str], fix_view: Callable[[FixView], FixView]
) -> Finding:
    """`finding` with `function` applied to every text it holds, `fix_view` to its view."""
    changes: dict[str, Any] = {}
    args = {key: _map_value(value, function) for key, value in finding.args.items()}
    if args != finding.args:
        changes["args"] = args
    snippet = function(finding.snippet)
    if snippet != finding.snippet:
        changes["snippet"] = snippet
    view = finding.fix_view
    if view is not None:
        mapped_view = fix_view(view)
        if mapped_view != view:
            changes["fix_view"] = mapped_view
    fix = finding.fix
    if fix is not None:
        # Never applied after this point: a result that leaves the worker is only reported.
        mapped_fix = fix._replace(
            edits=tuple(e._replace(replacement=function(e.replacement)) for e in fix.edits),
            suggestions=tuple(function(s) for s in fix.suggestions),
        )
        if mapped_fix != fix:
            changes["fix"] = mapped_fix
    return finding._replace(**changes) if changes else finding


def _each_text(function: Callable[[str], str]) -> Callable[[FixView], FixView]:
    """A fix view with `function` applied to each of its texts."""

    def apply(view: FixView) -> FixView:
        return view._replace(
            before=function(view.before),
            after=function(view.after),
            edits=tuple(e._replace(replacement=function(e.replacement)) for e in view.edits),
        )

    return apply


def _map_result(
    result: FileResult,
    function: Callable[[str], str],
    lines: Callable[[str], str],
    fix_view: Callable[[FixView], FixView],
) -> FileResult:
    """`result` with `function` applied to every text in it, `lines` to the diff and
    `fix_view` to the fix views."""
    changes: dict[str, Any] = {}
    # What --fix did with a PDF or DOCX, the committee a header names: texts too.
    for name in ("note", "committee"):
        value = getattr(result, name, None)
        if value is not None:
            changes[name] = _map_text(value, function)
    return result._replace(
        path=function(result.path),
        findings=tuple(_map_finding(f, function, fix_view) for f in result.findings),
        fixed=tuple(_map_finding(f, function, fix_view) for f in result.fixed),
        lines=tuple(function(line) for line in result.lines),
        problem=_map_text(result.problem, function),
        diff=lines(result.diff),
        **changes,
    )


def outward(result: FileResult) -> FileResult:
    """The FileResult with every CPR number masked (its `output` bytes aside)."""
    return _map_result(_mask_formed(result), mask, mask_diff, _mask_view)


def _forms_number(views: Sequence[FixView]) -> bool:
    """Whether the fixes shown on one line, applied together, form a CPR number that no one
    of them forms alone (`<b>17</b><b>0385</b>-1234`: each view removes one pair of tags)."""
    edits = {
        (e.span.column - 1, e.span.end_column - 1, e.replacement)
        for view in views
        for e in view.edits
        if e.span.line == e.span.end_line == view.line
    }
    pieces, rest = splice(views[0].before, edits)  # overlapping fixes: the first one wins
    combined = "".join(kept + added for kept, _, added in pieces) + rest
    return mask(combined) != combined


def _mask_formed(result: FileResult) -> FileResult:
    """`result` with every digit masked on the lines where its fixes together form a CPR
    number: the fix views, and the line as a context line."""
    by_line: dict[int, list[FixView]] = {}
    for finding in (*result.findings, *result.fixed):
        view = finding.fix_view
        if view is not None and not view.before.startswith("…"):  # a window: columns moved
            by_line.setdefault(view.line, []).append(view)
    formed = {
        line
        for line, views in by_line.items()
        if len(views) > 1 and len({v.before for v in views}) == 1 and _forms_number(views)
    }
    if not formed:
        return result
    hide = _each_text(mask_digits)

    def hidden(finding: Finding) -> Finding:
        view = finding.fix_view
        if view is None or view.line not in formed:
            return finding
        return finding._replace(fix_view=hide(view))

    lines = tuple(
        mask_digits(text) if number in formed else text
        for number, text in enumerate(result.lines, 1)
    )
    return result._replace(
        findings=tuple(map(hidden, result.findings)),
        fixed=tuple(map(hidden, result.fixed)),
        lines=lines,
    )


def _map_text(value: object, function: Callable[[str], str]) -> object:
    """`function` applied to a text, or to the text arguments of a Message (a problem or a
    note worded later, in the reader's language); None stays None."""
    if value is None or isinstance(value, str):
        return value if value is None else function(value)
    if isinstance(value, Message):
        return value._replace(args={k: _map_value(v, function) for k, v in value.args.items()})
    return function(str(value))


# --- Neutralising characters -----------------------------------------------------------
#
# What can make a terminal or a reader see something other than what a line holds: C0
# controls (ESC starts a terminal command, CR rewrites the line), DEL, C1 controls (U+009B
# is a one-character ESC [), the line and paragraph separators, the bidirectional
# controls ("trojan source": embeddings, overrides, isolates, the marks U+200E/U+200F and
# U+061C) and the invisible characters (zero-width space and joiners, word joiner, BOM,
# Mongolian vowel separator, interlinear annotation).
_BUT_ESC = (
    "\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2069\ufeff\ufff9-\ufffb"
)
_DANGER = _BUT_ESC + "\x1b"
_CONTROL = regex(f"[{_DANGER}\\n\\r]")  # one line: no line break kept (a tab is)
_CONTROL_IN_LINES = regex(f"[{_DANGER}]|\\r(?!\\n)")
# The text report's own colours are ESC sequences; what came from a file was escaped before.
_CONTROL_IN_LINES_BUT_ESC = regex(f"[{_BUT_ESC}]|\\r(?!\\n)")
_SURROGATE = regex(r"[\ud800-\udfff]")  # escaped: the kept form holds no surrogate


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


def _neutral(text: str, pattern: re.Pattern[str]) -> str:
    text = display_path(text)
    if pattern.search(text) is None:
        return text
    # Masked again: an escape's digits next to the text's (`\x01` + `01000000`) can make a
    # new CPR-shaped number.
    return mask(pattern.sub(lambda m: _escape(m.group()), text))


def inert(text: str) -> str:
    """`text` as one line: control, bidirectional and invisible characters as escapes."""
    return _neutral(text, _CONTROL)


def inert_lines(text: str) -> str:
    """Like `inert`, for text made of lines (a diff): line breaks and tabs are kept."""
    return _neutral(text, _CONTROL_IN_LINES)


def line(text: str) -> str:
    """What a one-line message (an error line, a note, a progress label) may print."""
    return inert(mask(text))


def lines(text: str) -> str:
    """What a text of lines (`--diff`) may print."""
    return inert_lines(mask(text))


# --- Per format ------------------------------------------------------------------------

LINE_FORMATS = frozenset({"text", "github", "junit"})
JSON_FORMATS = frozenset({"json", "sarif", "gitlab"})
# The fields that hold the tool's own fingerprints (SARIF, the baseline file): hex digests,
# never text of the minutes, exempt from the mask by where they stand.
FINGERPRINT_FIELDS = frozenset({"partialFingerprints", "fingerprint"})


def for_format(results: Iterable[FileResult], name: str) -> list[FileResult]:
    """Results ready for reporter `name`: names valid text, and for the formats read line by
    line every text in them without raw control, bidirectional or invisible characters."""
    if name == "sarif":  # names become URIs there, their bytes percent-encoded exactly
        return list(results)
    if name not in LINE_FORMATS:
        return [r._replace(path=display_path(r.path)) for r in results]
    return [_map_result(r, inert, inert_lines, _each_text(inert)) for r in results]


def mask_data(value: object, key: str | None = None) -> object:
    """JSON data with every text masked, keys too, but for the fingerprint fields. A URI's
    percent-encoding is seen through (`170385%E2%80%931234`)."""
    if key in FINGERPRINT_FIELDS:
        return value
    if isinstance(value, str):
        return _mask_uri(value)
    if isinstance(value, list):
        return [mask_data(v) for v in value]
    if isinstance(value, dict):
        return {_mask_uri(k): mask_data(v, k) for k, v in value.items()}
    return value


def _mask_uri(text: str) -> str:
    text = mask(text)
    if "%" not in text:
        return text
    decoded = unquote(text, errors="surrogateescape")
    masked = mask(decoded)
    if masked == decoded:
        return text
    return quote(masked, safe="/:@!$&'()*+,;=~%?#[]", errors="surrogateescape")


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


_JSON_DANGER = regex(f"[{_DANGER}]")


def seal(report: str, name: str, *, color: bool = False) -> str:
    """The last pass over a rendered report (or any JSON the tool prints): every CPR
    number masked, whatever wrote it, and every dangerous character escaped as format
    `name` escapes it. With `color`, the text report's own ESC sequences stay (what came
    from a file was escaped by `for_format` before rendering)."""
    if name in JSON_FORMATS:
        import json  # only JSON reports: 2 ms of a text report's start-up

        try:
            data = json.loads(report)
        except ValueError:  # not JSON: masked as text
            return _JSON_DANGER.sub(_json_escape, mask(report))
        masked = mask_data(data)
        if masked != data:
            end = "\n" if report.endswith("\n") else ""
            report = json.dumps(masked, ensure_ascii=False, indent=_indent(report)) + end
        # These characters can stand only inside JSON strings: escaped, the data is the same.
        return _JSON_DANGER.sub(_json_escape, report)
    report = mask(report)
    if color:
        return _neutral(report, _CONTROL_IN_LINES_BUT_ESC)
    return inert_lines(report)


def _indent(report: str) -> int | None:
    """The indent a JSON report was written with."""
    match = re.match(r"[\[{]\n( +)", report)
    return len(match.group(1)) if match else None
