"""The rules' texts in Danish and English, read from the TOML file beside each rule module.

Read here rather than in the rules package, which imports the rule base: the base asks for
texts without importing the rules, so the two never import each other. The parsed texts are
kept beside the files (input/packaged.py), so a run reads them in a fraction of a millisecond
instead of parsing every rule's TOML.
"""

from __future__ import annotations

from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from referat_lint.input.packaged import packaged


def _sources() -> list[Path]:
    spec = find_spec("referat_lint.rules")  # the folder, without running the package
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    return [path for folder in folders for path in sorted(Path(folder).glob("*.toml"))]


def read_toml_texts() -> dict[str, dict[str, dict[str, Any]]]:
    """The texts of each rule module's TOML file, by module name, parsed from the files."""
    import tomllib  # only when the kept copy is missing or stale

    return {path.stem: tomllib.loads(path.read_text("utf-8")) for path in _sources()}


@cache
def _texts_by_module() -> dict[str, dict[str, dict[str, Any]]]:
    sources = _sources()
    return packaged("rule-texts", sources, read_toml_texts) if sources else {}


def module_texts(module: str) -> dict[str, dict[str, Any]]:
    """The texts of the rules of one module (`referat_lint.rules.toc`), by rule name."""
    return _texts_by_module().get(module.rpartition(".")[2], {})


@cache
def rule_texts() -> dict[str, dict[str, Any]]:
    """Every rule's summary, explanation and messages by rule name, in Danish and English."""
    return {rule: data for module in _texts_by_module().values() for rule, data in module.items()}
