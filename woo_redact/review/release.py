"""Apply reviewed proposals: redact what was accepted plus the manual boxes, verify, log.

Used by ``woo-redact apply`` and the review page's Apply button alike. Each document can be
applied on its own (from the page, when its review is done); the grounds logs and the
inventarislijst in the output folder are then rewritten from the latest result of every
applied document, so they always describe the whole output folder.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadInput
from ..grounds_log import RunLog
from ..model import Box
from ..pipeline import QUARANTINE, DocResult, Pipeline, Proposal
from ..proposals import (ManualBox, ReviewedMark, finding_from_dict, finding_to_dict,
                         manual_to_dict, now)
from .state import DocState
from .store import Store

LOCK_NAME = ".apply.lock"
_thread_lock = threading.Lock()


@dataclass(slots=True)
class Outcome:
    rel: str
    key: str
    status: str  # "done" | "quarantined" | "refused"
    reason: str = ""
    output: str | None = None
    redactions: int = 0


@contextmanager
def _exclusive(folder: Path) -> Iterator[None]:
    """One apply at a time per proposal folder, across threads and processes: the logs are
    rewritten from all results, and two writers would interleave them."""
    with _thread_lock:
        fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


def apply_documents(pipeline: Pipeline, store: Store, folder: str | Path, out_dir: str | Path,
                    states: list[DocState], *, reviewer: str, force: bool = False
                    ) -> tuple[list[Outcome], dict | None]:
    """Apply each document that may be applied; returns the outcomes and the log summary
    (None when nothing was applied and no log was written)."""
    folder, out = Path(folder), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    key_dir = str(out.resolve())
    outcomes: list[Outcome] = []
    with _exclusive(folder):
        for st in states:
            outcomes.append(_apply_one(pipeline, store, out, key_dir, st, reviewer, force))
        if not any(o.status != "refused" for o in outcomes):
            return outcomes, None
        summary = rebuild_logs(store, out)
    return outcomes, summary


def _apply_one(pipeline: Pipeline, store: Store, out: Path, key_dir: str, st: DocState,
               reviewer: str, force: bool) -> Outcome:
    prop = st.prop
    blockers = st.blockers(force)
    if blockers:
        return Outcome(prop.rel, st.key, "refused", "; ".join(blockers))
    if not os.path.isfile(prop.input):
        return Outcome(prop.rel, st.key, "refused", f"input not found: {prop.input}")
    at = now()
    findings = st.for_apply(reviewer, at)
    marks = [ReviewedMark(m.box, m.ground, m.reviewer or reviewer, m.decided_at or at)
             for m in st.manual]
    try:
        doc = pipeline.extract(prop.input)
    except BadInput as e:
        res = DocResult(prop.input, prop.rel, "quarantined", pages=prop.page_count,
                        sha256_in=prop.sha256, findings=findings, manual=list(marks))
        res = pipeline.quarantine(res, out, e.kind, e.message)
    else:
        if doc.sha256 != prop.sha256:
            # The boxes were computed on other content: they may not cover what is there now.
            return Outcome(prop.rel, st.key, "refused",
                           "input changed since it was proposed; run propose again")
        proposal = Proposal(prop.input, prop.sha256, prop.page_count, findings,
                            list(prop.ocr_pages), dict(prop.timings))
        res = pipeline.apply(doc, proposal, out, prop.rel, manual=marks)
    _tidy(out, prop.rel, res.status)
    store.save_result(key_dir, prop.rel, st.key, prop.document_nr, res.status,
                      result_to_dict(res), reviewer)
    return Outcome(prop.rel, st.key, res.status, res.reason, res.output, res.redaction_count)


def _tidy(out: Path, rel: str, status: str) -> None:
    """Leave one truth per document: an older release that no longer matches the decisions,
    or an older quarantine copy of a document that now passed, would mislead."""
    if status == "done":
        q = out / QUARANTINE / rel
        q.unlink(missing_ok=True)
        q.with_name(q.name + ".reason.json").unlink(missing_ok=True)
    else:
        (out / rel).unlink(missing_ok=True)


def rebuild_logs(store: Store, out: Path) -> dict:
    log = RunLog(out)
    for r in store.results(str(out.resolve())):
        log.add(result_from_dict(r.data), r.document_nr)
    return log.close()


def result_to_dict(res: DocResult) -> dict:
    return {"input": res.input, "rel": res.rel, "status": res.status, "output": res.output,
            "reason": res.reason, "kind": res.kind, "pages": res.pages,
            "sha256_in": res.sha256_in, "sha256_out": res.sha256_out,
            "findings": [finding_to_dict(f) for f in res.findings],
            "manual": [manual_to_dict(ManualBox("manual", m.box, m.label,
                                                getattr(m, "reviewer", ""),
                                                getattr(m, "decided_at", "")))
                       for m in res.manual],
            "ocr_pages": res.ocr_pages, "timings": res.timings}


def result_from_dict(d: dict) -> DocResult:
    manual = [ReviewedMark(Box.from_dict(m["box"]), m["ground"], m.get("reviewer", ""),
                           m.get("decided_at", "")) for m in d.get("manual", [])]
    return DocResult(d["input"], d["rel"], d["status"], d.get("output"), d.get("reason", ""),
                     d.get("kind", ""), int(d.get("pages", 0)), d.get("sha256_in", ""),
                     d.get("sha256_out"), [finding_from_dict(f) for f in d["findings"]],
                     manual, list(d.get("ocr_pages", [])), dict(d.get("timings", {})))
