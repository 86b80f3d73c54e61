"""Shared helpers: where fixtures and the real seeds are, and how to run the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest

from referat_lint.cli import main
from referat_lint.config import Config
from referat_lint.engine import analyze
from referat_lint.rules import all_rules
from referat_lint.source import decode

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"


def seed(prefix: str) -> Path:
    """The real seed file whose name starts with `prefix`; skips when seeds are absent."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"no seed {prefix}")
    return matches[0]


def findings_of(data: bytes | str, config: Config | None = None, path: str | None = None):
    """Findings of all rules on some text or bytes."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return analyze(decode(raw), all_rules(), config or Config(), path).findings


def rule_lines(findings: Iterable) -> list[tuple[str, int]]:
    """(rule, line) of each finding, in report order."""
    return [(f.rule, f.span.line) for f in findings]


class CliRun:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def json(self) -> dict:
        return json.loads(self.out)


@pytest.fixture
def cli(capsys, monkeypatch, tmp_path):
    """Run referat-lint in-process: cli(*args) -> CliRun(code, out, err)."""
    monkeypatch.chdir(tmp_path)  # the cache folder and config search start here
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    for variable in ("GITHUB_ACTIONS", "FORCE_COLOR", "NO_COLOR", "PRE_COMMIT"):
        monkeypatch.delenv(variable, raising=False)  # they choose the format and wording

    def run(*args: str) -> CliRun:
        code = main(list(args))
        captured = capsys.readouterr()
        return CliRun(code, captured.out, captured.err)

    return run
