"""Verify: reopen the written output and prove that what was removed is gone.

A document only reaches the output folder when this finds no problem; otherwise it is
quarantined with the problems as its reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pymupdf

from . import hygiene
from .extract import span_boxes
from .model import Box, Document
from .occurrences import Expected, OccurrenceIndex, index_of
from .redact import Mark


def verify_output(path: str, out_doc: Document, expected: dict[str, Expected],
                  marks: Iterable[Mark], labels: set[str]) -> list[str]:
    """Problems found in the output, empty when it is clean.

    ``expected`` maps each removed string to how often it may still occur (the occurrences
    the policy or a reviewer kept on purpose, e.g. an office holder of the same surname) and
    where it stood in the input. ``out_doc`` is the re-extraction of ``path``.
    """
    marks = list(marks)
    problems = readable_removed_text(out_doc, expected, marks)
    problems.extend(_text_under_marks(out_doc, marks, labels))
    problems.extend(_strokes_under_marks(out_doc, marks))
    problems.extend(_side_channels(path, list(expected)))
    # the written bytes, object by object: no removed string, no forbidden structure
    problems.extend(hygiene.prove(path, {s: n for s, (n, _places) in expected.items()}))
    return problems


def readable_removed_text(out_doc: Document, expected: dict[str, Expected],
                          marks: list[Mark]) -> list[str]:
    """Removed strings that occur in the output more often than they were kept."""
    problems = []
    index = index_of(out_doc.text)
    for s, (limit, places) in expected.items():
        n = sum(1 for a, b in index.find(s) if _counts(out_doc, a, b, places, marks))
        if n > limit:
            problems.append(f"removed text still readable {n - limit}x: {_hint(s)}")
    return problems


# Boxes closer than this (points) are the same place on a scan read twice.
SAME_PLACE = 2.0


def _counts(out_doc: Document, a: int, b: int, places: list[Box], marks: list[Mark]) -> bool:
    """Does this occurrence in the output count against the removed string?

    On a text layer every occurrence does. On a scan the pixels outside our boxes are the
    input's own, unchanged: OCR reads them a little differently each time ("Van:" once,
    "Vor:" the next), so a reading of unchanged pixels where the input read something else is
    no leak. There only occurrences where the string stood in the input, or under a box,
    count.
    """
    words = [out_doc.words[i] for i, _x, _y in span_boxes(out_doc, a, b)]
    if not any(w.source == "ocr" for w in words):
        return True
    near = places + [m.box for m in marks]
    return any(_meets(w.box, p) for w in words for p in near)


def _meets(a: Box, b: Box) -> bool:
    return (a.page == b.page and a.x0 < b.x1 + SAME_PLACE and b.x0 < a.x1 + SAME_PLACE
            and a.y0 < b.y1 + SAME_PLACE and b.y0 < a.y1 + SAME_PLACE)


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
    """Pages where a letter or digit can still be read under one of our boxes.

    Punctuation that a box half covers (the "(" before a phone number) and the ground labels
    we print in the boxes are no text left behind. On a text layer a word's letters are
    placed evenly across its box and each is tested; an OCR'd word counts when most of its
    box lies under boxes.
    """
    by_page = _by_page(marks)
    problems = []
    for page in out_doc.pages:
        rects = by_page.get(page.index)
        if rects and page.words and _page_text_under(page.words, np.array(rects), labels):
            problems.append(f"text left under a redaction box on page {page.index + 1}")
    return problems


# Words tested against a page's boxes at once (bounds the words x boxes matrix).
WORDS_AT_ONCE = 2048


def _page_text_under(words: list, m: np.ndarray, labels: set[str]) -> bool:
    """Does a readable character of one of the page's words lie under a box? The words
    that touch no box are sorted out for the whole page at once."""
    for lo in range(0, len(words), WORDS_AT_ONCE):
        chunk = words[lo:lo + WORDS_AT_ONCE]
        wb = np.array([w.box.rect for w in chunk])
        hit = ((m[None, :, 0] < wb[:, None, 2]) & (wb[:, None, 0] < m[None, :, 2])
               & (m[None, :, 1] < wb[:, None, 3]) & (wb[:, None, 1] < m[None, :, 3]))
        for k in np.flatnonzero(hit.any(axis=1)):
            w = chunk[k]
            readable = _readable_chars(w.text, labels)
            if not readable:
                continue
            b = w.box
            touching = m[hit[k]]
            if w.source == "ocr":
                under = _covered_share(b, touching) > 0.5
            else:
                step = (b.x1 - b.x0) / max(len(w.text), 1)
                cy = (b.y0 + b.y1) / 2
                xs = np.array([b.x0 + (j + 0.5) * step for j in readable])[:, None]
                under = bool(((touching[:, 0] <= xs) & (xs <= touching[:, 2])
                              & (touching[:, 1] <= cy) & (cy <= touching[:, 3])).any())
            if under:
                return True
    return False


def _by_page(marks: Iterable[Mark]) -> dict[int, list[tuple[float, float, float, float]]]:
    out: dict[int, list[tuple[float, float, float, float]]] = {}
    for m in marks:
        out.setdefault(m.box.page, []).append(m.box.rect)
    return out


def _readable_chars(text: str, labels: set[str]) -> list[int]:
    """Positions of the letters and digits in a word that are not part of a printed label
    (overlapping boxes print their labels over each other: "5.1.2e5.1.2e" is one word)."""
    hidden = [False] * len(text)
    for label in sorted((lb for lb in labels if lb), key=len, reverse=True):
        start = text.find(label)
        while start >= 0:
            for k in range(start, start + len(label)):
                hidden[k] = True
            start = text.find(label, start + len(label))
    return [k for k, ch in enumerate(text) if ch.isalnum() and not hidden[k]]


def _covered_share(b: Box, rects: np.ndarray) -> float:
    """Share of the box's area under the rectangles (overlaps between them counted once
    at most by capping at the whole)."""
    area = max((b.x1 - b.x0) * (b.y1 - b.y0), 1e-6)
    w = np.clip(np.minimum(rects[:, 2], b.x1) - np.maximum(rects[:, 0], b.x0), 0, None)
    h = np.clip(np.minimum(rects[:, 3], b.y1) - np.maximum(rects[:, 1], b.y0), 0, None)
    return min(float((w * h).sum()) / area, 1.0)


def _side_channels(path: str, removed: list[str]) -> list[str]:
    problems = []
    doc = pymupdf.open(path)
    try:
        meta = " ".join(v for v in (doc.metadata or {}).values() if isinstance(v, str))
        xmp = doc.get_xml_metadata() or ""
        toc = " ".join(str(e[1]) for e in doc.get_toc())
        for where, blob in (("metadata", meta), ("XMP metadata", xmp), ("bookmarks", toc)):
            nb = " ".join(blob.split())
            if any(OccurrenceIndex(nb).find_all(removed).values()):
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
