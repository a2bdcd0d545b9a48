"""A dossier run: all documents of one run share their names (dossier-wide propagation).

Two passes: the first converts each document to PDF (inputs.convert), detects in it and
collects the names found; the second adds every occurrence of a dossier name to each
document, and redacts. A copy of an earlier document (same Message-ID, same file, or the same
text after conversion) is not redacted again: it is reported as a duplicate of the released
one. The documents read in the first pass are kept for the second up to ``KEEP_PAGES`` pages
in all; the rest are read again, so memory does not grow with the dossier. A proposal keeps
the OCR words of its scanned pages, as OCR is not cheap.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from .errors import BadInput, as_bad_input
from .grounds_log import DUPLICATE
from .inputs import InputFile
from .inputs.convert import to_pdf
from .inputs.dossier import SourceDoc, mark_content_duplicates
from .model import Document, sha256_file
from .pipeline import DocResult, Pipeline, Proposal
from .workdir import WORK_DIR

if TYPE_CHECKING:
    from .propagate import NameBook

# Pages of first-pass documents kept in memory for the second pass (about 0.2 MB a page):
# reading a document again was a sixth of a small document's time.
KEEP_PAGES = 500
MIN_CONTENT_CHARS = 40  # shorter texts (or none: a scan) are no proof of being a copy


# Wraps the work on one document in one pass ("detect" or "apply"): the isolated runner
# reports progress and keeps the time limit with it. It may raise BadInput.
Guard = Callable[["SourceDoc", str], AbstractContextManager]


def _no_guard(d: SourceDoc, phase: str) -> AbstractContextManager:
    return nullcontext()


def as_source(f: InputFile) -> SourceDoc:
    """A plain PDF given to the run as an InputFile."""
    return SourceDoc(f.rel, f.rel, "pdf", f.path, "", doc_id="", base=f.rel)


def as_sources(files: list[InputFile | SourceDoc]) -> list[SourceDoc]:
    return [as_source(f) if isinstance(f, InputFile) else f for f in files]


def content_key(doc: Document) -> str:
    text = " ".join(doc.text.split())
    if len(text) < MIN_CONTENT_CHARS:
        return ""
    return hashlib.sha256(f"{doc.page_count}\0{text}".encode("utf-8")).hexdigest()


def run_dossier(pipeline: Pipeline, files: list[InputFile | SourceDoc], out_dir: str | Path,
                *, dry_run: bool = False, work_dir: str | Path | None = None, office=None,
                on_result: Callable[[SourceDoc, DocResult], None] | None = None,
                guard: Guard = _no_guard, done: frozenset[str] = frozenset(),
                scope: str = "batch") -> Iterator[tuple[SourceDoc, DocResult]]:
    """Both passes over ``files``; documents whose ``key`` is in ``done`` lend their names
    to the dossier but are neither redacted nor reported again (a resumed run). ``scope``:
    where the names of a document are looked for (``woo_redact.scope``)."""
    from .scope import scope_keys

    out_dir = Path(out_dir)
    work = Path(work_dir) if work_dir else out_dir / WORK_DIR
    docs = as_sources(files)
    dossier_of = scope_keys(docs, scope)
    own_office = office is None
    if own_office:
        from .inputs.office import OfficeConverter
        office = OfficeConverter()
    books: dict[str, NameBook] | None = None  # per dossier; made once the models are loaded
    first: list[tuple[SourceDoc, Proposal | DocResult]] = []
    pdfs: dict[int, str] = {}
    kept: dict[int, Document] = {}
    content: dict[int, str] = {}
    kept_pages = 0
    try:
        for d in docs:
            if d.duplicate_of:
                first.append((d, _duplicate(d)))
                continue
            try:
                with guard(d, "detect"):
                    path = to_pdf(d, work, office, max_bytes=pipeline.limits.max_bytes)
            except BadInput as e:
                first.append((d, _quarantine_original(pipeline, d, out_dir, e.kind,
                                                      e.message)))
                continue
            except OSError as e:
                first.append((d, _quarantine_original(pipeline, d, out_dir, "unreadable",
                                                      str(e))))
                continue
            except Exception as e:  # a fault of ours on one document must not end the run
                first.append((d, _quarantine_original(pipeline, d, out_dir, "convert_failed",
                                                      _fault(e))))
                continue
            pdfs[len(first)] = path
            try:
                with guard(d, "detect"):
                    sha = sha256_file(path)
                    t0 = time.perf_counter()
                    doc = pipeline.extract(path, sha)
                    took = time.perf_counter() - t0
                    if books is None:
                        # the name rules are imported only now, after the models' background
                        # load (if any) is done: the first page was read meanwhile
                        pipeline.ready()
                        from .propagate import NameBook
                        books = {k: NameBook() for k in dict.fromkeys(dossier_of.values())}
                    book = books[dossier_of[d.key]]
                    _, prop = pipeline.propose(path, doc)
                    prop.timings["extract"] = took
                    from . import office_mentions

                    book.add_findings(prop.findings, doc.text)
                    book.places |= pipeline.places(doc, None)
                    book.holders.update({h.person.full: h.reason
                                         for h in office_mentions.holders_of(prop.findings)})
                    book.add_values(prop.findings)
                    book.add_contacts(prop.findings)
                content[len(first)] = content_key(doc)
                if d.key not in done and kept_pages + doc.page_count <= KEEP_PAGES:
                    kept[len(first)] = doc
                    kept_pages += doc.page_count
                    prop.ocr_words = {}  # the kept document has them
                first.append((d, prop))
                del doc
            except BadInput as e:
                first.append((d, _quarantine(pipeline, d, path, out_dir, e.kind, e.message)))
            except OSError as e:
                first.append((d, _quarantine(pipeline, d, path, out_dir, "unreadable",
                                             str(e))))
            except Exception as e:  # a fault of ours on one document must not end the run
                bad = as_bad_input(e)
                first.append((d, _quarantine(pipeline, d, path, out_dir, bad.kind, bad.message)
                              if bad else _quarantine(pipeline, d, path, out_dir, "error",
                                                      _fault(e))))
    finally:
        if own_office:
            office.close()
    if books is None:
        pipeline.ready()
        from .propagate import NameBook
        books = {k: NameBook() for k in dict.fromkeys(dossier_of.values())}
    # copies found only now, by their text after conversion
    ordered = [(i, d) for i, (d, item) in enumerate(first)
               if isinstance(item, Proposal) and d.doc_id]
    index = {d.doc_id: i for i, d in ordered}
    for d in mark_content_duplicates([d for _, d in ordered],
                                     {d.doc_id: content.get(i, "") for i, d in ordered}):
        i = index[d.doc_id]
        first[i] = (d, _duplicate(d))
        kept.pop(i, None)
    for i, (d, item) in enumerate(first):
        if d.key in done:
            continue  # finished by an earlier worker: it only lent its names
        if isinstance(item, DocResult):
            res = item
        else:
            try:
                with guard(d, "apply"):
                    res = _second_pass(pipeline, d, pdfs[i], item, books[dossier_of[d.key]],
                                       out_dir, dry_run, kept.pop(i, None))
            except BadInput as e:
                res = _quarantine(pipeline, d, pdfs[i], out_dir, e.kind, e.message,
                                  sha256_in=item.sha256)
        if on_result:
            on_result(d, res)
        yield d, res


def _duplicate(d: SourceDoc) -> DocResult:
    return DocResult(d.source, d.rel, DUPLICATE, reason=f"copy of {d.duplicate_of} "
                                                        f"({d.duplicate_reason})",
                     sha256_in=d.sha256)


def _quarantine(pipeline: Pipeline, d: SourceDoc, path: str, out_dir: Path, kind: str,
                reason: str, sha256_in: str = "") -> DocResult:
    return pipeline.quarantine(DocResult(path, d.rel, "quarantined", sha256_in=sha256_in),
                               out_dir, kind, reason)


def _quarantine_original(pipeline: Pipeline, d: SourceDoc, out_dir: Path, kind: str,
                         reason: str) -> DocResult:
    """A document that never became a PDF: its original bytes go to quarantine under its
    own name."""
    res = DocResult(d.source, d.base or d.rel, "quarantined", sha256_in=d.sha256)
    return pipeline.quarantine(res, out_dir, kind, reason)


def _second_pass(pipeline: Pipeline, d: SourceDoc, path: str, prop: Proposal, book: NameBook,
                 out_dir: Path, dry_run: bool, doc: Document | None) -> DocResult:
    try:
        if doc is None:
            doc = pipeline.extract(path, prop.sha256, prop.ocr_words)
        prop.ocr_words = {}
        if doc.sha256 != sha256_file(path):
            raise BadInput("changed", "file changed while the run was going on")
        pipeline.extend(doc, prop, book)
    except BadInput as e:
        res = DocResult(path, d.rel, "quarantined", sha256_in=prop.sha256)
        return pipeline.quarantine(res, out_dir, e.kind, e.message)
    except Exception as e:
        res = DocResult(path, d.rel, "quarantined", sha256_in=prop.sha256)
        return pipeline.quarantine(res, out_dir, "error", _fault(e))
    if dry_run:
        return DocResult(path, d.rel, "planned", pages=prop.pages, sha256_in=prop.sha256,
                         findings=prop.findings, ocr_pages=prop.ocr_pages,
                         timings=prop.timings, notes=list(doc.notes))
    return pipeline.apply(doc, prop, out_dir, d.rel)


def _fault(e: Exception) -> str:
    return f"internal error, please report it: {type(e).__name__}: {e}"
