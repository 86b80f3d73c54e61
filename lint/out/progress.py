"""A one-line progress bar on a terminal's stderr, for runs over many files.

Hand-written rather than a dependency: it is a few lines, and the linter runs unattended
where nothing but the report may be printed. It draws nothing unless the stream is a
terminal, and nothing for a run that finishes before `delay` seconds.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from referat_lint.input import watch
from referat_lint.out.privacy import line

if TYPE_CHECKING:
    from typing import TextIO


class Progress:
    def __init__(
        self,
        stream: TextIO,
        total: int,
        *,
        enabled: bool = True,
        delay: float = 0.3,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream, self.total, self.clock, self.delay = stream, total, clock, delay
        self.enabled = enabled and total > 1 and is_terminal(stream)
        self.start = clock()
        self.last = float("-inf")
        self.drawn = False
        utf = (getattr(stream, "encoding", "") or "").lower().replace("-", "") == "utf8"
        self.full, self.empty, self.cut = ("█", "░", "…") if utf else ("#", ".", "...")

    def update(self, done: int, label: str = "") -> None:
        """Show that `done` of `total` files are finished; `label` names the current one."""
        if not self.enabled:
            return
        now = self.clock()
        if now - self.start < self.delay or now - self.last < 0.1:
            return
        self.last = now
        watch.doubt()  # what the clock drew is no output to replay
        label = line(label)  # a file's name: masked, its control characters escaped
        import shutil  # only once a bar is drawn

        width = shutil.get_terminal_size((80, 24)).columns
        count = f" {done}/{self.total} "
        bar_width = max(10, min(40, width // 3))
        filled = bar_width * done // self.total
        bar = self.full * filled + self.empty * (bar_width - filled)
        room = width - bar_width - len(count) - 1
        if len(label) > room:
            keep = room - len(self.cut)
            label = self.cut + label[-keep:] if keep > 0 else ""
        self.stream.write(f"\r\x1b[K{bar}{count}{label}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """Clear the bar, leaving the terminal as it was."""
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False


def is_terminal(stream: TextIO) -> bool:
    if os.environ.get("TERM") == "dumb":
        return False
    return hasattr(stream, "isatty") and stream.isatty()
