"""referat-lint: a linter for Danish municipal meeting minutes.

The Python API is `referat_lint.check` (see `referat_lint.api`).
"""

__version__ = "0.1.0"

__all__ = ["CheckResult", "__version__", "check"]


def __getattr__(name: str) -> object:
    # The API is imported on first use: the CLI's start-up must not pay for it.
    if name in ("check", "CheckResult"):
        from referat_lint import api

        return getattr(api, name)
    raise AttributeError(f"module 'referat_lint' has no attribute {name!r}")
