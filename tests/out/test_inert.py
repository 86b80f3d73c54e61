"""Output is inert: control characters from the minutes or their names never reach a
terminal or a CI log raw, and every format is valid text whatever the file is called."""

from __future__ import annotations

import json
import os
import re

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


@pytest.mark.parametrize(
    ("option", "field"), [("--show-document", "path"), ("--show-settings", "file")]
)
def test_show_options_write_a_name_that_is_not_utf8_as_valid_text(
    cli, tmp_path, option, field
) -> None:
    name = os.fsdecode(b"m\xf8de.txt")
    (tmp_path / name).write_text(MINUTES, "utf-8")
    run = cli(option, name)
    assert run.code == 0
    assert json.loads(run.out)[field] == "m\\xf8de.txt"
    run.out.encode("utf-8")  # strict: no lone surrogate to be written as a raw byte


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


# What a terminal acts on or a reader misreads: OSC, SGR conceal, the one-character CSI
# (U+009B), DEL, bidirectional overrides, isolates and marks, zero-width characters, BOM.
DANGEROUS = (
    "\x1b]0;pwned\x07",
    "\x1b[8m",
    "\x9b31m",
    "\x7f",
    "\u202e",
    "\u2066",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u200b",
    "\ufeff",
)
DANGEROUS_TITLE = "Budget " + " ".join(DANGEROUS) + " rydning"
DANGEROUS_MINUTES = (
    "REFERAT Eksempeludvalget d. 18-10-2023\n\n"
    f"Punkt 1: {DANGEROUS_TITLE}\n\nBeslutning\n\n<b>Godkendt</b> {' '.join(DANGEROUS)}.\n"
)
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@pytest.fixture
def dangerous(tmp_path):
    name = "møde\u202e\x9b2J.txt"
    (tmp_path / name).write_text(DANGEROUS_MINUTES, "utf-8")
    return name


@pytest.mark.parametrize("fmt", ["text", "github", "junit", "html"])
def test_show_fixes_and_every_line_format_escape_everything_dangerous(
    cli, dangerous, tmp_path, fmt
) -> None:
    run = cli("--format", fmt, "--show-fixes", "-o", "out", dangerous)
    assert run.code == 1, run.err
    shown = (tmp_path / "out").read_text("utf-8") + run.out + run.err
    assert RAW.findall(shown) == []
    assert "\\u202e" in shown and "\\x9b" in shown


@pytest.mark.parametrize("fmt", ["text", "github", "junit"])
def test_stdout_of_every_line_format_is_inert(cli, dangerous, fmt) -> None:
    run = cli("--format", fmt, "--show-fixes", dangerous)
    assert run.code == 1
    assert RAW.findall(run.out + run.err) == []


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_formats_escape_what_json_leaves_raw_and_keep_the_data(cli, dangerous, fmt) -> None:
    run = cli("--format", fmt, "--select", "missing-case-number", dangerous)
    assert run.code == 1
    assert RAW.findall(run.out) == []
    assert "\\u202e" in run.out and "\\u009b" in run.out
    data = json.loads(run.out)
    messages = json.dumps(data, ensure_ascii=False)
    assert "\u202e" in messages  # the consumer gets the text as it is


def test_show_document_is_inert(cli, dangerous) -> None:
    run = cli("--show-document", dangerous)
    assert run.code == 0
    assert RAW.findall(run.out) == []
    assert run.json()["items"][0]["title"] == DANGEROUS_TITLE


def test_diff_escapes_bidirectional_and_invisible_characters(cli, dangerous) -> None:
    run = cli("--diff", dangerous)
    assert run.code == 1
    assert RAW.findall(run.out + run.err) == []
    assert "+Godkendt \\x1b]0;pwned\\x07" in run.out


def test_usage_and_config_errors_escape_names_and_values(cli, tmp_path) -> None:
    for args in (
        ("--config", "x\u202e\x1b[2J.toml", "a.txt"),
        ("--select", "x\x9b2J\u200f", "a.txt"),
        ("--format", "x\x1b]0;t\x07", "a.txt"),
        ("--explain", "\u2066x\x7f"),
    ):
        run = cli(*args)
        assert run.code == 2
        assert RAW.findall(run.err) == [], args
    folder = tmp_path / "p\u202ej\x1b[2J"
    folder.mkdir()
    (folder / "pyproject.toml").write_text('[tool.referat-lint]\nlang = "x\u202e"\n', "utf-8")
    run = cli("--config", str(folder / "pyproject.toml"), "a.txt")
    assert run.code == 2
    assert RAW.findall(run.err) == [] and "\\u202e" in run.err


def test_the_progress_bar_escapes_file_names() -> None:
    import io

    from referat_lint.out.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    ticks = iter([0.0, 1.0, 2.0])
    bar = Progress(stream, 3, delay=0, clock=lambda: next(ticks))
    bar.update(1, "m\x1b]0;pwned\x07\u202e170385-1234.txt")
    written = stream.getvalue()
    assert "\\x1b]0;pwned\\x07\\u202exxxxxx-xxxx.txt" in written
    assert "\x1b]" not in written and "\u202e" not in written


def test_colour_keeps_only_the_reports_own_escape_sequences() -> None:
    from referat_lint.checking.result import FileResult
    from referat_lint.out.privacy import for_format, seal

    (result,) = for_format([FileResult("a\x1b[8m.txt", problem="x\x1b]0;t\x07\u202e")], "text")
    assert result.path == "a\\x1b[8m.txt" and result.problem == "x\\x1b]0;t\\x07\\u202e"
    painted = f"\x1b[1m{result.path}\x1b[0m \x9b2J\u200f"
    assert seal(painted, "text", color=True) == "\x1b[1ma\\x1b[8m.txt\x1b[0m \\x9b2J\\u200f"
    assert seal(painted, "text") == "\\x1b[1ma\\x1b[8m.txt\\x1b[0m \\x9b2J\\u200f"
