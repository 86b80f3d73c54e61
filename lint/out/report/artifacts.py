"""Where a finding is, as the CI formats name it: relative URIs and stable fingerprints."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from referat_lint.checking.result import FileResult
from referat_lint.input.identity import fingerprint, relative_path

ROOT_ID = "%SRCROOT%"  # the uriBaseId SARIF viewers and GitHub code scanning resolve


def artifact_uri(path: str, root: Path) -> tuple[str, str | None]:
    """(uri, uriBaseId): relative to `root` when the file is under it, else an absolute URI."""
    relative = relative_path(path, root)
    if relative is not None:
        return quote(os.fsencode(relative)), ROOT_ID  # an undecodable name keeps its bytes
    return Path(os.path.abspath(path)).as_uri(), None


def fingerprints(result: FileResult, root: Path) -> list[str]:
    """A stable identity for each finding: rule, path and offending text, never the line.

    The same text flagged twice in one file is told apart by its occurrence number, so
    moving lines keeps every identity while two equal findings still get two.
    """
    where = relative_path(result.path, root) or result.path
    seen: Counter[tuple[str, str]] = Counter()
    prints = []
    for finding in result.findings:
        seen[finding.code, finding.snippet] += 1
        occurrence = str(seen[finding.code, finding.snippet])
        prints.append(fingerprint(finding.code, where, finding.snippet, occurrence, length=32))
    return prints
