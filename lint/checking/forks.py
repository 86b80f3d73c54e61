"""Worker processes forked from this one, each given one task at a time through a pipe.

A check's workers need a fork, two pipes and pickle. concurrent.futures' process pool
brings 16 ms of imports (logging, multiprocessing, threading; multiprocessing.Pool 14 ms)
before its first worker starts, and threads in this process that take CPU time from the
workers; on two cores that was a twentieth of a run over an archive.

A worker is given its next task only once it has answered the last, so a write to it
never waits on a worker that is itself waiting to write its answer. Answers are read as
they come and kept until asked for. A worker that dies (a crash, the OOM killer) fails its
task with WorkerDied; the others go on, and when none is left this process does the
tasks still waiting.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import struct
from collections import deque
from collections.abc import Callable
from typing import IO, Any, NoReturn

_LENGTH = struct.Struct("!Q")  # every message: its length, then its pickle


class WorkerDied(Exception):
    """The worker given a task ended before it answered."""


class TaskFailed(Exception):
    """The task raised in the worker (its `Type: message`), or its answer could not be sent."""


class _Process:
    __slots__ = ("answers", "pid", "task", "tasks")

    def __init__(self, pid: int, tasks: IO[bytes], answers: IO[bytes]) -> None:
        self.pid, self.tasks, self.answers = pid, tasks, answers
        self.task: int | None = None  # the ticket it is working on


class ForkPool:
    """`jobs` forked workers, each running `start()` once, `work(task)` for each task it is
    given and `end()` when there are no more (all three run in the worker)."""

    def __init__(
        self,
        jobs: int,
        work: Callable[[Any], Any],
        start: Callable[[], None] = lambda: None,
        end: Callable[[], None] = lambda: None,
    ) -> None:
        self.jobs, self.work, self.start, self.end = jobs, work, start, end
        self._processes: list[_Process] | None = None  # forked at the first task
        self._waiting: deque[tuple[int, Any]] = deque()  # (ticket, task) not yet given
        self._answers: dict[int, tuple[bool, Any]] = {}  # ticket -> (done, answer or error)
        self._tickets = 0

    def submit(self, task: object) -> int:
        """Queue `task`; its ticket for `result`. OSError when no worker can be started."""
        if self._processes is None:
            self._processes = []
            for _ in range(self.jobs):  # one by one: each closes the pipes of those before
                self._processes.append(self._fork())
        ticket = self._tickets
        self._tickets += 1
        self._waiting.append((ticket, task))
        self._give()
        return ticket

    def result(self, ticket: int) -> Any:  # noqa: ANN401 (what `work` returns)
        """The answer to `ticket`'s task, once its worker gave it; WorkerDied or TaskFailed
        when there is none."""
        while ticket not in self._answers:
            if not self._busy():  # every worker gone: the tasks left are done here
                self._do_here()
                continue
            self._read_some()
            self._give()
        done, answer = self._answers.pop(ticket)
        if not done:
            raise answer
        return answer

    def shutdown(self) -> None:
        """No more tasks: each worker runs `end()` and exits; wait for them."""
        for process in self._processes or ():
            _close(process.tasks)
        for process in self._processes or ():
            _close(process.answers)
            os.waitpid(process.pid, 0)
        self._processes = []

    def _fork(self) -> _Process:
        task_read, task_write = os.pipe()
        answer_read, answer_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker
            os.close(task_write)
            os.close(answer_read)
            for process in self._processes or ():  # a pipe end held here would keep an EOF away
                _close(process.tasks)
                _close(process.answers)
            _serve(task_read, answer_write, self.work, self.start, self.end)
        os.close(task_read)
        os.close(answer_write)
        return _Process(pid, os.fdopen(task_write, "wb"), os.fdopen(answer_read, "rb"))

    def _busy(self) -> list[_Process]:
        return [p for p in self._processes or () if p.task is not None]

    def _give(self) -> None:
        """The next waiting tasks to the workers that have none."""
        for process in list(self._processes or ()):
            if process.task is None and self._waiting:
                ticket, task = self._waiting.popleft()
                try:
                    _send(process.tasks, pickle.dumps(task))
                except OSError:  # it died while idle: the task waits for another
                    self._waiting.appendleft((ticket, task))
                    self._lost(process)
                else:
                    process.task = ticket

    def _read_some(self) -> None:
        """Wait for at least one answer (or a worker's end) and keep what came."""
        busy = {p.answers.fileno(): p for p in self._busy()}
        poll = select.poll()  # not select.select: no limit on the descriptors' numbers
        for descriptor in busy:
            poll.register(descriptor, select.POLLIN)
        for descriptor, _ in poll.poll():
            process = busy[descriptor]
            message = _receive(process.answers)
            if message is None:
                self._lost(process)
                continue
            assert process.task is not None
            try:
                self._answers[process.task] = pickle.loads(message)
            except Exception as error:  # an answer that cannot be read back: its files fail
                failed = TaskFailed(f"{type(error).__name__}: {error}")
                self._answers[process.task] = (False, failed)
            process.task = None

    def _lost(self, process: _Process) -> None:
        """A worker ended: its task fails, and it is given no more."""
        assert self._processes is not None
        self._processes.remove(process)
        _close(process.tasks)
        _close(process.answers)
        _, status = os.waitpid(process.pid, 0)
        if process.task is not None:
            error = WorkerDied(f"the worker process ended ({_status(status)})")
            self._answers[process.task] = (False, error)

    def _do_here(self) -> None:
        ticket, task = self._waiting.popleft()
        self._answers[ticket] = (True, self.work(task))


def _serve(
    tasks: int,
    answers: int,
    work: Callable[[Any], Any],
    start: Callable[[], None],
    end: Callable[[], None],
) -> NoReturn:
    """A worker's life: tasks in, answers out, until the pipe of tasks is closed. It never
    returns into the code that forked it, nor runs that process's exit handlers."""
    code = 0
    try:
        start()
        with os.fdopen(tasks, "rb") as reader, os.fdopen(answers, "wb") as writer:
            while (message := _receive(reader)) is not None:
                try:
                    answer = pickle.dumps((True, work(pickle.loads(message))))
                except Exception as error:  # sent back: an error line for each of its files
                    failed = TaskFailed(f"{type(error).__name__}: {error}")
                    answer = pickle.dumps((False, failed))
                _send(writer, answer)
        end()
    except BaseException:  # Ctrl-C, a closed pipe: no traceback; the parent reports it
        code = 1
    finally:
        os._exit(code)


def _send(stream: IO[bytes], message: bytes) -> None:
    stream.write(_LENGTH.pack(len(message)))
    stream.write(message)
    stream.flush()


def _receive(stream: IO[bytes]) -> bytes | None:
    """The next message; None at the end of the stream (or a message cut short)."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (length,) = _LENGTH.unpack(head)
    message = stream.read(length)
    return message if len(message) == length else None


def _close(stream: IO[bytes]) -> None:
    """Close a pipe's end; what could not be written to a worker that is gone is moot."""
    with contextlib.suppress(OSError):
        stream.close()


def _status(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit code {os.waitstatus_to_exitcode(status)}"
