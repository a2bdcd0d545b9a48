"""Output hygiene and its byte-level proof, hidden layers and hidden text, on small real PDFs."""

from __future__ import annotations

import io
from pathlib import Path

import pymupdf
import pytest

from conftest import make_pdf
from woo_redact import hidden, hygiene, pdfsyntax as ps
from woo_redact.model import Box, Word


def _page_with(tmp_path: Path, lines: list[str]) -> tuple[pymupdf.Document, pymupdf.Page]:
    doc = pymupdf.open()
    page = doc.new_page()
    for i, line in enumerate(lines):
        page.insert_text((72, 100 + 16 * i), line, fontsize=11)
    return doc, page


def _saved(doc: pymupdf.Document, path: Path, **opts) -> str:
    doc.save(path, garbage=4, **opts)
    doc.close()
    return str(path)


# -- the proof -----------------------------------------------------------------------------------
def test_short_strings_in_binary_data_are_no_alarm_long_ones_are(tmp_path):
    doc, page = _page_with(tmp_path, ["Memo over de planning."])
    row = b"\x00\x13EE JdV \x07\xff Pietersen \x00".ljust(64, b"\x80")
    pix = pymupdf.Pixmap(pymupdf.csGRAY, 64, 1, row, False)
    page.insert_image(pymupdf.Rect(72, 200, 200, 210), pixmap=pix)
    path = _saved(doc, tmp_path / "img.pdf")
    assert hygiene.prove(path, {"EE": 0, "JdV": 0}) == []
    assert any("bytes of stream" in p for p in hygiene.prove(path, {"Pietersen": 0}))


def test_content_streams_count_kept_occurrences(tmp_path):
    doc, _ = _page_with(tmp_path, ["Minister Jansen sprak met de afdeling."])
    path = _saved(doc, tmp_path / "kept.pdf")
    assert hygiene.prove(path, {"Jansen": 1}) == []
    assert any("content stream" in p for p in hygiene.prove(path, {"Jansen": 0}))
    assert hygiene.prove(path, {"Jan": 0}) == []  # whole words: not inside "Jansen"


def test_text_no_page_draws_is_still_read(tmp_path):
    """A form XObject in the resources that the page never draws, with text in a
    two-byte font: decoded through its ToUnicode map."""
    src = pymupdf.open()
    sp = src.new_page()
    sp.insert_text((72, 72), "Verklaring van Pietersen", fontsize=11, fontname="vera",
                   fontfile=str(Path(pytest.importorskip("reportlab").__file__).parent
                                / "fonts" / "Vera.ttf"))
    doc, page = _page_with(tmp_path, ["Memo over de planning."])
    page.show_pdf_page(pymupdf.Rect(0, 0, 100, 100), src, 0)
    contents = page.get_contents()
    doc.update_stream(contents[-1], b"")  # the form stays in the resources, undrawn
    path = _saved(doc, tmp_path / "undrawn.pdf")
    assert any("content stream" in p for p in hygiene.prove(path, {"Pietersen": 0}))


def test_forbidden_structure_extra_revisions_and_orphans_are_problems(tmp_path):
    doc, page = _page_with(tmp_path, ["Memo."])
    doc.xref_set_key(doc.pdf_catalog(), "OpenAction", "<< /S /JavaScript /JS (app.alert(1)) >>")
    orphan = doc.get_new_xref()
    doc.update_object(orphan, "<< /Note (los) >>")
    path = tmp_path / "bad.pdf"
    doc.save(path)  # no garbage collection: the orphan stays
    doc.close()
    problems = " ".join(hygiene.prove(str(path), {}))
    assert "/OpenAction" in problems and "referenced from nowhere" in problems
    doc = pymupdf.open(path)
    doc[0].insert_text((72, 300), "Tweede versie.")
    doc.saveIncr()
    doc.close()
    assert "revisions" in " ".join(hygiene.prove(str(path), {}))


def test_a_stripped_and_rebuilt_document_passes(tmp_path):
    doc, page = _page_with(tmp_path, ["Klacht van de heer Jan Pietersen.", "Memo."])
    page.add_text_annot((300, 300), "Bel Pietersen")
    doc.set_toc([[1, "Klacht van de heer Jan Pietersen", 1], [1, "Geheime titel", 1]])
    doc.xref_set_key(doc.pdf_catalog(), "PieceInfo", "<< /X << /Private (Pietersen) >> >>")
    from woo_redact.redact import scrub

    scrub(doc, ["Jan Pietersen"], "Klacht van de heer Jan Pietersen. Memo.")
    path = _saved(doc, tmp_path / "clean.pdf")
    with pymupdf.open(path) as out:
        assert [t[1] for t in out.get_toc()] == ["Klacht van de heer [gelakt]", "Pagina 1"]
    assert hygiene.prove(path, {"Jan Pietersen": 1}) == []  # the page text keeps it


# -- rebuild pieces ------------------------------------------------------------------------------
def test_jpeg_loses_comment_and_exif_but_stays_a_picture():
    from PIL import Image

    img = Image.new("RGB", (32, 24), (10, 200, 30))
    exif = Image.Exif()
    exif[0x013B] = "Jan Pietersen"
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif.tobytes(), comment=b"Fotograaf Pietersen")
    data = buf.getvalue()
    assert b"Pietersen" in data
    clean = hygiene.strip_jpeg(data)
    assert b"Pietersen" not in clean and clean[:2] == b"\xff\xd8"
    assert Image.open(io.BytesIO(clean)).size == (32, 24)
    assert hygiene.strip_jpeg(b"not a jpeg") == b"not a jpeg"


def test_content_syntax_round_trip_and_refusal():
    data = b"q BT /F1 11 Tf 72 700 Td (Jan \\(J\\) Pietersen) ' [(A) -300 (B)] TJ ET Q " \
           b"BI /W 1 /H 1 /BPC 8 /CS /G ID \xff EI /Span << /ActualText (x) >> BDC EMC"
    ops = ps.parse(data)
    assert [o.op for o in ops] == [b"q", b"BT", b"Tf", b"Td", b"'", b"TJ", b"ET", b"Q", b"BI",
                                   b"BDC", b"EMC"]
    assert ops[4].operands == [b"Jan (J) Pietersen"]
    assert ps.rebuild(data, ops, {}) == data
    quote = ps.quote_ops_to_plain(ops[4])
    assert quote.startswith(b"T* <") and quote.endswith(b"Tj")
    assert ps.parse(b"BT (unterminated Tj ET") is None
    assert ps.parse(b"[" * 100 + b"]" * 100 + b" x") is None  # nesting beyond the limit


# -- hidden layers and hidden text -------------------------------------------------------------
def test_layers_off_are_removed_layers_on_are_merged(tmp_path):
    doc, page = _page_with(tmp_path, ["Memo."])
    off, on = doc.add_ocg("Uit", on=False), doc.add_ocg("Aan", on=True)
    page.insert_text((72, 300), "Verborgen Pietersen", oc=off)
    page.insert_text((72, 330), "Zichtbare tekst", oc=on)
    any_on = doc.set_ocmd(ocgs=[off, on], policy="AnyOn")
    page.insert_text((72, 360), "Ook zichtbaar", oc=any_on)
    path = _saved(doc, tmp_path / "layers.pdf")
    doc = pymupdf.open(path)
    assert hidden.remove_hidden_layers(doc) > 0 and hidden.had_layers(doc)
    text = doc[0].get_text()
    assert "Pietersen" not in text and "Zichtbare tekst" in text and "Ook zichtbaar" in text
    assert not hidden.has_layers(doc)


def _words(page: pymupdf.Page) -> list[Word]:
    return [Word(w[4], Box(page.number, *w[:4]), w[5], w[6])
            for w in page.get_text("words", clip=pymupdf.INFINITE_RECT())]


def test_white_text_goes_white_on_dark_stays(tmp_path):
    doc, page = _page_with(tmp_path, ["Memo over de planning."])
    page.draw_rect(pymupdf.Rect(60, 200, 400, 230), color=None, fill=(0.1, 0.2, 0.5))
    page.insert_text((72, 220), "Kop op donker vlak", color=(1, 1, 1))
    page.insert_text((72, 300), "Wit op wit Pietersen", color=(1, 1, 1))
    path = _saved(doc, tmp_path / "white.pdf")
    doc = pymupdf.open(path)
    page = doc[0]
    assert hidden.remove_hidden_text(page, _words(page)) == {"background": 1}
    text = page.get_text()
    assert "Kop op donker vlak" in text and "Memo over de planning." in text
    assert "Pietersen" not in text


def test_invisible_text_over_an_image_is_a_scan_layer_and_stays(tmp_path):
    doc, page = _page_with(tmp_path, ["Memo."])
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 8, 8), False)
    pix.clear_with(128)
    page.insert_image(pymupdf.Rect(60, 200, 400, 260), pixmap=pix)
    page.insert_text((72, 230), "Laag over de scan", render_mode=3)
    page.insert_text((72, 400), "Los verstopt", render_mode=3)
    path = _saved(doc, tmp_path / "layer.pdf")
    doc = pymupdf.open(path)
    page = doc[0]
    assert hidden.remove_hidden_text(page, _words(page)) == {"invisible": 1}
    text = page.get_text()
    assert "Laag over de scan" in text and "Los verstopt" not in text


def test_unmapped_glyphs_without_ocr_are_refused_ordinary_pages_are_not_doubted():
    from conftest import FIXTURES
    from woo_redact.errors import BadInput
    from woo_redact.extract import extract

    check = hidden.TextCheck(None)
    with pytest.raises(BadInput) as e:
        extract(str(FIXTURES / "hostile" / "unmapped-glyphs.pdf"), check=check)
    assert e.value.kind == "needs_ocr"
    for name in ("nota-aan-de-minister.pdf", "brief-dwangsom-reportlab.pdf"):
        doc = extract(str(FIXTURES / "docs" / name), check=check)  # nothing to doubt
        assert not any(p.raster for p in doc.pages)
        assert all(hidden.glyph_bands(p.words) == [] for p in doc.pages)


def test_letter_spaced_line_is_read_as_words(tmp_path):
    doc, page = _page_with(tmp_path, ["Memo over de planning van de evaluatie."])
    page.insert_font(fontname="helv")
    xref = doc.get_new_xref()
    doc.update_object(xref, "<<>>")
    glyphs = " ".join(f"({c}) -450" for c in "JAN PIETERSEN")
    doc.update_stream(xref, f"BT /helv 14 Tf 72 500 Td [{glyphs}] TJ ET".encode())
    doc.xref_set_key(page.xref, "Contents",
                     "[" + " ".join(f"{x} 0 R" for x in page.get_contents() + [xref]) + "]")
    path = _saved(doc, tmp_path / "spaced.pdf")
    from woo_redact.extract import extract

    words = [w.text for w in extract(path, check=hidden.TextCheck(None)).words]
    assert "PIETERSEN" in words and "Memo" in words and "evaluatie." in words


def test_the_byte_proof_counts_occurrences_as_redaction_does(tmp_path):
    """The proof reads the bytes with the one occurrence model: the market's baker is not
    Mr Bakker, a number split by spaces is still the number."""
    from conftest import make_pdf
    from woo_redact.hygiene import prove

    clean = make_pdf(tmp_path / "clean.pdf", [[(72, 100, "De bakker op de markt belde.")]])
    assert prove(str(clean), {"Bakker": 0}) == []
    leak = make_pdf(tmp_path / "leak.pdf", [[(72, 100, "Bel BAKKER op 06 1234 5678.")]])
    problems = prove(str(leak), {"Bakker": 0, "06-12345678": 0})
    assert len(problems) == 2, problems


def test_a_spreadsheet_s_column_letters_are_no_letter_spaced_line(tmp_path):
    from conftest import make_pdf
    from woo_redact.extract import extract

    gap = " " * 18  # columns apart, as a spreadsheet prints its column letters
    path = make_pdf(tmp_path / "export.pdf", [[
        (40, 80, gap.join("ABCDEFG")),
        (30, 95, "1  " + "   ".join(["Datum", "Beh.", "Naam", "Adres", "Postcode", "Telefoon"])),
        (30, 110, "2  01-10-2026   SB   G. Kwakkel   Lisdoddehof 24   3283 HT   0186-614377"),
        (30, 125, "3  01-10-2026   AK   Pieter-Jan Sluijter   Molenkade 3   3281 CJ"),
        (30, 150, "Overzicht van de meldingen over woonoverlast en leefbaarheid in de wijk,"),
        (30, 165, "bijgehouden door het team en besproken in het wekelijkse overleg.")]],
        fontsize=9)
    doc = extract(str(path), check=hidden.TextCheck(None))
    assert [w.text for w in doc.words][:8] == list("ABCDEFG") + ["1"]
    assert hidden.glyph_bands(doc.pages[0].words) == []
