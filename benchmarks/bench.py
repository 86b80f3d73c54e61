"""Measure referat-lint against plain ftfy in one run, and print the performance table.

    python benchmarks/bench.py                 # 400 files, 50 MB single file, 3 rounds
    python benchmarks/bench.py --files 100 --big-mb 5 --rounds 1   # a quick look
    python benchmarks/bench.py --update README.md   # and write the table into the README

Every figure is measured in this one run on this machine, and the two sides of each ratio
are timed in turn, round after round (the median of each side is compared), so the ratios
compare like with like even on a shared, noisy machine. Each ratio is printed beside its
target. Timed tests would not do: targets live here.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import SENTENCES, write_archive

# The console script, as users and pre-commit run it.
LINT = [str(Path(sys.executable).parent / "referat-lint")]
# As on a user's machine: Python may cache bytecode (some sandboxes switch that off, which
# would make every start-up compile the linter from source while ftfy's is precompiled).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


PYPROJECT = """[project]
name = "eksempel-referater"
version = "1.0"

[tool.referat-lint]
ignore = ["toc-page-order"]
lang = "da"
exclude = ["udkast"]

[tool.referat-lint.severity]
weekday-mismatch = "error"
"""


def timed(command: list[str], cwd: Path | None = None) -> float:
    """Wall time of a whole process."""
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, cwd=cwd)
    return time.perf_counter() - start


def peak_kb(command: list[str]) -> int:
    """Peak RSS (KB) of one command and its children, measured in a fresh child process."""
    code = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, *command], capture_output=True, text=True, env=ENV
    )
    return int(run.stdout)


def interleaved_medians(
    commands: dict[str, tuple[list[str], Path | None]],
    repeat: int,
    before: dict[str, Callable[[], object]] | None = None,
) -> dict[str, float]:
    """Median wall time of each command (run in its folder), the runs taken in turn so load
    hits all alike; `before[name]` runs untimed before each run of that command."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, (command, cwd) in commands.items():
            if before and name in before:
                before[name]()
            times[name].append(timed(command, cwd))
    return {name: statistics.median(values) for name, values in times.items()}


def against(value: float, target: float, unit: str) -> str:
    """A ratio beside its target, and whether it is met."""
    verdict = "met" if value <= target else "missed"
    return f"{value:.3f} × {unit} (target ≤ {target:g}: {verdict})"


def ftfy_time(files: list[Path], listing: Path) -> float:
    """Plain ftfy.fix_text over the same files, one process, import excluded."""
    listing.write_text("\n".join(str(p) for p in files), "utf-8")
    code = (
        "import sys, time, ftfy\n"
        "paths = open(sys.argv[1], encoding='utf-8').read().splitlines()\n"
        "start = time.perf_counter()\n"
        "for p in paths:\n"
        "    ftfy.fix_text(open(p, encoding='utf-8').read())\n"
        "print(time.perf_counter() - start)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(listing)], capture_output=True, text=True, env=ENV
    )
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
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--big-mb", type=float, default=50)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each pair (median)")
    parser.add_argument("--repeat", type=int, default=21, help="start-up runs (median)")
    parser.add_argument("--update", metavar="FILE", help="write the table between its markers")
    args = parser.parse_args()
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        archive = root / "arkiv"
        size = write_archive(archive, args.files)
        files = sorted(p for p in archive.rglob("*") if p.is_file())
        mb = size / 1e6
        timed([*LINT, "--no-cache", str(files[0])])  # warm-up: bytecode written
        rows += archive_rows(root, archive, files, mb, args.rounds)
        rows += start_up_rows(root, files[0], args.repeat)
        rows += big_file_rows(root, args.big_mb, args.rounds)
        rows += long_line_rows(root)
    table = "\n".join(
        [
            f"Machine: {machine()}; {load()}; {args.files} files, {mb:.1f} MB in the archive.",
            "",
            "| measurement | result | ratio |",
            "|---|---|---|",
            *(f"| {name} | {result} | {ratio} |" for name, result, ratio in rows),
        ]
    )
    print(table)
    if args.update:
        update(Path(args.update), table)
    return 0


def update(path: Path, table: str) -> None:
    """Put `table` between the `<!-- bench:start -->` and `<!-- bench:end -->` markers."""
    start, end = "<!-- bench:start -->\n", "<!-- bench:end -->"
    text = path.read_text("utf-8")
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    path.write_text(f"{head}{start}{table}\n{end}{tail}", "utf-8")


def archive_rows(
    root: Path, archive: Path, files: list[Path], mb: float, rounds: int
) -> list[tuple[str, str, str]]:
    """ftfy against one and two workers, a cold run against a cached re-run, in turn."""
    listing = root / "files.txt"
    ftfy, one, two = [], [], []
    for _ in range(rounds):
        ftfy.append(ftfy_time(files, listing))
        one.append(timed([*LINT, "--no-cache", "--jobs", "1", str(archive)]))
        two.append(timed([*LINT, "--no-cache", "--jobs", "2", str(archive)]))
    reference = statistics.median(ftfy)
    rows = [("ftfy.fix_text over the archive, one process", f"{reference:.2f} s", "reference")]
    for jobs, times, target in ((1, one, 0.2), (2, two, 0.12)):
        seconds = statistics.median(times)
        peak = peak_kb([*LINT, "--no-cache", "--jobs", str(jobs), str(archive)]) / 1024
        rows.append(
            (
                f"referat-lint --jobs {jobs}, all rules, no cache",
                f"{seconds:.2f} s, {len(files) / seconds:.0f} files/s, "
                f"{mb / seconds:.1f} MB/s, peak {peak:.0f} MB",
                against(seconds / reference, target, "ftfy"),
            )
        )
    cache = root / "cache"
    command = [*LINT, "--cache-dir", str(cache), str(archive)]
    cold_times, warm_times, touched_times = [], [], []
    peak = 0.0
    for _ in range(rounds):
        shutil.rmtree(cache, ignore_errors=True)
        cold_times.append(timed(command))
        warm_times.append(timed(command))  # replayed from the cold run's record
        peak = peak or peak_kb(command) / 1024
    for _ in range(rounds):  # after those: a file just touched keeps a run from its record
        os.utime(files[0])  # a new stamp, the same bytes: the per-file cache answers
        touched_times.append(timed(command))
    cold, warm = statistics.median(cold_times), statistics.median(warm_times)
    touched = statistics.median(touched_times)
    rows.append(("cold run filling the cache (default jobs)", f"{cold:.2f} s", "reference"))
    rows.append(
        (
            "cached re-run, unchanged archive",
            f"{warm:.2f} s, peak {peak:.0f} MB",
            against(warm / cold, 0.05, "cold"),
        )
    )
    rows.append(
        (
            "cached re-run, one file touched (the per-file cache)",
            f"{touched:.2f} s",
            f"{touched / cold:.3f} × cold",
        )
    )
    return rows


def start_up_rows(root: Path, clean: Path, repeat: int) -> list[tuple[str, str, str]]:
    """One clean file, whole process, against `import ftfy`, with and without a config:
    a file the linter has not seen (`--no-cache`) and a re-run of an unchanged one (the
    cache on, as a pre-commit hook runs it)."""
    plain, configured = root / "plain", root / "configured"
    for folder in (plain, configured):
        folder.mkdir()
        shutil.copy(clean, folder / "clean.txt")
    # A project that configures the linter in its pyproject.toml, as pre-commit runs it.
    (configured / "pyproject.toml").write_text(PYPROJECT, "utf-8")
    runs = {
        (seen, label): ([*LINT, *flags, "clean.txt"], folder)
        for seen, flags in (("a file not seen before", ["--no-cache"]), ("a re-run", []))
        for label, folder in (("no config", plain), ("a [tool.referat-lint] pyproject", configured))
    }
    start = interleaved_medians(
        {
            **{f"{seen}, {label}": run for (seen, label), run in runs.items()},
            "ftfy": ([sys.executable, "-c", "import ftfy"], plain),
            "python": ([sys.executable, "-c", "pass"], plain),
        },
        repeat,
    )
    ms = {name: f"{value * 1000:.0f} ms" for name, value in start.items()}
    rows = [
        ('python -c "pass" (the interpreter alone)', ms["python"], ""),
        ('python -c "import ftfy"', ms["ftfy"], "reference"),
    ]
    for seen, label in runs:
        name = f"{seen}, {label}"
        added = (start[name] - start["python"]) * 1000
        rows.append(
            (
                f"referat-lint on one clean file, whole process: {name}",
                f"{ms[name]} ({added:.0f} ms above the interpreter)",
                against(start[name] / start["ftfy"], 0.9, "import ftfy"),
            )
        )
    return rows


def big_file_rows(root: Path, big_mb: float, rounds: int) -> list[tuple[str, str, str]]:
    """A big file against a 1 MB one (time), and against its own size (peak memory)."""
    small, big = root / "one.txt", root / "big.txt"
    big_file(small, 1)
    big_file(big, big_mb)
    # The default size limit (10 MB) would refuse the big file unread.
    limit = root / "no-limit.toml"
    limit.write_text(f"max-file-size = {int(big_mb * 2e6)}\n", "utf-8")
    large = [*LINT, "--no-cache", "--config", str(limit)]
    times = interleaved_medians(
        {"small": ([*large, str(small)], None), "big": ([*large, str(big)], None)}, rounds
    )
    small_peak, peak = peak_kb([*large, str(small)]), peak_kb([*large, str(big)])
    # "3 x the file's size plus a constant": the constant is what a 1 MB file's run holds.
    growth = (peak - small_peak) * 1024 / ((big_mb - 1) * 1e6)
    return [
        ("one 1 MB file", f"{times['small']:.2f} s, peak {small_peak / 1024:.0f} MB", "reference"),
        (
            f"one {big_mb:g} MB file",
            f"{times['big']:.2f} s, peak {peak / 1024:.0f} MB",
            against(times["big"] / times["small"], 1.1 * big_mb, "the 1 MB file")
            + "; "
            + against(growth, 3, "its size in memory above the 1 MB file's peak"),
        ),
    ]


def long_line_rows(root: Path) -> list[tuple[str, str, str]]:
    clean_line = "Blåbærgrød, Ærø og Åbenrå – „citat“ ½ § 3. Økonomiudvalget: æ ø å! "
    damaged = "æøå ÆØÅ, Ã¥ Å, ¥ – „x“ . drÅ,ftes pÅ¥ "
    rows = []
    for name, unit, target in (
        ("one 1 MB line of Danish letters and punctuation", clean_line, "target < 1 s"),
        ("one 1 MB line with mojibake and lossy damage every few words", damaged, ""),
        ("the same damage, 0.25 MB", damaged, ""),
    ):
        size_chars = 250_000 if "0.25" in name else 1_000_000
        line = root / "line.txt"
        line.write_text("Punkt 1: x\n\n" + unit * (size_chars // len(unit)) + "\n", "utf-8")
        rows.append((name, f"{timed([*LINT, '--no-cache', str(line)]):.2f} s", target))
    return rows


def load() -> str:
    """How busy the machine was: a shared machine's ratios move with its load."""
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "load unknown"
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min)"


if __name__ == "__main__":
    raise SystemExit(main())
