"""The fast paths decide exactly what the reference paths decide, compared in the same run.

The reference paths are kept callable (``Pipeline(reference=True)``): Presidio's engine
recognizer by recognizer, and every page of the output read again in full (the name book's
indexes are compared with plain scans in ``test_archive_scale.py``). Each set below is run as a dossier through both, and every document's
status, output checksum and findings (entity, span, text, score, detector, boxes, ground,
action, status, reason) must be the same. Nothing is stored between runs: when detection
rules change, both paths change with them.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from woo_redact.ocr import tesseract_available

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
U1 = FIXTURES / "unseen" / "u1-gemeente" / "docs"


def _snapshot_module():
    spec = importlib.util.spec_from_file_location(
        "findings_snapshot", ROOT / "scripts" / "findings_snapshot.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


SNAP = _snapshot_module()


def _both(pipeline, folder: Path) -> tuple[dict, dict]:
    try:
        pipeline.reference = False
        fast = SNAP.snapshot_folder(pipeline, folder)
        pipeline.reference = True
        ref = SNAP.snapshot_folder(pipeline, folder)
    finally:
        pipeline.reference = False
    return fast, ref


def _same(fast: dict, ref: dict) -> None:
    assert fast, "nothing was run"
    assert sum(len(r["findings"]) for r in ref.values()) > 0, "no findings to compare"
    lines = SNAP.diff({"set": ref}, {"set": fast})
    assert not lines, "fast path differs from the reference:\n" + "\n".join(lines[:40])


def test_born_digital_fixtures_same_findings(pipeline):
    _same(*_both(pipeline, FIXTURES / "docs"))


def test_unseen_sample_same_findings(pipeline, tmp_path):
    # a table-heavy decision, a chat, minutes with an action list, a register, mails
    for name in ("03-woo-besluit-bomenkap-inventarislijst.pdf",
                 "05-whatsapp-groep-wateroverlast.pdf",
                 "07-verslag-stuurgroep-armoede-actielijst.pdf",
                 "11-klachtenregistratie-2024.pdf",
                 "14-mailwisseling-intern-woo-verzoek.pdf"):
        shutil.copy(U1 / name, tmp_path / name)
    _same(*_both(pipeline, tmp_path))


@pytest.mark.skipif(not tesseract_available(), reason="Tesseract is not installed")
def test_scan_same_findings(pipeline, tmp_path):
    name = "scan-bereikbaarheidslijst-rbt.pdf"
    shutil.copy(FIXTURES / "scanned" / name, tmp_path / name)
    _same(*_both(pipeline, tmp_path))


def test_diff_reports_a_changed_finding():
    """The comparison itself can fail: a changed box, status or extra finding shows."""
    rec = {"status": "done", "kind": "", "reason": "", "sha256_out": "x",
           "findings": [["PERSON", 0, 3, "Jan", 0.85, "ner", [[0, 1.0, 2.0, 3.0, 4.0]],
                         "5.1.2e", "redact", "accepted", "policy"]]}
    moved = {**rec, "findings": [["PERSON", 0, 3, "Jan", 0.85, "ner",
                                  [[0, 1.0, 2.0, 3.5, 4.0]], "5.1.2e", "redact", "accepted",
                                  "policy"]]}
    assert SNAP.diff({"s": {"a.pdf": rec}}, {"s": {"a.pdf": rec}}) == []
    assert len(SNAP.diff({"s": {"a.pdf": rec}}, {"s": {"a.pdf": moved}})) == 2
    assert SNAP.diff({"s": {"a.pdf": rec}}, {"s": {}}) == ["s/a.pdf: only in A"]


def test_partial_reread_reads_what_a_full_one_reads(pipeline, tmp_path, monkeypatch):
    """Verification reads again only the pages redaction changed; on every document the
    output read that way is the output read in full (words, boxes, text)."""
    from woo_redact.pipeline import Pipeline

    full_reread = Pipeline.reread
    compared = []

    def both(self, path, doc, changed=None):
        got = full_reread(self, path, doc, changed)
        if changed is not None:
            full = full_reread(self, path, doc, None)
            assert got.text == full.text
            assert [(w.text, w.box) for w in got.words] == [(w.text, w.box) for w in full.words]
            compared.append((path, len(changed), got.page_count))
        return got

    monkeypatch.setattr(Pipeline, "reread", both)
    for name in ("nieuwsbrief-twee-kolommen.pdf", "verslag-klacht-paginaovergang.pdf",
                 "brief-dwangsom-reportlab.pdf"):
        shutil.copy(FIXTURES / "docs" / name, tmp_path / name)
    SNAP.snapshot_folder(pipeline, tmp_path)
    assert len(compared) == 3
    assert any(n < pages for _p, n, pages in compared), "every page was read again"


def test_name_line_prefilter_decides_as_the_pattern(pipeline):
    """The stacked-signer test's cheap pre-checks never decide otherwise than its pattern."""
    from woo_redact import office_holders as oh

    lines = ["w. g. Jansen", "Jan\xa0Jansen", "Xw.\xa0g.", "de burgemeester,",
             "drs. J.W. Hoekstra", "J. van der Berg-Smit", "BRIEFINGSFORMULIER NACHTACTIE - ZANDLOPER",
             "Woordvoeringslijn actualiseren en delen met Havenbedrijf", "mr. H.J. Brinkman"]
    for name in sorted((FIXTURES / "docs").glob("*.pdf"))[:6]:
        lines += pipeline.extract(str(name)).text.split("\n")
    assert len(lines) > 300
    assert [oh._name_line(x) for x in lines] == [oh._NAME_LINE.match(x) is not None
                                                 for x in lines]
    assert any(oh._name_line(x) for x in lines) and not all(oh._name_line(x) for x in lines)
