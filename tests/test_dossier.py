"""A dossier run reads each input twice (names first, then redaction); scans are OCR'd once."""

from __future__ import annotations

from pathlib import Path

import pytest

from woo_redact import ocr
from woo_redact.dossier import run_dossier
from woo_redact.inputs import InputFile
from woo_redact.pipeline import Pipeline

SCAN = Path(__file__).resolve().parent.parent / "fixtures" / "scanned" / \
    "scan-bereikbaarheidslijst-rbt.pdf"

pytestmark = pytest.mark.skipif(not ocr.tesseract_available(), reason="needs Tesseract")


def test_second_pass_reuses_the_ocr_of_the_first_but_verification_reads_the_output(
        tmp_path, monkeypatch):
    calls: list[str] = []
    real = ocr.ocr_page

    def counting(page):
        calls.append(page.parent.name)
        return real(page)

    monkeypatch.setattr(ocr, "ocr_page", counting)
    (f, res), = run_dossier(Pipeline(), [InputFile(str(SCAN), SCAN.name)], tmp_path)
    assert res.status == "done", res.reason
    assert res.ocr_pages == [0] and res.applied
    # once for the input, once for verification of the written output; never a third time
    assert len(calls) == 2
    assert calls[0] == str(SCAN) and calls[1] != str(SCAN)
