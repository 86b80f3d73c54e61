"""Packaged data kept in its parsed form beside the sources, and the tool's compiled regular
expressions kept between runs: the same answer as reading or compiling afresh, rebuilt
when the source changes, never trusted when damaged, nothing written where it may not be."""

from __future__ import annotations

import marshal
import re
import sys

import pytest

from referat_lint.input import packaged as packaged_module
from referat_lint.input import regex_cache
from referat_lint.input.packaged import packaged


@pytest.fixture
def writes_caches(monkeypatch):
    """As on a user's machine: Python may keep bytecode (the test runner may say not to)."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def _store(source):
    return source.parent / "__pycache__" / f"data.{sys.implementation.cache_tag}.data"


def test_the_kept_copy_answers_as_the_source_does_until_the_source_changes(
    tmp_path, writes_caches
) -> None:
    source = tmp_path / "data.toml"
    source.write_text("a = 1\n", "utf-8")
    builds = []

    def build() -> dict[str, int]:
        builds.append(1)
        return {"a": int(source.read_text("utf-8").split("=")[1])}

    assert packaged("data", [source], build) == {"a": 1}
    assert packaged("data", [source], build) == {"a": 1}
    assert len(builds) == 1  # the second answer came from the kept copy
    assert _store(source).is_file()
    source.write_text("a = 2\n", "utf-8")  # same size: the key is the content, not a stamp
    assert packaged("data", [source], build) == {"a": 2}
    assert len(builds) == 2


@pytest.mark.parametrize("damage", [b"", b"\x00" * 3, b"garbage that is no marshal data"])
def test_a_damaged_copy_is_built_again(tmp_path, writes_caches, damage) -> None:
    source = tmp_path / "data.toml"
    source.write_text("x", "utf-8")
    assert packaged("data", [source], lambda: ["x"]) == ["x"]
    store = _store(source)
    store.write_bytes(store.read_bytes()[:8] + damage)
    assert packaged("data", [source], lambda: ["rebuilt"]) == ["rebuilt"]
    assert packaged("data", [source], lambda: ["again"]) == ["rebuilt"]  # kept anew


def test_nothing_is_kept_when_bytecode_caches_are_off_or_the_folder_is_read_only(
    tmp_path, monkeypatch
) -> None:
    source = tmp_path / "data.toml"
    source.write_text("x", "utf-8")
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert packaged("data", [source], lambda: 1) == 1
    assert not (tmp_path / "__pycache__").exists()
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    (tmp_path / "__pycache__").write_text("a file where the folder would be", "utf-8")
    assert packaged("data", [source], lambda: 2) == 2  # cannot keep it: still the answer


def test_data_marshal_cannot_write_is_returned_and_not_kept(tmp_path, writes_caches) -> None:
    source = tmp_path / "data.toml"
    source.write_text("x", "utf-8")
    unkeepable = {"pattern": re.compile("x")}
    assert packaged("data", [source], lambda: unkeepable) is unkeepable
    assert not _store(source).exists()


def test_the_shipped_data_reads_the_same_from_the_kept_copy(writes_caches) -> None:
    from referat_lint.checking import rule_texts
    from referat_lint.document.layout import files
    from referat_lint.out import messages

    assert files.shipped_profiles() == files.resolve(files.read_toml_profiles())
    assert rule_texts._texts_by_module() == rule_texts.read_toml_texts()
    assert messages.read_toml_texts() == messages.TEXTS
    assert packaged_module._key("x", [files.FOLDER / "base.toml"]) != packaged_module._key(
        "y", [files.FOLDER / "base.toml"]
    )


# --- compiled regular expressions ---------------------------------------------------------


@pytest.fixture
def fresh_regex_store(tmp_path, monkeypatch, writes_caches):
    monkeypatch.setattr(regex_cache, "_STORE", tmp_path / "__pycache__" / "regex.data")
    monkeypatch.setattr(regex_cache, "_kept", None)
    monkeypatch.setattr(regex_cache, "_new", False)
    written = []
    monkeypatch.setattr(regex_cache.atexit, "register", written.append)
    return written


def _shipped_patterns() -> list[tuple[str, int]]:
    """Every pattern of the shipped profiles and the tool's CPR forms, with their flags."""
    from referat_lint.document.layout import load_layouts
    from referat_lint.out import cpr

    found = {(cpr.CPR.pattern, 0), (cpr._HIDDEN_CHAR, 0)}
    for layout in load_layouts():
        for values in layout.data.values():
            if not isinstance(values, dict):
                continue
            for value in values.values():
                for pattern in value if isinstance(value, list) else [value]:
                    if isinstance(pattern, str) and "(" in pattern:
                        found.add((pattern, re.MULTILINE))
    return sorted(found)


def test_a_kept_program_is_the_pattern_re_compiles(fresh_regex_store) -> None:
    """Patterns compare equal only with the same flags and the same engine program."""
    patterns = [(p, f) for p, f in _shipped_patterns() if _compiles(p, f)]
    assert len(patterns) > 50
    first = [regex_cache.regex(p, f) for p, f in patterns]
    assert fresh_regex_store == [regex_cache._write]  # one write, when the process ends
    regex_cache._write()
    regex_cache._kept = None  # the next process
    again = [regex_cache.regex(p, f) for p, f in patterns]
    assert len(regex_cache._programs()) == len(patterns)
    for (pattern, flags), kept, fresh in zip(patterns, again, first, strict=True):
        assert kept == re.compile(pattern, flags) == fresh
        assert (kept.groups, kept.groupindex) == (fresh.groups, fresh.groupindex)


def _compiles(pattern: str, flags: int) -> bool:
    try:
        re.compile(pattern, flags)
    except re.error:
        return False
    return True


def test_a_damaged_or_foreign_regex_store_is_compiled_afresh(fresh_regex_store) -> None:
    store = regex_cache._STORE
    store.parent.mkdir()
    pattern = r"(?P<day>\d{2})\.(?P<month>\d{2})"
    regex_cache.regex(pattern)
    regex_cache._write()
    kept = store.read_bytes()
    # A program for another pattern under this one's name, kept by another interpreter; a
    # store cut short or with one byte changed: every answer is still re.compile's.
    foreign = marshal.dumps({(pattern, 0): (0, [1, 2, 3], 0, {}, ())})
    other_python = packaged_module.source_hash(b"another interpreter")
    damaged = [kept[: len(kept) // 2], kept[:-1] + bytes([kept[-1] ^ 1]), b"junk"]
    for content in damaged:
        store.write_bytes(content)
        regex_cache._kept = None
        assert regex_cache._programs() == {}
        assert regex_cache.regex(pattern) == re.compile(pattern)
    packaged_module.keep(store, other_python, foreign)
    regex_cache._kept = None
    assert regex_cache._programs() == {}
    assert regex_cache.regex(pattern).match("17.03")["month"] == "03"
