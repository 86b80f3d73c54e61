"""What checking one file produced: the record every reporter, the baseline and the cache read."""

from __future__ import annotations

from typing import NamedTuple

from referat_lint.checking.findings import Finding
from referat_lint.document.model import Document
from referat_lint.input.source import Source
from referat_lint.out.messages import Message


class Decoded(NamedTuple):
    """What the pipeline read from the file's bytes, kept on a result only when asked for
    (--show-document): the text as checked and its parse."""

    source: Source
    document: Document | None


class FileResult(NamedTuple):
    """Everything a reporter needs about one file; reporters derive nothing more."""

    path: str
    findings: tuple[Finding, ...] = ()
    encoding: str | None = None
    fixed: tuple[Finding, ...] = ()
    lines: tuple[str, ...] = ()  # the checked text, for reporters that show context
    # the file could not be checked (error) or was empty (warning): a Message, or a str
    problem: object = None
    fatal: bool = True
    diff: str = ""  # with --diff: what --fix would change
    diff_hidden: int = 0  # with --diff: changed lines not shown (they hold personal data)
    output: bytes | None = None  # fixed bytes for stdin + --fix
    note: Message | str | None = None  # what --fix did instead of writing a PDF or DOCX (stderr)
    layout: str | None = None  # the layout the file was read as
    kind: str | None = None  # minutes or agenda
    committee: str | None = None  # the body that met, where the header names it
    year: int | None = None  # the meeting's year, where the header dates it
    # the decoded text and its parse, when the caller asked for them (never output)
    decoded: Decoded | None = None

    @property
    def failed(self) -> bool:
        return self.problem is not None and self.fatal
