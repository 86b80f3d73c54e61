"""The rules' texts in Danish and English, read from the TOML file beside each rule module.

Read here rather than in the rules package, which imports the rule base: the base asks for
texts without importing the rules, so the two never import each other. A rule's texts come
from its own module's file, read on first use: a run that reports two rules parses one or
two small files, not every rule's.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any


def _folders() -> list[str]:
    spec = find_spec("referat_lint.rules")  # the folder, without running the package
    return list(spec.submodule_search_locations or ()) if spec is not None else []


def read_toml_texts() -> dict[str, dict[str, dict[str, Any]]]:
    """The texts of each rule module's TOML file, by module name."""
    return {
        path.stem: tomllib.loads(path.read_text("utf-8"))
        for folder in _folders()
        for path in sorted(Path(folder).glob("*.toml"))
    }


@cache
def module_texts(module: str) -> dict[str, dict[str, Any]]:
    """The texts of the rules of one module (`referat_lint.rules.toc`), by rule name."""
    name = module.rpartition(".")[2]
    for folder in _folders():
        path = Path(folder, f"{name}.toml")
        if path.is_file():
            return tomllib.loads(path.read_text("utf-8"))
    return {}


@cache
def rule_texts() -> dict[str, dict[str, Any]]:
    """Every rule's summary, explanation and messages by rule name, in Danish and English."""
    return {rule: data for module in read_toml_texts().values() for rule, data in module.items()}
