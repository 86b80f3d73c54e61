"""Check many files: in order, through the cache, in worker processes when asked to.

Results come back in the order the files were named, whatever order the workers finish
in, and at most a few files per worker are in flight, so memory stays flat however many
files a folder holds.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from referat_lint.checking.cache import Cache, CachedResult, config_fingerprint
from referat_lint.checking.rule import Rule
from referat_lint.checking.runner import (
    FileResult,
    Mode,
    check_file,
    context_lines,
    internal_error,
    load,
    read_bytes,
)
from referat_lint.config import Config
from referat_lint.input.extract import sniff
from referat_lint.input.files import STDIN, Target
from referat_lint.out.privacy import outward

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor


_IN_FLIGHT_PER_WORKER = 4  # chunks queued per worker: enough to keep it busy, memory flat
_CHUNK = 16  # files per task
MAX_JOBS = 64  # more processes than this only cost memory and start-up


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
    """A FileResult for every target, in target order.

    At most `jobs` workers, never more than MAX_JOBS nor more than there are chunks of
    files to give them. A worker that fails (a crash, a bug) costs the files of its chunk
    one error line each; the other files are still checked.
    """
    chunks = _chunks(targets)
    jobs = max(1, min(jobs, MAX_JOBS))
    head = list(itertools.islice(chunks, jobs)) if jobs > 1 else []
    jobs = min(jobs, sum(1 for chunk in head if not _stays_here(chunk[0])))
    if jobs <= 1:
        worker = _Worker.shared(job)
        for chunk in itertools.chain(head, chunks):
            for target in chunk:
                yield worker.check(target)
        return
    # Imported here: process pools cost start-up time that a one-file run must not pay.
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(job,)) as pool:
        pending: deque[tuple[list[Target], Future[list[FileResult]] | list[FileResult]]]
        pending = deque()
        for chunk in itertools.chain(head, chunks):
            pending.append((chunk, _submit(pool, job, chunk)))
            while len(pending) > jobs * _IN_FLIGHT_PER_WORKER:
                yield from _results(*pending.popleft())
        while pending:
            yield from _results(*pending.popleft())


def _submit(
    pool: ProcessPoolExecutor, job: Job, chunk: list[Target]
) -> list[FileResult] | Future[list[FileResult]]:
    if _stays_here(chunk[0]):
        return [_Worker.shared(job).check(chunk[0])]
    try:
        return pool.submit(_check_in_worker, chunk)
    except Exception:  # a broken pool: check here rather than not at all
        return [_Worker.shared(job).check(target) for target in chunk]


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


def _results(
    chunk: list[Target], item: Future[list[FileResult]] | list[FileResult]
) -> list[FileResult]:
    if isinstance(item, list):
        return item
    try:
        return item.result()
    except Exception as error:  # the worker died or its results could not be sent back
        problem = internal_error(error)
        return [outward(FileResult(target.path, problem=problem)) for target in chunk]


class _Worker:
    """Checks files with one set of rules, config and cache (one per process)."""

    _shared: _Worker | None = None

    def __init__(self, job: Job) -> None:
        from referat_lint.rules import all_rules

        self.job = job
        self.rules: Sequence[Rule] = all_rules()
        self._caches: dict[Path | None, Cache] = {}  # by the config file each belongs to

    def _cache(self, config: Config) -> Cache | None:
        """The cache of files under `config` (its fingerprint and root are in every key)."""
        if self.job.cache_dir is None:
            return None
        cache = self._caches.get(config.path)
        if cache is None:
            fingerprint = config_fingerprint(config, self.rules)
            cache = Cache(self.job.cache_dir, fingerprint, self.rules, config.root)
            self._caches[config.path] = cache
        return cache

    @classmethod
    def shared(cls, job: Job) -> _Worker:
        if cls._shared is None or cls._shared.job != job:
            cls._shared = cls(job)
        return cls._shared

    def check(self, target: Target) -> FileResult:
        """The target's result, with personal data masked (privacy.outward: the one place
        every result passes before the cache or a reporter sees it)."""
        try:
            return outward(self._check(target))
        except Exception as error:  # a bug must not stop the other files or print a traceback
            return outward(FileResult(target.path, problem=internal_error(error)))

    # A worker's one file: the cache lookup, the check and the cache write share the
    # file's bytes and key, so they stay together.
    def _check(self, target: Target) -> FileResult:
        if target.problem is not None:
            return FileResult(target.path, problem=target.problem, fatal=target.fatal)
        job = self.job
        config = target.config or job.config
        cache = self._cache(config)

        def checked(data: bytes | None = None) -> FileResult:
            return check_file(
                target.path,
                self.rules,
                config,
                job.mode,
                unsafe=job.unsafe,
                data=data,
                keep_lines=job.keep_lines,
                text_to=job.text_to,
            )

        if cache is None or target.path == STDIN:
            return checked()
        try:
            data = read_bytes(target.path, config)
        except (OSError, ValueError):
            return checked()  # check_file words the problem; the cache has nothing to add
        if job.mode is not Mode.CHECK and sniff(data):
            return checked(data)  # --fix on a PDF or DOCX writes (or names) its text every run
        key = cache.key(target.path, data)
        hit = cache.get(key, data)
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
                committee=hit.committee,
                year=hit.year,
            )
        result = checked(data)
        if result.problem is None and not result.fixed and result.encoding is not None:
            shown = outward(result)  # the cache holds no CPR number either
            cache.put(
                key,
                CachedResult(
                    result.encoding,
                    shown.findings,
                    result.layout,
                    result.kind,
                    shown.committee,
                    result.year,
                ),
            )
        return result


def _init_worker(job: Job) -> None:
    if job.mode is Mode.FIX:
        from referat_lint.input.atomic import remove_temporaries_on_sigterm

        remove_temporaries_on_sigterm()
    _Worker._shared = _Worker(job)


def _check_in_worker(chunk: list[Target]) -> list[FileResult]:
    assert _Worker._shared is not None
    return [_Worker._shared.check(target) for target in chunk]
