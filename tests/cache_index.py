"""Reading and editing the cache's index in tests, as another process could have written it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from referat_lint.checking.cache import INDEX


def index_path(cache_dir: Path) -> Path:
    [path] = cache_dir.glob(f"v*/{INDEX}")
    return path


def index_files(cache_dir: Path) -> dict[str, Any]:
    """The records of the one configuration in the index, by path."""
    index = json.loads(index_path(cache_dir).read_text("utf-8"))
    [table] = index["tables"].values()
    return table["files"]


def edit_index(cache_dir: Path, change: Callable[[dict[str, Any]], object]) -> None:
    """Apply `change` to the records of the one configuration and write the index back."""
    path = index_path(cache_dir)
    index = json.loads(path.read_text("utf-8"))
    [table] = index["tables"].values()
    change(table["files"])
    path.write_text(json.dumps(index), "utf-8")


def record_with_findings(files: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in files.values() if r["result"]["findings"])
