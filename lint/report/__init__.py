"""Reporters: each turns FileResults into one output format and derives nothing new."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Mapping, Sequence
from importlib import import_module

from ..result import FileResult
from ..rule import Rule

FORMATS = ("text", "json", "sarif", "github", "junit", "html")


class ReportContext(
    namedtuple(
        "ReportContext",
        "rules lang color fixing known show_fixes",
        defaults=(False, False, 0, False),
    )
):
    """What every reporter gets besides the results."""

    __slots__ = ()
    rules: Mapping[str, Rule]  # by name
    lang: str
    color: bool
    fixing: bool
    known: int  # findings left out because the baseline knows them
    show_fixes: bool  # text output: each fix's line before and after


Reporter = Callable[[Sequence[FileResult], ReportContext], str]


def reporter(name: str) -> Reporter:
    """The render function of format `name` (imported only when asked for)."""
    return import_module(f"{__name__}.{name}_report").render
