"""The shipped layout profiles, read from their TOML files: each passes the schema and the
pattern checks a project's own profile must pass, and `extends` is resolved."""

from __future__ import annotations

import pytest

from referat_lint.document.layout import (
    BASE,
    FOLDER,
    Layout,
    LayoutError,
    check_profile,
    load_layouts,
    shipped_profiles,
)


@pytest.mark.parametrize("name", sorted(shipped_profiles()))
def test_shipped_profile_is_valid(name: str) -> None:
    check_profile(shipped_profiles()[name], f"{name}: ")


def test_every_toml_file_is_a_profile() -> None:
    assert sorted(shipped_profiles()) == sorted(p.stem for p in FOLDER.glob("*.toml"))
    assert "extends" not in shipped_profiles()[BASE]
    # what a layout inherits is there after resolving: base's case-number formats
    for data in shipped_profiles().values():
        assert "extends" not in data
        assert data["case-numbers"]["formats"], data["name"]


def test_concrete_layouts_leave_out_the_abstract_base() -> None:
    names = {layout.name for layout in load_layouts()}
    assert BASE not in names and names == {
        name for name, data in shipped_profiles().items() if not data.get("abstract")
    }


def test_a_broken_pattern_is_one_line() -> None:
    data = {**shipped_profiles()[BASE], "toc": {"leader": "("}}
    with pytest.raises(LayoutError, match=r"^x: toc\.leader\[0\]: bad pattern: "):
        check_profile(data, "x: ")


def _schema_keys() -> set[tuple[str, str]]:
    """Every (table, key) the layout schema knows, without the `extra-` list additions."""
    from referat_lint.schemas import load_schema

    properties = load_schema("layout.schema.json")["properties"]
    return {
        (table, key)
        for table, spec in properties.items()
        for key in spec.get("properties", {})
        if not key.startswith("extra-")
    }


def test_base_gives_every_schema_key_its_one_default() -> None:
    base = shipped_profiles()[BASE]
    keys = _schema_keys()
    assert {(t, k) for t, v in base.items() if isinstance(v, dict) for k in v} == keys
    assert ("case-numbers", "number-like") not in keys  # never read, so not a key


def test_a_key_the_profile_leaves_out_comes_from_base() -> None:
    layout = Layout({"name": "x", "furniture": {"lines": []}})
    assert layout.get("furniture", "repeated-window") == 6
    assert layout.get("decisions", "closed-unheaded") is True
    with pytest.raises(KeyError):
        layout.get("furniture", "no-such-key")
