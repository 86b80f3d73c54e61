"""The progress bar: drawn on a terminal for a run that takes a while, otherwise nothing."""

from __future__ import annotations

import io

from referat_lint.out.progress import Progress

from conftest import FIXTURES


class Terminal(io.StringIO):
    encoding = "utf-8"

    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def run(stream, total: int, *, enabled: bool = True, step: float = 0.2) -> str:
    clock = Clock()
    progress = Progress(stream, total, enabled=enabled, clock=clock)
    for done in range(total):
        clock.now += step
        progress.update(done, f"referat-{done}.txt")
    progress.close()
    return stream.getvalue()


def test_draws_on_a_terminal_and_clears_itself(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("TERM", raising=False)
    out = run(Terminal(), 4)
    frames = out.split("\r\x1b[K")
    assert frames[0] == ""
    assert frames[1:] == [
        "█" * 6 + "░" * 20 + " 1/4 referat-1.txt",  # a third of 80 columns
        "█" * 13 + "░" * 13 + " 2/4 referat-2.txt",
        "█" * 19 + "░" * 7 + " 3/4 referat-3.txt",
        "",  # cleared at the end
    ]


def test_nothing_when_not_a_terminal_or_quiet_or_dumb(monkeypatch) -> None:
    assert run(io.StringIO(), 50) == ""
    assert run(Terminal(), 50, enabled=False) == ""
    monkeypatch.setenv("TERM", "dumb")
    assert run(Terminal(), 50) == ""


def test_nothing_for_a_quick_run_or_a_single_file(monkeypatch) -> None:
    monkeypatch.delenv("TERM", raising=False)
    assert run(Terminal(), 100, step=0.001) == ""  # done before the 0.3 s delay
    assert run(Terminal(), 1, step=1.0) == ""


def test_long_names_are_cut_to_the_terminal(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.delenv("TERM", raising=False)
    clock = Clock()
    stream = Terminal()
    progress = Progress(stream, 3, clock=clock)
    clock.now = 1.0
    progress.update(1, "arkiv/" + "udvalg/" * 20 + "referat.txt")
    frame = stream.getvalue().removeprefix("\r\x1b[K")
    assert len(frame) == 59 and frame.endswith("/referat.txt") and "…" in frame


def test_the_cli_prints_nothing_extra_when_piped(cli) -> None:
    run_ = cli("--quiet", str(FIXTURES))
    assert run_.err == ""
    run_ = cli(str(FIXTURES))
    assert "\r" not in run_.err and "\x1b" not in run_.err
