"""PDF extraction: pypdf against pdfminer.six, and what the rules cost on top.

    python benchmarks/pdf_bench.py              # 200 pages, best of 3
    python benchmarks/pdf_bench.py --pages 40 --repeat 1

The PDF is generated (tests/pdf_builder.py) from the synthetic minutes of synthetic.py,
wrapped at 90 characters, 48 lines a page with a running header and a `Side N af M`
footer. Reported: pages per second for each library alone, for referat-lint's extraction
(pypdf with the per-font visitor, the furniture pass and the metadata) and for the rules
on the extracted text (timed apart, so a noisy machine cannot make their cost negative);
how much of the written text each library gives back in order, and whether the Danish
letters come out as written.

Then the accessibility checks, on the same pages as a tagged PDF (item headings `H1`,
paragraphs of four lines `P`, running header and footer as artifacts, one bookmark): the
whole check with them and without them (the marked-content bookkeeping and the
structure-tree walk switched off, the accessibility rules not run), and what they add per
page and in per cent. These are measured in CPU time of this process (alternated, best of
five or more): on a shared machine the wall-clock time of one run varies by a factor of two
with the neighbours' load, the process's CPU time by a few per cent.
"""

from __future__ import annotations

import argparse
import difflib
import io
import platform
import random
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from unittest import mock

if TYPE_CHECKING:
    from referat_lint.input.source import Source

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]
from pdf_builder import Font, Page, build_pdf  # noqa: E402
from synthetic import minutes  # noqa: E402

LINES_PER_PAGE = 48
DANISH = "æøåÆØÅ"


def source_lines(pages: int, seed: int = 2026) -> list[list[str]]:
    """The lines of each page, as written into the PDF (header and footer not included)."""
    rng = random.Random(seed)
    lines: list[str] = []
    while len(lines) < pages * LINES_PER_PAGE:
        for line in minutes(rng, "new", None).split("\n"):
            lines.extend(textwrap.wrap(line, 90) if line.strip() else [])
    return [lines[i : i + LINES_PER_PAGE] for i in range(0, pages * LINES_PER_PAGE, LINES_PER_PAGE)]


def make_pdf(pages: list[list[str]], tagged: bool = False) -> bytes:
    font = Font("F1")
    total = len(pages)
    return build_pdf(
        [
            Page(
                [(font, "Eksempel Kommune · Referat")]
                + [(font, line) for line in body]
                + [(font, f"Side {number} af {total}")],
                tags=["Artifact", *(tag(n, line) for n, line in enumerate(body)), "Artifact"]
                if tagged
                else None,
            )
            for number, body in enumerate(pages, start=1)
        ],
        pdfa=True,
        tagged=tagged,
        bookmarks=["Referat"] if tagged else (),
    )


def tag(number: int, line: str) -> str:
    """How an accessible export tags a line of these minutes: item headings H1, the rest
    paragraphs of four lines (about 13 elements a page; a real 28-page minutes PDF of the
    FirstAgenda export family has 295, about 10.5 a page)."""
    return "H1" if line.startswith("Punkt ") else f"P#{number // 4}"


ACCESSIBILITY = ("RL506", "RL507", "RL508", "RL509", "RL510", "RL511", "RL512", "RL513")


def check_with(accessibility: bool) -> Callable[[bytes], str]:
    """A whole check (extraction and rules), with or without the accessibility checks."""
    from referat_lint.checking.engine import analyze
    from referat_lint.config import Config
    from referat_lint.input.extract.pdf import extract
    from referat_lint.rules import all_rules

    rules = [r for r in all_rules() if accessibility or r.code not in ACCESSIBILITY]

    def run(data: bytes) -> str:
        if accessibility:
            source = extract(data)
        else:
            with mock.patch("referat_lint.input.extract.pdf._structure", lambda _r, _s: None):
                source = _extract_untracked(data)
        analyze(source, rules, Config(), "bench.pdf")
        return source.text

    return run


def _walk_once(data: bytes, read: Callable[..., object]) -> float:
    """The structure-tree walk alone, after the text was extracted (as in a check)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        page.extract_text()
    start = time.process_time()
    read(reader, None, "")
    return time.process_time() - start


def _extract_untracked(data: bytes) -> Source:
    """extract() with the marked-content bookkeeping off (as for an untagged PDF)."""
    import referat_lint.input.extract.pdf as pdf

    with mock.patch.object(pdf, "MarkedText", lambda: None):
        return pdf.extract(data)


def with_pypdf(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def with_pdfminer(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def with_referat_lint(data: bytes) -> str:
    from referat_lint.input.extract.pdf import extract

    return extract(data).text


def rules_on(source: Source) -> Callable[[bytes], str]:
    """The rules alone, on text already extracted."""
    from referat_lint.checking.engine import analyze
    from referat_lint.config import Config
    from referat_lint.rules import all_rules

    def run(_data: bytes) -> str:
        analyze(source, all_rules(), Config(), "bench.pdf")
        return source.text

    return run


def best(
    function: Callable[[bytes], str],
    data: bytes,
    repeat: int,
    clock: Callable[[], float] = time.perf_counter,
) -> tuple[float, str]:
    times, text = [], ""
    for _ in range(repeat):
        start = clock()
        text = function(data)
        times.append(clock() - start)
    return min(times), text


def order_score(written: list[str], text: str) -> float:
    """The share of the written lines that come back, whole and in order."""
    got = [line.strip() for line in text.splitlines() if line.strip()]
    matcher = difflib.SequenceMatcher(None, written, got, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(written)


def letters(text: str) -> int:
    return sum(text.count(char) for char in DANISH)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pages = source_lines(args.pages)
    data = make_pdf(pages)
    written = [line for page in pages for line in page]
    expected_letters = sum(letters(line) for line in written)
    print(
        f"Machine: {platform.processor() or platform.machine()}, Python "
        f"{platform.python_version()}; {args.pages} pages, {len(data) / 1e6:.1f} MB PDF, "
        f"{expected_letters} Danish letters written; best of {args.repeat}.\n"
    )
    print("| step | time | pages/s | text in order | Danish letters as written |")
    print("|---|---|---|---|---|")
    from referat_lint.checking.runner import load

    results = {}
    source = load(data)
    rules_on(source)(data)  # import the rules once, outside the timing
    steps = (
        ("pypdf `extract_text`", with_pypdf),
        ("pdfminer.six `extract_text`", with_pdfminer),
        ("referat-lint extraction (pypdf, fonts, furniture, metadata)", with_referat_lint),
        ("referat-lint rules on the extracted text", rules_on(source)),
    )
    for name, function in steps:
        seconds, text = best(function, data, args.repeat)
        results[name] = seconds
        print(
            f"| {name} | {seconds:.2f} s | {args.pages / seconds:.0f} | "
            f"{order_score(written, text):.1%} | {letters(text)} of {expected_letters} |"
        )
    plain, miner, extraction, rules = results.values()
    print(
        f"\nA whole check: {extraction + rules:.2f} s, {args.pages / (extraction + rules):.0f} "
        f"pages/s; the rules are {rules / (extraction + rules):.0%} of it. referat-lint's "
        f"extraction costs {extraction / plain:.2f} × plain pypdf; pdfminer.six takes "
        f"{miner / plain:.1f} × pypdf."
    )
    accessibility_table(pages, args.repeat)


def accessibility_table(pages: list[list[str]], repeat: int) -> None:
    """The whole check of the tagged PDF with and without the accessibility checks."""
    from referat_lint.input.extract.pdf import extract
    from referat_lint.input.extract.structure import read

    data = make_pdf(pages, tagged=True)
    count = len(pages)
    source = extract(data)
    assert source.extracted is not None and source.extracted.pdf is not None
    structure = source.extracted.pdf.structure
    assert structure is not None and structure.problem is None
    check_with(True)(data)  # import everything once, outside the timing
    # Alternated, best of each: on a shared machine the two whole checks then see the same
    # load, and the difference is what the checks add, not what the neighbours did.
    runs: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(max(repeat, 5)):
        for accessibility in (False, True):
            check = check_with(accessibility)
            runs[accessibility].append(best(check, data, 1, time.process_time)[0])
    without, with_ = min(runs[False]), min(runs[True])

    tree = min(_walk_once(data, read) for _ in range(max(repeat, 5)))
    added = with_ - without
    print(
        f"\nThe same pages as a tagged PDF ({len(data) / 1e6:.1f} MB, {structure.elements} "
        f"structure elements, {len(structure.headings)} headings):\n"
    )
    print("| whole check of the tagged PDF | CPU time | ms/page |")
    print("|---|---|---|")
    print(f"| without the accessibility checks | {without:.2f} s | {without / count * 1e3:.2f} |")
    print(f"| with them | {with_:.2f} s | {with_ / count * 1e3:.2f} |")
    print(f"| of that, the structure-tree walk alone | {tree:.2f} s | {tree / count * 1e3:.2f} |")
    print(
        f"\nThe accessibility checks add {added / count * 1e3:.2f} ms a page, "
        f"{added / without:.0%} of the check without them (target: at most 25%)."
    )


if __name__ == "__main__":
    main()
