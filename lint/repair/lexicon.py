"""The Danish lexicon the lossy repair chooses with: word forms, compound heads, frequencies.

Loaded once per process, and only when a file holds the lossy pattern (about 0.16 s and
110 MB): runs on clean files never pay for it. The data ships with the package, see
`lint/repair/data/NOTICE.md` for where it comes from and under which licence.
"""

from __future__ import annotations

import bisect
import lzma
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from referat_lint.input.packaged import packaged

DATA = Path(__file__).parent / "data"

MIN_PART = 3  # shortest head or tail accepted in a compound: `mø` in `direktionsmø` is not
MAX_PARTS = 4


class SortedWords:
    """A sorted list of words with membership by binary search.

    Loading it is one split of the decompressed file; a set would first hash a million
    strings, which costs three times as long as everything else the lexicon load does.
    """

    def __init__(self, sorted_words: list[str]) -> None:
        self._words = sorted_words

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        index = bisect.bisect_left(self._words, word)
        return index < len(self._words) and self._words[index] == word

    def __len__(self) -> int:
        return len(self._words)


@dataclass(frozen=True)
class Lexicon:
    """Word forms that stand alone, forms that may begin a compound, and word frequencies."""

    words: SortedWords
    heads: SortedWords  # lowercase
    zipf: dict[str, float]

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
        return self.zipf.get(word.lower(), 0.0)


@cache
def load() -> Lexicon:
    """Read the packaged lexicon (once per process)."""
    words, heads, frequencies = (
        _decompressed(name) for name in ("da_words.txt.xz", "da_heads.txt.xz", "da_freq.tsv.xz")
    )
    zipf: dict[str, float] = {}
    for line in frequencies.splitlines():
        word, _, value = line.partition("\t")
        zipf[word] = float(value)
    # Each file ends with a line break.
    return Lexicon(SortedWords(words.split("\n")[:-1]), SortedWords(heads.split("\n")[:-1]), zipf)


@dataclass(frozen=True)
class Pairs:
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
    counts: dict[str, int] = {}
    for line in _decompressed("da_pairs.tsv.xz").splitlines()[1:]:
        key, _, value = line.rpartition("\t")
        counts[key] = int(value)
    return Pairs(counts)


def _decompressed(name: str) -> str:
    """The text of a packaged, xz-compressed data file: decompressing the word list is most
    of the lexicon's load, so the text is kept decompressed beside it (input/packaged.py)."""
    source = DATA / name
    return packaged(
        name.removesuffix(".xz"),
        [source],
        lambda: lzma.decompress(source.read_bytes()).decode("utf-8"),
    )
