"""Shared helpers: where fixtures and real minutes are, and how to run the CLI."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from referat_lint.checking.engine import analyze
from referat_lint.cli import main
from referat_lint.config import Config
from referat_lint.input.source import decode
from referat_lint.rules import all_rules

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
# Real minutes of the FirstAgenda export family, beside the checkout, read at run time.
REAL_MINUTES = ROOT.parent / "shared" / "seeds"


def real_minutes(prefix: str) -> Path:
    """The real minutes whose file name starts with `prefix`; skips when they are absent."""
    if not REAL_MINUTES.is_dir():
        pytest.skip(f"the real minutes ({REAL_MINUTES}) are not present")
    matches = sorted(REAL_MINUTES.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"no real minutes {prefix}")
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


TEST_FOLDERS = ("input", "document", "rules", "check", "out", "e2e")
E2E = Path(__file__).resolve().parent / "e2e"

# A few tests borrow another test module's helpers (`from test_pdf import defective_pdf`):
# every test folder is importable, as the one folder of tests was.
sys.path.extend(
    str(folder) for folder in sorted(E2E.parent.iterdir()) if folder.name in TEST_FOLDERS
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/e2e is `slow` (pre-commit, the browser, real documents):
    `pytest -m "not slow"` is the quick run while editing; plain `pytest` runs all."""
    for item in items:
        if E2E in item.path.parents:
            item.add_marker(pytest.mark.slow)
