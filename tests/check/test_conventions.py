"""The conventions ruff and yamllint users expect: config per file, file matching, options."""

from __future__ import annotations

import json
import shutil

import pytest

from referat_lint.out.i18n import default_lang

from conftest import FIXTURES, ROOT

DEFECTS = "new_defects.txt"  # RL201 on line 15, RL401 on line 31


def _finding_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if " RL" in line]


@pytest.fixture
def kommune(tmp_path):
    """A folder with its own config below a working directory that has none."""
    folder = tmp_path / "kommune"
    (folder / "arkiv").mkdir(parents=True)
    shutil.copy(FIXTURES / DEFECTS, folder / "referat.txt")
    shutil.copy(FIXTURES / DEFECTS, folder / "arkiv" / "gammelt.txt")
    (folder / ".referat-lint.toml").write_text(
        'ignore = ["empty-decision"]\n\n[per-file-ignores]\n"arkiv/*" = ["missing-case-number"]\n',
        "utf-8",
    )
    return folder


def test_the_nearest_config_above_each_file_applies(cli, kommune) -> None:
    run = cli("kommune")  # from the parent, which has no config
    assert run.code == 1
    assert _finding_lines(run.out) == [
        "kommune/referat.txt:15:1: error RL201 missing-case-number item 1 (Tilskud til foreninger) has no case number"
    ]


def test_a_named_file_gets_its_folders_config_too(cli, kommune) -> None:
    run = cli("kommune/arkiv/gammelt.txt")
    assert run.code == 0 and _finding_lines(run.out) == []


def test_config_option_overrides_every_files_config(cli, kommune, tmp_path) -> None:
    other = tmp_path / "alt.toml"
    other.write_text('select = ["RL4"]\n', "utf-8")
    run = cli("--config", str(other), "kommune")
    assert [line.split(": ")[0] for line in _finding_lines(run.out)] == [
        "kommune/referat.txt:31:1",
        "kommune/arkiv/gammelt.txt:31:1",
    ]


def test_show_settings_names_the_config_and_its_settings(cli, kommune) -> None:
    run = cli("--show-settings", "kommune/arkiv/gammelt.txt")
    assert run.code == 0
    settings = json.loads(run.out)
    assert settings["config"] == str((kommune / ".referat-lint.toml").resolve())
    assert settings["root"] == str(kommune.resolve())
    assert settings["ignore"] == ["empty-decision"]
    assert settings["per-file-ignores"] == {"arkiv/*": ["missing-case-number"]}
    defaults = json.loads(cli("--show-settings", "elsewhere.txt").out)
    assert defaults["config"] == "(defaults)" and defaults["ignore"] == []


def test_show_files_lists_what_a_run_would_check(cli, kommune) -> None:
    (kommune / "noter.pdf").write_bytes(b"%PDF-1.4\n")
    run = cli("--show-files", "kommune")
    assert run.code == 0
    assert run.out.splitlines() == ["kommune/referat.txt", "kommune/arkiv/gammelt.txt"]


def test_config_errors_are_worded_in_the_chosen_language(cli, tmp_path) -> None:
    config = tmp_path / ".referat-lint.toml"
    config.write_text('ignor = ["RL1"]\n', "utf-8")
    run = cli("--lang", "da", str(FIXTURES / DEFECTS))
    assert run.code == 2
    assert run.err.endswith("ukendt nøgle 'ignor' (mente du 'ignore'?)\n"), run.err
    config.write_text("check-all-text = 'ja'\n", "utf-8")
    run = cli("--lang", "da", str(FIXTURES / DEFECTS))
    assert run.code == 2 and run.err.endswith("check-all-text: skal være true eller false\n")
    config.unlink()
    run = cli("--lang", "en", "--select", "mojibak", str(FIXTURES / DEFECTS))
    assert run.code == 2 and "(did you mean 'mojibake'?)" in run.err


def test_upper_case_extensions_are_minutes_too(cli, tmp_path) -> None:
    folder = tmp_path / "mappe"
    folder.mkdir()
    shutil.copy(FIXTURES / DEFECTS, folder / "REFERAT.TXT")
    run = cli("mappe")
    assert run.code == 1
    assert [line.split(": ")[0] for line in _finding_lines(run.out)] == [
        "mappe/REFERAT.TXT:15:1",
        "mappe/REFERAT.TXT:31:1",
    ]


def test_exclude_has_gitignore_semantics(cli, tmp_path) -> None:
    for name in ("arkiv/a.txt", "arkiv/2016/b.txt", "andet/arkiv/c.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / DEFECTS, tmp_path / name)
    # `*` stays within a folder, and a pattern with a slash is anchored at the config's folder
    (tmp_path / ".referat-lint.toml").write_text('extend-exclude = ["/arkiv/*.txt"]\n', "utf-8")
    assert cli("--show-files", ".").out.splitlines() == [
        "./andet/arkiv/c.txt",
        "./arkiv/2016/b.txt",
    ]
    (tmp_path / ".referat-lint.toml").write_text('extend-exclude = ["arkiv/"]\n', "utf-8")
    assert cli("--show-files", ".").out.splitlines() == []


def test_version_short_option(cli, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli("-V")
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("referat-lint ")


def test_abbreviated_options_are_errors(cli) -> None:
    run = cli("--list")
    assert run.code == 2 and "unrecognized arguments: --list" in run.err


def test_extend_select_adds_to_select(cli) -> None:
    path = str(FIXTURES / DEFECTS)
    assert [line.split()[2] for line in _finding_lines(cli("--select", "RL2", path).out)] == [
        "RL201"
    ]
    run = cli("--select", "RL2", "--extend-select", "empty-decision", path)
    assert [line.split()[2] for line in _finding_lines(run.out)] == ["RL201", "RL401"]


@pytest.fixture
def broken(tmp_path):
    path = tmp_path / "m.txt"
    shutil.copy(FIXTURES / "mojibake.txt", path)
    return path


def test_exit_non_zero_on_fix(cli, broken) -> None:
    assert cli("--select", "RL1", "--fix", "--exit-non-zero-on-fix", str(broken)).code == 1
    assert broken.read_bytes() == (FIXTURES / "new_clean.txt").read_bytes()
    assert cli("--select", "RL1", "--fix", "--exit-non-zero-on-fix", str(broken)).code == 0


def test_fix_only_reports_nothing_left(cli, tmp_path, broken) -> None:
    defects = tmp_path / "d.txt"
    shutil.copy(FIXTURES / DEFECTS, defects)
    run = cli("--fix-only", str(broken), str(defects))
    assert run.code == 0 and run.out == ""
    assert run.err == "Fixed 4 problems.\n"
    assert broken.read_bytes() == (FIXTURES / "new_clean.txt").read_bytes()


def test_format_auto_is_github_under_actions(cli, monkeypatch) -> None:
    path = str(FIXTURES / DEFECTS)
    assert cli(path).out.startswith(f"{path}:15:1: error RL201")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert cli(path).out.startswith("::error file=")
    assert cli("--format", "text", path).out.startswith(f"{path}:15:1:")


def test_force_color_colours_a_pipe(cli, monkeypatch) -> None:
    path = str(FIXTURES / DEFECTS)
    assert "\x1b[" not in cli(path).out
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[31m" in cli(path).out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in cli(path).out


@pytest.mark.parametrize(
    ("system", "lang"),
    [("da_DK", "da"), ("Danish_Denmark", "da"), ("en_US", "en"), ("", "en"), ("de_DE", "en")],
)
def test_language_from_the_system_locale_when_the_environment_is_silent(system, lang) -> None:
    assert default_lang({}, system=system) == lang
    assert default_lang({"LANG": "en_GB.UTF-8"}, system=system) == "en"


def test_glob_arguments_are_expanded(cli, tmp_path) -> None:
    for name in ("a.txt", "b.txt", "c.md"):
        shutil.copy(FIXTURES / DEFECTS, tmp_path / name)
    assert cli("--show-files", "*.txt").out.splitlines() == ["a.txt", "b.txt"]
    run = cli("--show-files", "nothing*.txt")
    assert run.code == 2 and run.out == ""


def test_quiet_shows_no_info_lines(cli) -> None:
    path = str(FIXTURES / "not_minutes.txt")
    assert _finding_lines(cli(path).out) != []
    run = cli("-q", path)
    assert run.code == 0 and run.out == "" and run.err == ""
    run = cli("-q", path, str(FIXTURES / DEFECTS))
    assert [line.split(": ")[0] for line in _finding_lines(run.out)] == [
        f"{FIXTURES / DEFECTS}:15:1",
        f"{FIXTURES / DEFECTS}:31:1",
    ]


def test_under_pre_commit_the_summary_names_the_fix_hook(cli, monkeypatch) -> None:
    path = str(FIXTURES / "mojibake.txt")
    assert "(4 fixable with --fix)" in cli(path).out
    monkeypatch.setenv("PRE_COMMIT", "1")
    assert "(4 fixable by the pre-commit hook referat-lint-fix)" in cli(path).out


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs patch")
def test_diff_applies_with_personal_data_and_control_characters_around(cli, tmp_path) -> None:
    """A context line with a CPR number or a control character is left out of the hunk; a
    change on a line with a CPR number (here one whose dash is itself mojibake) is counted,
    not shown, and `patch -p1` applies the rest."""
    lines = (FIXTURES / "new_clean.txt").read_text("utf-8").split("\n")
    decision = lines.index("Godkendt med den ændring, at cykelstien på Åvej prioriteres.")
    lines[decision] = "Godkendt med den Ã¦ndring, at cykelstien på Åvej prioriteres."
    lines.insert(decision, "Henvendelse fra borger med cpr-nr. 010190-1234 er besvaret.")
    lines.insert(decision + 2, "Bilag\x0bside 2 følger.")
    resume = lines.index("Forvaltningen har udarbejdet et udkast til en ny trafiksikkerhedsplan.")
    lines[resume] = "Forvaltningen har udarbejdet et udkast (borger 010190â€“1234) til en ny plan."
    path = tmp_path / "m.txt"
    path.write_text("\n".join(lines), "utf-8")
    run = cli("--diff", "m.txt")
    assert run.code == 1
    assert run.out.splitlines() == [
        "--- a/m.txt",
        "+++ b/m.txt",
        f"@@ -{decision + 2},1 +{decision + 2},1 @@",
        "-Godkendt med den Ã¦ndring, at cykelstien på Åvej prioriteres.",
        "+Godkendt med den ændring, at cykelstien på Åvej prioriteres.",
    ]
    assert run.err.splitlines()[-1] == (
        "--fix would fix 2 problems in 1 file. 1 change on a line with personal data not"
        " shown; run --fix. Found 3 problems in 1 of 1 file."
    )
    assert "1234" not in run.out + run.err
    (tmp_path / "fix.diff").write_text(run.out, "utf-8")
    import subprocess

    applied = subprocess.run(
        ["patch", "-p1", "-i", "fix.diff"], cwd=tmp_path, capture_output=True, check=False
    )
    assert applied.returncode == 0, applied.stdout + applied.stderr
    expected = list(lines)
    expected[decision + 1] = "Godkendt med den ændring, at cykelstien på Åvej prioriteres."
    assert path.read_text("utf-8") == "\n".join(expected)


GITLAB_SCHEMA = ROOT / "tests" / "out" / "data" / "schemas" / "gitlab-code-quality.schema.json"


def test_gitlab_code_quality_report_validates(cli, tmp_path) -> None:
    import jsonschema

    schema = json.loads(GITLAB_SCHEMA.read_text("utf-8"))
    shutil.copy(FIXTURES / DEFECTS, tmp_path / "a.txt")
    shutil.copy(FIXTURES / "not_minutes.txt", tmp_path / "b.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    run = cli("--format", "gitlab", "a.txt", "b.txt", "empty.txt")
    assert run.code == 1
    issues = json.loads(run.out)
    jsonschema.Draft202012Validator(schema).validate(issues)
    assert [
        (i["check_name"], i["severity"], i["location"]["path"], i["location"]["lines"]["begin"])
        for i in issues
    ] == [
        ("RL201 missing-case-number", "major", "a.txt", 15),
        ("RL401 empty-decision", "major", "a.txt", 31),
        ("RL001 not-minutes", "info", "b.txt", 1),
        ("referat-lint", "minor", "empty.txt", 1),
    ]
    assert len({issue["fingerprint"] for issue in issues}) == 4
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate([{**issues[0], "severity": "error"}])


def test_diff_summary_says_what_would_change_not_no_problems(cli, tmp_path) -> None:
    path = tmp_path / "m.txt"
    path.write_text(
        "REFERAT Eksempeludvalget d. 18-10-2023\n\nPunkt 1: Klage\n\nSagsnr.: 2023-000123\n\n"
        "Beslutning\n\nKlagen blev <b>afvist</b>.\n",
        "utf-8",
    )
    run = cli("--no-cache", "--select", "markup-residue", "--diff", str(path))
    assert run.code == 1
    assert run.err.splitlines()[-1] == "--fix would fix 1 problem in 1 file."
