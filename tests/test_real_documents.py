"""Real published minutes and agendas of several systems, read against their truth.

`../shared/real/truth.json` records for each file its kind and, per item, the number,
closed flag, case number, whether a decision is printed and the heading's line (plus
`toc_agrees` where the table of contents matches). This module compares what
`referat-lint --show-document FILE` and `referat-lint --format json FILE` say with it.
Run it as a script to print the metrics table:

    .venv/bin/python tests/test_real_documents.py
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from referat_lint.cli import main

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "real"
TRUTH = REAL / "truth.json"

ITEMS_RECALL = 0.98
ITEMS_PRECISION = 0.98
CLOSED_RIGHT = 0.98
CASE_NUMBERS_RIGHT = 0.95
DECISIONS_RIGHT = 0.95


def _cli_json(*argv: str) -> dict[str, Any]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main([*argv, "--no-cache"] if argv[0] != "--show-document" else list(argv))
    return json.loads(out.getvalue())


def _truth() -> dict[str, dict[str, Any]]:
    if not TRUTH.is_file():
        pytest.skip("../shared/real (real published minutes with truth.json) is not present")
    return json.loads(TRUTH.read_text(encoding="utf-8"))


@dataclass
class FileCheck:
    """One file's comparison with its truth."""

    name: str
    kind_right: bool
    truth_items: int
    read_items: int
    matched: int
    closed_right: int
    case_right: int
    decision_right: int
    line_right: int
    false_findings: list[tuple[str, int, str]] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def _owner(items: list[dict[str, Any]], line: int) -> dict[str, Any] | None:
    """The truth item whose text holds `line` (from its heading to the next heading)."""
    owner = None
    for item in sorted(items, key=lambda item: item["line"]):
        if item["line"] <= line:
            owner = item
    return owner


def _ascending(numbers: list[str]) -> bool:
    values = [int(n) for n in numbers if n.isdigit()]
    return len(values) == len(numbers) and all(a < b for a, b in pairwise(values))


def _contradiction(finding: dict[str, Any], truth: dict[str, Any]) -> str | None:
    """Why the truth contradicts this finding, or None when it does not."""
    rule, line = finding["rule"], finding["line"]
    items = truth["items"]
    item = _owner(items, line)
    if rule == "not-minutes":
        return f"the file is {truth['kind']} with {len(items)} items"
    if rule.startswith("toc-") and truth.get("toc_agrees"):
        return "the table of contents agrees with the items"
    if rule == "empty-decision" and item is not None and item["has_decision"]:
        return f"item {item['number']} prints its decision"
    if rule == "closed-item-content":
        return "the published closed item shows only what may be published"
    if rule == "duplicate-case-number" and item is not None:
        shared = [other for other in items if other["case_number"] == item["case_number"]]
        if len(shared) < 2:
            return f"item {item['number']} shares its case number with no other item"
    if rule == "item-numbering" and _ascending([item["number"] for item in items]):
        return "the item numbers rise without repeats"
    if rule in ("missing-case-number", "malformed-case-number") and item is not None:
        if item["case_number"]:
            return f"item {item['number']} has case number {item['case_number']}"
        if rule == "malformed-case-number":
            return f"item {item['number']} has no case number"
    if rule == "date-mismatch":
        return "the decision dates are the meeting's or the case's history"
    return None


def check_file(name: str, truth: dict[str, Any], path: Path | None = None) -> FileCheck:
    """Compare one file's reading and findings with its truth (the file at `path`, when
    given, is a variant of `name` whose truth has its heading lines moved to match)."""
    target = str(path or REAL / name)
    document = _cli_json("--show-document", target)
    report = _cli_json("--format", "json", target)
    read = [item for item in document["items"] if not item.get("group")]
    by_number: dict[str, list[dict[str, Any]]] = {}
    for item in read:
        by_number.setdefault(item["number"], []).append(item)
    check = FileCheck(
        name, document["kind"] == truth["kind"], len(truth["items"]), len(read), 0, 0, 0, 0, 0
    )
    for expected in truth["items"]:
        candidates = by_number.get(expected["number"])
        if not candidates:
            check.misses.append(f"item {expected['number']} not read")
            continue
        got = candidates.pop(0)
        check.matched += 1
        check.line_right += got["line"] == expected["line"]
        if got["closed"] == expected["closed"]:
            check.closed_right += 1
        else:
            check.misses.append(f"item {expected['number']} closed={got['closed']}")
        numbers = [case["value"] for case in got["case_numbers"]]
        if (numbers[:1] == [expected["case_number"]]) if expected["case_number"] else not numbers:
            check.case_right += 1
        else:
            check.misses.append(f"item {expected['number']} case numbers {numbers}")
        decision = got["decision"] is not None and any(c.isalnum() for c in got["decision"]["text"])
        if decision == expected["has_decision"]:
            check.decision_right += 1
        else:
            check.misses.append(f"item {expected['number']} decision={decision}")
    for finding in report["files"][0]["diagnostics"]:
        why = _contradiction(finding, truth)
        if why is not None:
            check.false_findings.append((finding["rule"], finding["line"], why))
    return check


def check_all() -> list[FileCheck]:
    """Every file of the truth, compared."""
    return [check_file(name, truth) for name, truth in sorted(_truth().items())]


@dataclass
class Metrics:
    """The totals over all files."""

    files: int
    kinds_right: int
    recall: float
    precision: float
    closed: float
    case_numbers: float
    decisions: float
    heading_lines: float
    false_by_rule: Counter[str]


def metrics(checks: list[FileCheck]) -> Metrics:
    """Recall and precision of items; closed, case number and decision right per truth item."""
    truth_items = sum(check.truth_items for check in checks)
    matched = sum(check.matched for check in checks)
    read = sum(check.read_items for check in checks)
    return Metrics(
        len(checks),
        sum(check.kind_right for check in checks),
        matched / truth_items,
        matched / read if read else 0.0,
        sum(check.closed_right for check in checks) / truth_items,
        sum(check.case_right for check in checks) / truth_items,
        sum(check.decision_right for check in checks) / truth_items,
        sum(check.line_right for check in checks) / truth_items,
        Counter(rule for check in checks for rule, _, _ in check.false_findings),
    )


def table(checks: list[FileCheck]) -> Iterator[str]:
    """The per-file and total lines of the metrics table."""
    yield f"{'file':60} kind items read match closed case dec false"
    for check in checks:
        yield (
            f"{check.name[:60]:60} {'ok' if check.kind_right else 'WRONG':4} {check.truth_items:5}"
            f" {check.read_items:4} {check.matched:5} {check.closed_right:6} {check.case_right:4}"
            f" {check.decision_right:3} {len(check.false_findings):5}"
        )
    m = metrics(checks)
    yield ""
    yield f"kinds right      {m.kinds_right}/{m.files}"
    yield f"items recall     {m.recall:.3f}"
    yield f"items precision  {m.precision:.3f}"
    yield f"closed right     {m.closed:.3f}"
    yield f"case numbers     {m.case_numbers:.3f}"
    yield f"decisions        {m.decisions:.3f}"
    yield f"heading lines    {m.heading_lines:.3f}"
    yield f"false findings   {sum(m.false_by_rule.values())} {dict(sorted(m.false_by_rule.items()))}"


@pytest.fixture(scope="module")
def checks() -> list[FileCheck]:
    return check_all()


def _details(checks: list[FileCheck], attribute: str) -> str:
    return "; ".join(
        f"{check.name}: {', '.join(map(str, getattr(check, attribute)[:6]))}"
        for check in checks
        if getattr(check, attribute)
    )


def test_every_kind_right(checks: list[FileCheck]) -> None:
    m = metrics(checks)
    wrong = [check.name for check in checks if not check.kind_right]
    assert not wrong, f"kinds right {m.kinds_right}/{m.files}; wrong: {wrong}"


def test_items_recall_and_precision(checks: list[FileCheck]) -> None:
    m = metrics(checks)
    assert m.recall >= ITEMS_RECALL and m.precision >= ITEMS_PRECISION, (
        f"items recall {m.recall:.3f}, precision {m.precision:.3f}; {_details(checks, 'misses')}"
    )


def test_heading_lines(checks: list[FileCheck]) -> None:
    m = metrics(checks)
    assert m.heading_lines >= ITEMS_RECALL, f"heading lines right {m.heading_lines:.3f}"


def test_closed_flags(checks: list[FileCheck]) -> None:
    m = metrics(checks)
    assert m.closed >= CLOSED_RIGHT, (
        f"closed flags right {m.closed:.3f}; {_details(checks, 'misses')}"
    )


def test_case_numbers(checks: list[FileCheck]) -> None:
    m = metrics(checks)
    assert m.case_numbers >= CASE_NUMBERS_RIGHT, (
        f"case numbers right {m.case_numbers:.3f}; {_details(checks, 'misses')}"
    )


def test_decisions(checks: list[FileCheck]) -> None:
    m = metrics(checks)
    assert m.decisions >= DECISIONS_RIGHT, (
        f"decisions right {m.decisions:.3f}; {_details(checks, 'misses')}"
    )


def test_no_finding_the_truth_contradicts(checks: list[FileCheck]) -> None:
    m = metrics(checks)
    assert not m.false_by_rule, (
        f"{sum(m.false_by_rule.values())} false findings {dict(m.false_by_rule)}; "
        f"{_details(checks, 'false_findings')}"
    )


if __name__ == "__main__":
    if not TRUTH.is_file():
        sys.exit(f"{TRUTH} is not present")
    results = check_all()
    print("\n".join(table(results)))
    for result in results:
        for line in result.misses:
            print(f"  {result.name}: {line}")
        for rule, line_no, why in result.false_findings:
            print(f"  {result.name}:{line_no}: {rule} ({why})")
