"""The real published minutes as other exports write them, read against the same truth.

Each file of `../shared/real` is written again as a real export or extraction would
write it: CRLF line endings, no blank lines (PDF text extraction), lines wrapped at 80
columns, cp1252, a UTF-8 BOM, Markdown headings for the items, and a published PDF
(50 lines a page under a running head, `Side N af M` below). Every variant must read
the same items (closed flags, case numbers, decisions) at the lines where they moved to,
with no finding the truth contradicts. Run it as a script for the table per variant:

    .venv/bin/python tests/test_real_variants.py
"""

from __future__ import annotations

import copy
import re
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pdf_builder import text_pdf
from test_real_documents import TRUTH, FileCheck, _truth, check_file, metrics

from referat_lint.dates import MONTHS

REAL = TRUTH.parent
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


_MONTHS = list(MONTHS)  # in calendar order
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


def check_all(variant: str) -> list[FileCheck]:
    with tempfile.TemporaryDirectory() as folder:
        return [
            check_variant(name, truth, variant, Path(folder))
            for name, truth in sorted(_truth().items())
        ]


@pytest.mark.parametrize("variant", VARIANTS)
def test_variant_reads_the_same(variant: str) -> None:
    checks = check_all(variant)
    m = metrics(checks)
    misses = "; ".join(f"{c.name}: {c.misses[:4]}" for c in checks if c.misses)
    false = "; ".join(f"{c.name}: {c.false_findings[:4]}" for c in checks if c.false_findings)
    assert m.recall == 1.0 and m.precision == 1.0, (
        f"items {m.recall:.3f}/{m.precision:.3f}; {misses}"
    )
    assert (m.closed, m.case_numbers, m.decisions) == (1.0, 1.0, 1.0), misses
    assert m.heading_lines == 1.0, f"heading lines {m.heading_lines:.3f}"
    assert not m.false_by_rule, false


if __name__ == "__main__":
    if not TRUTH.is_file():
        sys.exit(f"{TRUTH} is not present")
    chosen = sys.argv[1:] or list(VARIANTS)
    print(f"{'variant':16} recall precis closed case  dec   lines false")
    details = []
    for name in chosen:
        results = check_all(name)
        m = metrics(results)
        print(
            f"{name:16} {m.recall:.3f}  {m.precision:.3f}  {m.closed:.3f}  {m.case_numbers:.3f}"
            f" {m.decisions:.3f} {m.heading_lines:.3f} {sum(m.false_by_rule.values()):3}"
            f" {dict(m.false_by_rule)}"
        )
        for result in results:
            details += [f"  {result.name}: {line}" for line in result.misses]
            details += [f"  {result.name}:{n}: {r} ({why})" for r, n, why in result.false_findings]
    print("\n".join(details))
