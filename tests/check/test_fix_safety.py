"""Every write of --fix: atomic, nothing on failure, nothing when nothing changes."""

from __future__ import annotations

import errno
import os
import tempfile

import pytest

from referat_lint.input import atomic

from conftest import FIXTURES


def damaged_copy(folder):
    path = folder / "m.txt"
    path.write_bytes((FIXTURES / "mojibake.txt").read_bytes())
    return path


def assert_untouched(path, run) -> None:
    assert path.read_bytes() == (FIXTURES / "mojibake.txt").read_bytes()
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left
    assert run.code == 2
    assert "Traceback" not in run.err


def test_full_disk_leaves_the_original(cli, tmp_path, monkeypatch) -> None:
    path = damaged_copy(tmp_path)

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", full)
    run = cli("--fix", str(path))
    assert_untouched(path, run)
    assert run.err == f"referat-lint: error: {path}: cannot write: No space left on device\n"


def test_failed_rename_leaves_the_original(cli, tmp_path, monkeypatch) -> None:
    path = damaged_copy(tmp_path)

    def refuse(source, target) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(atomic.os, "replace", refuse)
    run = cli("--fix", str(path))
    assert_untouched(path, run)
    assert "cannot write: Read-only file system" in run.err


def test_read_only_folder_leaves_the_original(cli, tmp_path, monkeypatch) -> None:
    path = damaged_copy(tmp_path)
    if os.geteuid() == 0:  # root writes anywhere: simulate what the kernel says to others

        def refuse(*args, **kwargs):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    else:
        tmp_path.chmod(0o555)
    try:
        run = cli("--fix", str(path))
    finally:
        tmp_path.chmod(0o755)
    assert_untouched(path, run)
    assert "cannot write: Permission denied" in run.err


def test_other_files_are_still_fixed_after_a_failed_write(cli, tmp_path, monkeypatch) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = damaged_copy(tmp_path / "a"), damaged_copy(tmp_path / "b")
    real_mkstemp = tempfile.mkstemp

    def only_b(*args, **kwargs):
        if str(kwargs.get("dir")) == str(first.parent):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", only_b)
    run = cli("--fix", str(first), str(second))
    assert run.code == 2
    assert first.read_bytes() == (FIXTURES / "mojibake.txt").read_bytes()
    assert second.read_bytes() == (FIXTURES / "new_clean.txt").read_bytes()


def test_nothing_is_written_when_nothing_changes(cli, tmp_path) -> None:
    path = tmp_path / "c.txt"
    path.write_bytes((FIXTURES / "old_clean.txt").read_bytes())
    before = path.stat()
    assert cli("--fix", str(path)).code == 0
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


@pytest.mark.parametrize("mode", [0o600, 0o644, 0o664])
def test_file_mode_is_kept(cli, tmp_path, mode: int) -> None:
    path = damaged_copy(tmp_path)
    path.chmod(mode)
    assert cli("--fix", str(path)).code == 0
    assert path.stat().st_mode & 0o777 == mode


def test_uncertain_encoding_is_reported_not_acted_on(cli, tmp_path) -> None:
    path = tmp_path / "u.txt"
    data = b"Punkt 1: Referat \x80\x99 ok\n"
    path.write_bytes(data)
    run = cli("--fix", "--unsafe-fixes", "--select", "RL1", str(path))
    assert run.code == 1
    assert "too uncertain" in run.out
    assert path.read_bytes() == data
