"""How the tool fits a repository of minutes: files that are not minutes, config files,
file discovery, severity in the text output, exit-code options."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import FIXTURES

MOJIBAKE_README = "# Noter\n\nEksempler på fejl: DrÃ¸ftet og pÃ¥ skal læses Drøftet og på.\n"


def copy(name: str, folder: Path, as_name: str | None = None) -> Path:
    target = folder / (as_name or name)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes((FIXTURES / name).read_bytes())
    return target


# --- 1. files that are not minutes -----------------------------------------------------


def test_a_readme_gets_one_info_note_and_does_not_fail(cli, tmp_path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(MOJIBAKE_README, "utf-8")
    run = cli(str(readme))
    assert run.code == 0
    assert run.out.splitlines() == [
        f"{readme}:1:1: info RL001 not-minutes file does not look like minutes: no known "
        "layout with agenda items fits",
        "No problems in 1 file. 1 note (info).",
    ]


def test_fix_leaves_a_readme_alone(cli, tmp_path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(MOJIBAKE_README, "utf-8")
    assert cli("--fix", str(readme)).code == 0
    assert readme.read_text("utf-8") == MOJIBAKE_README


def test_check_all_text_runs_the_encoding_rules_on_any_file(cli, tmp_path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(MOJIBAKE_README, "utf-8")
    run = cli("--check-all-text", str(readme))
    assert run.code == 1
    assert [line.split(" ")[2] for line in run.out.splitlines()[:-1]] == [
        "RL001",
        "RL101",
        "RL101",
    ]
    (tmp_path / ".referat-lint.toml").write_text("check-all-text = true\n", "utf-8")
    os.chdir(tmp_path)
    assert cli("README.md").out.count("RL101") == 2


def test_broken_minutes_still_fail(cli) -> None:
    run = cli(str(FIXTURES / "mojibake.txt"))
    assert run.code == 1 and run.out.count("RL101") == 4


# --- 2. configuration ---------------------------------------------------------------


def test_a_broken_pyproject_is_an_error_not_skipped(cli, tmp_path, monkeypatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.referat-lint]\nselect = ["RL1"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli(str(FIXTURES / "old_clean.txt"))
    assert run.code == 2
    assert run.err.count("\n") == 1
    assert run.err.startswith(f"referat-lint: error: {tmp_path}/pyproject.toml: invalid TOML")


def test_an_unreadable_config_is_an_error(cli, tmp_path, monkeypatch) -> None:
    config = tmp_path / ".referat-lint.toml"
    config.write_bytes(b"lang = '\xff'\n")
    monkeypatch.chdir(tmp_path)
    run = cli(str(FIXTURES / "old_clean.txt"))
    assert (run.code, run.err) == (
        2,
        f"referat-lint: error: {config}: config is not UTF-8\n",
    )


def test_config_errors_are_danish_with_lang_da(cli, tmp_path, monkeypatch) -> None:
    (tmp_path / ".referat-lint.toml").write_text("select = [\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("--lang", "da", str(FIXTURES / "old_clean.txt"))
    assert run.code == 2 and run.err.startswith("referat-lint: fejl: ")
    assert "ugyldig TOML" in run.err


@pytest.mark.parametrize(
    "text",
    [
        'ignore = ["missing-case-number"]\n',
        '[tool.referat-lint]\nignore = ["missing-case-number"]\n',
    ],
)
def test_referat_lint_toml_takes_both_forms(cli, tmp_path, monkeypatch, text) -> None:
    (tmp_path / ".referat-lint.toml").write_text(text, "utf-8")
    copy("new_defects.txt", tmp_path)
    monkeypatch.chdir(tmp_path)
    run = cli("new_defects.txt")
    assert "RL201" not in run.out and "RL401" in run.out


def test_referat_lint_toml_with_both_forms_is_an_error(cli, tmp_path, monkeypatch) -> None:
    (tmp_path / ".referat-lint.toml").write_text(
        'lang = "da"\n[tool.referat-lint]\nlang = "en"\n', "utf-8"
    )
    monkeypatch.chdir(tmp_path)
    run = cli(str(FIXTURES / "old_clean.txt"))
    assert run.code == 2 and "use one" in run.err


def test_referat_lint_toml_wins_over_pyproject_in_the_same_folder(
    cli, tmp_path, monkeypatch
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.referat-lint]\nlang = "da"\n', "utf-8")
    (tmp_path / ".referat-lint.toml").write_text('lang = "en"\n', "utf-8")
    copy("new_defects.txt", tmp_path)
    monkeypatch.chdir(tmp_path)
    assert "has no case number" in cli("new_defects.txt").out
    assert "mangler sagsnummer" in cli("--lang", "da", "new_defects.txt").out  # CLI wins


# --- 3. file discovery --------------------------------------------------------------


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git-like repository: minutes, ignored folders, a virtual environment."""
    (tmp_path / ".git" / "info").mkdir(parents=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("privat/\n", "utf-8")
    (tmp_path / ".gitignore").write_text("arkiv-gammel/\n*.bak.txt\n!vigtig.bak.txt\n", "utf-8")
    copy("new_defects.txt", tmp_path, "referater/2025/kultur.txt")
    copy("new_defects.txt", tmp_path, "referater/2025/kultur.bak.txt")
    copy("new_defects.txt", tmp_path, "referater/2025/vigtig.bak.txt")
    copy("new_defects.txt", tmp_path, "arkiv-gammel/gammel.txt")
    copy("new_defects.txt", tmp_path, "privat/udkast.txt")
    copy("new_defects.txt", tmp_path, ".venv/lib/site-packages/x/LICENSE.txt")
    copy("new_defects.txt", tmp_path, "referat_lint.egg-info/SOURCES.txt")
    copy("new_defects.txt", tmp_path, "node_modules/x/README.md")
    copy("new_defects.txt", tmp_path, ".pytest_cache/README.md")
    copy("new_defects.txt", tmp_path, "kladder/kladde.txt")
    (tmp_path / "referater" / ".gitignore").write_text("2025/kladde-*.txt\n", "utf-8")
    copy("new_defects.txt", tmp_path, "referater/2025/kladde-1.txt")
    return tmp_path


def checked_paths(run) -> list[str]:
    return sorted({line.split(":")[0] for line in run.out.splitlines()[:-1]})


def test_walk_respects_gitignore_and_skips_tool_folders(cli, repository, monkeypatch) -> None:
    monkeypatch.chdir(repository)
    run = cli(".")
    assert checked_paths(run) == [
        "./kladder/kladde.txt",
        "./referater/2025/kultur.txt",
        "./referater/2025/vigtig.bak.txt",
    ]
    run = cli("--no-respect-gitignore", "--exclude", "kladder", ".")
    assert "./arkiv-gammel/gammel.txt" in checked_paths(run)
    assert "./.venv/lib/site-packages/x/LICENSE.txt" in checked_paths(run)  # exclude replaced


def test_exclude_and_extend_exclude(cli, repository, monkeypatch) -> None:
    monkeypatch.chdir(repository)
    assert checked_paths(cli("--extend-exclude", "kladder,vigtig.*", ".")) == [
        "./referater/2025/kultur.txt"
    ]
    assert checked_paths(cli("--extend-exclude", "referater/2025/*.txt", ".")) == [
        "./kladder/kladde.txt"
    ]
    (repository / ".referat-lint.toml").write_text('extend-exclude = ["kladder"]\n', "utf-8")
    assert checked_paths(cli(".")) == [
        "./referater/2025/kultur.txt",
        "./referater/2025/vigtig.bak.txt",
    ]


def test_named_files_are_checked_unless_force_exclude(cli, repository, monkeypatch) -> None:
    monkeypatch.chdir(repository)
    named = ["kladder/kladde.txt", "arkiv-gammel/gammel.txt", "referater/2025/kultur.txt"]
    (repository / ".referat-lint.toml").write_text('extend-exclude = ["kladder"]\n', "utf-8")
    assert checked_paths(cli(*named)) == sorted(named)
    assert checked_paths(cli("--force-exclude", *named)) == ["referater/2025/kultur.txt"]
    (repository / ".referat-lint.toml").write_text(
        'extend-exclude = ["kladder"]\nforce-exclude = true\n', "utf-8"
    )
    assert checked_paths(cli(*named)) == [
        "referat/2025/kultur.txt".replace("referat/", "referater/")
    ]


# --- 4. severity in the text output, exit codes -------------------------------------


def test_text_lines_carry_severity_and_fixable_marker(cli, tmp_path) -> None:
    path = str(FIXTURES / "mojibake.txt")
    first = cli(path).out.splitlines()[0]
    assert first == f"{path}:25:18: error RL101 mojibake [*] mis-decoded text `Ã¦`, should read `æ`"
    danish = cli("--lang", "da", path).out.splitlines()[0]
    assert danish.startswith(f"{path}:25:18: fejl RL101 mojibake [*] ")
    defects = str(FIXTURES / "new_defects.txt")
    assert cli(defects).out.splitlines()[0].startswith(f"{defects}:15:1: error RL201 ")


def test_statistics_counts_per_rule(cli) -> None:
    run = cli("--statistics", str(FIXTURES / "mojibake.txt"), str(FIXTURES / "toc_defects.txt"))
    lines = run.out.splitlines()
    assert lines[0] == "4  RL101  mojibake  [*]"
    assert "[*] fixable with --fix" in lines
    assert lines[-1].startswith("Found 9 problems in 2 of 2 files")
    assert run.code == 1


def test_show_fixes(cli, tmp_path) -> None:
    path = copy("mojibake.txt", tmp_path)
    run = cli("--show-fixes", str(path))
    assert "    -Godkendt med den Ã¦ndring, at cykelstien på Ã…vej prioriteres." in run.out
    assert "    +Godkendt med den ændring, at cykelstien på Åvej prioriteres." in run.out
    run = cli("--fix", "--show-fixes", str(path))
    assert run.out.splitlines() == [
        "Fixed 4 problems:",
        f"- {path}:",
        "    4 × RL101 (mojibake)",
        "Fixed 4 problems. No problems in 1 file.",
    ]


def test_exit_zero_and_fail_on(cli, tmp_path, monkeypatch) -> None:
    warnings_only = tmp_path / "w.txt"
    text = (FIXTURES / "new_clean.txt").read_text("utf-8")
    warnings_only.write_text(text.replace("prioriteres.", "prioriteres <b>nu</b>.", 1), "utf-8")
    run = cli(str(warnings_only))
    assert run.code == 1 and " warning RL004 " in run.out
    assert cli("--fail-on", "error", str(warnings_only)).code == 0
    assert cli("--fail-on", "error", str(FIXTURES / "new_defects.txt")).code == 1
    assert cli("--exit-zero", str(FIXTURES / "new_defects.txt")).code == 0
    assert cli("--exit-zero", str(tmp_path / "missing.txt")).code == 2
    (tmp_path / ".referat-lint.toml").write_text('fail-on = "error"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli("w.txt").code == 0
    (tmp_path / ".referat-lint.toml").write_text('fail-on = "info"\n', "utf-8")
    assert cli("w.txt").code == 2


# --- 8. baseline summary ------------------------------------------------------------


def test_baseline_summary_counts_what_it_left_out(cli, tmp_path, monkeypatch) -> None:
    copy("new_defects.txt", tmp_path)
    monkeypatch.chdir(tmp_path)
    cli("--write-baseline", "b.json", "new_defects.txt")
    run = cli("--baseline", "b.json", "new_defects.txt")
    assert (run.code, run.out) == (
        0,
        "No problems in 1 file. 2 known findings from the baseline left out.\n",
    )
    run = cli("--lang", "da", "--baseline", "b.json", "new_defects.txt")
    assert run.out == "Ingen problemer i 1 fil. 2 kendte fund fra baseline er udeladt.\n"


# --- 5. --diff ----------------------------------------------------------------------


def diff_hunks(diff: str) -> list[str]:
    lines = diff.split("\n")  # not splitlines(): a CRLF file's lines keep their CR
    return [line for line in lines if line[:1] in ("+", "-") and line[:3] not in ("---", "+++")]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("final", [True, False])
def test_diff_shows_only_changed_lines_and_patch_applies_it(
    cli, tmp_path, monkeypatch, newline, final
) -> None:
    import shutil
    import subprocess

    text = (FIXTURES / "mojibake.txt").read_text("utf-8").replace("\n", newline)
    if not final:
        text = text.rstrip(newline)
    (tmp_path / "m.txt").write_bytes(text.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    run = cli("--diff", "m.txt")
    assert run.code == 1
    changed = diff_hunks(run.out)
    # exactly the three damaged lines, each removed once and added once
    assert [line[0] for line in changed] == ["-", "+", "-", "+", "-", "+"]
    assert changed[1] == "+Godkendt med den ændring, at cykelstien på Åvej prioriteres." + (
        "\r" if newline == "\r\n" else ""
    )
    assert not any(line.strip() in {"-", "+", "-\r", "+\r"} for line in changed)  # no blank lines
    if shutil.which("patch") is None:
        pytest.skip("patch is not installed")
    (tmp_path / "fix.diff").write_text(run.out, "utf-8")
    applied = subprocess.run(
        ["patch", "-p1", "--quiet", "-i", "fix.diff"], cwd=tmp_path, capture_output=True
    )
    assert applied.returncode == 0, applied.stdout + applied.stderr
    expected = (FIXTURES / "new_clean.txt").read_text("utf-8").replace("\n", newline)
    if not final:
        expected = expected.rstrip(newline)
    assert (tmp_path / "m.txt").read_bytes() == expected.encode("utf-8")


def test_diff_hunks_stay_apart_and_count_right() -> None:
    from referat_lint.out.diff import unified_diff

    before = "".join(f"linje {n}\n" for n in range(1, 21))
    after = before.replace("linje 2\n", "LINJE 2\n").replace("linje 18\n", "LINJE 18\n")
    assert unified_diff(before, after, "x.txt").splitlines() == [
        "--- a/x.txt",
        "+++ b/x.txt",
        "@@ -1,5 +1,5 @@",
        " linje 1",
        "-linje 2",
        "+LINJE 2",
        " linje 3",
        " linje 4",
        " linje 5",
        "@@ -15,6 +15,6 @@",
        " linje 15",
        " linje 16",
        " linje 17",
        "-linje 18",
        "+LINJE 18",
        " linje 19",
        " linje 20",
    ]
    assert unified_diff(before, before, "x.txt") == ""


def test_force_exclude_ignores_folders_above_the_root(cli, tmp_path, monkeypatch) -> None:
    # A checkout that happens to live in a folder named like an excluded one ("build").
    root = tmp_path / "build" / "repo"
    copy("new_defects.txt", root, "referater/a.txt")
    (root / ".referat-lint.toml").write_text("force-exclude = true\n", "utf-8")
    monkeypatch.chdir(root)
    assert checked_paths(cli("referater/a.txt")) == ["referater/a.txt"]
    copy("new_defects.txt", root, "build/b.txt")
    assert checked_paths(cli("referater/a.txt", "build/b.txt")) == ["referater/a.txt"]
