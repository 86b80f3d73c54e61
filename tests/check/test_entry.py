"""The console script ends the process without taking the interpreter apart: what the run
wrote still arrives whole, the exit handlers still run, a reader that goes away is no
traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES

SCRIPT = (
    "import atexit, pathlib, sys\n"
    "atexit.register(pathlib.Path(sys.argv[1]).write_text, 'ran')\n"
    "sys.argv = ['referat-lint', *sys.argv[2:]]\n"
    "from referat_lint.entry import run\n"
    "run()\n"
)


def _run(tmp_path, *args: str) -> subprocess.CompletedProcess[bytes]:
    marker = tmp_path / "atexit.txt"
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, str(marker), *args], capture_output=True, check=False
    )


def test_the_whole_report_arrives_and_the_exit_handlers_run(tmp_path) -> None:
    done = _run(tmp_path, "--no-cache", "--format", "json", str(EXAMPLES))
    report = json.loads(done.stdout)  # whole: the last byte was flushed before the exit
    assert done.returncode == 1 and done.stderr == b""
    assert len(report["files"]) == len(list(EXAMPLES.glob("*.*")))
    assert (tmp_path / "atexit.txt").read_text() == "ran"


def test_a_clean_run_exits_zero(tmp_path) -> None:
    clean = tmp_path / "noter.txt"
    clean.write_text("Indkøbsliste\n\nMælk og brød.\n", "utf-8")
    done = _run(tmp_path, "--no-cache", str(clean))
    assert (done.returncode, done.stderr) == (0, b"")
    assert (tmp_path / "atexit.txt").read_text() == "ran"


def test_a_reader_that_goes_away_is_no_traceback(tmp_path) -> None:
    marker = tmp_path / "atexit.txt"
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            SCRIPT,
            str(marker),
            "--no-cache",
            "--format",
            "json",
            str(EXAMPLES),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(1)
    process.stdout.close()
    errors = process.stderr.read()
    assert process.wait() == 1 and b"Traceback" not in errors and errors == b""


def test_output_that_cannot_be_written_is_one_error_line(tmp_path) -> None:
    full = Path("/dev/full")
    if not full.exists():
        pytest.skip("no /dev/full here to stand for a full disk")
    with full.open("w") as stdout:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                SCRIPT,
                str(tmp_path / "atexit.txt"),
                "--no-cache",
                str(EXAMPLES),
            ],
            stdout=stdout,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr.decode().splitlines() == ["referat-lint: error: No space left on device"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_reader_that_goes_away_from_a_streamed_report_is_no_error(tmp_path, jobs) -> None:
    from conftest import FIXTURES

    archive = tmp_path / "arkiv"
    archive.mkdir()
    bad = (FIXTURES / "new_defects.txt").read_bytes()
    for index in range(400):  # more lines than a pipe holds: the run meets the closed pipe
        (archive / f"{index:03}.txt").write_bytes(bad)
    marker = str(tmp_path / "atexit.txt")
    process = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, marker, "--no-cache", "--jobs", jobs, str(archive)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(str(archive).encode())
    process.stdout.close()
    errors = process.stderr.read()
    assert (process.wait(timeout=60), errors) == (1, b"")
