"""The README stays true: its rule table comes from the rules, its commands match CI."""

from __future__ import annotations

from referat_lint.out.docs import END, START, with_table
from referat_lint.rules import all_rules

from conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")


def test_rule_table_is_current() -> None:
    assert START in README and END in README
    assert with_table(README, all_rules()) == README, (
        "run: python -m referat_lint.out.docs README.md"
    )


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    command = next(line for line in ci.splitlines() if "pytest" in line)
    assert f"\n{command}\n" in README


def test_config_example_is_valid() -> None:
    import tomllib

    from referat_lint.config import build_config

    section = README.split("## Configuration")[1].split("\n## ")[0]
    short, full = (part.split("```")[0] for part in section.split("```toml")[1:3])
    data = tomllib.loads(full)["tool"]["referat-lint"]
    config = build_config(data, all_rules(), None)
    assert config.rule_options["closed-item-content"] == {"title-only-bodies": ["Direktion*"]}
    assert build_config(tomllib.loads(short), all_rules(), None).lang == "da"
