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

from referat_lint import __version__
from referat_lint.checking.findings import Finding, finding_from_data, finding_to_data
from referat_lint.checking.rule import Rule
from referat_lint.config import Config
from referat_lint.input.identity import relative_path
from referat_lint.input.reading import InputError, read_regular

CACHE_DIR = ".referat-lint-cache"
_FORMAT = 2
_MAX_ENTRY = 64 * 1000 * 1000  # an entry holds findings, never more than this


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")  # Infinity, NaN: Python's json takes them


class CachedResult(NamedTuple):
    """What a check found in one version of one file."""

    encoding: str
    findings: tuple[Finding, ...]
    layout: str | None = None
    kind: str | None = None
    committee: str | None = None
    year: int | None = None


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
    from referat_lint import rules, schema

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


class Cache:
    """Check results on disk; every failure to read or write degrades to a miss."""

    def __init__(
        self,
        folder: Path,
        fingerprint: str,
        rules: Sequence[Rule] = (),
        root: Path | None = None,
    ) -> None:
        self.root = folder
        self.folder = folder / f"v{_FORMAT}"
        self.fingerprint = fingerprint
        self.rules = {rule.name: rule for rule in rules}  # what an entry may name
        self.config_root = root  # paths are keyed relative to the config's folder
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
        # The path counts: per-file-ignores make findings depend on it, and they match the
        # resolved path relative to the config's folder, so that is the path keyed.
        digest.update(self._keyed_path(path).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _keyed_path(self, path: str) -> str:
        resolved = os.path.realpath(path)
        if self.config_root is None:
            return resolved
        return relative_path(resolved, self.config_root) or resolved

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, data: bytes | None = None) -> CachedResult | None:
        """The entry for `key`, or None: missing, unreadable, or in any doubt (an entry is
        data another process could have written, so it is checked like input)."""
        try:  # a regular file of sane size only: a FIFO or a link to a device is a miss
            raw = read_regular(self._entry(key), _MAX_ENTRY, follow=False)
        except (OSError, InputError):
            return None  # a miss: no need to load the JSON module
        import json

        try:
            entry = json.loads(raw, parse_constant=_no_constant)
            result = CachedResult(
                encoding=entry["encoding"],
                findings=tuple(finding_from_data(f) for f in entry["findings"]),
                layout=entry.get("layout"),
                kind=entry.get("kind"),
                committee=entry.get("committee"),
                year=entry.get("year"),
            )
            lines = None if data is None else data.count(b"\n") + 1
            if all(self._valid(finding, lines) for finding in result.findings) and self._fits(
                result
            ):
                return result
        except (OSError, ValueError, KeyError, TypeError, LookupError, RecursionError):
            pass
        return None

    def _fits(self, result: CachedResult) -> bool:
        """Whether the entry, as the JSON report would print it, fits the report schema's
        own definition of a file: the schema is the one description of a valid result."""
        import codecs

        from referat_lint.checking.result import FileResult
        from referat_lint.out.report import ReportContext
        from referat_lint.out.report.json_report import file_data
        from referat_lint.schemas import fits_definition

        if not isinstance(result.encoding, str):
            return False
        codecs.lookup(result.encoding)  # LookupError (a miss) for a codec that does not exist
        context = ReportContext(rules=self.rules, lang="en", color=False)
        shown = file_data(FileResult("-", result.findings, encoding=result.encoding), context)
        shown.update(layout=result.layout, kind=result.kind)
        return fits_definition(shown, "report.schema.json", "file")

    def _valid(self, finding: Finding, lines: int | None) -> bool:
        """A finding a reporter can render: a known rule and message, arguments that fill
        it, spans inside the file. Anything else is a miss, not a traceback."""
        rule = self.rules.get(finding.rule)
        if rule is None or rule.code != finding.code or finding.message_key not in rule.messages:
            return False
        if not isinstance(finding.snippet, str) or not all(
            isinstance(v, (str, int, float, bool)) for v in finding.args.values()
        ):
            return False
        for lang in ("da", "en"):
            rule.message(finding, lang)  # raises KeyError/ValueError/IndexError when it cannot
        spans = [finding.span]
        if finding.fix_view is not None:
            spans += [edit.span for edit in finding.fix_view.edits]
        for span in spans:
            if not 1 <= span.line <= span.end_line or span.column < 1 or span.end_column < 1:
                return False
            if lines is not None and span.end_line > lines:
                return False
        if finding.fix is not None:
            if any(not 0 <= e.start <= e.end for e in finding.fix.edits):
                return False
            if finding.fix.encode_as is not None:
                import codecs

                codecs.lookup(finding.fix.encode_as)  # LookupError for an unknown codec
        return True

    def put(self, key: str, result: CachedResult) -> None:
        if not self.writable:
            return
        entry = self._entry(key)
        payload = {
            "encoding": result.encoding,
            "findings": [finding_to_data(f) for f in result.findings],
            "layout": result.layout,
            "kind": result.kind,
            "committee": result.committee,
            "year": result.year,
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
