"""The rules. Each module here declares `RULES` and has its texts in a TOML file of the same
name; adding a rule module means adding those two files (and running `python -m
referat_lint.rules` to compile the texts).
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from functools import cache
from pathlib import Path

from referat_lint.checking.rule import Rule

# The texts of every rule, compiled from the TOML files beside the modules: reading the JSON
# takes a tenth of a millisecond, importing and running a TOML parser over a dozen (ms).
COMPILED = Path(__file__).with_name("texts.json")


def _module_names() -> list[str]:
    """The modules of this package."""
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule of every module in this package, ordered by code."""
    rules: list[Rule] = []
    for name in _module_names():
        module = importlib.import_module(f"{__name__}.{name}")
        rules.extend(getattr(module, "RULES", ()))
    rules.sort(key=lambda rule: rule.code)
    for attribute in ("code", "name"):
        values = [getattr(rule, attribute) for rule in rules]
        duplicates = {value for value in values if values.count(value) > 1}
        if duplicates:
            raise RuntimeError(f"rule {attribute}s used twice: {sorted(duplicates)}")
    return tuple(rules)


def rule_by_name_or_code(key: str) -> Rule | None:
    """Look a rule up by its kebab-case name or its code (case-insensitive)."""
    key = key.strip()
    return next(
        (rule for rule in all_rules() if key == rule.name or key.upper() == rule.code), None
    )


@cache
def rule_texts() -> dict[str, dict]:
    """Every rule's summary, explanation and messages by rule name, in Danish and English."""
    return json.loads(COMPILED.read_text("utf-8"))


def read_toml_texts() -> dict[str, dict[str, dict]]:
    """The texts of each rule module's TOML file, by module name."""
    import tomllib

    return {
        name: tomllib.loads(Path(folder, f"{name}.toml").read_text("utf-8"))
        for folder in __path__
        for name in _module_names()
        if Path(folder, f"{name}.toml").exists()
    }


def write_compiled() -> None:
    """Write texts.json from the TOML files (run after editing a rule's texts)."""
    texts = {rule: data for module in read_toml_texts().values() for rule, data in module.items()}
    COMPILED.write_text(json.dumps(texts, ensure_ascii=False, indent=1) + "\n", "utf-8")
