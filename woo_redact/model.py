"""Typed document model shared by every stage.

Coordinates are PDF points in PyMuPDF's convention (origin top-left, y grows down), so a
box can be handed to PyMuPDF without conversion.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

Action = Literal["redact", "propose", "keep"]
Status = Literal["proposed", "accepted", "rejected"]


# A value, never changed once made; not frozen only because a frozen dataclass costs three
# times as much to construct, and extraction makes one box per word, three times a page.
@dataclass(slots=True, unsafe_hash=True)
class Box:
    page: int  # 0-based page index
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def rect(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)

    def union(self, other: Box) -> Box:
        return Box(self.page, min(self.x0, other.x0), min(self.y0, other.y0),
                   max(self.x1, other.x1), max(self.y1, other.y1))

    def to_dict(self) -> dict:
        return {"page": self.page, "x0": round(self.x0, 2), "y0": round(self.y0, 2),
                "x1": round(self.x1, 2), "y1": round(self.y1, 2)}

    @classmethod
    def from_dict(cls, d: dict) -> Box:
        return cls(int(d["page"]), float(d["x0"]), float(d["y0"]), float(d["x1"]), float(d["y1"]))


@dataclass(slots=True)
class Word:
    text: str
    box: Box
    block: int
    line: int
    source: str = "text"  # "text" (PDF text layer) or "ocr"
    conf: float | None = None  # OCR confidence, 0-100; None on the text layer


@dataclass(slots=True)
class ImageBlock:
    """An image placed on a page (signature candidates, scans)."""
    box: Box


@dataclass(slots=True)
class Page:
    index: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    images: list[ImageBlock] = field(default_factory=list)
    ocr: bool = False  # words come from OCR, not from the text layer
    # released as an image of the page: its text layer does not say what the page shows
    raster: bool = False
    # vector strokes drawn like handwriting (a signature drawn with a pen tool), read only on
    # pages that have a place to sign
    sketches: list[ImageBlock] = field(default_factory=list)
    # words not as the text layer gives them (rebuilt from glyph positions, or read by OCR
    # after a check): a re-reading of the file would not give these words back
    rebuilt: bool = False


@dataclass(slots=True)
class Document:
    """A PDF's text in reading order plus a char -> word map.

    ``text`` is what detectors see. ``char_word[i]`` is the index in ``words`` of the word
    that produced ``text[i]``, or -1 for separators we inserted (spaces, newlines). A
    hyphenated line wrap is joined in ``text`` so that a name or number split over two lines
    is one string for the detectors, while its characters still map to both words.
    """
    path: str
    sha256: str
    pages: list[Page]
    words: list[Word]
    text: str
    char_word: Sequence[int]  # an array('i') from extraction
    word_start: list[int]  # offset in text of each word's first char (-1 if not in text)
    word_text_len: list[int]  # chars of the word that appear in text (a dropped soft hyphen is not)
    # What the reader of the log should know about how the file was read (a repaired
    # cross-reference table, hidden content removed); never removed text.
    notes: list[str] = field(default_factory=list)

    @property
    def page_count(self) -> int:
        return len(self.pages)


# Detector suffix of a name the NER read in poorly OCR'd words: a proposal, never redacted
# (or spread) unseen.
LOW_OCR = ":low-ocr"
# Values that identify no one on their own ("Schiedam", "Poolse"): personal only where the
# text ties them to someone, so their other occurrences are not removed with them.
CONTEXTUAL_TYPES = frozenset({"PLACE_OF_BIRTH", "NATIONALITY"})


@dataclass(slots=True)
class Finding:
    """One detected span with where it is, who found it, and what policy decided."""
    entity_type: str
    start: int
    end: int
    text: str
    score: float
    detector: str
    boxes: list[Box] = field(default_factory=list)
    ground: str | None = None
    action: Action | None = None
    reason: str = ""  # why policy decided so (e.g. "office holder", "allow list")
    status: Status = "proposed"
    id: str = ""
    reviewer: str | None = None
    decided_at: str | None = None
    # what the detector saw, for the reviewer and the internal log only: it may quote the
    # removed text ("cue 'burn-out' about someone named in the passage")
    explanation: str = ""

    @property
    def pages(self) -> list[int]:
        return sorted({b.page for b in self.boxes})

    def assign_id(self, doc_sha256: str) -> None:
        key = f"{doc_sha256}:{self.entity_type}:{self.start}:{self.end}:{self.text}"
        self.id = hashlib.sha1(key.encode()).hexdigest()[:12]


def sha256_file(path: str, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()
