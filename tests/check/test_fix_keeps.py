"""--fix keeps what it does not repair: links, owners, other people's edits, text it cannot
read with confidence; it leaves no temporary file, reaches a fixpoint, and applies safe
fixes whatever unsafe ones sit beside them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from referat_lint.checking import fixer
from referat_lint.config import Config
from referat_lint.input import atomic
from referat_lint.input.source import decode
from referat_lint.rules import all_rules

from conftest import FIXTURES

DAMAGED = (FIXTURES / "mojibake.txt").read_bytes()


def damaged(folder, name="m.txt"):
    path = folder / name
    path.write_bytes(DAMAGED)
    return path


def no_temporaries(folder) -> bool:
    return not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_a_symlink_is_written_through_to_its_target(cli, tmp_path) -> None:
    target = damaged(tmp_path, "original.txt")
    link = tmp_path / "link.txt"
    link.symlink_to("original.txt")
    assert cli("--fix", str(link)).code == 0
    assert link.is_symlink() and os.readlink(link) == "original.txt"
    assert target.read_bytes() != DAMAGED
    assert "Ã" not in target.read_text("utf-8")
    assert no_temporaries(tmp_path)


def test_hard_links_are_kept_by_refusing(cli, tmp_path) -> None:
    path = damaged(tmp_path)
    other = tmp_path / "other.txt"
    os.link(path, other)
    run = cli("--fix", str(path))
    assert run.code == 2
    assert "m.txt: cannot write: 2 hard links share this file" in run.err
    assert path.read_bytes() == DAMAGED
    assert os.path.samefile(path, other)
    assert no_temporaries(tmp_path)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to someone else")
def test_owner_and_group_are_kept(cli, tmp_path) -> None:
    path = damaged(tmp_path)
    os.chown(path, 4321, 4322)
    assert cli("--fix", str(path)).code == 0
    status = path.stat()
    assert (status.st_uid, status.st_gid) == (4321, 4322)
    assert path.read_bytes() != DAMAGED


def test_an_edit_made_during_the_fix_is_not_overwritten(cli, tmp_path, monkeypatch) -> None:
    path = damaged(tmp_path)
    real_fsync = os.fsync

    def someone_saves(descriptor: int) -> None:
        real_fsync(descriptor)
        path.write_bytes(DAMAGED + b"\nEn ny linje.\n")  # an editor saves meanwhile

    monkeypatch.setattr(atomic.os, "fsync", someone_saves)
    run = cli("--fix", str(path))
    assert run.code == 2
    assert "the file changed while it was being fixed" in run.err
    assert path.read_bytes() == DAMAGED + b"\nEn ny linje.\n"
    assert no_temporaries(tmp_path)


RUSSIAN = "Протокол заседания комитета. Решение принято единогласно.\nПункт 1: Бюджет.\n" * 10


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(1, 256)) * 16,  # 4 KB of every byte but NUL
        bytes((i * 7919 + 13) % 255 + 1 for i in range(4096)),  # random-looking bytes
        RUSSIAN.encode("koi8_r"),  # another script in its own code page
        RUSSIAN.encode("cp1251"),
    ],
    ids=["all-bytes", "scrambled", "koi8-r", "cp1251"],
)
def test_text_that_is_not_confidently_danish_is_never_transcoded(cli, tmp_path, data) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    cli("--fix", "--unsafe-fixes", str(path))
    assert path.read_bytes() == data
    assert decode(data).confident is False


def test_danish_in_a_code_page_is_still_transcoded(cli, tmp_path) -> None:
    path = tmp_path / "cp.txt"
    source = FIXTURES.parent.parent / "examples" / "kultur-og-fritidsudvalget-2025-11-05-cp1252.txt"
    path.write_bytes(source.read_bytes())
    cli("--fix", str(path))
    assert path.read_bytes() == source.read_bytes().decode("cp1252").encode("utf-8")


def test_ctrl_c_during_the_write_leaves_no_temporary_file(tmp_path, monkeypatch) -> None:
    path = damaged(tmp_path)

    def interrupted(descriptor: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_atomic(path, b"new", expected=DAMAGED)
    assert path.read_bytes() == DAMAGED
    assert no_temporaries(tmp_path)


def test_sigterm_during_the_write_leaves_no_temporary_file(tmp_path) -> None:
    path = damaged(tmp_path)
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from referat_lint.input import atomic\n"
        "atomic.remove_temporaries_on_sigterm()\n"
        "atomic.os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGTERM)\n"
        "atomic.write_atomic(Path(sys.argv[1]), b'x' * 10_000_000)\n"
    )
    run = subprocess.run([sys.executable, "-c", script, str(path)], timeout=60)
    assert run.returncode == -signal.SIGTERM
    assert path.read_bytes() == DAMAGED
    assert no_temporaries(tmp_path)


def nested(depth: int) -> str:
    return (
        "Punkt 1: Test\n\n23-014411\n\nBeslutning\n\n"
        f"Godkendt {'^{' * depth}m{'}' * depth} i dag.\n"
    )


def test_nesting_deeper_than_ten_passes_is_fixed_in_one_run(cli, tmp_path) -> None:
    path = tmp_path / "n.txt"
    path.write_text(nested(15), "utf-8")
    cli("--fix", str(path))
    assert path.read_text("utf-8").endswith("Godkendt m i dag.\n")
    assert cli("--diff", str(path)).out == ""  # a second --fix would change nothing


def test_nesting_past_the_pass_cap_is_reported(cli, tmp_path) -> None:
    path = tmp_path / "n.txt"
    path.write_text(nested(fixer.MAX_PASSES + 5), "utf-8")
    run = cli("--fix", str(path))
    assert f"n.txt: fixes left after {fixer.MAX_PASSES} passes; run --fix again" in run.err


def test_a_safe_fix_is_applied_beside_an_unsafe_one(cli, tmp_path) -> None:
    path = tmp_path / "m.txt"
    path.write_text(
        "Punkt 1: Test\n\n23-014411\n\nBeslutning\n\nUdvalget skal lÅ,se <i>sagen</i> i dag.\n",
        "utf-8",
    )
    check = cli(str(path))
    assert "(1 fixable with --fix)" in check.out
    cli("--fix", str(path))
    assert path.read_text("utf-8").endswith("Udvalget skal lÅ,se sagen i dag.\n")


# Properties: over text made of the pieces fixes work on, --fix reaches a fixpoint, and what
# it does not repair it keeps.

PIECES = [
    "<i>",
    "</i>",
    "<b>",
    "</b>",
    "^{",
    "}",
    "Ã¸",
    "bÅ,r",
    "drÅ,ftet",
    "Åbent",
    "ord",
    " ",
    "2",
    "<br>",
    "&amp;",
    "-",
]
RULES = all_rules()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(PIECES), max_size=12), min_size=1, max_size=4), st.booleans()
)
def test_fix_reaches_a_fixpoint(lines, unsafe) -> None:
    body = "\n".join("".join(line) for line in lines)
    text = f"Punkt 1: Test\n\n23-014411\n\nBeslutning\n\n{body}\n"
    once = fixer.fix(decode(text.encode()), RULES, Config(), "x.txt", unsafe=unsafe)
    twice = fixer.fix(once.source, RULES, Config(), "x.txt", unsafe=unsafe)
    assert twice.source.text == once.source.text
    assert not once.exhausted
    # Lines without anything to fix come through byte for byte.
    for line in text.splitlines():
        if not any(mark in line for mark in ("<", "^{", "Ã", "Å,", "&", "---")):
            assert line in once.source.text.splitlines()
