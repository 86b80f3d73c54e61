"""The Danish lexicon the lossy repair chooses with: word forms, compound heads, frequencies.

Loaded once per process, and only when a file holds the lossy pattern (about 40 ms and
40 MB from its kept form): runs on clean files never pay for it. The data ships with the
package, see `lint/repair/data/NOTICE.md` for where it comes from and under which licence.
"""

from __future__ import annotations

import lzma
import marshal
import sys
from array import array
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import NamedTuple

from referat_lint.input.packaged import packaged, packaged_bytes

DATA = Path(__file__).parent / "data"

MIN_PART = 3  # shortest head or tail accepted in a compound: `mø` in `direktionsmø` is not
MAX_PARTS = 4


class SortedWords:
    """A sorted word list kept as one block of UTF-8 (a word a line) and where each word
    starts, with membership by binary search over it.

    A list of a million Python strings would take 70 ms to make and 60 MB to hold in every
    process that loads the lexicon; this searches the kept block where it lies (mapped from
    the kept copy), and a lookup (a few dozen per damaged file) costs a few microseconds
    more. UTF-8 sorts as the code points do, so the block keeps the list's order.
    """

    def __init__(self, block: memoryview, starts: Sequence[int]) -> None:
        self._block = block
        self._starts = starts  # where each word starts; the last entry is the block's end

    @classmethod
    def of_text(cls, text: str) -> tuple[bytes, bytes]:
        """The block and its word starts (as bytes) of sorted words, one a line, each line
        ended by a line break: the form kept beside the data."""
        block = text.encode("utf-8")
        starts = array("I", [0])
        at = block.find(b"\n")
        while at != -1:
            starts.append(at + 1)
            at = block.find(b"\n", at + 1)
        return block, starts.tobytes()

    @classmethod
    def from_kept(cls, block: bytes | memoryview, starts: bytes | memoryview) -> SortedWords:
        return cls(memoryview(block), memoryview(starts).cast("B").cast("I"))

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.position(word) is not None

    def position(self, word: str) -> int | None:
        """Where `word` stands in the list (0-based), or None when it is not in it."""
        try:
            key = word.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no word of the list
            return None
        block, starts = self._block, self._starts
        low, high = 0, len(starts) - 1
        while low < high:
            middle = (low + high) // 2
            if block[starts[middle] : starts[middle + 1] - 1].tobytes() < key:
                low = middle + 1
            else:
                high = middle
        found = low < len(starts) - 1 and block[starts[low] : starts[low + 1] - 1] == key
        return low if found else None

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __iter__(self) -> Iterator[str]:
        """The words in order (a full walk: for tests and tools, not for lookups)."""
        return iter(self._block.tobytes().decode("utf-8").split("\n")[:-1])


class Lexicon(NamedTuple):
    """Word forms that stand alone, forms that may begin a compound, and word frequencies."""

    words: SortedWords
    heads: SortedWords  # lowercase
    frequent: SortedWords  # lowercase words with a known frequency
    zipf: Sequence[float]  # the frequency of each of `frequent`, in its order

    def knows(self, word: str) -> bool:
        """A word form of its own, spelled exactly so (case included)."""
        return word in self.words

    def compound_parts(self, word: str) -> int:
        """Fewest parts `word` splits into as heads + a known word (`direktions` + `mødet`),
        0 when it does not; parts are compared in lowercase."""
        return self._parts(word.lower(), 1)

    def _parts(self, word: str, depth: int) -> int:
        if depth > MAX_PARTS - 1:
            return 0
        best = 0
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):  # longest head first
            head, tail = word[:cut], word[cut:]
            if head not in self.heads:
                continue
            parts = 2 if tail in self.words else self._parts(tail, depth + 1) + 1
            if parts > 1 and (best == 0 or parts < best):
                best = parts
                if best == 2:
                    break
        return best

    def frequency(self, word: str) -> float:
        """Zipf frequency (0 unknown, 3 rare, 6 very common) of the lowercase word."""
        position = self.frequent.position(word.lower())
        return 0.0 if position is None else self.zipf[position]


@cache
def load() -> Lexicon:
    """The packaged lexicon (once per process), mapped from its kept form beside the data."""
    sources = [DATA / name for name in ("da_words.txt.xz", "da_heads.txt.xz", "da_freq.tsv.xz")]
    # The kept form's layout and the machine's byte order (of the word starts) are in its name.
    name = f"lexicon-{_KEPT_FORM}-{sys.byteorder}"
    kept = packaged_bytes(name, sources, lambda: _build(sources))
    try:
        return _lexicon(kept)
    except (ValueError, TypeError, EOFError):  # a copy in some other shape: read the data
        return _lexicon(memoryview(_build(sources)))


def _lexicon(kept: memoryview) -> Lexicon:
    size = int.from_bytes(kept[:_SIZE], "little")
    lengths = marshal.loads(kept[_SIZE : _SIZE + size])
    at, parts = _aligned(_SIZE + size), []
    for length in lengths:
        parts.append(kept[at : at + length])
        at = _aligned(at + length)
    words, word_starts, heads, head_starts, frequent, frequent_starts, zipf = parts
    return Lexicon(
        SortedWords.from_kept(words, word_starts),
        SortedWords.from_kept(heads, head_starts),
        SortedWords.from_kept(frequent, frequent_starts),
        zipf.cast("B").cast("d"),
    )


_KEPT_FORM = 2
_SIZE = 8  # bytes giving the header's length


def _aligned(offset: int) -> int:
    return -(-offset // 8) * 8  # each part at a multiple of its items' size


def _build(sources: list[Path]) -> bytes:
    """The lexicon's kept form (the first run, and after the data changes): the length of
    each part, then each sorted list's block and its word starts, the lowercase words with
    a frequency likewise, and their frequencies, each part at a multiple of eight bytes."""
    words, heads, frequencies = (lzma.decompress(path.read_bytes()).decode() for path in sources)
    zipf: dict[str, float] = {}
    for line in frequencies.splitlines():
        word, _, value = line.partition("\t")
        zipf[word] = float(value)
    frequent = sorted(zipf)
    parts = [
        *SortedWords.of_text(words),
        *SortedWords.of_text(heads),
        *SortedWords.of_text("".join(f"{word}\n" for word in frequent)),
        array("d", (zipf[word] for word in frequent)).tobytes(),
    ]
    header = marshal.dumps([len(part) for part in parts])
    kept = bytearray(len(header).to_bytes(_SIZE, "little") + header)
    for part in parts:
        kept += bytes(_aligned(len(kept)) - len(kept)) + part
    return bytes(kept)


class Pairs(NamedTuple):
    """Counts of Danish words holding ø or æ and of word pairs with one, from Danish prose
    (`tools/build_bigrams.py`): what settles `løses`/`læses` or `træder`/`træ der` where the
    file does not."""

    counts: dict[str, int]  # "word" or "word word" (lowercase) -> occurrences

    def word(self, word: str) -> int:
        return self.counts.get(word.lower(), 0)

    def pair(self, first: str, second: str) -> int:
        return self.counts.get(f"{first.lower()} {second.lower()}", 0)


@cache
def pairs() -> Pairs:
    """Read the packaged word-pair table (once per process, only when a choice needs it)."""
    source = DATA / "da_pairs.tsv.xz"

    def build() -> dict[str, int]:
        counts: dict[str, int] = {}
        for line in lzma.decompress(source.read_bytes()).decode("utf-8").splitlines()[1:]:
            key, _, value = line.rpartition("\t")
            counts[key] = int(value)
        return counts

    return Pairs(packaged("pairs", [source], build))
