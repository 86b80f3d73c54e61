"""Hostile inputs take time linear in their size: each input at n and GROWTH * n, compared in
one test (no wall-clock threshold): linear time grows GROWTH-fold, quadratic GROWTH²-fold."""

from __future__ import annotations

import gc
import time

import pytest
from hostile import CORPUS, GROWTH

from referat_lint.checking.pipeline import Options, check_file
from referat_lint.config import Config
from referat_lint.out.privacy import outward
from referat_lint.out.report import ReportContext, reporter
from referat_lint.rules import all_rules

RULES = all_rules()
CONTEXT = ReportContext(rules={r.name: r for r in RULES}, lang="en", color=False)
# Linear: about GROWTH (less, as fixed costs weigh more at the small size); quadratic: GROWTH².
MAX_RATIO = 3 * GROWTH


def whole_path(data: bytes) -> float:
    """Seconds from bytes to the text and JSON reports, context lines included."""
    start = time.process_time()  # CPU time: other processes on the machine do not count
    result = outward(check_file(data, Config(), "hostile.txt", RULES, Options(keep_lines=True)))
    for name in ("text", "json"):
        reporter(name)([result], CONTEXT)
    return time.process_time() - start


def cost(data: bytes, repeat: int) -> float:
    """The best of `repeat` runs, without the garbage collector's pauses (they come at
    counts of objects, not in proportion to the work)."""
    gc.collect()
    gc.disable()
    try:
        return min(whole_path(data) for _ in range(repeat))
    finally:
        gc.enable()


@pytest.mark.parametrize("name", list(CORPUS))
def test_time_grows_linearly(name: str) -> None:
    make, n = CORPUS[name]
    small, large = make(n), make(GROWTH * n)
    whole_path(small)  # warm up: imports, the lexicon, patterns compiled on first use
    whole_path(large)
    ratios = []
    for _ in range(3):  # a busy machine can spoil one measurement, not three
        ratios.append(cost(large, 2) / cost(small, 3))
        if ratios[-1] < MAX_RATIO:
            break
    assert min(ratios) < MAX_RATIO, f"{name}: {GROWTH}x the input took {ratios}x the time"


def test_many_cpr_numbers_on_one_line_stay_small() -> None:
    """Each finding used to copy its whole line: 700 MB of memory for 88 KB."""
    import tracemalloc

    data = CORPUS["cpr_numbers_on_one_line"][0](2000)  # 22 KB
    tracemalloc.start()
    try:
        result = outward(check_file(data, Config(), "x.txt", RULES))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(result.findings) == 2000
    assert peak < 200 * len(data), peak
    assert max(len(f.snippet) for f in result.findings) < 300


def _peak(data: bytes) -> int:
    import tracemalloc

    tracemalloc.start()
    try:
        outward(check_file(data, Config(), "x.txt", RULES))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("name", ["tags_on_one_line", "cpr_numbers_on_one_line", "long_line"])
def test_memory_grows_linearly(name: str) -> None:
    """Peak memory at n and 4n in one run: linear grows about 4-fold (the README's promise
    per input byte is checked against the larger size)."""
    make, n = CORPUS[name]
    _peak(make(n))  # warm up: imports, patterns compiled on first use
    small, large = make(n), make(4 * n)
    ratio = _peak(large) / _peak(small)
    assert ratio < 5, f"{name}: 4x the input took {ratio:.1f}x the memory"
    assert _peak(large) < 1200 * len(large), "more memory per input byte than the README says"
