"""The rules' texts in Danish and English, read from the TOML file beside each rule module.

Read here rather than in the rules package, which imports the rule base: the base asks for
texts without importing the rules, so the two never import each other.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any


def read_toml_texts() -> dict[str, dict[str, dict[str, Any]]]:
    """The texts of each rule module's TOML file, by module name."""
    spec = find_spec("referat_lint.rules")  # the folder, without running the package
    folders = spec.submodule_search_locations if spec is not None else None
    return {
        path.stem: tomllib.loads(path.read_text("utf-8"))
        for folder in folders or ()
        for path in sorted(Path(folder).glob("*.toml"))
    }


@cache
def rule_texts() -> dict[str, dict[str, Any]]:
    """Every rule's summary, explanation and messages by rule name, in Danish and English."""
    return {rule: data for module in read_toml_texts().values() for rule, data in module.items()}
