"""Fingerprints of what decides a file's findings besides its bytes: the configuration,
the rules, and the code and data of the tool (so a changed rule or lexicon is never
answered from the cache)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from referat_lint import __version__, rules, schema

if TYPE_CHECKING:
    from referat_lint.checking.rule import Rule
    from referat_lint.config import Config

FORMAT = 3  # the cache index's format: a new one leaves the old index unread


def config_fingerprint(config: Config, rules: Sequence[Rule]) -> str:
    """A hash of everything besides the file that decides the findings."""
    relevant = {
        "version": __version__,
        "code": _code_fingerprint(),
        "format": FORMAT,
        "rules": [(rule.code, rule.name) for rule in rules],
        "select": config.select,
        "ignore": config.ignore,
        "per_file_ignores": sorted(config.per_file_ignores.items()),
        "severity": sorted((k, v.value) for k, v in config.severity.items()),
        "options": sorted(config.rule_options.items()),
        "case_numbers": config.case_number_patterns,
        "layouts": (config.layout, config.kind, config.layouts, config.standard_items),
        "per_file_layouts": sorted(config.per_file_layout.items()),
        "per_file_kinds": sorted(config.per_file_kind.items()),
        "check_all_text": config.check_all_text,
    }
    import hashlib  # not for a run without the cache

    return hashlib.sha256(repr(relevant).encode("utf-8")).hexdigest()


def code_fingerprint() -> str:
    """A hash of the code and data behind the findings (and of the version)."""
    return hashlib.sha256(repr((__version__, _code_fingerprint())).encode()).hexdigest()


def _code_fingerprint() -> list[tuple[str, int, int]]:
    """Size and modification time of the code and data behind the findings, so that a
    changed rule or lexicon is never answered from the cache (the version alone would not
    change during development or a local patch). Every file of the package's folders
    counts, whatever this process happened to import."""
    folders = [p for path in (rules.__path__, schema.__path__) for p in path]
    package = os.path.dirname(os.path.dirname(__file__))
    folders += [top for top, _, _ in os.walk(package) if "__pycache__" not in top]
    stamps = []
    for folder in sorted(folders):
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith((".py", ".toml", ".json", ".xz")):
                status = entry.stat()
                stamps.append((entry.name, status.st_size, status.st_mtime_ns))
    return stamps
