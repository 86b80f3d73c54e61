"""The lossy pattern's model: what damage looks like, the damage model's priors, the
thresholds the evidence must pass, and the records a repair is built from."""

from __future__ import annotations

import re
from typing import NamedTuple

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


class LossyRepair(NamedTuple):
    """One damaged word in one line: where it is, what it should read, how sure that is."""

    line: int  # 0-based line index
    start: int  # character offsets within the line
    end: int
    found: str
    replacement: str  # the best reading
    candidates: tuple[str, ...]  # the attested readings, best first (may be empty)
    confident: bool


class _Slot(NamedTuple):
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


# Plain substring tests before the regex: it tries every letter of every word as a start,
# which costs far more on the long run of text that holds no damage at all.
_has_slot = may_hold_lossy


class _Vocabulary(NamedTuple):
    words: frozenset[str]  # lowercase words that occur intact in the document
    spelled: frozenset[str]  # the same, as spelled
    names: dict[str, str]  # lowercase -> spelling, for words only ever seen capitalised,
    stems: frozenset[str]  # at least once mid-sentence (`Ørsted`), or anywhere (`Økonomiudvalget`)
    pairs: frozenset[tuple[str, str]]  # lowercase neighbours one space apart, intact
    lowercase: frozenset[str]  # words that stand intact in lowercase


class _Neighbours(NamedTuple):
    before: str  # the lowercase word one space before the damaged word, or ""
    after: str  # the lowercase word one space after it, or ""
    in_name: bool  # a damaged first letter before a capitalised word of a name
    name_sure: bool  # ... as the first part of a name's truncated compound (`Økonomi- og`)
    after_name: bool  # a damaged first letter after a capitalised word in mid-sentence
