"""Redaction and verification on real PDFs: the text is gone, not covered."""

from pathlib import Path

import pymupdf

from conftest import make_pdf
from woo_redact.extract import boxes_for_span, extract
from woo_redact.redact import Mark, redact_document, save_rewritten
from woo_redact.verify import verify_output

SECRET = "j.devries@minbzk.nl"


def _redact(src: Path, dst: Path, needle: str, label: str = "5.1.2e") -> list[Mark]:
    doc = extract(str(src))
    i = doc.text.index(needle)
    marks = [Mark(b, label) for b in boxes_for_span(doc, i, i + len(needle))]
    pdf = pymupdf.open(src)
    redact_document(pdf, marks, [needle])
    save_rewritten(pdf, str(dst))
    pdf.close()
    return marks


def _loaded_pdf(path: Path) -> Path:
    """A PDF that carries the secret everywhere a careless tool would leave it."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), f"Mail {SECRET} over het besluit.", fontsize=11)
    page.add_text_annot((300, 300), f"Vraag aan {SECRET}")
    page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(72, 90, 200, 104),
                      "uri": f"mailto:{SECRET}"})
    doc.embfile_add("bijlage.txt", f"contact {SECRET}".encode())
    doc.set_metadata({"title": f"Nota van {SECRET}", "author": SECRET})
    doc.set_xml_metadata(f"<x:xmpmeta xmlns:x='adobe:ns:meta/'>{SECRET}</x:xmpmeta>")
    doc.set_toc([[1, f"Reactie {SECRET}", 1]])
    doc.save(path)
    return path


def test_text_under_box_is_gone_and_label_drawn(tmp_path: Path):
    src = make_pdf(tmp_path / "in.pdf", [[(72, 100, f"Neem contact op met {SECRET} voor vragen.")]],
                   fontsize=12)
    marks = _redact(src, tmp_path / "out.pdf", SECRET)
    out = extract(str(tmp_path / "out.pdf"))
    assert SECRET not in out.text
    assert "Neem contact op met" in out.text and "voor vragen." in out.text
    assert "5.1.2e" in out.text  # the ground is printed in the box
    # the box is filled black: sample its pixels away from the white label
    page = pymupdf.open(tmp_path / "out.pdf")[0]
    box = marks[0].box
    pix = page.get_pixmap(clip=pymupdf.Rect(box.x0, box.y0, box.x0 + 3, box.y1), dpi=72)
    assert max(pix.samples) < 40


def test_metadata_annotations_attachments_bookmarks_links_scrubbed(tmp_path: Path):
    src = _loaded_pdf(tmp_path / "loaded.pdf")
    marks = _redact(src, tmp_path / "out.pdf", SECRET)
    out = pymupdf.open(tmp_path / "out.pdf")
    assert SECRET not in str(out.metadata)
    assert not (out.get_xml_metadata() or "").strip()
    assert out.embfile_count() == 0
    assert not list(out[0].annots())
    assert out[0].get_links() == []
    assert all(SECRET not in t[1] for t in out.get_toc())
    raw = (tmp_path / "out.pdf").read_bytes()
    assert SECRET.encode() not in raw  # also not in any stream left behind uncompressed
    problems = verify_output(str(tmp_path / "out.pdf"), extract(str(tmp_path / "out.pdf")),
                             {SECRET: (0, [])}, marks, {"5.1.2e"})
    assert problems == []


def test_verification_catches_text_left_behind(tmp_path: Path):
    src = make_pdf(tmp_path / "in.pdf", [[(72, 100, f"Mail {SECRET} nu.")]])
    doc = extract(str(src))
    i = doc.text.index(SECRET)
    marks = [Mark(b, "5.1.2e") for b in boxes_for_span(doc, i, i + len(SECRET))]
    # nothing applied: the output is the input, the check must say so
    problems = verify_output(str(src), doc, {SECRET: (0, [])}, marks, {"5.1.2e"})
    assert any("still readable" in p for p in problems)
    assert any("under a redaction box" in p for p in problems)


def test_verification_allows_kept_occurrences(tmp_path: Path):
    src = make_pdf(tmp_path / "in.pdf", [[(72, 100, "Minister Jansen sprak met Jansen.")]])
    doc = extract(str(src))
    problems = verify_output(str(src), doc, {"Jansen": (2, [])}, [], set())
    assert not [p for p in problems if "still readable" in p]
    problems = verify_output(str(src), doc, {"Jansen": (1, [])}, [], set())
    assert any("still readable 1x" in p for p in problems)


def test_image_pixels_under_box_removed(tmp_path: Path):
    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 200, 60), False)
    pix.set_rect(pix.irect, (20, 20, 20))  # a dark "signature"
    page.insert_image(pymupdf.Rect(72, 200, 272, 260), pixmap=pix)
    doc.save(tmp_path / "img.pdf")
    from woo_redact.model import Box
    mark = Mark(Box(0, 72, 200, 172, 260), "5.1.2e")
    pdf = pymupdf.open(tmp_path / "img.pdf")
    redact_document(pdf, [mark], [])
    save_rewritten(pdf, str(tmp_path / "out.pdf"))
    out = pymupdf.open(tmp_path / "out.pdf")
    img = out.extract_image(out[0].get_images()[0][0])
    left = pymupdf.Pixmap(img["image"])
    # left half of the image (under the box) is blanked in the image data itself
    assert left.pixel(10, 30) != (20, 20, 20)
    assert left.pixel(190, 30) == (20, 20, 20)


def test_only_the_boxes_are_removed_not_the_area_between_them(tmp_path: Path):
    """All boxes of a page travel in one redaction annotation: what lies between two boxes
    (text, image pixels, vector art) must survive, only what lies under them goes."""
    from woo_redact.model import Box
    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 400, 100), False)
    pix.set_rect(pix.irect, (20, 20, 20))
    page.insert_image(pymupdf.Rect(72, 400, 472, 500), pixmap=pix)
    page.draw_rect(pymupdf.Rect(250, 250, 300, 300), color=(0, 0, 1))
    lines = [f"Regel {i}: Jansen belde Pietersen over dossier {i}." for i in range(10)]
    for i, line in enumerate(lines):
        page.insert_text((72, 100 + 14 * i), line, fontsize=10)
    doc.save(tmp_path / "in.pdf")
    words = [w for w in doc[0].get_text("words") if w[4] in ("Jansen", "Pietersen")]
    marks = [Mark(Box(0, *w[:4]), "5.1.2e") for w in words]
    marks += [Mark(Box(0, 72, 400, 172, 500), "5.1.2e"), Mark(Box(0, 372, 400, 472, 500), "")]
    pdf = pymupdf.open(tmp_path / "in.pdf")
    redact_document(pdf, marks, ["Jansen", "Pietersen"])
    save_rewritten(pdf, str(tmp_path / "out.pdf"))
    out = pymupdf.open(tmp_path / "out.pdf")
    text = out[0].get_text()
    assert "Jansen" not in text and "Pietersen" not in text
    for i in range(10):
        assert f"Regel {i}:" in text and f"over dossier {i}." in text and "belde" in text
    assert text.count("5.1.2e") == 21  # 20 names and the left image box; one mark unlabelled
    assert any(d["rect"] == pymupdf.Rect(250, 250, 300, 300) for d in out[0].get_drawings()
               if d.get("color") == (0.0, 0.0, 1.0))  # the vector rectangle between survives
    img = pymupdf.Pixmap(out.extract_image(out[0].get_images()[0][0])["image"])
    assert img.pixel(10, 50) != (20, 20, 20)  # under the left box
    assert img.pixel(200, 50) == (20, 20, 20)  # between the boxes
    assert img.pixel(390, 50) != (20, 20, 20)  # under the right box


def test_labels_on_a_rotated_page_are_readable(tmp_path: Path):
    """A page stored sideways (/Rotate 90) still gets its labels, at a legible size."""
    from woo_redact.model import Box
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Mail j.devries@minbzk.nl over het besluit.", fontsize=11)
    page.set_rotation(90)
    doc.save(tmp_path / "in.pdf")
    w = next(w for w in doc[0].get_text("words") if "@" in w[4])
    pdf = pymupdf.open(tmp_path / "in.pdf")
    redact_document(pdf, [Mark(Box(0, *w[:4]), "5.1.2e")], [w[4]])
    save_rewritten(pdf, str(tmp_path / "out.pdf"))
    out = pymupdf.open(tmp_path / "out.pdf")[0]
    assert "minbzk" not in out.get_text()
    spans = [s for b in out.get_text("dict")["blocks"] for ln in b.get("lines", [])
             for s in ln["spans"] if s["text"] == "5.1.2e"]
    assert spans and spans[0]["size"] >= 7


def test_two_findings_over_the_same_words_print_one_label(tmp_path: Path):
    src = make_pdf(tmp_path / "in.pdf", [[(72, 100, f"Neem contact op met {SECRET} voor vragen.")]],
                   fontsize=12)
    doc = extract(str(src))
    i = doc.text.index(SECRET)
    boxes = boxes_for_span(doc, i, i + len(SECRET))
    # the same words found by two detectors under two grounds
    marks = [Mark(b, "5.1.2e") for b in boxes] + [Mark(b, "5.1.1e") for b in boxes]
    pdf = pymupdf.open(src)
    redact_document(pdf, marks, [SECRET])
    save_rewritten(pdf, str(tmp_path / "out.pdf"))
    pdf.close()
    text = extract(str(tmp_path / "out.pdf")).text
    assert SECRET not in text
    assert text.count("5.1.2e") == 1 and "5.1.1e" not in text


def _tight_cell(path: Path) -> Path:
    """A table cell that wraps with less leading than its glyphs are high: the lines' boxes
    overlap by a point, as a spreadsheet print sets them."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((86, 150), "A. Kowalczyk h.o.d.n. Kalverhouderij De", fontsize=8)
    page.insert_text((86, 158), "Wielewaal", fontsize=8)
    page.insert_text((86, 166), "Kowalczyk belt vaak", fontsize=8)
    doc.save(path)
    return path


def test_a_box_does_not_take_the_next_lines_words(tmp_path: Path):
    from woo_redact.redact import clear_of_other_lines

    src = _tight_cell(tmp_path / "in.pdf")
    doc = extract(str(src))
    spans = [(doc.text.index("A. Kowalczyk"), "A. Kowalczyk"),
             (doc.text.index("Kowalczyk belt"), "Kowalczyk")]
    raw = [Mark(b, "5.1.2e") for s, t in spans for b in boxes_for_span(doc, s, s + len(t))]
    words = {w.text: w.box for w in doc.words}
    # the premise: the word boxes of neighbouring lines overlap
    assert words["Wielewaal"].y0 < words["Kowalczyk"].y1
    marks = clear_of_other_lines(raw, doc.words)
    pdf = pymupdf.open(src)
    redact_document(pdf, marks, ["A. Kowalczyk", "Kowalczyk"])
    save_rewritten(pdf, str(tmp_path / "out.pdf"))
    pdf.close()
    out = extract(str(tmp_path / "out.pdf"))
    assert "Kowalczyk" not in out.text
    assert "Wielewaal" in out.text and "belt vaak" in out.text
    # the same boxes untrimmed take the next line's word with them
    pdf = pymupdf.open(src)
    redact_document(pdf, raw, ["A. Kowalczyk", "Kowalczyk"])
    save_rewritten(pdf, str(tmp_path / "raw.pdf"))
    pdf.close()
    assert "Wielewaal" not in extract(str(tmp_path / "raw.pdf")).text
    # a trimmed box still stands over the middle of its own line
    for m in marks:
        assert m.box.y1 - m.box.y0 >= 0.5 * (words["Kowalczyk"].y1 - words["Kowalczyk"].y0)
