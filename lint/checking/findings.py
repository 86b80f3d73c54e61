"""What a rule reports: a Finding, with an optional Fix made of text Edits."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from typing import Any


class Severity(StrEnum):
    """How serious a finding is; the JSON report uses these values."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(StrEnum):
    """Whether a fix may be applied unattended (ruff's model)."""

    SAFE = "safe"  # applied by --fix
    UNSAFE = "unsafe"  # applied only by --unsafe-fixes
    DISPLAY_ONLY = "display-only"  # shown as a suggestion, never applied


class FixAvailability(StrEnum):
    """Whether a rule's findings carry a fix (ruff's model); each fix's own applicability
    then says whether --fix applies it."""

    ALWAYS = "always"  # every finding carries one
    SOMETIMES = "sometimes"  # some findings do
    NEVER = "never"  # none does: fixed by hand


class Stage(StrEnum):
    """Which text a finding's offsets refer to.

    Encoding rules see the raw decoded text; structure rules see the text as it reads
    after encoding repair, so one broken heading gives one finding, not two.
    """

    ENCODING = "encoding"
    STRUCTURE = "structure"


# Small value types are typing.NamedTuple, not dataclasses: creating a dataclass costs about
# ten times as much at import (README, Performance), and these are values anyway.
class Span(NamedTuple):
    """A 1-based, end-exclusive range of lines and columns (columns count characters)."""

    line: int
    column: int
    end_line: int
    end_column: int


class Edit(NamedTuple):
    """Replace text[start:end] with `replacement` (character offsets)."""

    start: int
    end: int
    replacement: str


class Fix(NamedTuple):
    """A repair: edits to the text, or a re-encoding of the whole file."""

    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    # Set by file-encoding: write the file in this encoding (no BOM) instead of its own.
    encode_as: str | None = None
    # Other texts the fix's single edit could put in place, for a person to choose from when
    # the rule cannot decide (the edit's own replacement is its best guess; never applied).
    suggestions: tuple[str, ...] = ()

    def applies(self, unsafe: bool) -> bool:
        """Whether this fix is applied under --fix (or --unsafe-fixes when `unsafe`)."""
        if self.applicability is Applicability.SAFE:
            return True
        return unsafe and self.applicability is Applicability.UNSAFE


class PlacedEdit(NamedTuple):
    """An edit as a span of lines and columns in the text the rule saw."""

    span: Span
    replacement: str


class FixView(NamedTuple):
    """A fix placed in the text: its edits as spans, and the finding's line before and after.

    Filled in by the engine, which knows the text each rule saw, so reporters can show and
    export a fix without re-reading or re-deriving anything.
    """

    edits: tuple[PlacedEdit, ...]
    line: int
    before: str
    after: str


class Finding(NamedTuple):
    """One problem found by one rule at one place."""

    rule: str
    code: str
    severity: Severity
    span: Span
    message_key: str = "default"
    args: dict[str, Any] = {}  # noqa: RUF012 -- never mutated: findings are values
    fix: Fix | None = None
    stage: Stage = Stage.STRUCTURE
    # The offending text; baselines and SARIF fingerprints use it, not the line number.
    snippet: str = ""
    fix_view: FixView | None = None  # set by the engine when the fix edits the text
    page: int | None = None  # the page of a PDF the finding is on (set from the Source)

    def sort_key(self) -> tuple[int, int, str]:
        return (self.span.line, self.span.column, self.code)


def _span_data(span: Span) -> list[int]:
    return [span.line, span.column, span.end_line, span.end_column]


def finding_to_data(finding: Finding) -> dict[str, Any]:
    """A finding as JSON-able data (for the cache)."""
    data: dict[str, Any] = {
        "rule": finding.rule,
        "code": finding.code,
        "severity": finding.severity.value,
        "span": _span_data(finding.span),
        "key": finding.message_key,
        "args": finding.args,
        "stage": finding.stage.value,
        "snippet": finding.snippet,
    }
    if finding.page is not None:
        data["page"] = finding.page
    if finding.fix_view is not None:
        view = finding.fix_view
        data["fix_view"] = {
            "edits": [[_span_data(e.span), e.replacement] for e in view.edits],
            "line": view.line,
            "before": view.before,
            "after": view.after,
        }
    if finding.fix is not None:
        data["fix"] = {
            "edits": [[e.start, e.end, e.replacement] for e in finding.fix.edits],
            "applicability": finding.fix.applicability.value,
            "encode_as": finding.fix.encode_as,
        }
        if finding.fix.suggestions:
            data["fix"]["suggestions"] = list(finding.fix.suggestions)
    return data


def finding_from_data(data: dict[str, Any]) -> Finding:
    """The inverse of finding_to_data; raises KeyError/ValueError/TypeError on bad data."""
    fix = None
    if "fix" in data:
        fix = Fix(
            edits=tuple(Edit(int(s), int(e), str(r)) for s, e, r in data["fix"]["edits"]),
            applicability=Applicability(data["fix"]["applicability"]),
            encode_as=data["fix"]["encode_as"],
            suggestions=tuple(str(s) for s in data["fix"].get("suggestions", ())),
        )
    fix_view = None
    if "fix_view" in data:
        view = data["fix_view"]
        fix_view = FixView(
            edits=tuple(PlacedEdit(Span(*map(int, s)), str(r)) for s, r in view["edits"]),
            line=int(view["line"]),
            before=str(view["before"]),
            after=str(view["after"]),
        )
    return Finding(
        rule=data["rule"],
        code=data["code"],
        severity=Severity(data["severity"]),
        span=Span(*(int(n) for n in data["span"])),
        message_key=data["key"],
        args=dict(data["args"]),
        fix=fix,
        stage=Stage(data["stage"]),
        snippet=data["snippet"],
        fix_view=fix_view,
        page=int(data["page"]) if data.get("page") is not None else None,
    )
