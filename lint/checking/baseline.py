"""Baselines for legacy archives: record today's findings, then report only new ones.

A finding is known by the file it is in (path relative to the baseline file's folder), its
rule and a fingerprint of the offending text (`Finding.snippet`, whitespace folded), never by
its line, so findings survive lines moving. Identical findings are counted: a baseline that
holds one and a file that now has two reports one.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from referat_lint.checking.findings import Finding
from referat_lint.checking.result import FileResult
from referat_lint.input.atomic import WriteError, write_atomic
from referat_lint.input.identity import fingerprint as digest
from referat_lint.input.identity import relative_path
from referat_lint.input.reading import InputError, read_regular
from referat_lint.out.messages import Message
from referat_lint.out.privacy import mask, seal
from referat_lint.schemas import schema_problem

if TYPE_CHECKING:
    from typing import Any

VERSION = 1
_MAX_BASELINE = 256 * 1000 * 1000  # a baseline of a million findings is about 150 MB


class BaselineError(Exception):
    """The baseline file cannot be read, written or understood; the message is one line."""


class Key(NamedTuple):
    """What identifies a finding across runs."""

    path: str
    rule: str
    fingerprint: str


def fingerprint(snippet: str) -> str:
    """A short hash of the offending text (whitespace folded), so the file holds no text."""
    return digest(" ".join(snippet.split()))


def baseline_path(path: str, root: Path) -> str:
    """`path` relative to `root` (the baseline file's folder), with forward slashes."""
    if path == "-":
        return path
    # Masked: a link's target or a folder above can hold a CPR number the name did not.
    return mask(relative_path(path, root, climb=True) or Path(path).resolve().as_posix())


def _key(path: str, finding: Finding) -> Key:
    return Key(path, finding.rule, fingerprint(finding.snippet))


def keys(results: Sequence[FileResult], root: Path) -> Counter[Key]:
    """How often each finding occurs in `results`."""
    counts: Counter[Key] = Counter()
    for result in results:
        path = baseline_path(result.path, root)
        counts.update(_key(path, finding) for finding in result.findings)
    return counts


def document(counts: Counter[Key]) -> dict[str, Any]:
    """The baseline file's content: sorted, so a rewrite of an unchanged archive is no diff."""
    return {
        "tool": "referat-lint",
        "version": VERSION,
        "findings": [
            {"path": k.path, "rule": k.rule, "fingerprint": k.fingerprint, "count": n}
            for k, n in sorted(counts.items())
        ],
    }


def write(file: Path, results: Sequence[FileResult]) -> int:
    """Record the findings of `results` in `file`; returns how many were recorded."""
    counts = keys(results, file.parent)
    # Masked and made inert like every output, the fingerprint fields aside.
    text = seal(json.dumps(document(counts), ensure_ascii=False, indent=2) + "\n", "json")
    # A file name that is not UTF-8 holds lone surrogates (os.fsdecode); "backslashreplace"
    # writes each as `\udcXX`, which is JSON's own escape for it: the file stays UTF-8 and
    # reads back as the same path.
    try:
        write_atomic(file, text.encode("utf-8", "backslashreplace"))
    except WriteError as error:
        raise BaselineError(
            Message("baseline.cannot-write", file=file, reason=error.reason)
        ) from error
    return sum(counts.values())


def load(file: Path) -> Counter[Key]:
    """The findings recorded in `file`."""
    try:
        data = json.loads(read_regular(file, _MAX_BASELINE).decode("utf-8"))
    except FileNotFoundError as error:
        raise BaselineError(Message("baseline.not-found", file=file)) from error
    except OSError as error:
        raise BaselineError(
            Message("baseline.cannot-read", file=file, reason=error.strerror or error)
        ) from error
    except InputError as error:
        raise BaselineError(Message("baseline.cannot-read", file=file, reason=error)) from error
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise BaselineError(Message("baseline.invalid-json", file=file)) from error
    try:
        problem = schema_problem(data, "baseline.schema.json")
    except RecursionError:
        problem = "nested too deeply"
    if problem is not None:
        raise BaselineError(Message("baseline.invalid", file=file, problem=problem))
    counts: Counter[Key] = Counter()
    for entry in data["findings"]:
        counts[Key(entry["path"], entry["rule"], entry["fingerprint"])] += entry["count"]
    return counts


def without_known(
    results: Sequence[FileResult], known: Counter[Key], root: Path
) -> list[FileResult]:
    """`results` without the findings recorded in the baseline (as often as recorded)."""
    left = Counter(known)
    filtered: list[FileResult] = []
    for result in results:
        path = baseline_path(result.path, root)
        new: list[Finding] = []
        for finding in result.findings:
            key = _key(path, finding)
            if left[key] > 0:
                left[key] -= 1
            else:
                new.append(finding)
        filtered.append(result._replace(findings=tuple(new)))
    return filtered
