"""The console script: an unchanged re-run replayed from its record, any other run checked.

`referat_lint.cli.main` is the API; `run` is what `referat-lint` and `python -m referat_lint`
run. It imports the linter only when the run is not a replay (replay.py), and ends the
process without taking the interpreter apart (`finish`).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys

from referat_lint import replay

TYPE_CHECKING = False  # typing's own import costs a replay 2 ms
if TYPE_CHECKING:
    from typing import NoReturn


def run() -> NoReturn:
    """The console script: `main`, then `finish` with its exit code."""
    finish(main())


def main() -> int:
    """Entry point; the exit code as cli.main gives it (0 clean, 1 findings, 2 error)."""
    argv = sys.argv[1:]
    try:
        code = replay.answer(argv)
    except KeyboardInterrupt:
        return 130  # as cli.main answers Ctrl-C
    if code is not None:
        return code
    # Imported here, not above: a replay must not pay for the linter's imports (45 ms,
    # more than the whole replay).
    from referat_lint import recording

    return recording.run(argv)


def finish(code: int) -> NoReturn:
    """Exit with `code` once what the run wrote is out: the exit handlers run (they write
    the kept regular expressions), the streams are flushed, and the process ends without
    freeing every object and module one by one (7 ms of a one-file run, a tenth of it).
    Every file the run wrote was written whole and closed before this (input/atomic.py)."""
    try:
        atexit._run_exitfuncs()  # what a normal exit runs first; private, but stable for decades
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to tell it
        code = code or 1
    except OSError as error:  # the output could not be written (a full disk): say so
        code = 2
        with contextlib.suppress(OSError, ValueError):
            os.write(2, f"referat-lint: error: the output: {error.strerror or error}\n".encode())
    except KeyboardInterrupt:
        code = 130
    os._exit(code)
