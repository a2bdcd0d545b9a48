"""A dossier run: all documents of one run share their names (dossier-wide propagation).

Two passes: the first detects in every document and collects the names found; the second
adds every occurrence of a dossier name to each document, and redacts. The documents read in
the first pass are kept for the second up to ``KEEP_PAGES`` pages in all; the rest are read
again, so memory does not grow with the dossier. A proposal keeps the OCR words of its
scanned pages, as OCR is not cheap.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from .errors import BadInput, as_bad_input
from .inputs import InputFile
from .model import sha256_file
from .pipeline import DocResult, Pipeline, Proposal
from .model import Document
from .propagate import NameBook

# Pages of first-pass documents kept in memory for the second pass (about 0.2 MB a page):
# reading a document again was a sixth of a small document's time.
KEEP_PAGES = 500


# Wraps the work on one document in one pass ("detect" or "apply"): the isolated runner
# reports progress and keeps the time limit with it. It may raise BadInput.
Guard = Callable[[InputFile, str], AbstractContextManager]


def _no_guard(f: InputFile, phase: str) -> AbstractContextManager:
    return nullcontext()


def run_dossier(pipeline: Pipeline, files: list[InputFile], out_dir: str | Path, *,
                dry_run: bool = False,
                on_result: Callable[[InputFile, DocResult], None] | None = None,
                guard: Guard = _no_guard, done: frozenset[str] = frozenset()
                ) -> Iterator[tuple[InputFile, DocResult]]:
    """Both passes over ``files``; documents whose ``rel`` is in ``done`` lend their names to
    the dossier but are neither redacted nor reported again (a resumed run)."""
    out_dir = Path(out_dir)
    book = NameBook()
    first: list[tuple[InputFile, Proposal | DocResult]] = []
    kept: dict[int, Document] = {}
    kept_pages = 0
    for f in files:
        try:
            with guard(f, "detect"):
                sha = sha256_file(f.path)
                t0 = time.perf_counter()
                doc = pipeline.extract(f.path, sha)
                took = time.perf_counter() - t0
                _, prop = pipeline.propose(f.path, doc)
                prop.timings["extract"] = took
                book.add_findings(prop.findings, doc.text)
            if f.rel in done:
                continue
            if kept_pages + doc.page_count <= KEEP_PAGES:
                kept[len(first)] = doc
                kept_pages += doc.page_count
                prop.ocr_words = {}  # the kept document has them
            first.append((f, prop))
            del doc
        except BadInput as e:
            if f.rel in done:
                continue
            res = DocResult(f.path, f.rel, "quarantined")
            first.append((f, pipeline.quarantine(res, out_dir, e.kind, e.message)))
        except OSError as e:
            if f.rel in done:
                continue
            res = DocResult(f.path, f.rel, "quarantined")
            first.append((f, pipeline.quarantine(res, out_dir, "unreadable", str(e))))
        except Exception as e:  # a fault of ours on one document must not end the run
            if f.rel in done:
                continue
            res = DocResult(f.path, f.rel, "quarantined")
            bad = as_bad_input(e)
            first.append((f, pipeline.quarantine(res, out_dir, bad.kind, bad.message)
                          if bad else pipeline.quarantine(res, out_dir, "error", _fault(e))))
    for i, (f, item) in enumerate(first):
        if isinstance(item, DocResult):
            res = item
        else:
            try:
                with guard(f, "apply"):
                    res = _second_pass(pipeline, f, item, book, out_dir, dry_run,
                                       kept.pop(i, None))
            except BadInput as e:
                res = pipeline.quarantine(DocResult(f.path, f.rel, "quarantined",
                                                    sha256_in=item.sha256), out_dir, e.kind,
                                          e.message)
        if on_result:
            on_result(f, res)
        yield f, res


def _second_pass(pipeline: Pipeline, f: InputFile, prop: Proposal, book: NameBook,
                 out_dir: Path, dry_run: bool, doc: Document | None) -> DocResult:
    try:
        if doc is None:
            doc = pipeline.extract(f.path, prop.sha256, prop.ocr_words)
        prop.ocr_words = {}
        if doc.sha256 != sha256_file(f.path):
            raise BadInput("changed", "file changed while the run was going on")
        pipeline.extend(doc, prop, book)
    except BadInput as e:
        res = DocResult(f.path, f.rel, "quarantined", sha256_in=prop.sha256)
        return pipeline.quarantine(res, out_dir, e.kind, e.message)
    except Exception as e:
        res = DocResult(f.path, f.rel, "quarantined", sha256_in=prop.sha256)
        return pipeline.quarantine(res, out_dir, "error", _fault(e))
    if dry_run:
        return DocResult(f.path, f.rel, "planned", pages=prop.pages, sha256_in=prop.sha256,
                         findings=prop.findings, ocr_pages=prop.ocr_pages,
                         timings=prop.timings, notes=list(doc.notes))
    return pipeline.apply(doc, prop, out_dir, f.rel)


def _fault(e: Exception) -> str:
    return f"internal error, please report it: {type(e).__name__}: {e}"
