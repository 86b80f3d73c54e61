"""Check many files: in order, through the cache, in worker processes when asked to.

Results come back in the order the files were named, whatever order the workers finish
in, and at most a few files per worker are in flight, so memory stays flat however many
files a folder holds.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from referat_lint.checking.forks import ForkPool
from referat_lint.checking.pipeline import Handed, Options, check_file
from referat_lint.checking.rule import Rule
from referat_lint.checking.runner import FileResult, Mode, internal_error, read_input
from referat_lint.config import Config
from referat_lint.input.atomic import remove_temporaries_on_sigterm
from referat_lint.input.extract import sniff
from referat_lint.input.files import STDIN, Target
from referat_lint.out.privacy import outward
from referat_lint.rules import all_rules

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from referat_lint.checking.cache import Cache, CachedResult


_IN_FLIGHT_PER_WORKER = 4  # chunks queued per worker: enough to keep it busy, memory flat
_CHUNK = 16  # files per task
MAX_JOBS = 64  # more processes than this only cost memory and start-up
_CAN_FORK = hasattr(os, "fork")  # where it cannot (Windows), concurrent.futures' pool

# A chunk's results: checked here already, or to be collected from a worker.
_Pending = list[FileResult] | Callable[[], list[FileResult]]


class Job(NamedTuple):
    """How every file of a run is to be checked."""

    config: Config
    mode: Mode
    unsafe: bool = False
    cache_dir: Path | None = None  # None: no cache
    keep_lines: bool = False  # only reporters that show context need the text
    text_to: Path | None = None  # --fix-text-to: where a PDF's or DOCX's repaired text goes
    refresh: bool = False  # --refresh: check every file again, rewriting its cache record


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
        try:
            for chunk in itertools.chain(head, chunks):
                for target in chunk:
                    yield worker.check(target)
        finally:
            worker.flush()
        return
    pool = _Pool(jobs, job)
    try:
        pending: deque[tuple[list[Target], _Pending]] = deque()
        for chunk in itertools.chain(head, chunks):
            pending.append((chunk, _submit(pool, job, chunk)))
            while len(pending) > jobs * _IN_FLIGHT_PER_WORKER:
                yield from _results(*pending.popleft())
        while pending:
            yield from _results(*pending.popleft())
    finally:
        pool.shutdown()
    # The workers wrote their cache records as they exited; this process, for what it checked.
    if _Worker._shared is not None and _Worker._shared.job == job:
        _Worker._shared.flush()


class _Pool:
    """The worker processes, started when the first chunk needs one (a run the cache
    answers whole starts none): forked (forks.py), or where the system cannot fork,
    concurrent.futures' pool, imported only then (16 ms)."""

    def __init__(self, jobs: int, job: Job) -> None:
        self.jobs, self.job = jobs, job
        self._forks: ForkPool | None = None
        self._executor: ProcessPoolExecutor | None = None

    def submit(self, chunk: list[Target]) -> Callable[[], list[FileResult]]:
        """The chunk given to a worker; call what comes back for its results."""
        if not _CAN_FORK:
            if self._executor is None:
                from concurrent.futures import ProcessPoolExecutor  # see the class docstring

                self._executor = ProcessPoolExecutor(
                    self.jobs, initializer=_init_pooled_worker, initargs=(self.job,)
                )
            return self._executor.submit(_check_chunk, self.job, chunk).result
        if self._forks is None:
            work, start = partial(_check_chunk, self.job), partial(_start_worker, self.job)
            self._forks = ForkPool(self.jobs, work, start, _end_worker)
        return partial(self._forks.result, self._forks.submit(chunk))

    def shutdown(self) -> None:
        if self._forks is not None:
            self._forks.shutdown()
        if self._executor is not None:
            self._executor.shutdown()


def _submit(pool: _Pool, job: Job, chunk: list[Target]) -> _Pending:
    if _stays_here(chunk[0]):
        return [_Worker.shared(job).check(chunk[0])]
    recalled = _Worker.shared(job).recall(chunk) if job.cache_dir is not None else None
    if recalled is not None:
        return recalled  # unchanged files: a stat each, no worker started for them
    try:
        return pool.submit(chunk)
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


def _results(chunk: list[Target], item: _Pending) -> list[FileResult]:
    if isinstance(item, list):
        return item
    try:
        return item()
    except Exception as error:  # the worker died or its results could not be sent back
        problem = internal_error(error)
        return [outward(FileResult(target.path, problem=problem)) for target in chunk]


class _Worker:
    """Checks files with one set of rules, config and cache (one per process)."""

    _shared: _Worker | None = None

    def __init__(self, job: Job) -> None:
        self.job = job
        self.rules: Sequence[Rule] = all_rules()
        self.options = Options(job.mode, job.unsafe, job.keep_lines, job.text_to)
        self._caches: dict[Path | None, Cache] = {}  # by the config file each belongs to

    def _cache(self, config: Config) -> Cache | None:
        """The cache of files under `config` (its fingerprint and root are in every key)."""
        if self.job.cache_dir is None:
            return None
        cache = self._caches.get(config.path)
        if cache is None:
            # Imported here: a run without the cache (one named file, --no-cache) does not
            # pay for the cache and its fingerprints (about 1 ms of start-up).
            from referat_lint.checking.cache import Cache
            from referat_lint.checking.fingerprints import config_fingerprint  # (as above)

            fingerprint = config_fingerprint(config, self.rules)
            cache = Cache(self.job.cache_dir, fingerprint, self.rules, config.root)
            self._caches[config.path] = cache
        return cache

    def recall(self, chunk: list[Target]) -> list[FileResult] | None:
        """The results of a chunk of unchanged files from the cache's index alone, or None
        when any file of it needs more (a read, a hash, a check)."""
        job = self.job
        if job.refresh or job.keep_lines:
            return None
        results = []
        for target in chunk:
            cache = self._cache(target.config or job.config)
            if cache is None or target.problem is not None or target.path == STDIN:
                return None
            hit = cache.recall(target.path)
            if hit is None or not self._usable(hit):
                return None
            results.append(outward(_result(target.path, hit)))
        return results

    def flush(self) -> None:
        """Write what this process recorded into the cache's index."""
        for cache in self._caches.values():
            cache.flush()

    @classmethod
    def shared(cls, job: Job) -> _Worker:
        if cls._shared is None or cls._shared.job != job:
            if cls._shared is not None:
                cls._shared.flush()
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
        cache = self._cache(config) if target.path != STDIN else None
        if cache is not None and not job.refresh and not job.keep_lines:
            # An unchanged file's stamp is enough: no read, no hash.
            hit = cache.recall(target.path)
            if hit is not None and self._usable(hit):
                return _result(target.path, hit)
        data = read_input(target.path, config)
        if isinstance(data, FileResult):
            return data
        # --fix on a PDF or DOCX writes (or names) its text every run
        if cache is None or (job.mode is not Mode.CHECK and sniff(data)):
            handed = Handed(data)
            del data  # the check lets go of the bytes once they are decoded
            return check_file(handed, config, target.path, self.rules, self.options)
        key = cache.key(target.path, data)
        hit = None if job.refresh else cache.get(key, data)
        known = _result(target.path, hit) if hit is not None and self._usable(hit) else None
        result = check_file(data, config, target.path, self.rules, self.options, known)
        if known is None and result.problem is None and not result.fixed:
            _store(cache, key, result, target.path, data)
        return result

    def _usable(self, hit: CachedResult) -> bool:
        """Whether a cached result answers this run: a check, or a fix with nothing to do."""
        job = self.job
        return job.mode is Mode.CHECK or not (
            hit.extracted or any(f.fix and f.fix.applies(job.unsafe) for f in hit.findings)
        )


def _result(path: str, hit: CachedResult) -> FileResult:
    """The cache's answer as a result."""
    return FileResult(
        path,
        hit.findings,
        hit.encoding,
        layout=hit.layout,
        kind=hit.kind,
        committee=hit.committee,
        year=hit.year,
    )


def _store(cache: Cache, key: str, result: FileResult, path: str, data: bytes) -> None:
    """Keep what the check found in `result` (with CPR numbers masked: the cache holds none)."""
    if result.encoding is None:
        return
    from referat_lint.checking.cache import CachedResult  # loaded with the Cache

    shown = outward(result)
    cache.put(
        key,
        CachedResult(
            result.encoding,
            shown.findings,
            result.layout,
            result.kind,
            shown.committee,
            result.year,
            extracted=sniff(data) is not None,
        ),
        path,
        data,
    )


def _start_worker(job: Job) -> None:
    _Worker._shared = _Worker(job)
    if job.mode is Mode.FIX:
        remove_temporaries_on_sigterm()


def _end_worker() -> None:
    """What a worker recorded, into the cache's index, as it exits."""
    assert _Worker._shared is not None
    _Worker._shared.flush()


def _init_pooled_worker(job: Job) -> None:
    from multiprocessing.util import Finalize  # concurrent.futures' worker only

    _start_worker(job)
    # Run as the worker exits when the pool shuts down (atexit is not, in a pool's worker).
    Finalize(None, _end_worker, exitpriority=10)


def _check_chunk(job: Job, chunk: list[Target]) -> list[FileResult]:
    """A chunk's results, from this process's worker: a forked worker's (made by its
    start), or this one's when no worker is left."""
    worker = _Worker.shared(job)
    return [worker.check(target) for target in chunk]
