"""Shared helpers: small real PDFs made with PyMuPDF for the tests that need a precise layout."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


def make_pdf(path: Path, pages: list[list[tuple[float, float, str]]], fontsize: float = 10,
             **meta) -> Path:
    """Write a PDF with text lines placed exactly: one list of (x, y, text) per page."""
    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page()
        for x, y, text in lines:
            page.insert_text((x, y), text, fontsize=fontsize, fontname="helv")
    if meta:
        doc.set_metadata(meta)
    doc.save(path)
    doc.close()
    return path


@pytest.fixture(scope="session")
def pipeline():
    from woo_redact.pipeline import Pipeline

    return Pipeline()
