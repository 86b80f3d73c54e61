"""The JSON Schemas shipped in schema/, and checking data against them."""

from __future__ import annotations

import json
from functools import cache

# typing only for the type checker: importing it costs every run start-up time
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A schema of the package by file name (`config.schema.json`)."""
    from importlib import resources

    text = resources.files("referat_lint.schema").joinpath(name).read_text("utf-8")
    return json.loads(text)


def schema_problem(data: object, name: str) -> str | None:
    """`location: message` of the error that best explains why `data` does not fit the
    schema `name`, or None when it fits (one line, for the user)."""
    import jsonschema  # only where something is validated: it costs start-up time

    validator = jsonschema.Draft202012Validator(load_schema(name))
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is None:
        return None
    location = ".".join(str(part) for part in error.absolute_path) or "top level"
    return f"{location}: {error.message}"
