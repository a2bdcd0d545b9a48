"""Extract: PDF → Document (words with boxes in reading order, detection text, char→word map).

PyMuPDF's ``get_text("words")`` is the hot path (~3 ms/page); its ``sort=True`` is several
times slower than ordering the tuples ourselves, so reading order is computed here from the
block and line numbers it reports.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from operator import itemgetter

import numpy as np
import pymupdf

from . import hidden
from .errors import BadInput
from .model import Box, Document, ImageBlock, Page, Word, sha256_file

# Keep ligatures and whitespace as written; do not clip to the mediabox, so text placed
# outside the visible page (a classic hiding place) is still seen and can be detected. Read
# the glyphs a reader sees, not an ActualText written over them (which could say anything;
# hygiene removes ActualText from the output).
WORD_FLAGS = (pymupdf.TEXT_PRESERVE_LIGATURES | pymupdf.TEXT_PRESERVE_WHITESPACE
              | pymupdf.TEXT_IGNORE_ACTUALTEXT)

# A page with fewer characters than this in its text layer but with images on it is treated
# as a scan that needs OCR.
MIN_TEXT_CHARS = 20
# A page that images cover this much, with no more visible text than a stamp, is a scan even
# when it carries an invisible OCR layer: that layer's word boxes need not match the printed
# letters (on released VWS scans they are two thirds of the letters' height), so boxes made
# from it leave letters half visible. Such pages are read by our OCR instead.
SCAN_COVER = 0.8
MAX_STAMP_CHARS = 200


@dataclass(slots=True)
class Limits:
    max_pages: int = 5000
    max_bytes: int = 500 * 1024 * 1024
    # An image beyond this many pixels is refused before anything decodes it: removing
    # pixels under a box needs the whole image in memory (3 bytes a pixel, twice).
    max_image_pixels: int = 200_000_000


def open_pdf(path: str, limits: Limits | None = None) -> pymupdf.Document:
    """Open a PDF or raise BadInput with a reason a Woo officer can act on."""
    limits = limits or Limits()
    try:
        size = os.path.getsize(path)
    except OSError as e:
        raise BadInput("unreadable", f"cannot read file: {e.strerror}") from e
    if size == 0:
        raise BadInput("empty", "file is empty (0 bytes)")
    if size > limits.max_bytes:
        raise BadInput("too_large", f"file is {size} bytes, limit is {limits.max_bytes}")
    with open(path, "rb") as f:
        head = f.read(1024)
    if b"%PDF-" not in head:
        raise BadInput("not_pdf", "not a PDF (no %PDF- header)")
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as e:  # MuPDF raises several types for broken files
        raise BadInput("corrupt", f"cannot open PDF: {e}") from e
    if doc.needs_pass:
        doc.close()
        raise BadInput("encrypted", "PDF is password-protected; decrypt it before redaction")
    # A damaged cross-reference table that MuPDF rebuilt is fine to read: everything after
    # works on what MuPDF reads, and the output is proved on its own bytes. ``extract`` says
    # so in the document's notes.
    if doc.page_count == 0:
        doc.close()
        raise BadInput("no_pages", "PDF has no pages")
    if doc.page_count > limits.max_pages:
        n = doc.page_count
        doc.close()
        raise BadInput("too_many_pages", f"PDF has {n} pages, limit is {limits.max_pages}")
    try:
        hidden.remove_hidden_layers(doc)
    except BadInput:
        doc.close()
        raise
    except Exception as e:
        doc.close()
        raise BadInput("corrupt", f"cannot read the document's layers: {e}") from e
    return doc


def page_words(page: pymupdf.Page,
               textpage: pymupdf.TextPage | None = None) -> list[Word]:
    """The page's text-layer words in reading order."""
    if textpage is None:
        textpage = page.get_textpage(clip=pymupdf.INFINITE_RECT(), flags=WORD_FLAGS)
    raw = page.get_text("words", textpage=textpage)
    if not raw:
        return []
    idx = page.number
    blocks: dict[int, list[tuple]] = {}
    for w in raw:
        if w[4].strip():
            blocks.setdefault(w[5], []).append(w)
    for ws in blocks.values():
        ws.sort(key=_LINE_AND_WORD)  # MuPDF's own order already; a sorted list costs one pass
    ordered = order_blocks({b: _bbox(ws) for b, ws in blocks.items()}, page.rect.width)
    return [Word(w[4], Box(idx, w[0], w[1], w[2], w[3]), b, w[6])
            for b in ordered for w in blocks[b]]


_LINE_AND_WORD = itemgetter(6, 7)


def _bbox(words: list[tuple]) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = list(zip(*words))[:4]
    return (min(x0), min(y0), max(x1), max(y1))


def order_blocks(bboxes: dict[int, tuple[float, float, float, float]], width: float) -> list[int]:
    """Reading order of text blocks: tables row by row, two-column text column by column.

    Blocks that straddle the middle of the page split it into bands; inside a band, blocks
    wholly left and wholly right of the middle are either table cells (their tops line up:
    read row-major) or two text columns (read the left column, then the right).
    """
    mid = width / 2
    spanning = sorted((b for b, r in bboxes.items() if r[0] < mid - 12 and r[2] > mid + 12),
                      key=lambda b: bboxes[b][1])
    rest = [b for b in bboxes if b not in set(spanning)]
    order: list[int] = []
    bands: list[tuple[float, float, int | None]] = []
    top = float("-inf")
    for b in spanning:
        bands.append((top, bboxes[b][1], b))
        top = bboxes[b][1]
    bands.append((top, float("inf"), None))
    for lo, hi, span_block in bands:
        inside = [b for b in rest if lo <= bboxes[b][1] < hi]
        order.extend(_order_band(inside, bboxes, mid))
        if span_block is not None:
            order.append(span_block)
    return order


def _order_band(blocks: list[int], bboxes: dict, mid: float) -> list[int]:
    def row_major(bs: list[int]) -> list[int]:
        return sorted(bs, key=lambda b: (round(bboxes[b][1] / 3), bboxes[b][0]))

    left = [b for b in blocks if bboxes[b][2] <= mid + 12]
    right = [b for b in blocks if b not in set(left)]
    if len(left) < 2 or len(right) < 2:
        return row_major(blocks)
    left_tops = [bboxes[b][1] for b in left]
    aligned = sum(1 for b in right if any(abs(bboxes[b][1] - t) < 2.5 for t in left_tops))
    if aligned >= 0.6 * len(right):
        return row_major(blocks)  # a table: cells of one row share their top edge
    return row_major(left) + row_major(right)


def page_images(page: pymupdf.Page,
                textpage: pymupdf.TextPage | None = None) -> list[ImageBlock]:
    """Where images are drawn on the page (inline images and images in forms included)."""
    if textpage is None:
        textpage = page.get_textpage(clip=pymupdf.INFINITE_RECT(),
                                     flags=WORD_FLAGS | pymupdf.TEXT_PRESERVE_IMAGES)
    out = []
    for b in page.get_text("blocks", textpage=textpage):
        if b[6] != 1:
            continue
        r = pymupdf.Rect(b[:4]) & page.rect
        if not r.is_empty:
            out.append(ImageBlock(Box(page.number, r.x0, r.y0, r.x1, r.y1)))
    return out


def needs_ocr(page: Page) -> bool:
    """No (or negligible) text layer, but an image that covers a real part of the page."""
    chars = sum(len(w.text) for w in page.words)
    if chars >= MIN_TEXT_CHARS:
        return False
    area = page.width * page.height or 1.0
    covered = sum((i.box.x1 - i.box.x0) * (i.box.y1 - i.box.y0) for i in page.images)
    return covered / area > 0.2


def is_scan(p: pymupdf.Page, page: Page) -> bool:
    """Images cover most of the page and its visible text is at most a stamp."""
    area = page.width * page.height or 1.0
    covered = sum((i.box.x1 - i.box.x0) * (i.box.y1 - i.box.y0) for i in page.images)
    if covered / area < SCAN_COVER:
        return False  # born-digital pages stop here, before the slower text trace
    visible = sum(len(s["chars"]) for s in p.get_texttrace()
                  if s["type"] != 3 and s["opacity"] > 0)
    return visible < MAX_STAMP_CHARS


# Words of a place to sign (a closing, a signature column, an official's signing formula):
# only such pages have their vector art read, as listing a page's drawings costs more than
# its words.
SIGNING_CUES = ("groet", "hoogachtend", "handtekening", "ondertekend", "ondertekening",
                "getekend", "paraaf", "parafen", "w.g.", "verbalisant", "regards",
                # a report, declaration or decision signed on behalf of someone
                "namens", "verklaar", "naar waarheid", "akkoord", "aldus", "opgemaakt",
                "inspecteur", "sincerely")
# A stroke drawn like handwriting: this many curves or slanted segments in one path (table
# rules and boxes are rectangles and straight horizontal or vertical lines), no larger
# than a signature.
MIN_HAND_SEGMENTS = 6
MIN_OPEN_STROKE_SEGMENTS = 4
MAX_SKETCH_HEIGHT = 120.0
MAX_SKETCH_WIDTH = 320.0
SKETCH_GAP = 12.0  # strokes this close belong to one signature


def page_sketches(page: pymupdf.Page) -> list[ImageBlock]:
    """Groups of hand-drawn-looking vector strokes on the page."""
    boxes = []
    for path in page.get_cdrawings():
        hand = sum(1 for it in path["items"] if it[0] == "c" or (
            it[0] == "l" and abs(it[1][0] - it[2][0]) > 0.3 and abs(it[1][1] - it[2][1]) > 0.3))
        # a short open pen stroke counts too: a closed or filled one is a shape (a circle
        # is four curves) or a logo
        if hand >= MIN_HAND_SEGMENTS or (hand >= MIN_OPEN_STROKE_SEGMENTS
                                         and path.get("type") == "s" and not _closed(path)):
            boxes.append(list(path["rect"]))
    groups: list[list[float]] = []
    for b in sorted(boxes, key=lambda r: (r[1], r[0])):
        for g in groups:
            if (b[0] <= g[2] + SKETCH_GAP and g[0] <= b[2] + SKETCH_GAP
                    and b[1] <= g[3] + SKETCH_GAP and g[1] <= b[3] + SKETCH_GAP):
                g[:] = [min(g[0], b[0]), min(g[1], b[1]), max(g[2], b[2]), max(g[3], b[3])]
                break
        else:
            groups.append(b)
    return [ImageBlock(Box(page.number, g[0], g[1], g[2], g[3])) for g in groups
            if g[3] - g[1] <= MAX_SKETCH_HEIGHT and g[2] - g[0] <= MAX_SKETCH_WIDTH]


def _closed(path: dict) -> bool:
    """A path that ends where it starts (or says it closes): a shape, not a pen stroke."""
    items = path["items"]
    if path.get("closePath") or not items or items[0][0] not in "lc" or items[-1][0] not in "lc":
        return True  # rectangles and quads are shapes
    a, b = items[0][1], items[-1][-1]
    return abs(a[0] - b[0]) < 0.5 and abs(a[1] - b[1]) < 0.5


def _has_signing_cue(words: list[Word]) -> bool:
    # plain substrings of the lower-cased page: a case-insensitive regex alternation cannot
    # skip ahead and cost half a millisecond a page
    low = "\n".join([w.text for w in words]).lower()
    return any(cue in low for cue in SIGNING_CUES)


OcrFn = Callable[[pymupdf.Page], list[Word]]
PageCheck = Callable[[pymupdf.Page, Page], None]


def extract(path: str, *, ocr: OcrFn | None = None, limits: Limits | None = None,
            sha256: str | None = None, force_ocr: frozenset[int] = frozenset(),
            check: PageCheck | None = None, reuse: Document | None = None,
            read: Collection[int] = ()) -> Document:
    """Open, read every page, OCR pages that need it (if an OCR function is given).

    Pages that need OCR but got none keep ``ocr=False`` and no words; the pipeline refuses
    such documents rather than pass unread pages through. ``force_ocr`` pages are OCR'd even
    with a text layer: verification reads a redacted scan, whose only text is the printed
    ground labels, the way the scan was read. ``check`` looks at every other page after its
    words are read and may replace them (see ``hidden.TextCheck``).

    ``reuse``: a reading of the same pages (the input of a redacted output): only the pages
    in ``read`` are read from the file, every other page is ``reuse``'s. A file with another
    number of pages is read in full.
    """
    sha = sha256 or sha256_file(path)
    limits = limits or Limits()
    doc = open_pdf(path, limits)
    try:
        layers = hidden.had_layers(doc)
        if reuse is not None and reuse.page_count != doc.page_count:
            reuse = None
        pages = []
        for number in range(doc.page_count):
            if reuse is not None and number not in read:
                pages.append(reuse.pages[number])
                continue
            pages.append(_read_page(doc[number], ocr, limits, force_ocr, check))
        notes = _notes(doc, layers)
    except BadInput:
        raise
    except Exception as e:
        raise BadInput("corrupt", f"cannot read page content: {e}") from e
    finally:
        doc.close()
    out = build_document(path, sha, pages)
    out.notes = notes
    return out


def _read_page(p: pymupdf.Page, ocr: OcrFn | None, limits: Limits,
               force_ocr: frozenset[int], check: PageCheck | None) -> Page:
    _check_content(p)
    _check_images(p, limits)
    # one text page for words and images: building it is most of the cost of a page
    tp = p.get_textpage(clip=pymupdf.INFINITE_RECT(),
                        flags=WORD_FLAGS | pymupdf.TEXT_PRESERVE_IMAGES)
    page = Page(p.number, p.rect.width, p.rect.height, page_words(p, tp), page_images(p, tp))
    del tp
    if ocr is not None and (p.number in force_ocr or needs_ocr(page) or is_scan(p, page)):
        page.words = ocr(p)
        page.ocr = True
    else:
        if check is not None:
            check(p, page)
        if not page.ocr and _has_signing_cue(page.words):
            page.sketches = page_sketches(p)
    return page


def _check_content(page: pymupdf.Page) -> None:
    """A page whose content streams are missing (a truncated file MuPDF rebuilt) would be
    released incomplete: refuse it."""
    doc = page.parent
    for xref in page.get_contents():
        if not (0 < xref < doc.xref_length() and doc.xref_is_stream(xref)):
            raise BadInput("corrupt", f"the file is damaged: page {page.number + 1} refers to "
                           "content that is missing (a truncated or broken file)")


def _check_images(page: pymupdf.Page, limits: Limits) -> None:
    for img in page.get_images():
        w, h = img[2], img[3]
        if w * h > limits.max_image_pixels:
            raise BadInput("image_too_large", f"page {page.number + 1} holds an image of "
                           f"{w} x {h} pixels, over the limit of "
                           f"{limits.max_image_pixels // 1_000_000} megapixels")


def _notes(doc: pymupdf.Document, layers: bool) -> list[str]:
    notes = []
    if doc.is_repaired:
        notes.append(f"the file's cross-reference table was damaged and has been rebuilt; "
                     f"{doc.page_count} page(s) read: compare with the original")
    if doc.version_count > 1:
        notes.append(f"the file held {doc.version_count} revisions (incremental updates); "
                     "only the last one is released")
    if layers:
        notes.append("layers that were switched off have been removed, the others merged "
                     "into the page")
    return notes


# Lower-case name parts that open the second half of a double surname ("De Jong-van
# Leeuwen"): after a line-end hyphen they start a name, not the rest of a broken word.
_SURNAME_LEADS = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "het", "in", "op",
                            "uit", "von", "du", "da", "le", "la", "el", "al"})


def _soft_hyphen(prev: str, nxt: str, after: str | None = None) -> bool:
    """A line-wrap hyphen inside a word ("rijks-" + "overheid") that is not part of it.

    Before an upper-case letter or a digit the hyphen is kept ("Noord-Holland",
    "Jansen-El Amrani", "09/123456-23"), and so it is before an interfix that a capitalised
    word follows ("de Jong-" + "van Leeuwen"). ``after`` is the word after ``nxt``.
    """
    if not (len(prev) > 1 and prev[-2].isalpha() and nxt[:1].islower()):
        return False
    return not (nxt in _SURNAME_LEADS and after is not None and after[:1].isupper())


def _joins(prev: str) -> bool:
    """Does a word ending in a hyphen continue on the next line ("09/123456-" + "23")?
    A dash that stands alone ("--", "–") is no part of a word."""
    return len(prev) > 1 and prev[-2].isalnum()


def build_document(path: str, sha: str, pages: list[Page]) -> Document:
    """Join words into the detection text: spaces within a line, newlines between lines and
    blocks and pages; a hyphen at a line end is joined to the next line's first word."""
    words: list[Word] = [w for p in pages for w in p.words]
    parts: list[str] = []
    word_start: list[int] = []
    word_len: list[int] = []
    pos = 0
    prev: Word | None = None
    for i, w in enumerate(words):
        text = w.text
        if prev is not None:
            same_line = (prev.box.page == w.box.page and prev.block == w.block
                         and prev.line == w.line)
            wrap = not same_line and prev.text.endswith("-")
            if wrap and _soft_hyphen(prev.text, text,
                                     words[i + 1].text if i + 1 < len(words) else None):
                # drop the wrap hyphen of the previous word: it was already emitted
                parts[-1] = parts[-1][:-1]
                word_len[-1] -= 1
                pos -= 1
                sep = ""
            elif wrap and _joins(prev.text):
                sep = ""  # hyphen kept, words joined: "09/123456-" + "23"
            else:
                sep = " " if same_line else "\n"
            if sep:
                parts.append(sep)
                pos += 1
        word_start.append(pos)
        word_len.append(len(text))
        parts.append(text)
        pos += len(text)
        prev = w
    text = "".join(parts)
    return Document(path=path, sha256=sha, pages=pages, words=words, text=text,
                    char_word=_char_words(len(text), word_start, word_len),
                    word_start=word_start, word_text_len=word_len)


def _char_words(n: int, starts: list[int], lengths: list[int]) -> array:
    """The char -> word map: each word's index over its characters, -1 between words. A
    typed array: one 4-byte slot a character instead of a pointer (a 500-page dossier has
    over a million characters), filled in one vectorised step."""
    out = np.full(n, -1, dtype=np.int32)
    if starts:
        lens = np.asarray(lengths, dtype=np.int64)
        firsts = np.asarray(starts, dtype=np.int64)
        total = int(lens.sum())
        # position of every word character: its word's start plus its place in the word
        within = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(lens) - lens, lens)
        out[np.repeat(firsts, lens) + within] = np.repeat(
            np.arange(len(starts), dtype=np.int32), lens)
    cw = array("i")
    cw.frombytes(out.astype(np.dtype("i"), copy=False).tobytes())
    return cw


def span_boxes(doc: Document, start: int, end: int) -> list[tuple[int, int, int]]:
    """Words a text span touches, as (word index, first char, end char) within each word."""
    out: list[tuple[int, int, int]] = []
    seen = set()
    for i in doc.char_word[start:end]:
        if i < 0 or i in seen:
            continue
        seen.add(i)
        ws = doc.word_start[i]
        a = max(start, ws) - ws
        b = min(end, ws + doc.word_text_len[i]) - ws
        if b > a:
            out.append((i, a, b))
    return out


def boxes_for_span(doc: Document, start: int, end: int) -> list[Box]:
    """Boxes covering a text span: one rectangle per line run of words (redaction costs per
    rectangle, so consecutive words of one line are merged); a partly covered word gets the
    covered fraction of its box, estimated from character positions."""
    out: list[Box] = []
    last_key = None
    for i, a, b in span_boxes(doc, start, end):
        w = doc.words[i]
        n = max(doc.word_text_len[i], 1)
        box = w.box
        if a > 0 or b < n:
            # Glyph widths differ, so pad half a character on each cut side: losing a colon
            # next to a number is better than leaving its last digit readable.
            width = box.x1 - box.x0
            ch = width / len(w.text)
            x0 = box.x0 + ch * a - (ch / 2 if a > 0 else 0)
            x1 = box.x0 + ch * b + (ch / 2 if b < n else 0)
            box = Box(box.page, max(box.x0, x0), box.y0, min(box.x1, x1), box.y1)
        key = (w.box.page, w.block, w.line)
        if out and key == last_key:
            out[-1] = out[-1].union(box)
        else:
            out.append(box)
        last_key = key
    return out


def page_spans(doc: Document) -> list[tuple[int, int]]:
    """Char range [start, end) of each page in the detection text (empty pages: (p, p))."""
    spans = []
    pos = 0
    i = 0
    for page in doc.pages:
        n = len(page.words)
        if n == 0:
            spans.append((pos, pos))
            continue
        s = doc.word_start[i]
        e = doc.word_start[i + n - 1] + doc.word_text_len[i + n - 1]
        spans.append((s, e))
        pos = e
        i += n
    return spans
