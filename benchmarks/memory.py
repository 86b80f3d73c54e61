"""Where checking one file holds its memory: tracemalloc at each stage, in one process.

    python benchmarks/memory.py FILE            # e.g. the benchmark's big file (bench.big_file)
    python benchmarks/memory.py --make 50 FILE  # write a 50 MB synthetic file first

Prints, for each stage of the check (decoding, each rule, the parse, the reporting steps),
the memory traced when it ends and the peak since the stage before, in MB, and what was
alive at the end of the parse (the largest allocations by line). tracemalloc counts every
buffer Python asks for, touched or not: the decoder's first buffer and a read's buffer of
the size limit count in full here, while the process's resident peak (what bench.py and
`/usr/bin/time -f %M` report) counts only the pages written.
"""

from __future__ import annotations

import argparse
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from referat_lint.checking import engine, pipeline
from referat_lint.config import Config
from referat_lint.rules import all_rules

MB = 1e6


class Stages:
    """The traced memory at the end of each stage and its peak since the stage before."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, float, float]] = []

    def mark(self, name: str) -> None:
        current, peak = tracemalloc.get_traced_memory()
        self.rows.append((name, current / MB, peak / MB))
        tracemalloc.reset_peak()

    def around(self, owner: object, name: str) -> None:
        """Mark before and after each call of `owner.name`."""
        function: Callable[..., Any] = getattr(owner, name)

        def marked(*args: object, **kwargs: object) -> object:
            self.mark(f"before {name}")
            result = function(*args, **kwargs)
            self.mark(f"after {name}")
            return result

        setattr(owner, name, marked)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--make", type=float, metavar="MB", help="write a synthetic file first")
    parser.add_argument("--top", type=int, default=8, help="allocations shown after the parse")
    args = parser.parse_args()
    if args.make:
        sys.path.insert(0, str(Path(__file__).parent))
        from bench import big_file

        big_file(args.file, args.make)
    stages = Stages()
    rules = all_rules()
    for rule in rules:  # a mark after each rule
        check = rule.check

        def marked(context: Any, check: Any = check, name: str = rule.name) -> list[Any]:  # noqa: ANN401
            found = list(check(context))
            stages.mark(f"rule {name}")
            return found

        object.__setattr__(rule, "check", marked)
    stages.around(pipeline, "decoded")
    stages.around(pipeline, "redact")
    parse = engine._parse

    top = args.top

    def parsed(*arguments: Any) -> Any:  # noqa: ANN401
        stages.mark("before parse")
        document = parse(*arguments)
        stages.mark("after parse")
        for statistic in tracemalloc.take_snapshot().statistics("lineno")[:top]:
            print(f"  alive after the parse: {statistic}")
        return document

    engine._parse = parsed
    config = Config(max_file_size=args.file.stat().st_size + 1)
    tracemalloc.start()
    stages.mark("start")
    handed = pipeline.Handed(args.file.read_bytes())  # the check lets go of them
    stages.mark("read")
    result = pipeline.check_file(handed, config, str(args.file), rules)
    stages.mark("done")
    tracemalloc.stop()
    for name, current, peak in stages.rows:
        print(f"{name:32s} {current:9.1f} MB held, {peak:9.1f} MB peak since the mark before")
    print(f"{len(result.findings)} findings" if result.problem is None else result.problem)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
