"""Small modules and short functions: a module in lint/ has at most 400 lines, a function at
most 60 unless a comment on its def line or right above it says why."""

from __future__ import annotations

import ast
import re

from conftest import ROOT

MAX_MODULE = 400
MAX_FUNCTION = 60
_WHY = re.compile(r"#(?!\s*(?:noqa|type:)\b)\s*\w+")  # a comment with words, not only a pragma


def long_functions(source: str) -> list[tuple[str, int, int]]:
    """(name, line, length) of each function over the limit with no comment saying why."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        length = (node.end_lineno or node.lineno) - first + 1
        if length <= MAX_FUNCTION:
            continue
        above = lines[first - 2].strip() if first >= 2 else ""
        if _WHY.search(lines[node.lineno - 1]) or (above.startswith("#") and _WHY.match(above)):
            continue
        found.append((node.name, node.lineno, length))
    return found


def _modules() -> list:
    return sorted((ROOT / "lint").rglob("*.py"))


def test_no_module_in_lint_is_over_400_lines() -> None:
    sizes = {str(p.relative_to(ROOT)): len(p.read_text("utf-8").splitlines()) for p in _modules()}
    assert sizes
    assert {path: n for path, n in sizes.items() if n > MAX_MODULE} == {}


def test_no_function_in_lint_is_over_60_lines_without_a_reason() -> None:
    found = {
        str(p.relative_to(ROOT)): long
        for p in _modules()
        if (long := long_functions(p.read_text("utf-8")))
    }
    assert found == {}


def _function(length: int, comment: str = "", above: str = "") -> str:
    body = "".join(f"    x = {k}\n" for k in range(length - 1))
    return f"{above}def f():{comment}\n{body}"


def test_the_check_finds_a_long_function_and_accepts_one_that_says_why() -> None:
    assert long_functions(_function(60)) == []
    assert long_functions(_function(61)) == [("f", 1, 61)]
    assert long_functions(_function(61, "  # noqa: C901")) == [("f", 1, 61)]
    assert long_functions(_function(61, "  # one loop over every line: the hot path")) == []
    assert long_functions(_function(61, above="# the table reads best whole\n")) == []
    decorated = "@staticmethod\n" + _function(60)  # the decorator's line counts
    assert long_functions(decorated) == [("f", 2, 61)]
