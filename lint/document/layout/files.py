"""The shipped profiles' files: where they are, `extends` merged in, read once."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from referat_lint.input.packaged import packaged

if TYPE_CHECKING:
    from typing import Any

FOLDER = Path(__file__).parent.parent / "layouts"
BASE = "base"


class LayoutError(Exception):
    """A profile is invalid; the message is one line for the user."""


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """`override` over `base`: tables merge, `extra-<key>` adds to a list, the rest replaces."""
    merged = dict(base)
    for key, value in override.items():
        if key.startswith("extra-"):
            target = key.removeprefix("extra-")
            merged[target] = [*merged.get(target, []), *value]
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def resolve(raw: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every profile of `raw` (name -> file data) with its `extends` chain merged in."""
    resolved: dict[str, dict[str, Any]] = {}

    def one(name: str, seen: tuple[str, ...]) -> dict[str, Any]:
        if name in resolved:
            return resolved[name]
        if name in seen:
            raise LayoutError(f"layout {name!r} extends itself ({' -> '.join([*seen, name])})")
        data = raw[name]
        parent = data.get("extends", BASE if name != BASE else None)
        if parent is None:
            result = {k: v for k, v in data.items() if k != "extends"}
        else:
            if parent not in raw:
                raise LayoutError(f"layout {name!r} extends unknown layout {parent!r}")
            inherited = {k: v for k, v in one(parent, (*seen, name)).items() if k != "abstract"}
            result = merge(inherited, {k: v for k, v in data.items() if k != "extends"})
        result["name"] = name
        resolved[name] = result
        return result

    for name in raw:
        one(name, ())
    return resolved


def read_toml_profiles() -> dict[str, dict[str, Any]]:
    """The shipped profiles as their TOML files say (the source of truth), by name."""
    import tomllib  # only when the kept copy is missing or stale (input/packaged.py)

    profiles = {}
    for path in _sources():
        data = tomllib.loads(path.read_text("utf-8"))
        profiles[data["name"]] = data
    return profiles


@cache
def shipped_profiles() -> dict[str, dict[str, Any]]:
    """The shipped profiles, resolved (`extends` merged in), by name; read once."""
    return packaged("layouts", _sources(), lambda: resolve(read_toml_profiles()))


def _sources() -> list[Path]:
    return sorted(FOLDER.glob("*.toml"))
