"""The command line: exit codes, bad input, --fix, --diff, stdin, formats, selection."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from conftest import EXAMPLES, FIXTURES

REPORT_SCHEMA = json.loads(
    resources.files("referat_lint.schema").joinpath("report.schema.json").read_text("utf-8")
)


def valid_report(text: str) -> dict:
    """Parse a JSON report and validate it against schema/report.schema.json."""
    data = json.loads(text)
    jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(data)
    return data


def copy(name: str, folder: Path) -> Path:
    target = folder / name
    target.write_bytes((FIXTURES / name).read_bytes())
    return target


def test_clean_file_exits_0(cli) -> None:
    run = cli(str(FIXTURES / "old_clean.txt"))
    assert (run.code, run.out, run.err) == (0, "No problems in 1 file.\n", "")


def test_findings_exit_1_with_one_line_each(cli) -> None:
    path = str(FIXTURES / "new_defects.txt")
    run = cli(path)
    assert run.code == 1
    assert run.out.splitlines() == [
        f"{path}:15:1: error RL201 missing-case-number item 1 (Tilskud til foreninger) has no case number",
        f"{path}:31:1: error RL401 empty-decision the decision on item 2 (Bibliotekets åbningstider) "
        "is empty",
        "Found 2 problems in 1 of 1 file.",
    ]


def test_danish_messages(cli) -> None:
    run = cli("--lang", "da", str(FIXTURES / "new_defects.txt"))
    assert "punkt 1 (Tilskud til foreninger) mangler sagsnummer" in run.out
    assert run.out.endswith("Fandt 2 problemer i 1 af 1 fil.\n")


def test_lang_defaults_to_danish_locale(cli, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    assert "mangler sagsnummer" in cli(str(FIXTURES / "new_defects.txt")).out


def test_bad_inputs_each_get_one_line_and_the_rest_is_checked(cli, tmp_path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04")
    unreadable = tmp_path / "locked.txt"
    unreadable.write_text("Punkt 1: x\n", "utf-8")
    unreadable.chmod(0)
    (tmp_path / "nothing-here").mkdir()
    good = copy("new_defects.txt", tmp_path)
    run = cli(
        str(tmp_path / "missing.txt"),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "binary.txt"),
        str(unreadable),
        str(tmp_path / "nothing-here"),
        str(good),
    )
    errors = run.err.splitlines()
    assert "Traceback" not in run.err
    assert errors[0] == f"referat-lint: error: {tmp_path}/missing.txt: no such file or folder"
    assert errors[1] == f"referat-lint: warning: {tmp_path}/empty.txt: empty file, nothing to check"
    assert errors[2].startswith(f"referat-lint: error: {tmp_path}/binary.txt: binary file")
    if os.geteuid() != 0:  # root reads anything
        assert errors[3] == f"referat-lint: error: {unreadable}: cannot read: Permission denied"
    assert errors[-1].startswith(f"referat-lint: warning: {tmp_path}/nothing-here: no minutes")
    assert f"{good}:15:1: error RL201" in run.out
    assert run.code == 2


def test_too_large_file_is_refused(cli, tmp_path) -> None:
    config = tmp_path / ".referat-lint.toml"
    config.write_text("max-file-size = 10\n", "utf-8")
    path = copy("old_clean.txt", tmp_path)
    run = cli("--config", str(config), str(path))
    assert run.code == 2
    assert "file too large" in run.err


def test_folder_is_walked_for_txt_and_md(cli, tmp_path) -> None:
    copy("old_clean.txt", tmp_path)
    copy("markdown_clean.md", tmp_path)
    (tmp_path / "notes.rst").write_text("Punkt 1: x\n", "utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Punkt 1: x\n", "utf-8")
    run = cli("--format", "json", str(tmp_path))
    paths = [Path(f["path"]).name for f in valid_report(run.out)["files"]]
    assert paths == ["markdown_clean.md", "old_clean.txt"]
    assert run.code == 0


def test_fix_repairs_mojibake_in_place_and_only_that(cli, tmp_path) -> None:
    path = copy("mojibake.txt", tmp_path)
    path.chmod(0o640)
    run = cli("--fix", str(path))
    assert run.code == 0
    assert path.read_bytes() == (FIXTURES / "new_clean.txt").read_bytes()
    assert oct(path.stat().st_mode & 0o777) == "0o640"
    assert [p.name for p in tmp_path.iterdir()] == ["mojibake.txt"]  # no temp files left
    second = cli("--fix", str(path))
    assert second.code == 0 and path.read_bytes() == (FIXTURES / "new_clean.txt").read_bytes()


def test_fix_keeps_crlf_and_missing_final_newline(cli, tmp_path) -> None:
    text = (FIXTURES / "mojibake.txt").read_bytes().replace(b"\n", b"\r\n").rstrip(b"\r\n")
    path = tmp_path / "m.txt"
    path.write_bytes(text)
    assert cli("--fix", str(path)).code == 0
    expected = (FIXTURES / "new_clean.txt").read_bytes().replace(b"\n", b"\r\n").rstrip(b"\r\n")
    assert path.read_bytes() == expected


def test_fix_reports_what_remains_and_exits_1(cli, tmp_path) -> None:
    # A lossy word with no known reading stays, reported with its best guess.
    path = tmp_path / "m.txt"
    path.write_text("Punkt 1: Test\n\nBeslutning\n\nGodkendt, qwÅ,rtz.\n", "utf-8")
    before = path.read_bytes()
    run = cli("--fix", str(path))
    assert run.code == 1
    assert run.out.count("RL102 mojibake-lossy") == 1
    assert "no known reading" in run.out
    assert path.read_bytes() == before  # nothing fixable: nothing written


def test_fix_repairs_the_lossy_pattern(cli, tmp_path) -> None:
    path = copy("lossy.txt", tmp_path)
    run = cli("--fix", str(path))
    assert run.code == 0, run.out
    expected = (FIXTURES / "lossy.txt").read_text("utf-8")
    for damaged, repaired in [
        ("drÅ,ftes pÅ¥ mÅ, det", "drøftes på mødet"),
        ("berÅ, rt", "berørt"),
    ]:
        expected = expected.replace(damaged, repaired)
    assert path.read_text("utf-8") == expected
    assert "Skjern Å, der" in expected


def test_fix_rewrites_cp1252_as_utf8(cli, tmp_path) -> None:
    path = tmp_path / "cp.txt"
    path.write_bytes((FIXTURES / "old_clean.txt").read_text("utf-8").encode("cp1252"))
    run = cli("--fix", str(path))
    assert run.code == 0, run.out
    assert path.read_bytes() == (FIXTURES / "old_clean.txt").read_bytes()


def test_diff_prints_and_writes_nothing(cli, tmp_path) -> None:
    path = copy("mojibake.txt", tmp_path)
    before = path.read_bytes()
    run = cli("--diff", str(path))
    assert run.code == 1
    assert "-Punkt 2: Vinterberedskab pÃ¥ kommunens veje" in run.out
    assert "+Punkt 2: Vinterberedskab på kommunens veje" in run.out
    assert path.read_bytes() == before


def test_stdin_fix_writes_repaired_text_to_stdout() -> None:
    data = (FIXTURES / "mojibake.txt").read_bytes()
    run = subprocess.run(
        [sys.executable, "-m", "referat_lint.cli", "--fix", "-"],
        input=data,
        capture_output=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == (FIXTURES / "new_clean.txt").read_bytes()
    assert b"Fixed 4 problems." in run.stderr


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"REFERAT\x00" + bytes(range(256)), "-: binary file (contains NUL bytes)"),
        (b"\xff\xfe\x00", "-: starts with a utf-16 BOM but is not utf-16"),
        (b"\n\n", "-: empty file, nothing to check"),
    ],
)
def test_stdin_fix_passes_on_what_it_cannot_check(data, problem) -> None:
    # A filter never loses its input: an editor replaces its buffer with stdout.
    run = subprocess.run(
        [sys.executable, "-m", "referat_lint.cli", "--fix", "-"],
        input=data,
        capture_output=True,
        check=False,
    )
    assert run.stdout == data
    assert problem in run.stderr.decode()
    assert run.returncode == (0 if data.strip() == b"" else 2)


def test_stdin_check_with_filename(cli, monkeypatch) -> None:
    import io

    data = (FIXTURES / "new_defects.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    run = cli("--stdin-filename", "udvalg.txt", "-")
    assert run.out.startswith("udvalg.txt:15:1: error RL201")


def test_json_report_validates_and_counts(cli) -> None:
    run = cli("--format", "json", str(FIXTURES / "mojibake.txt"), str(FIXTURES / "toc_defects.txt"))
    data = valid_report(run.out)
    assert data["summary"]["diagnostics"] == 9
    assert data["summary"]["fixable"] == 4
    first = data["files"][0]["diagnostics"][0]
    assert first["rule"] == "mojibake" and first["fixable"] is True
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (
        25,
        18,
        25,
        20,
    )


def test_json_report_with_errors_validates(cli, tmp_path) -> None:
    (tmp_path / "b.txt").write_bytes(b"\x00")
    run = cli("--format", "json", str(tmp_path / "b.txt"), str(tmp_path / "nope.txt"))
    data = valid_report(run.out)
    assert [f["error"]["fatal"] for f in data["files"]] == [True, True]


def test_output_file(cli, tmp_path) -> None:
    out = tmp_path / "report.json"
    run = cli("--format", "json", "--output", str(out), str(FIXTURES / "new_defects.txt"))
    assert run.code == 1 and run.out == ""
    assert valid_report(out.read_text("utf-8"))["summary"]["diagnostics"] == 2


def test_select_and_ignore(cli) -> None:
    path = str(FIXTURES / "toc_defects.txt")
    assert cli("--select", "RL3", "--ignore", "toc-page-order,RL302", path).out.count(" RL3") == 3
    assert cli("--select", "empty-decision", path).code == 0


def test_unknown_rule_is_a_usage_error(cli) -> None:
    run = cli("--select", "no-such-rule", str(FIXTURES / "old_clean.txt"))
    assert run.code == 2
    assert (
        run.err
        == "referat-lint: error: --select: no rule matches 'no-such-rule' (see --list-rules)\n"
    )


def test_bad_option_is_a_usage_error(cli) -> None:
    run = cli("--format", "yaml", ".")
    assert run.code == 2 and run.err.count("\n") == 1 and "invalid choice" in run.err


def test_no_paths_is_a_usage_error(cli) -> None:
    assert cli().code == 2


def test_list_rules_and_explain(cli) -> None:
    listing = cli("--list-rules").out.splitlines()
    assert listing[0].startswith("RL001  not-minutes")
    assert any(line.startswith("RL101  mojibake ") and " fix " in line for line in listing)
    explained = cli("--explain", "RL303")
    assert explained.code == 0
    assert explained.out.startswith("toc-title-mismatch (RL303)")
    assert "Indholdsfortegnelsen" in cli("--lang", "da", "--explain", "toc-title-mismatch").out
    assert cli("--explain", "nonsense").code == 2


def test_color_only_on_a_tty(cli) -> None:
    assert "\x1b[" not in cli(str(FIXTURES / "new_defects.txt")).out


def test_config_errors_are_one_line_exit_2(cli, tmp_path) -> None:
    cases = {
        "selct = ['RL1']\n": "unknown key 'selct' (did you mean 'select'?)",
        "select = 'RL1'\n": "select: expected a list",
        "[rules.empty-decision]\nplaceholders = '-'\n": "rules.empty-decision.placeholders: expected list",
        "[rules.empty-decision]\nplacehold = []\n": "unknown option 'placehold'",
        "[rules.nope]\n": "unknown rule 'nope'",
        "[rules.empty-decisions]\n": "unknown rule 'empty-decisions' (did you mean 'empty-decision'?)",
        "ignore = ['mojibak']\n": "no rule matches 'mojibak' (did you mean 'mojibake'?)",
        "[severity]\nmojibake = 'fatal'\n": "severity.mojibake: 'fatal' is not one of error, warning, info",
        "fail-on = 'eror'\n": "fail-on: 'eror' is not one of error, warning (did you mean 'error'?)",
        "select = [\n": "invalid TOML",
        "[case-number-patterns]\nx = '('\n": "case-number-patterns.x: bad pattern",
    }
    for text, message in cases.items():
        config = tmp_path / ".referat-lint.toml"
        config.write_text(text, "utf-8")
        run = cli("--config", str(config), str(FIXTURES / "old_clean.txt"))
        assert run.code == 2, text
        assert run.err.count("\n") == 1 and message in run.err, run.err


def test_config_is_found_in_pyproject(cli, tmp_path, monkeypatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.referat-lint]\nignore = ["missing-case-number"]\n'
        '[tool.referat-lint.severity]\nempty-decision = "info"\n',
        "utf-8",
    )
    path = copy("new_defects.txt", tmp_path)
    monkeypatch.chdir(tmp_path)
    run = cli("--format", "json", path.name)
    [diagnostic] = valid_report(run.out)["files"][0]["diagnostics"]
    assert (diagnostic["rule"], diagnostic["severity"]) == ("empty-decision", "info")
    assert run.code == 0  # info findings do not fail the run


def test_per_file_ignores_and_case_number_patterns(cli, tmp_path, monkeypatch) -> None:
    text = (FIXTURES / "new_clean.txt").read_text("utf-8").replace("24-004512", "TMU/2024/77")
    (tmp_path / "a.txt").write_text(text, "utf-8")
    (tmp_path / "b.txt").write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)
    # A number in no known format is a malformed case number, not a missing one.
    assert cli("a.txt").out.startswith("a.txt:21:1: error RL202 malformed-case-number")
    (tmp_path / ".referat-lint.toml").write_text(
        '[per-file-ignores]\n"b.txt" = ["RL202"]\n', "utf-8"
    )
    assert cli("a.txt", "b.txt").out.count("RL202") == 1
    (tmp_path / ".referat-lint.toml").write_text(
        "[case-number-patterns]\ntmu = '[A-Z]{3}/\\d{4}/\\d+'\n", "utf-8"
    )
    assert cli("a.txt").code == 0


def test_examples_run(cli) -> None:
    run = cli(str(EXAMPLES))
    assert run.code == 1
    assert run.out.endswith("Found 8 problems in 3 of 13 files (4 fixable with --fix).\n")


def test_console_script_is_installed() -> None:
    run = subprocess.run(
        [Path(sys.executable).parent / "referat-lint", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0 and run.stdout.startswith("referat-lint ")


@pytest.mark.parametrize("name", ["not_minutes.txt", "variants.txt"])
def test_unusual_files_never_crash(cli, name: str) -> None:
    assert cli(str(FIXTURES / name)).code in (0, 1)


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_the_report_never_replaces_minutes_it_checks(cli, tmp_path, option) -> None:
    # `-o *.txt` expands to `-o a.txt b.txt`: a.txt would become the report.
    minutes = (FIXTURES / "new_defects.txt").read_bytes()
    for name in ("a.txt", "b.txt", "arkiv/c.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(minutes)
    for destination, paths in (("a.txt", ["a.txt", "b.txt"]), ("arkiv/c.txt", ["arkiv"])):
        run = cli(option, destination, *paths)
        assert run.code == 2
        assert run.err == (
            f"referat-lint: error: {option} {destination} is one of the files being checked;"
            " it would be overwritten\n"
        )
        assert (tmp_path / destination).read_bytes() == minutes
    # A report left in a folder from the last run is not minutes: it is written again.
    assert cli("-o", "arkiv/report.txt", "arkiv").code == 1
    assert cli("-o", "arkiv/report.txt", "arkiv").code == 1
    assert (tmp_path / "arkiv/report.txt").read_text("utf-8").startswith("arkiv/c.txt:15:1:")


@pytest.mark.parametrize(
    ("options", "kept"),
    [
        # a text report counting only: the clean files are not held until the end
        (("--statistics",), ["bad.txt"]),
        (("--diff",), ["bad.txt"]),
        # reports that list every file, and a report written to a file, keep them all
        (("--format", "json"), ["bad.txt", "clean-0.txt", "clean-1.txt", "clean-2.txt"]),
        (("-o", "report.txt"), ["bad.txt", "clean-0.txt", "clean-1.txt", "clean-2.txt"]),
    ],
)
def test_a_report_holds_only_the_files_it_prints(cli, tmp_path, monkeypatch, options, kept):
    import referat_lint.cli as cli_module

    folder = tmp_path / "arkiv"
    folder.mkdir()
    copy("new_defects.txt", folder).rename(folder / "bad.txt")
    for index in range(3):
        copy("old_clean.txt", folder).rename(folder / f"clean-{index}.txt")
    reported = []
    real = cli_module._report

    def spy(results, *args, **kwargs):
        reported.extend(Path(result.path).name for result in results)
        return real(results, *args, **kwargs)

    monkeypatch.setattr(cli_module, "_report", spy)
    run = cli("--no-cache", *options, "arkiv")
    assert run.code == 1
    assert sorted(reported) == kept


def test_a_text_report_is_written_as_results_arrive(cli, tmp_path, monkeypatch) -> None:
    import referat_lint.cli as cli_module

    folder = tmp_path / "arkiv"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        copy("new_defects.txt", folder).rename(folder / name)
    copy("old_clean.txt", folder)
    printed_before: list[str] = []
    real = cli_module.run

    def spying(*args, **kwargs):
        for result in real(*args, **kwargs):
            printed_before.append(sys.stdout.getvalue())  # what was out before this result
            yield result

    monkeypatch.setattr(cli_module, "run", spying)
    monkeypatch.setattr(cli_module, "_report", None)  # the whole-report path is not taken
    run = cli("--no-cache", "arkiv")
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines[-1] == "Found 4 problems in 2 of 3 files."
    assert printed_before[0] == ""
    a_lines = "".join(line + "\n" for line in lines if line.startswith("arkiv/a.txt:"))
    assert a_lines and printed_before[1] == a_lines  # a.txt's lines out before b.txt's result
