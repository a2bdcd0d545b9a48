"""Hidden content: what a parser, a copy-paste or a search engine can get from a page but a
reader does not see, or the reverse.

* Layers that are switched off: their content is removed when the input is opened, and the
  layers are dissolved, so that extraction, redaction and the output all see the one page a
  reader sees by default (``remove_hidden_layers``).
* Text a reader cannot see (invisible rendering, fully transparent, the colour of what lies
  beneath, clipped away, under an opaque image, off the page) is extracted and detected like
  any text; what detection does not flag is removed from the output too
  (``remove_hidden_text``), except a scan's OCR layer over its image.
* Text whose characters the file does not give (glyphs without a Unicode mapping, or mapped
  to the wrong letters) or gives in an order no reader sees (glyph by glyph, shuffled): the
  page is compared with OCR of its rendering and, when they disagree, read and released as a
  scan (``TextCheck``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pymupdf

from . import pdfobjects as po
from . import pdfsyntax as ps
from .errors import BadInput


# -- layers that are off ------------------------------------------------------------------------
@dataclass(slots=True)
class _Layers:
    doc: pymupdf.Document
    on: dict[int, bool]  # OCG xref → shown by default
    cache: dict[int, bool] = field(default_factory=dict)

    def visible(self, xref: int, depth: int = 0) -> bool:
        """Is content marked with this OCG or membership dictionary shown by default?"""
        if xref in self.cache:
            return self.cache[xref]
        self.cache[xref] = True  # a cycle counts as shown: the caller's other checks decide
        kind = po.type_of(self.doc, xref)
        if kind == "OCMD" and depth < 16:
            shown = self._membership(xref, depth)
        else:
            shown = self.on.get(xref, True)
        self.cache[xref] = shown
        return shown

    def _membership(self, xref: int, depth: int) -> bool:
        doc = self.doc
        kind, ve = doc.xref_get_key(xref, "VE")
        if kind == "array":
            return self._expression(ve, depth)
        kind, value = doc.xref_get_key(xref, "OCGs")
        members = po.refs(value) if kind in ("array", "xref") else []
        if not members:
            return True
        states = [self.visible(m, depth + 1) for m in members]
        policy = doc.xref_get_key(xref, "P")[1].lstrip("/") or "AnyOn"
        return {"AllOn": all(states), "AnyOff": not all(states),
                "AllOff": not any(states)}.get(policy, any(states))

    def _expression(self, text: str, depth: int) -> bool:
        """A visibility expression, e.g. [/And 5 0 R [/Not 6 0 R]]."""
        parsed = ps.parse(text.encode("latin-1") + b" x")
        if not parsed or not parsed[0].operands:
            return True
        return self._eval(_resolve_refs(parsed[0].operands[0]), depth)

    def _eval(self, node, depth: int) -> bool:
        if isinstance(node, int):
            return self.visible(node, depth + 1)
        if not isinstance(node, list) or not node or depth > 16:
            return True
        op, args = str(node[0]), [self._eval(a, depth + 1) for a in node[1:]]
        if op == "Not":
            return not args[0] if args else True
        if op == "And":
            return all(args)
        if op == "Or":
            return any(args)
        return True


def _resolve_refs(items):
    """``5 0 R`` parsed as 5, 0, R → 5."""
    if not isinstance(items, list):
        return items
    out, i = [], 0
    while i < len(items):
        v = items[i]
        if (isinstance(v, int) and i + 2 < len(items) and isinstance(items[i + 1], int)
                and items[i + 2] == b"R"):
            out.append(v)
            i += 3
            continue
        out.append(_resolve_refs(v))
        i += 1
    return out


def has_layers(doc: pymupdf.Document) -> bool:
    return doc.xref_get_key(doc.pdf_catalog(), "OCProperties")[0] != "null"


# Set on a document whose layers ``remove_hidden_layers`` dissolved, so the notes can say so.
_DISSOLVED = "woo_redact_layers_dissolved"


def had_layers(doc: pymupdf.Document) -> bool:
    return bool(getattr(doc, _DISSOLVED, False))


def remove_hidden_layers(doc: pymupdf.Document) -> int:
    """Remove what layers that are off by default would draw, then dissolve all layers (the
    rest is drawn unconditionally). Returns how many content streams were changed.

    Raises BadInput when a stream with hidden content cannot be parsed: leaving it would keep
    content nobody reviewed."""
    if not has_layers(doc):
        return 0
    layers = _Layers(doc, {x: bool(v.get("on", True)) for x, v in doc.get_ocgs().items()})
    changed = 0
    hidden_forms = {x for x in _form_xobjects(doc) | _images(doc)
                    if _oc_of(doc, x) and not layers.visible(_oc_of(doc, x))}
    for page in doc:
        changed += _filter_page(doc, page, layers, hidden_forms)
    for xref in _form_xobjects(doc):
        changed += _filter_stream(doc, xref, xref, layers, hidden_forms)
    po.delete_key(doc, doc.pdf_catalog(), "OCProperties")
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "OC")[0] != "null":
            po.delete_key(doc, xref, "OC")
    setattr(doc, _DISSOLVED, True)
    return changed


def _oc_of(doc: pymupdf.Document, xref: int) -> int:
    kind, value = doc.xref_get_key(xref, "OC")
    return int(value.split()[0]) if kind == "xref" else 0


def _form_xobjects(doc: pymupdf.Document) -> set[int]:
    return {x for x in range(1, doc.xref_length())
            if doc.xref_is_stream(x) and doc.xref_get_key(x, "Subtype")[1] == "/Form"}


def _images(doc: pymupdf.Document) -> set[int]:
    return {x for x in range(1, doc.xref_length())
            if doc.xref_is_stream(x) and doc.xref_get_key(x, "Subtype")[1] == "/Image"}


def _filter_page(doc: pymupdf.Document, page: pymupdf.Page, layers: _Layers,
                 hidden_forms: set[int]) -> int:
    contents = page.get_contents()
    if not contents:
        return 0
    data = b"\n".join(doc.xref_stream(x) or b"" for x in contents)
    new = _filtered(doc, data, page.xref, layers, hidden_forms)
    if new is None:
        return 0
    # one stream: a marked section may open in one content stream and close in the next
    doc.update_stream(contents[0], new)
    if len(contents) > 1:
        doc.xref_set_key(page.xref, "Contents", f"{contents[0]} 0 R")
    return 1


def _filter_stream(doc: pymupdf.Document, xref: int, holder: int, layers: _Layers,
                   hidden_forms: set[int]) -> int:
    data = doc.xref_stream(xref) or b""
    new = _filtered(doc, data, holder, layers, hidden_forms)
    if new is None:
        return 0
    doc.update_stream(xref, new)
    return 1


_MARKS = re.compile(rb"/OC\b|\bDo\b")


def _filtered(doc: pymupdf.Document, data: bytes, holder: int, layers: _Layers,
              hidden_forms: set[int]) -> bytes | None:
    """The stream without what hidden layers draw; None when nothing changes."""
    if not _MARKS.search(data):
        return None
    ops = ps.parse(data)
    if ops is None:
        raise BadInput("unreadable_layers", "a page has content in layers that are off, in a "
                       "content stream that cannot be parsed; it cannot be removed safely")
    props = po.resource_refs(doc, holder, "Properties")
    xobjects = po.resource_refs(doc, holder, "XObject")
    replace: dict[int, bytes | None] = {}
    stack: list[bool] = []
    hidden = 0
    for i, op in enumerate(ops):
        name = op.op
        if name in (b"BMC", b"BDC"):
            h = False
            if name == b"BDC" and len(op.operands) == 2 and op.operands[0] == "OC":
                target = op.operands[1]
                ref = props.get(str(target)) if isinstance(target, ps.Name) else None
                h = bool(ref) and not layers.visible(ref)
                replace[i] = b"/OC BMC"  # no reference to a layer remains
            stack.append(h)
            hidden += h
        elif name == b"EMC":
            if stack and stack.pop():
                hidden -= 1
        elif hidden:
            if name in ps.SHOW_TEXT:
                replace[i] = _advance_only(op)
            elif name in (b"sh", b"Do", b"BI"):
                replace[i] = None
            elif name in ps.PAINT:
                replace[i] = b"n"  # end the path without painting it
        elif name == b"Do" and op.operands and xobjects.get(str(op.operands[-1])) in hidden_forms:
            replace[i] = None
    if not replace:
        return None
    return ps.rebuild(data, ops, replace)


def _advance_only(op: ps.Op) -> bytes | None:
    """What a text-showing operator does besides drawing: ``'`` and ``"`` move to the next
    line (and ``"`` sets the spacing)."""
    if op.op == b"'":
        return b"T*"
    if op.op == b'"' and len(op.operands) == 3:
        return ps.op_bytes(b"Tw", [op.operands[0]]) + b" " + ps.op_bytes(
            b"Tc", [op.operands[1]]) + b" T*"
    return None


# -- text whose characters or order the file does not give -------------------------------------
# A page whose words are mostly single glyphs (at least this many, this share) is read again
# from its characters' positions.
MIN_SINGLE_GLYPHS = 8
SINGLE_GLYPH_SHARE = 0.3
MIN_GLYPH_RUN = 5
# letters of a letter-spaced line stand at most this many glyph heights apart
LETTER_GAP = 1.5
# A page of this many words of three letters or more that are mostly not words of the
# language (too few found in the word list) may carry a font mapped to the wrong letters.
MIN_WORDS_FOR_LANGUAGE = 20
MIN_KNOWN_SHARE = 0.25
SAMPLE_WORDS = 80
# OCR words in the doubtful part of a page of which fewer than this share are in the text
# layer: the layer does not say what the page shows.
MIN_AGREEMENT = 0.5
_DOUBTFUL_CHAR = re.compile("[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]")
_TOKEN = re.compile(r"[^\W_]{3,}")


@dataclass
class TextCheck:
    """Called by extraction on every page read from its text layer (see the module doc).

    ``ocr`` reads a page (None: no OCR here). Pages whose text layer disagrees with what OCR
    reads on them get the OCR words and ``raster``: the output carries an image of the page,
    redacted like a scan, never the misleading text layer.
    """
    ocr: object = None
    _fonts: dict[int, bool] = field(default_factory=dict)

    def __call__(self, p: pymupdf.Page, page) -> None:
        words = page.words
        if not words:
            return
        bands = glyph_bands(words)
        if bands:
            page.words = words = rebuild_bands(p, words, bands)
        regions, strong = self._doubtful(p, words)
        if not regions:
            return
        if self.ocr is None:
            if strong:
                raise BadInput("needs_ocr", f"page {p.number + 1} shows text whose characters "
                               "the file does not give (a font without Unicode mapping), and "
                               "OCR (Tesseract) is not available to read it")
            return  # only a suspicion: nothing to compare it with
        read = self.ocr(p)
        if disagree(words, read, regions):
            page.words, page.ocr, page.raster = read, True, True

    def _doubtful(self, p: pymupdf.Page, words) -> tuple[list[pymupdf.Rect], bool]:
        """Where the text layer may not say what the page shows, and whether that is certain
        (characters extraction could not map) or a suspicion (a font without a Unicode map,
        words mostly not of the language)."""
        regions = []
        if _DOUBTFUL_CHAR.search("".join([w.text for w in words])):
            regions = [pymupdf.Rect(w.box.rect) for w in words
                       if len(w.text) > 1 and _DOUBTFUL_CHAR.search(w.text)]
        if regions:
            return regions, True
        fonts = [f for f in p.get_fonts() if self._unmapped(p.parent, f)]
        if fonts:
            names = {f[3].split("+")[-1] for f in fonts}
            regions = [pymupdf.Rect(s["bbox"]) for s in p.get_texttrace()
                       if s["font"].split("+")[-1] in names]
        if not regions and _foreign(words):
            regions = [pymupdf.Rect(-1e6, -1e6, 1e6, 1e6)]
        return regions, False

    def _unmapped(self, doc: pymupdf.Document, font: tuple) -> bool:
        """A composite font with an identity encoding and no ToUnicode map: extraction can
        only guess its glyphs' characters. (A Type 3 font without one is read through its
        glyph names; where they say nothing, the characters come out unmapped.)"""
        xref = font[0]
        if xref not in self._fonts:
            self._fonts[xref] = bool(xref) and (
                font[2] == "Type0" and font[5].startswith("Identity")
                and doc.xref_get_key(xref, "ToUnicode")[0] == "null")
        return self._fonts[xref]


def glyph_bands(words) -> list[tuple[float, float]]:
    """Vertical bands of the page where its words are single glyphs: a letter-spaced line
    (a run of them), or, on a page that is mostly single glyphs (shuffled), every line that
    holds one. Empty for ordinary pages."""
    singles = [w for w in words if len(w.text) == 1 and w.text.isalnum()]
    if not singles:
        return []
    shuffled = (len(singles) >= MIN_SINGLE_GLYPHS
                and len(singles) >= SINGLE_GLYPH_SHARE * len(words))
    marked: list = []
    run: list = []
    for w in words + [None]:
        single = w is not None and len(w.text) == 1 and w.text.isalnum()
        if single and (not run or shuffled or _spaced_on(run[-1], w)):
            run.append(w)
            continue
        if len(run) >= MIN_GLYPH_RUN or (shuffled and run):
            marked += run
        run = [w] if single else []
    bands: list[list[float]] = []
    for w in sorted(marked, key=lambda w: w.box.y0):
        if bands and w.box.y0 <= bands[-1][1]:
            bands[-1][1] = max(bands[-1][1], w.box.y1)
        else:
            bands.append([w.box.y0, w.box.y1])
    return [(a, b) for a, b in bands]


def _spaced_on(a, b) -> bool:
    """``b`` follows glyph ``a`` as the next letter of a letter-spaced line: on the same line,
    less than LETTER_GAP heights further. A spreadsheet print's column letters ("A  B  C")
    stand columns apart, and the row number below them starts another line."""
    h = max(a.box.y1 - a.box.y0, 1.0)
    return abs(a.box.y0 - b.box.y0) < h / 2 and -h / 2 <= b.box.x0 - a.box.x1 <= LETTER_GAP * h


def rebuild_bands(p: pymupdf.Page, words, bands: list[tuple[float, float]]):
    """The page's words with those in ``bands`` rebuilt from their glyphs' positions."""
    def inside(w) -> bool:
        cy = (w.box.y0 + w.box.y1) / 2
        return any(a - 0.5 <= cy <= b + 0.5 for a, b in bands)

    rebuilt = [w for w in glyph_words(p) if inside(w)]
    at = next((i for i, w in enumerate(words) if inside(w)), len(words))
    kept = [w for w in words if not inside(w)]
    before = sum(1 for w in words[:at] if not inside(w))
    return kept[:before] + rebuilt + kept[before:]


def _foreign(words) -> bool:
    """Mostly not words of the language: a font mapped to the wrong letters reads so."""
    tokens: list[str] = []
    # a sample spread over the page: language reads as language in any part of it
    for w in words[::max(1, len(words) // SAMPLE_WORDS)]:
        if len(w.text) >= 3:
            tokens += [t.lower() for t in _TOKEN.findall(w.text) if not t.isdigit()]
    if len(tokens) < MIN_WORDS_FOR_LANGUAGE:
        return False
    from .gazetteer import load

    known = load().frequencies
    return sum(1 for t in tokens if t in known) < MIN_KNOWN_SHARE * len(tokens)


def disagree(words, read, regions: list[pymupdf.Rect]) -> bool:
    """Does OCR read words in ``regions`` that the text layer does not have?"""
    layer = {t.lower() for w in words for t in _TOKEN.findall(w.text)}
    seen = found = 0
    for w in read:
        cx, cy = (w.box.x0 + w.box.x1) / 2, (w.box.y0 + w.box.y1) / 2
        if not any(r.x0 - 2 <= cx <= r.x1 + 2 and r.y0 - 2 <= cy <= r.y1 + 2 for r in regions):
            continue
        for t in _TOKEN.findall(w.text):
            seen += 1
            found += t.lower() in layer
    return seen > 0 and found < MIN_AGREEMENT * seen


def glyph_words(p: pymupdf.Page):
    """The page's words built from its characters' positions rather than their order in the
    content stream: glyphs placed one by one, shuffled, or spread over a line with wide
    letter spacing read as the words a reader sees."""
    from .extract import WORD_FLAGS
    from .model import Box, Word

    # no spaces made up by MuPDF: between shuffled glyphs it inserts them everywhere
    raw = p.get_text("rawdict", flags=WORD_FLAGS | pymupdf.TEXT_INHIBIT_SPACES,
                     clip=pymupdf.INFINITE_RECT())
    chars, other = [], []
    for block in raw.get("blocks", []):
        for line in block.get("lines", []):
            horizontal = abs(line["dir"][1]) < 1e-3 and line["dir"][0] > 0
            for span in line["spans"]:
                for c in span["chars"]:
                    (chars if horizontal else other).append((c, span["size"]))
    lines: list[list] = []
    for c, size in sorted(chars, key=lambda t: (t[0]["origin"][1], t[0]["origin"][0])):
        y = c["origin"][1]
        if lines and abs(lines[-1][0] - y) <= 0.3 * max(size, 1.0):
            lines[-1][1].append((c, size))
        else:
            lines.append([y, [(c, size)]])
    words = []
    for n, (_, items) in enumerate(lines):
        items.sort(key=lambda t: t[0]["bbox"][0])
        gaps = [b[0]["bbox"][0] - a[0]["bbox"][2] for a, b in zip(items, items[1:])
                if not (a[0]["c"].isspace() or b[0]["c"].isspace())]
        size = max(s for _, s in items)
        positive = sorted(g for g in gaps if g > 0)
        median = positive[len(positive) // 2] if positive else 0.0
        limit = max(0.2 * size, 1.6 * median)
        cur, box = "", None
        for i, (c, _) in enumerate(items):
            ch = c["c"]
            gap = c["bbox"][0] - items[i - 1][0]["bbox"][2] if i else 0.0
            if ch.isspace() or (cur and gap > limit):
                if cur:
                    words.append(Word(cur, Box(p.number, *box), n, n))
                cur, box = "", None
                if ch.isspace():
                    continue
            cur += ch
            b = c["bbox"]
            box = list(b) if box is None else [min(box[0], b[0]), min(box[1], b[1]),
                                               max(box[2], b[2]), max(box[3], b[3])]
        if cur:
            words.append(Word(cur, Box(p.number, *box), n, n))
    # vertical text keeps MuPDF's own grouping
    if other:
        from .extract import page_words

        words += [w for w in page_words(p) if any(
            pymupdf.Rect(w.box.rect).contains(pymupdf.Point(c["origin"])) for c, _ in other)]
    return words


def rasterize(page: pymupdf.Page, dpi: int | None = None) -> None:
    """Replace the page's content by an image of it, rendered as OCR saw it: what is
    redacted afterwards is removed from the pixels, and no misleading text layer remains."""
    from .ocr import DPI, MAX_PIXELS

    doc = page.parent
    turn = page.rotation
    page.set_rotation(0)
    rect = page.rect
    scale = (dpi or DPI) / 72
    if rect.width * rect.height * scale * scale > MAX_PIXELS:
        scale = (MAX_PIXELS / (rect.width * rect.height)) ** 0.5
    pix = page.get_pixmap(matrix=pymupdf.Matrix(scale, scale), annots=False, alpha=False)
    xref = doc.get_new_xref()
    doc.update_object(xref, "<<>>")
    doc.update_stream(xref, b"")
    doc.xref_set_key(page.xref, "Contents", f"{xref} 0 R")
    doc.xref_set_key(page.xref, "Resources", "<<>>")
    page.insert_image(rect, pixmap=pix)
    page.set_rotation(turn)


# -- text no reader sees --------------------------------------------------------------------------
_INVISIBLE_MODE = re.compile(rb"\b[37]\s+Tr\b")
_LIGHT_FILL = re.compile(
    rb"(?:^|[\s\]])(?:(?:0?\.[89]\d*|1(?:\.0*)?)\s+g"
    rb"|(?:(?:0?\.[89]\d*|1(?:\.0*)?)\s+){3}rg"
    rb"|(?:0?\.[01]?\d*\s+|0\s+){4}k"
    rb"|(?:(?:0?\.[89]\d*|1(?:\.0*)?)\s+){1,4}scn?)\b")
_IMAGE = re.compile(rb"\bDo\b|\bBI\b")
_CLIP = re.compile(rb"\bW\*?\s+n\b")
# Ink in a text's box: a pixel this far from the box's median grey.
INK_LEVEL = 40
LIGHT = 0.75  # luminance from which text may be the colour of what lies beneath


@dataclass(slots=True)
class HiddenText:
    rect: pymupdf.Rect
    why: str  # "invisible", "background", "clipped", "covered", "off-page"


def hidden_text(page: pymupdf.Page, words: list) -> list[HiddenText]:
    """Text on the page that a reader does not see, with why; ``words`` are the page's
    extracted words. Costs a few milliseconds on pages whose content could hide text (an
    invisible rendering mode, a light colour, transparency, an image, a clip), next to
    nothing on the others."""
    doc = page.parent
    data = b"\n".join(doc.xref_stream(x) or b"" for x in page.get_contents())
    ax0, ay0, ax1, ay1 = page.rect * page.derotation_matrix
    found: list[HiddenText] = [HiddenText(pymupdf.Rect(w.box.rect), "off-page") for w in words
                               if w.box.x1 <= ax0 or w.box.x0 >= ax1 or w.box.y1 <= ay0
                               or w.box.y0 >= ay1]
    if not data:
        return found
    trace = []
    if _INVISIBLE_MODE.search(data) or _LIGHT_FILL.search(data) or _transparent_state(doc, page):
        trace = page.get_texttrace()
    log = page.get_bboxlog() if _IMAGE.search(data) else []
    images = [pymupdf.Rect(b) for t, b in log if t == "fill-image"]
    for s in trace:
        r = pymupdf.Rect(s["bbox"])
        if r.is_empty:
            continue
        if s["type"] == 3 or s["opacity"] < 0.02:
            if not any(_share(r, im) > 0.5 for im in images):  # not a scan's OCR layer
                found.append(HiddenText(r, "invisible"))
        elif _luminance(s["color"]) >= LIGHT and not _ink(page, r):
            found.append(HiddenText(r, "background"))
    opaque = _opaque_images(page) if log else set()
    for i, (kind, b) in enumerate(log):
        if kind not in ("fill-text", "stroke-text"):
            continue
        r = pymupdf.Rect(b)
        if any(k == "fill-image" and _key(c) in opaque and pymupdf.Rect(c).contains(r)
               for k, c in log[i + 1:]):
            found.append(HiddenText(r, "covered"))
    if _CLIP.search(data):
        found += [HiddenText(r, "clipped") for r in _clipped(page)]
    return found


_FLAGS = (pymupdf.TEXT_PRESERVE_LIGATURES | pymupdf.TEXT_PRESERVE_WHITESPACE
          | pymupdf.TEXT_IGNORE_ACTUALTEXT)


def _key(bbox) -> tuple:
    return tuple(round(v) for v in bbox)


def _opaque_images(page: pymupdf.Page) -> set[tuple]:
    """Boxes of the images drawn without a mask (nothing shows through them)."""
    return {_key(i["bbox"]) for i in page.get_image_info() if not i.get("has-mask")}


def _transparent_state(doc: pymupdf.Document, page: pymupdf.Page) -> bool:
    for x in po.resource_refs(doc, page.xref, "ExtGState").values():
        kind, ca = doc.xref_get_key(x, "ca")
        if kind in ("int", "float") and float(ca) < 0.05:
            return True
    return False


def _share(a: pymupdf.Rect, b: pymupdf.Rect) -> float:
    inter = a & b
    return 0.0 if inter.is_empty else inter.get_area() / max(a.get_area(), 1e-6)


def _luminance(color) -> float:
    if not color:
        return 0.0
    c = list(color)
    if len(c) == 1:
        return c[0]
    if len(c) == 3:
        return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]
    if len(c) == 4:
        return (1 - c[3]) * (1 - max(c[:3]))
    return 0.0


def _ink(page: pymupdf.Page, r: pymupdf.Rect) -> bool:
    """Does the rendered page show anything in ``r``?"""
    clip = r * page.rotation_matrix
    try:
        pix = page.get_pixmap(clip=clip, dpi=96, colorspace=pymupdf.csGRAY, alpha=False,
                              annots=False)
    except Exception:
        return True
    px = sorted(pix.samples)
    if not px:
        return True
    median = px[len(px) // 2]
    return px[-1] - median > INK_LEVEL or median - px[0] > INK_LEVEL


def _clipped(page: pymupdf.Page) -> list[pymupdf.Rect]:
    """Words a clip path hides: read without and with MuPDF's clip test."""
    everything = page.get_text("words", flags=_FLAGS, clip=pymupdf.INFINITE_RECT())
    shown = page.get_text("words", flags=_FLAGS | pymupdf.TEXT_CLIP,
                          clip=pymupdf.INFINITE_RECT())
    if len(shown) == len(everything):
        return []
    seen = {(w[4], round(w[0], 1), round(w[1], 1)) for w in shown}
    return [pymupdf.Rect(w[:4]) for w in everything
            if (w[4], round(w[0], 1), round(w[1], 1)) not in seen]


def remove_hidden_text(page: pymupdf.Page, words: list) -> dict[str, int]:
    """Remove the text a reader does not see (``hidden_text``) where no visible text shares
    its place; returns how many pieces were removed, by why."""
    hidden = hidden_text(page, words)
    if not hidden:
        return {}
    words = [pymupdf.Rect(w.box.rect) for w in words]
    hidden_rects = [h.rect for h in hidden]
    visible = [w + (-1, -1, 1, 1) for w in words
               if not any(_share(w, h) > 0.6 for h in hidden_rects)]
    removed: dict[str, int] = {}
    for h in hidden:
        if any(h.rect.intersects(v) for v in visible):
            continue  # removing it would take visible text along; detection has read it
        page.add_redact_annot(h.rect, fill=False)
        removed[h.why] = removed.get(h.why, 0) + 1
    if removed:
        page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE,
                              graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
                              text=pymupdf.PDF_REDACT_TEXT_REMOVE)
    return removed
