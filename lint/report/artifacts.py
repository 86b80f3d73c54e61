"""Where a finding is, as the CI formats name it: relative URIs and stable fingerprints."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from ..runner import FileResult

ROOT_ID = "%SRCROOT%"  # the uriBaseId SARIF viewers and GitHub code scanning resolve


def relative_path(path: str, root: Path) -> str | None:
    """`path` relative to `root` in POSIX form, or None when it lies outside `root`."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return None


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
        key = "\0".join(
            (finding.code, where, finding.snippet, str(seen[finding.code, finding.snippet]))
        )
        prints.append(hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32])
    return prints
