"""Every write of --fix: atomic, nothing on failure, nothing when nothing changes."""

from __future__ import annotations

import errno
import os
import stat
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


# Only regular files are written; nothing outside the target.


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
@pytest.mark.parametrize("kind", ["fifo", "device-link"])
def test_reports_and_baselines_never_replace_what_is_not_a_file(cli, tmp_path, option, kind):
    path = damaged_copy(tmp_path)
    target = tmp_path / "ud"
    if kind == "fifo":
        os.mkfifo(target)
    else:  # a null device of its own, never the system's, should the refusal ever fail
        try:
            os.mknod(tmp_path / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("making a device node needs root")
        target.symlink_to(tmp_path / "null")
    run = cli(option, str(target), str(path))
    assert run.code == 2
    assert "Traceback" not in run.err and run.err.count("\n") == 1, run.err
    assert "not a regular file" in run.err
    assert target.is_fifo() if kind == "fifo" else (tmp_path / "null").is_char_device()
    names = ["m.txt", "ud"] if kind == "fifo" else ["m.txt", "null", "ud"]
    assert sorted(p.name for p in tmp_path.iterdir()) == names  # no temporary left


def test_a_report_is_written_atomically(cli, tmp_path, monkeypatch) -> None:
    """A full disk while writing -o leaves the old report whole, not truncated."""
    path = damaged_copy(tmp_path)
    report = tmp_path / "rapport.txt"
    report.write_text("den gamle rapport\n", "utf-8")

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", full)
    run = cli("-o", str(report), str(path))
    assert run.code == 2
    assert run.err == (f"referat-lint: error: cannot write {report}: No space left on device\n"), (
        run.err
    )
    assert report.read_text("utf-8") == "den gamle rapport\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.txt", "rapport.txt"]


def test_a_read_only_file_is_not_fixed(cli, tmp_path) -> None:
    """As ruff and pre-commit's fixers: they open the file for writing, which its mode
    refuses; a rename would replace it regardless (and root would write it)."""
    path = damaged_copy(tmp_path)
    path.chmod(0o444)
    run = cli("--fix", str(path))
    assert_untouched(path, run)
    assert run.err == (
        f"referat-lint: error: {path}: cannot write: the file is read-only; "
        "make it writable to fix it\n"
    )
    assert path.stat().st_mode & 0o777 == 0o444


def test_extended_attributes_are_kept(cli, tmp_path) -> None:
    path = damaged_copy(tmp_path)
    try:
        os.setxattr(path, "user.referat.sag", b"23-014411")
    except OSError as error:
        pytest.skip(f"this file system keeps no user attributes ({error.strerror})")
    assert cli("--fix", str(path)).code == 0
    assert path.read_bytes() == (FIXTURES / "new_clean.txt").read_bytes()
    assert os.getxattr(path, "user.referat.sag") == b"23-014411"


def test_sighup_during_the_write_leaves_no_temporary_file(tmp_path) -> None:
    import signal
    import subprocess
    import sys

    path = damaged_copy(tmp_path)
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from referat_lint.input import atomic\n"
        "atomic.remove_temporaries_on_sigterm()\n"
        "atomic.os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGHUP)\n"
        "atomic.write_atomic(Path(sys.argv[1]), b'x' * 1_000_000)\n"
    )
    run = subprocess.run([sys.executable, "-c", script, str(path)], timeout=60)
    assert run.returncode == -signal.SIGHUP
    assert path.read_bytes() == (FIXTURES / "mojibake.txt").read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["m.txt"]
