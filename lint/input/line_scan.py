"""The lines a pattern matches in, found by RE2's automaton over the text's UTF-8.

A few patterns are searched for in the whole of every file (the rare characters, mojibake,
CPR numbers). Python's `re` tries each of them character by character, a tenth of a
millisecond per file each; RE2's automaton reads the UTF-8 bytes of the text at memory
speed. A LineScan pairs the pattern (Python's `re`, the definition every rule reads) with
an RE2 source that matches on the same lines, or on more (`superset`: those lines are
then searched with the pattern itself). Where RE2 cannot read a text (a lone surrogate has
no UTF-8) the pattern searches it as before. tests/rules/test_fast_paths.py checks each
scan against the plain search.
"""

from __future__ import annotations

import contextlib
import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import re

_NOT_LOADED = object()
_re2: Any = _NOT_LOADED  # RE2 (a dependency), loaded when first needed; None: not there

NON_ASCII = "\\x{80}-\\x{10FFFF}"  # inside an RE2 class: every character above ASCII

# Importing RE2 costs 2.5 ms, what `re` takes to scan about 200,000 characters three ways:
# a run scans with `re` until it has read that much, then with RE2 (a one-file run never
# loads it, an archive after a few files). Both give the same lines (the tests hold them).
AUTOMATON_AFTER = 200_000
_read_by_re = 0


def automaton_pays(characters: int) -> bool:
    """Whether to scan a text of `characters` with RE2 (True), or with `re` (False)."""
    global _read_by_re
    if _read_by_re >= AUTOMATON_AFTER:
        return True
    _read_by_re += characters
    return False


def _engine() -> Any:  # noqa: ANN401 (re2 is untyped)
    global _re2
    if _re2 is _NOT_LOADED:
        _re2 = None
        with contextlib.suppress(ImportError):
            _re2 = importlib.import_module("re2")  # see AUTOMATON_AFTER
    return _re2


class LineScan:
    """`pattern` and an RE2 `source` matching on the same lines (on more: `superset`).
    Neither may match a line break or see past one: each line is a line of its own."""

    def __init__(self, pattern: re.Pattern[str], source: str, *, superset: bool = False) -> None:
        self.pattern = pattern
        self.source = source
        self.superset = superset
        self._automaton: Any = None

    def numbers(self, data: bytes) -> list[int] | None:
        """1-based numbers of the lines of the UTF-8 text `data` that `source` matches on
        (None without RE2). A line break is `\\r\\n`, `\\r` or `\\n`, as Text splits."""
        automaton = self._compiled()
        if automaton is None:
            return None
        if b"\r" in data:  # the same lines, each ended by `\n` (no pattern matches a break)
            data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        count = data.count
        found: list[int] = []
        number, counted = 1, 0
        # One iterator over the matches: each search call through the wrapper costs more
        # than the automaton's own run over a line. No match starts at the break after a
        # run (none matches a line break), so each takes up at the next matching line.
        for match in automaton.finditer(data):
            start, end = match.span()  # a run of lines, each matched on
            number += count(b"\n", counted, start)
            lines = count(b"\n", start, end)
            found.extend(range(number, number + lines + 1))
            number += lines
            counted = end
        return found

    def _compiled(self) -> Any:  # noqa: ANN401 (re2 is untyped)
        re2 = _engine()
        if re2 is None:
            return None
        if self._automaton is None:
            options = re2.Options()
            options.log_errors = False
            # Consecutive lines in one match (the table of contents' tab lines are many):
            # a line holding what `source` matches, and the lines right after that do too.
            line = f"[^\\n]*(?:{self.source})[^\\n]*"
            self._automaton = re2.compile(f"{line}(?:\\n{line})*", options)
        return self._automaton


def automaton_class(characters: str) -> str:
    """A character class of Python's `re` (`[...]`, its characters written as themselves,
    `-` for ranges) in RE2's syntax: every character but printable ASCII escaped."""
    return "".join(c if " " < c < "\x7f" else f"\\x{{{ord(c):x}}}" for c in characters)
