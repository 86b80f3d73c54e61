"""A guard for regular expressions from the config: refuse the shapes that backtrack
catastrophically, before the first file is checked.

Python's `re` has no timeout, so a pattern like `(\\d+)+-` can take minutes on one line.
The guard is a static check of the parsed pattern: short, no back-references, and no
repetition of something that can itself match in several lengths (`(a+)+`, `(a|ab)*`,
`(\\d{1,6})+`); a bounded repetition of it is allowed while the ways to match stay few.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

# A parsed pattern: re._parser.SubPattern, a private type the stubs do not describe.
Tree = Any
Node = Any  # an opcode's argument in it

MAX_LENGTH = 200
_MAX_WAYS = 10_000  # ways a bounded repetition of a variable part can split a string


def _parse(pattern: str) -> Tree:
    from re import _parser  # type: ignore[attr-defined]  # the stdlib's parser, untyped

    return _parser.parse(pattern)


def problem(pattern: str) -> str | None:
    """Why `pattern` may take super-linear time, or None. Assumes it compiles."""
    if len(pattern) > MAX_LENGTH:
        return f"longer than {MAX_LENGTH} characters"
    try:
        return _walk(_parse(pattern), 0)
    except RecursionError:
        return "nested too deeply"


def _walk(tree: Tree, depth: int) -> str | None:
    from re import _constants as c  # type: ignore[attr-defined]

    if depth > 20:
        return "nested too deeply"
    for op, value in tree:
        if op in (c.GROUPREF, c.GROUPREF_EXISTS):
            return "back-references are not allowed"
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            _low, high, body = value
            if high > 1 and op is not c.POSSESSIVE_REPEAT and _variable(body):
                if high == c.MAXREPEAT:
                    return "a repeated part that itself varies in length, like (a+)+"
                ways = _spread(body) ** high
                if ways > _MAX_WAYS:
                    return "a repeated part that varies in length, repeated too often"
        for child in _children(op, value):
            found = _walk(child, depth + 1)
            if found:
                return found
    return None


def _children(op: object, value: Node) -> list[Tree]:
    from re import _constants as c  # type: ignore[attr-defined]

    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        return [value[2]]
    if op is c.SUBPATTERN:
        return [value[3]]
    if op is c.BRANCH:
        return list(value[1])
    if op in (c.ASSERT, c.ASSERT_NOT):
        return [value[1]]
    if op is c.ATOMIC_GROUP:
        return [value]
    return []


def _variable(tree: Tree) -> bool:
    """Whether `tree` can match strings of different lengths, or one length in two ways."""
    from re import _constants as c  # type: ignore[attr-defined]

    low, high = tree.getwidth()
    if low != high:
        return True
    return any(op is c.BRANCH for op, _ in _flatten(tree))


def _spread(tree: Tree) -> int:
    low, high = tree.getwidth()
    return min(high, 1000) - low + 2


def _flatten(tree: Tree) -> Iterator[tuple[object, Node]]:
    for op, value in tree:
        yield op, value
        for child in _children(op, value):
            yield from _flatten(child)


def check(pattern: str) -> None:
    """Raise re.error for a pattern that does not compile or may be catastrophic."""
    re.compile(pattern)
    found = problem(pattern)
    if found:
        raise re.error(f"{found}; use fixed counts such as \\d{{4}} or possessive (a+)++")
