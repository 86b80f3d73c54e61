"""Patterns a project supplies (case-number formats, its own layout profiles, globs) run in
RE2, whose matching time is linear in the text whatever the pattern.

Python's `re` backtracks: `(\\d*)*x` or `(a|ab)*c` take exponential time on a line of the
wrong shape, and no syntactic guard catches every such pattern. RE2 has no back-references
and no look-around, so a pattern that needs them is refused with one line when the config
is read. Python's own syntax is kept where RE2 differs: `\\w`, `\\d` and `\\s` stay
Unicode-aware (RE2's are ASCII), so `\\w+` still matches `Møde`.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from referat_lint.input.regex_cache import regex

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

# Python's Unicode classes written as RE2 class contents.
_WORD = r"\pL\pN_"
_DIGIT = r"\p{Nd}"
_SPACE = (
    r"\t\n\x0b\f\r\x1c-\x1f \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}"
    r"\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
)
_CLASSES = {"w": _WORD, "d": _DIGIT, "s": _SPACE}
_FLAGS = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"))


class PatternError(ValueError):
    """A pattern RE2 cannot run; the message is one line for the user."""


def translate(pattern: str) -> str:
    """`pattern` with Python's Unicode `\\w`, `\\d`, `\\s` (and negations) spelled for RE2."""
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            escaped = pattern[index + 1]
            contents = _CLASSES.get(escaped.lower())
            if contents is None:
                out.append(char + escaped)
            elif escaped.islower():
                out.append(contents if in_class else f"[{contents}]")
            elif in_class:
                raise PatternError(f"\\{escaped} inside [...] is not supported; use [^...]")
            else:
                out.append(f"[^{contents}]")
            index += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            index += 1
            for opener in ("^", "]"):  # `[]` and `[^]` take `]` literally
                if pattern.startswith(opener, index):
                    out.append(opener)
                    index += 1
            continue
        if char == "]" and in_class:
            in_class = False
        out.append(char)
        index += 1
    return "".join(out)


@cache
def compiled(pattern: str, flags: int = 0) -> Any:  # noqa: ANN401 (re2 is untyped)
    """`pattern` compiled by RE2 with `re`'s flags; PatternError when RE2 cannot run it."""
    import re2  # type: ignore[import-untyped]

    inline = "".join(letter for flag, letter in _FLAGS if flags & flag)
    source = (f"(?{inline})" if inline else "") + translate(pattern)
    options = re2.Options()
    options.log_errors = False  # the reason comes back in the exception, once
    try:
        return _Linear(re2.compile(source, options))
    except re2.error as error:
        reason = error.args[0] if error.args else error
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise PatternError(
            f"{reason} (patterns run in RE2: no back-references or look-around)"
        ) from None


_SURROGATE = regex(r"[\ud800-\udfff]")  # escaped: the kept form holds no surrogate


def encodable(text: str) -> str:
    """`text` as RE2 can take it (UTF-8): a lone surrogate (a file name's undecodable byte)
    becomes U+FFFD, one character for one, so every offset stays where it was."""
    return _SURROGATE.sub("\ufffd", text) if not text.isascii() else text


class _Linear:
    """An RE2 pattern with `re.Pattern`'s methods the tool uses, for any `str`."""

    def __init__(self, regex: Any) -> None:  # noqa: ANN401 (re2 is untyped)
        self._regex = regex
        self.pattern: str = regex.pattern
        self.groupindex: dict[str, int] = dict(regex.groupindex)
        self.groups: int = regex.groups

    def match(self, text: str, *bounds: int) -> Any:  # noqa: ANN401
        return self._regex.match(encodable(text), *bounds)

    def search(self, text: str, *bounds: int) -> Any:  # noqa: ANN401
        return self._regex.search(encodable(text), *bounds)

    def fullmatch(self, text: str, *bounds: int) -> Any:  # noqa: ANN401
        return self._regex.fullmatch(encodable(text), *bounds)

    def finditer(self, text: str, *bounds: int) -> Any:  # noqa: ANN401
        return self._regex.finditer(encodable(text), *bounds)


def check(pattern: str) -> None:
    """Raise PatternError unless `pattern` compiles for RE2."""
    compiled(pattern)


def _glob_class(glob: str, start: int) -> tuple[str, int] | None:
    """The RE2 class for the `[...]` at `start` and the index after it; None when it is
    not closed (then `[` is literal, as in fnmatch)."""
    index = start + 1
    if index < len(glob) and glob[index] == "!":
        index += 1
    if index < len(glob) and glob[index] == "]":
        index += 1
    end = glob.find("]", index)
    if end < 0:
        return None
    body = glob[start + 1 : end]
    negate = body.startswith("!")
    body = body[1:] if negate else body
    escaped = body.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    escaped = escaped.replace("^", "\\^").replace("&", "\\&").replace("~", "\\~")
    return f"[{'^' if negate else ''}{escaped}]", end + 1


@cache
def glob_regex(glob: str) -> Any:  # noqa: ANN401 (re2 is untyped)
    """An fnmatch-style glob (`*`, `?`, `[...]`, `[!...]`) compiled by RE2: fnmatch's own
    translation needs atomic groups, which RE2 has not."""
    out = []
    index = 0
    while index < len(glob):
        char = glob[index]
        if char == "*":
            out.append(".*")
            while index + 1 < len(glob) and glob[index + 1] == "*":
                index += 1
        elif char == "?":
            out.append(".")
        elif char == "[" and (found := _glob_class(glob, index)) is not None:
            out.append(found[0])
            index = found[1]
            continue
        else:
            out.append(re.escape(char))
        index += 1
    return compiled(f"(?s:{''.join(out)})\\z")


_WILD = re.compile(r"[*?\[]")


@cache
def _matcher(glob: str) -> Callable[[str], bool]:
    """A test of names against `glob`: the common shapes (`.git`, `*.txt`) as string
    operations, the rest in RE2."""
    if not _WILD.search(glob):
        return glob.__eq__
    if glob.startswith("*") and not _WILD.search(glob, 1):
        suffix = glob[1:]
        return lambda name: name.endswith(suffix)
    try:
        regex = glob_regex(glob)
    except PatternError:  # a class RE2 cannot read, e.g. a reversed range: nothing matches
        return lambda name: False
    return lambda name: regex.fullmatch(name) is not None


def glob_match(name: str, glob: str) -> bool:
    """fnmatch.fnmatchcase(name, glob) in linear time."""
    return _matcher(glob)(name)
