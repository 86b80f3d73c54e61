"""Output is inert: control characters from the minutes or their names never reach a
terminal or a CI log raw, and every format is valid text whatever the file is called."""

from __future__ import annotations

import json
import os

import pytest

HOSTILE_TITLE = "Budget \x1b]0;pwned\x07 og \x1b[2J rydning"
MINUTES = (
    "REFERAT Eksempeludvalget d. 18-10-2023\n\n"
    f"Punkt 1: {HOSTILE_TITLE}\n\nBeslutning\n\nGodkendt.\n"
)


@pytest.fixture
def hostile(tmp_path):
    name = "møde\x1b[31m\nfalsk.txt:1:1: RL999 ok.txt"
    (tmp_path / name).write_text(MINUTES, "utf-8")
    return name


@pytest.mark.parametrize("fmt", ["text", "github", "junit"])
def test_control_characters_are_escaped(cli, hostile, fmt) -> None:
    run = cli("--format", fmt, "--select", "missing-case-number,control-character", hostile)
    assert run.code == 1
    for raw in ("\x1b", "\x07"):
        assert raw not in run.out + run.err
    assert "\\x1b]0;pwned\\x07" in run.out
    assert "møde\\x1b[31m\\x0afalsk.txt" in run.out
    if fmt == "text":  # one line a finding: the newline in the name does not split it
        lines = run.out.splitlines()
        assert len(lines) == 1 + sum(": RL" in line for line in lines)
        assert not any(line.startswith("falsk.txt") for line in lines)


def test_error_lines_are_escaped(cli) -> None:
    run = cli("gone\x1b[2J\n.txt")
    assert run.code == 2
    assert run.err == "referat-lint: error: gone\\x1b[2J\\x0a.txt: no such file or folder\n"


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_a_name_that_is_not_utf8_is_valid_text(cli, tmp_path, fmt) -> None:
    name = os.fsdecode(b"m\xf8de.txt")  # Latin-1 "møde.txt" on a UTF-8 file system
    (tmp_path / name).write_text(MINUTES, "utf-8")
    run = cli("--format", fmt, "-o", "out", name)
    assert run.code == 1
    text = (tmp_path / "out").read_bytes().decode("utf-8")  # strict: raises if not UTF-8
    if fmt == "json":
        assert json.loads(text)["files"][0]["path"] == "m\\xf8de.txt"
    else:
        assert "m\\xf8de.txt" in text


def test_json_keeps_the_text_as_it_is(cli, hostile) -> None:
    """JSON escapes control characters itself; a consumer gets the message unchanged."""
    run = cli("--format", "json", "--select", "missing-case-number", hostile)
    data = json.loads(run.out)
    (message,) = [d["message"] for f in data["files"] for d in f["diagnostics"]]
    assert HOSTILE_TITLE in message


def test_diff_escapes_control_characters_and_keeps_line_breaks(cli, tmp_path) -> None:
    path = tmp_path / "d.txt"
    path.write_text(
        "Punkt 1: Test\r\n\r\n23-014411\r\n\r\nBeslutning\r\n\r\nDrÃ¸ftet \x1b[2J i dag.\r\n",
        "utf-8",
    )
    run = cli("--diff", str(path))
    assert run.code == 1
    assert "\x1b" not in run.out
    assert "+Drøftet \\x1b[2J i dag.\r\n" in run.out
