"""Reading a file: all of it, read to the size it has, and no more than the limit however
it grows (or whatever size it claims)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from referat_lint.input.reading import InputError, read_regular

STATUS = Path("/proc/self/status")  # a regular file whose size says 0


def test_a_file_is_read_whole(tmp_path) -> None:
    path = tmp_path / "referat.txt"
    path.write_bytes(b"Punkt 1: Godkendelse\n" * 1000)
    assert read_regular(path, 10_000_000) == path.read_bytes()
    assert read_regular(path, len(path.read_bytes())) == path.read_bytes()
    with pytest.raises(InputError, match="too large"):
        read_regular(path, len(path.read_bytes()) - 1)


@pytest.mark.skipif(not STATUS.is_file(), reason="no /proc on this system")
def test_a_file_that_says_size_0_is_read_to_the_limit() -> None:
    assert os.stat(STATUS).st_size == 0
    data = read_regular(STATUS, 1_000_000)
    assert data.startswith(b"Name:") and len(data) > 100
    with pytest.raises(InputError, match="too large"):
        read_regular(STATUS, 10)
