"""Signatures: images or pen strokes where someone signs, found by where they sit, removed
from the output (not covered), and verification proves the strokes are gone."""

from __future__ import annotations

import math
from pathlib import Path

import pymupdf
import pytest

from woo_redact.extract import extract
from woo_redact.pipeline import Pipeline
from woo_redact.redact import Mark, redact_document, save_rewritten
from woo_redact.verify import verify_output


def _scribble(page: pymupdf.Page, x: float, y: float, width: float = 110.0) -> None:
    """A pen-tool signature: one path of short slanted strokes."""
    pts = [pymupdf.Point(x + i * width / 40, y + 8 * math.sin(i / 2.3) + (i % 3))
           for i in range(41)]
    page.draw_polyline(pts, color=(0, 0, 0.4), width=1.2)


def _signature_image(page: pymupdf.Page, rect: pymupdf.Rect) -> None:
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 120, 40), 0)
    pix.set_rect(pix.irect, (255, 255, 255))
    pix.set_rect(pymupdf.IRect(10, 15, 110, 22), (20, 20, 90))
    page.insert_image(rect, pixmap=pix)


def _letter(path: Path) -> Path:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 90), "Geachte heer Bakker,", fontname="helv", fontsize=10)
    page.insert_text((72, 110), "Uw bezwaar is ontvangen en wordt behandeld.", fontname="helv",
                     fontsize=10)
    page.draw_rect(pymupdf.Rect(72, 130, 400, 170), color=(0, 0, 0), width=0.8)  # a table box
    page.insert_text((80, 150), "Zaaknummer 2024-0117", fontname="helv", fontsize=10)
    page.insert_text((72, 200), "Met vriendelijke groet,", fontname="helv", fontsize=10)
    _scribble(page, 74, 230)
    page.insert_text((72, 270), "Marloes Verhagen", fontname="helv", fontsize=10)
    page.insert_text((72, 284), "juridisch medewerker", fontname="helv", fontsize=10)
    doc.save(path)
    return path


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(ocr=False)


def test_a_pen_drawn_signature_is_found_and_removed(tmp_path: Path, pipeline: Pipeline):
    src = _letter(tmp_path / "brief.pdf")
    doc, prop = pipeline.propose(str(src))
    assert len(doc.pages[0].sketches) == 1
    sigs = [f for f in prop.findings if f.entity_type == "SIGNATURE"]
    assert len(sigs) == 1 and sigs[0].status == "accepted"
    res = pipeline.apply(doc, prop, tmp_path / "out", "brief.pdf")
    assert res.status == "done", res.reason
    out = extract(res.output)
    assert out.pages[0].sketches == []  # the strokes are gone, not covered
    # the table's box is no signature and stays
    page = pymupdf.open(res.output)[0]
    assert any(it[0] == "re" and abs(it[1][0] - 72) < 1 for p in page.get_cdrawings()
               for it in p["items"])


def test_strokes_left_under_a_box_fail_verification(tmp_path: Path):
    src = _letter(tmp_path / "brief.pdf")
    doc = extract(str(src))
    sketch = doc.pages[0].sketches[0].box
    # a box that only covers the strokes, without removing line art
    marks = [Mark(sketch, "5.1.2e")]
    pdf = pymupdf.open(src)
    redact_document(pdf, marks, [])
    save_rewritten(pdf, str(tmp_path / "out.pdf"))
    pdf.close()
    problems = verify_output(str(tmp_path / "out.pdf"), extract(str(tmp_path / "out.pdf")),
                             {}, marks, {"5.1.2e"})
    assert any("pen strokes" in p for p in problems)


@pytest.mark.parametrize("layout", ["column", "under the name"])
def test_an_image_signature_beside_or_under_the_signers_name(tmp_path: Path,
                                                             pipeline: Pipeline, layout: str):
    doc = pymupdf.open()
    page = doc.new_page()
    if layout == "column":
        for x, head in ((72, "Functie"), (200, "Naam"), (360, "Handtekening")):
            page.insert_text((x, 100), head, fontname="helv", fontsize=10)
        page.insert_text((72, 130), "Inspecteur", fontname="helv", fontsize=10)
        page.insert_text((200, 130), "Joost Hendriksen", fontname="helv", fontsize=10)
        _signature_image(page, pymupdf.Rect(360, 115, 470, 140))
    else:
        page.insert_text((72, 100), "Waarvan door mij is opgemaakt dit proces-verbaal, dat ik "
                         "ondertekende.", fontname="helv", fontsize=10)
        page.insert_text((72, 130), "De verbalisant, Joost Hendriksen", fontname="helv",
                         fontsize=10)
        _signature_image(page, pymupdf.Rect(72, 140, 190, 180))
    doc.save(tmp_path / "pv.pdf")
    _doc, prop = pipeline.propose(str(tmp_path / "pv.pdf"))
    assert [f.entity_type for f in prop.findings].count("SIGNATURE") == 1


def test_vector_art_is_not_read_on_a_page_without_a_place_to_sign(tmp_path: Path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 90), "Grafiek van het aantal meldingen per maand.", fontname="helv",
                     fontsize=10)
    _scribble(page, 74, 130)  # a line chart looks like strokes too
    doc.save(tmp_path / "grafiek.pdf")
    assert extract(str(tmp_path / "grafiek.pdf")).pages[0].sketches == []


def test_a_few_pen_curves_count_but_a_drawn_circle_does_not(tmp_path: Path):
    from woo_redact.extract import page_sketches

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 90), "Met vriendelijke groet,", fontname="helv", fontsize=10)
    # five curves in one open stroke: a quick signature
    shape = page.new_shape()
    x, y = 76.0, 130.0
    shape.draw_bezier((x, y), (x + 10, y - 20), (x + 20, y + 15), (x + 30, y))
    for k in range(1, 5):
        a = (x + 30 * k, y)
        shape.draw_bezier(a, (a[0] + 8, a[1] - 18), (a[0] + 18, a[1] + 12), (a[0] + 30, a[1]))
    shape.finish(color=(0.1, 0.15, 0.45), width=1.3, closePath=False)
    # a circle (four curves, closed) beside the letterhead is a shape, not handwriting
    shape.draw_circle((450, 80), 15)
    shape.finish(color=(0, 0, 0), width=1)
    shape.commit()
    found = page_sketches(page)
    assert len(found) == 1 and found[0].box.x0 < 100


def test_a_tilted_received_stamp_beside_the_closing_is_no_signature(tmp_path: Path,
                                                                      pipeline: Pipeline):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 200), "Met vriendelijke groet,", fontname="helv", fontsize=10)
    page.insert_text((72, 240), "Marloes Verhagen", fontname="helv", fontsize=10)
    # a stamp: a tilted frame with rounded corners around its own typed words
    tilt = pymupdf.Matrix(-8)
    centre = pymupdf.Point(460, 240)
    page.draw_rect(pymupdf.Rect(390, 220, 530, 262), color=(0.8, 0, 0), width=1.5, radius=0.1,
                   morph=(centre, tilt))
    for y, text in ((236, "GEMEENTE ZUIDERVLIET"), (252, "ONTVANGEN 24 NOV 2026")):
        page.insert_text(pymupdf.Point(400, y), text, fontname="helv", fontsize=9,
                         color=(0.8, 0, 0), morph=(centre, tilt))
    doc.save(tmp_path / "stempel.pdf")
    got, prop = pipeline.propose(str(tmp_path / "stempel.pdf"))
    assert got.pages[0].sketches, "the frame is read as strokes"
    assert not [f for f in prop.findings if f.entity_type == "SIGNATURE"]
