"""Many files: worker processes keep the order; the cache gives the same findings for less."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from referat_lint.checking.batch import Job, run
from referat_lint.checking.cache import Cache, CachedResult
from referat_lint.checking.findings import finding_from_data, finding_to_data
from referat_lint.checking.fingerprints import config_fingerprint
from referat_lint.checking.runner import Mode
from referat_lint.config import Config
from referat_lint.input.files import Target, collect
from referat_lint.rules import all_rules

from cache_index import edit_index, index_files
from conftest import FIXTURES, findings_of


def archive(folder: Path, copies: int = 6) -> Path:
    """A folder of fixture copies in nested sub-folders."""
    for index in range(copies):
        sub = folder / f"{2000 + index}"
        sub.mkdir(parents=True)
        for fixture in sorted(p for p in FIXTURES.iterdir() if p.is_file()):
            shutil.copy(fixture, sub / fixture.name)
    return folder


def summary(results) -> list[tuple[str, list[tuple[str, int, int]]]]:
    return [
        (r.path, [(f.rule, f.span.line, f.span.column) for f in r.findings], r.problem)
        for r in results
    ]


def test_workers_keep_the_order_and_the_findings(tmp_path) -> None:
    folder = archive(tmp_path / "arkiv")
    job = Job(Config(), Mode.CHECK)
    one = list(run(collect([str(folder)], Config()), job, jobs=1))
    two = list(run(collect([str(folder)], Config()), job, jobs=2))
    assert summary(one) == summary(two)
    assert [r.path for r in one] == sorted(r.path for r in one)
    per_copy = sum(len(findings_of(p.read_bytes())) for p in FIXTURES.iterdir() if p.is_file())
    assert per_copy > 0 and sum(len(r.findings) for r in one) == 6 * per_copy


def test_cli_output_is_the_same_with_one_or_two_jobs(cli, tmp_path) -> None:
    folder = archive(tmp_path / "arkiv", copies=3)
    one = cli("--no-cache", "--jobs", "1", str(folder))
    two = cli("--no-cache", "--jobs", "2", str(folder))
    assert (one.code, one.out) == (two.code, two.out)
    assert cli("--jobs", "0", str(folder)).code == 2


def test_cached_run_gives_the_same_findings(tmp_path) -> None:
    folder = archive(tmp_path / "arkiv", copies=2)
    cache_dir = tmp_path / "cache"
    job = Job(Config(), Mode.CHECK, cache_dir=cache_dir)
    cold = summary(run(collect([str(folder)], Config()), job, jobs=1))
    keys = {path: record["key"] for path, record in index_files(cache_dir).items()}
    assert len(keys) == 2 * len([p for p in FIXTURES.iterdir() if p.is_file()])
    assert [p.name for p in cache_dir.rglob("*.json")] == ["index.json"]  # one file
    assert (cache_dir / ".gitignore").read_text("utf-8").endswith("*\n")
    warm = summary(run(collect([str(folder)], Config()), job, jobs=2))
    assert warm == cold
    assert {path: record["key"] for path, record in index_files(cache_dir).items()} == keys


def test_cache_hit_is_used(tmp_path) -> None:
    path = tmp_path / "a.txt"
    shutil.copy(FIXTURES / "new_defects.txt", path)
    cache_dir = tmp_path / "cache"
    job = Job(Config(), Mode.CHECK, cache_dir=cache_dir)
    [first] = run([Target(str(path))], job, jobs=1)

    # Doctor the cached record: a hit must come from the cache, not from checking again.
    def doctor(files: dict) -> None:
        [record] = files.values()
        record["result"]["findings"] = record["result"]["findings"][:1]

    edit_index(cache_dir, doctor)
    [second] = run([Target(str(path))], job, jobs=1)
    assert len(first.findings) == 2 and len(second.findings) == 1


def test_corrupt_entry_is_a_miss(tmp_path) -> None:
    path = tmp_path / "a.txt"
    shutil.copy(FIXTURES / "new_defects.txt", path)
    job = Job(Config(), Mode.CHECK, cache_dir=tmp_path / "cache")
    [first] = run([Target(str(path))], job, jobs=1)
    [entry] = (tmp_path / "cache").rglob("*.json")
    entry.write_bytes(b"{not json")
    [second] = run([Target(str(path))], job, jobs=1)
    assert summary([first]) == summary([second])


def test_config_change_and_content_change_miss(tmp_path) -> None:
    rules = all_rules()
    cache = Cache(tmp_path, config_fingerprint(Config(), rules))
    other = Cache(tmp_path, config_fingerprint(Config(ignore=("RL1",)), rules))
    assert cache.key("a.txt", b"x") != other.key("a.txt", b"x")
    assert cache.key("a.txt", b"x") != cache.key("a.txt", b"y")
    assert cache.key("a.txt", b"x") != cache.key("b.txt", b"x")


def test_unwritable_cache_is_ignored(tmp_path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be", "utf-8")
    path = tmp_path / "a.txt"
    shutil.copy(FIXTURES / "new_defects.txt", path)
    job = Job(Config(), Mode.CHECK, cache_dir=blocker)
    [result] = run([Target(str(path))], job, jobs=1)
    assert result.problem is None and len(result.findings) == 2


def test_fix_still_fixes_on_a_cache_hit(cli, tmp_path) -> None:
    path = tmp_path / "m.txt"
    shutil.copy(FIXTURES / "mojibake.txt", path)
    other = str(FIXTURES / "old_clean.txt")
    assert cli(str(path), other).code == 1  # fills the cache
    assert len(index_files(tmp_path / ".referat-lint-cache")) == 2
    assert cli("--fix", str(path), other).code == 0
    assert path.read_bytes() == (FIXTURES / "new_clean.txt").read_bytes()


def test_no_cache_writes_nothing(cli, tmp_path) -> None:
    two = (str(FIXTURES / "old_clean.txt"), str(FIXTURES / "new_clean.txt"))
    cli("--no-cache", *two)
    assert not (tmp_path / ".referat-lint-cache").exists()
    cli(*two)
    assert (tmp_path / ".referat-lint-cache").is_dir()


def test_one_named_file_skips_the_cache(cli, tmp_path) -> None:
    # Opening a cache entry costs more than checking one file: a pre-commit run on one
    # file must start as fast as it can.
    assert cli(str(FIXTURES / "old_clean.txt")).code == 0
    assert not (tmp_path / ".referat-lint-cache").exists()


def test_findings_round_trip_through_data() -> None:
    findings = findings_of((FIXTURES / "mojibake.txt").read_bytes())
    findings += findings_of((FIXTURES / "toc_defects.txt").read_bytes())
    assert (
        tuple(finding_from_data(json.loads(json.dumps(finding_to_data(f)))) for f in findings)
        == findings
    )


def test_cached_result_keeps_encoding(tmp_path) -> None:
    cache = Cache(tmp_path, "x")
    cache.put("ab" * 32, CachedResult("cp1252", ()))
    assert cache.get("ab" * 32) == CachedResult("cp1252", ())
    cache.flush()
    assert Cache(tmp_path, "x").get("ab" * 32) == CachedResult("cp1252", ())


def test_changed_code_misses(tmp_path) -> None:
    rules = all_rules()
    before = config_fingerprint(Config(), rules)
    source = Path(__import__("referat_lint.rules.decisions").rules.decisions.__file__)
    stamp = source.stat()
    try:
        os.utime(source, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000_000))
        assert config_fingerprint(Config(), rules) != before
    finally:
        os.utime(source, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
