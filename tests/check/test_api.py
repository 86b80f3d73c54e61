"""The Python API: referat_lint.check gives what the CLI gives."""

from __future__ import annotations

import doctest
import json

import pytest

import referat_lint
import referat_lint.api
from referat_lint.config import ConfigError

from conftest import EXAMPLES, FIXTURES


def test_docstring_example_runs() -> None:
    assert doctest.testmod(referat_lint.api).failed == 0


def test_a_checked_finding_is_a_finding_and_its_message() -> None:
    checked, finding = referat_lint.api.CheckedFinding, referat_lint.api.Finding
    assert checked._fields == (*finding._fields, "message")
    assert checked._field_defaults == {**finding._field_defaults, "message": ""}
    found = referat_lint.check("Punkt 1: Ã¦ndring\n", path="m.txt").findings
    assert [(f.rule, f.span.line) for f in found] == [("missing-case-number", 1), ("mojibake", 1)]
    assert found[1].finding() == finding(*found[1][:-1])
    assert found[1].message == "mis-decoded text `Ã¦`, should read `æ`"


@pytest.mark.parametrize(
    "name", ["mojibake.txt", "new_defects.txt", "toc_defects.txt", "cpr.txt", "not_minutes.txt"]
)
def test_same_findings_as_the_cli(cli, name: str) -> None:
    path = str(FIXTURES / name)
    expected = [
        (d["rule"], d["line"], d["column"], d["message"])
        for d in json.loads(cli("--format", "json", path).out)["files"][0]["diagnostics"]
    ]
    result = referat_lint.check((FIXTURES / name).read_bytes(), path=path)
    assert result.problem is None
    found = [(f.rule, f.span.line, f.span.column, f.message) for f in result.findings]
    assert found == expected
    text_lines = cli(path).out.splitlines()[:-1]
    assert result.lines() == text_lines


def test_text_and_bytes_give_the_same_and_str_is_utf8() -> None:
    data = (FIXTURES / "new_defects.txt").read_bytes()
    assert referat_lint.check(data).findings == referat_lint.check(data.decode()).findings


def test_fix_returns_repaired_bytes_and_writes_nothing(tmp_path) -> None:
    path = tmp_path / "mojibake.txt"
    data = (FIXTURES / "mojibake.txt").read_bytes()
    path.write_bytes(data)
    result = referat_lint.check(data, path=str(path), fix=True)
    assert result.fixed == (FIXTURES / "new_clean.txt").read_bytes()
    assert result.findings == ()
    assert path.read_bytes() == data  # the API never writes
    assert referat_lint.check(data).fixed is None


def test_config_as_mapping_file_or_object(tmp_path) -> None:
    data = (FIXTURES / "new_defects.txt").read_bytes()
    rules = {f.rule for f in referat_lint.check(data, config={"ignore": ["RL201"]}).findings}
    assert rules == {"empty-decision"}
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.referat-lint]\nselect = ["RL201"]\n', "utf-8")
    assert {f.rule for f in referat_lint.check(data, config=config).findings} == {
        "missing-case-number"
    }
    with pytest.raises(ConfigError):
        referat_lint.check(data, config={"selct": []})


def test_per_file_ignores_follow_the_path() -> None:
    data = (FIXTURES / "new_defects.txt").read_bytes()
    config = {"per-file-ignores": {"arkiv/*": ["RL201"]}}
    assert len(referat_lint.check(data, path="arkiv/a.txt", config=config).findings) == 1
    assert len(referat_lint.check(data, path="nyt/a.txt", config=config).findings) == 2


def test_a_text_that_cannot_be_checked_is_a_result() -> None:
    assert referat_lint.check(b"").problem == "empty file, nothing to check"
    assert referat_lint.check(b"\x00\x01").problem.startswith("binary file")


def test_danish_lines() -> None:
    result = referat_lint.check((EXAMPLES / "byraadet-2024-06-19.txt").read_bytes(), path="b.txt")
    assert any("mangler sagsnummer" in line for line in result.lines("da"))


def test_the_cli_does_not_import_the_api() -> None:
    import subprocess
    import sys

    code = "import sys, referat_lint.cli; print('referat_lint.api' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.stdout.strip() == "False"


def test_the_documented_concurrent_example_runs(tmp_path) -> None:
    import subprocess
    import sys

    from conftest import ROOT

    usage = (ROOT / "docs" / "usage.md").read_text("utf-8")
    section = usage.split("## Many files")[1].split("\n## ")[0]
    example = section.split("fits any executor")[1].split("```python")[1].split("```")[0]
    (tmp_path / "arkiv" / "2025").mkdir(parents=True)
    (tmp_path / "arkiv" / "2025" / "a.txt").write_bytes((FIXTURES / "new_defects.txt").read_bytes())
    (tmp_path / "arkiv" / "b.txt").write_bytes((FIXTURES / "old_clean.txt").read_bytes())
    (tmp_path / "example.py").write_text(example, "utf-8")
    run = subprocess.run(
        [sys.executable, "example.py"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "arkiv/2025/a.txt:15:1: error RL201 missing-case-number item 1 (Tilskud til foreninger) "
        "has no case number",
        "arkiv/2025/a.txt:31:1: error RL401 empty-decision the decision on item 2 (Bibliotekets "
        "åbningstider) is empty",
    ]


def test_a_path_is_read_and_named() -> None:
    source = FIXTURES / "new_defects.txt"
    result = referat_lint.check(source)
    assert result.path == str(source)
    assert [(f.rule, f.span.line) for f in result.findings] == [
        ("missing-case-number", 15),
        ("empty-decision", 31),
    ]
    named = referat_lint.check(
        source, path="kultur.txt", config={"per-file-ignores": {"kultur.txt": ["RL2"]}}
    )
    assert named.path == "kultur.txt"
    assert [f.rule for f in named.findings] == ["empty-decision"]
    missing = referat_lint.check(FIXTURES / "no-such-file.txt")
    assert missing.findings == () and missing.problem.startswith("cannot read")


def test_str_in_gives_str_out() -> None:
    text = (FIXTURES / "mojibake.txt").read_text("utf-8")
    fixed = referat_lint.check(text, fix=True).fixed
    assert fixed == (FIXTURES / "new_clean.txt").read_text("utf-8")
    assert isinstance(referat_lint.check(text.encode(), fix=True).fixed, bytes)


def test_messages_in_the_chosen_language() -> None:
    data = (FIXTURES / "new_defects.txt").read_bytes()
    (danish, _) = referat_lint.check(data, lang="da").findings
    assert danish.message == "punkt 1 (Tilskud til foreninger) mangler sagsnummer"
    assert (
        referat_lint.check(data, lang="da")
        .lines()[0]
        .endswith(
            "fejl RL201 missing-case-number punkt 1 (Tilskud til foreninger) mangler sagsnummer"
        )
    )


def test_lines_escape_control_characters_as_the_cli_does(cli, tmp_path) -> None:
    text = (FIXTURES / "new_clean.txt").read_text("utf-8").replace("Åvej", "\x85vej", 1)
    path = tmp_path / "m.txt"
    path.write_text(text, "utf-8")
    lines = referat_lint.check(text, path=str(path)).lines()
    assert lines and all("\x85" not in line for line in lines)
    assert lines == cli(str(path)).out.splitlines()[:-1]
