"""No hangs, no tracebacks: odd files, streams, job counts, failing workers and reporters,
crafted cache entries, configured patterns that would backtrack for ever."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import referat_lint.checking.batch as batch
from referat_lint.checking.pipeline import check_file
from referat_lint.config import ConfigError, build_config
from referat_lint.rules import all_rules

from cache_index import edit_index, index_path, record_with_findings
from conftest import FIXTURES

BAD = FIXTURES / "new_defects.txt"


def single_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_a_named_pipe_is_an_error_not_a_hang(cli, tmp_path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    run = cli("pipe.txt", str(BAD))
    assert run.code == 2
    assert single_line(run.err) == (
        "referat-lint: error: pipe.txt: not a regular file (a named pipe)"
    )
    assert "new_defects.txt:15:1: error RL201" in run.out  # the other file is still checked


def test_a_named_pipe_in_a_folder_is_an_error(cli, tmp_path) -> None:
    folder = tmp_path / "arkiv"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    shutil.copy(BAD, folder / "a.txt")
    run = cli("--no-cache", "arkiv")
    assert run.code == 2
    assert "arkiv/pipe.txt: not a regular file (a named pipe)" in single_line(run.err)
    assert "arkiv/a.txt:15:1: error RL201" in run.out


def test_a_device_is_an_error(cli) -> None:
    run = cli("/dev/zero")
    assert run.code == 2
    assert "/dev/zero: not a regular file (a character device)" in single_line(run.err)


def test_a_device_as_baseline_is_an_error(cli) -> None:
    run = cli("--baseline", "/dev/zero", str(BAD))
    assert run.code == 2
    assert "not a regular file (a character device)" in single_line(run.err)


def test_a_deeply_nested_baseline_is_an_error(cli, tmp_path) -> None:
    (tmp_path / "b.json").write_text("[" * 100_000 + "]" * 100_000)
    run = cli("--baseline", "b.json", str(BAD))
    assert run.code == 2
    assert "not a baseline" in single_line(run.err)


def _subprocess(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "referat_lint.cli", *args],
        capture_output=True,
        timeout=60,
        **kwargs,
    )


def test_stdin_has_the_size_limit_of_files(tmp_path) -> None:
    (tmp_path / ".referat-lint.toml").write_text("max-file-size = 1000\n")
    with open("/dev/zero", "rb") as zero:
        run = _subprocess(["-"], stdin=zero, cwd=tmp_path)
    assert run.returncode == 2
    err = run.stderr.decode()
    assert "-: standard input too large (more than 0.0 MB)" in single_line(err)


@pytest.mark.parametrize(
    "script",
    [
        "exec {python} -m referat_lint.cli - <&-",  # started without a stdin: sys.stdin is None
        "exec {python} -c 'import os, sys; os.close(0); "
        'from referat_lint.cli import main; sys.exit(main(["-"]))\'',  # closed while running
    ],
)
def test_a_closed_stdin_is_an_error(tmp_path, script) -> None:
    command = script.format(python=sys.executable)
    run = subprocess.run(["sh", "-c", command], capture_output=True, timeout=60, cwd=tmp_path)
    assert run.returncode == 2
    assert "-: standard input is closed" in single_line(run.stderr.decode())


@pytest.mark.parametrize("jobs", ["256", "99999999999999999999999"])
def test_jobs_are_bounded_by_the_files(cli, tmp_path, monkeypatch, jobs) -> None:
    started: list[int] = []

    class Recording(batch.ForkPool):
        def __init__(self, workers, *args, **kwargs) -> None:
            started.append(workers)
            super().__init__(workers, *args, **kwargs)

    monkeypatch.setattr(batch, "ForkPool", Recording)
    two = cli("-j", jobs, "--no-cache", str(BAD), str(FIXTURES / "old_clean.txt"))
    assert two.code == 1 and started == []  # one chunk of files: no pool at all
    folder = tmp_path / "arkiv"
    folder.mkdir()
    for index in range(40):  # three chunks of 16
        shutil.copy(BAD, folder / f"{index:02}.txt")
    many = cli("-j", jobs, "--no-cache", "arkiv")
    assert many.code == 1 and started == [3]
    assert many.out.count(" RL201 ") == 40


def test_a_failing_check_is_one_line_and_the_others_are_checked(cli, monkeypatch) -> None:
    real = batch.check_file

    def failing(data, config, path, *args, **kwargs):
        if path.endswith("old_clean.txt"):
            raise RuntimeError("boom")
        return real(data, config, path, *args, **kwargs)

    monkeypatch.setattr(batch, "check_file", failing)
    run = cli("--no-cache", str(FIXTURES / "old_clean.txt"), str(BAD))
    assert run.code == 2
    assert "old_clean.txt: internal error (RuntimeError: boom)" in single_line(run.err)
    assert "new_defects.txt:15:1: error RL201" in run.out


def test_a_crashed_worker_is_an_error_line(cli, tmp_path, monkeypatch) -> None:
    folder = tmp_path / "arkiv"
    (folder / "a").mkdir(parents=True)
    (folder / "b").mkdir(parents=True)
    shutil.copy(FIXTURES / "old_clean.txt", folder / "a" / "old_clean.txt")
    for index in range(20):
        shutil.copy(BAD, folder / "b" / f"{index:02}.txt")
    name = "_check" if hasattr(batch._Worker, "_check") else "check"
    real = getattr(batch._Worker, name)

    def crashing(self, target):
        if target.path.endswith("old_clean.txt"):
            os._exit(3)  # a worker that dies (a segfault, the OOM killer)
        return real(self, target)

    monkeypatch.setattr(batch._Worker, name, crashing)  # the forked workers inherit it
    run = cli("-j", "2", "--no-cache", "arkiv")
    assert run.code == 2
    assert "Traceback" not in run.err
    assert "arkiv/a/old_clean.txt: internal error (WorkerDied: the worker process ended " in run.err
    # the worker's chunk (16 files) fails; the next chunk's 5 files are checked
    assert run.out.count(" RL201 ") == 5
    assert "16 files could not be checked" in run.out


def test_when_every_worker_died_this_process_checks_the_rest(cli, tmp_path, monkeypatch) -> None:
    folder = tmp_path / "arkiv"
    folder.mkdir()
    for index in range(80):  # five chunks of 16
        shutil.copy(BAD, folder / f"{index:02}.txt")
    real = batch._Worker._check
    parent = os.getpid()

    def crashing(self, target):
        if os.getpid() != parent:
            os._exit(3)  # every worker dies on its first file
        return real(self, target)

    monkeypatch.setattr(batch._Worker, "_check", crashing)
    run = cli("-j", "2", "--no-cache", "arkiv")
    assert run.code == 2
    assert "Traceback" not in run.err
    assert run.err.count("internal error (WorkerDied") == 32  # the two chunks they were given
    assert run.out.count(" RL201 ") == 48  # the other three, checked here
    assert "32 files could not be checked" in run.out


def test_a_failing_reporter_is_one_line(cli, monkeypatch) -> None:
    import referat_lint.out.report.json_report as json_report

    def broken(results, context):
        raise ValueError("kaput")

    monkeypatch.setattr(json_report, "render", broken)
    run = cli("--format", "json", str(BAD))
    assert run.code == 2
    assert single_line(run.err) == (
        "referat-lint: error: cannot write the json report: ValueError: kaput"
    )


# The cache: entries are input like any other.


def _cached_run(cli, tmp_path) -> Path:
    shutil.copy(BAD, tmp_path / "a.txt")
    shutil.copy(FIXTURES / "old_clean.txt", tmp_path / "b.txt")
    first = cli("a.txt", "b.txt")
    assert first.code == 1
    return tmp_path / ".referat-lint-cache"


def _tamper_a(cache_dir: Path, change) -> None:
    """Change the result recorded for a.txt (the file with findings) in the index."""
    edit_index(cache_dir, lambda files: change(record_with_findings(files)["result"]))


@pytest.mark.parametrize(
    "tamper",
    [
        lambda f: f.update(rule="no-such-rule"),
        lambda f: f.update(args={}),
        lambda f: f.update(span=[9999, 1, 9999, 2]),
        lambda f: f.update(span=[0, 0, 0, 0]),
        lambda f: f.update(key="no-such-message"),
        lambda f: f.update(snippet=["a"]),
        lambda f: f.update(args={"number": {"deep": [[[[1]]]]}}),
    ],
    ids=[
        "unknown-rule",
        "missing-args",
        "span-past-end",
        "span-zero",
        "bad-key",
        "snippet",
        "nested-args",
    ],
)
def test_a_crafted_cache_entry_is_a_miss(cli, tmp_path, tamper) -> None:
    _tamper_a(_cached_run(cli, tmp_path), lambda result: tamper(result["findings"][0]))
    for fmt in ("text", "json", "html"):
        run = cli("--format", fmt, "-o", f"r.{fmt}", "a.txt", "b.txt")
        assert (run.code, run.err) == (1, ""), fmt
    assert "a.txt:15:1: error RL201" in cli("a.txt", "b.txt").out


def test_a_deeply_nested_cache_entry_is_a_miss(cli, tmp_path) -> None:
    index = index_path(_cached_run(cli, tmp_path))
    text = index.read_text("utf-8")
    nested = "[" * 100_000 + "]" * 100_000
    index.write_text(text.replace('"findings":[{', '"findings":' + nested + ",[{", 1), "utf-8")
    run = cli("a.txt", "b.txt")
    assert (run.code, run.err) == (1, "")
    assert "a.txt:15:1: error RL201" in run.out


@pytest.mark.parametrize("kind", ["fifo", "device-link"])
def test_a_cache_entry_that_is_not_a_file_is_a_miss(cli, tmp_path, kind) -> None:
    entry = index_path(_cached_run(cli, tmp_path))
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry)
    else:
        entry.symlink_to("/dev/zero")
    run = cli("a.txt", "b.txt")
    assert (run.code, run.err) == (1, "")
    assert "a.txt:15:1: error RL201" in run.out


def test_the_cache_key_is_the_path_from_the_config_folder(cli, tmp_path, monkeypatch) -> None:
    """per-file-ignores match paths relative to the config's folder: the same name typed in
    another folder is another file, and must not get the first one's cached answer."""
    project = tmp_path / "projekt"
    for sub in ("x", "y"):
        (project / sub).mkdir(parents=True)
        shutil.copy(BAD, project / sub / "a.txt")
        shutil.copy(FIXTURES / "old_clean.txt", project / sub / "b.txt")
    (project / ".referat-lint.toml").write_text(
        '[per-file-ignores]\n"x/a.txt" = ["ALL"]\n', encoding="utf-8"
    )
    monkeypatch.chdir(project / "x")
    ignored = cli("a.txt", "b.txt")  # x/a.txt: every rule ignored, and cached so
    assert (ignored.code, ignored.out.count(" RL")) == (0, 0), ignored.out
    monkeypatch.chdir(project / "y")
    checked = cli("a.txt", "b.txt")  # y/a.txt: same name, same bytes, not ignored
    assert checked.code == 1
    assert "a.txt:15:1: error RL201" in checked.out


# Patterns from the config.


# Patterns from the config run in RE2: any pattern, linear time; no syntactic guard to slip by.
HOSTILE_PATTERNS = [
    r"(\d+)+-",
    r"(a|ab)*c",
    r"(\d{1,6})+x",
    "\\d*" * 30 + "x",
    r"(?:(?:\d|\d\d){1,40})+x",
    "a" * 300,
]


def _case_number_cost(pattern: str, size: int) -> float:
    """CPU seconds to check minutes whose item holds one line of `size` digits, with
    `pattern` as the project's case-number format."""
    import time

    config = build_config({"case-number-patterns": {"x": pattern}}, all_rules(), None)
    body = "Punkt 1: Sag\n\n" + "1" * size + "\n\nBeslutning\n\nGodkendt.\n"
    data = ("REFERAT Eksempeludvalget d. 18-10-2023\n\n" + body).encode()
    start = time.process_time()
    check_file(data, config, "x.txt", all_rules())
    return time.process_time() - start


@pytest.mark.parametrize("pattern", HOSTILE_PATTERNS)
def test_catastrophic_case_number_patterns_run_in_linear_time(pattern) -> None:
    _case_number_cost(pattern, 100)  # warm up
    ratios = []
    for _ in range(3):
        small = min(_case_number_cost(pattern, 2000) for _ in range(3))
        ratios.append(min(_case_number_cost(pattern, 8000) for _ in range(2)) / small)
        if ratios[-1] < 12:
            break
    assert min(ratios) < 12, ratios  # 4x the line; backtracking took minutes


@pytest.mark.parametrize("pattern", [r"(\w)\1", r"\d+(?=-)", r"(?<!\d)\d{6}"])
def test_patterns_re2_cannot_run_are_refused_with_one_line(pattern) -> None:
    with pytest.raises(ConfigError, match=r"case-number-patterns\.x: bad pattern: .*RE2") as error:
        build_config({"case-number-patterns": {"x": pattern}}, all_rules(), None)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize(
    "pattern",
    [
        r"\d{2}\.\d{2}\.\d{2}-[A-Z]\d{2}-\d+-\d{2}",
        r"EMN-\d{4}-\d{6}",
        r"(?:\.\d{2})+",
        r"(?:-\d{1,6}){0,3}",
        r"[A-Z]{2,4}/\d+",
    ],
)
def test_ordinary_case_number_patterns_are_accepted(pattern) -> None:
    build_config({"case-number-patterns": {"x": pattern}}, all_rules(), None)


def test_user_patterns_keep_python_unicode_classes() -> None:
    from referat_lint.input.user_regex import compiled

    assert compiled(r"\w+-\d+").fullmatch("Møde-٣2") is not None
    assert compiled(r"[\w.]+\s\S").fullmatch("Å.b\u00a0x") is not None
    assert compiled(r"\W").fullmatch("æ") is None


# Globs (.gitignore, include, exclude, per-file tables) run in RE2 too.
GREEDY_GLOB = "*a" * 12 + "*b"


def _walk_cost(tmp_path: Path, size: int) -> float:
    """CPU seconds to walk a repository whose .gitignore and exclude hold a glob that
    backtracks in `re`, beside a file whose name is `size` letters."""
    import time

    from referat_lint.input.files import collect

    root = tmp_path / str(size)
    (root / ".git").mkdir(parents=True, exist_ok=True)
    (root / ".gitignore").write_text(GREEDY_GLOB + "\n", "utf-8")
    (root / ("a" * size + ".txt")).write_text("x\n", "utf-8")
    config = build_config({"extend-exclude": [GREEDY_GLOB]}, all_rules(), None)
    start = time.process_time()
    found = [t.path for t in collect([str(root)], config)]
    assert found == [str(root / ("a" * size + ".txt"))]
    return time.process_time() - start


def test_a_greedy_gitignore_glob_takes_linear_time(tmp_path) -> None:
    small = min(_walk_cost(tmp_path / "s", 50) for _ in range(3))
    large = min(_walk_cost(tmp_path / "l", 200) for _ in range(3))
    assert large / max(small, 1e-3) < 12, (small, large)


@pytest.mark.parametrize(
    "glob", ["*.txt", "*a*b", "?x", "[abc]*", "[!a]*", "[]a]x", "[!]a]x", "a[", "[^a]", "a.b"]
)
def test_globs_match_as_fnmatch_does(glob) -> None:
    import fnmatch

    from referat_lint.input.user_regex import glob_match

    names = ["a.txt", "ab", "xab", "bx", "]x", "a[", "^", "a.b", "axb", "", "r\udce6d.txt"]
    assert [glob_match(n, glob) for n in names] == [fnmatch.fnmatchcase(n, glob) for n in names]


# Every file the tool reads goes through the one reader for regular files of bounded size.


def _special(path: Path, kind: str) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")


@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_a_layout_profile_that_is_not_a_file_is_one_error_line(cli, tmp_path, kind) -> None:
    _special(tmp_path / "x.toml", kind)
    (tmp_path / ".referat-lint.toml").write_text('layouts = ["x.toml"]\n', "utf-8")
    shutil.copy(BAD, tmp_path / "a.txt")
    run = cli("a.txt")
    assert run.code == 2
    what = "a named pipe" if kind == "fifo" else "a character device"
    assert single_line(run.err).endswith(f"x.toml: cannot read layout: not a regular file ({what})")


@pytest.mark.parametrize("where", [".gitignore", ".git/info/exclude"])
@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_an_ignore_file_that_is_not_a_file_is_one_error_line(cli, tmp_path, kind, where) -> None:
    (tmp_path / "arkiv" / ".git" / "info").mkdir(parents=True)
    _special(tmp_path / "arkiv" / where, kind)
    shutil.copy(BAD, tmp_path / "arkiv" / "a.txt")
    run = cli("--no-cache", "arkiv")
    assert run.code == 2
    what = "a named pipe" if kind == "fifo" else "a character device"
    assert single_line(run.err) == (
        f"referat-lint: error: {tmp_path / 'arkiv' / where}: cannot read: "
        f"not a regular file ({what})"
    )
    assert "arkiv/a.txt:15:1: error RL201" in run.out  # the walk went on


def _no_search_permission(monkeypatch, folder: Path) -> None:
    """Behave as if `folder` had no search (x) permission: nothing inside it can be looked
    at, and it cannot be listed (the tests may run as root, whom modes do not stop)."""
    inside = str(folder) + os.sep
    real_stat, real_scandir = os.stat, os.scandir

    def denied(path: object, itself: bool) -> bool:
        if not isinstance(path, (str, os.PathLike)):
            return False  # a descriptor
        name = os.path.abspath(os.fspath(path))
        return name.startswith(inside) or (itself and name == str(folder))

    def stat(path, *args, **kwargs):
        if denied(path, itself=False):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_stat(path, *args, **kwargs)

    def scandir(path="."):
        if denied(path, itself=True):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "scandir", scandir)


def test_an_unreadable_sub_folder_is_one_error_line(cli, tmp_path, monkeypatch) -> None:
    (tmp_path / "arkiv" / "lukket").mkdir(parents=True)
    shutil.copy(BAD, tmp_path / "arkiv" / "a.txt")
    shutil.copy(BAD, tmp_path / "arkiv" / "lukket" / "b.txt")
    _no_search_permission(monkeypatch, tmp_path / "arkiv" / "lukket")
    run = cli("--no-cache", "arkiv")
    assert run.code == 2
    assert (
        single_line(run.err) == "referat-lint: error: arkiv/lukket: cannot read: Permission denied"
    )
    assert "arkiv/a.txt:15:1: error RL201" in run.out


def test_a_named_folder_inside_one_without_search_permission(cli, tmp_path, monkeypatch) -> None:
    """The git-root lookup looks at `.git` in every folder upward; one it may not look into
    is no repository root, not a crash of the whole run."""
    (tmp_path / "arkiv").mkdir()
    shutil.copy(BAD, tmp_path / "arkiv" / "a.txt")
    real_stat = os.stat

    def stat(path, *args, **kwargs):
        if str(os.fspath(path)).endswith(os.sep + ".git"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    run = cli("--no-cache", "arkiv")
    assert (run.code, run.err) == (1, "")
    assert "arkiv/a.txt:15:1: error RL201" in run.out


@pytest.mark.parametrize(
    "tamper",
    [
        lambda e: e["findings"][0].update(span=[1, 1, float("inf"), 2]),
        lambda e: e["findings"][0].update(span=[1.5, 1, 2, 2]),
        lambda e: e.update(layout=7),
        lambda e: e.update(kind="protokol"),
        lambda e: e.update(encoding=["utf-8"]),
        lambda e: e.update(encoding="no-such-codec"),
    ],
    ids=["infinity", "float-line", "layout", "kind", "encoding-list", "encoding-unknown"],
)
def test_a_cache_entry_outside_the_report_schema_is_a_miss(cli, tmp_path, tamper) -> None:
    # json.dumps writes Infinity, as a crafted index may
    _tamper_a(_cached_run(cli, tmp_path), tamper)
    run = cli("--format", "json", "a.txt", "b.txt")
    assert (run.code, run.err) == (1, "")
    report = {f["path"]: f for f in run.json()["files"]}
    assert (report["a.txt"]["kind"], report["a.txt"]["encoding"]) == ("minutes", "utf-8")
    from referat_lint.schemas import schema_problem

    assert schema_problem(run.json(), "report.schema.json") is None


@pytest.mark.parametrize("size", [2**63 - 1, 2**62, 1_000_000_001])
def test_a_max_file_size_beyond_what_can_be_read_is_a_config_error(cli, tmp_path, size) -> None:
    (tmp_path / ".referat-lint.toml").write_text(f"max-file-size = {size}\n", "utf-8")
    shutil.copy(BAD, tmp_path / "a.txt")
    run = cli("a.txt")
    assert run.code == 2
    assert "max-file-size" in single_line(run.err) and "1000000000" in run.err


def test_the_largest_max_file_size_checks_files(cli, tmp_path) -> None:
    (tmp_path / ".referat-lint.toml").write_text("max-file-size = 1000000000\n", "utf-8")
    shutil.copy(BAD, tmp_path / "a.txt")
    run = cli("a.txt")
    assert (run.code, run.err) == (1, "")
    assert "a.txt:15:1: error RL201" in run.out


# Detection reads the whole text: no window of lines to push the minutes out of.


@pytest.mark.parametrize(
    "before",
    ["\n" * 3500, "Indholdsfortegnelse\n\n" + "".join(f"Emne {n}\n" for n in range(3500)) + "\n"],
    ids=["blank-lines", "long-toc"],
)
def test_minutes_far_down_the_file_are_still_minutes(tmp_path, before) -> None:
    from referat_lint.config import Config

    text = BAD.read_text("utf-8")
    head, _, body = text.partition("\n\n")
    data = (head + "\n\n" + before + body).encode("utf-8")
    shifted = data.count(b"\n") - BAD.read_bytes().count(b"\n")
    result = check_file(data, Config(), "x.txt", all_rules())
    expected = check_file(BAD.read_bytes(), Config(), str(BAD), all_rules())
    assert result.kind == "minutes" and result.layout == expected.layout
    assert ("missing-case-number", 15 + shifted) in [(f.rule, f.span.line) for f in result.findings]


@pytest.mark.parametrize("where", ["config", "pyproject", "layout"])
@pytest.mark.parametrize("nesting", ["[" * 5000 + "]" * 5000, "{b=" * 3000 + "1" + "}" * 3000])
def test_toml_nested_deeper_than_the_parser_is_one_error_line(cli, tmp_path, where, nesting):
    toml = f'name = "x"\na = {nesting}\n'
    if where == "layout":
        (tmp_path / "x.toml").write_text(toml, "utf-8")
        (tmp_path / ".referat-lint.toml").write_text('layouts = ["x.toml"]\n', "utf-8")
    elif where == "pyproject":
        (tmp_path / "pyproject.toml").write_text(f"[tool.referat-lint]\na = {nesting}\n", "utf-8")
    else:
        (tmp_path / ".referat-lint.toml").write_text(toml, "utf-8")
    shutil.copy(BAD, tmp_path / "a.txt")
    run = cli("a.txt")
    assert run.code == 2
    assert single_line(run.err).endswith("invalid TOML: arrays or tables nested too deeply")


def test_a_config_with_a_byte_order_mark_is_read(cli, tmp_path) -> None:
    # Notepad and other Windows editors write UTF-8 with a BOM.
    (tmp_path / ".referat-lint.toml").write_text('select = ["empty-decision"]\n', "utf-8-sig")
    shutil.copy(BAD, tmp_path / "a.txt")
    run = cli("--format", "json", "a.txt")
    assert run.err == ""
    assert [d["rule"] for d in run.json()["files"][0]["diagnostics"]] == ["empty-decision"]


def test_per_file_ignores_globs_are_matched_once_per_file(cli, tmp_path, monkeypatch) -> None:
    # Every rule asks whether it runs on every file: matching every glob for each rule made
    # a long table cost (files x rules x globs) glob matches.
    import referat_lint.config as config

    config._globs_matching.cache_clear()
    calls = []
    real = config._glob
    monkeypatch.setattr(config, "_glob", lambda *args: calls.append(args) or real(*args))
    table = "\n".join(f'"mappe{i}/*.txt" = ["markup-residue"]' for i in range(20))
    table += '\n"b.txt" = ["empty-decision"]'
    (tmp_path / ".referat-lint.toml").write_text(f"[per-file-ignores]\n{table}\n", "utf-8")
    for name in ("a.txt", "b.txt", "c.txt"):
        shutil.copy(BAD, tmp_path / name)
    run = cli("--no-cache", "-j", "1", "--format", "json", ".")
    assert len(calls) == 3 * 21
    rules = {f["path"]: [d["rule"] for d in f["diagnostics"]] for f in run.json()["files"]}
    assert rules == {
        "./a.txt": ["missing-case-number", "empty-decision"],
        "./b.txt": ["missing-case-number"],
        "./c.txt": ["missing-case-number", "empty-decision"],
    }


def test_a_name_too_long_to_look_at_is_one_error_line(cli, tmp_path) -> None:
    shutil.copy(BAD, tmp_path / "a.txt")
    name = "a" * 300 + ".txt"  # longer than any file system allows (255 bytes)
    run = cli(name, "a.txt")
    assert run.code == 2
    assert run.err == f"referat-lint: error: {name}: cannot read: File name too long\n"
    assert run.out.startswith("a.txt:15:1: error RL201")
    run = cli("--show-settings", name)
    assert (run.code, json.loads(run.out)["file"]) == (0, name)


def test_minutes_deeper_than_a_path_can_name_are_one_error_line(cli, tmp_path) -> None:
    shutil.copy(BAD, tmp_path / "a.txt")
    folder = "d" * 250
    descriptor = os.open(tmp_path, os.O_RDONLY)
    try:  # built relative to each folder: the whole path is more than PATH_MAX (4,096)
        for _ in range(17):
            os.mkdir(folder, dir_fd=descriptor)
            inner = os.open(folder, os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
        with open(os.open("m.txt", os.O_WRONLY | os.O_CREAT, dir_fd=descriptor), "wb") as out:
            out.write(BAD.read_bytes())
    finally:
        os.close(descriptor)
    run = cli("--no-cache", ".")
    assert run.code == 2
    lines = run.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"referat-lint: error: ./{folder}/{folder}/")
    assert lines[0].endswith(": cannot read: File name too long")
    assert run.out.startswith("./a.txt:15:1: error RL201")
