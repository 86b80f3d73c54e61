"""A damaged word's readings: every letter (and space) the font may have lost, each reading
attested word by word against the lexicon, the document and Danish prose's word pairs."""

from __future__ import annotations

import itertools

from referat_lint.repair.lexicon import MIN_PART, Lexicon, Pairs, pairs
from referat_lint.repair.lossy.context import _stem
from referat_lint.repair.lossy.model import (
    COMPOUND,
    DOCUMENT_BONUS,
    FREQUENCY_FLOOR,
    FUNCTION_ZIPF,
    LEXICON,
    MAX_READINGS,
    PAIR_BONUS,
    SPLIT_COMPOUND_PENALTY,
    UNKNOWN,
    _Neighbours,
    _Reading,
    _Slot,
    _Vocabulary,
)


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


# One pass over a reading's words gathers every measure of _Reading; split, each
# measure would walk the words again for every reading of every damaged word.
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
