"""Reporters: each turns FileResults into one output format and derives nothing new."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import import_module

from ..rule import Rule
from ..runner import FileResult

FORMATS = ("text", "json", "sarif", "github", "junit", "html")


@dataclass(frozen=True)
class ReportContext:
    """What every reporter gets besides the results."""

    rules: Mapping[str, Rule]  # by name
    lang: str
    color: bool = False
    fixing: bool = False


Reporter = Callable[[Sequence[FileResult], ReportContext], str]


def reporter(name: str) -> Reporter:
    """The render function of format `name` (imported only when asked for)."""
    return import_module(f"{__name__}.{name}_report").render
