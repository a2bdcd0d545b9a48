"""The faster image preparation in ``ocr`` gives the same pixels and boxes as the plain
definitions it replaced (PIL's rank filter, float division, np.bincount, pymupdf's
Point × Matrix), so OCR reads exactly what it read before."""

from __future__ import annotations

import numpy as np
import pymupdf
import pytest
from PIL import Image, ImageFilter

from woo_redact import ocr


@pytest.mark.parametrize("shape", [(1, 1), (2, 3), (7, 5), (61, 44), (300, 217)])
def test_max5_is_pil_max_filter(shape):
    rng = np.random.default_rng(sum(shape))
    a = rng.integers(0, 256, shape, dtype=np.uint8)
    want = np.asarray(Image.fromarray(a).filter(ImageFilter.MaxFilter(5)))
    assert np.array_equal(ocr._max5(a), want)


def test_flatten_table_is_float_division():
    img = np.tile(np.arange(256, dtype=np.uint8), 256).reshape(256, 256)
    bg = img.T.copy()
    want = np.clip(img.astype(np.float32) / np.maximum(bg.astype(np.float32), 1.0) * 255.0,
                   0, 255).astype(np.uint8)
    idx = (bg.astype(np.uint16) << 8) | img
    assert np.array_equal(ocr._FLATTEN.take(idx), want)


def test_clean_flattens_a_shadow():
    # paper at 200 on the left fading to 250 on the right, text at 40 throughout
    a = np.tile(np.linspace(200, 250, 400).astype(np.uint8), (300, 1))
    strokes = [slice(c, c + 3) for c in range(20, 380, 8)]
    for s in strokes:
        a[100:110, s] = 40
    out = np.asarray(ocr.clean(Image.fromarray(a)))
    paper = out[200:280, 20:380]
    assert paper.min() >= 240 and paper.max() - paper.min() <= 12
    assert max(out[101:109, s].max() for s in strokes) < 60  # text stays dark


def test_otsu_threshold_is_bincount_otsu():
    rng = np.random.default_rng(3)
    for _ in range(5):
        a = np.where(rng.random((120, 90)) < 0.2, rng.integers(0, 90, (120, 90)),
                     rng.integers(150, 256, (120, 90))).astype(np.uint8)
        hist = np.bincount(a.ravel(), minlength=256).astype(np.float64)
        w, mu = np.cumsum(hist), np.cumsum(hist * np.arange(256))
        with np.errstate(divide="ignore", invalid="ignore"):
            between = (mu[-1] * w - mu * w[-1]) ** 2 / (w * (w[-1] - w))
        want = int(np.argmax(np.nan_to_num(between, nan=0.0, posinf=0.0)))
        assert ocr.otsu_threshold(a) == want
        assert 80 <= want < 150


def test_page_box_is_pymupdf_transform():
    to_page = pymupdf.Matrix(0.36, 0.013, -0.013, 0.36, 4.5, -7.25)
    bound = pymupdf.Rect(0, 0, 595, 842)
    for left, top, width, height in [(10, 20, 80, 22), (1500, 2200, 140, 30), (0, 0, 1, 1)]:
        r = ocr.RawWord("woord", 90.0, left, top, width, height, 1, 1, 1)
        pts = [pymupdf.Point(x, y) * to_page
               for x in (left, left + width) for y in (top, top + height)]
        xs, ys = [p.x for p in pts], [p.y for p in pts]
        want = (max(min(xs) - ocr.PAD, 0), max(min(ys) - ocr.PAD, 0),
                min(max(xs) + ocr.PAD, 595), min(max(ys) + ocr.PAD, 842))
        box = ocr._page_box(r, to_page, bound, 3)
        assert box.page == 3
        assert (box.x0, box.y0, box.x1, box.y1) == pytest.approx(want, abs=1e-3)


def test_remove_rules_at_the_edges_keeps_the_text_beside_them():
    a = np.full((400, 500), 250, np.uint8)
    a[0:2, :] = 30  # a rule along the top edge
    a[:, 497:500] = 30  # and one down the right edge
    a[200:203, 40:460] = 30  # a table rule in the middle
    a[199, 40:460] = a[203, 40:460] = a[2, :] = 235  # the grey edge a scan gives a rule
    a[185:199, 100:108] = 20  # a letter standing on that rule
    a[300:314, 200:208] = 20  # a letter far from any rule
    out = np.asarray(ocr.remove_rules(Image.fromarray(a), 200))
    assert (out[0:2, :] == 255).all() and (out[:, 497:500] == 255).all()
    assert (out[199:204, 40:460] == 255).all() and (out[2, 40:460] == 255).all()
    assert (out[185:198, 100:108] == 20).all()
    assert (out[300:314, 200:208] == 20).all()
    untouched = np.ones_like(a, dtype=bool)
    untouched[0:3, :] = untouched[:, 496:] = untouched[199:204, 39:461] = False
    assert np.array_equal(out[untouched], a[untouched])


def test_a_turned_page_is_rendered_once(monkeypatch):
    """Reading a page again the right way up reuses its rendering."""
    calls = []
    real = ocr.render
    monkeypatch.setattr(ocr, "render", lambda *a, **k: calls.append(1) or real(*a, **k))
    doc = pymupdf.open()
    page = doc.new_page(width=300, height=200)
    base = ocr.rendered_clean(page)
    turned, _, _, _ = ocr.prepare(page, quarter=90, cleaned=base)
    assert len(calls) == 1
    assert turned.size == (base[0].height, base[0].width)


def test_remove_rules_takes_the_grey_edge_of_a_lone_rule():
    a = np.full((300, 400), 250, np.uint8)
    a[150:153, 60:340] = 30  # the only rule: the work is cut down to the area around it
    a[149, 60:340] = a[153, 60:340] = 235
    a[60:180, 30:33] = 30  # and a lone vertical one
    a[60:180, 29] = a[60:180, 33] = 235
    out = np.asarray(ocr.remove_rules(Image.fromarray(a), 200))
    assert (out[149:154, 60:340] == 255).all()
    assert (out[60:180, 29:34] == 255).all()
