"""The Danish lexicon the lossy repair chooses with: word forms, compound heads, frequencies.

Loaded once, and only when a file holds the lossy pattern (about 0.25 s and 110 MB the first
time): runs on clean files never pay for it. The data ships with the package, see
`lint/repair/data/NOTICE.md` for where it comes from and under which licence.
"""

from __future__ import annotations

import bisect
import lzma
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.abc import Traversable

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
    data = resources.files("referat_lint.repair").joinpath("data")
    words, heads = (
        SortedWords(_read_lines(data.joinpath(name)))
        for name in ("da_words.txt.xz", "da_heads.txt.xz")
    )
    zipf: dict[str, float] = {}
    frequencies = lzma.decompress(data.joinpath("da_freq.tsv.xz").read_bytes()).decode("utf-8")
    for line in frequencies.splitlines():
        word, _, value = line.partition("\t")
        zipf[word] = float(value)
    return Lexicon(words, heads, zipf)


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
    data = resources.files("referat_lint.repair").joinpath("data").joinpath("da_pairs.tsv.xz")
    counts: dict[str, int] = {}
    for line in lzma.decompress(data.read_bytes()).decode("utf-8").splitlines()[1:]:
        key, _, value = line.rpartition("\t")
        counts[key] = int(value)
    return Pairs(counts)


def _read_lines(resource: Traversable) -> list[str]:
    """The lines of a packaged, xz-compressed, sorted word list."""
    text = lzma.decompress(resource.read_bytes()).decode("utf-8")
    return text.split("\n")[:-1]  # the file ends with a line break
