"""Check one file's bytes: decode -> parse -> rules -> fix loop -> a FileResult.

The one place a file is decoded and parsed: batch (and through it the cache), the API and
--show-document call `check_file` and read what it found from the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from referat_lint.checking.engine import Analysis, analyze
from referat_lint.checking.fixer import MAX_PASSES, FixOutcome, fix
from referat_lint.checking.result import Decoded, FileResult
from referat_lint.checking.rule import Rule
from referat_lint.checking.runner import (
    Mode,
    context_lines,
    decoded,
    encoding_of,
    extracted_fix,
    internal_error,
    paged,
    redact,
    with_diff,
)
from referat_lint.config import Config
from referat_lint.input.atomic import WriteError, write_atomic
from referat_lint.input.source import Source
from referat_lint.out.messages import Message


class Options(NamedTuple):
    """How a file is to be checked, beyond its config."""

    mode: Mode = Mode.CHECK
    unsafe: bool = False  # apply unsafe fixes too
    keep_lines: bool = False  # only reporters that show context need the text
    text_to: Path | None = None  # --fix-text-to: where a PDF's or DOCX's repaired text goes
    write: bool = True  # False (the API): fixed bytes come back as `output`, nothing written
    document: bool = False  # --show-document: parse always, keep the text and its parse


CHECK = Options()


class Handed:
    """A file's bytes handed to `check_file` for good: a check lets go of them once they are
    decoded, so a big file's bytes and its text are not held together (a fix keeps them, to
    write and to compare)."""

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data


def check_file(
    data: bytes | Handed,
    config: Config,
    path: str,
    rules: Sequence[Rule],
    options: Options = CHECK,
    known: FileResult | None = None,
) -> FileResult:
    """Check (and with FIX or DIFF, fix) the file `path` whose bytes are `data`. `known` is
    what an earlier check found in these bytes (the cache's answer): the rules do not run
    again. Problems with the file itself come back as `problem`, never raised."""
    if known is not None and not options.keep_lines:
        return known
    handed = data if isinstance(data, Handed) else None
    if isinstance(data, Handed):
        data = data.data
    # `--fix -` is a filter: what it cannot check (empty, binary, undecodable) goes out as
    # it came in, never lost to the editor or pipe that reads stdout.
    echo = data if _filtering(path, options) else None
    # --show-document shows what the parser reads, an empty document too (isspace: the
    # same test as strip(), without a copy of the bytes)
    if (not data or data.isspace()) and not options.document:
        return FileResult(path, problem=Message("problem.empty"), fatal=False, output=echo)
    source = decoded(data)
    if handed is not None and options.mode is Mode.CHECK:
        data = handed.data = b""  # a check reads only the text from here on
    if not isinstance(source, Source):
        return FileResult(path, problem=source, output=echo)
    if known is not None:  # the cache keeps findings, not text
        return known._replace(lines=context_lines(source.text, known.findings, rules))
    mode, note = _mode(source, path, options)
    try:
        if mode is Mode.CHECK:
            analysis = analyze(source, rules, config, path, parse_always=options.document)
            result = _result(path, source, source, analysis, rules, options)
            return result._replace(note=note) if note is not None else result
        outcome = fix(source, rules, config, path, unsafe=options.unsafe)
    except Exception as error:  # a bug must not stop the other files or print a traceback
        return FileResult(path, problem=internal_error(error))
    return _fixed(data, source, outcome, path, rules, options)


def _filtering(path: str, options: Options) -> bool:
    """Whether this is `--fix -`: stdin repaired to stdout."""
    return path == "-" and options.mode is Mode.FIX and options.write


def _mode(source: Source, path: str, options: Options) -> tuple[Mode, Message | None]:
    """The mode to run in, and the note that says why it is not the one asked for."""
    in_place = options.mode is Mode.FIX and options.text_to is None and path != "-"
    if source.extracted is not None and in_place and options.write:
        # Nothing would be written: report the document as it is, not as fixed.
        return Mode.CHECK, Message("note.document-unchanged", kind=source.extracted.kind.upper())
    return options.mode, None


def _result(
    path: str,
    original: Source,
    checked: Source,
    analysis: Analysis,
    rules: Sequence[Rule],
    options: Options,
) -> FileResult:
    """The result of `analysis` of `checked` (the text of `original`, perhaps fixed)."""
    findings = redact(paged(analysis.findings, checked), rules)
    return FileResult(
        path,
        findings,
        encoding_of(original),
        lines=context_lines(checked.text, findings, rules) if options.keep_lines else (),
        layout=analysis.layout,
        kind=analysis.kind,
        committee=analysis.committee,
        year=analysis.year,
        decoded=Decoded(checked, analysis.document) if options.document else None,
    )


def _fixed(
    data: bytes,
    source: Source,
    outcome: FixOutcome,
    path: str,
    rules: Sequence[Rule],
    options: Options,
) -> FileResult:
    """The result of fixing `source`: written, returned as bytes, or shown as a diff."""
    result = _result(path, source, outcome.source, outcome.analysis, rules, options)
    result = result._replace(fixed=outcome.fixed)
    if outcome.exhausted:  # hostile nesting: say that another --fix would change more
        problem = f"fixes left after {MAX_PASSES} passes; run --fix again"
        result = result._replace(problem=problem, fatal=False)
    if source.extracted is None:
        return _text_fixed(data, source, outcome, result, options)
    # the document itself is never written
    if options.mode is Mode.DIFF:
        changed = outcome.source.text != source.text
        return with_diff(result, source, outcome.source, path) if changed else result
    return extracted_fix(result, outcome.source, path, options.text_to)


def _text_fixed(
    data: bytes, source: Source, outcome: FixOutcome, result: FileResult, options: Options
) -> FileResult:
    """A text file's fixes: shown as a diff, returned as bytes, or written in place."""
    path = result.path
    new_data = data
    if outcome.fixed:
        try:
            new_data = outcome.source.encode(outcome.source.text)
        except UnicodeEncodeError:
            return FileResult(
                path,
                problem=Message("problem.cannot-encode", encoding=source.encoding),
                output=data if _filtering(path, options) else None,
            )
    if options.mode is Mode.DIFF:
        changed = new_data != data
        return with_diff(result, source, outcome.source, path) if changed else result
    if path == "-" or not options.write:  # a filter (or the API): the repaired bytes
        return result._replace(output=new_data)
    if new_data != data:
        try:
            write_atomic(Path(path), new_data, expected=data)
        except WriteError as error:
            return FileResult(path, problem=Message("problem.cannot-write", reason=error.reason))
    return result
