"""Scanned documents: OCR of image-only pages, detection on the OCR text, removal of the image
pixels under each box, and verification by OCR of the output.

The scans are made here: text is rendered with PyMuPDF, turned a few degrees, given paper tone,
sensor noise and toner specks, stored as a JPEG and placed as the only content of a page.
Where a test needs to know where a string's ink is, it takes the string's position on the
source page and turns it the same way.
"""

from __future__ import annotations

import io
import json
import math

import numpy as np
import pymupdf
import pytest
from PIL import Image

from woo_redact import ocr
from woo_redact.errors import BadInput
from woo_redact.extract import boxes_for_span, build_document, extract, page_words
from woo_redact.model import Finding, Page
from woo_redact.pipeline import Pipeline, Proposal
from woo_redact.redact import Mark, redact_document, save_rewritten
from woo_redact.textnorm import count_occurrences, find_occurrences

pytestmark = pytest.mark.skipif(
    not ocr.tesseract_available(),
    reason="Tesseract with Dutch and English data is not installed (scripts/setup-system.sh)")

EMAIL = "jeroen.bakhuis@minjenv.nl"
PHONE = "06-28461937"
NAME = "Jeroen Bakhuis"
OFFICE_HOLDER = "minister Grapperhaus"
LETTER = [
    (72, 90, "Ministerie van Justitie en Veiligheid"),
    (72, 130, "Aan: de minister van Justitie en Veiligheid"),
    (72, 150, f"Van: {NAME} <{EMAIL}>"),
    (72, 170, "Onderwerp: stand van zaken registratieplicht"),
    (72, 210, f"Zoals besproken met {OFFICE_HOLDER} stuur ik u de stukken."),
    (72, 230, f"Voor vragen ben ik bereikbaar op {PHONE}."),
    (72, 270, "Met vriendelijke groet,"),
    (72, 290, NAME),
    (72, 310, "senior beleidsadviseur"),
]
DPI = 200


# -- making scans --------------------------------------------------------------------------
def source_page(lines, fontsize: float = 11, width: float = 595, height: float = 842):
    doc = pymupdf.open()
    page = doc.new_page(width=width, height=height)
    for x, y, text in lines:
        page.insert_text((x, y), text, fontsize=fontsize, fontname="helv")
    return doc, page


def scan_image(page: pymupdf.Page, *, angle: float, dpi: int = DPI, seed: int = 0,
               turn: int = 0) -> bytes:
    """The page as an office scanner would return it: grey paper, noise, specks, a tilt."""
    rng = np.random.default_rng(seed)
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
    a = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width)
    paper = 228.0
    img = a.astype(np.float32) * (paper / 255.0) + rng.normal(0, 5.0, a.shape)
    n = int(img.size * 0.0001)
    ys, xs = rng.integers(0, pix.height - 3, n), rng.integers(0, pix.width - 3, n)
    for dy in range(2):
        for dx in range(2):
            img[ys + dy, xs + dx] = rng.uniform(30, 90, n)
    im = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))
    im = im.rotate(angle, resample=Image.BICUBIC, fillcolor=int(paper))
    if turn:
        im = im.rotate(turn, expand=True)
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=70)
    return buf.getvalue()


def write_scan(path, lines, *, angle: float = 0.0, dpi: int = DPI, seed: int = 0,
               turn: int = 0, rotation: int = 0, text_page=None):
    """An image-only PDF of ``lines`` (one page), optionally after a born-digital page."""
    src, page = source_page(lines)
    out = pymupdf.open()
    if text_page is not None:
        tdoc, _ = source_page(text_page)
        out.insert_pdf(tdoc)
    w, h = page.rect.width, page.rect.height
    if turn in (90, 270):
        w, h = h, w
    new = out.new_page(width=w, height=h)
    new.insert_image(new.rect, stream=scan_image(page, angle=angle, dpi=dpi, seed=seed,
                                                    turn=turn))
    if rotation:
        new.set_rotation(rotation)
    out.save(path)
    out.close()
    return src, page


def ink_quad(rect: pymupdf.Rect, angle: float, page_rect: pymupdf.Rect, size: tuple[int, int]):
    """Pixel quad of a source rectangle in a scan turned by ``angle`` degrees (PIL, about the
    centre), shaved by half a point so neighbouring glyphs stay out."""
    sx, sy = size[0] / page_rect.width, size[1] / page_rect.height
    cx, cy = size[0] / 2, size[1] / 2
    t = math.radians(angle)
    c, s = math.cos(t), math.sin(t)
    x0, x1 = (rect.x0 + 0.5) * sx, (rect.x1 - 0.5) * sx
    y0, y1 = rect.y0 * sy, rect.y1 * sy
    return (x0, y0, x1, y1), (cx, cy, c, s)


def ink_left(before: Image.Image, after: Image.Image, rect: pymupdf.Rect, angle: float,
             page_rect: pymupdf.Rect) -> float:
    """Share of the ink a source rectangle had in the input scan that the output still has
    (output pixel not white). 0.0: gone; about 1.0: untouched."""
    (x0, y0, x1, y1), (cx, cy, c, s) = ink_quad(rect, angle, page_rect, before.size)
    a, o = np.asarray(before), np.asarray(after)
    yy, xx = np.mgrid[0:a.shape[0], 0:a.shape[1]]
    dx, dy = xx + 0.5 - cx, yy + 0.5 - cy
    ux, uy = cx + dx * c - dy * s, cy + dx * s + dy * c
    inside = (ux >= x0) & (ux <= x1) & (uy >= y0) & (uy <= y1)
    ink = inside & (a < 128)
    assert ink.sum() > 20, "no ink found where the string should be"
    return float(np.mean(o[ink] < 250))


def stored_image(page: pymupdf.Page) -> Image.Image:
    """The scan as stored in the PDF (not rendered: a rendering shows the black boxes)."""
    xref = max(page.get_images(full=True), key=lambda i: i[2] * i[3])[0]
    raw = page.parent.extract_image(xref)["image"]
    return Image.open(io.BytesIO(raw)).convert("L")


def ocr_text(page: pymupdf.Page) -> str:
    words = ocr.ocr_page(page)
    return build_document("", "", [Page(page.number, page.rect.width, page.rect.height,
                                        words)]).text


def readable(text: str, needle: str) -> int:
    """Occurrences, also with OCR's spaces squeezed out (an address read in two pieces)."""
    squashed = "".join(text.split()).casefold()
    return max(count_occurrences(text, needle), squashed.count("".join(needle.split()).casefold()))


# -- OCR ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("angle,dpi", [(2.5, 200), (-3.0, 150), (1.5, 300)])
def test_tilted_noisy_scan_is_read_with_boxes_on_the_ink(tmp_path, angle, dpi):
    path = tmp_path / "scan.pdf"
    _, src = write_scan(path, LETTER, angle=angle, dpi=dpi, seed=3)
    doc = extract(str(path), ocr=ocr.ocr_page)
    assert doc.pages[0].ocr and all(w.source == "ocr" for w in doc.words)
    for needle in (EMAIL, PHONE, NAME, OFFICE_HOLDER):
        assert count_occurrences(doc.text, needle) >= 1, (needle, doc.text)
    # every corner of the e-mail's ink, turned like the scan, lies inside the OCR box
    (a, b), = find_occurrences(doc.text, EMAIL)
    box = pymupdf.Rect(boxes_for_span(doc, a, b)[0].rect)
    r = src.search_for(EMAIL)[0]
    t = math.radians(angle)
    cx, cy = src.rect.width / 2, src.rect.height / 2
    for x, y in ((r.x0, r.y0 + 2), (r.x1, r.y0 + 2), (r.x0, r.y1 - 2), (r.x1, r.y1 - 2)):
        dx, dy = x - cx, y - cy
        p = pymupdf.Point(cx + dx * math.cos(t) + dy * math.sin(t),
                          cy - dx * math.sin(t) + dy * math.cos(t))
        assert box.x0 - 1 <= p.x <= box.x1 + 1 and box.y0 - 1 <= p.y <= box.y1 + 1, (p, box)


def test_upside_down_scan_is_turned_and_read(tmp_path):
    path = tmp_path / "upside.pdf"
    write_scan(path, LETTER, angle=1.0, turn=180, seed=4)
    with pymupdf.open(path) as pdf:
        text = ocr_text(pdf[0])
    assert count_occurrences(text, EMAIL) == 1 and count_occurrences(text, PHONE) == 1


def test_boxes_on_a_rotated_page_land_on_the_ink(tmp_path):
    """A landscape scan stored sideways and shown upright with /Rotate 90."""
    path = tmp_path / "rotated.pdf"
    src, page = source_page(LETTER[:4], width=842, height=595)
    out = pymupdf.open()
    new = out.new_page(width=595, height=842)
    new.insert_image(new.rect, stream=scan_image(page, angle=0.0, turn=90))
    new.set_rotation(90)
    out.save(path)
    with pymupdf.open(path) as pdf:
        words = ocr.ocr_page(pdf[0])
        email = [w for w in words if EMAIL in w.text]
        assert email, [w.text for w in words]
        redact_document(pdf, [Mark(email[0].box, "5.1.2e")], [EMAIL])
        save_rewritten(pdf, str(tmp_path / "out.pdf"))
    with pymupdf.open(tmp_path / "out.pdf") as pdf:
        text = ocr_text(pdf[0])
    assert readable(text, EMAIL) == 0 and "Bakhuis" in text  # the name on the same line stays


def test_table_rules_do_not_garble_cells(tmp_path):
    """A phone number in a ruled table cell: the rule next to it must not be read as part
    of the number."""
    rows = [("Naam", "Telefoon"), (NAME, "0638492017"), ("Priya Kalloe", "010 281 7733")]
    doc = pymupdf.open()
    page = doc.new_page()
    y = 100
    for left, right in rows:
        page.insert_text((76, y), left, fontsize=10, fontname="helv")
        page.insert_text((252, y), right, fontsize=10, fontname="helv")
        y += 16
    for x in (72, 248, 400):
        page.draw_line((x, 86), (x, y - 10), width=0.8)
    for yy in (86, y - 10):
        page.draw_line((72, yy), (400, yy), width=0.8)
    path = tmp_path / "table.pdf"
    out = pymupdf.open()
    new = out.new_page()
    new.insert_image(new.rect, stream=scan_image(page, angle=1.2, seed=5))
    out.save(path)
    with pymupdf.open(path) as pdf:
        text = ocr_text(pdf[0])
    assert "0638492017" in text and "010 281 7733" in text, text


def test_black_boxes_are_not_read_as_words(tmp_path):
    """An earlier redaction (a filled black rectangle) must not come back as OCR 'text'."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "De aanvrager,", fontsize=11, fontname="helv")
    page.draw_rect(pymupdf.Rect(150, 88, 260, 104), color=None, fill=(0, 0, 0))
    page.insert_text((270, 100), "woonachtig te Utrecht.", fontsize=11, fontname="helv")
    path = tmp_path / "boxed.pdf"
    out = pymupdf.open()
    new = out.new_page()
    new.insert_image(new.rect, stream=scan_image(page, angle=0.0, seed=6))
    out.save(path)
    with pymupdf.open(path) as pdf:
        words = ocr.ocr_page(pdf[0])
    assert any(w.text == "Utrecht." for w in words)
    for w in words:
        cx, cy = (w.box.x0 + w.box.x1) / 2, (w.box.y0 + w.box.y1) / 2
        assert not (152 < cx < 258 and 90 < cy < 102), w.text


def test_grey_boxes_of_an_earlier_release_are_not_read_as_words(tmp_path):
    """Released documents print their redactions as grey boxes with the ground in white;
    OCR reads them as "EE" or "GEE", which must not become text (a "name" spread over the
    dossier, or a word under our box). Black words on a light highlight are still read."""
    doc = pymupdf.open()
    page = doc.new_page()
    y = 100
    for _ in range(4):
        page.insert_text((72, y), "Van:", fontsize=11, fontname="helv")
        for x0 in (110, 200):
            page.draw_rect(pymupdf.Rect(x0, y - 12, x0 + 80, y + 4), color=None,
                           fill=(0.45, 0.45, 0.45))
            page.insert_text((x0 + 24, y - 1), "5.1.2e", fontsize=7, fontname="helv",
                             color=(1, 1, 1))
        y += 24
    page.draw_rect(pymupdf.Rect(70, y - 12, 260, y + 4), color=None, fill=(0.85, 0.85, 0.85))
    page.insert_text((72, y), "Mevrouw Jansen belde gisteren.", fontsize=11, fontname="helv")
    path = tmp_path / "released.pdf"
    out = pymupdf.open()
    new = out.new_page()
    new.insert_image(new.rect, stream=scan_image(page, angle=0.0, seed=4))
    out.save(path)
    with pymupdf.open(path) as pdf:
        words = ocr.ocr_page(pdf[0])
    assert "Jansen" in [w.text for w in words]
    for w in words:
        cx = (w.box.x0 + w.box.x1) / 2
        assert not (112 < cx < 188 or 202 < cx < 278) or w.box.y0 > 170, w.text


@pytest.mark.parametrize("read,fixed", [
    ("jan.jansen@minbzk,nl", "jan.jansen@minbzk.nl"),
    ("k.smit©minvws.nl", "k.smit@minvws.nl"),
    ("0G-12345678", "06-12345678"),
    ("O6-l2345678", "06-12345678"),
    ("NLO3", "NL03"),
    ("O9Kwikstaart", "09Kwikstaart"),
    # left alone: no pattern would match after the change, or nothing to change
    ("Ministerie", "Ministerie"),
    ("OOK", "OOK"),
    ("NLOS", "NLOS"),
    ("2023,", "2023,"),
    ("Bel,", "Bel,"),
])
def test_ocr_confusions_are_undone_only_where_a_pattern_then_matches(read, fixed):
    assert ocr.normalise_confusions(read) == fixed
    assert len(ocr.normalise_confusions(read)) == len(read)  # boxes stay right


def test_split_address_and_number_are_joined_with_a_covering_box():
    def w(text, left, width, line=1):
        return ocr.RawWord(text, 90.0, left, 100, width, 20, 1, 1, line)
    joined = ocr.join_split_tokens([w("Van:", 0, 40), w("<jan.devries", 50, 120),
                                    w("@minbzk.nl>", 172, 110), w("06-", 300, 30),
                                    w("12345678", 334, 80), w("en", 430, 20),
                                    w("Jan", 460, 30, line=2)])
    assert [x.text for x in joined] == ["Van:", "<jan.devries@minbzk.nl>", "06-12345678", "en",
                                        "Jan"]
    email = joined[1]
    assert email.left == 50 and email.left + email.width == 282  # covers both pieces


def test_an_address_split_at_its_dot_is_joined_from_the_first_name():
    def w(text, left, width, line=1):
        return ocr.RawWord(text, 90.0, left, 100, width, 20, 1, 1, line)
    joined = ocr.join_split_tokens([w("wouter", 0, 50), w(".dejongvanbeek@minienw.nl", 56, 200),
                                    w("siham.", 0, 50, line=2),
                                    w("elidrissi@minienw.nl", 58, 160, line=2),
                                    w("bijlage.", 0, 60, line=3), w("info@x.nl", 68, 80, line=3)])
    assert [x.text for x in joined] == ["wouter.dejongvanbeek@minienw.nl",
                                        "siham.elidrissi@minienw.nl", "bijlage.", "info@x.nl"]


def test_skew_is_measured_and_deskew_maps_back():
    doc, page = source_page(LETTER)
    pix = page.get_pixmap(dpi=100, colorspace=pymupdf.csGRAY)
    img = Image.frombytes("L", (pix.width, pix.height), pix.samples)
    for angle in (-4.0, -1.5, 2.0, 5.0):
        tilted = img.rotate(angle, resample=Image.BICUBIC, fillcolor=255, expand=True)
        assert ocr.estimate_skew(tilted) == pytest.approx(-angle, abs=0.25)
    dot = Image.new("L", (300, 200), 255)
    dot.putpixel((40, 30), 0)
    turned, back = ocr.deskew(dot, 3.0)
    ys, xs = np.nonzero(np.asarray(turned) < 200)
    p = pymupdf.Point(xs.mean() + 0.5, ys.mean() + 0.5) * back
    assert abs(p.x - 40.5) < 1.0 and abs(p.y - 30.5) < 1.0


def test_missing_language_data_means_no_ocr(monkeypatch):
    monkeypatch.setattr(ocr, "LANGUAGES", "nld+xx-none")
    ocr.tessdata_dir.cache_clear()
    try:
        assert not ocr.tesseract_available()
    finally:
        monkeypatch.undo()
        ocr.tessdata_dir.cache_clear()
    assert ocr.tesseract_available()


# -- the pipeline --------------------------------------------------------------------------
def test_without_tesseract_a_scan_is_quarantined_not_passed(tmp_path, monkeypatch):
    path = tmp_path / "scan.pdf"
    write_scan(path, LETTER, angle=1.0)
    monkeypatch.setattr(ocr, "tesseract_available", lambda: False)
    res = Pipeline().process(str(path), tmp_path / "out")
    assert res.status == "quarantined" and res.kind == "needs_ocr"
    assert "Tesseract" in res.reason and "1" in res.reason
    assert not (tmp_path / "out" / "scan.pdf").exists()
    reason = json.loads((tmp_path / "out" / "quarantine" / "scan.pdf.reason.json").read_text())
    assert reason["kind"] == "needs_ocr"


def _accepted(doc, texts: list[str]) -> list[Finding]:
    out = []
    for t in texts:
        for a, b in find_occurrences(doc.text, t):
            f = Finding("EMAIL_ADDRESS" if "@" in t else "PERSON", a, b, doc.text[a:b], 1.0,
                        "test", boxes_for_span(doc, a, b), ground="5.1.2e", action="redact",
                        status="accepted")
            f.assign_id(doc.sha256)
            out.append(f)
    return out


def test_ocr_verification_catches_a_box_in_the_wrong_place(tmp_path):
    """Verification reads the output with OCR: a box that misses the address is caught."""
    path = tmp_path / "scan.pdf"
    write_scan(path, LETTER, angle=1.5, seed=7)
    pipe = Pipeline()
    doc = pipe.extract(str(path))
    findings = _accepted(doc, [EMAIL])
    assert findings
    good = Proposal(str(path), doc.sha256, doc.page_count, findings, [0])
    res = pipe.apply(doc, good, tmp_path / "out", "good.pdf")
    assert res.status == "done", res.reason
    with pymupdf.open(res.output) as pdf:
        assert readable(ocr_text(pdf[0]), EMAIL) == 0
    # the same finding with its box moved one line down: the address stays readable
    for f in findings:
        f.boxes = [type(b)(b.page, b.x0, b.y0 + 20, b.x1, b.y1 + 20) for b in f.boxes]
    bad = Proposal(str(path), doc.sha256, doc.page_count, findings, [0])
    res = pipe.apply(doc, bad, tmp_path / "out", "bad.pdf")
    assert res.status == "quarantined" and res.kind == "verification", res.reason
    assert not (tmp_path / "out" / "bad.pdf").exists()


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory, pipeline):
    """A two-page document: a born-digital cover note, then a tilted, noisy scan."""
    d = tmp_path_factory.mktemp("mixed")
    cover = [(72, 90, "Notitie bij het verzoek"), (72, 120, f"Contact: {NAME}, {PHONE}")]
    src, page = write_scan(d / "mixed.pdf", LETTER, angle=2.0, seed=11, text_page=cover)
    res = pipeline.process(str(d / "mixed.pdf"), d / "out")
    return d, src, page, res


@pytest.mark.slow
def test_mixed_document_only_scanned_page_is_ocred_and_all_is_redacted(mixed_run):
    d, _, _, res = mixed_run
    assert res.status == "done", res.reason
    assert res.ocr_pages == [1]
    with pymupdf.open(res.output) as pdf:
        cover = " ".join(w.text for w in page_words(pdf[0]))
        scan = ocr_text(pdf[1])
        layer = pdf[1].get_text()
    for needle in (NAME, PHONE):
        assert needle not in cover
    for needle in (EMAIL, PHONE, NAME, "Bakhuis"):
        assert readable(scan, needle) == 0, (needle, scan)
        assert needle not in layer
    assert count_occurrences(scan, OFFICE_HOLDER) == 1, scan
    # whatever text layer the page has holds the grounds and, at most, what OCR reads on the
    # redacted image: no hidden text of removed content
    assert set(layer.split()) <= {"5.1.2e"} | set(scan.split())


@pytest.mark.slow
def test_pixels_under_the_boxes_are_removed_not_covered(mixed_run):
    d, _, src_page, res = mixed_run
    assert res.status == "done", res.reason
    with pymupdf.open(d / "mixed.pdf") as inp, pymupdf.open(res.output) as out:
        before, after = stored_image(inp[1]), stored_image(out[1])
        # the ink of every removed string is gone from the stored image itself
        for needle in (EMAIL, PHONE, NAME):
            for rect in src_page.search_for(needle):
                assert ink_left(before, after, rect, 2.0, src_page.rect) < 0.03, needle
        # the office holder and the organisation are untouched
        for needle in (OFFICE_HOLDER, "Ministerie van Justitie en Veiligheid"):
            rect = src_page.search_for(needle)[0]
            assert ink_left(before, after, rect, 2.0, src_page.rect) > 0.9, needle
        # and the rendered page is black inside each box
        pix = out[1].get_pixmap(dpi=72, colorspace=pymupdf.csGRAY)
        a = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width)
        boxes = [b for f in res.applied for b in f.boxes if b.page == 1]
        assert boxes
        for b in boxes:
            x, y = int((b.x0 + b.x1) / 2), int(b.y0 + 2)
            assert a[y, x] < 40, (b, a[y, x])


def test_text_layer_written_from_the_redacted_page(tmp_path):
    """``add_text_layer`` makes a redacted scan searchable with what OCR reads on it now."""
    path = tmp_path / "scan.pdf"
    write_scan(path, LETTER, angle=1.0, seed=8)
    with pymupdf.open(path) as pdf:
        page = pdf[0]
        words = ocr.ocr_page(page)
        email = [w for w in words if EMAIL in w.text]
        redact_document(pdf, [Mark(email[0].box, "5.1.2e")], [EMAIL])
        save_rewritten(pdf, str(tmp_path / "redacted.pdf"))
    with pymupdf.open(tmp_path / "redacted.pdf") as pdf:
        page = pdf[0]
        after = ocr.ocr_page(page)
        assert ocr.add_text_layer(page, after) >= len(after) - 2
        assert page.search_for("registratieplicht") and not page.search_for(EMAIL)
        assert {s["type"] for s in page.get_texttrace() if "5.1.2e" not in
                "".join(chr(c[0]) for c in s["chars"])} == {3}  # invisible
        pdf.save(tmp_path / "layered.pdf")
    text = extract(str(tmp_path / "layered.pdf")).text
    assert EMAIL not in text and count_occurrences(text, OFFICE_HOLDER) == 1


def test_page_ocr_cannot_read_is_quarantined_for_a_person(tmp_path):
    """Printed marks that are not letters (here: a symbol font) read as gibberish in every
    orientation; such a page may hold anything, so the document is not released."""
    doc = pymupdf.open()
    page = doc.new_page()
    for i in range(8):
        page.insert_text((72, 90 + 22 * i), f"{NAME} woont aan de Dorpsstraat 12 te Utrecht",
                         fontsize=11, fontname="zadb")
    path = tmp_path / "symbols.pdf"
    out = pymupdf.open()
    new = out.new_page()
    new.insert_image(new.rect, stream=scan_image(page, angle=0.5))
    out.save(path)
    res = Pipeline().process(str(path), tmp_path / "out")
    assert res.status == "quarantined" and res.kind == "ocr_unreadable", res.reason
    assert "page 1" in res.reason
    assert isinstance(ocr.UnreadablePage(0, 20.0), BadInput)


def test_redacted_scan_is_stored_as_jpeg_again_without_the_removed_pixels(tmp_path):
    path = tmp_path / "scan.pdf"
    _, src = write_scan(path, LETTER, angle=0.0, seed=9)
    with pymupdf.open(path) as pdf:
        words = ocr.ocr_page(pdf[0])
        marks = [Mark(w.box, "5.1.2e") for w in words if EMAIL in w.text]
        assert marks
        redact_document(pdf, marks, [EMAIL])
        save_rewritten(pdf, str(tmp_path / "flate.pdf"))
    with pymupdf.open(tmp_path / "flate.pdf") as pdf:
        assert pdf[0].get_images(full=True)[0][8] == "FlateDecode"  # what redaction leaves
        assert ocr.recompress_scans(pdf, [0]) == 1
        save_rewritten(pdf, str(tmp_path / "jpeg.pdf"))
    with pymupdf.open(tmp_path / "jpeg.pdf") as pdf:
        assert pdf[0].get_images(full=True)[0][8] == "DCTDecode"
        after = np.asarray(stored_image(pdf[0]))
    assert (tmp_path / "jpeg.pdf").stat().st_size < 0.5 * (tmp_path / "flate.pdf").stat().st_size
    r = src.search_for(EMAIL)[0]
    s = after.shape[1] / src.rect.width
    region = after[int(r.y0 * s) + 2:int(r.y1 * s) - 2, int(r.x0 * s) + 2:int(r.x1 * s) - 2]
    assert region.min() > 200  # no ink came back with the new encoding


def test_ocr_sees_through_a_box_drawn_over_intact_pixels(tmp_path):
    """A black rectangle drawn over a scan hides nothing from someone who extracts the image;
    OCR (and so verification) reads the image itself, not the rendering."""
    path = tmp_path / "scan.pdf"
    write_scan(path, LETTER, angle=0.0, seed=10)
    with pymupdf.open(path) as pdf:
        words = ocr.ocr_page(pdf[0])
        email = [w for w in words if EMAIL in w.text][0]
        pdf[0].draw_rect(pymupdf.Rect(email.box.rect), color=None, fill=(0, 0, 0))
        pdf.save(tmp_path / "overlay.pdf")
    with pymupdf.open(tmp_path / "overlay.pdf") as pdf:
        pix = pdf[0].get_pixmap(dpi=72, colorspace=pymupdf.csGRAY)
        cx, cy = int((email.box.x0 + email.box.x1) / 2), int((email.box.y0 + email.box.y1) / 2)
        assert pix.pixel(cx, cy)[0] < 40  # looks redacted
        assert count_occurrences(ocr_text(pdf[0]), EMAIL) == 1  # but is not


def test_a_page_tesseract_does_not_finish_quarantines_the_document(tmp_path, monkeypatch):
    """A recognition cut off by the per-page deadline must not pass as a page with few words."""
    path = tmp_path / "scan.pdf"
    write_scan(path, LETTER, angle=0.0, seed=12)
    monkeypatch.setattr(ocr, "PAGE_TIMEOUT_S", 0.001)
    res = Pipeline().process(str(path), tmp_path / "out")
    assert res.status == "quarantined" and res.kind == "ocr_failed", (res.kind, res.reason)


def test_small_print_is_read_again_at_a_higher_resolution(tmp_path):
    """A dashboard or screenshot has print too small for 200 dpi; read at twice the
    resolution, it is text, not a page for a person to redact by hand."""
    lines = [(40, 40 + 7 * i, "Aantal afgenomen testen per regio en per dag, week "
              f"{i + 1}: Utrecht, Haaglanden, Rotterdam-Rijnmond, Kennemerland")
             for i in range(30)]
    src, page = source_page(lines, fontsize=3.2)
    out = pymupdf.open()
    new = out.new_page(width=page.rect.width, height=page.rect.height)
    new.insert_image(new.rect, stream=scan_image(page, angle=0.0, seed=3))
    path = tmp_path / "dashboard.pdf"
    out.save(path)
    with pymupdf.open(path) as pdf:
        words = ocr.ocr_page(pdf[0])
    assert sum(w.text.strip(",:").lower() in ("utrecht", "haaglanden", "kennemerland")
               for w in words) >= 20
