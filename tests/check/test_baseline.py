"""Baselines: --write-baseline records today's findings, --baseline reports only new ones."""

from __future__ import annotations

import json
import os
import shutil
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from conftest import FIXTURES

SCHEMA = json.loads(
    resources.files("referat_lint.schema").joinpath("baseline.schema.json").read_text("utf-8")
)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A legacy archive: two files with findings and a clean one, in a subfolder."""
    folder = tmp_path / "arkiv" / "2019"
    folder.mkdir(parents=True)
    for name in ("markup_residue.txt", "cpr.txt", "old_clean.txt"):
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    return tmp_path


def test_write_then_check_is_clean(cli, archive: Path, monkeypatch) -> None:
    monkeypatch.chdir(archive)
    run = cli("--write-baseline", "baseline.json", "arkiv")
    assert (run.code, run.out) == (
        0,
        "Wrote 10 findings in 2 files to baseline baseline.json.\n",
    )
    data = json.loads((archive / "baseline.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["version"] == 1
    entries = [(e["path"], e["rule"], e["fingerprint"]) for e in data["findings"]]
    assert entries == sorted(entries)
    assert {e["path"] for e in data["findings"]} == {
        "arkiv/2019/cpr.txt",
        "arkiv/2019/markup_residue.txt",
    }
    # the fingerprints hold nothing of the text: no CPR number, no name
    text = (archive / "baseline.json").read_text("utf-8")
    assert "120356" not in text and "Anna Berg" not in text
    run = cli("--baseline", "baseline.json", "arkiv")
    assert (run.code, run.out) == (
        0,
        "No problems in 3 files. 10 known findings from the baseline left out.\n",
    )


def test_lines_moving_is_not_new_but_a_new_finding_is(cli, archive: Path, monkeypatch) -> None:
    monkeypatch.chdir(archive)
    cli("--write-baseline", "baseline.json", "arkiv")
    path = archive / "arkiv" / "2019" / "markup_residue.txt"
    text = path.read_text("utf-8")
    moved = text.replace(
        "Mødested Plejecenter Solgården\n", "Mødested Plejecenter Solgården\n\n\n\n"
    )
    added = moved.replace("Intet.", "Intet <b>nyt</b>.")
    path.write_text(added, "utf-8")
    run = cli("--baseline", "baseline.json", "arkiv")
    assert run.code == 1
    assert run.out.splitlines() == [
        "arkiv/2019/markup_residue.txt:52:7: warning RL004 markup-residue [*] HTML tag "
        "`<b>…</b>` left over from the export",
        "Found 1 problem in 1 of 3 files (1 fixable with --fix). 10 known findings from the "
        "baseline left out.",
    ]


def test_identical_findings_are_counted(cli, archive: Path, monkeypatch) -> None:
    monkeypatch.chdir(archive)
    cli("--write-baseline", "baseline.json", "arkiv")
    path = archive / "arkiv" / "2019" / "markup_residue.txt"
    line = "Status på plejeboliger ved <i>Anna Berg</i>, centerchef.\n"
    path.write_text(path.read_text("utf-8").replace(line, line + "\n" + line), "utf-8")
    run = cli("--baseline", "baseline.json", "arkiv")
    assert run.code == 1
    assert (
        run.out.count("RL004") == 1 and ":28:28: warning RL004" in run.out
    )  # the second one is new


def test_paths_are_relative_to_the_baseline_file(cli, archive: Path, monkeypatch) -> None:
    monkeypatch.chdir(archive)
    cli("--write-baseline", "baseline.json", "arkiv")
    monkeypatch.chdir(archive / "arkiv")
    run = cli("--baseline", str(archive / "baseline.json"), "2019")
    assert (run.code, run.out) == (
        0,
        "No problems in 3 files. 10 known findings from the baseline left out.\n",
    )


def test_baseline_with_fix_reports_only_new_findings(cli, archive: Path, monkeypatch) -> None:
    monkeypatch.chdir(archive)
    cli("--write-baseline", "baseline.json", "arkiv")
    path = archive / "arkiv" / "2019" / "markup_residue.txt"
    run = cli("--fix", "--baseline", "baseline.json", str(path))
    assert run.code == 0  # what --fix left (table rules, <br>) is in the baseline
    assert "Anna Berg</i>" not in path.read_text("utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline file not found: "),
        ("{", "not a baseline (invalid JSON)"),
        ('{"tool": "referat-lint", "version": 2, "findings": []}', "version: 1 was expected"),
        (
            '{"tool": "referat-lint", "version": 1, "findings": [{"path": "a", "rule": "x", '
            '"fingerprint": "zz", "count": 1}]}',
            "findings.0.fingerprint",
        ),
    ],
)
def test_bad_baseline_is_one_line_exit_2(cli, tmp_path: Path, content, message: str) -> None:
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, "utf-8")
    run = cli("--baseline", str(path), str(FIXTURES / "old_clean.txt"))
    assert run.code == 2 and run.out == ""
    assert run.err.count("\n") == 1 and message in run.err and "Traceback" not in run.err


def test_write_baseline_is_not_combined_with_fix(cli, tmp_path: Path) -> None:
    run = cli("--write-baseline", str(tmp_path / "b.json"), "--fix", str(FIXTURES))
    assert run.code == 2 and "--write-baseline goes without" in run.err
    assert not (tmp_path / "b.json").exists()


def test_write_baseline_to_a_missing_folder(cli, tmp_path: Path) -> None:
    run = cli("--write-baseline", str(tmp_path / "no" / "b.json"), str(FIXTURES / "cpr.txt"))
    assert run.code == 2 and run.err.startswith("referat-lint: error: cannot write baseline")


def test_baseline_is_written_atomically_with_the_usual_mode(cli, tmp_path: Path) -> None:
    target = tmp_path / "baseline.json"
    run = cli("--write-baseline", str(target), str(FIXTURES / "cpr.txt"))
    assert run.code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == ["baseline.json"]  # no temporary file


def test_a_file_name_that_is_not_utf8_round_trips(cli, tmp_path) -> None:
    name = os.fsdecode(b"r\xe6d.txt")  # Latin-1 bytes on disk: a lone surrogate in Python
    (tmp_path / "arkiv").mkdir()
    shutil.copy(FIXTURES / "new_defects.txt", tmp_path / "arkiv" / name)
    written = cli("--write-baseline", "b.json", "arkiv")
    assert (written.code, written.err) == (0, "")
    data = (tmp_path / "b.json").read_bytes()
    data.decode("utf-8")  # still UTF-8, the byte written as JSON's escape
    assert b'"path": "arkiv/r\\udce6d.txt"' in data
    again = cli("--baseline", "b.json", "arkiv")
    assert (again.code, again.err) == (0, "")
