"""The replay of an unchanged re-run: the same bytes on stdout and stderr and the same exit
code as the run it records, and a normal check whenever anything the run depended on
changed, the record is damaged, or the run may not be recorded at all.

The console script runs as users run it. Each test has its own folder of minutes, all made
before the module's first test and left to age past the racy window (a file stamped within
2 s of a run keeps no record), so one pause serves them all. Whether a run was replayed is
seen in the per-file cache: its index is removed before the re-run, and only a run that
checked files writes it again."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from referat_lint import replay
from referat_lint.cli_args import _cache_dir, _config, build_parser
from referat_lint.input import locate, watch
from referat_lint.rules import all_rules

from conftest import FIXTURES, ROOT

_SCRIPT = Path(sys.executable).parent / "referat-lint"
LINT = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "referat_lint"]
CPR_NAME = "referat-010190-1234.txt"  # a file named after a person
PYPROJECT = '[project]\nname = "eksempel-referater"\n\n[tool.referat-lint]\nfail-on = "warning"\n'
FORMATS = ("text", "json", "sarif", "github")
SCENARIOS = (
    *(f"format-{name}" for name in FORMATS),
    "clean",
    "interleaved",
    "content",
    "size",
    "added",
    "removed",
    "config",
    "config-below",
    "git",
    "environment",
    "argument-order",
    "fix",
    "no-cache",
    "refresh",
    "failed",
    "flipped",
    "truncated",
    "foreign",
    "cpr",
    "module",
    "terminal",
    "owner",
)


def minutes(folder: Path, *, clean: bool = False) -> None:
    """Eksempel Kommune's archive: clean minutes, and (unless `clean`) minutes whose meeting
    day is the wrong weekday in a subfolder, and a README that is not minutes."""
    archive = folder / "arkiv"
    (archive / "sub").mkdir(parents=True)
    text = (FIXTURES / "new_clean.txt").read_text("utf-8")
    (archive / "clean.txt").write_text(text, "utf-8")
    if not clean:
        wrong = text.replace("Mødedato Fredag", "Mødedato Mandag")
        (archive / "sub" / "weekday.txt").write_text(wrong, "utf-8")
        (archive / "README.md").write_text("# Noter\n\nOm arkivet.\n", "utf-8")
    (folder / "pyproject.toml").write_text(PYPROJECT, "utf-8")


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("replay")
    made = {}
    for name in SCENARIOS:
        made[name] = base / name
        minutes(made[name], clean=name == "clean")
    (made["interleaved"] / "tom").mkdir()  # an empty folder: a warning on stderr
    (made["cpr"] / "arkiv" / CPR_NAME).write_text("Noter\n", "utf-8")
    time.sleep(2.2)  # past the racy window of every file and folder above
    return made


def environment(**changes: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    for variable in ("GITHUB_ACTIONS", "FORCE_COLOR", "NO_COLOR", "PRE_COMMIT", "TERM"):
        env.pop(variable, None)
    env["LANG"] = "C.UTF-8"
    env.update(changes)
    return env


class Run:
    def __init__(self, done: subprocess.CompletedProcess[bytes]) -> None:
        self.code, self.out, self.err = done.returncode, done.stdout, done.stderr

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Run) and (self.code, self.out, self.err) == (
            other.code,
            other.out,
            other.err,
        )

    def __repr__(self) -> str:
        return f"Run({self.code}, {self.out!r}, {self.err!r})"


def lint(folder: Path, *args: str, env: dict[str, str] | None = None, merged=False) -> Run:
    done = subprocess.run(
        [*LINT, *args],
        cwd=folder,
        env=env or environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if merged else subprocess.PIPE,
        check=False,
    )
    return Run(done)


def cache(folder: Path) -> Path:
    return folder / ".referat-lint-cache"


def records(folder: Path) -> list[Path]:
    runs = cache(folder) / replay.RECORDS
    return sorted(runs.iterdir()) if runs.is_dir() else []


def replayed(folder: Path, *args: str, **options) -> tuple[Run, bool]:
    """The run, and whether it was a replay (it checked nothing: the per-file cache's index,
    removed first, was not written again)."""
    index = cache(folder) / "v3" / "index.json"
    index.unlink(missing_ok=True)
    run = lint(folder, *args, **options)
    return run, not index.exists()


def fresh(folder: Path, *args: str, **options) -> Run:
    """The run as it is without any record or per-file cache."""
    shutil.rmtree(cache(folder), ignore_errors=True)
    return lint(folder, *args, **options)


EXPECTED_TEXT = [
    "arkiv/README.md:1:1: info RL001 not-minutes file does not look like minutes: no known "
    "layout with agenda items fits",
    "arkiv/sub/weekday.txt:5:10: warning RL003 weekday-mismatch Mødedato says `Mandag`, but "
    "2024-06-14 was a `fredag`",
    "Found 1 problem in 1 of 3 files. 1 note (info).",
]


# --- an unchanged re-run ----------------------------------------------------------------


@pytest.mark.parametrize("name", FORMATS)
def test_an_unchanged_rerun_prints_the_same_bytes_and_exits_the_same(folders, name) -> None:
    folder = folders[f"format-{name}"]
    first = lint(folder, "--format", name, "arkiv")
    assert first.code == 1
    if name == "text":
        assert first.out.decode("utf-8").splitlines() == EXPECTED_TEXT
    assert len(records(folder)) == 1
    again, was_replayed = replayed(folder, "--format", name, "arkiv")
    assert was_replayed
    assert again == first
    assert fresh(folder, "--format", name, "arkiv") == first


def test_a_clean_archive_is_replayed_clean(folders) -> None:
    folder = folders["clean"]
    first = lint(folder, "arkiv")
    assert (first.code, first.out, first.err) == (0, b"No problems in 1 file.\n", b"")
    again, was_replayed = replayed(folder, "arkiv")
    assert was_replayed
    assert again == first


def test_stdout_and_stderr_come_back_in_the_order_they_were_written(folders) -> None:
    folder = folders["interleaved"]
    first = lint(folder, "arkiv", "tom", merged=True)
    # each file's lines as its result arrives: the empty folder, named last, comes last
    assert first.out.decode("utf-8").splitlines() == [
        *EXPECTED_TEXT[:-1],
        "referat-lint: warning: tom: no minutes files (*.txt, *.md) in this folder",
        EXPECTED_TEXT[-1],
    ]
    again, was_replayed = replayed(folder, "arkiv", "tom", merged=True)
    assert was_replayed
    assert again == first


def test_python_m_replays_too(folders) -> None:
    folder = folders["module"]
    command = [sys.executable, "-m", "referat_lint", "--cache-dir", "../module-cache", "arkiv"]
    env = environment()
    first = subprocess.run(command, cwd=folder, env=env, capture_output=True, check=False)
    assert first.stdout.decode("utf-8").splitlines() == EXPECTED_TEXT
    index = folder.parent / "module-cache" / "v3" / "index.json"
    index.unlink()
    again = subprocess.run(command, cwd=folder, env=env, capture_output=True, check=False)
    assert not index.exists()
    assert (again.returncode, again.stdout, again.stderr) == (1, first.stdout, first.stderr)


# --- anything changed: a normal run -------------------------------------------------------


def _same_size_edit(folder: Path) -> None:
    """Fix the weekday in place: same size, and the old mtime put back (only ctime tells)."""
    path = folder / "arkiv" / "sub" / "weekday.txt"
    before = path.stat()
    path.write_bytes(path.read_bytes().replace(b"Mandag", b"Fredag"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


def _grow(folder: Path) -> None:
    with (folder / "arkiv" / "clean.txt").open("a", encoding="utf-8") as handle:
        handle.write("\nSagen blev drÃ¸ftet.\n")  # mojibake: a finding more


def _add(folder: Path) -> None:
    shutil.copy(folder / "arkiv" / "sub" / "weekday.txt", folder / "arkiv" / "sub" / "ny.txt")


def _remove(folder: Path) -> None:
    (folder / "arkiv" / "sub" / "weekday.txt").unlink()


def _edit_config(folder: Path) -> None:
    path = folder / "pyproject.toml"
    path.write_text(path.read_text("utf-8") + 'ignore = ["weekday-mismatch"]\n', "utf-8")


def _config_below(folder: Path) -> None:
    """A config where the run found none: in the folder of the minutes."""
    config = 'ignore = ["weekday-mismatch"]\n'
    (folder / "arkiv" / "sub" / ".referat-lint.toml").write_text(config, "utf-8")


def _git(folder: Path) -> None:
    """The archive becomes a git repository that ignores the subfolder."""
    (folder / ".git" / "info").mkdir(parents=True)
    (folder / "arkiv" / ".gitignore").write_text("sub/\n", "utf-8")


CHANGES = {
    "content": _same_size_edit,
    "size": _grow,
    "added": _add,
    "removed": _remove,
    "config": _edit_config,
    "config-below": _config_below,
    "git": _git,
}


@pytest.mark.parametrize("name", CHANGES)
def test_a_change_is_checked_again(folders, name) -> None:
    folder = folders[name]
    first = lint(folder, "arkiv")
    assert first.out.decode("utf-8").splitlines() == EXPECTED_TEXT
    assert len(records(folder)) == 1
    CHANGES[name](folder)
    again, was_replayed = replayed(folder, "arkiv")
    assert not was_replayed
    assert again != first
    assert again == fresh(folder, "arkiv")


def test_another_environment_is_checked_again(folders) -> None:
    folder = folders["environment"]
    lint(folder, "arkiv")
    assert len(records(folder)) == 1
    danish = environment(LANG="da_DK.UTF-8")
    again, was_replayed = replayed(folder, "arkiv", env=danish)
    assert not was_replayed
    assert again.out.decode("utf-8").splitlines()[-1] == (
        "Fandt 1 problem i 1 af 3 filer. 1 note (info)."
    )
    assert again == fresh(folder, "arkiv", env=danish)
    # a variable that changes nothing printed still makes another key
    lint(folder, "arkiv")
    assert replayed(folder, "arkiv")[1]
    assert not replayed(folder, "arkiv", env=environment(NO_COLOR="1"))[1]


def test_the_same_options_in_another_order_are_another_command(folders) -> None:
    folder = folders["argument-order"]
    first = lint(folder, "--quiet", "arkiv")
    again, was_replayed = replayed(folder, "arkiv", "--quiet")
    assert not was_replayed
    assert again == first  # the same output, but only a run of this very command replays
    assert replayed(folder, "arkiv", "--quiet")[1]


def _on_terminal(folder: Path) -> tuple[int, bytes]:
    """The run with stdout on a terminal (a pseudo-terminal here), and what it printed."""
    master, slave = os.openpty()
    env = environment(TERM="xterm")
    done = subprocess.run([*LINT, "arkiv"], cwd=folder, env=env, stdout=slave, check=False)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:  # EIO: the terminal's other side is closed, all was read
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return done.returncode, b"".join(chunks)


def test_a_terminal_and_a_pipe_do_not_share_a_record(folders) -> None:
    if not hasattr(os, "openpty"):
        pytest.skip("no pseudo-terminals on this system")
    folder = folders["terminal"]
    first = _on_terminal(folder)
    assert first[0] == 1
    assert b"\x1b[" in first[1]  # coloured: the terminal mattered
    index = cache(folder) / "v3" / "index.json"
    piped, was_replayed = replayed(folder, "arkiv", env=environment(TERM="xterm"))
    assert not was_replayed
    assert b"\x1b[" not in piped.out
    index.unlink()
    assert _on_terminal(folder) == first
    assert not index.exists()  # replayed: nothing was checked


# --- runs that keep no record -------------------------------------------------------------


def test_fix_never_replays(folders) -> None:
    folder = folders["fix"]
    first = lint(folder, "--fix", "arkiv")
    assert first.code == 1
    assert records(folder) == []
    again, was_replayed = replayed(folder, "--fix", "arkiv")
    assert not was_replayed
    assert again == first


def test_no_cache_keeps_no_record(folders) -> None:
    folder = folders["no-cache"]
    lint(folder, "--no-cache", "arkiv")
    lint(folder, "arkiv")
    assert len(records(folder)) == 1
    assert lint(folder, "--no-cache", "arkiv").code == 1
    assert len(records(folder)) == 1  # and --no-cache's run is never one of them


def test_refresh_checks_everything_and_drops_the_records(folders) -> None:
    folder = folders["refresh"]
    lint(folder, "arkiv")
    assert len(records(folder)) == 1
    first, was_replayed = replayed(folder, "--refresh", "arkiv")
    assert not was_replayed
    assert records(folder) == []
    assert first.code == 1


def test_a_run_that_fails_keeps_no_record(folders) -> None:
    folder = folders["failed"]
    run = lint(folder, "arkiv", "mangler.txt")
    assert run.code == 2
    assert records(folder) == []


def test_files_stamped_within_the_racy_window_keep_no_record(tmp_path) -> None:
    minutes(tmp_path)  # just written: a change in the same clock tick would keep its stamp
    assert lint(tmp_path, "arkiv").code == 1
    assert records(tmp_path) == []


def test_a_path_with_a_cpr_number_keeps_no_record(folders) -> None:
    folder = folders["cpr"]
    run = lint(folder, "arkiv")
    assert "arkiv/referat-xxxxxx-xxxx.txt" in run.out.decode("utf-8")
    assert records(folder) == []
    for path in cache(folder).rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"010190" not in data and b"0101901234" not in data, path


# --- a damaged record is a miss -----------------------------------------------------------


def _flip(record: Path) -> None:
    data = bytearray(record.read_bytes())
    data[-3] ^= 0x20
    record.write_bytes(bytes(data))


def _truncate(record: Path) -> None:
    record.write_bytes(record.read_bytes()[: record.stat().st_size // 2])


def _foreign(record: Path) -> None:
    """Another command's whole, valid record under this command's name."""
    folder = record.parent.parent.parent
    lint(folder, "--quiet", "arkiv")
    other = next(path for path in records(folder) if path != record)
    other.replace(record)


def _owner(record: Path) -> None:
    """The record given to another user (as a file planted in a shared folder would be)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("only root can give a file to another owner")
    os.chown(record, os.geteuid() + 4321, -1)


DAMAGE = {"flipped": _flip, "truncated": _truncate, "foreign": _foreign, "owner": _owner}


@pytest.mark.parametrize("name", DAMAGE)
def test_a_damaged_record_means_a_normal_run(folders, name) -> None:
    folder = folders[name]
    first = lint(folder, "arkiv")
    [record] = records(folder)
    DAMAGE[name](record)
    again, was_replayed = replayed(folder, "arkiv")
    assert not was_replayed
    assert again == first


# --- the parts ------------------------------------------------------------------------------


def test_every_environment_variable_the_tool_reads_is_in_the_key() -> None:
    """Every variable lint/ reads (by name, or from a tuple of names it loops over) is in the
    replay's key, or a run would be replayed under another value of it."""
    read, unnamed = set(), []
    name = r"""["']([A-Z][A-Z0-9_]*)["']"""
    for path in sorted((ROOT / "lint").rglob("*.py")):
        if path.name == "replay.py":  # the key itself
            continue
        lines = path.read_text("utf-8").splitlines()
        for number, line in enumerate(lines):
            if "environ" not in line and "getenv" not in line and "env.get(" not in line:
                continue
            names = re.findall(rf"(?:environ\.get\(|environ\[|getenv\(){name}", line)
            if "env.get(" in line and not names:  # a loop over names, as the locale's
                loops = [re.findall(name, ln) for ln in lines[:number] if " in (" in ln]
                names = loops[-1] if loops else []
            if names:
                read |= set(names)
            elif "env.get(" in line or re.search(r"environ\.get|environ\[|getenv", line):
                unnamed.append(f"{path.name}:{number + 1}")
    assert unnamed == []
    assert {"COLUMNS", "GITHUB_ACTIONS", "LANG", "LC_ALL", "NO_COLOR", "PRE_COMMIT", "TERM"} <= read
    assert read - set(replay.ENVIRONMENT) == set()


class _Stream:
    def __init__(self, terminal: bool) -> None:
        self.terminal, self.encoding, self.errors = terminal, "utf-8", "strict"

    def isatty(self) -> bool:
        return self.terminal


def test_a_terminal_and_a_pipe_are_two_keys(monkeypatch) -> None:
    monkeypatch.setattr(sys, "stderr", _Stream(False))
    monkeypatch.setattr(sys, "stdout", _Stream(False))
    pipe = replay.key(["arkiv"], "/srv")
    monkeypatch.setattr(sys, "stdout", _Stream(True))
    terminal = replay.key(["arkiv"], "/srv")
    monkeypatch.setattr(sys, "stderr", _Stream(True))
    assert (
        len({replay.name(pipe), replay.name(terminal), replay.name(replay.key(["arkiv"], "/srv"))})
        == 3
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["arkiv"],
        ["--cache-dir", "c", "arkiv"],
        ["--cache-dir=c", "--config", "x.toml", "arkiv"],
        ["--config=x.toml", "--cache-dir", "a", "--cache-dir", "b", "arkiv"],
        ["--select", "RL003", "--config", "a.toml", "--config=b.toml", "arkiv"],
    ],
)
def test_the_replay_reads_cache_dir_and_config_as_argparse_does(argv) -> None:
    args = build_parser().parse_args(argv)
    assert replay.options(argv) == (args.cache_dir, args.config)


def test_a_missing_option_value_is_no_replay() -> None:
    assert replay.options(["arkiv", "--cache-dir"]) is None
    assert replay.options(["--config", "--quiet", "arkiv"]) is None


@pytest.mark.parametrize(
    "layout",
    [
        {},
        {"pyproject.toml": PYPROJECT},
        {"pyproject.toml": '[project]\ndependencies = ["referat-lint"]\n'},
        {"../pyproject.toml": PYPROJECT, "pyproject.toml": '[project]\nname = "referat-lint"\n'},
        {"../.referat-lint.toml": "", "pyproject.toml": "[project]\n"},
        {"pyproject.toml": PYPROJECT, ".referat-lint.toml": ""},
    ],
)
@pytest.mark.parametrize(
    "argv", [["arkiv"], ["--config", "../x.toml", "arkiv"], ["--cache-dir=c", "arkiv"]]
)
def test_the_replay_looks_where_the_run_keeps_its_cache(
    tmp_path, monkeypatch, layout, argv
) -> None:
    work = tmp_path / "projekt" / "referater"
    work.mkdir(parents=True)
    (tmp_path / "projekt" / "x.toml").write_text("", "utf-8")
    for name, text in layout.items():
        (work / name).write_text(text, "utf-8")
    monkeypatch.chdir(work)
    rules = all_rules()
    args = build_parser().parse_args(argv)
    used = _cache_dir(args, _config(args, rules)).resolve()
    looked = locate.cache_folders(*replay.options(argv), os.getcwd(), replay.read_config)
    assert used in [Path(folder).resolve() for folder in looked]


# --- what a run that keeps no record holds ----------------------------------------------


def test_a_run_without_a_cache_stops_watching_at_once(tmp_path) -> None:
    watch.start()
    watch.saw(tmp_path, os.stat(tmp_path))
    watch.cache_folder(None)
    assert not watch.active()
    watch.look(tmp_path)  # a no-op now: nothing more is stamped
    assert watch.stop() == (None, None)


def test_a_run_that_looks_at_too_many_paths_stops_watching(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(watch, "MAX_WATCHED", 3)
    for index in range(5):
        (tmp_path / f"{index}.txt").touch()
    watch.start()
    watch.cache_folder(tmp_path / "cache")
    for index in range(3):
        watch.look(tmp_path / f"{index}.txt")
    assert watch.active()
    watch.look(tmp_path / "3.txt")
    assert not watch.active()  # what was seen is let go: memory stays flat
    assert watch.stop() == (None, str(tmp_path / "cache"))


def test_a_run_that_keeps_no_record_keeps_none_of_its_output() -> None:
    import io

    from referat_lint.recording import _Tape

    stream, writes = io.StringIO(), []
    tape = _Tape(stream, 1, writes)
    watch.start()
    tape.write("Punkt 1\n")
    assert writes == [(1, "Punkt 1\n")]
    watch.cache_folder(None)  # no cache: no record, so its output is not kept either
    tape.write("Punkt 2\n")
    tape.flush()
    assert writes == [] and stream.getvalue() == "Punkt 1\nPunkt 2\n"
    watch.stop()
