"""A cache of check results keyed by file content, configuration and tool version.

One index file per cache folder, `.referat-lint-cache/v3/index.json`: per configuration
(its fingerprint holds the code's), per file (a hash of its path relative to the config's
folder: a path may hold a CPR number, the cache none) the file's size, modification and
change times, its content hash and the result. A re-run over an unchanged archive reads
the index once and `stat`s each file; a file whose stamp differs, or was stamped too close
to when it was checked (a change within the same clock tick keeps the stamp), is hashed,
and checked again only when its bytes differ. `--refresh` checks every file again and
rewrites its record.

The index is written atomically (temporary file, rename) and merged under a lock where
there is one, so runs may share the folder: the last writer wins, records of other
configurations are kept, those of other code versions dropped. It is read defensively: a
missing, unreadable, oversized or corrupt index, or record, is a miss. An unwritable cache
folder just means no cache.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from referat_lint.checking.findings import Finding, finding_from_data, finding_to_data
from referat_lint.checking.fingerprints import FORMAT as _FORMAT
from referat_lint.checking.fingerprints import code_fingerprint
from referat_lint.checking.result import FileResult
from referat_lint.checking.rule import Rule
from referat_lint.input.atomic import WriteError, write_atomic
from referat_lint.input.identity import relative_path
from referat_lint.input.reading import InputError, read_regular
from referat_lint.out.report import ReportContext
from referat_lint.out.report.json_report import file_data
from referat_lint.schemas import fits_definition

INDEX = "index.json"
MAX_INDEX = 1024 * 1000 * 1000  # larger than any archive's index: a bigger one is a miss
# A file stamped this close to (or after) the moment it was checked may change again within
# the same tick of a coarse clock (FAT: 2 s) without its stamp changing: hash it next time.
_RACY_NS = 2_000_000_000

Record = dict[str, Any]


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
    extracted: bool = False  # a PDF or DOCX: --fix writes its text every run


def _stamp(status: os.stat_result) -> list[int]:
    """What changes when a file's bytes do: size and modification time, and the change
    time, which a tool that resets the modification time sets anew."""
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns]


def read_index(path: Path) -> dict[str, Any]:
    """The tables of the index at `path` by fingerprint; {} for anything in doubt (missing,
    not a regular file, oversized, not JSON, not shaped as an index)."""
    try:  # a regular file of sane size only: a FIFO or a link to a device is a miss
        raw = read_regular(path, MAX_INDEX, follow=False)
    except (OSError, InputError):
        return {}

    try:
        index = json.loads(raw, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        return {}
    if not isinstance(index, dict) or index.get("format") != _FORMAT:
        return {}
    tables = index.get("tables")
    if not isinstance(tables, dict):
        return {}
    return {
        fingerprint: table
        for fingerprint, table in tables.items()
        if isinstance(table, dict)
        and isinstance(table.get("code"), str)
        and isinstance(table.get("files"), dict)
    }


class Cache:
    """Check results on disk; every failure to read or write degrades to a miss.

    `recall` answers from a file's stamp alone; `get` from its content's key; `put` records
    a result; `flush` writes the index (batch calls it when a process is done)."""

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
        self._files: dict[str, Record] | None = None  # this fingerprint's records, read once
        self._keys: dict[str, str] = {}  # content key -> path, for `get`
        self._changed: dict[str, Record] = {}  # records to write
        self._seen: dict[str, tuple[list[int], int]] = {}  # path -> stamp, when stat'ed
        self._clean: set[tuple[object, ...]] = set()  # results without findings known valid
        self._root: str | None = None  # the config's folder, resolved
        self._folders: dict[str, str] = {}  # folder -> resolved, for this run

    @property
    def index(self) -> Path:
        return self.folder / INDEX

    def _prepare(self) -> None:
        """Create the folder so that git and backup tools leave it alone."""
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.root / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# created by referat-lint\n*\n", encoding="utf-8")
        tag = self.root / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n", encoding="utf-8")

    def _records(self) -> dict[str, Record]:
        if self._files is None:
            table = read_index(self.index).get(self.fingerprint)
            self._files = table["files"] if table is not None else {}
            self._keys = {
                record["key"]: path
                for path, record in self._files.items()
                if isinstance(record, dict) and isinstance(record.get("key"), str)
            }
        return self._files

    def key(self, path: str, data: bytes) -> str:
        digest = hashlib.sha256(self.fingerprint.encode())
        # The path counts: per-file-ignores make findings depend on it, and they match the
        # resolved path relative to the config's folder, so that is the path keyed.
        digest.update(self._keyed_path(path).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _keyed_path(self, path: str) -> str:
        resolved = self._resolved(path)
        if self.config_root is None:
            return resolved
        if self._root is None:
            self._root = os.path.realpath(self.config_root).rstrip(os.sep) + os.sep
        if os.sep == "/":
            # relative_path's answer without resolving again (both sides are resolved): the
            # path below the config's folder, or the whole path from outside it.
            inside = resolved.startswith(self._root)
            return resolved[len(self._root) :] if inside else resolved
        return relative_path(resolved, self.config_root) or resolved

    def _resolved(self, path: str) -> str:
        """os.path.realpath(path), resolving each folder once per run, not once per file."""
        folder, name = os.path.split(path)
        if name in ("", ".", ".."):
            return os.path.realpath(path)
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder or ".")
        candidate = os.path.join(real, name)
        return os.path.realpath(candidate) if os.path.islink(candidate) else candidate

    def _name(self, path: str) -> str:
        """A file's name in the index: a hash of its keyed path, since a path may hold a CPR
        number (a file named after a person) and the cache holds none."""
        keyed = self._keyed_path(path).encode("utf-8", "surrogateescape")
        return hashlib.blake2b(keyed, digest_size=16).hexdigest()

    def recall(self, path: str) -> CachedResult | None:
        """The result recorded for the file at `path` when its stamp is unchanged (and was
        not taken too close to its check to tell a later change), without reading it."""
        keyed = self._name(path)
        checked = time.time_ns()  # before the stat: a change after it is a change after this
        try:
            stamp = _stamp(os.stat(path))
        except OSError:
            return None
        self._seen[keyed] = (stamp, checked)
        record = self._records().get(keyed)
        if not isinstance(record, dict) or record.get("stamp") != stamp:
            return None
        when = record.get("checked")
        if not isinstance(when, int) or max(stamp[1], stamp[2]) >= when - _RACY_NS:
            return None  # racy: the caller hashes the file
        return self._result(record, None)

    def get(self, key: str, data: bytes | None = None) -> CachedResult | None:
        """The result recorded for this content key, or None: missing or in any doubt (the
        index is data another process could have written, so it is checked like input).
        A hit re-stamps the file's record: touched, not changed."""
        records = self._records()
        path = self._keys.get(key)
        record = records.get(path) if path is not None else None
        if not isinstance(record, dict) or record.get("key") != key:
            return None
        lines = None if data is None else data.count(b"\n") + 1
        result = self._result(record, lines)
        if result is not None and path in self._seen:
            stamp, checked = self._seen[path]
            if record.get("stamp") != stamp or record.get("checked") != checked:
                record = {**record, "stamp": stamp, "checked": checked}
                records[path] = self._changed[path] = record
        return result

    def _result(self, record: Record, lines: int | None) -> CachedResult | None:
        try:
            entry = record["result"]
            recorded = record["lines"]
            if not isinstance(recorded, int) or (lines is not None and recorded != lines):
                return None
            result = CachedResult(
                encoding=entry["encoding"],
                findings=tuple(finding_from_data(f) for f in entry["findings"]),
                layout=entry.get("layout"),
                kind=entry.get("kind"),
                committee=entry.get("committee"),
                year=entry.get("year"),
                extracted=record.get("extracted") is True,
            )
            if not all(self._valid(finding, recorded) for finding in result.findings):
                return None
            clean = (result.encoding, result.layout, result.kind)
            if result.findings or clean not in self._clean:
                if not self._fits(result):
                    return None
                if not result.findings:
                    self._clean.add(clean)  # the schema says the same of every such result
            if result.committee is not None and not isinstance(result.committee, str):
                return None
            if result.year is not None and type(result.year) is not int:
                return None
            return result
        except (ValueError, KeyError, TypeError, LookupError, RecursionError, AttributeError):
            return None

    def _fits(self, result: CachedResult) -> bool:
        """Whether the entry, as the JSON report would print it, fits the report schema's
        own definition of a file: the schema is the one description of a valid result."""
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
                codecs.lookup(finding.fix.encode_as)  # LookupError for an unknown codec
        return True

    def put(
        self, key: str, result: CachedResult, path: str | None = None, data: bytes | None = None
    ) -> None:
        """Record `result` for the content `key` (of the file at `path`, read as `data`),
        stamped as the file was before it was read; written by `flush`."""
        if not self.writable:
            return
        records = self._records()
        keyed = self._name(path) if path is not None else key
        stamp, checked = self._seen.get(keyed, (None, 0))
        record = {
            "stamp": stamp,
            "checked": checked,
            "key": key,
            "lines": data.count(b"\n") + 1 if data is not None else 0,
            "extracted": result.extracted,
            "result": {
                "encoding": result.encoding,
                "findings": [finding_to_data(f) for f in result.findings],
                "layout": result.layout,
                "kind": result.kind,
                "committee": result.committee,
                "year": result.year,
            },
        }
        if data is None:
            record["lines"] = max(
                [f.span.end_line for f in result.findings]
                + [e.span.end_line for f in result.findings if f.fix_view for e in f.fix_view.edits]
                + [1]
            )
        old = records.get(keyed)
        if isinstance(old, dict) and old.get("key") in self._keys:
            self._keys.pop(old["key"], None)
        records[keyed] = self._changed[keyed] = record
        self._keys[key] = keyed

    def flush(self) -> None:
        """Write the records of this run into the index: under a lock where there is one,
        merged with what other runs wrote meanwhile (theirs for other files, ours for the
        files we checked), and replaced atomically, so a reader sees the old or the new."""
        try:
            if self._changed and self.writable:
                self._write()
        finally:  # the next run reads the index again: other runs may have written to it
            self._files, self._keys, self._changed, self._seen = None, {}, {}, {}
            self._folders = {}  # a folder may become a link before the next run

    def _write(self) -> None:
        try:
            self._prepare()
            with _locked(self.folder / "index.lock"):
                code = code_fingerprint()
                # Tables of other code versions never hit again: dropped. Other configs' kept.
                found = read_index(self.index)
                current = found.get(self.fingerprint)
                tables = {
                    fingerprint: table
                    for fingerprint, table in found.items()
                    if table["code"] == code and fingerprint != self.fingerprint
                }
                files = dict(current["files"]) if current is not None else {}
                files.update(self._changed)
                tables[self.fingerprint] = {"code": code, "files": files}
                payload = {"format": _FORMAT, "tables": tables}
                data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
                write_atomic(self.index, data.encode("utf-8"), within=self.folder)
        except (OSError, WriteError):
            self.writable = False  # read-only archive, full disk: carry on without a cache


@contextlib.contextmanager
def _locked(path: Path):  # noqa: ANN202
    """An exclusive lock on `path` for the merge and write; none where locks are not to be
    had (the rename alone still keeps the index whole; a record may then be lost)."""
    try:
        import fcntl  # POSIX only: Windows has no such module
    except ImportError:
        yield
        return
    try:
        # Not through a link, never blocking: the folder is data another process could plant.
        flags = os.O_RDWR | os.O_CREAT | os.O_NONBLOCK
        flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        descriptor = os.open(path, flags, 0o666)
    except OSError:
        yield
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)
