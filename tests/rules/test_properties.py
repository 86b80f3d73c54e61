"""Property tests of the encoding repair: it restores mis-decoded Danish exactly, leaves clean
Danish byte for byte, is idempotent, and never raises on any bytes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referat_lint.checking.fixer import fix
from referat_lint.checking.pipeline import Options, check_file
from referat_lint.checking.runner import Mode
from referat_lint.config import Config
from referat_lint.input.source import Source, decode
from referat_lint.rules import all_rules

from conftest import ROOT
from mojibake_kinds import ENCODINGS, misdecode, misdecode_word

CORPUS = ROOT / "benchmarks" / "corpus" / "saetninger.txt"
SENTENCES = [s for s in CORPUS.read_text("utf-8").splitlines() if s]
DANISH = [s for s in SENTENCES if not s.isascii()]
RULES = all_rules()
ENCODING_RULES = Config(select=("RL1",), check_all_text=True)  # fragments, not minutes


def fixed(text: str, unsafe: bool = False) -> str:
    return fix(Source(text, "utf-8"), RULES, ENCODING_RULES, None, unsafe=unsafe).source.text


def test_corpus_is_a_few_hundred_sentences_with_the_hard_cases() -> None:
    text = CORPUS.read_text("utf-8")
    assert len(SENTENCES) >= 300
    for needle in ("Skjern Å, der", "ØKONOMISKE", "„", "“", "½", "m²", "§"):
        assert needle in text, needle


@settings(max_examples=300, deadline=None)
@given(
    sentence=st.sampled_from(DANISH),
    encoding=st.sampled_from(ENCODINGS),
    times=st.integers(1, 3),
    whole_line=st.booleans(),
)
def test_misdecoded_danish_comes_back_exactly(sentence, encoding, times, whole_line) -> None:
    damage = misdecode if whole_line else misdecode_word
    assert fixed(damage(sentence, encoding, times) + "\n") == sentence + "\n"


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(
        st.tuples(st.sampled_from(SENTENCES), st.sampled_from([0, 0, 1, 2, 3])),
        min_size=1,
        max_size=12,
    ),
    newline=st.sampled_from(["\n", "\r\n"]),
    final=st.booleans(),
    encoding=st.sampled_from(ENCODINGS),
)
def test_documents_with_some_lines_misdecoded(lines, newline, final, encoding) -> None:
    clean = newline.join(s for s, _ in lines) + (newline if final else "")
    damaged = newline.join(misdecode(s, encoding, n) if n else s for s, n in lines)
    damaged += newline if final else ""
    assert fixed(damaged) == clean


def test_clean_corpus_comes_back_byte_identical(cli, tmp_path) -> None:
    data = CORPUS.read_bytes()
    variants = {
        "lf.txt": data,
        "crlf.txt": data.replace(b"\n", b"\r\n"),
        "mixed.txt": data.replace(b".\n", b".\r\n", 40),
        "no-final-newline.txt": data.rstrip(b"\n"),
    }
    for name, content in variants.items():
        (tmp_path / name).write_bytes(content)
    for flags in (["--fix"], ["--fix", "--unsafe-fixes"]):
        cli(*flags, "--select", "RL1", "--check-all-text", str(tmp_path))
        for name, content in variants.items():
            assert (tmp_path / name).read_bytes() == content, (flags, name)


# Text that mixes clean Danish, mojibake, the lossy pattern and odd characters.
_PIECES = st.sampled_from(
    [*SENTENCES[:40], "Ã¸", "Ã¥", "Ã…", "ÃƒÂ¦", "Å¥", "Å,", "Å, ", "DrÅ,ftet", "pÅ¥", "â€œ", "Â"]
)
_TEXT = st.lists(
    st.one_of(_PIECES, st.text(alphabet="aæøåÅÃ¥¸,. \n\r\t€–„“", max_size=8)), max_size=12
).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, unsafe=st.booleans())
def test_fix_is_idempotent(text: str, unsafe: bool) -> None:
    once = fixed(text, unsafe)
    assert fixed(once, unsafe) == once


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200), unsafe=st.booleans())
def test_fix_is_idempotent_on_any_text(text: str, unsafe: bool) -> None:
    once = fixed(text, unsafe)
    assert fixed(once, unsafe) == once


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    try:
        decode(data)
    except Exception as error:  # only the documented refusal is allowed
        assert type(error).__name__ == "DecodeError"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.txt"
        for mode in (Mode.CHECK, Mode.FIX, Mode.DIFF):
            path.write_bytes(data)
            options = Options(mode, unsafe=True)
            result = check_file(data, Config(), str(path), RULES, options)
            assert result.problem is None or "internal error" not in str(result.problem)
