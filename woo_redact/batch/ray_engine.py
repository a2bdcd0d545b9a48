"""The Ray engine: the same tasks as the local pool, on the actors of a Ray cluster.

Each actor holds one ``Worker`` (so models load once per actor); the coordinator keeps one
task in flight per actor, enforces the per-document limit by killing an actor that overruns
it, and writes every result through the same manifest as the local engine, so a batch can be
resumed with either engine. Inputs and the output folder must be on storage every node sees
at the same path, and woo-redact must be installed on every node.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .local import GRACE
from .work import Task, Worker, WorkerConfig, failed, temp_names


class RayWorker:
    """Actor body (made remote at start-up, so importing this module needs no Ray)."""

    def __init__(self, cfg: WorkerConfig):
        self.worker = Worker(cfg)
        self.worker.warm_up()

    def pid(self) -> int:
        return os.getpid()

    def set_book(self, digest: str, blob: bytes) -> None:
        self.worker.set_book(digest, blob)

    def run(self, task: Task) -> dict:
        return self.worker.run(task)


@dataclass(slots=True, eq=False)
class _Actor:
    handle: object
    pid: int
    book: str | None = None


def _quiet_ray_env() -> None:
    # No usage statistics leave the machine, and no dashboard is started.
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    os.environ.setdefault("RAY_DISABLE_IMPORT_WARNING", "1")


class RayEngine:
    name = "ray"

    def __init__(self, cfg: WorkerConfig, workers: int | None = None,
                 address: str | None = None):
        self.cfg = cfg
        self.requested = workers
        self.address = address
        self.workers = 0
        self.actors: list[_Actor] = []
        self.book: tuple[str, object] | None = None
        self.owns_ray = False
        self.startup_s = 0.0

    def start(self) -> None:
        _quiet_ray_env()
        try:
            import ray
        except ImportError as e:
            raise RuntimeError("the Ray engine needs Ray: pip install 'woo-redact[ray]'") from e
        t0 = time.perf_counter()
        if not ray.is_initialized():
            kw = dict(include_dashboard=False, log_to_driver=False,
                      logging_level=logging.WARNING)
            if self.address:
                ray.init(address=self.address, **kw)
            else:
                ray.init(num_cpus=self.requested or os.cpu_count() or 1, **kw)
            self.owns_ray = True
        self.ray = ray
        self.workers = self.requested or max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.remote_cls = ray.remote(num_cpus=1, max_restarts=0)(RayWorker)
        handles = [self.remote_cls.remote(self.cfg) for _ in range(self.workers)]
        pids = ray.get([h.pid.remote() for h in handles])
        self.actors = [_Actor(h, p) for h, p in zip(handles, pids)]
        self.startup_s = time.perf_counter() - t0

    def _spawn(self) -> _Actor:
        h = self.remote_cls.remote(self.cfg)
        a = _Actor(h, self.ray.get(h.pid.remote()))
        self._send_book(a)
        return a

    def set_book(self, digest: str, blob: bytes) -> None:
        self.book = (digest, self.ray.put(blob))  # one copy in the object store for all
        for a in self.actors:
            self._send_book(a)

    def _send_book(self, a: _Actor) -> None:
        if self.book and a.book != self.book[0]:
            a.handle.set_book.remote(*self.book)  # actor calls run in submission order
            a.book = self.book[0]

    def map(self, tasks: Iterator[Task], on_start: Callable[[Task], None],
            on_result: Callable[[Task, dict], None]) -> None:
        from ray.exceptions import RayActorError, RayError

        pending = iter(tasks)
        exhausted = False
        idle = list(self.actors)
        inflight: dict = {}  # ObjectRef -> (actor, task, deadline)
        while True:
            while idle and not exhausted:
                task = next(pending, None)
                if task is None:
                    exhausted = True
                    break
                a = idle.pop()
                on_start(task)
                deadline = (time.monotonic() + self.cfg.timeout + GRACE
                            if self.cfg.timeout else float("inf"))
                inflight[a.handle.run.remote(task)] = (a, task, deadline)
            if not inflight:
                return
            nearest = min(d for _, _, d in inflight.values())
            wait_s = max(0.0, min(nearest - time.monotonic(), 5.0))
            done, _ = self.ray.wait(list(inflight), num_returns=1, timeout=wait_s)
            for ref in done:
                a, task, _ = inflight.pop(ref)
                try:
                    res = self.ray.get(ref)
                except RayActorError as e:
                    res = failed(task, "crash", f"worker actor died: {type(e).__name__}")
                    a = self._replace(a, task)
                except RayError as e:
                    res = failed(task, "error", f"{type(e).__name__}: {e}")
                idle.append(a)
                on_result(task, res)
            now = time.monotonic()
            for ref, (a, task, deadline) in list(inflight.items()):
                if now > deadline:
                    del inflight[ref]
                    self.ray.kill(a.handle, no_restart=True)
                    idle.append(self._replace(a, task))
                    on_result(task, failed(task, "timeout",
                                           f"{task.phase} did not finish within "
                                           f"{self.cfg.timeout:g} s; worker stopped"))

    def _replace(self, a: _Actor, task: Task) -> _Actor:
        for p in temp_names(self.cfg.out_dir, task.rel, a.pid):
            p.unlink(missing_ok=True)  # same-host clusters; elsewhere the next run sweeps them
        new = self._spawn()
        self.actors[self.actors.index(a)] = new
        return new

    def close(self) -> None:
        for a in self.actors:
            try:
                self.ray.kill(a.handle, no_restart=True)
            except Exception:
                pass
        self.actors = []
        if self.owns_ray:
            self.ray.shutdown()
