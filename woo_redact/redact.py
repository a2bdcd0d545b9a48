"""Redact: remove text, image pixels and vector art under each box; label it; scrub the rest.

Following PyMuPDF's redaction recipe: redaction annotations, then ``apply_redactions`` which
deletes the content under them (not an overlay), then a full rewrite.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pymupdf

from . import hygiene
from .model import Box, Word

LABEL_FONT = "helv"
MAX_LABEL_SIZE = 9.0
MIN_LABEL_SIZE = 4.0


@dataclass(frozen=True, slots=True)
class Mark:
    """One rectangle to black out, with the Woo ground printed in it. ``line_art``: also
    remove every vector stroke the box touches (a signature drawn with a pen tool; MuPDF
    keeps a stroke that is not wholly covered, and a pen stroke's path rarely is)."""
    box: Box
    label: str
    line_art: bool = field(default=False, kw_only=True)


# A box is never made lower than this share of its height to stay clear of another line.
MIN_CLEAR_SHARE = 0.5
_CLEARANCE = 0.05  # points between a box and the word it must not touch


def clear_of_other_lines(marks: list[Mark], words: list[Word]) -> list[Mark]:
    """Each box trimmed so that it does not reach into the words of the lines above and
    below it.

    MuPDF removes every glyph whose box touches a redaction box, and in a table or a
    tightly set paragraph one line's boxes overlap the next line's by a point or so: a
    box over "A. Kowalczyk" then takes the "Wielewaal" that the cell wraps onto the next
    line. A word belongs to another line when its middle lies outside the box; the box
    is cut back to that word's edge, never below half its height (a box that small
    would no longer be over its own line). Only text-layer words count: an OCR'd word's
    box is the pixels' own and a box over a scan must take all of them.
    """
    pages = {m.box.page for m in marks}
    rects: dict[int, list] = {}
    for w in words:
        if w.source != "ocr" and w.box.page in pages:
            rects.setdefault(w.box.page, []).append(w.box.rect)
    by_page = {k: np.array(v) for k, v in rects.items()}
    out = []
    for m in marks:
        others = by_page.get(m.box.page)
        b = m.box
        if others is None or m.line_art:
            out.append(m)
            continue
        touch = others[(others[:, 0] < b.x1) & (b.x0 < others[:, 2])
                       & (others[:, 1] < b.y1) & (b.y0 < others[:, 3])]
        mid = (touch[:, 1] + touch[:, 3]) / 2
        top = max([b.y0, *(touch[mid < b.y0, 3] + _CLEARANCE)])
        bottom = min([b.y1, *(touch[mid > b.y1, 1] - _CLEARANCE)])
        if (top, bottom) != (b.y0, b.y1) and bottom - top >= MIN_CLEAR_SHARE * (b.y1 - b.y0):
            m = Mark(Box(b.page, b.x0, float(top), b.x1, float(bottom)), m.label,
                     line_art=m.line_art)
        out.append(m)
    return out


def label_size(label: str, width: float, height: float) -> float | None:
    """Largest font size (≤ 9 pt, in half points) at which the label fits in the box, or
    None if none does."""
    size = min(MAX_LABEL_SIZE, height * 0.8)
    unit = _label_width(label)
    if unit > 0:
        size = min(size, (width - 1) / unit)
    size = math.floor(size * 2) / 2
    return size if size >= MIN_LABEL_SIZE else None


@lru_cache(maxsize=256)
def _label_width(label: str) -> float:
    """Width at 1 pt; text width grows linearly with the size."""
    return pymupdf.get_text_length(label, fontname=LABEL_FONT, fontsize=1)


def redact_document(doc: pymupdf.Document, marks: Iterable[Mark],
                    removed_texts: Iterable[str], seen_text: str | None = None) -> int:
    """Apply the marks page by page and scrub the document; returns rectangles applied.
    ``seen_text`` is the text detection read (bookmark titles with other words go)."""
    hygiene.prepare_contents(doc)
    by_page: dict[int, list[Mark]] = defaultdict(list)
    for m in marks:
        # Not clipped to the page: text placed outside the visible area is removed too.
        if not pymupdf.Rect(m.box.rect).is_empty:
            by_page[m.box.page].append(m)
    for pno in sorted(by_page):
        redact_page(doc[pno], by_page[pno])
    scrub(doc, list(removed_texts), seen_text)
    return sum(len(ms) for ms in by_page.values())


def redact_page(page: pymupdf.Page, marks: list[Mark]) -> None:
    """Remove what lies under the marks, then paint them black with their labels.

    All rectangles of a page go into one redaction annotation as quads. MuPDF tests every
    glyph against every annotation, re-reading each one's dictionary, so one annotation per
    rectangle cost ~1 ms per rectangle on a full page; the quads of one annotation cost a
    fifth of that. Boxes and labels are then drawn in one content stream of our own:
    PyMuPDF's per-annotation text boxes cost another ~1 ms each.
    """
    rects = [m.box.rect for m in marks]
    strokes = [m.box.rect for m in marks if m.line_art]
    if strokes:
        _apply(page, strokes, pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED)
    # Pixels under a box are blanked in images (a name in a scanned signature or a
    # screenshot); vector art is removed only if wholly covered, so table rules survive.
    _apply(page, [m.box.rect for m in marks if not m.line_art],
           pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED)
    _paint(page, rects, [m.label for m in marks])


def _apply(page: pymupdf.Page, rects: list[tuple[float, float, float, float]],
           graphics: int) -> None:
    if not rects:
        return
    union = (min(r[0] for r in rects), min(r[1] for r in rects),
             max(r[2] for r in rects), max(r[3] for r in rects))
    annot = page.add_redact_annot(union, cross_out=False)
    # Word boxes are in unrotated page space; QuadPoints are PDF user space.
    a, b, c, d, e, f = ~page.transformation_matrix
    quads = []
    for x0, y0, x1, y1 in rects:
        # corners upper-left, upper-right, lower-left, lower-right (PDF's quad order)
        for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
            quads.append(_num(a * x + c * y + e))
            quads.append(_num(b * x + d * y + f))
    page.parent.xref_set_key(annot.xref, "QuadPoints", "[" + " ".join(quads) + "]")
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS, graphics=graphics,
                          text=pymupdf.PDF_REDACT_TEXT_REMOVE)


def _paint(page: pymupdf.Page, rects: list[tuple[float, float, float, float]],
           labels: list[str]) -> None:
    """Black boxes with the ground printed in white."""
    page.insert_font(fontname=LABEL_FONT)
    # stroked as well as filled, like PyMuPDF's own boxes: the edge pixels come out black
    ops = ["q", _cm(~page.transformation_matrix), "0 0 0 rg 0 0 0 RG 1 w"]
    ops.extend(f"{_num(x0)} {_num(y0)} {_num(x1 - x0)} {_num(y1 - y0)} re"
               for x0, y0, x1, y1 in rects)
    ops.append("B")
    text = []
    upright = page.derotation_matrix if page.rotation else None
    turn = page.rotation_matrix
    labelled: list[tuple[float, float, float, float]] = []
    for r, label in zip(rects, labels):
        if not label or _mostly_under(r, labelled):
            continue  # two findings over the same words: one label, not two printed over each other
        labelled.append(r)
        # Upright for the reader, or along the page's own text when that reads larger
        # (text that runs sideways on a rotated page has tall, narrow boxes).
        options = [(label_size(label, r[2] - r[0], r[3] - r[1]) or 0, r, None)]
        if upright is not None:
            seen = tuple(pymupdf.Rect(r) * turn)
            options.insert(0, (label_size(label, seen[2] - seen[0], seen[3] - seen[1]) or 0,
                               seen, upright))
        size, box, back = max(options, key=lambda o: o[0])
        if not size:
            continue
        x = (box[0] + box[2] - size * _label_width(label)) / 2
        y = (box[1] + box[3]) / 2 + 0.35 * size  # a baseline that centres the digits
        tm = (size, 0, 0, -size, x, y)
        if back is not None:
            tm = tuple(pymupdf.Matrix(*tm) * back)
        text.append(f"{_cm(tm)[:-3]} Tm ({_pdf_string(label)}) Tj")
    if text:
        ops.extend(["1 1 1 rg", "BT", f"/{LABEL_FONT} 1 Tf", *text, "ET"])
    ops.append("Q")
    page.wrap_contents()  # whatever the page left on the graphics stack must not bend ours
    doc = page.parent
    xref = doc.get_new_xref()
    doc.update_object(xref, "<<>>")
    doc.update_stream(xref, "\n".join(ops).encode("latin-1"))
    contents = page.get_contents() + [xref]
    doc.xref_set_key(page.xref, "Contents", "[" + " ".join(f"{x} 0 R" for x in contents) + "]")


def _mostly_under(r: tuple[float, float, float, float],
                  others: list[tuple[float, float, float, float]]) -> bool:
    """Does more than half of ``r`` lie under one of ``others``?"""
    area = (r[2] - r[0]) * (r[3] - r[1])
    for o in others:
        w = min(r[2], o[2]) - max(r[0], o[0])
        h = min(r[3], o[3]) - max(r[1], o[1])
        if w > 0 and h > 0 and w * h > area / 2:
            return True
    return False


def _num(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".") or "0"


def _cm(m) -> str:
    return " ".join(_num(v) for v in tuple(m)) + " cm"


def _pdf_string(label: str) -> str:
    s = label.encode("cp1252", "replace").decode("latin-1")
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def scrub(doc: pymupdf.Document, removed_texts: list[str], seen_text: str | None = None) -> None:
    """Remove every place outside the page content where removed text could survive."""
    # Hidden text is not dropped wholesale: scans carry their OCR layer as hidden text, and
    # the detected strings in it were redacted like visible text (verification re-reads it).
    doc.scrub(attached_files=True, clean_pages=True, embedded_files=True, hidden_text=False,
              javascript=True, metadata=True, redactions=True, remove_links=True,
              reset_fields=True, reset_responses=True, thumbnails=True, xml_metadata=True)
    for page in doc:
        for annot in list(page.annots() or []):
            page.delete_annot(annot)
        for widget in list(page.widgets() or []):
            page.delete_widget(widget)
    for name in list(doc.embfile_names()):
        doc.embfile_del(name)
    doc.del_xml_metadata()
    doc.set_metadata({"producer": "woo-redact", "creator": "woo-redact"})
    hygiene.strip(doc, removed_texts, seen_text)


def save_rewritten(doc: pymupdf.Document, path: str) -> None:
    """Full rewrite with garbage collection: no incremental update keeps old objects. The
    file id is kept, so the same input and decisions give the same bytes (reproducible
    releases, and batch engines can be compared byte for byte)."""
    doc.save(path, garbage=4, deflate=True, clean=True, incremental=False,
             encryption=pymupdf.PDF_ENCRYPT_NONE, no_new_id=True)
