"""Redact: remove text, image pixels and vector art under each box; label it; scrub the rest.

Following PyMuPDF's redaction recipe: one redaction annotation per box, then
``apply_redactions`` which deletes the content (not an overlay), then a full rewrite.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

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
    """Largest font size (≤ 9 pt) at which the label fits in the box, or None if none does."""
    size = min(MAX_LABEL_SIZE, height * 0.8)
    while size >= MIN_LABEL_SIZE:
        if pymupdf.get_text_length(label, fontname=LABEL_FONT, fontsize=size) <= width - 1:
            return size
        size -= 0.5
    return None


def redact_document(doc: pymupdf.Document, marks: Iterable[Mark],
                    removed_texts: Iterable[str]) -> int:
    """Apply the marks page by page and scrub the document; returns rectangles applied."""
    by_page: dict[int, list[Mark]] = defaultdict(list)
    for m in marks:
        by_page[m.box.page].append(m)
    applied = 0
    for pno in sorted(by_page):
        page = doc[pno]
        for m in by_page[pno]:
            # Not clipped to the page: text placed outside the visible area is removed too.
            rect = pymupdf.Rect(m.box.rect)
            if rect.is_empty:
                continue
            size = label_size(m.label, rect.width, rect.height)
            page.add_redact_annot(
                rect, text=m.label if size else None, fontname=LABEL_FONT,
                fontsize=size or MIN_LABEL_SIZE, align=pymupdf.TEXT_ALIGN_CENTER,
                fill=(0, 0, 0), text_color=(1, 1, 1), cross_out=False)
            applied += 1
        # Pixels under the box are blanked in images (a name in a scanned signature or a
        # screenshot); vector art is removed only if wholly covered, so table rules survive.
        page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
                              graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED,
                              text=pymupdf.PDF_REDACT_TEXT_REMOVE)
    scrub(doc, list(removed_texts))
    return applied


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
