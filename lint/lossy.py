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
from functools import cached_property, lru_cache

from .document import Text
from .lexicon import Lexicon, load
from .repair import may_hold_lossy

_LETTER = r"[^\W\d_]"
_PLAIN = rf"(?:(?!Å[¥,]){_LETTER})"  # a letter that does not begin the pattern
_SLOT = rf"(?:Å¥|Å,(?: (?={_LETTER}))?)"
# A word holding the pattern. `Å,` inside a word (after a letter) may carry the space the
# broken font adds (`besÅ, ges`); at the start of a word it must touch the next letter
# (`Å,konomiske`), so that a real `Å` (the river in `Skjern Å, der ...`) is never matched.
# A match starts where a word starts (a later start inside the word would match no more
# than the word's start does), so a long word without the pattern is scanned once, not
# once from each of its letters.
LOSSY = re.compile(
    rf"(?<!{_LETTER}){_PLAIN}*(?:Å¥|(?<={_LETTER}){_SLOT}|(?<!{_LETTER})Å,(?={_LETTER}))"
    rf"{_PLAIN}*(?:{_SLOT}{_PLAIN}*)*"
)
# `Å, ` at the start of a word, as the font writes `ønsker` before some letters. A real `Å`
# looks the same (`Skjern Å, der`), so it is only looked for in a file that shows the
# pattern elsewhere, and never repaired without --unsafe-fixes.
_LOOSE = re.compile(rf"(?<!{_LETTER})Å, (?={_LETTER}){_PLAIN}*(?:{_SLOT}{_PLAIN}*)*")
_WORD = re.compile(rf"{_LETTER}+")
_LETTER_CHAR = re.compile(_LETTER)
_LIST_MARK = re.compile(r"[-–•·*\d.)\s]*")  # what may stand before a line's first word

MAX_READINGS = 4096  # 6 damaged letters with a space each; more is not minutes text
# Log-probability lead that makes one of two attested readings a clear winner (about 30
# times as likely: `høre` over `hære`, `mødet` over `mø det`, but not `bør` over `bær`).
CLEAR_SCORE_GAP = 1.5

# How well a word is attested, weakest first. A word of the document's own counts as known
# (names, local words) and adds DOCUMENT_BONUS to its reading's log-probability: strong
# evidence, but not enough on its own to overrule a word ten times as frequent.
UNKNOWN, COMPOUND, LEXICON = 0, 1, 2
DOCUMENT_BONUS = 1.0

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
    real_possible: bool  # ALL-CAPS word or `Å, ` at a word start: a real `Å` is possible


@dataclass(frozen=True)
class _Reading:
    text: str
    level: int  # of its weakest word
    parts: int  # most compound parts of any of its words (1: no compound)
    score: float  # log10 probability of its words as a unigram sequence
    splits: int  # slots whose space was read as a word break, not the font's
    ø_count: int


def find(text: str) -> bool:
    """Does the text hold the lossy pattern at all? (cheap; loads no lexicon)"""
    return _has_slot(text) and LOSSY.search(text) is not None


# Plain substring tests before the regex: it tries every letter of every word as a start,
# which costs far more on the long run of text that holds no damage at all.
_has_slot = may_hold_lossy


@lru_cache(maxsize=8)
def repairs(text: str) -> tuple[LossyRepair, ...]:
    """Every damaged word in `text`, with its repair (loads the lexicon if there is one)."""
    lines = Text(text).lines
    matches = [
        (i, m) for i, line in enumerate(lines) if _has_slot(line) for m in LOSSY.finditer(line)
    ]
    if not matches:
        return ()
    matches += [
        (i, m) for i, line in enumerate(lines) if "Å, " in line for m in _LOOSE.finditer(line)
    ]
    matches.sort(key=lambda item: (item[0], item[1].start()))
    lexicon = load()
    vocabulary = _vocabulary(lines, lexicon)
    contexts: dict[int, _LineContext] = {}
    result = []
    for index, match in matches:
        if index not in contexts:
            contexts[index] = _LineContext(lines[index])
        repair = _repair(contexts[index], match, lexicon, vocabulary)
        if repair is not None:
            result.append(LossyRepair(index, match.start(), match.end(), match.group(), *repair))
    return tuple(result)


@dataclass(frozen=True)
class _Vocabulary:
    words: frozenset[str]  # lowercase words that occur intact in the document
    spelled: frozenset[str]  # the same, as spelled
    names: dict[str, str]  # lowercase -> spelling, for words only ever seen capitalised,
    stems: frozenset[str]  # at least once mid-sentence (`Ørsted`), or anywhere (`Økonomiudvalget`)


def _vocabulary(lines: list[str], lexicon: Lexicon) -> _Vocabulary:
    """The document's own intact words (outside every damaged word)."""
    spelled: set[str] = set()
    lowercase: set[str] = set()
    capitalised: dict[str, tuple[str, bool]] = {}  # lowercase -> (spelling, mid-sentence)
    for line in lines:
        intact = LOSSY.sub(" ", line) if _has_slot(line) else line
        context = _LineContext(intact)
        for match in _WORD.finditer(intact):
            word = match.group()
            lower = word.lower()
            spelled.add(word)
            if word == lower:
                lowercase.add(lower)
            elif word[1:].islower():
                mid_sentence = not context.starts_sentence(match.start())
                if mid_sentence or lower not in capitalised:
                    capitalised[lower] = (
                        word,
                        mid_sentence or capitalised.get(lower, ("", False))[1],
                    )
    names = {
        lower: word
        for lower, (word, mid_sentence) in capitalised.items()
        if lower not in lowercase and (mid_sentence or not lexicon.knows(lower))
    }
    words = frozenset(word.lower() for word in spelled)
    return _Vocabulary(words, frozenset(spelled), names, frozenset(map(_stem, words)))


def _stem(word: str) -> str:
    match = _ENDING.search(word)
    return word[: match.start()] if match and match.start() >= 4 else word


def _repair(context: _LineContext, match: re.Match[str], lexicon: Lexicon, vocabulary: _Vocabulary):
    """(best reading, attested candidates, confident) or None when `Å` was real after all."""
    token = match.group()
    sentence_start = context.starts_sentence(match.start())
    loose = token.startswith("Å, ")
    pieces = _pieces(token, sentence_start, context.caps, loose)
    # A capital the font kept, in mid-sentence: a name, so its spelling must match exactly.
    name = token[:1].isupper() and token[:1] != "Å" and not sentence_start
    # A real `Å` after a capitalised word is a river's name: `Skjern Å, der ...`.
    river = loose and context.after_name(match.start(), lexicon)
    readings = _readings(pieces, lexicon, vocabulary, name, river)
    if not readings:
        return token, (), False
    readings.sort(
        key=lambda r: (r.level, -r.parts, r.score, r.splits == 0, r.ø_count, r.text != token),
        reverse=True,
    )
    best = readings[0]
    if best.text == token:  # a real `Å` in an ALL-CAPS word (`GUDENÅ, DER`)
        return None
    attested = [r for r in readings if r.level > UNKNOWN]
    candidates = tuple(dict.fromkeys(r.text for r in attested if r.text != token))
    return best.text, candidates, not loose and _confident(pieces, best, attested)


def _confident(pieces: list[str | _Slot], best: _Reading, attested: list[_Reading]) -> bool:
    """One attested reading, or one clearly ahead of every other (see the module doc)."""
    if all(isinstance(p, str) or (p.lost == "å" and not p.space) for p in pieces):
        return True  # `Å¥` always stands for å: one reading only
    if best.level == UNKNOWN:
        return False
    rivals = [r for r in attested if r.text != best.text]
    if not rivals:
        return True
    if best.level > max(r.level for r in rivals):
        return best.level >= LEXICON
    peers = [r for r in rivals if r.level == best.level and r.parts <= best.parts]
    return not peers or best.score - max(r.score for r in peers) >= CLEAR_SCORE_GAP


class _LineContext:
    """What the repair asks about the text before a position in one line. Answered from the
    few characters before it, never by slicing the line: long lines stay linear."""

    def __init__(self, line: str) -> None:
        self.line = line
        # The line's leading list marks (`- `, `1. `); a word right after them starts a sentence.
        match = _LIST_MARK.match(line)
        self.list_end = match.end() if match else 0

    @cached_property
    def caps(self) -> bool:
        """Is the rest of the line in capitals (a heading such as `ØKONOMISKE KONSEKVENSER`)?"""
        line = LOSSY.sub("", self.line) if _has_slot(self.line) else self.line
        letters = [c for c in line if c.isalpha()]
        return len(letters) >= 3 and all(c.isupper() for c in letters)

    def starts_sentence(self, position: int) -> bool:
        end = position
        while end > 0 and self.line[end - 1].isspace():
            end -= 1
        return end <= self.list_end or self.line[end - 1] in ".!?"

    def after_name(self, position: int, lexicon: Lexicon) -> bool:
        """Does a name end just before `position` (a capitalised word and one space) that is
        not merely a sentence's first word?"""
        if position < 2 or self.line[position - 1] != " ":
            return False
        start = position - 1
        while start > 0 and _LETTER_CHAR.match(self.line[start - 1]):
            start -= 1
        word = self.line[start : position - 1]
        if not word or not word[:1].isupper():
            return False
        return not self.starts_sentence(start) or not lexicon.knows(word.lower())


def _pieces(token: str, sentence_start: bool, caps_line: bool, loose: bool) -> list[str | _Slot]:
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
    upper = [p for p in letters if p.isupper()]
    caps = len(upper) == len(letters) and (len(letters) >= 2 or caps_line)
    pieces: list[str | _Slot] = []
    for position, piece in enumerate(raw):
        if isinstance(piece, str):
            pieces.append(piece)
        else:
            upper_slot = caps or (position == 0 and (sentence_start or caps_line))
            real_possible = caps or (loose and position == 0)
            pieces.append(_Slot(piece[0], piece[1], upper_slot, real_possible))
    return pieces


def _readings(
    pieces: list[str | _Slot], lexicon: Lexicon, vocabulary: _Vocabulary, name: bool, river: bool
) -> list[_Reading]:
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
            if piece.real_possible:
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
        readings.append(_attest(text, splits, ø_count, lexicon, vocabulary, name, river))
    return readings


def _attest(
    text: str,
    splits: int,
    ø_count: int,
    lexicon: Lexicon,
    vocabulary: _Vocabulary,
    name: bool,
    river: bool,
) -> _Reading:
    """How well every word of a reading is attested, with names given their capital."""
    words = text.split(" ")
    levels, parts, score = [], 1, 0.0
    for n, word in enumerate(words):
        if word == "Å,":  # read as a real `Å`, standing alone
            levels.append(LEXICON if river else UNKNOWN)
            continue
        if word.endswith("Å,"):  # the real `Å` kept in an ALL-CAPS word
            levels.append(_level(word[:-1], lexicon, vocabulary, exact=True)[0])
            continue
        level, word_parts = _level(word, lexicon, vocabulary, exact=name and n == 0)
        if word[:1] in "øæå":  # lowercase by position: a name keeps its capital
            if word in vocabulary.names:
                words[n] = vocabulary.names[word]
            elif level < LEXICON and (spelled := _lexicon_name(word, lexicon)) is not None:
                words[n], level, word_parts = spelled, LEXICON, 1
        levels.append(level)
        parts = max(parts, word_parts)
        score += _log_probability(word, level, lexicon)
        if word.lower() in vocabulary.words:
            score += DOCUMENT_BONUS
    return _Reading(" ".join(words), min(levels), parts, score, splits, ø_count)


def _log_probability(word: str, level: int, lexicon: Lexicon) -> float:
    """log10 of the word's frequency; words too rare for the frequency list get a floor by
    how well they are attested. A split reading adds a word, so it pays for it."""
    zipf = lexicon.frequency(word)
    if zipf == 0.0:
        zipf = {LEXICON: 1.5, COMPOUND: 1.0}.get(level, 0.0)
    return zipf - 9.0


def _lexicon_name(word: str, lexicon: Lexicon) -> str | None:
    """`Ærø` for `ærø`: the lexicon knows the word only with a capital."""
    capital = word[:1].upper() + word[1:]
    return capital if lexicon.knows(capital) and not lexicon.knows(word) else None


def _level(
    word: str, lexicon: Lexicon, vocabulary: _Vocabulary, exact: bool = False
) -> tuple[int, int]:
    """(attestation level, compound parts) of one word. With `exact` (a name) only the
    spelling as written counts in full; a lowercase match is worth a compound."""
    lower = word.lower()
    if exact:
        if word in vocabulary.spelled or lexicon.knows(word):
            return LEXICON, 1
        if lower in vocabulary.words or _known(word, lexicon):
            return COMPOUND, 1
    elif lower in vocabulary.words or _known(word, lexicon):
        return LEXICON, 1
    parts = lexicon.compound_parts(lower)
    if parts:
        return COMPOUND, parts
    if len(lower) >= 5 and _stem(lower) in vocabulary.stems:
        return COMPOUND, 2
    return UNKNOWN, 1


def _known(word: str, lexicon: Lexicon) -> bool:
    """Known as spelled, or lowercased when capitalised by position or in ALL CAPS."""
    if lexicon.knows(word):
        return True
    lower = word.lower()
    if lexicon.knows(lower):
        return True
    return word.isupper() and lexicon.knows(lower[:1].upper() + lower[1:])
