"""The JSON Schemas shipped in schema/, and checking data against them."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from referat_lint.input.packaged import packaged

if TYPE_CHECKING:
    from typing import Any


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A schema of the package by file name (`config.schema.json`)."""
    # A plain read beside the package's __init__: importlib.resources would import
    # tempfile and zipfile, 7 ms of a configured run's start-up.
    from referat_lint import schema

    path = Path(os.path.dirname(schema.__file__ or "")) / name

    def read() -> dict[str, Any]:
        import json  # only when the kept copy is missing or stale: 2 ms of start-up

        with path.open(encoding="utf-8") as handle:
            data: dict[str, Any] = json.load(handle)
        return data

    return packaged(name.removesuffix(".json"), [path], read)


def schema_problem(data: object, name: str) -> str | None:
    """`location: message` of the error that best explains why `data` does not fit the
    schema `name`, or None when it fits (one line, for the user)."""
    schema = load_schema(name)
    if fits(data, schema, schema):
        return None
    # jsonschema costs more start-up than checking a file: it is imported only to find
    # and word what is wrong, or when `fits` cannot tell.
    import jsonschema  # see above: 30 ms to import

    validator = jsonschema.Draft202012Validator(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is None:
        return None
    location = ".".join(str(part) for part in error.absolute_path) or "top level"
    return f"{location}: {error.message}"


def fits_definition(data: object, name: str, definition: str) -> bool:
    """Whether `data` fits the definition `definition` in the `$defs` of schema `name`."""
    schema = load_schema(name)
    if fits(data, schema["$defs"][definition], schema):
        return True
    return _definition_validator(name, definition).is_valid(data)


@cache
def _definition_validator(name: str, definition: str) -> Any:  # noqa: ANN401 (jsonschema's)
    import jsonschema  # see above: 30 ms to import

    schema = load_schema(name)
    return jsonschema.Draft202012Validator(
        {"$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}
    )


# The keywords `fits` understands; a schema with any other one is left to jsonschema.
_KNOWN = frozenset(
    (
        *("$defs", "$id", "$schema", "title", "description"),  # no constraint
        *("$ref", "type", "enum", "properties", "additionalProperties", "items"),
        *("minLength", "minimum", "maximum", "pattern", "required"),
    )
)
_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def fits(data: object, schema: object, root: dict[str, Any]) -> bool:
    """True only when `data` certainly fits `schema` (`root` holds its `$defs`): the
    subset of JSON Schema the shipped config and layout schemas use, decided strictly
    (a float for an integer, a key it does not know: False), so that False means only
    "ask jsonschema", which also words the error. The tests hold it to jsonschema."""
    if isinstance(schema, bool):
        return schema
    if not isinstance(schema, dict) or not schema.keys() <= _KNOWN:
        return False
    ref = schema.get("$ref")
    if ref is not None:
        name = ref.removeprefix("#/$defs/")
        if name == ref or name not in root.get("$defs", {}):
            return False
        if not fits(data, root["$defs"][name], root):
            return False
    if "type" in schema and not _typed(data, schema["type"]):
        return False
    if "enum" in schema and not any(
        type(data) is type(value) and data == value for value in schema["enum"]
    ):
        return False
    if isinstance(data, str):
        return _fits_string(data, schema)
    if type(data) in (int, float):
        low, high = schema.get("minimum", data), schema.get("maximum", data)
        return bool(low <= data <= high)
    if isinstance(data, dict):
        if not all(key in data for key in schema.get("required", ())):
            return False
        return _fits_object(data, schema, root)
    if isinstance(data, list):
        items = schema.get("items", True)
        return all(fits(item, items, root) for item in data)
    return True


def _typed(data: object, types: object) -> bool:
    names = types if isinstance(types, list) else [types]
    return any(type(data) in _TYPES.get(name, ()) for name in names if isinstance(name, str))


def _fits_string(data: str, schema: dict[str, Any]) -> bool:
    if len(data) < schema.get("minLength", 0):
        return False
    pattern = schema.get("pattern")
    return pattern is None or re.search(pattern, data) is not None  # as jsonschema does


def _fits_object(data: dict[Any, Any], schema: dict[str, Any], root: dict[str, Any]) -> bool:
    properties = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    return all(
        isinstance(key, str) and fits(value, properties.get(key, extra), root)
        for key, value in data.items()
    )
