"""The rules. Each module here declares `RULES` and has its texts in a TOML file of the same
name; adding a rule module means adding those two files and a line to MODULES below.
"""

from __future__ import annotations

from functools import cache
from types import ModuleType

from referat_lint.checking.rule import Rule
from referat_lint.checking.rule_texts import read_toml_texts, rule_texts
from referat_lint.rules import (
    case_numbers,
    characters,
    decisions,
    encoding,
    markup,
    meeting_dates,
    not_minutes,
    numbering,
    pdf,
    pdf_accessibility,
    publication,
    suppressions,
    toc,
)

__all__ = ["MODULES", "all_rules", "read_toml_texts", "rule_by_name_or_code", "rule_texts"]

# The registry: every rule module, in one plain list.
MODULES: tuple[ModuleType, ...] = (
    case_numbers,
    characters,
    decisions,
    encoding,
    markup,
    meeting_dates,
    not_minutes,
    numbering,
    pdf,
    pdf_accessibility,
    publication,
    suppressions,
    toc,
)


def _module_names() -> list[str]:
    """The names of the rule modules."""
    return sorted(module.__name__.rpartition(".")[2] for module in MODULES)


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule of every module in the registry, ordered by code."""
    rules: list[Rule] = [rule for module in MODULES for rule in getattr(module, "RULES", ())]
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
