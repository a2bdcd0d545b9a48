"""A dossier run: names first, then redaction; a document is read once when it fits the
memory budget, else twice; scans are OCR'd once either way."""

from __future__ import annotations

from pathlib import Path

import pytest

from woo_redact import dossier, ocr
from woo_redact.dossier import run_dossier
from woo_redact.inputs import InputFile
from woo_redact.pipeline import Pipeline

SCAN = Path(__file__).resolve().parent.parent / "fixtures" / "scanned" / \
    "scan-bereikbaarheidslijst-rbt.pdf"

DOCS = sorted((Path(__file__).resolve().parent.parent / "fixtures" / "docs").glob("*.pdf"))[:3]
needs_tesseract = pytest.mark.skipif(not ocr.tesseract_available(), reason="needs Tesseract")


@pytest.fixture
def ocr_calls(monkeypatch) -> list[str]:
    """The file name of every page OCR'd from now on."""
    calls: list[str] = []
    real = ocr.ocr_page

    def counting(page):
        calls.append(page.parent.name)
        return real(page)

    monkeypatch.setattr(ocr, "ocr_page", counting)
    return calls


@needs_tesseract
def test_second_pass_reuses_the_ocr_of_the_first_but_verification_reads_the_output(
        tmp_path, ocr_calls):
    (f, res), = run_dossier(Pipeline(), [InputFile(str(SCAN), SCAN.name)], tmp_path)
    assert res.status == "done", res.reason
    assert res.ocr_pages == [0] and res.applied
    # once for the input, once for verification of the written output; never a third time
    assert len(ocr_calls) == 2
    assert ocr_calls[0] == str(SCAN) and ocr_calls[1] != str(SCAN)


@needs_tesseract
def test_batch_carries_the_ocr_words_from_phase_one_to_phase_two(tmp_path, ocr_calls):
    """Batch phases run in separate tasks (and processes); the words travel through the
    manifest as JSON, exactly as read."""
    from woo_redact.batch.codec import load_ocr_words
    from woo_redact.batch.work import APPLY, DETECT, Task, Worker, WorkerConfig
    from woo_redact.model import sha256_file

    worker = Worker(WorkerConfig(str(tmp_path)))
    sha = sha256_file(str(SCAN))
    first = worker.run(Task(1, DETECT, str(SCAN), SCAN.name, sha))
    assert first["status"] == "detected" and first["ocr_pages"] == [0]
    words = load_ocr_words(first["ocr_words"])
    assert len(words[0]) > 20 and all(w.source == "ocr" and w.box.page == 0 for w in words[0])
    done = worker.run(Task(1, APPLY, str(SCAN), SCAN.name, sha, first["proposal"],
                           tuple(first["ocr_pages"]), first["timings"],
                           ocr_words=first["ocr_words"]))
    assert done["status"] == "done", done.get("reason")
    assert len(ocr_calls) == 2 and ocr_calls[1] != str(SCAN)  # input once, output once


@pytest.mark.parametrize("keep_pages, reads_per_document", [(dossier.KEEP_PAGES, 1), (0, 2)])
def test_documents_within_the_budget_are_read_once(tmp_path, monkeypatch, keep_pages,
                                                   reads_per_document):
    reads: list[str] = []
    real = Pipeline.extract

    def counting(self, path, *args, **kwargs):
        reads.append(path)
        return real(self, path, *args, **kwargs)

    monkeypatch.setattr(Pipeline, "extract", counting)
    monkeypatch.setattr(dossier, "KEEP_PAGES", keep_pages)
    inputs = [InputFile(str(p), p.name) for p in DOCS]
    results = [res for _f, res in run_dossier(Pipeline(), inputs, tmp_path / "out")]
    assert [r.status for r in results] == ["done"] * len(DOCS)
    assert sorted(reads) == sorted(str(p) for p in DOCS for _ in range(reads_per_document))
    # kept or read again, the output is the same file
    monkeypatch.setattr(dossier, "KEEP_PAGES", dossier.KEEP_PAGES if keep_pages == 0 else 0)
    again = [res for _f, res in run_dossier(Pipeline(), inputs, tmp_path / "again")]
    assert [r.sha256_out for r in again] == [r.sha256_out for r in results]


@pytest.mark.parametrize("stage", ["propose", "extend"])
def test_a_fault_on_one_document_quarantines_it_and_the_run_goes_on(tmp_path, monkeypatch,
                                                                     stage):
    pipeline = Pipeline(ocr=False)
    bad = DOCS[1].name
    real = getattr(Pipeline, stage)

    def failing(self, *args, **kwargs):
        path = args[0] if stage == "propose" else args[1].path
        if Path(path).name == bad:
            raise ValueError("a bug in a detector")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Pipeline, stage, failing)
    results = {f.rel: res for f, res in run_dossier(
        pipeline, [InputFile(str(p), p.name) for p in DOCS], tmp_path)}
    assert results[bad].status == "quarantined" and results[bad].kind == "error"
    assert "ValueError: a bug in a detector" in results[bad].reason
    assert (tmp_path / "quarantine" / bad).is_file()  # the input is kept, nothing is lost
    assert not (tmp_path / bad).exists()
    assert all(res.status == "done" for rel, res in results.items() if rel != bad)
