"""A damaged word's surroundings: the document's intact words, the line around the word,
and the word cut into kept letters and damaged slots."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from referat_lint.repair.lexicon import Lexicon
from referat_lint.repair.lossy.model import (
    _ENDING,
    _FONT_SPACE_LETTERS,
    _LETTER_CHAR,
    _LIST_MARK,
    _LOOSE,
    _NEIGHBOUR_SPAN,
    _TRUNCATED_COMPOUND,
    _WORD,
    FONT_SPACE_ELSEWHERE,
    LOSSY,
    _has_slot,
    _Slot,
    _Vocabulary,
)


def _vocabulary(lines: Sequence[str], lexicon: Lexicon) -> _Vocabulary:
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
