"""The forked workers: every task answered under its ticket, a failing task or a dying
worker costs that task alone, and a worker's end runs when the tasks are done."""

from __future__ import annotations

import os

import pytest
from test_batch import archive

from referat_lint.checking import batch
from referat_lint.checking.forks import ForkPool, TaskFailed, WorkerDied


def where(task: int) -> tuple[int, int]:
    """The task's square and the process that worked it out."""
    return task * task, os.getpid()


def failing(task: int) -> int:
    if task == 3:
        raise ValueError("three")
    return task


def dying(task: int) -> tuple[int, int]:
    if task in (2, 5):
        os._exit(7)  # a worker that ends (a crash, the OOM killer)
    return where(task)


def interrupted(task: int) -> int:
    if task == 1:
        raise KeyboardInterrupt  # Ctrl-C reaches the workers too
    return task


def no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_every_task_is_answered_under_its_ticket_by_a_worker() -> None:
    pool = ForkPool(2, where)
    tickets = [pool.submit(task) for task in range(20)]
    answers = [pool.result(ticket) for ticket in reversed(tickets)][::-1]
    pool.shutdown()
    assert [square for square, _ in answers] == [task * task for task in range(20)]
    workers = {pid for _, pid in answers}
    assert os.getpid() not in workers and len(workers) <= 2
    assert no_children_left()


def test_a_failing_task_fails_alone() -> None:
    pool = ForkPool(2, failing)
    tickets = [pool.submit(task) for task in range(6)]
    answers = []
    for ticket in tickets:
        try:
            answers.append(pool.result(ticket))
        except TaskFailed as error:
            answers.append(str(error))
    pool.shutdown()
    assert answers == [0, 1, 2, "ValueError: three", 4, 5]


def test_a_dying_worker_fails_its_task_and_the_rest_is_done_here() -> None:
    pool = ForkPool(2, dying)
    tickets = [pool.submit(task) for task in range(8)]
    answers: list[object] = []
    for ticket in tickets:
        try:
            answers.append(pool.result(ticket)[0])
        except WorkerDied as error:
            answers.append(str(error))
    pool.shutdown()
    died = "the worker process ended (exit code 7)"
    assert answers == [0, 1, died, 9, 16, died, 36, 49]
    assert no_children_left()


def test_tasks_left_when_every_worker_died_are_done_in_this_process() -> None:
    pool = ForkPool(1, dying)
    tickets = [pool.submit(task) for task in (2, 3, 4)]
    with pytest.raises(WorkerDied):
        pool.result(tickets[0])
    assert [pool.result(ticket) for ticket in tickets[1:]] == [(9, os.getpid()), (16, os.getpid())]
    pool.shutdown()


def test_ctrl_c_in_a_worker_is_no_traceback(capfd) -> None:
    pool = ForkPool(1, interrupted)
    tickets = [pool.submit(task) for task in (0, 1)]
    assert pool.result(tickets[0]) == 0
    with pytest.raises(WorkerDied, match="exit code 1"):
        pool.result(tickets[1])
    pool.shutdown()
    assert "Traceback" not in capfd.readouterr().err


def test_each_worker_runs_its_start_and_end(tmp_path) -> None:
    def mark(what: str) -> None:
        (tmp_path / f"{what}-{os.getpid()}").touch()

    pool = ForkPool(2, where, start=lambda: mark("start"), end=lambda: mark("end"))
    answers = [pool.result(pool.submit(task)) for task in range(4)]
    pool.shutdown()
    workers = {pid for _, pid in answers}
    assert {p.name for p in tmp_path.iterdir()} >= {f"end-{pid}" for pid in workers}
    assert len(list(tmp_path.glob("start-*"))) == 2 == len(list(tmp_path.glob("end-*")))


def test_without_fork_the_process_pool_gives_the_same_report(cli, tmp_path, monkeypatch) -> None:
    import concurrent.futures

    folder = archive(tmp_path / "arkiv", copies=4)
    forked = cli("--no-cache", "--jobs", "2", str(folder))
    started: list[int] = []

    class Recording(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, workers, *args, **kwargs) -> None:
            started.append(workers)
            super().__init__(workers, *args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Recording)
    monkeypatch.setattr(batch, "_CAN_FORK", False)  # as on Windows
    pooled = cli("--no-cache", "--jobs", "2", str(folder))
    assert started == [2]
    assert forked.code == pooled.code == 1
    assert pooled.out == forked.out and pooled.err == forked.err


def test_a_worker_that_died_idle_fails_no_task() -> None:
    import signal

    pool = ForkPool(2, where)
    assert pool.result(pool.submit(1))[0] == 1
    assert pool._processes is not None
    os.kill(pool._processes[0].pid, signal.SIGKILL)
    # dead before it is given a task (and not reaped: the pool does that)
    os.waitid(os.P_PID, pool._processes[0].pid, os.WEXITED | os.WNOWAIT)
    tickets = [pool.submit(task) for task in range(2, 8)]
    assert [pool.result(ticket)[0] for ticket in tickets] == [t * t for t in range(2, 8)]
    pool.shutdown()
    assert no_children_left()


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="no /proc on this system")
def test_a_worker_holds_no_pipe_of_another() -> None:
    # A worker holding another's pipe of tasks would keep that one's end-of-tasks away.
    pool = ForkPool(3, where)
    tickets = [pool.submit(task) for task in range(3)]  # one each: each has started
    assert len({pool.result(ticket)[1] for ticket in tickets}) == 3
    assert pool._processes is not None
    pipes = [
        {os.readlink(f"/proc/self/fd/{end.fileno()}") for end in (p.tasks, p.answers)}
        for p in pool._processes
    ]
    for index, process in enumerate(pool._processes):
        folder = f"/proc/{process.pid}/fd"
        held = {os.readlink(f"{folder}/{fd}") for fd in os.listdir(folder)}
        others = set().union(*(p for i, p in enumerate(pipes) if i != index))
        assert not held & others
    pool.shutdown()
