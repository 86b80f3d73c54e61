"""The README's rule table, generated from the rules' own metadata.

`python -m referat_lint.docs README.md` rewrites the table in place; a test keeps it in step.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from .rule import Rule

START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def rule_table(rules: Sequence[Rule]) -> str:
    """A Markdown table: code, name, severity, fixable, English and Danish summary."""
    rows = [
        "| Code | Name | Severity | Fix | What it checks | Hvad den kontrollerer |",
        "|---|---|---|---|---|---|",
    ]
    for rule in rules:
        fix = "yes" if rule.fixable else ""
        rows.append(
            f"| {rule.code} | `{rule.name}` | {rule.severity.value} | {fix} | "
            f"{rule.summary['en']} | {rule.summary['da']} |"
        )
    return "\n".join(rows)


def with_table(readme: str, rules: Sequence[Rule]) -> str:
    """The README text with the part between the markers replaced by the current table."""
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{rule_table(rules)}\n{END}{tail}"


def main(argv: Sequence[str]) -> int:
    from .rules import all_rules

    path = Path(argv[0] if argv else "README.md")
    path.write_text(with_table(path.read_text("utf-8"), all_rules()), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
