"""Which configuration applies to which file: the nearest config above it, as ruff has it.

`--config FILE` gives one config for every file. Otherwise each file's settings come from
the nearest `.referat-lint.toml` (or `pyproject.toml` with `[tool.referat-lint]`) in its
folder or above, whose folder is that file's root for `per-file-ignores` and path-like
excludes; a file with none above it gets the run's config (found from the working
directory). Command-line options are laid over whichever config applies.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from referat_lint.checking.rule import Rule
from referat_lint.config import Config, config_in, load_config

Overlay = Callable[[Config], Config]  # the command line's overrides


class Resolver:
    """The Config of each file or folder; every config file is read once per run."""

    def __init__(
        self, run_config: Config, rules: Sequence[Rule], overlay: Overlay, fixed: bool
    ) -> None:
        self.run_config = run_config  # the working directory's (or --config's), overlaid
        self.rules = rules
        self.overlay = overlay
        self.fixed = fixed  # --config: the same config for every file
        self._by_folder: dict[Path, Config] = {}
        self._by_file: dict[Path, Config] = {}
        if run_config.path is not None:
            self._by_file[run_config.path.resolve()] = run_config

    def for_folder(self, folder: Path) -> Config:
        """The config that applies to the files in `folder`."""
        if self.fixed:
            return self.run_config
        return self._lookup(folder.resolve())

    def _lookup(self, folder: Path) -> Config:
        """The config of a resolved folder: its own file, else its parent's (each folder is
        looked at once, however many files and subfolders it holds)."""
        config = self._by_folder.get(folder)
        if config is None:
            found = config_in(folder)
            if found is not None:
                config = self._by_file.get(found)
                if config is None:
                    config = self.overlay(load_config(found, self.rules))
                    self._by_file[found] = config
            elif folder.parent == folder:
                config = self.run_config  # no config above: the working directory's
            else:
                config = self._lookup(folder.parent)
            self._by_folder[folder] = config
        return config

    def for_path(self, path: str) -> Config:
        """The config that applies to the file `path` (`-`: the run's)."""
        if path == "-":
            return self.run_config
        return self.for_folder(Path(path) if os.path.isdir(path) else Path(path).parent)


def show_settings(path: str, config: Config) -> str:
    """The resolved settings for one file, and the config file they come from."""
    source = str(config.path) if config.path is not None else "(defaults)"
    data: dict[str, Any] = {"file": path, "config": source, "root": str(config.root)}
    for name, value in config._asdict().items():
        if name not in ("path", "root"):
            data[name.replace("_", "-")] = _plain(value)
    import json  # only --show-settings prints JSON: 2 ms of every other start-up

    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _plain(value: object) -> object:
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "value"):  # an enum such as Severity
        return value.value
    return value
