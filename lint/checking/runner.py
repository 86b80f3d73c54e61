"""The steps of checking one file that the pipeline (pipeline.py) puts together: reading
the bytes, loading the text, paging and masking the findings, a fix's diff or text file."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path

from referat_lint.checking.findings import Finding
from referat_lint.checking.result import FileResult
from referat_lint.checking.rule import Rule
from referat_lint.config import Config
from referat_lint.document.model import Text
from referat_lint.input.atomic import WriteError, check_within, write_atomic
from referat_lint.input.extract import ExtractError, extract, sniff
from referat_lint.input.reading import read_regular, read_stream
from referat_lint.input.source import DecodeError, Source, decode
from referat_lint.out.diff import shown_diff
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


def read_input(path: str, config: Config) -> bytes | FileResult:
    """The file's bytes (`-`: stdin), or the result saying why they cannot be read."""
    try:
        return read_bytes(path, config)
    except OSError as error:
        reason = error.strerror or str(error)
        return FileResult(path, problem=Message("problem.cannot-read", reason=reason))
    except ValueError as error:  # too large, or not a regular file
        return FileResult(path, problem=error.args[0])


def decoded(data: bytes) -> Source | object:
    """The text to check, or the problem (a Message) that keeps the bytes from being read."""
    try:
        return load(data)
    except (DecodeError, ExtractError) as error:
        return error.args[0]


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
    return tuple(f._replace(page=extracted.page(f.span.line)) for f in findings)


def text_destination(path: str, folder: Path) -> Path:
    """Where --fix-text-to writes a document's text: its relative path under `folder`
    (the name alone for a path outside the working directory), with `.txt` added."""
    relative = Path(path)
    if relative.is_absolute() or ".." in relative.parts:
        relative = Path(relative.name)
    return folder / relative.with_name(relative.name + ".txt")


def extracted_fix(result: FileResult, fixed: Source, path: str, text_to: Path | None) -> FileResult:
    """--fix on a PDF or DOCX: the document is never written; its repaired text goes to
    stdout (stdin) or to --fix-text-to's folder, and the run says where."""
    kind = fixed.extracted.kind.upper() if fixed.extracted else "document"
    data = fixed.text.encode("utf-8")
    if path == "-" or text_to is None:
        return result._replace(output=data)
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
    return result._replace(note=note)


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
        f._replace(
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


def with_diff(result: FileResult, before: Source, after: Source, path: str) -> FileResult:
    diff, hidden = shown_diff(before.text, after.text, path)
    if after.encoding != before.encoding or after.bom != before.bom:
        old = f"{before.encoding} with BOM" if before.bom else before.encoding
        # not a diff line: patch skips it, and the text diff above still applies
        diff = f"# {path}: encoding {old} -> {after.encoding}\n{diff}"
    return result._replace(diff=diff, diff_hidden=hidden)
