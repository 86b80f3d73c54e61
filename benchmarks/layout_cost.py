"""What each extra layout profile costs the parser: parse() over a synthetic archive with
every shipped layout against a subset (min of several in-process runs).

    python benchmarks/layout_cost.py                        # all against punkt, punkt-web
    python benchmarks/layout_cost.py --files 300 --only punkt,punkt-web --runs 7
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import write_archive

from referat_lint.document.layout import load_layouts
from referat_lint.document.model import Text
from referat_lint.document.parse import parse
from referat_lint.input.source import decode


def interleaved(texts: list[str], sets: dict[str, tuple], runs: int) -> dict[str, float]:
    """The best time of each set of layouts, runs alternating so that load on a shared
    machine falls on both alike."""
    best = dict.fromkeys(sets, float("inf"))
    for _ in range(runs):
        for name, layouts in sets.items():
            start = time.perf_counter()
            for text in texts:
                parse(Text(text), layouts)
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--only", default="punkt,punkt-web", help="the subset to compare with")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        write_archive(Path(folder), args.files)
        paths = sorted(p for p in Path(folder).rglob("*") if p.is_file())
        texts = [decode(p.read_bytes()).text for p in paths]
    every = load_layouts()
    subset = tuple(layout for layout in every if layout.name in args.only.split(","))
    sets = {f"{args.only} ({len(subset)} layouts)": subset, f"all ({len(every)})": every}
    interleaved(texts, sets, 1)  # warm: patterns compile on first use
    size = sum(map(len, texts)) / 1e6
    for name, seconds in interleaved(texts, sets, args.runs).items():
        print(f"{name}: {seconds * 1000:.0f} ms, {len(texts)} files, {size:.1f} MB")


if __name__ == "__main__":
    main()
