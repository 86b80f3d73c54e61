"""`python -m referat_lint`: the console script."""

from referat_lint.entry import run

run()
