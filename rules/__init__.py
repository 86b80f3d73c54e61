"""The rules. Each module here declares `RULES`; adding a rule means adding one file."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from referat_lint.rule import Rule


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
