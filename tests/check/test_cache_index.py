"""The cache's index: an unchanged archive is answered from one index and a stat per file,
a changed file is checked again whatever its stamp, and a bad index is only a miss."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import referat_lint.checking.batch as batch
import referat_lint.checking.cache as cache_module
import referat_lint.checking.pipeline as pipeline
from referat_lint.checking.batch import Job, run
from referat_lint.checking.cache import Cache, CachedResult, read_index
from referat_lint.checking.runner import Mode
from referat_lint.config import Config
from referat_lint.input.files import collect

from cache_index import edit_index, index_files, index_path, record_with_findings
from conftest import FIXTURES

FILES = ("new_defects.txt", "old_clean.txt", "mojibake.txt", "new_clean.txt")


def _archive(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in FILES:
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def _summary(folder: Path, job: Job, jobs: int = 1) -> list[tuple[str, list[tuple[str, int]]]]:
    results = run(collect([str(folder)], Config()), job, jobs=jobs)
    return [(Path(r.path).name, [(f.rule, f.span.line) for f in r.findings]) for r in results]


class _Counter:
    """Counts the calls of a function of a module while passing them on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> None:
        self.calls = 0
        original = getattr(module, name)

        def counted(*args: object, **kwargs: object) -> object:
            self.calls += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)


def _checks(monkeypatch: pytest.MonkeyPatch) -> _Counter:
    """Counts the runs of the rules (a cache hit runs none)."""
    return _Counter(monkeypatch, pipeline, "analyze")


def _reads(monkeypatch: pytest.MonkeyPatch) -> _Counter:
    return _Counter(monkeypatch, batch, "read_input")


@pytest.fixture
def no_racy_margin(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test a moment ago are stamped within the margin that makes a
    record be hashed again; without the margin, the stamp alone decides."""
    monkeypatch.setattr(cache_module, "_RACY_NS", 0)


def test_an_unchanged_archive_reads_only_the_index(tmp_path, monkeypatch, no_racy_margin) -> None:
    folder = _archive(tmp_path / "arkiv")
    job = Job(Config(), Mode.CHECK, cache_dir=tmp_path / "cache")
    cold = _summary(folder, job)
    assert len(index_files(tmp_path / "cache")) == len(FILES)
    checks, reads = _checks(monkeypatch), _reads(monkeypatch)
    decodes = _Counter(monkeypatch, pipeline, "decoded")
    index_reads = []
    real_read_index = cache_module.read_index
    monkeypatch.setattr(
        cache_module, "read_index", lambda path: index_reads.append(path) or real_read_index(path)
    )
    assert _summary(folder, job) == cold
    assert (checks.calls, reads.calls, decodes.calls, len(index_reads)) == (0, 0, 0, 1)


def test_a_file_stamped_close_to_its_check_is_hashed_not_checked(tmp_path, monkeypatch) -> None:
    folder = _archive(tmp_path / "arkiv")
    job = Job(Config(), Mode.CHECK, cache_dir=tmp_path / "cache")
    cold = _summary(folder, job)
    checks, reads = _checks(monkeypatch), _reads(monkeypatch)
    assert _summary(folder, job) == cold
    assert (checks.calls, reads.calls) == (0, len(FILES))  # read and hashed, never decoded


def test_a_changed_file_with_the_same_size_and_mtime_is_checked_again(
    tmp_path, monkeypatch, no_racy_margin
) -> None:
    folder = _archive(tmp_path / "arkiv")
    job = Job(Config(), Mode.CHECK, cache_dir=tmp_path / "cache")
    path = folder / "new_clean.txt"
    before = os.stat(path)
    assert ("new_clean.txt", []) in _summary(folder, job)
    data = path.read_bytes()
    changed = data.replace(b"Fredag d. 14. juni", b"Mandag d. 14. juni", 1)  # a Friday
    assert len(changed) == len(data) and changed != data
    path.write_bytes(changed)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    now = os.stat(path)
    assert (now.st_size, now.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    checks = _checks(monkeypatch)
    after = dict(_summary(folder, job))
    assert checks.calls == 1
    assert after["new_clean.txt"] == [("weekday-mismatch", 5)]


def test_refresh_checks_every_file_again_and_rewrites_the_index(tmp_path, monkeypatch) -> None:
    folder = _archive(tmp_path / "arkiv")
    cache_dir = tmp_path / "cache"
    job = Job(Config(), Mode.CHECK, cache_dir=cache_dir)
    cold = _summary(folder, job)
    edit_index(cache_dir, lambda files: record_with_findings(files)["result"].update(findings=[]))
    assert _summary(folder, job) != cold  # the doctored record is believed: same bytes
    checks = _checks(monkeypatch)
    assert _summary(folder, job._replace(refresh=True)) == cold
    assert checks.calls == len(FILES)
    assert _summary(folder, job) == cold  # the record was rewritten


@pytest.mark.parametrize("kind", ["truncated", "garbage", "oversized", "other-format", "shape"])
def test_a_bad_index_is_a_miss(tmp_path, monkeypatch, kind) -> None:
    folder = _archive(tmp_path / "arkiv")
    cache_dir = tmp_path / "cache"
    job = Job(Config(), Mode.CHECK, cache_dir=cache_dir)
    cold = _summary(folder, job)
    index = index_path(cache_dir)
    text = index.read_text("utf-8")
    if kind == "truncated":
        index.write_text(text[: len(text) // 2], "utf-8")
    elif kind == "garbage":
        index.write_bytes(os.urandom(4096))
    elif kind == "oversized":
        monkeypatch.setattr(cache_module, "MAX_INDEX", len(text) - 1)
    elif kind == "other-format":
        index.write_text(text.replace('"format":3', '"format":99', 1), "utf-8")
    else:
        index.write_text('{"format":3,"tables":{"x":[1,2,3]}}', "utf-8")
    checks = _checks(monkeypatch)
    assert _summary(folder, job) == cold
    assert checks.calls == len(FILES)  # every file checked again, no error
    monkeypatch.setattr(cache_module, "MAX_INDEX", 10**9)
    assert len(index_files(cache_dir)) == len(FILES)  # and written whole again


def test_a_record_in_doubt_is_a_miss_and_the_others_still_hit(tmp_path, monkeypatch) -> None:
    folder = _archive(tmp_path / "arkiv")
    cache_dir = tmp_path / "cache"
    job = Job(Config(), Mode.CHECK, cache_dir=cache_dir)
    cold = _summary(folder, job)
    edit_index(cache_dir, lambda files: record_with_findings(files).update(lines="many"))
    checks = _checks(monkeypatch)
    assert _summary(folder, job) == cold
    assert checks.calls == 1


def test_concurrent_writers_leave_a_valid_index_with_both_runs_records(tmp_path) -> None:
    cache_dir = tmp_path / "cache"
    folders = [_archive(tmp_path / name) for name in ("a", "b")]
    main = "import sys; from referat_lint.cli import main; sys.exit(main(sys.argv[1:]))"
    command = [sys.executable, "-c", main, "--cache-dir", str(cache_dir), "-j", "2"]
    runs = [
        subprocess.Popen([*command, str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for folder in folders
    ]
    for process in runs:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 1 and err == b""
    assert len(index_files(cache_dir)) == 2 * len(FILES)


def test_threads_flushing_at_once_leave_a_valid_index(tmp_path) -> None:
    """Last writer wins, under the lock each merges what the others wrote before it."""

    def write(number: int) -> None:
        cache = Cache(tmp_path, "fingerprint")
        for round_ in range(5):
            cache.put(f"{number}-{round_}", CachedResult("utf-8", ()))
            cache.flush()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    [table] = read_index(index_path(tmp_path)).values()
    assert sorted(table["files"]) == sorted(f"{n}-{r}" for n in range(4) for r in range(5))
    assert not [p for p in (tmp_path / "v3").iterdir() if p.name.startswith(".")]  # no temp


def test_other_configurations_are_kept_other_code_versions_dropped(tmp_path, monkeypatch) -> None:
    for fingerprint in ("one", "two"):
        cache = Cache(tmp_path, fingerprint)
        cache.put("k", CachedResult("utf-8", ()))
        cache.flush()
    assert sorted(read_index(index_path(tmp_path))) == ["one", "two"]
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another version")
    cache = Cache(tmp_path, "three")
    cache.put("k", CachedResult("utf-8", ()))
    cache.flush()
    assert sorted(read_index(index_path(tmp_path))) == ["three"]


def test_the_index_holds_no_path(tmp_path) -> None:
    folder = _archive(tmp_path / "arkiv")
    _summary(folder, Job(Config(), Mode.CHECK, cache_dir=tmp_path / "cache"))
    text = index_path(tmp_path / "cache").read_text("utf-8")
    assert not [name for name in (*FILES, "arkiv", tmp_path.name) if name in text]


def test_the_refresh_option_checks_again_what_the_index_would_answer(cli, tmp_path) -> None:
    shutil.copy(FIXTURES / "new_defects.txt", tmp_path / "a.txt")
    shutil.copy(FIXTURES / "old_clean.txt", tmp_path / "b.txt")
    first = cli("a.txt", "b.txt")
    assert first.code == 1 and "a.txt:15:1: error RL201" in first.out
    cache_dir = tmp_path / ".referat-lint-cache"
    edit_index(cache_dir, lambda files: record_with_findings(files)["result"].update(findings=[]))
    assert cli("a.txt", "b.txt").code == 0  # the same bytes: the (doctored) record answers
    assert cli("--refresh", "a.txt", "b.txt").out == first.out
    assert cli("a.txt", "b.txt").out == first.out  # and the record was rewritten


def test_worker_processes_write_their_records_as_they_exit(tmp_path) -> None:
    folder = tmp_path / "arkiv"
    for copy in range(10):  # more files than one chunk, so that two workers share them
        _archive(folder / f"{2010 + copy}")
    cache_dir = tmp_path / "cache"
    job = Job(Config(), Mode.CHECK, cache_dir=cache_dir)
    cold = _summary(folder, job, jobs=2)
    assert len(index_files(cache_dir)) == 10 * len(FILES)
    assert _summary(folder, job, jobs=2) == cold


def test_a_file_is_keyed_by_its_path_below_the_config_folder_as_relative_path_gives_it(
    tmp_path,
) -> None:
    from referat_lint.input.identity import relative_path

    root, outside = tmp_path / "projekt", tmp_path / "andet"
    (root / "2024").mkdir(parents=True)
    outside.mkdir()
    (tmp_path / "genvej").symlink_to(root)  # the config's folder reached through a link
    files = [root / "2024" / "referat.txt", outside / "referat.txt"]
    for file in files:
        file.write_text("Punkt 1: Sag\n", "utf-8")
    for config_root in (root, tmp_path / "genvej", Path("/")):
        cache = Cache(tmp_path / "cache", "f", root=config_root)
        for file in files:
            resolved = os.path.realpath(file)
            expected = relative_path(resolved, config_root) or resolved
            assert cache._keyed_path(str(file)) == expected
    assert Cache(tmp_path / "cache", "f", root=root)._keyed_path(str(files[0])) == (
        "2024/referat.txt"
    )
