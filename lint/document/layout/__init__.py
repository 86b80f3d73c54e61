"""Layout profiles (lint/document/layouts/*.toml): reading, merging and checking them
(files, load), and each as compiled patterns (model)."""

from referat_lint.document.layout.files import (
    BASE,
    FOLDER,
    LayoutError,
    merge,
    read_toml_profiles,
    resolve,
    shipped_profiles,
)
from referat_lint.document.layout.load import (
    by_name,
    check_profile,
    load_layouts,
    load_project_profile,
)
from referat_lint.document.layout.model import CaseNumberFormat, Layout

__all__ = [
    "BASE",
    "FOLDER",
    "CaseNumberFormat",
    "Layout",
    "LayoutError",
    "by_name",
    "check_profile",
    "load_layouts",
    "load_project_profile",
    "merge",
    "read_toml_profiles",
    "resolve",
    "shipped_profiles",
]
