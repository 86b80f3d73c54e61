"""Time every hostile input of tests/hostile.py at two sizes, this code against another
checkout, in one run, and print a Markdown table.

    python benchmarks/hostile.py                          # this code only
    python benchmarks/hostile.py --before /tmp/before     # and a package tree to compare

`--before` names a folder holding a `referat_lint` package (lint/ with rules/ and schema/
copied inside, as the installed package is laid out), e.g. made from a commit with

    git archive <commit> | tar -x -C /tmp/base && mkdir /tmp/before &&
    cp -r /tmp/base/lint /tmp/before/referat_lint &&
    cp -r /tmp/base/rules /tmp/base/schema /tmp/before/referat_lint/

Each measurement runs in its own process (CPU time of check + text and JSON reports, the
best of two), so one that runs away is stopped at --timeout and shown as `> T s`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
sys.path.insert(0, str(TESTS))
from hostile import CORPUS  # noqa: E402

MEASURE = """
import sys, time
sys.path.insert(0, {tests!r})
from hostile import CORPUS
from referat_lint.config import Config
from referat_lint.out.report import ReportContext, reporter
from referat_lint.rules import all_rules
rules = all_rules()
try:
    from referat_lint.checking.pipeline import Options, check_file
    def checked():
        return check_file(data, Config(), "hostile.txt", rules, Options(keep_lines=True))
except ImportError:  # a checkout from before the one pipeline
    from referat_lint.checking.runner import Mode, check_file
    def checked():
        return check_file("hostile.txt", rules, Config(), Mode.CHECK, data=data, keep_lines=True)
context = ReportContext(rules={{r.name: r for r in rules}}, lang="en", color=False)
make, _ = CORPUS[{name!r}]
data = make({n})
def once():
    start = time.process_time()
    result = checked()
    for name in ("text", "json"):
        reporter(name)([result], context)
    return time.process_time() - start
print(min(once() for _ in range(2)), len(data))
"""


def measure(name: str, n: int, pythonpath: str | None, timeout: float) -> tuple[str, int]:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    code = MEASURE.format(tests=str(TESTS), name=name, n=n)
    try:
        run = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, env=env
        )
    except subprocess.TimeoutExpired:
        return f"> {timeout:.0f} s", 0
    if run.returncode != 0:
        return "error", 0
    seconds, size = run.stdout.split()
    return f"{float(seconds) * 1000:.0f} ms", int(size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="folder with the referat_lint package to compare")
    parser.add_argument("--growth", type=int, default=4, help="the larger size, times n")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--scale", type=int, default=1, help="n times this (the tests' n is small)")
    parser.add_argument("names", nargs="*", help="inputs to measure (default: all)")
    args = parser.parse_args()
    sides = [("before", args.before), ("after", None)] if args.before else [("now", None)]
    header = ["input", "size"] + [f"{side} n" for side, _ in sides]
    header += [f"{side} {args.growth}n" for side, _ in sides]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for name in args.names or CORPUS:
        n = CORPUS[name][1] * args.scale
        cells: dict[tuple[str, int], str] = {}
        sizes = []
        for factor in (1, args.growth):
            for side, path in sides:
                cells[side, factor], size = measure(name, n * factor, path, args.timeout)
                if size:
                    sizes.append(size)
        size_text = f"{min(sizes) / 1000:.0f}/{max(sizes) / 1000:.0f} KB" if sizes else "?"
        row = [name, size_text] + [cells[side, 1] for side, _ in sides]
        row += [cells[side, args.growth] for side, _ in sides]
        print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
