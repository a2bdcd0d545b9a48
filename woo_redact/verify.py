"""Verify: reopen the written output and prove that what was removed is gone.

A document only reaches the output folder when this finds no problem; otherwise it is
quarantined with the problems as its reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pymupdf

from . import hygiene
from .model import Document
from .redact import Mark
from .textnorm import find_all


def verify_output(path: str, out_doc: Document, allowed: dict[str, int], marks: Iterable[Mark],
                  labels: set[str]) -> list[str]:
    """Problems found in the output, empty when it is clean.

    ``allowed`` maps each removed string to how often it may still occur: the occurrences
    the policy kept on purpose (e.g. an office holder of the same surname). ``out_doc`` is the
    re-extraction of ``path``.
    """
    problems: list[str] = []
    found = find_all(out_doc.text, allowed)
    for s, limit in allowed.items():
        n = len(found[s])
        if n > limit:
            problems.append(f"removed text still readable {n - limit}x: {_hint(s)}")
    marks = list(marks)
    problems.extend(_text_under_marks(out_doc, marks, labels))
    problems.extend(_strokes_under_marks(out_doc, marks))
    problems.extend(_side_channels(path, list(allowed)))
    problems.extend(hygiene.prove(path, allowed))
    return problems


def _hint(s: str) -> str:
    """Say which string failed without repeating it in full (reasons may be shared)."""
    return f"'{s[:2]}…' ({len(s)} chars)"


def _strokes_under_marks(out_doc: Document, marks: list[Mark]) -> list[str]:
    """Pen strokes (a drawn signature) still drawn where a box should have removed them."""
    problems = []
    for page in out_doc.pages:
        for sk in page.sketches:
            s = sk.box
            area = max((s.x1 - s.x0) * (s.y1 - s.y0), 1e-6)
            for m in marks:
                b = m.box
                w = min(s.x1, b.x1) - max(s.x0, b.x0)
                h = min(s.y1, b.y1) - max(s.y0, b.y0)
                if b.page == page.index and w > 0 and h > 0 and w * h > area / 2:
                    problems.append(f"pen strokes still drawn under a box on page {page.index + 1}")
                    break
    return problems


def _text_under_marks(out_doc: Document, marks: Iterable[Mark], labels: set[str]) -> list[str]:
    boxes: dict[int, list[tuple[float, float, float, float]]] = {}
    for m in marks:
        b = m.box
        boxes.setdefault(b.page, []).append((b.x0, b.y0, b.x1, b.y1))
    words: dict[int, list] = {}
    for w in out_doc.words:
        if w.box.page in boxes:
            words.setdefault(w.box.page, []).append(w)
    problems = []
    for page, ws in words.items():
        # every word centre against every box of its page at once: pages carry hundreds of
        # words and dozens of boxes
        m = np.array(boxes[page])
        cx = np.array([(w.box.x0 + w.box.x1) / 2 for w in ws])[:, None]
        cy = np.array([(w.box.y0 + w.box.y1) / 2 for w in ws])[:, None]
        under = ((m[:, 0] <= cx) & (cx <= m[:, 2]) & (m[:, 1] <= cy) & (cy <= m[:, 3])).any(1)
        if any(not _only_labels(ws[i].text, labels) for i in np.flatnonzero(under)):
            problems.append(f"text left under a redaction box on page {page + 1}")
    return problems


def _only_labels(text: str, labels: set[str]) -> bool:
    """Overlapping boxes print their labels over each other: "5.1.2e5.1.2e" is one word."""
    for label in sorted((lb for lb in labels if lb), key=len, reverse=True):
        text = text.replace(label, "")
    return not text.strip()


def _side_channels(path: str, removed: list[str]) -> list[str]:
    problems = []
    doc = pymupdf.open(path)
    try:
        meta = " ".join(v for v in (doc.metadata or {}).values() if isinstance(v, str))
        xmp = doc.get_xml_metadata() or ""
        toc = " ".join(str(e[1]) for e in doc.get_toc())
        for where, blob in (("metadata", meta), ("XMP metadata", xmp), ("bookmarks", toc)):
            nb = " ".join(blob.split())
            if any(find_all(nb, removed).values()):
                problems.append(f"removed text found in {where}")
        if xmp.strip():
            problems.append("XMP metadata present")
        if doc.embfile_count():
            problems.append(f"{doc.embfile_count()} embedded file(s) left")
        for page in doc:
            kinds = [a.type[1] for a in page.annots() or []]
            if kinds:
                problems.append(f"page {page.number + 1}: annotations left ({', '.join(kinds)})")
            if list(page.widgets() or []):
                problems.append(f"page {page.number + 1}: form fields left")
    finally:
        doc.close()
    return problems


ExtractFn = Callable[[str], Document]
