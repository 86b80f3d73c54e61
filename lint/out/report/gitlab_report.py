"""GitLab Code Quality: a JSON array of issues (`artifacts:reports:codequality`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from referat_lint.checking.findings import Severity
from referat_lint.checking.result import FileResult
from referat_lint.input.identity import fingerprint, relative_path
from referat_lint.out.messages import say
from referat_lint.out.report import ReportContext
from referat_lint.out.report.artifacts import fingerprints
from referat_lint.out.report.diagnostic import diagnostic

# GitLab's severities are info, minor, major, critical and blocker (a Severity, a StrEnum,
# is also found by its value, as the diagnostic gives it).
SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    root = Path.cwd()  # GitLab resolves paths against the repository's root, the job's folder
    issues: list[dict[str, Any]] = []
    for result in results:
        path = relative_path(result.path, root, climb=True) or result.path
        if result.problem is not None:  # a file that could not be checked is an issue too
            issues.append(
                {
                    "description": say(result.problem, context.lang),
                    "check_name": "referat-lint",
                    "fingerprint": fingerprint("problem", path, length=32),
                    "severity": "critical" if result.fatal else "minor",
                    "location": {"path": path, "lines": {"begin": 1}},
                }
            )
        for finding, print_ in zip(result.findings, fingerprints(result, root), strict=True):
            found = diagnostic(finding, context)
            issues.append(
                {
                    "type": "issue",
                    "description": found["message"],
                    "check_name": f"{found['code']} {found['rule']}",
                    "fingerprint": print_,
                    "severity": SEVERITIES[found["severity"]],
                    "location": {
                        "path": path,
                        "lines": {"begin": found["line"], "end": found["end_line"]},
                    },
                }
            )
    return json.dumps(issues, ensure_ascii=False, indent=1) + "\n"
