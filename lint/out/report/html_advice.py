"""What the HTML page tells records staff to do about a finding and a file, from what the
finding is: repaired by referat-lint, to be fixed in the case system, or nothing at all."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from referat_lint.checking.findings import Applicability, Finding, Severity
from referat_lint.checking.result import FileResult

NOT_MINUTES = "not-minutes"


class Advice(Enum):
    AUTO = "auto"  # referat-lint's fix (or the fix hook) repairs it: nothing for a person
    REVIEW = "review"  # a suggestion a person checks, then fixes at the source
    MANUAL = "manual"  # fixed in the case system and exported again
    NONE = "none"  # not minutes: no action


def advice(finding: Finding) -> Advice:
    """What to do about `finding`."""
    if finding.rule == NOT_MINUTES:
        return Advice.NONE
    if finding.fix is None:
        return Advice.MANUAL
    if finding.fix.applicability is Applicability.SAFE:
        return Advice.AUTO
    return Advice.REVIEW


def needs_person(finding: Finding) -> bool:
    return advice(finding) in (Advice.REVIEW, Advice.MANUAL)


def checked_findings(result: FileResult) -> tuple[Finding, ...]:
    """The findings a person may act on: all but the note that the file is not minutes."""
    return tuple(f for f in result.findings if f.rule != NOT_MINUTES)


def is_not_minutes(result: FileResult) -> bool:
    return any(f.rule == NOT_MINUTES for f in result.findings)


def status(findings: Sequence[Finding]) -> str:
    """A file's status from its findings: the most serious thing a person has to do."""
    manual = [f for f in findings if needs_person(f)]
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        if any(f.severity is severity for f in manual):
            return severity.value
    return "auto"
