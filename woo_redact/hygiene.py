"""Output hygiene: a released PDF carries its pages and nothing else, and this is proved on the
written file, object by object.

``strip`` runs on the redacted document before it is saved (after MuPDF's own scrub):
whitelists for the catalog and the page tree, then every object loses the keys through which
files leak (XMP, private application data, actions, alternate images, thumbnails...),
marked-content properties that carry text (ActualText, Alt, E) are stripped, JPEG images lose
their comment and EXIF/XMP segments, and the bookmarks are rebuilt with plain page targets.
The save that follows is a full rewrite with garbage collection: no earlier revision, no
unused object.

``prove`` reads the written file back: no forbidden structure, a single revision, every object
reachable from the trailer, and no removed string in the decompressed bytes of any object:
strings of every dictionary decoded (PDFDocEncoding or UTF-16), text-showing operands of every
content stream decoded through their fonts (whole words, as verification counts them), and
a raw search of every other stream for the removed strings long enough to be told from chance
(``MIN_RAW_CHARS``).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable

import pymupdf

from . import pdfobjects as po
from . import pdfsyntax as ps
from .errors import BadInput
from .occurrences import OccurrenceIndex, key

REPLACEMENT = "[gelakt]"
CATALOG_KEEP = frozenset({"Type", "Pages", "Outlines", "PageLayout", "PageMode",
                          "ViewerPreferences", "Lang", "Version", "Extensions",
                          "OutputIntents"})
PAGE_KEEP = frozenset({"Type", "Parent", "Resources", "MediaBox", "CropBox", "BleedBox",
                       "TrimBox", "ArtBox", "Rotate", "Contents", "Group", "UserUnit"})
PAGES_KEEP = frozenset({"Type", "Parent", "Kids", "Count", "Resources", "MediaBox", "CropBox",
                        "Rotate"})
# Keys no object of a release keeps: metadata streams, private data, actions, optional
# content, alternate or proxy images (an unredacted copy), structure references.
DROP_KEYS = ("Metadata", "PieceInfo", "AA", "Alternates", "OPI", "OC", "Ref", "StructParent",
             "StructParents", "Thumb")
PROPERTY_TEXT_KEYS = ("ActualText", "Alt", "E")
# Any of these names in an object of the output is a problem.
FORBIDDEN = re.compile(
    r"/(JS|JavaScript|OpenAction|AA|Launch|URI|SubmitForm|ImportData|GoToR|GoToE|"
    r"EmbeddedFiles?|EF|FileAttachment|AcroForm|XFA|OCProperties|OCGs?|OCMD|Thumb|"
    r"PieceInfo|Metadata|ActualText|Alt|Annots?|Widget|RichMedia|StructTreeRoot|"
    r"Alternates|OPI|Sound|Movie|Rendition|Names|Dests|PageLabels|Collection)\b")
MIN_RAW_CHARS = 8
MAX_SCAN_BYTES = 1 << 30  # decompressed bytes of one stream a proof reads at most
MAX_IMAGE_SCAN = 16 << 20  # image samples beyond this are pixels only, not searched


# -- rebuild --------------------------------------------------------------------------------------
def strip(doc: pymupdf.Document, removed: list[str], seen_text: str | None = None) -> None:
    """Remove from ``doc`` everything a release must not carry (see the module doc); the
    content streams were prepared before redaction (``prepare_contents``)."""
    catalog = doc.pdf_catalog()
    for key in doc.xref_get_keys(catalog):
        if key not in CATALOG_KEEP:
            po.delete_key(doc, catalog, key)
    for xref in range(1, doc.xref_length()):
        if xref == catalog:
            continue
        try:
            keys = doc.xref_get_keys(xref)
        except Exception:  # a free or broken slot
            continue
        if not keys:
            continue
        kind = po.type_of(doc, xref) if "Type" in keys else ""
        keep = PAGE_KEEP if kind == "Page" else PAGES_KEEP if kind == "Pages" else None
        for key in keys:
            if (key not in keep) if keep is not None else (key in DROP_KEYS):
                po.delete_key(doc, xref, key)
        if "Filter" in keys and "Width" in keys:
            _strip_jpeg(doc, xref)
    for page in doc:
        for target in po.resource_refs(doc, page.xref, "Properties").values():
            for key in PROPERTY_TEXT_KEYS:
                if doc.xref_get_key(target, key)[0] != "null":
                    po.delete_key(doc, target, key)
    rebuild_outline(doc, removed, seen_text)


_QUOTE_OP = re.compile(rb"[)>]\s*['\"]")
PROPERTY_TEXT = re.compile(rb"/(?:ActualText|Alt|E)\b")


def prepared_pages(doc: pymupdf.Document) -> set[int]:
    """Pages whose content, or a form they draw, ``prepare_contents`` would rewrite."""
    out = set()
    for page in doc:
        for xref in list(page.get_contents()) + [x[0] for x in page.get_xobjects()]:
            try:
                data = doc.xref_stream(xref) or b""
            except Exception:
                out.add(page.number)  # unreadable here: read the page again after redaction
                break
            if _QUOTE_OP.search(data) or PROPERTY_TEXT.search(data):
                out.add(page.number)
                break
    return out


def prepare_contents(doc: pymupdf.Document) -> int:
    """One pass over the content streams of every page and of the forms they draw, before
    any MuPDF filter runs; returns the streams rewritten.

    * The ``'`` and ``"`` text operators become ``T*`` + ``Tj``: MuPDF writes ``'`` after
      a ``TL`` as a ``TD`` that sets the wrong leading, which moves the text off the page
      and leaves it unredacted.
    * Marked-content properties written into the content lose ActualText, Alt and E: text
      the page does not show (their property lists lose them in ``strip``).
    """
    done = 0
    seen: set[int] = set()
    for page in doc:
        forms = [x[0] for x in page.get_xobjects()]
        for xref in list(page.get_contents()) + forms:
            if xref in seen:
                continue
            seen.add(xref)
            try:
                data = doc.xref_stream(xref) or b""
            except Exception:
                continue
            quotes, props = _QUOTE_OP.search(data), PROPERTY_TEXT.search(data)
            if not (quotes or props):
                continue
            ops = ps.parse(data)
            if ops is None:
                if props:
                    raise BadInput("unreadable_content", "a content stream with marked-"
                                   "content text (ActualText) cannot be parsed, so that text "
                                   "cannot be removed")
                continue  # verification will tell whether the redaction worked
            replace = {}
            for i, op in enumerate(ops):
                if op.op in (b"'", b'"'):
                    replace[i] = ps.quote_ops_to_plain(op)
                elif (op.op == b"BDC" and len(op.operands) == 2
                      and isinstance(op.operands[1], dict)):
                    props = {k: v for k, v in op.operands[1].items()
                             if k not in PROPERTY_TEXT_KEYS}
                    if len(props) != len(op.operands[1]):
                        replace[i] = ps.op_bytes(b"BDC", [op.operands[0], props])
            if replace:
                doc.update_stream(xref, ps.rebuild(data, ops, replace))
                done += 1
    return done


# JPEG markers kept: APP0 (JFIF), APP2 (ICC colour profile), APP14 (Adobe colour transform);
# every other APPn (EXIF, XMP, IPTC...) and comments go.
_JPEG_KEEP_APP = {0xE0, 0xE2, 0xEE}


def strip_jpeg(data: bytes) -> bytes:
    """The JPEG without metadata segments, or the input when it is not a JPEG we can walk."""
    if data[:2] != b"\xff\xd8":
        return data
    out = bytearray(b"\xff\xd8")
    i, n = 2, len(data)
    while i + 4 <= n:
        if data[i] != 0xFF:
            return data
        marker = data[i + 1]
        if marker == 0xFF:
            i += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is entropy-coded data up to EOI
            end = data.rfind(b"\xff\xd9")
            out += data[i:end + 2] if end > i else data[i:]
            return bytes(out)
        length = int.from_bytes(data[i + 2:i + 4], "big")
        seg = data[i:i + 2 + length]
        if len(seg) < 2 + length:
            return data
        if not ((0xE0 <= marker <= 0xEF and marker not in _JPEG_KEEP_APP) or marker == 0xFE):
            out += seg
        i += 2 + length
    return data


def _strip_jpeg(doc: pymupdf.Document, xref: int) -> None:
    kind, filt = doc.xref_get_key(xref, "Filter")
    if filt not in ("/DCTDecode", "[/DCTDecode]"):
        return
    raw = doc.xref_stream_raw(xref)
    new = strip_jpeg(raw)
    if new != raw:
        parms = doc.xref_get_key(xref, "DecodeParms")
        doc.update_stream(xref, new, compress=False)
        doc.xref_set_key(xref, "Filter", "/DCTDecode")
        if parms[0] != "null":
            doc.xref_set_key(xref, "DecodeParms", parms[1])


def rebuild_outline(doc: pymupdf.Document, removed: Iterable[str],
                    seen_text: str | None = None) -> None:
    """Bookmarks anew: plain page targets (no action of any kind), every removed string
    replaced, and a title with a word the document's text does not hold (detection never
    read it) replaced by its page number."""
    toc = doc.get_toc(simple=True)
    if not toc:
        po.delete_key(doc, doc.pdf_catalog(), "Outlines")
        return
    needles = sorted({t for t in removed if t.strip()}, key=len, reverse=True)
    pattern = re.compile("|".join(r"(?<!\w)" + r"\s+".join(map(re.escape, t.split())) + r"(?!\w)"
                                  for t in needles), re.IGNORECASE) if needles else None
    words = set(re.findall(r"\w+", seen_text.lower())) if seen_text is not None else None
    new = []
    for level, title, page in toc:
        title = " ".join(str(title).split())
        if words is not None and any(w not in words for w in re.findall(r"\w+", title.lower())):
            title = f"Pagina {page}" if page > 0 else "Bladwijzer"
        elif pattern is not None:
            title = pattern.sub(REPLACEMENT, title)
        new.append([level, title, page if 0 < page <= doc.page_count else -1])
    doc.set_toc(new)


# -- proof on the written file -----------------------------------------------------------------
def prove(path: str, allowed: dict[str, int]) -> list[str]:
    """Problems in the written file at ``path``: leftover structure, extra revisions,
    unreferenced objects, and removed strings in decoded bytes (more often than
    ``allowed``, which counts the occurrences kept on purpose)."""
    doc = pymupdf.open(path)
    try:
        return _Proof(doc, allowed).run()
    finally:
        doc.close()


class _Proof:
    def __init__(self, doc: pymupdf.Document, allowed: dict[str, int]):
        self.doc = doc
        self.allowed = {s: n for s, n in allowed.items() if s.strip()}
        self.problems: list[str] = []
        self.raw = _raw_needles(self.allowed)
        self.decoders: dict[int, object] = {}

    def run(self) -> list[str]:
        doc = self.doc
        if doc.version_count > 1:
            self.problems.append(f"file holds {doc.version_count} revisions")
        sources: dict[int, str] = {}
        for xref in range(1, doc.xref_length()):
            try:
                source = doc.xref_object(xref, compressed=True)
            except Exception:
                continue
            if source and source != "null":
                sources[xref] = source
        content, fonts_of = self._content_streams(sources)
        reachable = _reachable(po.refs(doc.pdf_trailer(compressed=True)), sources)
        strings: list[str] = []
        texts: list[str] = []
        for xref, source in sources.items():
            if xref not in reachable:
                self.problems.append(f"object {xref} is referenced from nowhere")
            m = FORBIDDEN.search(source)
            if m:
                self.problems.append(f"object {xref} holds /{m.group(1)}")
            if "(" in source or "<" in source.replace("<<", ""):
                strings.extend(_decoded_strings(source))
            if "/Length" in source and doc.xref_is_stream(xref):
                if xref in content:
                    texts.append(self._content_text(xref, fonts_of.get(content[xref], {})))
                else:
                    self._scan_binary(xref)
        self._count("a string of an object", "\n".join(strings), limit_zero=True)
        self._count("a content stream", "\n".join(texts))
        return self.problems

    # which streams are content, and with which fonts
    def _content_streams(self, sources: dict[int, str]
                         ) -> tuple[dict[int, int], dict[int, dict[str, int]]]:
        doc = self.doc
        content: dict[int, int] = {}  # stream xref → its resource holder
        for page in doc:
            for x in page.get_contents():
                content[x] = page.xref
        for xref, source in sources.items():
            if _FORM.search(source) or _PATTERN.search(source):
                content[xref] = xref
        fonts_of: dict[int, dict[str, int]] = {}
        for holder in set(content.values()):
            fonts_of[holder] = po.resource_refs(doc, holder, "Font")
        # a form without resources of its own uses its page's
        for page in doc:
            page_fonts = fonts_of.get(page.xref, {})
            for name, x in po.resource_refs(doc, page.xref, "XObject").items():
                if x in fonts_of and not fonts_of[x]:
                    fonts_of[x] = page_fonts
        return content, fonts_of

    def _content_text(self, xref: int, fonts: dict[str, int]) -> str:
        try:
            data = self.doc.xref_stream(xref) or b""
            if not self.allowed:
                if PROPERTY_TEXT.search(data):
                    self.problems.append(f"content stream {xref} keeps marked-content text")
                return ""
        except Exception as e:
            self.problems.append(f"content stream {xref} cannot be decoded ({e})")
            return ""
        if PROPERTY_TEXT.search(data):
            self.problems.append(f"content stream {xref} keeps marked-content text")
        for n, x in fonts.items():
            if x not in self.decoders:
                self.decoders[x] = font_decoder(self.doc, x)
        return content_text(data, {n: self.decoders[x] for n, x in fonts.items()})

    def _scan_binary(self, xref: int) -> None:
        if not self.raw:
            return
        try:
            chunks = self._stream_chunks(xref)
            tail = b""
            keep = self.raw_overlap
            for chunk in chunks:
                block = tail + chunk
                if _raw_match(block, self.raw):
                    self.problems.append(f"removed text in the bytes of stream {xref}")
                    return
                tail = block[-keep:]
        except _TooLarge:
            self.problems.append(f"stream {xref} is too large to verify")
        except zlib.error:
            # damaged compressed data: read it as MuPDF does (it decodes what it can)
            try:
                data = self.doc.xref_stream(xref) or b""
            except Exception:
                self.problems.append(f"stream {xref} cannot be decoded to be verified")
                return
            if _raw_match(data, self.raw):
                self.problems.append(f"removed text in the bytes of stream {xref}")

    @property
    def raw_overlap(self) -> int:
        return 2 * max((len(s) for s in self.allowed), default=1) + 2

    def _stream_chunks(self, xref: int):
        doc = self.doc
        filt = doc.xref_get_key(xref, "Filter")[1]
        raw = doc.xref_stream_raw(xref) or b""
        image = doc.xref_get_key(xref, "Subtype")[1] == "/Image"
        filters = re.findall(r"/(\w+)", filt)
        if not filters or filters[0] in ("DCTDecode", "JPXDecode", "JBIG2Decode",
                                         "CCITTFaxDecode"):
            yield _jpeg_headers(raw) if filters[:1] == ["DCTDecode"] else raw
            return
        if filters[0] == "FlateDecode":
            inflater = zlib.decompressobj()
            total = 0
            data = raw
            limit = MAX_IMAGE_SCAN if image else MAX_SCAN_BYTES
            while data:
                chunk = inflater.decompress(data, 1 << 20)
                data = inflater.unconsumed_tail
                total += len(chunk)
                if total > limit:
                    if image:
                        return  # pixels, no longer searched
                    raise _TooLarge()
                if filters[1:2] == ["DCTDecode"]:
                    continue  # collect below
                yield chunk
                if not chunk:
                    break
            if filters[1:2] == ["DCTDecode"]:
                yield _jpeg_headers(zlib.decompress(raw))
            return
        if len(raw) > (16 << 20):
            raise _TooLarge()
        yield doc.xref_stream(xref) or b""

    def _count(self, where: str, text: str, limit_zero: bool = False) -> None:
        """Occurrences of each removed string (the one definition redaction and
        verification share: occurrences.py), beyond the kept ones. A substring test on the
        text's letters and digits first: most strings are not there at all, and indexing
        every word of a long text costs more than the rest."""
        if not text or not self.allowed:
            return
        stream = key(text)
        index = None
        for s, limit in self.allowed.items():
            if key(s) not in stream:
                continue
            index = index or OccurrenceIndex(text)
            if len(index.find(s)) > (0 if limit_zero else limit):
                self.problems.append(f"removed text in {where}: '{s[:2]}…' ({len(s)} chars)")


class _TooLarge(Exception):
    pass


_FORM = re.compile(r"/Subtype\s*/Form\b")
_PATTERN = re.compile(r"/PatternType\s*1\b")


def _reachable(roots: list[int], sources: dict[int, str]) -> set[int]:
    todo, seen = list(roots), set()
    while todo:
        x = todo.pop()
        if x in seen or x not in sources:
            continue
        seen.add(x)
        todo.extend(po.refs(sources[x]))
    return seen


def _jpeg_headers(data: bytes) -> bytes:
    """A JPEG's marker segments and what follows its end: where text can hide in it."""
    start = data.find(b"\xff\xda")
    end = data.rfind(b"\xff\xd9")
    head = data[:start] if start > 0 else data[:65536]
    return head + (data[end + 2:] if end > start > 0 else b"")


def _raw_needles(allowed: dict[str, int]) -> list[bytes]:
    """Removed strings long enough that finding them in binary data is no coincidence, lower
    case, as Latin-1/UTF-8 and UTF-16 in both byte orders."""
    out: set[bytes] = set()
    for s in allowed:
        text = " ".join(s.split()).lower()
        if len(text.replace(" ", "")) >= MIN_RAW_CHARS:
            for enc in ("utf-8", "latin-1", "utf-16-be", "utf-16-le"):
                try:
                    out.add(text.encode(enc))
                except UnicodeEncodeError:
                    pass
    return sorted(out, key=len, reverse=True)


_ALNUM = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _raw_match(data: bytes, needles: list[bytes]) -> bool:
    """Is one of ``needles`` in ``data`` as a whole word, any (ASCII) case? ``bytes.find``
    on the lower-cased data: a regular expression of many alternatives was a hundred times
    slower on megabytes of image and font data."""
    low = data.lower()
    n = len(low)
    for needle in needles:
        i = low.find(needle)
        while i >= 0:
            j = i + len(needle)
            if (i == 0 or low[i - 1] not in _ALNUM) and (j >= n or low[j] not in _ALNUM):
                return True
            i = low.find(needle, i + 1)
    return False


_STRING = re.compile(rb"\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)|<[0-9A-Fa-f\s]*>", re.S)


def _decoded_strings(source: str) -> list[str]:
    """Text of the literal and hex strings in an object's source."""
    out = []
    blob = source.encode("latin-1", "replace")
    for m in _STRING.finditer(blob):
        tok = m.group()
        if tok.startswith(b"<"):
            if tok.startswith(b"<<"):
                continue
            try:
                raw = ps._hex(tok[1:-1])
            except ValueError:
                continue
        else:
            got = ps._literal(tok, 0)
            raw = got[0] if got else tok[1:-1]
        out.append(pdf_text(raw))
    return out


def pdf_text(raw: bytes) -> str:
    """A PDF text string: UTF-16 with a byte-order mark, UTF-8 with one, or PDFDocEncoding
    (read as Latin-1, which agrees on letters and digits)."""
    if raw[:2] == b"\xfe\xff":
        return raw[2:].decode("utf-16-be", "replace")
    if raw[:2] == b"\xff\xfe":
        return raw[2:].decode("utf-16-le", "replace")
    if raw[:3] == b"\xef\xbb\xbf":
        return raw[3:].decode("utf-8", "replace")
    return raw.decode("latin-1")


# -- text of content streams ---------------------------------------------------------------------
_LIT = rb"\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)"
_HEXSTR = rb"<[0-9A-Fa-f\s]*>"
# No branch starts with a word boundary or spans an inline image: either would stop the
# regular expression engine from skipping ahead, and scanning took most of the proof's time.
# A stray parenthesis in inline image data can only add a little noise to the text.
_TEXT_TOKENS = re.compile(
    rb"/(?P<font>[^\s/\[\]()<>{}%]+)\s+[-+\d.]+\s+Tf\b"
    rb"|(?P<array>\[(?:" + _LIT + rb"|" + _HEXSTR + rb"|[^\]()<])*\])"
    rb"|(?P<lit>" + _LIT + rb")"
    rb"|(?P<hex>" + _HEXSTR + rb")"
    rb"|(?P<show>T[Jj]\b|'|\")"
    rb"|(?P<end>ET\b)", re.S)
_IN_ARRAY = re.compile(rb"(?P<lit>" + _LIT + rb")|(?P<hex>" + _HEXSTR + rb")"
                       rb"|(?P<num>[-+]?\d*\.?\d+)", re.S)
_WIDE = re.compile(rb"-\s*\d{3}")
# A TJ adjustment this far back (thousandths of an em) is a word space.
WORD_GAP = 200


def content_text(data: bytes, decoders: dict) -> str:
    """The text a content stream shows, decoded through its fonts; words apart where an
    operator or a wide adjustment separates them."""
    out: list[str] = []
    decode = _latin1
    for m in _TEXT_TOKENS.finditer(data):
        kind = m.lastgroup
        if kind == "font":
            decode = decoders.get(ps._name(m.group("font")), _latin1)
        elif kind == "array":
            body = m.group()[1:-1]
            wide = _WIDE.search(body) is not None
            for t in _IN_ARRAY.finditer(body):
                k = t.lastgroup
                if k == "num":
                    if wide and float(t.group()) <= -WORD_GAP:
                        out.append(" ")
                else:
                    out.append(_decode_string(t.group(), k, decode))
        elif kind in ("lit", "hex"):
            out.append(_decode_string(m.group(), kind, decode))
        elif kind == "show":
            out.append(" ")
        elif kind == "end":
            out.append("\n")
    return "".join(out)


def _decode_string(tok: bytes, kind: str, decode) -> str:
    if kind == "hex":
        try:
            return decode(ps._hex(tok[1:-1]))
        except ValueError:
            return ""
    raw = tok[1:-1] if b"\\" not in tok else (ps._literal(tok, 0) or (tok[1:-1],))[0]
    return decode(raw)


def _latin1(raw: bytes) -> str:
    return raw.decode("cp1252", "replace")


def font_decoder(doc: pymupdf.Document, xref: int):
    """Bytes → text for one font: its ToUnicode map (one- or two-byte codes), else the
    Windows code page for simple fonts."""
    two = doc.xref_get_key(xref, "Subtype")[1] == "/Type0"
    kind, tu = doc.xref_get_key(xref, "ToUnicode")
    cmap: dict[int, str] = {}
    if kind == "xref":
        try:
            cmap = parse_cmap(doc.xref_stream(int(tu.split()[0])) or b"")
        except Exception:
            cmap = {}
    if two:
        def decode(raw: bytes, _m=cmap) -> str:
            return "".join(_m.get(int.from_bytes(raw[i:i + 2], "big"), "\ufffd")
                           for i in range(0, len(raw) - 1, 2))
    elif cmap:
        def decode(raw: bytes, _m=cmap) -> str:
            return "".join(_m.get(b, chr(b)) for b in raw)
    else:
        decode = _latin1
    return decode


_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEXTOK = re.compile(rb"<([0-9A-Fa-f\s]*)>|\[([^\]]*)\]")
MAX_CMAP = 200_000


def parse_cmap(data: bytes) -> dict[int, str]:
    """Code → text of a ToUnicode CMap (bfchar and bfrange sections)."""
    out: dict[int, str] = {}

    def text(h: bytes) -> str:
        return bytes.fromhex(re.sub(rb"\s", b"", h).decode()).decode("utf-16-be", "replace")

    for block in _BFCHAR.findall(data):
        toks = [t[0] for t in _HEXTOK.findall(block)]
        for src, dst in zip(toks[0::2], toks[1::2]):
            out[int(re.sub(rb"\s", b"", src) or b"0", 16)] = text(dst)
    for block in _BFRANGE.findall(data):
        toks = _HEXTOK.findall(block)
        i = 0
        while i + 2 < len(toks) + 0 and len(out) < MAX_CMAP:
            lo = int(re.sub(rb"\s", b"", toks[i][0]) or b"0", 16)
            hi = int(re.sub(rb"\s", b"", toks[i + 1][0]) or b"0", 16)
            dst_hex, dst_arr = toks[i + 2]
            if dst_arr:
                for k, h in enumerate(re.findall(rb"<([0-9A-Fa-f\s]*)>", dst_arr)):
                    out[lo + k] = text(h)
            else:
                base = text(dst_hex)
                if base:
                    for k in range(min(hi - lo + 1, MAX_CMAP - len(out))):
                        out[lo + k] = base[:-1] + chr(ord(base[-1]) + k)
            i += 3
    return out
