"""The markup an export leaves in text: the parser reads past it, the markup rule reports it.

One definition, so what the parser strips from a heading is exactly what the rule calls
residue (`<fx>` and `a < b` are text to both).
"""

from __future__ import annotations

import re

from referat_lint.input.regex_cache import regex

# Elements an export leaves behind (Word's <o:p> included); anything else in angle brackets
# (`<fx>`, `a < b > c`) is text.
ELEMENT_NAMES = (
    "a abbr b big blockquote br center cite code del div em font h1 h2 h3 h4 h5 h6 hr i img "
    "ins kbd li mark o:p ol p pre q s small span strike strong sub sup table tbody td tfoot th "
    "thead tr tt u ul"
)
ELEMENTS = frozenset(ELEMENT_NAMES.split())
# Linear on hostile input: an unclosed tag ends at the next `<`, an unclosed `^{` at the next
# brace, so each character is tried as the start of a match a bounded number of times.
TAG = regex(r"<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9]*(?::[A-Za-z]+)?)(?:\s[^<>]*)?/?>")
SUPERSCRIPT = regex(r"\^\{(?P<content>[^{}]*)\}")
# A Markdown heading's marks; anywhere in a text, one makes the text Markdown.
MD_HEADING = regex(r"^[ \t]{0,3}#{1,6}[ \t]", re.MULTILINE)


def is_element(tag: re.Match[str]) -> bool:
    """Whether a TAG match names an HTML element (and is not text in angle brackets)."""
    return tag["name"].casefold() in ELEMENTS
