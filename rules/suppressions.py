"""Document rule: an inline suppression comment that suppresses nothing.

The engine applies the comments (lint/checking/suppress.py) after every other rule has run, so it
makes this rule's findings; the rule is declared here for its code, texts and selection.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from referat_lint.checking.findings import Finding, Severity, Stage
from referat_lint.checking.rule import Context, Rule


def check_unused_suppression(ctx: Context) -> Iterator[Finding]:
    return iter(())  # found by the engine, which alone sees the other rules' findings


def message(selectors: tuple[str, ...]) -> tuple[str, dict[str, Any]]:
    """The message key and arguments for a comment that turned off `selectors` (none: all)."""
    return ("default", {"rules": ", ".join(selectors)}) if selectors else ("all", {})


RULES = [
    Rule(
        code="RL005",
        name="unused-suppression",
        stage=Stage.STRUCTURE,
        severity=Severity.WARNING,
        requires_minutes=False,
        check=check_unused_suppression,
    ),
]
