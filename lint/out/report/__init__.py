"""Reporters: each turns FileResults into one output format and derives nothing new."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from importlib import import_module
from typing import NamedTuple

from referat_lint.checking.result import FileResult
from referat_lint.checking.rule import Rule

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit", "html")


class ReportContext(NamedTuple):
    """What every reporter gets besides the results."""

    rules: Mapping[str, Rule]  # by name
    lang: str
    color: bool = False
    fixing: bool = False
    known: int = 0  # findings left out because the baseline knows them
    show_fixes: bool = False  # text output: each fix's line before and after
    quiet: bool = False  # text output: no `info` findings
    diffing: bool = False  # --diff: the summary says what --fix would change
    fix_hint: str = "summary.fixable"  # how the summary says who repairs (a message key)
    unlisted: int = 0  # files checked with nothing to report, not among the results (text)


Reporter = Callable[[Sequence[FileResult], ReportContext], str]


def reporter(name: str) -> Reporter:
    """The render function of format `name` (imported only when asked for)."""
    return import_module(f"{__name__}.{name}_report").render
