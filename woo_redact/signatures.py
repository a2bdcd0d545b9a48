"""Handwritten signatures: images or pen strokes placed in a signature block.

A signature is an image or vector art, not text, so no text recognizer can see it; the
evidence is where it sits: below a closing ("Met vriendelijke groet", "Hoogachtend") or a
signing formula ("ondertekende", a "Handtekening" column), and next to the signer's name.
"""

from __future__ import annotations

import re

from .model import Box, Document, Finding

CLOSING = re.compile(r"\b(?:groet(?:en)?|hoogachtend|regards|namens deze|handtekening|"
                     r"ondertekend(?:e)?|ondertekening|getekend|paraaf|parafen)\b", re.IGNORECASE)
# A name beside an image on the same row (a table of officials with a signature column), or
# right above it (a signature under the typed name, as in a proces-verbaal).
BELOW_NAME_PT = 40.0
# How far below the closing line an image may start, and how far above a name it may end.
BELOW_CLOSING_PT = 160.0
ABOVE_NAME_PT = 60.0
MAX_SIGNATURE_HEIGHT_FRACTION = 0.25  # larger images are letterheads, photos or scans
MAX_SIGNATURE_WIDTH_FRACTION = 0.6


def find_signatures(doc: Document, person_findings: list[Finding]) -> list[Finding]:
    out: list[Finding] = []
    closings = _closing_lines(doc)
    names = [b for f in person_findings for b in f.boxes]
    for page in doc.pages:
        if page.ocr:
            continue  # a scan is one big image; its signature is handled as pixels under boxes
        sketches = set(map(id, page.sketches))
        for img in page.images + page.sketches:
            b = img.box
            if ((b.y1 - b.y0) > page.height * MAX_SIGNATURE_HEIGHT_FRACTION
                    or (b.x1 - b.x0) > page.width * MAX_SIGNATURE_WIDTH_FRACTION):
                continue  # a strip of a scanned page, a banner or a photo
            after_closing = [(pos, y) for (p, y, pos) in closings
                             if p == page.index and 0 <= b.y0 - y <= BELOW_CLOSING_PT]
            near_name = any(n.page == page.index and _beside_or_above(n, b) for n in names)
            if not after_closing and not near_name:
                continue
            if id(img) in sketches and _holds_typed_words(page, b):
                continue  # a stamp's frame around its typed text ("ONTVANGEN 24 NOV 2026")
            score = 0.9 if after_closing and near_name else 0.7 if after_closing else 0.5
            pos = after_closing[0][0] if after_closing else 0
            # a point over the edges: strokes are removed only when wholly covered
            box = Box(b.page, b.x0 - 1, b.y0 - 1, b.x1 + 1, b.y1 + 1)
            f = Finding("SIGNATURE", pos, pos, "", score, "signature_block", boxes=[box])
            f.assign_id(f"{doc.sha256}:{page.index}:{b.x0:.0f}:{b.y0:.0f}")
            out.append(f)
    return out


STAMP_MIN_WORDS = 2


def _holds_typed_words(page, b: Box) -> bool:
    """Do typed words stand inside the drawing (their middles within it)? Pen strokes of a
    signature hold none; a received-stamp or a form's box does."""
    inside = 0
    for w in page.words:
        cx, cy = (w.box.x0 + w.box.x1) / 2, (w.box.y0 + w.box.y1) / 2
        if w.source != "ocr" and b.x0 <= cx <= b.x1 and b.y0 <= cy <= b.y1:
            inside += 1
            if inside >= STAMP_MIN_WORDS:
                return True
    return False


def _closing_lines(doc: Document) -> list[tuple[int, float, int]]:
    """(page, bottom y, text offset) of every line that closes a letter or e-mail."""
    out = []
    for m in CLOSING.finditer(doc.text):
        wi = doc.char_word[m.start()]
        if wi >= 0:
            w = doc.words[wi]
            out.append((w.box.page, w.box.y1, m.start()))
    return out


def _beside_or_above(name, img) -> bool:
    """Is the name just below the image, on its row, or just above it?"""
    if 0 <= name.y0 - img.y1 <= ABOVE_NAME_PT:
        return True
    if 0 <= img.y0 - name.y1 <= BELOW_NAME_PT and name.x0 < img.x1 + 150 and img.x0 < name.x1 + 150:
        return True
    overlap = min(name.y1, img.y1) - max(name.y0, img.y0)
    return overlap > 0.5 * (name.y1 - name.y0)
