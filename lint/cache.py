"""A cache of check results keyed by file content, configuration and tool version.

One JSON file per entry under `.referat-lint-cache/`; written atomically (temporary file,
rename), so two runs may share it, and read defensively: a missing, unreadable or corrupt
entry is a miss. An unwritable cache folder just means no cache.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from . import __version__
from .config import Config
from .findings import Finding, finding_from_data, finding_to_data
from .rule import Rule

CACHE_DIR = ".referat-lint-cache"
_FORMAT = 1


class CachedResult(NamedTuple):
    """What a check found in one version of one file."""

    encoding: str
    findings: tuple[Finding, ...]
    layout: str | None = None
    kind: str | None = None


def config_fingerprint(config: Config, rules: Sequence[Rule]) -> str:
    """A hash of everything besides the file that decides the findings."""
    relevant = {
        "version": __version__,
        "code": _code_fingerprint(),
        "format": _FORMAT,
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


def _code_fingerprint() -> list[tuple[str, int, int]]:
    """Size and modification time of the code and data behind the findings, so that a
    changed rule or lexicon is never answered from the cache (the version alone would not
    change during development or a local patch). Every file of the package's folders
    counts, whatever this process happened to import."""
    from . import report, rules, schema

    folders = [p for path in (rules.__path__, report.__path__, schema.__path__) for p in path]
    here = os.path.dirname(__file__)
    folders += [here, os.path.join(here, "data"), os.path.join(here, "extract")]
    folders += [os.path.join(here, "layouts")]
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


class Cache:
    """Check results on disk; every failure to read or write degrades to a miss."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.root = folder
        self.folder = folder / f"v{_FORMAT}"
        self.fingerprint = fingerprint
        self.writable = True
        self._prepared = False

    def _prepare(self) -> None:
        """Create the folder so that git and backup tools leave it alone."""
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.root / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# created by referat-lint\n*\n", encoding="utf-8")
        tag = self.root / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n", encoding="utf-8")
        self._prepared = True

    def key(self, path: str, data: bytes) -> str:
        import hashlib

        digest = hashlib.sha256(self.fingerprint.encode())
        # The path counts: per-file-ignores make findings depend on it.
        digest.update(os.path.normpath(path).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> CachedResult | None:
        try:
            raw = self._entry(key).read_bytes()
        except OSError:
            return None  # a miss: no need to load the JSON module
        import json

        try:
            data = json.loads(raw)
            return CachedResult(
                encoding=str(data["encoding"]),
                findings=tuple(finding_from_data(f) for f in data["findings"]),
                layout=data.get("layout"),
                kind=data.get("kind"),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, result: CachedResult) -> None:
        if not self.writable:
            return
        entry = self._entry(key)
        payload = {
            "encoding": result.encoding,
            "findings": [finding_to_data(f) for f in result.findings],
            "layout": result.layout,
            "kind": result.kind,
        }
        import json
        import tempfile  # only when writing

        temporary = None
        try:
            if not self._prepared:
                self._prepare()
            entry.parent.mkdir(exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump(payload, handle, ensure_ascii=False)
            os.replace(temporary, entry)
        except OSError:
            self.writable = False  # read-only archive, full disk: carry on without a cache
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
