"""`fits`, the quick schema check that spares a configured run importing jsonschema, never
passes what jsonschema refuses, and passes the configs people write."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from referat_lint.schemas import fits, load_schema, schema_problem

from conftest import ROOT

CONFIG = load_schema("config.schema.json")


def valid(data: object, schema: dict) -> bool:
    return jsonschema.Draft202012Validator(schema).is_valid(data)


def readme_configs() -> list[dict]:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Configuration")[1].split("\n## ")[0]
    tables = [tomllib.loads(part.split("```")[0]) for part in section.split("```toml")[1:]]
    return [table.get("tool", {}).get("referat-lint", table) for table in tables]


def test_the_readme_configs_fit_without_jsonschema() -> None:
    configs = readme_configs()
    assert len(configs) >= 2
    for config in configs:
        assert valid(config, CONFIG)
        assert fits(config, CONFIG, CONFIG)


def test_what_does_not_fit_is_worded_by_jsonschema() -> None:
    for data, where in (
        ({"lang": "fr"}, "lang"),
        ({"max-file-size": 0}, "max-file-size"),
        ({"exclude": [""]}, "exclude.0"),
        ({"select": ["Not A Rule"]}, "select.0"),
        ({"unknown-key": True}, "top level"),
        ({"fail-on": True}, "fail-on"),
        ({"select": "RL1"}, "select"),
    ):
        assert not fits(data, CONFIG, CONFIG)
        problem = schema_problem(data, "config.schema.json")
        assert problem is not None and problem.startswith(f"{where}: "), problem


def test_a_keyword_it_does_not_know_is_left_to_jsonschema() -> None:
    schema = {"type": "array", "minItems": 1}
    assert not fits([], schema, schema)
    assert not fits([1], schema, schema)  # not sure, so jsonschema decides


def test_required_keys_are_decided_without_jsonschema() -> None:
    """The report schema's definitions name their required keys: a cached result is
    checked against them without importing jsonschema."""
    schema = {"type": "object", "required": ["x"]}
    assert not fits({}, schema, schema)
    assert not fits({"y": 1}, schema, schema)
    assert fits({"x": 1}, schema, schema)
    assert fits({"x": 1, "y": 2}, schema, schema)
    assert schema_problem({}, "config.schema.json") is None


def test_a_clean_run_with_a_config_does_not_import_jsonschema(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.referat-lint]\nignore = ["toc-page-order"]\nlang = "da"\n'
        '[tool.referat-lint.severity]\nweekday-mismatch = "error"\n',
        "utf-8",
    )
    code = (
        "import sys\nfrom referat_lint.cli import main\n"
        "code = main(['--no-cache', '--list-rules'])\n"
        "from referat_lint.config import find_config_file, load_config\n"
        "from referat_lint.rules import all_rules\nfrom pathlib import Path\n"
        "config = load_config(find_config_file(Path.cwd()), all_rules())\n"
        "print(config.lang, 'jsonschema' in sys.modules)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert run.stdout.splitlines()[-1] == "da False"


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=40),
    st.floats(allow_nan=False, allow_infinity=False, width=16),
    st.sampled_from(
        [
            "",
            "da",
            "en",
            "fr",
            "ALL",
            "RL1",
            "RL1001",
            "mojibake",
            "toc-page-order",
            "Bad Name",
            "ALL\n",
            "warning",
            "error",
            "info",
            "off",
            "*.txt",
            "udkast/**",
            "x",
        ]
    ),
)
KEYS = st.sampled_from(
    [*sorted(CONFIG["properties"]), "unknown", "mojibake", "title-only-bodies", "x"]
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(KEYS, inner, max_size=3)),
    max_leaves=8,
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=4))
def test_fits_never_passes_what_jsonschema_refuses(data: dict) -> None:
    if fits(data, CONFIG, CONFIG):
        assert valid(data, CONFIG), data


def near(schema: dict) -> st.SearchStrategy[object]:
    """Values shaped like what `schema` asks for, mostly right, sometimes a little wrong."""
    if "$ref" in schema:
        schema = {**CONFIG["$defs"][schema["$ref"].split("/")[-1]], **schema}
        del schema["$ref"]
    kind = schema.get("type")
    if "enum" in schema:
        shaped = st.sampled_from(schema["enum"])
    elif kind == "array":
        shaped = st.lists(near(schema.get("items", {})), max_size=3)
    elif kind == "object" and schema.get("additionalProperties", True) is False:
        properties = schema.get("properties", {})
        optional = {key: st.deferred(lambda v=value: near(v)) for key, value in properties.items()}
        shaped = st.fixed_dictionaries({}, optional=optional)
    elif kind == "object":
        extra = schema.get("additionalProperties", {})
        keys = st.sampled_from(["mojibake", "toc-page-order", "title-only-bodies", "x"])
        shaped = st.dictionaries(keys, near(extra if isinstance(extra, dict) else {}), max_size=3)
    elif kind == "boolean":
        shaped = st.booleans()
    elif kind == "integer":
        shaped = st.integers(min_value=-1, max_value=10**9)
    else:
        shaped = SCALARS
    return st.integers(0, 29).flatmap(lambda n: SCALARS if n == 0 else shaped)


@settings(max_examples=400, deadline=None)
@given(near(CONFIG))
def test_fits_agrees_with_jsonschema_on_configs_near_valid(data: object) -> None:
    assert not fits(data, CONFIG, CONFIG) or valid(data, CONFIG), data
