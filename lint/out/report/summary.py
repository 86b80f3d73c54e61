"""Counts shared by the reporters, computed once from the results."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
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


def summarize(results: Sequence[FileResult], unlisted: int = 0) -> Summary:
    """The counts of `results` and of `unlisted` files checked with nothing to report."""
    findings = [f for r in results for f in r.findings]
    return Summary(
        files=sum(1 for r in results if r.problem is None) + unlisted,
        files_with_findings=sum(1 for r in results if r.findings),
        errors=sum(1 for r in results if r.failed),
        findings=len(findings),
        fixable=sum(1 for f in findings if fixable(f)),
        fixed=sum(len(r.fixed) for r in results),
        by_severity={s.value: sum(1 for f in findings if f.severity is s) for s in Severity},
        by_rule=dict(sorted(Counter(f.rule for f in findings).items())),
        files_with_problems=sum(
            1 for r in results if any(f.severity is not Severity.INFO for f in r.findings)
        ),
        files_fixed=sum(1 for r in results if r.fixed),
        diff_hidden=sum(r.diff_hidden for r in results),
    )
