"""Measure referat-lint against plain ftfy in one run, and print the README's table.

    python benchmarks/bench.py                 # 2,000 files, 50 MB single file
    python benchmarks/bench.py --files 200 --big-mb 5   # a quick look

Every figure is measured in this one run on this machine, so the ratios compare like with
like even on a shared, noisy machine. Timed tests would not: targets live here.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import SENTENCES, write_archive

# The console script, as users and pre-commit run it.
LINT = [str(Path(sys.executable).parent / "referat-lint")]


def timed(command: list[str], **kwargs) -> tuple[float, int]:
    """Wall time of a whole process, and the peak RSS (KB) of the largest child so far."""
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    elapsed = time.perf_counter() - start
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def median_time(command: list[str], repeat: int) -> float:
    return statistics.median(timed(command)[0] for _ in range(repeat))


def ftfy_time(files: list[Path]) -> float:
    """Plain ftfy.fix_text over the same files, one process, import excluded."""
    code = (
        "import sys, time, ftfy\n"
        "paths = sys.argv[1:]\n"
        "start = time.perf_counter()\n"
        "for p in paths:\n"
        "    ftfy.fix_text(open(p, encoding='utf-8').read())\n"
        "print(time.perf_counter() - start)\n"
    )
    listing = [str(p) for p in files]
    run = subprocess.run([sys.executable, "-c", code, *listing], capture_output=True, text=True)
    return float(run.stdout)


def big_file(path: Path, megabytes: float) -> None:
    unit = "\n\n".join(SENTENCES) + "\n\n"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("REFERAT Byrådet d. 01-02-2024\n\nPunkt 1: Stor sag\n\n24-000001\n\n")
        handle.write("Beslutning\n\nGodkendt.\n\nSagsfremstilling\n\n")
        written = 0
        while written < megabytes * 1_000_000:
            handle.write(unit)
            written += len(unit.encode("utf-8"))


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{model}, {cores} cores, Python {platform.python_version()}, {platform.system()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--big-mb", type=float, default=50)
    parser.add_argument("--repeat", type=int, default=15, help="start-up runs (median)")
    args = parser.parse_args()
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        archive = root / "arkiv"
        size = write_archive(archive, args.files)
        files = sorted(p for p in archive.rglob("*") if p.is_file())
        mb = size / 1e6
        ftfy_seconds = ftfy_time(files)
        rows.append(("ftfy.fix_text, one process", f"{ftfy_seconds:.2f} s", "1.00 × (reference)"))
        for jobs, target in ((1, 0.25), (2, 0.15)):
            seconds, _ = timed([*LINT, "--no-cache", "--jobs", str(jobs), str(archive)])
            rows.append(
                (
                    f"referat-lint --jobs {jobs}, all rules, cold",
                    f"{seconds:.2f} s, {len(files) / seconds:.0f} files/s, {mb / seconds:.1f} MB/s",
                    f"{seconds / ftfy_seconds:.3f} × ftfy (target ≤ {target})",
                )
            )
        cache = root / "cache"
        cold, _ = timed([*LINT, "--cache-dir", str(cache), str(archive)])
        warm, _ = timed([*LINT, "--cache-dir", str(cache), str(archive)])
        rows.append(("cold run filling the cache", f"{cold:.2f} s", ""))
        ratio = f"{warm / cold:.3f} × cold (target ≤ 0.1)"
        rows.append(("cached re-run, unchanged archive", f"{warm:.2f} s", ratio))
        clean = root / "clean.txt"
        shutil.copy(files[0], clean)
        lint_start = median_time([*LINT, "--no-cache", str(clean)], args.repeat)
        ftfy_start = median_time([sys.executable, "-c", "import ftfy"], args.repeat)
        ftfy_ms = f"{ftfy_start * 1000:.0f} ms"
        rows.append(('python -c "import ftfy"', ftfy_ms, "1.00 × (reference)"))
        rows.append(
            (
                "referat-lint on one clean file, whole process",
                f"{lint_start * 1000:.0f} ms",
                f"{lint_start / ftfy_start:.2f} × import ftfy (target ≤ 1.0)",
            )
        )
        small, big = root / "one.txt", root / "big.txt"
        big_file(small, 1)
        big_file(big, args.big_mb)
        small_seconds, _ = timed([*LINT, "--no-cache", str(small)])
        big_seconds, _ = timed([*LINT, "--no-cache", str(big)])
        peak = _peak_kb([*LINT, "--no-cache", str(big)])
        rows.append(("one 1 MB file", f"{small_seconds:.2f} s", ""))
        rows.append(
            (
                f"one {args.big_mb:g} MB file",
                f"{big_seconds:.2f} s, peak {peak / 1024:.0f} MB",
                f"{big_seconds / small_seconds:.1f} × the 1 MB file "
                f"(target ≤ {1.2 * args.big_mb:g}); "
                f"peak {peak * 1024 / (args.big_mb * 1e6):.1f} × file size (target < 10)",
            )
        )
        line = root / "line.txt"
        unit = "æøå ÆØÅ, Ã¥ Å, ¥ – „x“ . "
        line.write_text("Punkt 1: x\n\n" + unit * (1_000_000 // len(unit)) + "\n", "utf-8")
        line_seconds, _ = timed([*LINT, "--no-cache", str(line)])
        name = "one 1 MB line of Danish letters and punctuation"
        rows.append((name, f"{line_seconds:.2f} s", "target < 1 s"))
    print(f"Machine: {machine()}; {args.files} files, {mb:.1f} MB in the archive.\n")
    print("| measurement | result | ratio |")
    print("|---|---|---|")
    for name, result, ratio in rows:
        print(f"| {name} | {result} | {ratio} |")
    return 0


def _peak_kb(command: list[str]) -> int:
    """Peak RSS of one command, measured in a fresh child so earlier runs do not count."""
    code = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    run = subprocess.run([sys.executable, "-c", code, *command], capture_output=True, text=True)
    return int(run.stdout)


if __name__ == "__main__":
    raise SystemExit(main())
