"""The batch coordinator: discover, sync the manifest, run both phases, write the logs.

Phase 1 detects in every document (in parallel) and stores its findings and names in the
manifest. The names of all documents then form one dossier name book. Phase 2 redacts every
detected document with that book (in parallel). Logs, inventarislijst and summary are written
from the manifest at the end, so a resumed run still reports the whole batch.

The dossier is everything the batch holds. When a rerun brings documents with names that are
new to the dossier, documents already done are checked again: each is re-read and extended
with the new names, and rewritten only if one of them occurs in it (otherwise its output stays
as it is). Names are never taken away: a document that leaves the batch does not make others
less redacted.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import pickle
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import manifest as mf
from .manifest import Manifest, Seen
from .progress import Reporter
from .work import APPLY, DETECT, Task, WorkerConfig

TEMP_RE = re.compile(r"^\..+\.\d+\.tmp$")
LOCK_NAME = "batch-manifest.lock"


@dataclass(slots=True)
class BatchOptions:
    src: str
    out: str
    workers: int = 0  # 0: every core
    engine: str = "local"  # "local" | "ray"
    address: str | None = None  # Ray cluster address
    policy: str | None = None
    accept_proposed: bool = False
    ocr: bool | None = None
    max_pages: int = 5000
    max_bytes: int = 500 * 1024 * 1024
    timeout: float | None = 600.0
    memory_mb: int | None = 4096
    retry_quarantined: bool = False
    propagation: str = "batch"  # where names are looked for: batch | group | folder


@dataclass(slots=True)
class RunStats:
    """What this invocation did (the manifest knows the whole batch)."""
    sync: dict = field(default_factory=dict)
    detected: int = 0
    applied: int = 0
    rechecked: int = 0
    rewritten: int = 0
    unreached: int = 0  # done documents the new dossier names cannot reach: left as they are
    quarantined: int = 0
    pages: int = 0  # pages of the documents this run finished
    startup_s: float = 0.0
    phase_s: dict = field(default_factory=dict)
    elapsed_s: float = 0.0

    def to_dict(self) -> dict:
        busy = sum(self.phase_s.values())
        return {"sync": self.sync, "detected": self.detected, "redacted": self.applied,
                "rechecked": self.rechecked, "rewritten_after_recheck": self.rewritten,
                "not_reached_by_new_names": self.unreached,
                "quarantined": self.quarantined, "pages": self.pages,
                "startup_s": round(self.startup_s, 2),
                "phase_s": {k: round(v, 2) for k, v in self.phase_s.items()},
                "elapsed_s": round(self.elapsed_s, 2),
                "pages_per_s": round(self.pages / busy, 2) if busy else 0.0}


def config_fingerprint(opts: BatchOptions, ocr: bool) -> str:
    """What the outputs depend on besides the input: policy text and the deciding options."""
    from importlib import resources

    if opts.policy:
        policy_text = Path(opts.policy).read_text("utf-8")
    else:
        policy_text = (resources.files("woo_redact") / "data" / "default_policy.yaml").read_text(
            "utf-8")
    settings = {"policy": policy_text, "accept_proposed": opts.accept_proposed, "ocr": ocr}
    if opts.propagation != "batch":  # a manifest made before the option stays valid
        settings["propagation"] = opts.propagation
    blob = json.dumps(settings, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def discover_sources(src: str, out: str) -> tuple[list, list]:
    """The dossier under ``src`` (never the batch's own output, should it lie inside
    ``src``): its files, with zips and mail attachments unpacked into documents."""
    from ..workdir import WORK_DIR
    from ..inputs import discover
    from ..inputs.dossier import expand

    files, skipped = discover([src])
    out_real = os.path.realpath(out) + os.sep
    files = [f for f in files if not os.path.realpath(f.path).startswith(out_real)]
    skipped = [s for s in skipped if not os.path.realpath(s.path).startswith(out_real)]
    work = Path(out) / WORK_DIR
    work.mkdir(parents=True, exist_ok=True, mode=0o700)
    return expand(files, work).docs, skipped


def hash_files(docs: list) -> list[Seen]:
    """Manifest entries of the dossier's documents (each was hashed while unpacking)."""
    def one(d) -> Seen:
        try:
            size = os.path.getsize(d.source)
        except OSError:
            size = 0  # the worker names the error
        return Seen(os.path.abspath(d.source), d.rel, d.sha256, size,
                    json.dumps(d.to_json(), ensure_ascii=False))

    return [one(d) for d in docs]


def sweep_temp_files(out: Path) -> int:
    """Temporary outputs of a killed run: never valid, never under a final name."""
    n = 0
    for root, _, names in os.walk(out):
        for name in names:
            if TEMP_RE.match(name):
                (Path(root) / name).unlink(missing_ok=True)
                n += 1
    return n


def make_engine(opts: BatchOptions, cfg: WorkerConfig):
    if opts.engine == "ray":
        from .ray_engine import RayEngine
        return RayEngine(cfg, opts.workers or None, opts.address)
    from .local import LocalEngine
    return LocalEngine(cfg, opts.workers or os.cpu_count() or 1)


def lock_output(out: Path):
    """One batch per output folder at a time: a second one would sweep the first one's
    temporary files and race it on the manifest. The lock dies with the process."""
    f = open(out / LOCK_NAME, "w")
    try:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        f.close()
        raise RuntimeError(f"another batch is running with output folder {out}") from None
    return f


class Batch:
    def __init__(self, opts: BatchOptions, reporter: Reporter):
        from ..ocr import tesseract_available

        self.opts = opts
        self.out = Path(opts.out).resolve()
        self.rep = reporter
        ocr = tesseract_available() if opts.ocr is None else opts.ocr
        self.cfg = WorkerConfig(str(self.out), opts.policy, opts.accept_proposed, ocr,
                                opts.max_pages, opts.max_bytes, opts.timeout, opts.memory_mb)
        self.fingerprint = config_fingerprint(opts, ocr)
        self._ocr = ocr
        self._pipeline = None
        self.engine = None
        self.stats = RunStats()
        self.manifest: Manifest | None = None
        # the names of each dossier of the batch (see --propagation): dossier -> digest, the
        # books for the workers (one blob, one digest for them all), each document's dossier
        self._dossiers: dict[str, str] = {}
        self._books_digest = ""
        self._books_blob = b""
        self._dossier_of: dict[int, str] | None = None

    @property
    def pipeline(self):
        """Only for quarantining documents whose worker could not (time-out, crash); made
        when first needed, so that a run with nothing to do loads nothing."""
        if self._pipeline is None:
            from ..pipeline import Pipeline
            from ..policy import load_policy

            self._pipeline = Pipeline(load_policy(self.opts.policy), ocr=self._ocr)
        return self._pipeline

    # -- the run ---------------------------------------------------------------------------
    def run(self) -> dict:
        t_start = time.monotonic()
        files, skipped = discover_sources(self.opts.src, str(self.out))
        self.out.mkdir(parents=True, exist_ok=True)
        lock = lock_output(self.out)
        try:
            return self._run_locked(files, skipped, t_start)
        finally:
            lock.close()

    def _run_locked(self, files: list, skipped: list, t_start: float) -> dict:
        self.manifest = m = Manifest(self.out / mf.MANIFEST_NAME)
        try:
            if m.use_config(self.fingerprint):
                self.rep.note("policy or options changed since the last run: "
                              "every document is done again")
            st = m.sync(hash_files(files))
            m.set_skipped((s.path, s.reason) for s in skipped)
            if self.opts.retry_quarantined:
                m.retry_quarantined()
            self.stats.sync = {"new": st.new, "changed": st.changed,
                               "unchanged": st.unchanged, "missing": st.missing,
                               "interrupted": st.interrupted}
            sweep_temp_files(self.out)
            for s in skipped:
                self.rep.note(f"skipped {s.path}: {s.reason}")
            self._settle_dossier()
            try:
                self._phase(DETECT, m.ids(mf.PENDING), self._detect_task)
                self._settle_dossier()  # copies found by their text after conversion
                books = self._share_books()
                todo = m.ids(mf.DETECTED)
                self._phase(APPLY, todo + m.stale(books), self._apply_task)
            finally:
                if self.engine is not None:
                    self.engine.close()
            self.stats.elapsed_s = time.monotonic() - t_start
            self._drop_work_folder()
            from .report import write_outputs
            return write_outputs(m, self.out, self.stats.to_dict(), self.describe())
        finally:
            m.close()

    def _drop_work_folder(self) -> None:
        """Unpacked attachments and converted PDFs hold everything unredacted; once every
        document reached its end they are not needed (a rerun unpacks again)."""
        import shutil

        from ..workdir import WORK_DIR

        if not self.manifest.ids(mf.PENDING, mf.DETECTING, mf.DETECTED, mf.APPLYING):
            shutil.rmtree(self.out / WORK_DIR, ignore_errors=True)

    def describe(self) -> dict:
        eng = self.engine
        return {"engine": self.opts.engine,
                "workers": getattr(eng, "workers", None) or self.opts.workers or os.cpu_count(),
                "source": os.path.abspath(self.opts.src), "timeout_s": self.opts.timeout,
                "max_pages": self.opts.max_pages, "max_bytes": self.opts.max_bytes}

    def _ensure_engine(self):
        if self.engine is None:
            self.engine = make_engine(self.opts, self.cfg)
            self.engine.start()
            self.stats.startup_s = self.engine.startup_s
        return self.engine

    def _phase(self, phase: str, ids: list[int], make_task: Callable[[int], Task]) -> None:
        if not ids:
            return
        engine = self._ensure_engine()
        if phase == APPLY:
            engine.set_book(self._books_digest, self._books_blob)
        self.rep.begin(phase, len(ids))
        t0 = time.monotonic()

        def tasks() -> Iterator[Task]:
            for i in ids:  # rows are read one at a time: findings are not all held at once
                yield make_task(i)

        engine.map(tasks(), self._on_start, self._on_result)
        self.stats.phase_s[phase] = time.monotonic() - t0
        self.rep.end()

    # -- tasks ------------------------------------------------------------------------------
    # -- the dossier: documents that fail before processing, and copies -----------------------
    def _settle_dossier(self) -> None:
        """Quarantine the documents that cannot be processed at all (a zip bomb, a file type
        we do not read), and mark copies: by Message-ID or identical bytes (known from
        unpacking) and by the same text after conversion (known after phase 1). The first
        document in dossier order is the one released."""
        from ..inputs.dossier import SourceDoc

        m = self.manifest
        rows = [(r, SourceDoc.from_json(json.loads(r["info"])))
                for r in m.rows() if r["info"]]
        rows.sort(key=lambda x: x[1].key)
        originals: dict[str, str] = {}
        for r, doc in rows:
            if doc.error_kind:
                if r["status"] != mf.QUARANTINED or r["kind"] != doc.error_kind:
                    from ..pipeline import DocResult

                    self.pipeline.quarantine(
                        DocResult(r["path"], doc.base or doc.rel, "quarantined",
                                  sha256_in=r["sha256"]), self.out, doc.error_kind, doc.error)
                    m.quarantined(r["id"], kind=doc.error_kind, reason=doc.error)
                continue
            content = r["content"]
            if not doc.duplicate_of and content and content in originals:
                doc.duplicate_of, doc.duplicate_reason = originals[content], "same_content"
            if doc.duplicate_of:
                info = json.dumps(doc.to_json(), ensure_ascii=False)
                if r["status"] != mf.DUPLICATE or r["info"] != info:
                    m.duplicate(r["id"], info)
                    if content:
                        m.set_content(r["id"], content)
                    (self.out / r["rel"]).unlink(missing_ok=True)
                continue
            if r["status"] == mf.DUPLICATE:
                m.undo_duplicate(r["id"])
                continue
            if content:
                originals.setdefault(content, doc.doc_id)

    def _detect_task(self, doc_id: int) -> Task:
        r = self.manifest.get(doc_id)
        return Task(doc_id, DETECT, r["path"], r["rel"], r["sha256"], doc=r["info"])

    def _apply_task(self, doc_id: int) -> Task:
        from .codec import load_findings

        r = self.manifest.get(doc_id)
        known = sha_out = None
        if r["status"] == mf.DONE:
            known = tuple(f.id for f in load_findings(r["findings"]))
            sha_out = r["sha256_out"]
        return Task(doc_id, APPLY, r["path"], r["rel"], r["sha256"], r["proposal"],
                    tuple(json.loads(r["ocr_pages"] or "[]")),
                    json.loads(r["timings"] or "{}"), known, sha_out, r["ocr_words"],
                    r["info"], self._book_of(doc_id))

    def _on_start(self, task: Task) -> None:
        self.manifest.start(task.doc_id, mf.DETECTING if task.phase == DETECT else mf.APPLYING)

    def _on_result(self, task: Task, res: dict) -> None:
        m, status = self.manifest, res["status"]
        pages = int(res.get("pages") or 0)
        if status == "detected":
            m.detected(task.doc_id, pages=pages, proposal=res["proposal"],
                       ocr_pages=res["ocr_pages"], names=res["names"], timings=res["timings"],
                       ocr_words=res.get("ocr_words"), keys=res.get("keys"))
            if res.get("content"):
                m.set_content(task.doc_id, res["content"])
            self.stats.detected += 1
        elif status == "done":
            m.done(task.doc_id, findings=res["findings"], output=res["output"],
                   sha256_out=res["sha256_out"], counts=res["counts"], timings=res["timings"],
                   book=task.book, notes=res.get("notes") or [])
            self._drop_quarantine_copy(task.rel)
            self.stats.applied += 1
            self.stats.pages += pages
            if task.known_ids is not None:
                self.stats.rechecked += 1
                self.stats.rewritten += 1
        elif status == "unchanged":
            m.unchanged(task.doc_id, task.book)
            self.stats.rechecked += 1
        else:
            if status == "failed":  # the worker is gone; quarantine on its behalf
                from ..pipeline import DocResult
                from .work import original_rel
                self.pipeline.quarantine(DocResult(task.path, original_rel(task), "quarantined",
                                                   sha256_in=task.sha256),
                                         self.out, res["kind"], res["reason"])
            m.quarantined(task.doc_id, kind=res["kind"], reason=res["reason"],
                          pages=pages or None, findings=res.get("findings"),
                          timings=res.get("timings"))
            (self.out / task.rel).unlink(missing_ok=True)  # an older version's output
            self.stats.quarantined += 1
            self.stats.pages += pages
            self.rep.note(f"QUARANTINED {task.rel}: {res['kind']}: {res['reason']}")
        self.rep.advance(pages)

    def _drop_quarantine_copy(self, rel: str) -> None:
        from ..pipeline import QUARANTINE

        q = self.out / QUARANTINE / rel
        q.unlink(missing_ok=True)
        q.with_name(q.name + ".reason.json").unlink(missing_ok=True)

    # -- dossier names ----------------------------------------------------------------------
    def _share_books(self) -> list[str]:
        """The names of every dossier of the batch as it stands (one dossier unless
        ``--propagation`` cuts the batch into groups or folders), and which done documents
        they must be checked against again. The books are built again only when a
        document's names changed since the last run; finished documents made with the last
        run's names are checked again only when the inverted index says that a name, value,
        place or office holder new to their dossier can occur in them. Returns the digests."""
        from .names import build_book, reaching_keys

        m = self.manifest
        last = m.books()
        if last is not None and not m.flagged(mf.NAMES_CHANGED):
            self._dossiers, blobs = last
        else:
            of = self._dossiers_of_rows()
            contributions: dict[str, list[str]] = {k: [] for k in dict.fromkeys(of.values())}
            if self.opts.propagation == "batch":
                contributions[""] = []  # the batch's one dossier, names or not
            for doc_id, c in m.names():
                contributions.setdefault(of.get(doc_id, ""), []).append(c)
            books, blobs = {}, {}
            for dossier, cs in contributions.items():
                book, digest = build_book(cs)
                digest = hashlib.sha256(f"{dossier}\0{digest}".encode()).hexdigest()[:16]
                books[dossier] = (book, digest)
                blobs[digest] = pickle.dumps(book, protocol=pickle.HIGHEST_PROTOCOL)
            old_digests, old_blobs = last if last is not None else ({}, {})
            for dossier, (book, digest) in books.items():
                before = old_digests.get(dossier)
                if before is not None and before != digest:
                    old = pickle.loads(old_blobs[before])
                    reached = m.reached(before, reaching_keys(old, book))
                    self.stats.unreached += m.move_book(before, digest, reached)
            self._dossiers = {d: digest for d, (_b, digest) in books.items()}
            m.save_books(self._dossiers, blobs)
        self._books_blob = pickle.dumps(blobs, protocol=pickle.HIGHEST_PROTOCOL)
        self._books_digest = hashlib.sha256(
            json.dumps(sorted(self._dossiers.items())).encode()).hexdigest()[:16]
        return list(self._dossiers.values())

    def _dossiers_of_rows(self) -> dict[int, str]:
        """Each document's dossier (``woo_redact.scope``)."""
        if self._dossier_of is None:
            if self.opts.propagation == "batch":
                self._dossier_of = {}
            else:
                from ..inputs.dossier import SourceDoc
                from ..scope import scope_keys

                rows = [(r["id"], SourceDoc.from_json(json.loads(r["info"])))
                        for r in self.manifest.rows(include_missing=True) if r["info"]]
                keys = scope_keys([d for _i, d in rows], self.opts.propagation)
                self._dossier_of = {i: keys[d.key] for i, d in rows}
        return self._dossier_of

    def _book_of(self, doc_id: int) -> str | None:
        return self._dossiers.get(self._dossiers_of_rows().get(doc_id, ""))


def run_batch(opts: BatchOptions, reporter: Reporter) -> dict:
    return Batch(opts, reporter).run()
