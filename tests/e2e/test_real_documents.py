"""Real published minutes and agendas of several systems, read against their truth.

`../shared/real/truth.json` records for each file its kind and, per item, the number,
closed flag, case number, whether a decision is printed and the heading's line (plus
`toc_agrees` where the table of contents matches). This module compares what
`referat-lint --show-document FILE` and `referat-lint --format json FILE` say with it.
Run it as a script to print the metrics table:

    .venv/bin/python tests/e2e/test_real_documents.py
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import re
import sys
import tempfile
import textwrap
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from referat_lint.cli import main

REAL = Path(__file__).resolve().parent.parent.parent.parent / "shared" / "real"
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


# The same minutes as other exports write them: CRLF, a BOM, cp1252, no blank lines,
# wrapped at 80 or 60 columns, Markdown headings, a paged PDF under a running head above
# `Side N af M`, every date in one form. Each must read the same items, flags, case numbers
# and decisions at the lines they moved to, with no finding the truth contradicts.
# `python tests/e2e/test_real_documents.py --variants [NAME ...]` prints the table per variant.
PAGE_LINES = 50  # lines of the text on one page of the published PDF

# A variant: the text's lines -> (the file's bytes, its suffix, the variant's line of
# each original line (1-based; the next line kept where a line is left out)).
Variant = Callable[[list[str]], tuple[bytes, str, list[int]]]


def _same(lines: list[str], text: str, encoding: str = "utf-8") -> tuple[bytes, str, list[int]]:
    return text.encode(encoding, "replace"), ".txt", list(range(1, len(lines) + 1))


def _kept(lines: list[str], keep: list[bool]) -> list[int]:
    """The variant's line of each original line when only lines with `keep` are kept."""
    where, next_line = [], 1
    for kept in keep:
        where.append(next_line)
        next_line += kept
    return where


def crlf(lines: list[str]) -> tuple[bytes, str, list[int]]:
    return _same(lines, "\r\n".join(lines) + "\r\n")


def bom(lines: list[str]) -> tuple[bytes, str, list[int]]:
    return _same(lines, "\ufeff" + "\n".join(lines) + "\n")


def cp1252(lines: list[str]) -> tuple[bytes, str, list[int]]:
    return _same(lines, "\n".join(lines) + "\n", "cp1252")


def no_blank_lines(lines: list[str]) -> tuple[bytes, str, list[int]]:
    keep = [bool(line.strip()) for line in lines]
    text = "".join(line + "\n" for line, kept in zip(lines, keep, strict=True) if kept)
    return text.encode(), ".txt", _kept(lines, keep)


def _wrap(lines: list[str], width: int, hyphens: bool = False) -> tuple[list[str], list[int]]:
    """The lines wrapped at `width` columns (also after a hyphen with `hyphens`), and the
    first wrapped line of each."""
    out: list[str] = []
    where = []
    for line in lines:
        where.append(len(out) + 1)
        pieces = textwrap.wrap(
            line,
            width,
            expand_tabs=False,
            replace_whitespace=False,
            break_long_words=False,
            break_on_hyphens=hyphens,
        )
        out.extend(pieces if len(line) > width else [line])
    return out, where


def wrapped(lines: list[str]) -> tuple[bytes, str, list[int]]:
    out, where = _wrap(lines, 80)
    return "".join(line + "\n" for line in out).encode(), ".txt", where


def narrow_pdf_text(lines: list[str]) -> tuple[bytes, str, list[int]]:
    """PDF text of a narrow column: wrapped at 60 columns (after hyphens too), no blank
    lines; long decision headings wrap with the text."""
    out, wrapped_at = _wrap(lines, 60, hyphens=True)
    keep = [bool(line.strip()) for line in out]
    kept = _kept(out, keep)
    text = "".join(line + "\n" for line, k in zip(out, keep, strict=True) if k)
    return text.encode(), ".txt", [kept[at - 1] for at in wrapped_at]


def markdown(headings: set[int]) -> Variant:
    def variant(lines: list[str]) -> tuple[bytes, str, list[int]]:
        marked = [
            f"# {line.strip()}" if number in headings else line
            for number, line in enumerate(lines, start=1)
        ]
        return _same(lines, "\n".join(marked) + "\n")

    return variant


_MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip
_DATE = re.compile(
    rf"(?<![\w.\-/])(?:(?P<day>\d{{1,2}})(?P<sep>[-.])(?P<month>\d{{1,2}})(?P=sep)(?P<year>\d{{4}})"
    rf"|(?P<nday>\d{{1,2}})\. (?P<name>{'|'.join(_MONTHS)}) (?P<nyear>\d{{4}}))(?![\w\-/]|\.\d)"
)
DATE_FORMS: dict[str, Callable[[int, int, int], str]] = {
    "long": lambda y, m, d: f"{d}. {_MONTHS[m - 1]} {y}",
    "dotted": lambda y, m, d: f"{d:02}.{m:02}.{y}",
    "dashed": lambda y, m, d: f"{d:02}-{m:02}-{y}",
    "iso": lambda y, m, d: f"{y}-{m:02}-{d:02}",
}


def dates_as(form: str) -> Variant:
    """Every date of the text written in one form (`4. december 2012`, `04.12.2012`,
    `04-12-2012`, `2012-12-04`): another installation's date style."""
    write = DATE_FORMS[form]

    def rewrite(match: re.Match[str]) -> str:
        if match["name"]:
            y, m, d = int(match["nyear"]), _MONTHS.index(match["name"]) + 1, int(match["nday"])
        else:
            y, m, d = int(match["year"]), int(match["month"]), int(match["day"])
        return write(y, m, d) if 1 <= m <= 12 and 1 <= d <= 31 else match.group()

    def variant(lines: list[str]) -> tuple[bytes, str, list[int]]:
        return _same(lines, "\n".join(_DATE.sub(rewrite, line) for line in lines) + "\n")

    return variant


def published_pdf(headings: set[int]) -> Variant:
    """Pages of PAGE_LINES lines without the blank ones (a PDF's text has none) under the
    document's first line (not an item's heading) as a running head, above `Side N af M`."""

    def variant(lines: list[str]) -> tuple[bytes, str, list[int]]:
        return _pdf(lines, headings)

    return variant


def _pdf(lines: list[str], headings: set[int]) -> tuple[bytes, str, list[int]]:
    head = next(
        (
            line.strip()
            for number, line in enumerate(lines, start=1)
            if line.strip() and number not in headings
        ),
        "Referat",
    )
    text, wrapped_at = _wrap(lines, 90)  # a page's width of body text
    chunks = [text[at : at + PAGE_LINES] for at in range(0, len(text), PAGE_LINES)]
    pages, placed, next_line = [], [], 1
    for number, chunk in enumerate(chunks, start=1):
        page = [head]
        next_line += 1
        for line in chunk:
            placed.append(next_line)
            if line.strip():
                page.append(line.rstrip().replace("\t", " "))
                next_line += 1
        page.append(f"Side {number} af {len(chunks)}")
        next_line += 1
        pages.append([line.encode("cp1252", "replace").decode("cp1252") for line in page])
    # The tests' PDF builder: on the path under pytest; run as a script, see the end.
    from pdf_builder import text_pdf

    return text_pdf(pages), ".pdf", [placed[at - 1] for at in wrapped_at]


def variants(truth: dict[str, Any]) -> dict[str, Variant]:
    """Each variant of a file with this truth."""
    return {
        "crlf": crlf,
        "bom": bom,
        "cp1252": cp1252,
        "no-blank-lines": no_blank_lines,
        "wrapped-80": wrapped,
        "narrow-pdf-text": narrow_pdf_text,
        "markdown": markdown({item["line"] for item in truth["items"]}),
        "pdf": published_pdf({item["line"] for item in truth["items"]}),
        **{f"dates-{form}": dates_as(form) for form in DATE_FORMS},
    }


VARIANTS = tuple(variants({"items": []}))


def check_variant(name: str, truth: dict[str, Any], variant: str, folder: Path) -> FileCheck:
    """One variant of a real file, compared with the truth moved to its lines."""
    lines = (REAL / name).read_text(encoding="utf-8").splitlines()
    data, suffix, where = variants(truth)[variant](lines)
    moved = copy.deepcopy(truth)
    for item in moved["items"]:
        item["line"] = where[item["line"] - 1]
    path = folder / f"{variant}-{Path(name).stem[:40]}{suffix}"
    path.write_bytes(data)
    check = check_file(name, moved, path)
    check.name = f"{variant}: {name}"
    return check


def check_variant_all(variant: str) -> list[FileCheck]:
    with tempfile.TemporaryDirectory() as folder:
        return [
            check_variant(name, truth, variant, Path(folder))
            for name, truth in sorted(_truth().items())
        ]


@pytest.mark.parametrize("variant", VARIANTS)
def test_variant_reads_the_same(variant: str) -> None:
    checks = check_variant_all(variant)
    m = metrics(checks)
    misses = "; ".join(f"{c.name}: {c.misses[:4]}" for c in checks if c.misses)
    false = "; ".join(f"{c.name}: {c.false_findings[:4]}" for c in checks if c.false_findings)
    assert m.recall == 1.0 and m.precision == 1.0, (
        f"items {m.recall:.3f}/{m.precision:.3f}; {misses}"
    )
    assert (m.closed, m.case_numbers, m.decisions) == (1.0, 1.0, 1.0), misses
    assert m.heading_lines == 1.0, f"heading lines {m.heading_lines:.3f}"
    assert not m.false_by_rule, false


def variant_table(chosen: list[str]) -> Iterator[str]:
    """The metrics per variant, then what each missed or found against the truth."""
    yield f"{'variant':16} recall precis closed case  dec   lines false"
    details = []
    for name in chosen:
        results = check_variant_all(name)
        m = metrics(results)
        yield (
            f"{name:16} {m.recall:.3f}  {m.precision:.3f}  {m.closed:.3f}  {m.case_numbers:.3f}"
            f" {m.decisions:.3f} {m.heading_lines:.3f} {sum(m.false_by_rule.values()):3}"
            f" {dict(m.false_by_rule)}"
        )
        for result in results:
            details += [f"  {result.name}: {line}" for line in result.misses]
            details += [f"  {result.name}:{n}: {r} ({why})" for r, n, why in result.false_findings]
    yield from details


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' helpers
    if not TRUTH.is_file():
        sys.exit(f"{TRUTH} is not present")
    if sys.argv[1:2] == ["--variants"]:
        print("\n".join(variant_table(sys.argv[2:] or list(VARIANTS))))
        sys.exit(0)
    results = check_all()
    print("\n".join(table(results)))
    for result in results:
        for line in result.misses:
            print(f"  {result.name}: {line}")
        for rule, line_no, why in result.false_findings:
            print(f"  {result.name}:{line_no}: {rule} ({why})")
