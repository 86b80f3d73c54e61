"""The lexicon's word lists: kept as one block of UTF-8, searched by bisection, they answer
as a set of the same words does."""

from __future__ import annotations

import lzma

from hypothesis import given, settings
from hypothesis import strategies as st

from referat_lint.repair import lexicon
from referat_lint.repair.lexicon import SortedWords

# Words with the letters minutes hold, and the odd ones a lexicon has (apostrophes, quotes).
ALPHABET = "abeøåæéüÅÆØ'\"-ω"


def _words(words: set[str]) -> SortedWords:
    text = "".join(f"{word}\n" for word in sorted(words))
    return SortedWords.from_kept(*SortedWords.of_text(text))


@settings(max_examples=200, deadline=None)
@given(
    st.sets(st.text(ALPHABET, min_size=1, max_size=6), max_size=40),
    st.lists(st.text(ALPHABET, max_size=7), max_size=40),
)
def test_membership_is_a_sets(words: set[str], probes: list[str]) -> None:
    listed = _words(words)
    assert len(listed) == len(words) and list(listed) == sorted(words)
    for word in [*words, *probes]:
        assert (word in listed) == (word in words), word


def test_what_is_not_a_word_is_not_in_it() -> None:
    listed = _words({"drøftes", "på"})
    assert "drøftes" in listed and "på" in listed
    for probe in ("", "dr", "drøftesx", "pa", "\udcff", None, 7):
        assert probe not in listed
    assert "x" not in _words(set())


def test_the_shipped_lists_answer_as_their_files_say() -> None:
    loaded = lexicon.load()
    text = lzma.decompress((lexicon.DATA / "da_heads.txt.xz").read_bytes()).decode()
    heads = text.split("\n")[:-1]
    assert len(loaded.heads) == len(heads) and len(loaded.words) > 900_000
    assert all(head in loaded.heads for head in heads[::97])
    assert all(head + "\u0000" not in loaded.heads for head in heads[::97])
    assert loaded.knows("drøftes") and not loaded.knows("drÅ,ftes")


def test_the_shipped_frequencies_answer_as_their_file_says() -> None:
    loaded = lexicon.load()
    text = lzma.decompress((lexicon.DATA / "da_freq.tsv.xz").read_bytes()).decode()
    rows = [line.split("\t") for line in text.splitlines()]
    for word, value in rows[::53]:
        assert loaded.frequency(word) == float(value), word
        assert loaded.frequency(word.upper()) == float(value), word  # asked in lowercase
    assert loaded.frequency("drÅ,ftes") == 0.0 and loaded.frequency("") == 0.0


def test_a_kept_copy_of_another_shape_is_not_trusted(tmp_path, monkeypatch) -> None:
    from referat_lint.input import packaged

    data = tmp_path / "data"
    data.mkdir()
    for name in ("da_words.txt.xz", "da_heads.txt.xz", "da_freq.tsv.xz"):
        (data / name).write_bytes((lexicon.DATA / name).read_bytes())
    monkeypatch.setattr(lexicon, "DATA", data)
    monkeypatch.setattr(lexicon.sys, "dont_write_bytecode", False)
    sources = [data / n for n in ("da_words.txt.xz", "da_heads.txt.xz", "da_freq.tsv.xz")]
    name = f"lexicon-{lexicon._KEPT_FORM}-{lexicon.sys.byteorder}"
    store = packaged._store(name, sources)
    store.parent.mkdir()
    # Sound as a file (its key and hash hold), but not the shape the lexicon reads.
    packaged.keep(store, packaged._key(name, sources), b"\x03\0\0\0\0\0\0\0N\xff\xff")
    lexicon.load.cache_clear()
    try:
        loaded = lexicon.load()
        assert loaded.knows("drøftes") and loaded.frequency("og") > 6
    finally:
        lexicon.load.cache_clear()
