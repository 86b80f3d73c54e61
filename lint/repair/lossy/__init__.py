"""Repair of the lossy pattern a broken PDF font leaves: `Å¥` for å, `Å,` (or `Å, `) for ø/æ.

`Å¥` is always a small å. Which letter `Å,` stood for is lost, so every reading is generated
and the lexicon and the document itself choose: a word that occurs intact elsewhere in the
same file, or a word the Danish lexicon knows, beats a compound of known parts, which beats
an unknown word; word frequency and the damage model's priors order the rest. A repair is
`confident` (applied by plain `--fix`) only where the evidence decides: one attested reading;
between ø and æ, the document's word pairs, Danish prose's word pairs (a clear lead per
occurrence) or a very large frequency lead; between the font's space and a real break where
both give words, the file, the word-pair table or a very large frequency lead; a first
letter's lost case, the file or common use (never a neighbour's capital). Otherwise the
finding suggests the readings (README, "The lossy pattern and the lexicon").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from referat_lint.document.model import Text
from referat_lint.repair.lexicon import MIN_PART, Lexicon, Pairs, load, pairs
from referat_lint.repair.lines import may_hold_lossy

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
MAX_CHOICES = 8  # readings, best first, the evidence is asked to decide for: time stays linear
# How well a word is attested, weakest first. A word of the document's own counts as known
# (names, local words) and adds DOCUMENT_BONUS to its reading's log-probability: strong
# evidence, but not enough on its own to overrule a word ten times as frequent.
UNKNOWN, COMPOUND, LEXICON = 0, 1, 2
DOCUMENT_BONUS = 1.0
# The same word pair standing intact elsewhere in the file (minutes repeat their phrases).
PAIR_BONUS = 2.0
# Lead in log10 frequency that decides between ø and æ when both give a word and the
# document does not tell; and between the font's space and a real word break.
LETTER_SCORE_GAP = 2.5
# Occurrences in the word-pair table (Danish prose) that decide, at this many times the
# other reading's.
TABLE_MIN, TABLE_RATIO = 3, 10
# A frequency lead (log10) that decides when Danish prose's word counts bear it out: the
# one word seen this often there, this many times the other's.
PROSE_LEAD, PROSE_MIN, PROSE_RATIO = 1.0, 20, 20
# wordfreq lists words from Zipf 1: an unknown word is rarer than that.
FREQUENCY_FLOOR = 1.0
# An ALL-CAPS token this short is an abbreviation (`LØR`): only the file settles its vowel.
SHORT_CAPS = 4
# A name that only a compound explains is taken from this many parts only (`Budget|opfølgning`);
# with more, a name's spelling is too free (`Kilde|brønde|vej`).
MAX_NAME_PARTS = 2
# The damage model: the font adds its space after the slot before d and g (the FirstAgenda
# export family's damaged minutes show it nowhere else), elsewhere seldom; log10 of how much
# less likely a space read as the font's is there. A real word break always shows as a space.
_FONT_SPACE_LETTERS = frozenset("dg")
FONT_SPACE_ELSEWHERE = -0.7
_NEIGHBOUR_SPAN = 40  # how far a neighbouring word is looked for: lines stay linear
_TRUNCATED_COMPOUND = re.compile(rf"- (?:og|eller) ({_LETTER}+)")
# A lowercase reading of a first letter in mid-sentence, in this common use or more (Zipf),
# is taken as lowercase without other evidence: names are rarer.
COMMON_ZIPF = 4.0
# Below this, the best guess (--unsafe-fixes) for such a word is the capital: in minutes a
# rare word with a lost first capital is more often a name (`Økonomiudvalget`) than not.
RARE_ZIPF = 3.0
# A split reading whose two words form a compound pays this (log10), unless its second
# word is as common as a function word (`miljø for`, `miljø er`), which may well follow.
SPLIT_COMPOUND_PENALTY = -2.0
FUNCTION_ZIPF = 5.5
# A capitalised word in mid-sentence that only a compound explains is taken as that
# compound (`Budgetopfølgning`) from this length; shorter ones are names (`Klæbel`).
MIN_NAME_COMPOUND = 8

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
    space_prior: float  # log10 prior of reading its space as the font's (see the damage model)


# (best reading, attested candidates, confident)
_Judgement = tuple[str, tuple[str, ...], bool]


class _Reading(NamedTuple):
    text: str
    level: int  # of its weakest word
    parts: int  # most compound parts of any of its words (1: no compound)
    score: float  # log10 probability of its words as a unigram sequence, with the priors
    splits: int  # slots whose space was read as a word break, not the font's
    ø_count: int
    layout: tuple[int, ...]  # per piece, 1 where a space was read as a word break
    evidence: int  # word pairs of it that stand intact elsewhere in the document
    in_file: int  # the file's say on its font's spaces: joined word or pair across the break
    table_pairs: int  # occurrences of its word pairs, with its neighbours, in Danish prose
    table_words: int  # ... of its words that hold ø or æ
    table_space: int  # ... of the joined word or the split pair at the font's spaces
    frequency: float | None  # log10 probability by word frequencies; None if one is unknown
    frequency_bound: float  # the same, an unknown word taken at the list's floor (an upper bound)
    lifted: bool  # a word of it is a compound only, joined across the font's space


def find(text: str) -> bool:
    """Does the text hold the lossy pattern at all? (cheap; loads no lexicon)"""
    return _has_slot(text) and LOSSY.search(text) is not None


# Plain substring tests before the regex: it tries every letter of every word as a start,
# which costs far more on the long run of text that holds no damage at all.
_has_slot = may_hold_lossy


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
    memo: dict[
        tuple[object, ...], _Judgement | None
    ] = {}  # damaged words repeat: each is judged once
    result: list[LossyRepair] = []
    for index, match in matches:
        if result and result[-1].line == index and match.start() < result[-1].end:
            continue  # the rest of a word `Å, ` begins (`Å, ldrerÅ¥d`): repaired with it
        if index not in contexts:
            contexts[index] = _LineContext(lines[index])
        repair = _repair(contexts[index], match, lexicon, vocabulary, memo)
        if repair is not None:
            result.append(LossyRepair(index, match.start(), match.end(), match.group(), *repair))
    return tuple(result)


@dataclass(frozen=True)
class _Vocabulary:
    words: frozenset[str]  # lowercase words that occur intact in the document
    spelled: frozenset[str]  # the same, as spelled
    names: dict[str, str]  # lowercase -> spelling, for words only ever seen capitalised,
    stems: frozenset[str]  # at least once mid-sentence (`Ørsted`), or anywhere (`Økonomiudvalget`)
    pairs: frozenset[tuple[str, str]]  # lowercase neighbours one space apart, intact
    lowercase: frozenset[str]  # words that stand intact in lowercase


def _vocabulary(lines: list[str], lexicon: Lexicon) -> _Vocabulary:
    """The document's own intact words (outside every damaged word)."""
    spelled: set[str] = set()
    lowercase: set[str] = set()
    capitalised: dict[str, tuple[str, bool]] = {}  # lowercase -> (spelling, mid-sentence)
    pairs: set[tuple[str, str]] = set()
    for line in lines:
        # A damaged word becomes a NUL, so its neighbours do not count as a pair.
        intact = LOSSY.sub("\0", line) if _has_slot(line) else line
        if "Å, " in intact:
            intact = _LOOSE.sub("\0", intact)
        context = _LineContext(intact)
        previous_end, previous = -2, ""
        for match in _WORD.finditer(intact):
            word = match.group()
            lower = word.lower()
            if match.start() == previous_end + 1 and intact[previous_end] == " ":
                pairs.add((previous, lower))
            previous_end, previous = match.end(), lower
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
    stems = frozenset(map(_stem, words))
    return _Vocabulary(
        words, frozenset(spelled), names, stems, frozenset(pairs), frozenset(lowercase)
    )


def _stem(word: str) -> str:
    match = _ENDING.search(word)
    return word[: match.start()] if match and match.start() >= 4 else word


def _repair(
    context: _LineContext,
    match: re.Match[str],
    lexicon: Lexicon,
    vocabulary: _Vocabulary,
    memo: dict[tuple[object, ...], _Judgement | None],
) -> _Judgement | None:
    """(best reading, attested candidates, confident) or None when `Å` was real after all."""
    token = match.group()
    sentence_start = context.starts_sentence(match.start())
    loose = token.startswith("Å, ")
    pieces = _pieces(token, sentence_start, context.caps, loose)
    # A capital the font kept, in mid-sentence: a name, so its spelling must match exactly.
    caps = any(isinstance(p, _Slot) and p.upper for p in pieces) and not sentence_start
    name = token[:1].isupper() and token[:1] != "Å" and not sentence_start and not caps
    # A real `Å` after a capitalised word may be a river's name: `Skjern Å, der ...`.
    river = loose and context.after_capital(match.start())
    before, after, name_after = context.neighbours(match.start(), match.end())
    # A damaged first letter in mid-sentence before a name's capitalised word (`Østre
    # Landsret`) is part of the name; after one (`Fagcenter Økonomi`, but `Anne Holm ønsker`)
    # its case is open.
    initial = isinstance(pieces[0], _Slot) and not pieces[0].upper and not sentence_start
    # Not after a hyphen or a digit: `23-Å¥rige` is one word's tail.
    joined_on = match.start() > 0 and context.line[match.start() - 1] in "-–" + "0123456789"
    in_name = initial and bool(name_after) and not joined_on
    # ... also after a capitalised first word that is no common word (`Plancenter Øst`)
    after_name = initial and (
        context.after_capital(match.start(), mid_sentence=True)
        or (context.after_capital(match.start()) and lexicon.frequency(before) < COMMON_ZIPF)
    )
    neighbours = _Neighbours(
        before.lower(), after.lower(), in_name, in_name and name_after == "truncated", after_name
    )
    key = (token, sentence_start, context.caps, river, neighbours)
    if key not in memo:
        memo[key] = _judge(
            token, pieces, sentence_start, name, river, neighbours, lexicon, vocabulary
        )
    return memo[key]


def _judge(
    token: str,
    pieces: list[str | _Slot],
    sentence_start: bool,
    name: bool,
    river: bool,
    neighbours: _Neighbours,
    lexicon: Lexicon,
    vocabulary: _Vocabulary,
) -> _Judgement | None:
    """_repair's answer for one damaged word in its context."""
    loose = token.startswith("Å, ")
    readings = _readings(pieces, lexicon, vocabulary, name, river, neighbours)
    if not readings:
        return token, (), False
    readings.sort(
        key=lambda r: (r.level, -r.parts, r.score, r.splits == 0, r.ø_count, r.text != token),
        reverse=True,
    )
    best = readings[0]
    if best.text == token:  # a real `Å`: in an ALL-CAPS word (`GUDENÅ, DER`) or a river's name
        return None
    attested = [r for r in readings if r.level > UNKNOWN]
    # The evidence may choose another reading than the sort put first (the table's
    # `træder` over the file's words in `træ der`): the first it decides for wins.
    decided = (
        r
        for r in ([best] + [r for r in attested if r is not best])[:MAX_CHOICES]
        if r.text != token and _confident(pieces, r, attested, name, loose, vocabulary, lexicon)
    )
    chosen = next(decided, None)
    confident = chosen is not None
    if chosen is not None and chosen is not best:
        best = chosen
        attested.sort(key=lambda r: r is not best)
    candidates = [r.text for r in attested if r.text != token]
    first = best.text.split(" ")[0]
    if (
        isinstance(pieces[0], _Slot)
        and not sentence_start
        and first[:1] in "øæ"
        and not _lowercase_attested(first, best, lexicon, vocabulary, neighbours.after_name)
    ):
        # The font lost the case of a first letter in mid-sentence, and nothing says the
        # word is not a name (`Økonomiudvalget`): offer both, decide nothing.
        confident = False
        capital = first[:1].upper() + best.text[1:]
        if lexicon.frequency(first) < RARE_ZIPF:  # rare: a name's more likely (for the guess)
            candidates.insert(0, capital)
            return capital, tuple(dict.fromkeys(candidates)), confident
        candidates.insert(1, capital)
    elif (
        neighbours.in_name
        and first[:1] in "ØÆ"
        and vocabulary.names.get(first.lower()) != first
        and not _lexicon_name(first.lower(), lexicon)
    ):
        # The capital came from the next word's (`Østre Landsret`): case comes from the
        # word's own letters and its place in the sentence, so only the file settles it.
        lowercase = first.lower() + best.text[len(first) :]
        if (
            not neighbours.name_sure
            and lexicon.knows(first.lower())
            and lexicon.frequency(first) >= COMMON_ZIPF
        ):
            # A common word before a capitalised one is more likely lowercase: minutes
            # capitalise `Kommunen` or `Byrådet` (`at øge Kommunens indtægter`).
            return lowercase, tuple(dict.fromkeys([lowercase, *candidates])), False
        return best.text, tuple(dict.fromkeys([*candidates, lowercase])), False
    return best.text, tuple(dict.fromkeys(candidates)), confident


def _lowercase_attested(
    word: str, best: _Reading, lexicon: Lexicon, vocabulary: _Vocabulary, after_name: bool
) -> bool:
    """Is there evidence that a word whose first letter lost its case is lowercase: the
    document spells it so, or pairs it so, or (not right after a name's word) it is a word
    in common use?"""
    if len(word) == 1:  # a lone letter is more often a list's or a party's (`Ø har`)
        return word in vocabulary.lowercase
    if word in vocabulary.lowercase or best.evidence > 0:
        return True
    return not after_name and lexicon.frequency(word) >= COMMON_ZIPF


def _confident(
    pieces: list[str | _Slot],
    best: _Reading,
    attested: list[_Reading],
    name: bool,
    loose: bool,
    vocabulary: _Vocabulary,
    lexicon: Lexicon,
) -> bool:
    """Is the best reading the only one the evidence allows? (see the module doc)"""
    if all(isinstance(p, str) or (p.lost == "å" and not p.space) for p in pieces):
        return True  # `Å¥` always stands for å: one reading only
    if best.level == UNKNOWN:
        return False  # an unknown word: nothing to go on
    rivals = [r for r in attested if r.text != best.text]
    if name and not _name_decided(best, rivals, vocabulary, lexicon):
        return False
    if loose:  # `Å, ` at a word start: only when exactly one reading is a word
        return best.level >= LEXICON and not rivals
    if not rivals:
        return True
    if _short_caps(pieces) and not _file_settles(best, rivals, vocabulary):
        return False  # an abbreviation (`LØR`, `LÆR`): frequency says nothing about it

    equals = [r for r in rivals if _equal(best, r)]
    if not equals and best.level > max(r.level for r in rivals):
        return best.level >= LEXICON
    return all(_settled(best, rival) for rival in equals)


def _equal(best: _Reading, rival: _Reading) -> bool:
    """Is the rival attested as well as the best reading?"""
    # A compound joined across the font's space is no better than a split into words or
    # compounds (`Samsø stenrev`): that choice is the space's (_space_settled).
    if best.lifted and rival.layout != best.layout and rival.level >= COMPOUND:
        return True
    return rival.level >= best.level and rival.parts <= best.parts


def _settled(best: _Reading, rival: _Reading) -> bool:
    """Does the evidence choose the best reading over an equally attested rival?"""
    if rival.layout == best.layout:
        # Both ø and æ give a word: the document's word pairs decide, or Danish prose's
        # word pairs, or frequency when the other reading is far rarer (`gør` and `gær`),
        # never a mere lead.
        return (
            best.evidence > rival.evidence
            or _context_settles(best, rival)
            or best.score - rival.score >= LETTER_SCORE_GAP
            or _frequencies_settle(best, rival)
        )
    return _space_settled(best, rival)  # the font's space or a real break


def _name_decided(
    best: _Reading, rivals: list[_Reading], vocabulary: _Vocabulary, lexicon: Lexicon
) -> bool:
    """May a name (a capital the font kept, in mid-sentence) be written as `best`?"""
    if best.level < LEXICON and (
        rivals or len(best.text) < MIN_NAME_COMPOUND or best.parts > MAX_NAME_PARTS
    ):
        return False  # a name no one spells, unless a long compound of two known parts
    spelled = all(w in vocabulary.spelled or lexicon.knows(w) for w in best.text.split(" "))
    # ... nor one whose other letter gives a word or a compound too (`Lødten`, `Lædten`)
    return spelled or not any(r.layout == best.layout for r in rivals)


def _space_settled(best: _Reading, rival: _Reading) -> bool:
    """Does the evidence choose `best` over a rival that reads a space after the slot the
    other way (joint or word break), both being words? The file first, then the word-pair
    table, then word frequencies, an unknown word taken at the most it could be."""
    if best.in_file != rival.in_file:
        return best.in_file > rival.in_file
    if _table_settles(best.table_space, rival.table_space):
        return True
    if _table_settles(rival.table_space, best.table_space):
        return False
    if best.frequency is None:
        return False
    return best.frequency - rival.frequency_bound >= LETTER_SCORE_GAP


def _frequencies_settle(best: _Reading, rival: _Reading) -> bool:
    """Do the word frequencies settle it: a lead of 300 times with an unknown word taken at
    the most it could be, or a lead of 10 times in wordfreq's Danish that the word counts of
    Danish prose bear out (the one seen often, the other all but never)?"""
    if best.frequency is None:
        return False
    lead = best.frequency - rival.frequency_bound
    if lead >= LETTER_SCORE_GAP:
        return True
    seen = best.table_words >= PROSE_MIN and best.table_words >= PROSE_RATIO * rival.table_words
    return lead >= PROSE_LEAD and seen


def _context_settles(best: _Reading, rival: _Reading) -> bool:
    """Do Danish prose's word pairs choose `best`: its pairs with the neighbours seen often,
    and far more often per occurrence of the word than the rival's (a word common in the
    table is not thereby likelier here)?"""
    if best.table_pairs < TABLE_MIN:
        return False
    rate = best.table_pairs / (best.table_words + 1)
    return rate >= TABLE_RATIO * (rival.table_pairs + 0.5) / (rival.table_words + 1)


def _table_settles(count: int, other: int) -> bool:
    return count >= TABLE_MIN and count >= TABLE_RATIO * other


def _short_caps(pieces: list[str | _Slot]) -> bool:
    """An ALL-CAPS token of a few letters with an ø/æ slot (`LÅ,R`)."""
    slots = [p for p in pieces if isinstance(p, _Slot)]
    return (
        len(pieces) <= SHORT_CAPS
        and all(p.upper for p in slots)
        and any(p.lost != "å" for p in slots)
        and all(p.isupper() for p in pieces if isinstance(p, str) and p != " ")
    )


def _file_settles(best: _Reading, rivals: list[_Reading], vocabulary: _Vocabulary) -> bool:
    """Does the file spell the best reading and none of the others?"""
    return best.text.lower() in vocabulary.words and not any(
        r.text.lower() in vocabulary.words for r in rivals
    )


class _Neighbours(NamedTuple):
    before: str  # the lowercase word one space before the damaged word, or ""
    after: str  # the lowercase word one space after it, or ""
    in_name: bool  # a damaged first letter before a capitalised word of a name
    name_sure: bool  # ... as the first part of a name's truncated compound (`Økonomi- og`)
    after_name: bool  # a damaged first letter after a capitalised word in mid-sentence


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

    def _word_before(self, position: int) -> tuple[int, str]:
        """(start, word) of the word one space before `position`; (position, "") if none."""
        if position < 2 or self.line[position - 1] != " ":
            return position, ""
        start = position - 1
        while (
            start > 0
            and position - start <= _NEIGHBOUR_SPAN
            and _LETTER_CHAR.match(self.line[start - 1])
        ):
            start -= 1
        return start, self.line[start : position - 1]

    def neighbours(self, start: int, end: int) -> tuple[str, str, str]:
        """The words one space before `start` and one space after `end` ("" if none), and
        whether a name's capitalised word follows: "next" (`Østre Landsret`), "truncated"
        (`Økonomi- og Indenrigsministeriet`) or ""."""
        before = self._word_before(start)[1]
        after = ""
        if self.line[end : end + 1] == " ":
            match = _WORD.match(self.line, end + 1, end + 1 + _NEIGHBOUR_SPAN)
            after = match.group() if match else ""
            return before, after, "next" if after.istitle() else ""
        match = _TRUNCATED_COMPOUND.match(self.line, end, end + _NEIGHBOUR_SPAN)
        truncated = match is not None and match.group(1).istitle()
        return before, after, "truncated" if truncated else ""

    def after_capital(self, position: int, mid_sentence: bool = False) -> bool:
        """Does a capitalised word end one space before `position` (with `mid_sentence`:
        one that does not merely start a sentence)?"""
        start, word = self._word_before(position)
        if not word[:1].isupper():
            return False
        return not mid_sentence or not self.starts_sentence(start)


def _pieces(token: str, sentence_start: bool, caps_line: bool, loose: bool) -> list[str | _Slot]:
    """The token as literal letters and damaged slots, each slot with its case by position:
    the font lost the case, so capitals only at a line or sentence start or in ALL CAPS. The
    font writes a capital Å as itself, so `Å¥` is a small å unless the word is in capitals."""
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
            continue
        lost, space = piece
        initial = position == 0 and (sentence_start or caps_line)
        upper_slot = caps or (initial and lost != "å")
        real_possible = caps or (loose and position == 0)
        following = raw[position + 1] if position + 1 < len(raw) else ""
        likely_space = isinstance(following, str) and following.lower() in _FONT_SPACE_LETTERS
        prior = 0.0 if likely_space else FONT_SPACE_ELSEWHERE
        pieces.append(_Slot(lost, space, upper_slot, real_possible, prior))
    return pieces


def _readings(
    pieces: list[str | _Slot],
    lexicon: Lexicon,
    vocabulary: _Vocabulary,
    name: bool,
    river: bool,
    neighbours: _Neighbours,
) -> list[_Reading]:
    # Each choice: (text, split, ø, log10 prior of the font having done this).
    options: list[list[tuple[str, int, int, float]]] = []
    for piece in pieces:
        if isinstance(piece, str):
            options.append([(piece, 0, 0, 0.0)])
            continue
        letters = ["å"] if piece.lost == "å" else ["ø", "æ"]
        if piece.upper:
            letters = [letter.upper() for letter in letters]
        choices: list[tuple[str, int, int, float]]
        if piece.space:  # the font's space (joined) or a real word break (split)
            choices = [(letter, 0, letter in "øØ", piece.space_prior) for letter in letters]
            choices += [(letter + " ", 1, letter in "øØ", 0.0) for letter in letters]
            if piece.real_possible:
                choices.append(("Å, ", 1, 0, 0.0))
        else:
            choices = [(letter, 0, letter in "øØ", 0.0) for letter in letters]
        options.append(choices)
    total = 1
    for choices in options:
        total *= len(choices)
    if total > MAX_READINGS:
        return []
    readings = []
    for combination in itertools.product(*options):
        text = "".join(choice[0] for choice in combination)
        joins: list[int] = []
        breaks: list[int] = []
        position = 0
        for piece, choice in zip(pieces, combination, strict=True):
            position += len(choice[0])
            if isinstance(piece, _Slot) and piece.space:
                (breaks if choice[1] else joins).append(position)
        layout = tuple(choice[1] for choice in combination)
        reading = _attest(text, joins, breaks, lexicon, vocabulary, name, river, neighbours)
        prior = sum(choice[3] for choice in combination)
        readings.append(
            reading._replace(
                splits=sum(layout),
                ø_count=sum(choice[2] for choice in combination),
                score=reading.score + prior,
                layout=layout,
                frequency=None if reading.frequency is None else reading.frequency + prior,
                frequency_bound=reading.frequency_bound + prior,
            )
        )
    return readings


def _attest(
    text: str,
    joins: list[int],
    breaks: list[int],
    lexicon: Lexicon,
    vocabulary: _Vocabulary,
    name: bool,
    river: bool,
    neighbours: _Neighbours,
) -> _Reading:
    """How well every word of a reading is attested, with names given their capital."""
    words = text.split(" ")
    levels, parts, score, evidence, table_pairs, table_words = [], 1, 0.0, 0, 0, 0
    frequency: float | None = 0.0
    frequency_bound = 0.0
    lifted = False
    table = _table()
    starts = []
    start = 0
    for n, word in enumerate(words):
        starts.append(start)
        start_of_word, start = start, start + len(word) + 1
        if (
            n
            and start_of_word in breaks
            and lexicon.frequency(word) < FUNCTION_ZIPF
            and _compound_at(words[n - 1] + word, len(words[n - 1]), lexicon)
        ):
            # Danish writes a compound as one word: two content words that make one
            # (`miljø problemer`) are far likelier the font's space than a real break.
            score += SPLIT_COMPOUND_PENALTY
        if word == "Å,":  # read as a real `Å`, standing alone: a river's name
            levels.append(LEXICON if river else UNKNOWN)
            frequency = None
            continue
        if word.endswith("Å,"):  # the real `Å` kept in an ALL-CAPS word
            levels.append(_level(word[:-1], lexicon, vocabulary, exact=True)[0])
            frequency = None
            continue
        level, word_parts = _level(word, lexicon, vocabulary, exact=name and n == 0)
        if level <= COMPOUND and any(_compound_at(word, j - start_of_word, lexicon) for j in joins):
            # Joining across the font's space gives a compound whose parts meet there
            # (`miljø|problemer`): as good as a word, with a rare word's frequency; the
            # score (with the damage model's prior) weighs it against the split.
            level, word_parts, lifted = LEXICON, 1, True
        if not word.isupper() and any(
            word[j - start_of_word : j - start_of_word + 1].isupper() for j in joins
        ):
            level = UNKNOWN  # a capital after the joint: two words (`Sorø Kommune`)
        if word[:1] in "øæå":  # lowercase by position: a name keeps its capital
            in_name = n == 0 and len(words) == 1 and neighbours.in_name
            words[n], level, word_parts = _cased(
                word, level, word_parts, in_name, lexicon, vocabulary
            )
        if len(word) == 1 and word.lower() not in _ONE_LETTER_WORDS:
            level = UNKNOWN  # `Miljø s budget`: a lone letter is no word
        levels.append(level)
        parts = max(parts, word_parts)
        score += _log_probability(word, level, lexicon)
        zipf = lexicon.frequency(word)
        frequency = None if frequency is None or zipf == 0.0 else frequency + zipf - 9.0
        frequency_bound += (zipf or FREQUENCY_FLOOR) - 9.0
        lower = word.lower()
        previous = words[n - 1].lower() if n else neighbours.before
        following = words[n + 1].lower() if n + 1 < len(words) else neighbours.after
        if lower in vocabulary.words:
            score += DOCUMENT_BONUS
        table_words += table.word(lower)
        for pair in ((previous, lower), (lower, following)):
            table_pairs += table.pair(*pair)
            if pair in vocabulary.pairs:
                score += PAIR_BONUS
                evidence += 1
    in_file, table_space = _space_evidence(words, starts, joins, breaks, vocabulary, neighbours)
    return _Reading(
        " ".join(words),
        min(levels),
        parts,
        score,
        0,
        0,
        (),
        evidence,
        in_file,
        table_pairs,
        table_words,
        table_space,
        frequency,
        frequency_bound,
        lifted,
    )


_ONE_LETTER_WORDS = frozenset("iåø")


def _cased(
    word: str, level: int, parts: int, in_name: bool, lexicon: Lexicon, vocabulary: _Vocabulary
) -> tuple[str, int, int]:
    """A word lowercase by position, with a name's capital where the file or the lexicon
    spells it so (`Å¥` is a small å: the file's capital only for a word that is no common
    word, `Ågårdsholm` but not `år`), or the best guess before a name's word."""
    if word in vocabulary.names and (word[:1] != "å" or not lexicon.knows(word)):
        return vocabulary.names[word], level, parts
    if level < LEXICON and (spelled := _lexicon_name(word, lexicon)) is not None:
        return spelled, LEXICON, 1
    if in_name and word[:1] != "å":
        return word[:1].upper() + word[1:], level, parts
    return word, level, parts


def _space_evidence(
    words: list[str],
    starts: list[int],
    joins: list[int],
    breaks: list[int],
    vocabulary: _Vocabulary,
    neighbours: _Neighbours,
) -> tuple[int, int]:
    """What the file and the word-pair table say about a reading's font spaces: the joined
    word standing intact, or the pair across the break (and a name the break ends, `Natur
    og Miljø`, spelled so). (file evidence, table occurrences)"""
    table = _table()
    in_file = table_space = 0
    for n, first in enumerate(starts):
        end = first + len(words[n])
        lower = words[n].lower()
        if any(first < j < end for j in joins):
            table_space += table.word(lower)
            in_file += lower in vocabulary.words
        if end + 1 in breaks and n + 1 < len(words):
            table_space += table.pair(lower, words[n + 1])
            in_file += (lower, words[n + 1].lower()) in vocabulary.pairs
            previous = words[n - 1].lower() if n else neighbours.before
            in_file += words[n][:1].isupper() and (previous, lower) in vocabulary.pairs
    return in_file, table_space


def _table() -> Pairs:
    return pairs()


def _compound_at(word: str, cut: int, lexicon: Lexicon) -> bool:
    """Is `word` a head and a known word (or compound) that meet at `cut`?"""
    if not MIN_PART <= cut <= len(word) - MIN_PART:
        return False
    head, tail = word[:cut].lower(), word[cut:].lower()
    # A place's name heads a compound as it stands (`Fanø|færgen`).
    name = lexicon.knows(head[:1].upper() + head[1:])
    return (head in lexicon.heads or name) and (
        lexicon.knows(tail) or lexicon.compound_parts(tail) > 0
    )


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
    if exact:  # a name: the lexicon's name or a word written with a capital
        if word in vocabulary.spelled or lexicon.knows(word) or lexicon.knows(lower):
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
