"""Check (and fix) one file: bytes -> Source -> findings -> fixes -> a FileResult."""

from __future__ import annotations

import dataclasses
import difflib
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from .config import Config
from .document import Text
from .engine import analyze
from .findings import Finding
from .fixer import MAX_PASSES, WriteError, fix, write_atomic
from .reading import read_regular, read_stream
from .rule import Rule
from .source import DecodeError, Source, decode

_DIGIT = re.compile(r"\d")


class Mode(StrEnum):
    CHECK = "check"
    FIX = "fix"
    DIFF = "diff"


@dataclass(frozen=True)
class FileResult:
    """Everything a reporter needs about one file; reporters derive nothing more."""

    path: str
    findings: tuple[Finding, ...] = ()
    encoding: str | None = None
    fixed: tuple[Finding, ...] = ()
    lines: tuple[str, ...] = ()  # the checked text, for reporters that show context
    problem: str | None = None  # the file could not be checked (error) or was empty (warning)
    fatal: bool = True
    diff: str = ""  # with --diff: what --fix would change
    output: bytes | None = field(default=None, repr=False)  # fixed bytes for stdin + --fix

    @property
    def failed(self) -> bool:
        return self.problem is not None and self.fatal


def read_bytes(path: str, config: Config) -> bytes:
    """The file's bytes, or OSError/ValueError with a message for the user."""
    if path == "-":
        return read_stream(getattr(sys.stdin, "buffer", None), config.max_file_size)
    return read_regular(path, config.max_file_size)


def check_file(
    path: str,
    rules: Sequence[Rule],
    config: Config,
    mode: Mode,
    *,
    unsafe: bool = False,
    data: bytes | None = None,
    keep_lines: bool = False,
) -> FileResult:
    """Check one file (its bytes may be given); problems with the file itself come back as
    `problem`, never raised."""
    if data is None:
        try:
            data = read_bytes(path, config)
        except OSError as error:
            return FileResult(path, problem=f"cannot read: {error.strerror or error}")
        except ValueError as error:
            return FileResult(path, problem=str(error))
    if not data.strip():
        return FileResult(path, problem="empty file, nothing to check", fatal=False)
    try:
        source = decode(data)
    except DecodeError as error:
        return FileResult(path, problem=str(error))
    try:
        if mode is Mode.CHECK:
            findings = redact(analyze(source, rules, config, path).findings, rules)
            lines = context_lines(source.text, findings, rules) if keep_lines else ()
            return FileResult(path, findings, source.encoding, lines=lines)
        outcome = fix(source, rules, config, path, unsafe=unsafe)
    except Exception as error:  # a bug must not stop the other files or print a traceback
        return FileResult(path, problem=internal_error(error))
    findings = redact(outcome.analysis.findings, rules)
    result = FileResult(
        path,
        findings,
        source.encoding,
        fixed=outcome.fixed,
        lines=context_lines(outcome.source.text, findings, rules) if keep_lines else (),
    )
    if outcome.exhausted:  # hostile nesting: say that another --fix would change more
        result = dataclasses.replace(
            result,
            problem=f"fixes left after {MAX_PASSES} passes; run --fix again",
            fatal=False,
        )
    new_data = data
    if outcome.fixed:
        try:
            new_data = outcome.source.encode(outcome.source.text)
        except UnicodeEncodeError:
            return FileResult(
                path, problem=f"the repaired text cannot be written back as {source.encoding}"
            )
    if mode is Mode.DIFF:
        return _with_diff(result, source, outcome.source, path) if new_data != data else result
    if path == "-":  # a filter: the (repaired) text goes to stdout
        return dataclasses.replace(result, output=new_data)
    if new_data != data:
        try:
            write_atomic(Path(path), new_data, expected=data)
        except WriteError as error:
            return FileResult(path, problem=str(error))
    return result


def internal_error(error: BaseException) -> str:
    """The one line a bug becomes: the file is reported as not checked, the run goes on."""
    return f"internal error ({type(error).__name__}: {error}); please report it"


def context_lines(text: str, findings: Sequence[Finding], rules: Sequence[Rule]) -> tuple[str, ...]:
    """The text's lines for reporters that show context, with every span of a sensitive
    rule (a CPR number) masked, digit by digit."""
    lines = list(Text(text).lines)
    spans: dict[int, list[tuple[int, int]]] = {}  # line index -> [start, end) to mask
    for finding in _sensitive(findings, rules):
        span = finding.span
        for number in range(span.line, span.end_line + 1):
            start = span.column - 1 if number == span.line else 0
            end = span.end_column - 1 if number == span.end_line else len(lines[number - 1])
            spans.setdefault(number - 1, []).append((start, end))
    for index, ranges in spans.items():  # each line rebuilt once, however many numbers
        line, pieces, position = lines[index], [], 0
        for start, end in sorted(ranges):
            start = max(start, position)
            pieces += [line[position:start], _DIGIT.sub("x", line[start:end])]
            position = max(position, end)
        lines[index] = "".join(pieces) + line[position:]
    return tuple(lines)


def redact(findings: tuple[Finding, ...], rules: Sequence[Rule]) -> tuple[Finding, ...]:
    """Findings whose before/after view of a fix shows a line that holds personal data,
    with every digit of that view masked (its columns shift with the fix, so all of them)."""
    lines = {
        n for f in _sensitive(findings, rules) for n in range(f.span.line, f.span.end_line + 1)
    }
    if not lines:
        return findings
    return tuple(
        dataclasses.replace(
            f,
            fix_view=f.fix_view._replace(
                before=_DIGIT.sub("x", f.fix_view.before),
                after=_DIGIT.sub("x", f.fix_view.after),
            ),
        )
        if f.fix_view is not None and f.fix_view.line in lines
        else f
        for f in findings
    )


def _sensitive(findings: Sequence[Finding], rules: Sequence[Rule]) -> list[Finding]:
    names = {rule.name for rule in rules if rule.sensitive}
    return [finding for finding in findings if finding.rule in names]


def _with_diff(result: FileResult, before: Source, after: Source, path: str) -> FileResult:
    diff = "".join(
        difflib.unified_diff(
            before.text.splitlines(keepends=True),
            after.text.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )
    if after.encoding != before.encoding or after.bom != before.bom:
        old = f"{before.encoding} with BOM" if before.bom else before.encoding
        diff = f"--- {path}: encoding {old} -> {after.encoding}\n{diff}"
    return dataclasses.replace(result, diff=diff)
