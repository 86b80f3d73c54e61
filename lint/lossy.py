"""Repair of the lossy pattern a broken PDF font leaves: `Å¥` for å, `Å,` (or `Å, `) for ø/æ.

Which letter `Å,` stood for is lost, so every reading is generated and the lexicon and the
document itself choose: a word that occurs intact elsewhere in the same file beats a word
the Danish lexicon knows, which beats a compound of known parts, which beats an unknown
word; word frequency breaks the remaining ties. A repair is `confident` (applied by plain
`--fix`) only when one reading is known and no other is, or one is clearly ahead.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from .document import Text
from .lexicon import Lexicon, load

_LETTER = r"[^\W\d_]"
_SLOT = rf"(?:Å¥|Å,(?: (?={_LETTER}))?)"
# A word holding the pattern. `Å,` inside a word (after a letter) may carry the space the
# broken font adds (`besÅ, ges`); at the start of a word it must touch the next letter
# (`Å,konomiske`), so that a real `Å` (the river in `Skjern Å, der ...`) is never matched.
LOSSY = re.compile(
    rf"{_LETTER}*(?:Å¥|(?<={_LETTER}){_SLOT}|(?<!{_LETTER})Å,(?={_LETTER}))"
    rf"{_LETTER}*(?:{_SLOT}{_LETTER}*)*"
)
_WORD = re.compile(rf"{_LETTER}+")
_LIST_MARK = re.compile(r"[-–•·*\d.)\s]*")  # what may stand before a line's first word

MAX_READINGS = 4096  # 6 damaged letters with a space each; more is not minutes text
# Zipf difference that makes one of two known readings a clear winner (about 30 times as
# frequent: `gøre` over `gære`, `høre` over `hære`, but not `bør` over `bær`).
CLEAR_FREQUENCY_GAP = 1.5

# How well a word is attested, weakest first.
UNKNOWN, COMPOUND, LEXICON, DOCUMENT = 0, 1, 2, 3

# Danish inflection endings, longest first, for matching a word to the document's stems.
_ENDING = re.compile(
    r"(?:elserne|ernes|elsen|elser|erne|edes|ende|else|enes|ere|ede|ene|ens|ets|nes"
    r"|er|es|et|en|ne|e|s|t|r|n)$"
)


@dataclass(frozen=True)
class LossyRepair:
    """One damaged word in one line: where it is, what it should read, how sure that is."""

    line: int  # 0-based line index
    start: int  # character offsets within the line
    end: int
    found: str
    replacement: str  # the best reading
    candidates: tuple[str, ...]  # the attested readings, best first (may be empty)
    confident: bool


@dataclass(frozen=True)
class _Slot:
    lost: str  # "å" or "ø/æ"
    space: bool  # the broken font put a space after it (`besÅ, ges`)
    upper: bool  # capital by position: line or sentence start, or an ALL-CAPS word
    caps_word: bool  # the word around it is ALL CAPS: a real `Å` is possible


@dataclass(frozen=True)
class _Reading:
    text: str
    level: int
    frequency: float
    splits: int  # slots whose space was read as a word break, not the font's
    ø_count: int


def find(text: str) -> bool:
    """Does the text hold the lossy pattern at all? (cheap; loads no lexicon)"""
    return "Å" in text and LOSSY.search(text) is not None


@lru_cache(maxsize=8)
def repairs(text: str) -> tuple[LossyRepair, ...]:
    """Every damaged word in `text`, with its repair (loads the lexicon if there is one)."""
    lines = Text(text).lines
    matches = [(i, m) for i, line in enumerate(lines) if "Å" in line for m in LOSSY.finditer(line)]
    if not matches:
        return ()
    lexicon = load()
    vocabulary = _vocabulary(lines)
    result = []
    for index, match in matches:
        repair = _repair(lines[index], match, lexicon, vocabulary)
        if repair is not None:
            result.append(LossyRepair(index, match.start(), match.end(), match.group(), *repair))
    return tuple(result)


@dataclass(frozen=True)
class _Vocabulary:
    words: frozenset[str]  # lowercase words that occur intact in the document
    names: dict[str, str]  # lowercase -> spelling, for words only ever seen capitalised
    stems: frozenset[str]  # mid-sentence, e.g. `Ørsted`


def _vocabulary(lines: list[str]) -> _Vocabulary:
    """The document's own intact words (outside every damaged word)."""
    words: set[str] = set()
    lowercase: set[str] = set()
    capitalised: dict[str, str] = {}
    for line in lines:
        intact = LOSSY.sub(" ", line) if "Å" in line else line
        for match in _WORD.finditer(intact):
            word = match.group()
            lower = word.lower()
            words.add(lower)
            if word == lower:
                lowercase.add(lower)
            elif word[1:].islower() and not _starts_sentence(intact[: match.start()]):
                capitalised.setdefault(lower, word)
    names = {lower: word for lower, word in capitalised.items() if lower not in lowercase}
    return _Vocabulary(frozenset(words), names, frozenset(map(_stem, words)))


def _stem(word: str) -> str:
    match = _ENDING.search(word)
    return word[: match.start()] if match and match.start() >= 4 else word


def _repair(line: str, match: re.Match[str], lexicon: Lexicon, vocabulary: _Vocabulary):
    """(best reading, attested candidates, confident) or None when `Å` was real after all."""
    token = match.group()
    pieces = _pieces(token, _starts_sentence(line[: match.start()]))
    readings = _readings(pieces, lexicon, vocabulary)
    if not readings:
        return token, (), False
    # At equal attestation the font's space beats a word break: short words (`mø`, `sø`,
    # `træ`) followed by any word make a plausible split far more often than chance makes
    # a plausible joined word.
    readings.sort(
        key=lambda r: (r.level, r.splits == 0, r.frequency, r.ø_count, r.text != token),
        reverse=True,
    )
    best = readings[0]
    if best.text == token:  # a real `Å` in an ALL-CAPS word (`GUDENÅ, DER`)
        return None
    attested = [r for r in readings if r.level > UNKNOWN]
    candidates = tuple(dict.fromkeys(r.text for r in attested if r.text != token))
    return best.text, candidates, _confident(pieces, best, attested)


def _confident(pieces: list[str | _Slot], best: _Reading, attested: list[_Reading]) -> bool:
    if all(isinstance(p, str) or (p.lost == "å" and not p.space) for p in pieces):
        return True  # `Å¥` always stands for å: one reading only
    if best.level == UNKNOWN:
        return False
    rivals = [r for r in attested if r.text != best.text]
    if best.splits == 0 and best.level >= LEXICON:
        rivals = [r for r in rivals if r.splits == 0]  # see the ranking in _repair
    if not rivals:
        return True
    strongest = max(r.level for r in rivals)
    if best.level > strongest:
        return best.level >= LEXICON
    peers = [r.frequency for r in rivals if r.level == best.level]
    return best.frequency - max(peers) >= CLEAR_FREQUENCY_GAP


def _starts_sentence(before: str) -> bool:
    before = before.rstrip()
    return _LIST_MARK.fullmatch(before) is not None or before.endswith((".", "!", "?"))


def _pieces(token: str, sentence_start: bool) -> list[str | _Slot]:
    """The token as literal letters and damaged slots, each slot with its case by position:
    the font lost the case, so capitals only at a line or sentence start or in ALL CAPS."""
    raw: list[str | tuple[str, bool]] = []
    i = 0
    while i < len(token):
        if token.startswith("Å¥", i):
            raw.append(("å", False))
            i += 2
        elif token.startswith("Å,", i):
            space = token[i + 2 : i + 3] == " "
            raw.append(("ø/æ", space))
            i += 3 if space else 2
        else:
            raw.append(token[i])
            i += 1
    letters = [p for p in raw if isinstance(p, str) and p != " "]
    caps = bool(letters) and all(p.isupper() for p in letters)
    pieces: list[str | _Slot] = []
    for position, piece in enumerate(raw):
        if isinstance(piece, str):
            pieces.append(piece)
        else:
            upper = caps or (position == 0 and sentence_start)
            pieces.append(_Slot(piece[0], piece[1], upper, caps))
    return pieces


def _readings(pieces: list[str | _Slot], lexicon: Lexicon, vocabulary: _Vocabulary):
    options: list[list[tuple[str, int, int]]] = []  # (text, splits, ø)
    for piece in pieces:
        if isinstance(piece, str):
            options.append([(piece, 0, 0)])
            continue
        letters = ["å"] if piece.lost == "å" else ["ø", "æ"]
        if piece.upper:
            letters = [letter.upper() for letter in letters]
        choices = [(letter, 0, letter in "øØ") for letter in letters]
        if piece.space:
            choices += [(letter + " ", 1, letter in "øØ") for letter in letters]
            if piece.caps_word:
                choices.append(("Å, ", 1, 0))
        options.append(choices)
    total = 1
    for choices in options:
        total *= len(choices)
    if total > MAX_READINGS:
        return []
    readings = []
    for combination in itertools.product(*options):
        text = "".join(choice[0] for choice in combination)
        splits = sum(choice[1] for choice in combination)
        ø_count = sum(choice[2] for choice in combination)
        text, level, frequency = _attest(text, lexicon, vocabulary)
        readings.append(_Reading(text, level, frequency, splits, ø_count))
    return readings


def _attest(text: str, lexicon: Lexicon, vocabulary: _Vocabulary):
    """(text with names capitalised, weakest level of its repaired words, their frequency)."""
    words = text.split(" ")
    levels = []
    frequency = 0.0
    for n, word in enumerate(words):
        if not any(letter in word for letter in "øæåØÆÅ"):
            continue
        level = _level(word, lexicon, vocabulary)
        if word[:1] in "øæå":  # lowercase by position: a name keeps its capital
            if word in vocabulary.names:
                words[n] = vocabulary.names[word]
            elif level < LEXICON and (name := _lexicon_name(word, lexicon)) is not None:
                words[n], level = name, LEXICON
        levels.append(level)
        frequency += lexicon.frequency(word)
    return " ".join(words), min(levels, default=UNKNOWN), frequency


def _lexicon_name(word: str, lexicon: Lexicon) -> str | None:
    """`Ærø` for `ærø`: the lexicon knows the word only with a capital."""
    capital = word[:1].upper() + word[1:]
    return capital if lexicon.knows(capital) and not lexicon.knows(word) else None


def _level(word: str, lexicon: Lexicon, vocabulary: _Vocabulary) -> int:
    lower = word.lower()
    if lower in vocabulary.words:
        return DOCUMENT
    if _known(word, lexicon):
        return LEXICON
    if lexicon.is_compound(lower) or (len(lower) >= 5 and _stem(lower) in vocabulary.stems):
        return COMPOUND
    return UNKNOWN


def _known(word: str, lexicon: Lexicon) -> bool:
    """Known as spelled, or lowercased when capitalised by position or in ALL CAPS."""
    if lexicon.knows(word):
        return True
    lower = word.lower()
    if lexicon.knows(lower):
        return True
    return word.isupper() and lexicon.knows(lower[:1].upper() + lower[1:])
