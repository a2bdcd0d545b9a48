"""Handwritten signatures: images placed in a signature block.

A signature is an image, not text, so no text recognizer can see it; the evidence is where it
sits: below a closing ("Met vriendelijke groet", "Hoogachtend") and near the signer's name.
"""

from __future__ import annotations

import re

from .model import Document, Finding

CLOSING = re.compile(r"\b(?:groet(?:en)?|hoogachtend|regards|namens deze)\b", re.IGNORECASE)
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
        for img in page.images:
            b = img.box
            if ((b.y1 - b.y0) > page.height * MAX_SIGNATURE_HEIGHT_FRACTION
                    or (b.x1 - b.x0) > page.width * MAX_SIGNATURE_WIDTH_FRACTION):
                continue  # a strip of a scanned page, a banner or a photo
            after_closing = [(pos, y) for (p, y, pos) in closings
                             if p == page.index and 0 <= b.y0 - y <= BELOW_CLOSING_PT]
            near_name = any(n.page == page.index and 0 <= n.y0 - b.y1 <= ABOVE_NAME_PT
                            for n in names)
            if not after_closing and not near_name:
                continue
            score = 0.9 if after_closing and near_name else 0.7 if after_closing else 0.5
            pos = after_closing[0][0] if after_closing else 0
            f = Finding("SIGNATURE", pos, pos, "", score, "signature_block", boxes=[b])
            f.assign_id(f"{doc.sha256}:{page.index}:{b.x0:.0f}:{b.y0:.0f}")
            out.append(f)
    return out


def _closing_lines(doc: Document) -> list[tuple[int, float, int]]:
    """(page, bottom y, text offset) of every line that closes a letter or e-mail."""
    out = []
    for m in CLOSING.finditer(doc.text):
        wi = doc.char_word[m.start()]
        if wi >= 0:
            w = doc.words[wi]
            out.append((w.box.page, w.box.y1, m.start()))
    return out
