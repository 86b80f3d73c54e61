"""Packaged data files in the form the code reads, kept beside them as Python keeps bytecode.

The layout profiles and the texts are TOML, and the lexicon is xz-compressed: the files a
person edits and reviews. Parsing the TOML costs a third of a clean file's start-up, and
decompressing the lexicon most of its load, so the parsed form is kept in `__pycache__`
beside the sources, as Python keeps a module's bytecode. It cannot go stale: it is keyed by
a hash of the sources' bytes (and the interpreter's version), rebuilt when they
differ, and a missing, unreadable or damaged copy is simply rebuilt. Where the folder is
read-only, or the user has switched bytecode caches off, the sources are read every time.
The copy is as trusted as the bytecode beside it: whoever can write one can write the other.
"""

from __future__ import annotations

import contextlib
import marshal
import mmap
import sys
from collections.abc import Callable, Sequence
from importlib.util import source_hash
from pathlib import Path
from typing import Any, TypeVar, cast

from referat_lint.input.atomic import WriteError, write_atomic

_FORMAT = b"referat-lint packaged data 1\0"
_KEY_SIZE = 8  # what importlib.util.source_hash gives, as for hash-checked bytecode

T = TypeVar("T")


def packaged(name: str, sources: Sequence[Path], build: Callable[[], T]) -> T:
    """What `build()` makes of `sources` (plain data: dicts, lists, str, numbers), from the
    kept copy when the sources are unchanged, else built now and kept for the next run."""
    key = _key(name, sources)
    store = _store(name, sources)
    payload = read_kept(store, key)
    if payload is not None:
        with contextlib.suppress(ValueError, EOFError, TypeError):
            return cast(T, marshal.loads(payload))
    value = build()
    plain: Any = value  # marshal says what it cannot write (ValueError)
    with contextlib.suppress(ValueError):  # not plain data: nothing kept, still correct
        keep(store, key, marshal.dumps(plain))
    return value


def packaged_bytes(name: str, sources: Sequence[Path], build: Callable[[], bytes]) -> memoryview:
    """What `build()` makes of `sources` (raw bytes), mapped from the kept copy rather than
    read: its pages load as they are used and are shared by every process that maps them
    (the lexicon's 18 MB, read and unmarshalled, cost 25 ms of each worker that needed it).
    Checked as `packaged`'s copies are; built afresh where none can be kept."""
    key = _key(name, sources)
    store = _store(name, sources)
    mapped = _map_kept(store, key)
    if mapped is not None:
        return mapped
    value = build()
    keep(store, key, value)
    return memoryview(value)


def _store(name: str, sources: Sequence[Path]) -> Path:
    return sources[0].parent / "__pycache__" / f"{name}.{sys.implementation.cache_tag}.data"


def _map_kept(store: Path, key: bytes) -> memoryview | None:
    """read_kept's answer, mapped: None when missing, kept under another key or damaged."""
    try:
        with store.open("rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # missing, unreadable, or empty (nothing to map)
        return None
    # The file is replaced only by a rename (write_atomic): this mapping keeps what it read.
    return _payload(memoryview(mapped), key)


def _key(name: str, sources: Sequence[Path]) -> bytes:
    # The hash Python keys hash-checked bytecode with: hashlib would cost start-up its import.
    parts = [_FORMAT, f"{name}\0{marshal.version}\0{sys.version}\0".encode()]
    for source in sources:
        data = source.read_bytes()
        parts += [f"{source.name}\0{len(data)}\0".encode(), data]
    return source_hash(b"".join(parts))


def read_kept(store: Path, key: bytes) -> memoryview | None:
    """The payload kept at `store` under `key` (a view, not a copy: the lexicon's is 18 MB);
    None when it is missing, kept under another key, or damaged (its own hash, kept beside
    it, differs)."""
    try:
        raw = store.read_bytes()
    except OSError:
        return None
    return _payload(memoryview(raw), key)


def _payload(kept: memoryview, key: bytes) -> memoryview | None:
    """The payload of a kept copy: after its key and its own hash, both checked."""
    payload = kept[2 * _KEY_SIZE :]
    if kept[:_KEY_SIZE] != key or kept[_KEY_SIZE : 2 * _KEY_SIZE] != source_hash(payload):
        return None
    return payload


def keep(store: Path, key: bytes, payload: bytes) -> None:
    """Write `payload` at `store` under `key`, atomically (another process may be reading or
    writing it); nothing when bytecode caches are off or the folder cannot be written."""
    if sys.dont_write_bytecode:
        return
    with contextlib.suppress(OSError, WriteError):
        store.parent.mkdir(exist_ok=True)
        write_atomic(store, key + source_hash(payload) + payload)
