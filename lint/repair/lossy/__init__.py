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

from typing import TYPE_CHECKING

from referat_lint.document.model import Text
from referat_lint.repair.lexicon import load
from referat_lint.repair.lossy.context import _LineContext, _pieces, _vocabulary
from referat_lint.repair.lossy.decision import _judge
from referat_lint.repair.lossy.model import (
    _LOOSE,
    COMMON_ZIPF,
    FREQUENCY_FLOOR,
    LOSSY,
    PROSE_LEAD,
    LossyRepair,
    _has_slot,
    _Judgement,
    _Neighbours,
    _Slot,
)

if TYPE_CHECKING:
    import re

    from referat_lint.repair.lexicon import Lexicon
    from referat_lint.repair.lossy.model import _Vocabulary

# The thresholds the property tests reason with are part of the surface.
__all__ = ["FREQUENCY_FLOOR", "LOSSY", "PROSE_LEAD", "LossyRepair", "find", "repairs"]


def find(text: str) -> bool:
    """Does the text hold the lossy pattern at all? (cheap; loads no lexicon)"""
    return _has_slot(text) and LOSSY.search(text) is not None


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
