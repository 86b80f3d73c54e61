"""The console script: an unchanged re-run replayed from its record, any other run checked.

`referat_lint.cli.main` is the API; this is what `referat-lint` and `python -m referat_lint`
run. It imports the linter only when the run is not a replay (replay.py).
"""

from __future__ import annotations

import sys

from referat_lint import replay


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
