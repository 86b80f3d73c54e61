"""The published hooks, run by the real pre-commit (`try-repo` on this checkout)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists() or not PRE_COMMIT.exists(),
    reason="needs git, a git checkout and pre-commit",
)


@pytest.fixture(scope="module")
def minutes_repo(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A git repository of minutes, and an environment with its own pre-commit cache."""
    repo = tmp_path_factory.mktemp("minutes")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "LANG": "C.UTF-8",
    }
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    for name in ("old_clean.txt", "new_defects.txt", "mojibake.txt"):
        shutil.copy(FIXTURES / name, repo / name)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    return repo, env


def try_repo(
    repo: Path, env: dict[str, str], hook: str, *names: str
) -> subprocess.CompletedProcess:
    """Run `hook` from this checkout on `names` (every file in the repository if none)."""
    files = ["--files", *names] if names else ["--all-files"]
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), hook, *files],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_bad_minutes_fail_the_hook(minutes_repo) -> None:
    repo, env = minutes_repo
    run = try_repo(repo, env, "referat-lint", "new_defects.txt")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "new_defects.txt:15:1: error RL201 missing-case-number" in run.stdout


def test_clean_minutes_pass_the_hook(minutes_repo) -> None:
    repo, env = minutes_repo
    run = try_repo(repo, env, "referat-lint", "old_clean.txt")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Passed" in run.stdout


def test_fix_hook_repairs_and_fails_once(minutes_repo) -> None:
    repo, env = minutes_repo
    run = try_repo(repo, env, "referat-lint-fix", "mojibake.txt")
    assert run.returncode == 1  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in run.stdout
    assert (repo / "mojibake.txt").read_bytes() == (FIXTURES / "new_clean.txt").read_bytes()


def test_pdf_hook_checks_a_published_pdf(minutes_repo) -> None:
    from test_pdf import defective_pdf

    repo, env = minutes_repo
    (repo / "referat.pdf").write_bytes(defective_pdf())
    subprocess.run(["git", "add", "referat.pdf"], cwd=repo, check=True, env=env)
    run = try_repo(repo, env, "referat-lint-pdf", "referat.pdf")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "referat.pdf:p4:51:1: error RL502 pdf-no-text-layer" in run.stdout


def test_only_the_minutes_fail_in_a_repository_with_other_files(tmp_path_factory) -> None:
    """A README (with deliberate mojibake examples), a notes file and broken minutes: the hook
    fails on the minutes alone, and leaves the README and the notes untouched."""
    repo = tmp_path_factory.mktemp("archive")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home-2")),
        "LANG": "C.UTF-8",
    }
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    readme = "# Referater\n\nTypiske fejl: `DrÃ¸ftet` for Drøftet og `pÃ¥` for på.\n"
    notes = "Noter til mødet\n\nHusk at sende referatet til arkivet.\n"
    (repo / "README.md").write_text(readme, "utf-8")
    (repo / "noter.txt").write_text(notes, "utf-8")
    (repo / "referater").mkdir()
    shutil.copy(FIXTURES / "new_defects.txt", repo / "referater" / "kultur-2025-11-05.txt")
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    for hook in ("referat-lint", "referat-lint-fix"):
        run = try_repo(repo, env, hook)
        assert run.returncode == 1, run.stdout + run.stderr
        findings = [line for line in run.stdout.splitlines() if ": error RL" in line]
        findings += [line for line in run.stdout.splitlines() if ": warning RL" in line]
        assert findings and all(
            line.startswith("referater/kultur-2025-11-05.txt:") for line in findings
        ), run.stdout
        assert "files were modified by this hook" not in run.stdout
        assert (repo / "README.md").read_text("utf-8") == readme
        assert (repo / "noter.txt").read_text("utf-8") == notes
    run = try_repo(repo, env, "referat-lint", "README.md", "noter.txt")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Passed" in run.stdout


def test_hooks_run_as_one_process() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert [hook["id"] for hook in hooks if hook.get("require_serial") is not True] == []


def test_a_commit_gets_one_summary_naming_the_fix_hook(tmp_path_factory) -> None:
    """Many files in one commit: one process, so one summary, and what the fix hook would
    repair is credited to it, not to an option."""
    repo = tmp_path_factory.mktemp("many")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home-3")),
        "LANG": "C.UTF-8",
    }
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    for number in range(8):
        shutil.copy(FIXTURES / "mojibake.txt", repo / f"referat-{number}.txt")
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    run = try_repo(repo, env, "referat-lint")
    assert run.returncode == 1, run.stdout + run.stderr
    summaries = [line for line in run.stdout.splitlines() if line.startswith("Found ")]
    assert summaries == [
        "Found 32 problems in 8 of 8 files (32 fixable by the pre-commit hook referat-lint-fix)."
    ], run.stdout
