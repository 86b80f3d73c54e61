"""Which reading a damaged word gets, and whether the evidence decides it (`confident`)."""

from __future__ import annotations

from referat_lint.repair.lexicon import Lexicon
from referat_lint.repair.lossy.candidates import _lexicon_name, _readings
from referat_lint.repair.lossy.model import (
    COMMON_ZIPF,
    COMPOUND,
    LETTER_SCORE_GAP,
    LEXICON,
    MAX_CHOICES,
    MAX_NAME_PARTS,
    MIN_NAME_COMPOUND,
    PROSE_LEAD,
    PROSE_MIN,
    PROSE_RATIO,
    RARE_ZIPF,
    SHORT_CAPS,
    TABLE_MIN,
    TABLE_RATIO,
    UNKNOWN,
    _Judgement,
    _Neighbours,
    _Reading,
    _Slot,
    _Vocabulary,
)


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
    return _with_case(
        best, candidates, confident, pieces, sentence_start, neighbours, lexicon, vocabulary
    )


def _with_case(
    best: _Reading,
    candidates: list[str],
    confident: bool,
    pieces: list[str | _Slot],
    sentence_start: bool,
    neighbours: _Neighbours,
    lexicon: Lexicon,
    vocabulary: _Vocabulary,
) -> _Judgement:
    """_judge's answer once the letters are chosen: a first letter whose case the font lost
    (or took from the next word) may be a capital, which only the file settles."""
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
