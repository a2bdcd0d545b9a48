"""A document that crashes, hangs or exhausts the worker process costs that document only."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from conftest import make_pdf
from woo_redact.inputs import InputFile
from woo_redact.isolation import Isolation, run_isolated
from woo_redact.pipeline import Pipeline

NAMES = {"a.pdf": "Jan Pietersen", "b.pdf": "Karel Verhoef", "c.pdf": "Fatima el Amrani"}


def _dossier(tmp_path: Path, bad: str) -> list[InputFile]:
    files = []
    for rel in ("a.pdf", bad, "c.pdf"):
        name = NAMES.get(rel, "Pieter de Wit")
        make_pdf(tmp_path / rel, [[(72, 100, f"Memo van de heer {name} over de planning."),
                                   (72, 120, "De evaluatie start in het tweede kwartaal.")]])
        files.append(InputFile(str(tmp_path / rel), rel))
    return files


def _run(tmp_path: Path, files, **kw) -> dict:
    out = tmp_path / "out"
    iso = Isolation(start_method="fork", **kw)
    results = list(run_isolated(Pipeline(), files, out, isolation=iso))
    rels = [f.rel for f, _ in results]
    assert sorted(rels) == sorted(f.rel for f in files), "each document reported once"
    assert not list(out.rglob(".*.tmp"))
    return {f.rel: r for f, r in results}


def _misbehave(monkeypatch, stage: str, rel: str, act) -> None:
    real = getattr(Pipeline, stage)

    def patched(self, *args, **kw):
        path = args[0] if stage == "extract" else args[1].path
        if path.endswith(rel):
            act()
        return real(self, *args, **kw)

    monkeypatch.setattr(Pipeline, stage, patched)


@pytest.mark.slow
@pytest.mark.parametrize("stage", ["extract", "apply"])
def test_a_crash_costs_one_document(tmp_path, monkeypatch, stage):
    files = _dossier(tmp_path, "boom.pdf")
    _misbehave(monkeypatch, stage, "boom.pdf", lambda: os.kill(os.getpid(), signal.SIGSEGV))
    res = _run(tmp_path, files, timeout=60)
    assert res["boom.pdf"].status == "quarantined" and res["boom.pdf"].kind == "crash"
    assert "SIGSEGV" in res["boom.pdf"].reason
    assert (tmp_path / "out" / "quarantine" / "boom.pdf.reason.json").exists()
    for rel in ("a.pdf", "c.pdf"):
        assert res[rel].status == "done", res[rel].reason
        assert (tmp_path / "out" / rel).exists()


@pytest.mark.slow
def test_a_call_that_never_returns_is_killed(tmp_path, monkeypatch):
    def hang():
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # the soft alarm cannot act
        time.sleep(60)

    files = _dossier(tmp_path, "hang.pdf")
    _misbehave(monkeypatch, "extract", "hang.pdf", hang)
    t0 = time.monotonic()
    res = _run(tmp_path, files, timeout=10, grace=1)
    assert time.monotonic() - t0 < 60
    assert res["hang.pdf"].kind == "timeout"
    assert res["a.pdf"].status == res["c.pdf"].status == "done"


@pytest.mark.slow
def test_a_slow_document_is_stopped_by_the_soft_limit(tmp_path, monkeypatch):
    files = _dossier(tmp_path, "slow.pdf")
    _misbehave(monkeypatch, "apply", "slow.pdf", lambda: time.sleep(60))
    res = _run(tmp_path, files, timeout=10, grace=30)
    assert res["slow.pdf"].kind == "timeout" and "took longer" in res["slow.pdf"].reason
    assert res["a.pdf"].status == res["c.pdf"].status == "done"


@pytest.mark.slow
def test_memory_beyond_the_limit_quarantines(tmp_path, monkeypatch):
    files = _dossier(tmp_path, "big.pdf")
    _misbehave(monkeypatch, "extract", "big.pdf", lambda: bytearray(3 << 30))
    res = _run(tmp_path, files, timeout=60, memory_mb=512)
    assert res["big.pdf"].status == "quarantined" and res["big.pdf"].kind == "too_large"
    assert res["a.pdf"].status == res["c.pdf"].status == "done"


@pytest.mark.slow
def test_a_copy_found_by_content_in_the_worker_is_reported_as_one(tmp_path):
    """The worker marks copies by their text; the supervisor reports what the worker found."""
    from woo_redact.dossier import as_source

    files = _dossier(tmp_path, "b.pdf")
    make_pdf(tmp_path / "a-copy.pdf", [[(72, 100, "Memo van de heer Jan Pietersen over de "
                                                  "planning."),
                                        (72, 120, "De evaluatie start in het tweede kwartaal.")]])
    docs = [as_source(f) for f in files + [InputFile(str(tmp_path / "a-copy.pdf"), "a-copy.pdf")]]
    for i, d in enumerate(docs):
        d.doc_id = f"{i + 1:04d}"
    results = list(run_isolated(Pipeline(), docs, tmp_path / "out",
                                isolation=Isolation(start_method="fork", timeout=60)))
    copy = next(d for d, _ in results if d.rel == "a-copy.pdf")
    assert copy.duplicate_of == "0001" and copy.duplicate_reason == "same_content"
    assert not (tmp_path / "out" / "a-copy.pdf").exists()
