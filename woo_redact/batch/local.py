"""The local engine: a pool of worker processes forked from one process that loaded the models.

Start-up: one "zygote" process is spawned (a clean interpreter), builds a ``Worker`` (policy,
spaCy pipeline, recognizers, name lists) and runs it once on a small document, so that
everything that loads lazily is loaded. Each worker is then ``fork``-ed from it: the models
are loaded once per batch instead of once per core, and a worker lost to a time-out or crash
is replaced in milliseconds. The zygote never runs threads or OCR, so forking it is safe.

Not ``concurrent.futures``: a document that hangs inside MuPDF, or crashes its process, must
cost only that document. The coordinator hands one task at a time to each worker, keeps its
deadline, and on a time-out or crash kills that worker (SIGKILL), records the document as
failed, and forks a fresh worker. The zygote dies with the coordinator and the workers with
the zygote (PR_SET_PDEATHSIG), so a killed batch leaves no process that could still write
into the output folder.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing as mp
import os
import signal
import socket
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

from .work import Task, Worker, WorkerConfig, failed, temp_names

# Time the hard kill waits beyond the per-document limit, for the soft alarm to act first.
GRACE = 10.0
START_TIMEOUT = 600.0


def _die_with_parent(parent: int) -> None:
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: workers still end when their pipe closes
    if os.getppid() != parent:
        os._exit(0)  # the parent died before the death signal was armed


def _zygote_main(ctl: Connection, cfg: WorkerConfig, parent: int) -> None:
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the coordinator's to handle
    try:
        worker = Worker(cfg)
        worker.warm_up()
    except BaseException:
        ctl.send(("error", traceback.format_exc()))
        return
    gc.freeze()  # keep the loaded models out of the collector, so forks share their pages
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps dead workers
    raw = socket.socket(fileno=os.dup(ctl.fileno()))
    ctl.send(("ready", os.getpid()))
    me = os.getpid()
    while True:
        try:
            msg = ctl.recv()
        except EOFError:
            return
        if msg != "fork":
            return
        mine, theirs = socket.socketpair()
        pid = os.fork()
        if pid == 0:
            try:
                ctl.close()
                raw.close()
                mine.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                _die_with_parent(me)
                if worker.cfg.memory_mb:
                    from ..isolation import limit_memory

                    limit_memory(worker.cfg.memory_mb)
                _serve(worker, Connection(theirs.detach()))
            finally:
                os._exit(0)
        theirs.close()
        # A framed reply, then the socket itself as SCM_RIGHTS on one raw byte; the
        # coordinator reads them in that order, so the stream stays in step.
        ctl.send(("forked", pid))
        socket.send_fds(raw, [b"W"], [mine.fileno()])
        mine.close()


def _serve(worker: Worker, conn: Connection) -> None:
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        if msg[0] == "book":
            worker.set_book(msg[1], msg[2])
        elif msg[0] == "task":
            conn.send(("result", worker.run(msg[1])))


@dataclass(slots=True, eq=False)  # identity: a replaced slot must not match its successor
class _Slot:
    pid: int
    conn: Connection
    task: Task | None = None
    deadline: float = float("inf")
    book: str | None = None


class LocalEngine:
    name = "local"

    def __init__(self, cfg: WorkerConfig, workers: int):
        self.cfg = cfg
        self.workers = max(1, workers)
        self.slots: list[_Slot] = []
        self.book: tuple[str, bytes] | None = None
        self.startup_s = 0.0
        self.zygote = None
        self.ctl: Connection | None = None
        self.raw: socket.socket | None = None

    def start(self) -> None:
        t0 = time.perf_counter()
        ctx = mp.get_context("spawn")  # a clean interpreter: no threads, no inherited state
        self.ctl, theirs = ctx.Pipe()
        self.zygote = ctx.Process(target=_zygote_main, args=(theirs, self.cfg, os.getpid()),
                                  daemon=True, name="woo-redact-zygote")
        self.zygote.start()
        theirs.close()
        if not self.ctl.poll(START_TIMEOUT):
            self.close()
            raise RuntimeError("worker start-up timed out")
        try:
            msg = self.ctl.recv()
        except EOFError:
            msg = ("error", f"worker start-up failed (exit code {self.zygote.exitcode})")
        if msg[0] != "ready":
            self.close()
            raise RuntimeError(f"worker processes cannot start:\n{msg[1]}")
        self.raw = socket.socket(fileno=os.dup(self.ctl.fileno()))
        self.slots = [self._fork() for _ in range(self.workers)]
        self.startup_s = time.perf_counter() - t0

    def _fork(self) -> _Slot:
        try:
            self.ctl.send("fork")
            tag, pid = self.ctl.recv()
            _, fds, _, _ = socket.recv_fds(self.raw, 1, 1)
        except (EOFError, OSError, ValueError) as e:
            raise RuntimeError(f"cannot start a worker process: {e}") from e
        slot = _Slot(pid, Connection(fds[0]))
        self._send_book(slot)
        return slot

    def set_book(self, digest: str, blob: bytes) -> None:
        self.book = (digest, blob)
        for s in self.slots:
            self._send_book(s)

    def _send_book(self, s: _Slot) -> None:
        if self.book and s.book != self.book[0]:
            s.conn.send(("book", *self.book))
            s.book = self.book[0]

    def map(self, tasks: Iterator[Task], on_start: Callable[[Task], None],
            on_result: Callable[[Task, dict], None]) -> None:
        """Run every task; results arrive in completion order. ``on_start`` is called just
        before a task is handed out, so the manifest shows what is in flight."""
        pending = iter(tasks)
        exhausted = False
        while True:
            for s in self.slots:
                if s.task is None and not exhausted:
                    task = next(pending, None)
                    if task is None:
                        exhausted = True
                        break
                    on_start(task)
                    s.task = task
                    s.deadline = (time.monotonic() + self.cfg.timeout + GRACE
                                  if self.cfg.timeout else float("inf"))
                    try:
                        s.conn.send(("task", task))
                    except OSError:
                        self._lost(s, on_result, "crash", "worker process died")
            busy = [s for s in self.slots if s.task is not None]
            if exhausted and not busy:
                return
            self._poll(on_result, busy)

    def _poll(self, on_result, busy: list[_Slot]) -> None:
        nearest = min((s.deadline for s in busy), default=float("inf"))
        timeout = max(0.0, min(nearest - time.monotonic(), 5.0))
        conns = {s.conn: s for s in busy}
        for conn in wait(list(conns), timeout):
            s = conns[conn]
            try:
                msg = conn.recv()
            except (EOFError, OSError):
                self._lost(s, on_result, "crash", "worker process died")
                continue
            task, s.task, s.deadline = s.task, None, float("inf")
            on_result(task, msg[1])
        now = time.monotonic()
        for s in list(self.slots):
            if s.task is not None and now > s.deadline:
                self._lost(s, on_result, "timeout",
                           f"{s.task.phase} did not finish within {self.cfg.timeout:g} s; "
                           "worker stopped")

    def _lost(self, s: _Slot, on_result, kind: str, reason: str) -> None:
        """Kill and replace a worker; its document is reported as failed."""
        task = s.task
        self._kill(s)
        for p in temp_names(self.cfg.out_dir, task.rel, s.pid):
            p.unlink(missing_ok=True)
        self.slots[self.slots.index(s)] = self._fork()
        on_result(task, failed(task, kind, reason))

    @staticmethod
    def _kill(s: _Slot) -> None:
        try:
            os.kill(s.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        s.conn.close()
        # The zygote reaps it; wait until it is gone so its temp file cannot reappear.
        for _ in range(200):
            try:
                os.kill(s.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.01)

    def close(self) -> None:
        for s in self.slots:
            try:
                s.conn.send(None)
            except OSError:
                pass
            s.conn.close()
        self.slots = []
        if self.ctl is not None:
            try:
                self.ctl.send("quit")
            except OSError:
                pass
        if self.zygote is not None:
            self.zygote.join(10)
            if self.zygote.is_alive():
                self.zygote.kill()
                self.zygote.join(5)
        for c in (self.ctl, self.raw):
            if c is not None:
                c.close()
        self.ctl = self.raw = self.zygote = None
