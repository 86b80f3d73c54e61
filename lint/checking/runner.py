"""Check (and fix) one file: bytes -> Source -> findings -> fixes -> a FileResult."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path

from referat_lint.checking.engine import analyze
from referat_lint.checking.findings import Finding
from referat_lint.checking.fixer import MAX_PASSES, fix
from referat_lint.checking.result import FileResult
from referat_lint.checking.rule import Rule
from referat_lint.config import Config
from referat_lint.document.model import Text
from referat_lint.input.atomic import WriteError, check_within, write_atomic
from referat_lint.input.extract import ExtractError, extract, sniff
from referat_lint.input.reading import read_regular, read_stream
from referat_lint.input.source import DecodeError, Source, decode
from referat_lint.out.messages import Message
from referat_lint.out.privacy import mask_as_view, mask_digits, mask_found


class Mode(StrEnum):
    CHECK = "check"
    FIX = "fix"
    DIFF = "diff"


def read_bytes(path: str, config: Config) -> bytes:
    """The file's bytes, or OSError/ValueError with a message for the user."""
    if path == "-":
        return read_stream(getattr(sys.stdin, "buffer", None), config.max_file_size)
    return read_regular(path, config.max_file_size)


# The steps of checking one file in their order (read, decode, rules, fix loop, splice,
# result): one place to read the sequence a change must keep.
def check_file(
    path: str,
    rules: Sequence[Rule],
    config: Config,
    mode: Mode,
    *,
    unsafe: bool = False,
    data: bytes | None = None,
    keep_lines: bool = False,
    text_to: Path | None = None,
    write: bool = True,
) -> FileResult:
    """Check one file (its bytes may be given); problems with the file itself come back as
    `problem`, never raised."""
    loaded = _read_and_load(path, config, data)
    if isinstance(loaded, FileResult):
        return loaded
    data, source = loaded
    note = None
    fixing_in_place = mode is Mode.FIX and text_to is None and path != "-" and write
    if source.extracted is not None and fixing_in_place:
        # Nothing would be written: report the document as it is, not as fixed.
        kind = source.extracted.kind.upper()
        note = Message("note.document-unchanged", kind=kind)
        mode = Mode.CHECK
    try:
        if mode is Mode.CHECK:
            analysis = analyze(source, rules, config, path)
            findings = redact(paged(analysis.findings, source), rules)
            lines = context_lines(source.text, findings, rules) if keep_lines else ()
            return FileResult(
                path,
                findings,
                encoding_of(source),
                lines=lines,
                note=note,
                layout=analysis.layout,
                kind=analysis.kind,
                committee=analysis.committee,
                year=analysis.year,
            )
        outcome = fix(source, rules, config, path, unsafe=unsafe)
    except Exception as error:  # a bug must not stop the other files or print a traceback
        return FileResult(path, problem=internal_error(error))
    findings = redact(paged(outcome.analysis.findings, outcome.source), rules)
    result = FileResult(
        path,
        findings,
        encoding_of(source),
        fixed=outcome.fixed,
        lines=context_lines(outcome.source.text, findings, rules) if keep_lines else (),
        layout=outcome.analysis.layout,
        kind=outcome.analysis.kind,
        committee=outcome.analysis.committee,
        year=outcome.analysis.year,
    )
    if outcome.exhausted:  # hostile nesting: say that another --fix would change more
        result = dataclasses.replace(
            result,
            problem=f"fixes left after {MAX_PASSES} passes; run --fix again",
            fatal=False,
        )
    if source.extracted is not None:  # the document itself is never written
        if mode is Mode.DIFF:
            changed = outcome.source.text != source.text
            return _with_diff(result, source, outcome.source, path) if changed else result
        return _extracted_fix(result, outcome.source, path, text_to)
    new_data = data
    if outcome.fixed:
        try:
            new_data = outcome.source.encode(outcome.source.text)
        except UnicodeEncodeError:
            return FileResult(
                path, problem=Message("problem.cannot-encode", encoding=source.encoding)
            )
    if mode is Mode.DIFF:
        return _with_diff(result, source, outcome.source, path) if new_data != data else result
    if path == "-" or not write:  # a filter (or the API): the repaired bytes are returned
        return dataclasses.replace(result, output=new_data)
    if new_data != data:
        try:
            write_atomic(Path(path), new_data, expected=data)
        except WriteError as error:
            return FileResult(path, problem=Message("problem.cannot-write", reason=error.reason))
    return result


def _read_and_load(
    path: str, config: Config, data: bytes | None
) -> tuple[bytes, Source] | FileResult:
    """The file's bytes and the text to check, or the result saying why there is none."""
    if data is None:
        try:
            data = read_bytes(path, config)
        except OSError as error:
            reason = error.strerror or str(error)
            return FileResult(path, problem=Message("problem.cannot-read", reason=reason))
        except ValueError as error:
            return FileResult(path, problem=error.args[0])
    if not data.strip():
        return FileResult(path, problem=Message("problem.empty"), fatal=False)
    try:
        return data, load(data)
    except DecodeError as error:
        return FileResult(path, problem=error.args[0])
    except ExtractError as error:
        return FileResult(path, problem=error.args[0])


def internal_error(error: BaseException) -> str:
    """The one line a bug becomes: the file is reported as not checked, the run goes on."""
    return f"internal error ({type(error).__name__}: {error}); please report it"


def load(data: bytes) -> Source:
    """The text to check: a PDF's or DOCX's extracted text, or the decoded bytes."""
    kind = sniff(data)
    return extract(kind, data) if kind else decode(data)


def encoding_of(source: Source) -> str:
    """What reports name as the file's encoding: "pdf" or "docx" for extracted text."""
    return source.extracted.kind if source.extracted is not None else source.encoding


def paged(findings: tuple[Finding, ...], source: Source) -> tuple[Finding, ...]:
    """The findings with the page of their line, when the text came from a paged document."""
    extracted = source.extracted
    if extracted is None or not findings:
        return findings
    return tuple(dataclasses.replace(f, page=extracted.page(f.span.line)) for f in findings)


def text_destination(path: str, folder: Path) -> Path:
    """Where --fix-text-to writes a document's text: its relative path under `folder`
    (the name alone for a path outside the working directory), with `.txt` added."""
    relative = Path(path)
    if relative.is_absolute() or ".." in relative.parts:
        relative = Path(relative.name)
    return folder / relative.with_name(relative.name + ".txt")


def _extracted_fix(
    result: FileResult, fixed: Source, path: str, text_to: Path | None
) -> FileResult:
    """--fix on a PDF or DOCX: the document is never written; its repaired text goes to
    stdout (stdin) or to --fix-text-to's folder, and the run says where."""
    kind = fixed.extracted.kind.upper() if fixed.extracted else "document"
    data = fixed.text.encode("utf-8")
    if path == "-" or text_to is None:
        return dataclasses.replace(result, output=data)
    destination = text_destination(path, text_to)
    try:
        check_within(destination, text_to)  # before mkdir, which would follow a link too
        destination.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(destination, data, within=text_to)
    except (OSError, WriteError) as error:
        reason = error.reason if isinstance(error, WriteError) else error.strerror or error
        return FileResult(
            path,
            problem=Message("problem.cannot-write-text", destination=destination, reason=reason),
        )
    note = Message("note.text-written", kind=kind, destination=destination)
    return dataclasses.replace(result, note=note)


def context_lines(text: str, findings: Sequence[Finding], rules: Sequence[Rule]) -> tuple[str, ...]:
    """The text's lines for reporters that show context, each line where a sensitive rule
    found something (a CPR number) masked (privacy.mask_found)."""
    lines = list(Text(text).lines)
    spans: dict[int, list[tuple[int, int]]] = {}  # line index -> [start, end) found
    for finding in _sensitive(findings, rules):
        span = finding.span
        for number in range(span.line, span.end_line + 1):
            start = span.column - 1 if number == span.line else 0
            end = span.end_column - 1 if number == span.end_line else len(lines[number - 1])
            spans.setdefault(number - 1, []).append((start, end))
    for index, ranges in spans.items():  # each line rebuilt once, however many numbers
        lines[index] = mask_found(lines[index], ranges)
    for finding in findings:  # a number a fix forms (`1703<b>85</b>-1234`), as its view shows
        view = finding.fix_view
        if view is not None and 0 < view.line <= len(lines):
            lines[view.line - 1] = mask_as_view(lines[view.line - 1], view)
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
                before=mask_digits(f.fix_view.before),
                after=mask_digits(f.fix_view.after),
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
    from referat_lint.out.diff import shown_diff

    diff, hidden = shown_diff(before.text, after.text, path)
    if after.encoding != before.encoding or after.bom != before.bom:
        old = f"{before.encoding} with BOM" if before.bom else before.encoding
        # not a diff line: patch skips it, and the text diff above still applies
        diff = f"# {path}: encoding {old} -> {after.encoding}\n{diff}"
    return dataclasses.replace(result, diff=diff, diff_hidden=hidden)
