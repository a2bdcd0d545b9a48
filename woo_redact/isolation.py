"""``redact`` and ``propose`` in a worker process: untrusted PDFs are parsed, rendered and
rewritten there, never in the process that keeps the run's logs.

The worker runs the whole dossier (both passes, models loaded once) and reports each
document as it starts and as it ends. A document that crashes MuPDF, hangs in a call that
never returns, or exhausts the worker's memory costs that one document: the supervisor kills
the worker, quarantines the document with the reason, and starts a new worker for the rest,
which reads the dossier's names again but neither redoes nor reports the documents already
finished. Within the worker a soft alarm ends a slow document between two Python steps, so
the kill is only for calls that do not return.

A time limit per document and pass, and a memory limit on what the worker may allocate
beyond the loaded models; the page and size limits are the pipeline's own.
"""

from __future__ import annotations

import faulthandler
import multiprocessing as mp
import os
import resource
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import BadInput
from .inputs import InputFile
from .inputs.dossier import SourceDoc
from .pipeline import DocResult, Pipeline

GRACE = 10.0  # the hard kill waits this long beyond the soft limit
# Address space the models may take while they load beside the first document (they take
# about 200 MB, a thread's allocator arenas more).
MODEL_ROOM_MB = 1024
START_TIMEOUT = 600.0


@dataclass(frozen=True, slots=True)
class Isolation:
    timeout: float | None = 600.0  # seconds per document and pass
    memory_mb: int | None = 4096  # address space a worker may add beyond the loaded models
    grace: float = GRACE
    # "fork" shares what this process loaded; None: fork unless other threads run here
    # (one could hold a lock at the fork), else a fresh interpreter ("spawn")
    start_method: str | None = None


def run_isolated(pipeline: Pipeline, files: list[InputFile | SourceDoc], out_dir: str | Path,
                 *, dry_run: bool = False, work_dir: str | Path | None = None,
                 isolation: Isolation = Isolation(), scope: str = "batch"
                 ) -> Iterator[tuple[SourceDoc, DocResult]]:
    """``run_dossier``'s results, from worker processes (see the module doc)."""
    from .dossier import as_sources

    out_dir = Path(out_dir)
    docs = as_sources(files)
    by_key = {d.key: d for d in docs}
    reported: set[str] = set()
    lost: set[str] = set()
    while True:
        todo = [d for d in docs if d.key not in lost]
        worker = _Worker(pipeline, todo, out_dir, work_dir, dry_run, isolation,
                         frozenset(reported), scope)
        try:
            for kind, key, payload in worker.messages():
                if kind == "result":
                    # the worker's SourceDoc: the run marks copies found by content on it
                    doc, res = payload
                    reported.add(key)
                    yield doc, res
                else:  # the worker is gone while working on ``key``
                    d = by_key[key]
                    # the original goes to quarantine: its conversion may be what failed
                    res = pipeline.quarantine(
                        DocResult(d.source, d.base or d.rel, "quarantined",
                                  sha256_in=d.sha256), out_dir, kind, payload)
                    lost.add(key)
                    reported.add(key)
                    yield d, res
                    break
            else:
                return
        finally:
            worker.stop()


class _Worker:
    def __init__(self, pipeline: Pipeline, files: list[SourceDoc], out_dir: Path,
                 work_dir: str | Path | None, dry_run: bool, isolation: Isolation,
                 done: frozenset[str], scope: str = "batch"):
        self.isolation = isolation
        self.out_dir = out_dir
        method = isolation.start_method or (
            "fork" if threading.active_count() == 1 else "spawn")
        ctx = mp.get_context(method)
        self.conn, theirs = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main,
                                args=(theirs, pipeline, files, str(out_dir), work_dir, dry_run,
                                      isolation, done, os.getpid(), scope),
                                daemon=True, name="woo-redact-worker")
        self.proc.start()
        theirs.close()

    def messages(self) -> Iterator[tuple[str, str, object]]:
        """("result", key, (SourceDoc, DocResult)) per document; ("crash" | "timeout", key,
        reason) when the worker is lost on a document, after which nothing more comes."""
        current: tuple[str, str, str] | None = None
        deadline = time.monotonic() + START_TIMEOUT
        limit = self.isolation.timeout
        while True:
            wait = max(0.0, min(deadline - time.monotonic(), 5.0))
            if self.conn.poll(wait):
                try:
                    msg = self.conn.recv()
                except (EOFError, OSError):
                    yield from self._lost(current, "crash", self._death())
                    return
                if msg[0] == "start":
                    current = (msg[1], msg[2], msg[3])
                    deadline = ((time.monotonic() + limit + self.isolation.grace) if limit
                                else float("inf"))
                elif msg[0] == "result":
                    current = None
                    deadline = float("inf")
                    yield "result", msg[1], (msg[2], msg[3])
                elif msg[0] == "end":
                    return
                elif msg[0] == "error":
                    raise RuntimeError(f"the worker process failed:\n{msg[1]}")
            elif time.monotonic() > deadline:
                self.stop()
                phase = current[1] if current else "start-up"
                yield from self._lost(current, "timeout",
                                      f"{phase} did not finish within {limit:g} s; "
                                      "worker stopped" if limit else "worker did not start")
                return
            elif not self.proc.is_alive():
                yield from self._lost(current, "crash", self._death())
                return

    def _lost(self, current: tuple[str, str, str] | None, kind: str, reason: str):
        if current is None:
            raise RuntimeError(f"the worker process ended outside any document: {reason}")
        self.stop()
        from .batch.work import temp_names

        for p in temp_names(str(self.out_dir), current[2], self.proc.pid):
            p.unlink(missing_ok=True)
        yield kind, current[0], f"{reason} ({current[1]})"

    def _death(self) -> str:
        self.proc.join(5)
        code = self.proc.exitcode
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            why = " (out of memory?)" if -code == signal.SIGKILL else ""
            return f"the worker process was killed by {name}{why} while reading it"
        return f"the worker process died (exit code {code}) while reading it"

    def stop(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(10)
        self.conn.close()


def _worker_main(conn, pipeline: Pipeline, files: list[SourceDoc], out_dir: str,
                 work_dir: str | Path | None, dry_run: bool, isolation: Isolation, done: frozenset[str],
                 parent: int, scope: str = "batch") -> None:
    from .batch.local import _die_with_parent
    from .batch.work import DocTimeout, soft_deadline, temp_names
    from .dossier import run_dossier

    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the supervisor's to handle
    faulthandler.disable()  # a crash is reported by the supervisor, as a quarantine reason
    from .errors import quiet_mupdf

    quiet_mupdf()
    try:
        from .modelpath import model_path

        model_path(pipeline.model_path)  # no model: the run fails now, as it always did
        # The models load in the background while the first document is read; until they
        # are in, the memory limit leaves room for them, then it closes to the limit beyond
        # the loaded models.
        if isolation.memory_mb:
            limit_memory(isolation.memory_mb + MODEL_ROOM_MB)
            pipeline.warm(then=lambda: limit_memory(isolation.memory_mb, tighten=True))
        else:
            pipeline.warm()
    except BaseException:
        import traceback

        conn.send(("error", traceback.format_exc()))
        return

    @contextmanager
    def guard(f: SourceDoc, phase: str):
        conn.send(("start", f.key, phase, f.rel))
        try:
            with soft_deadline(isolation.timeout):
                yield
        except DocTimeout:
            for p in temp_names(out_dir, f.rel, os.getpid()):
                p.unlink(missing_ok=True)
            raise BadInput("timeout", f"{phase} took longer than {isolation.timeout:g} s") \
                from None
        except MemoryError:
            for p in temp_names(out_dir, f.rel, os.getpid()):
                p.unlink(missing_ok=True)
            raise BadInput("too_large", f"{phase} needed more than the memory limit "
                           f"({isolation.memory_mb} MB)") from None

    for f, res in run_dossier(pipeline, files, out_dir, dry_run=dry_run, work_dir=work_dir,
                              guard=guard, done=done, scope=scope):
        conn.send(("result", f.key, f, res))
    conn.send(("end",))


def limit_memory(extra_mb: int, tighten: bool = False) -> None:
    """Let this process grow by ``extra_mb`` beyond what it has mapped now: a document that
    needs more gets an allocation failure (MuPDF and Python turn it into an error), not the
    machine's memory. ``tighten``: never above the limit already set."""
    try:
        with open("/proc/self/statm") as fh:
            mapped = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return
    limit = mapped + extra_mb * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if tighten and soft != resource.RLIM_INFINITY:
        limit = min(limit, soft)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
