"""Check many files: in order, through the cache, in worker processes when asked to.

Results come back in the order the files were named, whatever order the workers finish
in, and at most a few files per worker are in flight, so memory stays flat however many
files a folder holds.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .cache import Cache, CachedResult, config_fingerprint
from .config import Config
from .extract import sniff
from .files import STDIN, Target
from .rule import Rule
from .runner import FileResult, Mode, check_file, context_lines, load, read_bytes

if TYPE_CHECKING:
    from concurrent.futures import Future

_IN_FLIGHT_PER_WORKER = 4  # chunks queued per worker: enough to keep it busy, memory flat
_CHUNK = 16  # files per task


class Job(NamedTuple):
    """How every file of a run is to be checked."""

    config: Config
    mode: Mode
    unsafe: bool = False
    cache_dir: Path | None = None  # None: no cache
    keep_lines: bool = False  # only reporters that show context need the text
    text_to: Path | None = None  # --fix-text-to: where a PDF's or DOCX's repaired text goes


def default_jobs(file_count_hint: int | None = None) -> int:
    """One worker per core; one for a single file (a worker costs more than it saves)."""
    if file_count_hint is not None and file_count_hint <= 1:
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run(targets: Iterable[Target], job: Job, jobs: int) -> Iterator[FileResult]:
    """A FileResult for every target, in target order."""
    if jobs <= 1:
        worker = _Worker(job)
        for target in targets:
            yield worker.check(target)
        return
    # Imported here: process pools cost start-up time that a one-file run must not pay.
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(job,)) as pool:
        pending: deque[Future[list[FileResult]] | list[FileResult]] = deque()
        for chunk in _chunks(targets):
            if _stays_here(chunk[0]):
                pending.append([_Worker.shared(job).check(chunk[0])])
            else:
                pending.append(pool.submit(_check_in_worker, chunk))
            while len(pending) > jobs * _IN_FLIGHT_PER_WORKER:
                yield from _results(pending.popleft())
        while pending:
            yield from _results(pending.popleft())


def _stays_here(target: Target) -> bool:
    """stdin belongs to this process, and a problem with a named path needs no worker."""
    return target.problem is not None or target.path == STDIN


def _chunks(targets: Iterable[Target]) -> Iterator[list[Target]]:
    """Files in groups of up to _CHUNK, so that a worker's round trip (pickling the task and
    its results) is paid per group, not per file; targets that stay here go alone."""
    chunk: list[Target] = []
    for target in targets:
        if _stays_here(target):
            if chunk:
                yield chunk
                chunk = []
            yield [target]
            continue
        chunk.append(target)
        if len(chunk) == _CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _results(item: Future[list[FileResult]] | list[FileResult]) -> list[FileResult]:
    return item if isinstance(item, list) else item.result()


class _Worker:
    """Checks files with one set of rules, config and cache (one per process)."""

    _shared: _Worker | None = None

    def __init__(self, job: Job) -> None:
        from .rules import all_rules

        self.job = job
        self.rules: Sequence[Rule] = all_rules()
        self.cache = (
            Cache(job.cache_dir, config_fingerprint(job.config, self.rules))
            if job.cache_dir is not None
            else None
        )

    @classmethod
    def shared(cls, job: Job) -> _Worker:
        if cls._shared is None or cls._shared.job != job:
            cls._shared = cls(job)
        return cls._shared

    def check(self, target: Target) -> FileResult:
        if target.problem is not None:
            return FileResult(target.path, problem=target.problem, fatal=target.fatal)
        job = self.job

        def checked(data: bytes | None = None) -> FileResult:
            return check_file(
                target.path,
                self.rules,
                job.config,
                job.mode,
                unsafe=job.unsafe,
                data=data,
                keep_lines=job.keep_lines,
                text_to=job.text_to,
            )

        if self.cache is None or target.path == STDIN:
            return checked()
        try:
            data = read_bytes(target.path, job.config)
        except (OSError, ValueError):
            return checked()  # check_file words the problem; the cache has nothing to add
        if job.mode is not Mode.CHECK and sniff(data):
            return checked(data)  # --fix on a PDF or DOCX writes (or names) its text every run
        key = self.cache.key(target.path, data)
        hit = self.cache.get(key)
        if hit is not None and (
            job.mode is Mode.CHECK
            or not any(f.fix and f.fix.applies(job.unsafe) for f in hit.findings)
        ):
            lines: tuple[str, ...] = ()
            if job.keep_lines:  # the cache keeps findings, not text: decode it again
                lines = context_lines(load(data).text, hit.findings, self.rules)
            return FileResult(
                target.path,
                hit.findings,
                hit.encoding,
                lines=lines,
                layout=hit.layout,
                kind=hit.kind,
            )
        result = checked(data)
        if result.problem is None and not result.fixed and result.encoding is not None:
            self.cache.put(
                key, CachedResult(result.encoding, result.findings, result.layout, result.kind)
            )
        return result


def _init_worker(job: Job) -> None:
    _Worker._shared = _Worker(job)


def _check_in_worker(chunk: list[Target]) -> list[FileResult]:
    assert _Worker._shared is not None
    return [_Worker._shared.check(target) for target in chunk]
