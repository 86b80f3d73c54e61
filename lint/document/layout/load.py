"""Loading layouts: the shipped profiles with a project's, schema- and pattern-checked."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from referat_lint.document.layout.files import LayoutError, resolve, shipped_profiles
from referat_lint.document.layout.model import Layout, _regex
from referat_lint.input.reading import InputError, read_regular, toml_data
from referat_lint.schemas import schema_problem

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path
    from typing import Any

_MAX_PROFILE = 1000 * 1000  # a profile is a few kilobytes; /dev/zero is not one


def check_profile(data: dict[str, Any], where: str) -> None:
    """Schema and pattern checks of one resolved profile; LayoutError with one line."""
    problem = schema_problem(data, "layout.schema.json")
    if problem is not None:
        raise LayoutError(f"{where}{problem}")
    needs = {("items", "headings"): "number", ("items", "raw-headings"): "number"}
    needs[("toc", "entries")] = "title"
    for table, values in data.items():
        if not isinstance(values, dict):
            continue
        for key, value in values.items():
            patterns = value if isinstance(value, list) else [value]
            for index, pattern in enumerate(patterns):
                if isinstance(pattern, dict):
                    pattern = pattern.get("pattern", "")
                if not isinstance(pattern, str) or not _is_pattern_key(table, key):
                    continue
                try:
                    compiled = _regex(pattern)
                except (re.error, ValueError) as error:  # ValueError: user_regex.PatternError
                    raise LayoutError(
                        f"{where}{table}.{key}[{index}]: bad pattern: {error}"
                    ) from None
                group = needs.get((table, key))
                if group and group not in compiled.groupindex:
                    raise LayoutError(
                        f"{where}{table}.{key}[{index}]: needs a group (?P<{group}>...)"
                    )


_PATTERN_KEYS = {
    "detect": {"opening", "lines"},
    "header": {"title"},
    "items": {"headings", "raw-headings", "subheading", "links"},
    "toc": {"entries", "leader", "skip"},
    "case-numbers": {"labels", "journal-labels", "document-labels", "formats", "journal-formats"},
    "decisions": {
        "headings",
        "next-line",
        "history-lines",
        "end-lines",
        "attendance-lines",
        "proposal-lines",
    },
    "furniture": {"lines"},
}


def _is_pattern_key(table: str, key: str) -> bool:
    return key.removeprefix("extra-") in _PATTERN_KEYS.get(table, ())


def load_project_profile(path: Path) -> dict[str, Any]:
    """A project's own profile file, read and schema-checked (before merging)."""
    import tomllib  # only a project's own profiles: 4 ms of every other start-up

    where = f"{path}: "
    try:
        data = toml_data(read_regular(path, _MAX_PROFILE).decode("utf-8"))
    except InputError as error:
        raise LayoutError(f"{where}cannot read layout: {error}") from None
    except OSError as error:
        raise LayoutError(f"{where}cannot read layout: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise LayoutError(f"{where}layout is not UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise LayoutError(f"{where}invalid TOML: {error}") from None
    check_profile(data, where)
    return data


@cache
def load_layouts(
    project: tuple[tuple[str, str], ...] = (), extra_case_numbers: tuple[tuple[str, str], ...] = ()
) -> tuple[Layout, ...]:
    """Every concrete layout: the shipped ones and the project's (name, JSON of its file).

    A project profile may extend a shipped one or another project profile.
    """
    resolved = shipped_profiles()
    if project:
        import json  # only a project's own profiles: 2 ms of every other start-up

        resolved = resolve({**resolved, **{name: json.loads(text) for name, text in project}})
        for name, _ in project:
            check_profile(resolved[name], f"layout {name!r}: ")
    return tuple(
        Layout(data, extra_case_numbers) for data in resolved.values() if not data.get("abstract")
    )


def by_name(layouts: Sequence[Layout], name: str) -> Layout | None:
    return next((layout for layout in layouts if layout.name == name), None)
