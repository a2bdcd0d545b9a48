"""Conversion to PDF: LibreOffice for Office files (one converter shared by these tests: its
start-up is the slow part), our own layout for mail, text and CSV, images as pages."""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pymupdf
import pytest
from PIL import Image

from woo_redact.errors import BadInput
from woo_redact.inputs import office as office_mod
from woo_redact.inputs.images import image_pdf
from woo_redact.inputs.layout import csv_pdf, mail_pdf, text_pdf
from woo_redact.inputs.mail import Attachment, Mail

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "fixtures" / "dossier"))
import build as dossier_build  # noqa: E402

needs_office = pytest.mark.skipif(not office_mod.available(),
                                  reason="LibreOffice not installed (scripts/setup-system.sh)")


@pytest.fixture(scope="module")
def office():
    conv = office_mod.OfficeConverter(timeout=60)
    yield conv
    conv.close()


def words(pdf_bytes_or_path) -> str:
    pdf = (pymupdf.open(pdf_bytes_or_path) if isinstance(pdf_bytes_or_path, (str, Path))
           else pymupdf.open("pdf", pdf_bytes_or_path))
    with pdf:
        return " ".join(" ".join(p.get_text() for p in pdf).split())


@needs_office
def test_word_excel_and_a_damaged_file_with_one_office(office, tmp_path):
    (tmp_path / "n.docx").write_bytes(dossier_build.docx(
        ["# Kop", "Eerste alinea met Moskeeplein."], table=[["a", "b"], ["c", "d"]]))
    (tmp_path / "o.xlsx").write_bytes(dossier_build.xlsx([["Naam", "Bedrag"],
                                                          ["Kanaalstraat", "800"]]))
    with zipfile.ZipFile(tmp_path / "kapot.docx", "w") as z:  # a zip, but no Word document
        z.writestr("x.bin", bytes(range(256)) * 20)
    office.convert(str(tmp_path / "n.docx"), str(tmp_path / "n.pdf"))
    assert "Eerste alinea met Moskeeplein." in words(tmp_path / "n.pdf")
    with pytest.raises(BadInput) as e:
        office.convert(str(tmp_path / "kapot.docx"), str(tmp_path / "kapot.pdf"))
    assert e.value.kind == "convert_failed"
    office.convert(str(tmp_path / "o.xlsx"), str(tmp_path / "o.pdf"))  # the same office goes on
    assert "Kanaalstraat" in words(tmp_path / "o.pdf")
    assert office.started == 1


@needs_office
def test_a_file_over_its_time_limit_is_stopped_and_the_next_one_converts(office, tmp_path):
    (tmp_path / "n.docx").write_bytes(dossier_build.docx(["Tweede notitie."]))
    before = office.started
    office.timeout = 0.01
    try:
        with pytest.raises(BadInput) as e:
            office.convert(str(tmp_path / "n.docx"), str(tmp_path / "a.pdf"))
        assert e.value.kind == "convert_timeout"
        assert office.office is None  # killed
    finally:
        office.timeout = 60
    office.convert(str(tmp_path / "n.docx"), str(tmp_path / "b.pdf"))
    assert "Tweede notitie." in words(tmp_path / "b.pdf") and office.started == before + 1


def test_mail_in_the_printed_mail_layout():
    mail = Mail(sender="Jansen, Piet <p.jansen@example.nl>", to="Loket <loket@utrecht.nl>",
                cc="Anna <a@b.nl>", subject="Vraag over de vergunning",
                date=datetime(2023, 5, 2, 10, 15, tzinfo=timezone(timedelta(hours=2))),
                body="Beste,\n\n<b>geen opmaak</b> & tekens\nGroet",
                attachments=[Attachment("plan.pdf", b"x")])
    text = words(mail_pdf(mail))
    order = ["Jansen, Piet", "Van:", "Verzonden:", "dinsdag 2 mei 2023 10:15", "Aan:", "CC:",
             "Onderwerp:", "Vraag over de vergunning", "Bijlagen:", "plan.pdf", "Beste,",
             "<b>geen opmaak</b> & tekens"]
    positions = [text.index(w) for w in order]
    assert positions == sorted(positions)
    assert pymupdf.open("pdf", mail_pdf(mail)).metadata["author"] == ""


def test_text_csv_and_images():
    assert "regel één" in words(text_pdf("regel één\nregel twee".encode("utf-8")))
    assert "café" in words(text_pdf("café".encode("cp1252")))
    grid = words(csv_pdf(b"naam;bedrag\nKanaalstraat;800\n"))
    assert "Kanaalstraat" in grid and "800" in grid and ";" not in grid
    frames = [Image.new("L", (1654, 2339), 255) for _ in range(2)]  # A4 at 200 dpi
    buf = io.BytesIO()
    frames[0].save(buf, format="TIFF", save_all=True, append_images=frames[1:], dpi=(200, 200))
    with pymupdf.open("pdf", image_pdf(buf.getvalue())) as pdf:
        assert pdf.page_count == 2
        assert abs(pdf[0].rect.width - 595.4) < 1 and not pdf[0].get_text().strip()
    with pytest.raises(BadInput):
        image_pdf(b"\x89PNG\r\n\x1a\n kapot")
