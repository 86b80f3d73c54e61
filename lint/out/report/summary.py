"""Counts shared by the reporters, computed once from the results."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from referat_lint.checking.findings import Applicability, Finding, Severity
from referat_lint.checking.result import FileResult


def fixable(finding: Finding) -> bool:
    """Whether plain --fix would repair this finding."""
    return finding.fix is not None and finding.fix.applicability is Applicability.SAFE


class Summary(NamedTuple):
    files: int
    files_with_findings: int
    errors: int  # files that could not be checked
    findings: int
    fixable: int
    fixed: int
    by_severity: dict[str, int]
    by_rule: dict[str, int]
    files_with_problems: int  # files with a finding that is not `info`
    files_fixed: int = 0  # files --fix changed (or, with --diff, would change)
    diff_hidden: int = 0  # --diff: changed lines not shown (they hold personal data)


def summarize(results: Iterable[FileResult], unlisted: int = 0) -> Summary:
    """The counts of `results` and of `unlisted` files checked with nothing to report."""
    tally = Tally(unlisted)
    for result in results:
        tally.add(result)
    return tally.summary()


class Tally:
    """A Summary counted one result at a time: a report written as results arrive keeps
    the counts, not the results."""

    def __init__(self, unlisted: int = 0) -> None:
        self.files = unlisted  # files checked with nothing to report, not added
        self.files_with_findings = self.errors = self.fixable = self.fixed = 0
        self.files_with_problems = self.files_fixed = self.diff_hidden = 0
        self.by_severity: Counter[str] = Counter({s.value: 0 for s in Severity})
        self.by_rule: Counter[str] = Counter()

    def add(self, result: FileResult) -> None:
        self.files += result.problem is None
        self.files_with_findings += bool(result.findings)
        self.errors += result.failed
        self.fixed += len(result.fixed)
        self.files_fixed += bool(result.fixed)
        self.diff_hidden += result.diff_hidden
        problems = False
        for finding in result.findings:
            self.fixable += fixable(finding)
            self.by_severity[finding.severity.value] += 1
            self.by_rule[finding.rule] += 1
            problems = problems or finding.severity is not Severity.INFO
        self.files_with_problems += problems

    def summary(self) -> Summary:
        return Summary(
            files=self.files,
            files_with_findings=self.files_with_findings,
            errors=self.errors,
            findings=sum(self.by_rule.values()),
            fixable=self.fixable,
            fixed=self.fixed,
            by_severity=dict(self.by_severity),
            by_rule=dict(sorted(self.by_rule.items())),
            files_with_problems=self.files_with_problems,
            files_fixed=self.files_fixed,
            diff_hidden=self.diff_hidden,
        )
