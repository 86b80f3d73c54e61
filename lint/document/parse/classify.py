"""Each line of the walker's view classified once: is it nothing but text to an item's body?

An item's body is one state machine over its lines (parse/body.py). Most of its lines are
paragraphs of text, which every class the body knows (decision heading, section, empty
marker, trailer, attendance, proposal and history lines, a quotation's start, a decision
heading wrapped onto the next line) turns down. Those lines are found here, once per file,
by the layout's one body pattern and a few length and character tests; the state machine
appends them to the body without asking each class again. Lines in an item's header, or
while a quotation or a label's value is pending, still go through every class: this
classification knows no state. For the other lines, what their words decide (LineClasses)
is asked once per distinct line of a file: headings recur in every item.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

# The characters that open a quoted passage (see BodyPart._quote_state).
from referat_lint.document.parse.lines import _QUOTE_OPENERS

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from referat_lint.document.layout import Layout


class LineClasses(NamedTuple):
    """What a line is to each class of an item's body that its words alone decide (its
    state decides the rest): computed once per distinct line of a file."""

    empty: bool  # an empty marker (`Tomt indhold`)
    end: bool  # a trailer (who did not take part)
    attendance: bool  # who was absent
    proposal: bool  # a quoted proposal's opening
    decision: re.Match[str] | None  # a decision heading
    section: tuple[str, str] | None  # a section heading: (canonical name, inline text)
    section_key: str  # the section's name folded ("" for no section)
    history: bool  # a history line


def text_lines(
    view: Sequence[str | None],
    layout: Layout,
    short: int,
    inline: bool,
) -> list[bool] | bytearray:
    """For each line of `view` (clean lines: whitespace folded, no space at either end):
    True (1) when it is text to every class of an item's body, as `layout` defines them.
    `short` is the longest section name or empty marker: a clean line longer than it and
    not ending with a colon folds to neither (casefolding never shortens); with `inline`
    sections a line with a colon may name one."""
    scan = _one_match(layout.body_line_scan)
    decision = _one_match(layout.decision_scan)
    longest_decision = layout.get("decisions", "max-length")
    last = len(view) - 1
    # a big text's (an Overlay, not a list): a byte a line, not a list's 8
    found = [False] * len(view) if isinstance(view, list) else bytearray(len(view))
    for i, line in enumerate(view):
        if (
            line
            and len(line) > short
            and line[-1] != ":"
            and line[0] not in _QUOTE_OPENERS
            and not (inline and ":" in line)
            and not scan(line)
            and (len(line) > longest_decision or not decision(line))
            # the words BodyPart._body looks for in a decision heading wrapped onto the
            # next line
            and not (i < last and view[i + 1] and ("eslutning" in line or "øde" in line))
        ):
            found[i] = True
    return found


def _one_match(patterns: Sequence[re.Pattern[str]]) -> Callable[[str], object]:
    """Whether one of `patterns` matches at a line's start, as one call."""
    if not patterns:
        return _never
    if len(patterns) == 1:
        return patterns[0].match
    return lambda line: any(p.match(line) for p in patterns)


def _never(line: str) -> None:
    return None
