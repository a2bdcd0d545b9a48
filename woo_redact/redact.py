"""Redact: remove text, image pixels and vector art under each box; label it; scrub the rest.

Following PyMuPDF's redaction recipe: redaction annotations, then ``apply_redactions`` which
deletes the content under them (not an overlay), then a full rewrite.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pymupdf

from .model import Box

LABEL_FONT = "helv"
MAX_LABEL_SIZE = 9.0
MIN_LABEL_SIZE = 4.0
REPLACEMENT = "[gelakt]"


@dataclass(frozen=True, slots=True)
class Mark:
    """One rectangle to black out, with the Woo ground printed in it."""
    box: Box
    label: str


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
                    removed_texts: Iterable[str]) -> int:
    """Apply the marks page by page and scrub the document; returns rectangles applied."""
    by_page: dict[int, list[Mark]] = defaultdict(list)
    for m in marks:
        # Not clipped to the page: text placed outside the visible area is removed too.
        if not pymupdf.Rect(m.box.rect).is_empty:
            by_page[m.box.page].append(m)
    for pno in sorted(by_page):
        redact_page(doc[pno], by_page[pno])
    scrub(doc, list(removed_texts))
    return sum(len(ms) for ms in by_page.values())


def redact_page(page: pymupdf.Page, marks: list[Mark]) -> None:
    """Remove what lies under the marks, then paint them black with their labels.

    All rectangles of a page go into one redaction annotation as quads. MuPDF tests every
    glyph against every annotation, re-reading each one's dictionary, so one annotation per
    rectangle cost ~1 ms per rectangle on a full page; the quads of one annotation cost a
    fifth of that. Boxes and labels are then drawn in one content stream of our own:
    PyMuPDF's per-annotation text boxes cost another ~1 ms each.
    """
    rects = [pymupdf.Rect(m.box.rect) for m in marks]
    union = pymupdf.Rect(rects[0])
    for r in rects[1:]:
        union |= r
    annot = page.add_redact_annot(union, cross_out=False)
    # Word boxes are in unrotated page space; QuadPoints are PDF user space.
    to_pdf = ~page.transformation_matrix
    quads = []
    for r in rects:
        q = (r * to_pdf).quad
        quads.extend((q.ul.x, q.ul.y, q.ur.x, q.ur.y, q.ll.x, q.ll.y, q.lr.x, q.lr.y))
    page.parent.xref_set_key(annot.xref, "QuadPoints",
                             "[" + " ".join(_num(v) for v in quads) + "]")
    # Pixels under a box are blanked in images (a name in a scanned signature or a
    # screenshot); vector art is removed only if wholly covered, so table rules survive.
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
                          graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED,
                          text=pymupdf.PDF_REDACT_TEXT_REMOVE)
    _paint(page, rects, [m.label for m in marks])


def _paint(page: pymupdf.Page, rects: list[pymupdf.Rect], labels: list[str]) -> None:
    """Black boxes with the ground printed in white."""
    page.insert_font(fontname=LABEL_FONT)
    to_pdf = ~page.transformation_matrix
    # stroked as well as filled, like PyMuPDF's own boxes: the edge pixels come out black
    ops = ["q", _cm(to_pdf), "0 0 0 rg 0 0 0 RG 1 w"]
    ops.extend(f"{_num(r.x0)} {_num(r.y0)} {_num(r.width)} {_num(r.height)} re"
               for r in rects)
    ops.append("B")
    text = []
    for r, label in zip(rects, labels):
        if not label:
            continue
        # Upright for the reader, or along the page's own text when that reads larger
        # (text that runs sideways on a rotated page has tall, narrow boxes).
        seen = r * page.rotation_matrix
        options = [(label_size(label, seen.width, seen.height) or 0, seen,
                    page.derotation_matrix),
                   (label_size(label, r.width, r.height) or 0, r, pymupdf.Identity)]
        size, box, back = max(options, key=lambda o: o[0])
        if not size:
            continue
        x = (box.x0 + box.x1 - size * _label_width(label)) / 2
        y = (box.y0 + box.y1) / 2 + 0.35 * size  # a baseline that centres the digits
        tm = pymupdf.Matrix(size, 0, 0, -size, x, y) * back
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


def _num(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".") or "0"


def _cm(m: pymupdf.Matrix) -> str:
    return " ".join(_num(v) for v in (m.a, m.b, m.c, m.d, m.e, m.f)) + " cm"


def _pdf_string(label: str) -> str:
    s = label.encode("cp1252", "replace").decode("latin-1")
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def scrub(doc: pymupdf.Document, removed_texts: list[str]) -> None:
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
    _scrub_outline(doc, removed_texts)


def _scrub_outline(doc: pymupdf.Document, removed_texts: list[str]) -> None:
    toc = doc.get_toc(simple=False)
    if not toc or not removed_texts:
        return
    pattern = re.compile("|".join(re.escape(t) for t in sorted(set(removed_texts), key=len,
                                                                  reverse=True) if t.strip()),
                         re.IGNORECASE)
    changed = False
    for entry in toc:
        new = pattern.sub(REPLACEMENT, entry[1])
        if new != entry[1]:
            entry[1] = new
            changed = True
    if changed:
        doc.set_toc(toc)


def save_rewritten(doc: pymupdf.Document, path: str) -> None:
    """Full rewrite with garbage collection: no incremental update keeps old objects. The
    file id is kept, so the same input and decisions give the same bytes (reproducible
    releases, and batch engines can be compared byte for byte)."""
    doc.save(path, garbage=4, deflate=True, clean=True, incremental=False,
             encryption=pymupdf.PDF_ENCRYPT_NONE, no_new_id=True)
