"""The one check pipeline: whoever asks (batch, the cache, --show-document), a file is
decoded once and parsed once, and a cache hit runs no rule."""

from __future__ import annotations

import shutil
from collections.abc import Callable

import pytest

from referat_lint.checking import engine, pipeline, runner
from referat_lint.checking.batch import Job, run
from referat_lint.checking.runner import Mode
from referat_lint.config import Config
from referat_lint.input.files import Target

from conftest import FIXTURES, rule_lines


def counted(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[object]:
    """The calls of `module.name` from here on (one entry each)."""
    calls: list[object] = []
    real: Callable[..., object] = getattr(module, name)

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args[0] if args else None)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


def test_show_document_decodes_and_parses_once(cli, monkeypatch) -> None:
    loads = counted(monkeypatch, runner, "load")
    parses = counted(monkeypatch, engine, "parse")
    shown = cli("--show-document", str(FIXTURES / "new_defects.txt"))
    assert shown.code == 0 and shown.err == ""
    assert (shown.json()["kind"], len(loads), len(parses)) == ("minutes", 1, 1)


def test_show_document_of_an_empty_file_is_an_empty_document(cli, tmp_path) -> None:
    (tmp_path / "tom.txt").write_bytes(b"")
    shown = cli("--show-document", "tom.txt")
    assert shown.code == 0
    assert (shown.json()["items"], shown.json()["toc"]) == ([], [])


def test_a_cache_hit_runs_no_rule_and_decodes_once_for_its_context(tmp_path, monkeypatch) -> None:
    path = tmp_path / "referat.txt"
    shutil.copy(FIXTURES / "cpr.txt", path)
    job = Job(Config(), Mode.CHECK, cache_dir=tmp_path / "cache", keep_lines=True)
    [cold] = run([Target(str(path))], job, jobs=1)
    loads = counted(monkeypatch, runner, "load")
    analyses = counted(monkeypatch, pipeline, "analyze")
    [warm] = run([Target(str(path))], job, jobs=1)
    assert (len(loads), len(analyses)) == (1, 0)
    assert rule_lines(warm.findings) == rule_lines(cold.findings) != []
    assert warm.lines == cold.lines  # masked the same way as on the miss
    assert warm.decoded is None and cold.decoded is None  # no text travels on


def test_a_cache_hit_without_context_decodes_nothing(tmp_path, monkeypatch) -> None:
    path = tmp_path / "referat.txt"
    shutil.copy(FIXTURES / "new_defects.txt", path)
    job = Job(Config(), Mode.CHECK, cache_dir=tmp_path / "cache")
    [cold] = run([Target(str(path))], job, jobs=1)
    loads = counted(monkeypatch, runner, "load")
    [warm] = run([Target(str(path))], job, jobs=1)
    assert loads == [] and warm.lines == ()
    assert rule_lines(warm.findings) == rule_lines(cold.findings) != []


def test_the_result_keeps_the_text_and_its_parse_only_when_asked(tmp_path) -> None:
    from referat_lint.rules import all_rules

    data = (FIXTURES / "mojibake.txt").read_bytes()
    rules = all_rules()
    plain = pipeline.check_file(data, Config(), "m.txt", rules)
    kept = pipeline.check_file(data, Config(), "m.txt", rules, pipeline.Options(document=True))
    assert plain.decoded is None and kept.decoded is not None
    assert kept.decoded.document is not None
    assert kept.decoded.document.layout == kept.layout == plain.layout
    assert rule_lines(kept.findings) == rule_lines(plain.findings) != []
