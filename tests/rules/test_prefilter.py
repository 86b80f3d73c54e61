"""The cheap pre-filter in front of ftfy finds exactly what the slow path finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from referat_lint.repair import lines as repair

from conftest import FIXTURES, findings_of, real_minutes

DANISH = "abcdefghijklmnopqrstuvwxyzæøåÆØÅéü ,.-–„“§½"
# How UTF-8 gets mis-read: by the code pages ftfy knows, once or twice over.
CODE_PAGES = ["cp1252", "latin-1", "mac_roman", "cp437", "cp1250", "cp1251", "iso8859_2"]


def mis_decode(text: str, code_page: str, times: int) -> str:
    for _ in range(times):
        text = text.encode("utf-8").decode(code_page, errors="replace")
    return text


def slow_path(monkeypatch) -> None:
    """Every line to ftfy: no candidate selection, no per-line pre-filter."""
    monkeypatch.setattr(repair, "MOJIBAKE_CANDIDATE", re.compile("(?m)^"))
    monkeypatch.setattr(repair, "might_hold_mojibake", lambda line: True)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_same_findings_on_real_minutes(prefix: str, monkeypatch) -> None:
    data = real_minutes(prefix).read_bytes()
    fast = findings_of(data)
    slow_path(monkeypatch)
    assert findings_of(data) == fast


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir() if p.is_file()))
def test_same_findings_on_the_fixtures(name: str, monkeypatch) -> None:
    data = (FIXTURES / name).read_bytes()
    fast = findings_of(data)
    slow_path(monkeypatch)
    assert findings_of(data) == fast


@settings(max_examples=300, deadline=None)
@given(
    clean=st.text(alphabet=DANISH, max_size=40),
    word=st.text(alphabet=DANISH, min_size=1, max_size=12),
    code_page=st.sampled_from(CODE_PAGES),
    times=st.integers(min_value=1, max_value=3),
)
def test_same_repair_on_generated_mojibake(
    clean: str, word: str, code_page: str, times: int
) -> None:
    line = f"{clean} {mis_decode(word, code_page, times)} {clean}"
    fast = repair.repair_line(line)
    original = repair.might_hold_mojibake
    try:
        repair.might_hold_mojibake = lambda _line: True
        slow = repair.repair_line(line)
    finally:
        repair.might_hold_mojibake = original
    assert fast == slow


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
@example("Â 0")  # ftfy reads `Â` and a plain space as a broken no-break space
@example("Ã x")
def test_lines_the_filter_skips_are_ones_ftfy_leaves_alone(line: str) -> None:
    if not repair.might_hold_mojibake(line):
        from ftfy import fix_encoding

        assert fix_encoding(line, repair._ftfy_config()) == line


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ÅA¥,. xæ", max_size=30))
@example("Å")
@example("xÅ,")
@example("ÅÅ¥")
def test_the_lossy_pre_filter_is_the_plain_search(text: str) -> None:
    assert repair.may_hold_lossy(text) == ("Å¥" in text or "Å," in text)
