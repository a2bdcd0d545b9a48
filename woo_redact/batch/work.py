"""What a worker does with one document, the same in a local process and in a Ray actor.

A worker holds one ``Pipeline`` (models load once) and the dossier names of the run. Each task
is one phase of one document: ``detect`` (extract, detect, decide; the findings go back to the
coordinator) or ``apply`` (extract again, add dossier-wide name occurrences, redact, verify,
write). Only the coordinator writes the manifest.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .codec import counts_by_ground, dump_findings, dump_ocr_words, load_findings

DETECT, APPLY = "detect", "apply"


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    out_dir: str
    policy: str | None = None
    accept_proposed: bool = False
    ocr: bool | None = None
    max_pages: int = 5000
    max_bytes: int = 500 * 1024 * 1024
    timeout: float | None = None  # seconds per document and phase
    memory_mb: int | None = 4096  # a worker's allocations beyond the loaded models


@dataclass(frozen=True, slots=True)
class Task:
    doc_id: int
    phase: str  # DETECT | APPLY
    path: str
    rel: str
    sha256: str
    proposal: str | None = None  # phase-1 findings (JSON), for APPLY
    ocr_pages: tuple[int, ...] = ()
    timings: dict = field(default_factory=dict)
    # A done document re-checked because the dossier names grew: its final finding ids and
    # output hash, so that it is rewritten only if a new name occurs in it.
    known_ids: tuple[str, ...] | None = None
    sha256_out: str | None = None
    ocr_words: str | None = None  # phase-1 OCR words (JSON), for APPLY
    doc: str | None = None  # the dossier document (JSON of inputs.dossier.SourceDoc)
    book: str | None = None  # digest of the names of the document's dossier, for APPLY


WARM_UP_TEXT = ["Van: Jan de Vries <jan.devries@example.nl>, tel. 06-12345678",
                "Het lid Leijten vroeg de minister naar parketnummer 09/123456-23.",
                "Mevrouw De Vries woont aan de Dorpsstraat 12, 1234 AB Utrecht."]


class DocTimeout(BaseException):
    """Raised by the soft per-document alarm. A BaseException, so that the pipeline's
    fail-closed ``except Exception`` does not turn it into an ordinary error."""


def temp_names(out_dir: str, rel: str, pid: int) -> list[Path]:
    """Temporary files the pipeline may have open for ``rel`` in process ``pid``."""
    out = []
    for base in (Path(out_dir), Path(out_dir) / "quarantine"):
        final = base / rel
        out.append(final.with_name(f".{final.name}.{pid}.tmp"))
    return out


def failed(task: Task, kind: str, reason: str) -> dict:
    """The result for a task whose worker could not report (time-out, crash)."""
    return {"status": "failed", "kind": kind, "reason": reason}


@contextmanager
def soft_deadline(seconds: float | None):
    """SIGALRM-based limit; it fires between Python bytecodes, so a long MuPDF call is cut
    when it returns. The coordinator's hard kill covers calls that never return."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _alarm(signum, frame):
        raise DocTimeout()

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


class Worker:
    def __init__(self, cfg: WorkerConfig):
        from ..errors import quiet_mupdf
        from ..extract import Limits
        from ..pipeline import Pipeline
        from ..policy import load_policy

        quiet_mupdf()
        self.cfg = cfg
        self.pipeline = Pipeline(load_policy(cfg.policy), accept_proposed=cfg.accept_proposed,
                                 ocr=cfg.ocr,
                                 limits=Limits(max_pages=cfg.max_pages, max_bytes=cfg.max_bytes))
        self.books: dict = {}  # the names of every dossier of the run, by digest
        self.book_digest: str | None = None
        # started on this worker's first Office file, never in the process workers fork from
        self._office = None

    @property
    def office(self):
        if self._office is None:
            from ..inputs.office import OfficeConverter
            self._office = OfficeConverter()
        return self._office

    def warm_up(self) -> None:
        """Load everything now (models, name lists, compiled patterns; several load lazily on
        first use), so that no document's time limit or timing pays for it."""
        import tempfile

        import pymupdf

        from ..propagate import NameBook

        with tempfile.TemporaryDirectory(prefix="woo-redact-warm-") as d:
            path = os.path.join(d, "warm-up.pdf")
            pdf = pymupdf.open()
            page = pdf.new_page()
            for i, line in enumerate(WARM_UP_TEXT):
                page.insert_text((72, 72 + 14 * i), line, fontsize=10)
            pdf.save(path)
            pdf.close()
            book = NameBook()
            doc, prop = self.pipeline.propose(path)
            book.add_findings(prop.findings, doc.text)
            self.pipeline.extend(doc, prop, book)

    def set_book(self, digest: str, blob: bytes) -> None:
        """The run's name books (each pickled, in a pickled dict by digest), ``digest``
        naming them all."""
        if digest != self.book_digest:
            self.books = {d: pickle.loads(b) for d, b in pickle.loads(blob).items()}
            self.book_digest = digest

    def run(self, task: Task) -> dict:
        try:
            with soft_deadline(self.cfg.timeout):
                return self.detect(task) if task.phase == DETECT else self.apply(task)
        except DocTimeout:
            for p in temp_names(self.cfg.out_dir, task.rel, os.getpid()):
                p.unlink(missing_ok=True)
            return failed(task, "timeout", f"{task.phase} took longer than "
                                           f"{self.cfg.timeout:g} s")
        except Exception as e:  # one broken document must not stop the batch
            from ..errors import as_bad_input

            for p in temp_names(self.cfg.out_dir, task.rel, os.getpid()):
                p.unlink(missing_ok=True)
            bad = as_bad_input(e)
            if bad is not None:
                return self._quarantine(task, bad.kind, bad.message)
            return failed(task, "error", f"{type(e).__name__}: {e}")

    # -- phases ---------------------------------------------------------------------------
    def _check(self, task: Task) -> None:
        """Refuse a file that is not the one the manifest hashed."""
        from ..errors import BadInput
        from ..model import sha256_file

        try:
            sha = sha256_file(task.path)
        except OSError as e:
            raise BadInput("unreadable", f"cannot read file: {e.strerror or e}") from e
        if sha != task.sha256:
            raise BadInput("changed", "file changed while the batch was running; "
                                      "run the batch again to redo it")

    def _pdf(self, task: Task) -> str:
        """The PDF to process: the input itself, or its conversion (the stage before
        extract); a conversion made in phase 1 is found again in phase 2."""
        if not task.doc:
            return task.path
        import json

        from ..workdir import WORK_DIR
        from ..inputs.convert import to_pdf
        from ..inputs.dossier import SourceDoc

        doc = SourceDoc.from_json(json.loads(task.doc))
        if doc.kind == "pdf" and not doc.error_kind:
            return task.path
        return to_pdf(doc, Path(self.cfg.out_dir) / WORK_DIR,
                      self.office if doc.kind == "office" else None,
                      max_bytes=self.cfg.max_bytes)

    def _open(self, task: Task, pdf: str):
        from ..model import sha256_file
        from .codec import load_ocr_words

        sha = task.sha256 if pdf == task.path else sha256_file(pdf)
        return self.pipeline.extract(pdf, sha, load_ocr_words(task.ocr_words))

    def detect(self, task: Task) -> dict:
        from ..errors import BadInput
        from .names import contribution, text_keys

        from ..dossier import content_key

        t0, c0 = time.perf_counter(), time.process_time()
        try:
            self._check(task)
            t_convert = time.perf_counter()
            pdf = self._pdf(task)
            t_convert = time.perf_counter() - t_convert
        except BadInput as e:
            return self._quarantine(task, e.kind, e.message, original=True)
        try:
            doc = self._open(task, pdf)
            t_extract = time.perf_counter() - t0
            _, prop = self.pipeline.propose(pdf, doc)
        except BadInput as e:
            return self._quarantine(task, e.kind, e.message, pdf=pdf)
        prop.timings["extract"] = t_extract
        if pdf != task.path:
            prop.timings["convert"] = t_convert
        prop.timings["phase1"] = time.perf_counter() - t0
        # CPU seconds beside wall seconds: on a shared machine they tell waiting from work.
        prop.timings["phase1_cpu"] = time.process_time() - c0
        return {"status": "detected", "pages": prop.pages,
                "proposal": dump_findings(prop.findings), "ocr_pages": prop.ocr_pages,
                "ocr_words": dump_ocr_words(prop.ocr_words),
                "names": contribution(doc, prop.findings), "timings": prop.timings,
                "content": content_key(doc), "keys": text_keys(doc.text)}

    def apply(self, task: Task) -> dict:
        from ..errors import BadInput
        from ..model import sha256_file
        from ..pipeline import Proposal

        t0, c0 = time.perf_counter(), time.process_time()
        try:
            self._check(task)
            pdf = self._pdf(task)
        except BadInput as e:
            return self._quarantine(task, e.kind, e.message, original=True)
        try:
            doc = self._open(task, pdf)
        except BadInput as e:
            return self._quarantine(task, e.kind, e.message, pdf=pdf)
        t_extract = time.perf_counter() - t0
        prop = Proposal(pdf, doc.sha256, doc.page_count, load_findings(task.proposal),
                        list(task.ocr_pages), dict(task.timings))
        t1 = time.perf_counter()
        book = self.books.get(task.book) if task.book else None
        if book is not None:
            self.pipeline.extend(doc, prop, book)
        t_extend = time.perf_counter() - t1
        if task.known_ids is not None:
            out = Path(self.cfg.out_dir) / task.rel
            if ({f.id for f in prop.findings} <= set(task.known_ids) and out.is_file()
                    and sha256_file(str(out)) == task.sha256_out):
                return {"status": "unchanged", "pages": doc.page_count}
        prop.timings.update({"extract2": t_extract, "extend": t_extend})
        res = self.pipeline.apply(doc, prop, self.cfg.out_dir, task.rel)
        res.timings["phase2"] = time.perf_counter() - t0
        res.timings["phase2_cpu"] = time.process_time() - c0
        findings = dump_findings(res.findings)
        if res.status != "done":
            return {"status": "quarantined", "kind": res.kind, "reason": res.reason,
                    "pages": res.pages, "findings": findings, "timings": res.timings}
        return {"status": "done", "pages": res.pages, "findings": findings,
                "output": res.output, "sha256_out": res.sha256_out,
                "counts": counts_by_ground(res.findings), "timings": res.timings,
                "notes": res.notes}

    def _quarantine(self, task: Task, kind: str, reason: str, *, original: bool = False,
                    pdf: str | None = None) -> dict:
        """``original``: the document never became a PDF, so its own bytes are kept under its
        own name; otherwise the PDF that was read (the converted one, for a conversion)."""
        from ..pipeline import DocResult

        rel = original_rel(task) if original else task.rel
        res = DocResult(task.path if original or pdf is None else pdf, rel, "quarantined",
                        sha256_in=task.sha256)
        self.pipeline.quarantine(res, Path(self.cfg.out_dir), kind, reason)
        return {"status": "quarantined", "kind": kind, "reason": reason, "pages": 0}


def original_rel(task: Task) -> str:
    """Where a document's original goes in quarantine: its own name and extension."""
    if task.doc:
        import json

        base = json.loads(task.doc).get("base")
        if base:
            return base
    return task.rel
