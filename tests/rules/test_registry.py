"""The rule registry: every rule module is listed once, and only rule modules are."""

from __future__ import annotations

from pathlib import Path

from referat_lint import rules


def test_every_rule_module_is_in_the_registry() -> None:
    folder = Path(rules.__file__).parent
    files = sorted(p.stem for p in folder.glob("*.py") if not p.stem.startswith("_"))
    assert sorted(module.__name__.rpartition(".")[2] for module in rules.MODULES) == files
    assert all(module.RULES for module in rules.MODULES)


def test_each_rule_is_registered_once_under_its_module() -> None:
    registered = [rule for module in rules.MODULES for rule in module.RULES]
    assert len({rule.code for rule in registered}) == len(registered)
    assert sorted(registered, key=lambda rule: rule.code) == list(rules.all_rules())
