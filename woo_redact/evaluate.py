"""Evaluation core: score redacted PDFs against ground truth, at the PDF level.

A redacted PDF is judged the way a reader of the released file would judge it: its text is
extracted again, independently of the pipeline (PyMuPDF without mediabox clipping, poppler's
``pdftotext``, and OCR for pages that images cover), and every sensitive string of the
truth that can still be found there counts as survived. Keep-strings (office holders,
organisations) must still be there. Metadata, XMP, bookmarks, annotations, link targets and
attachments are searched for leaks. Finding-level precision compares what the pipeline
redacted with the truth spans in the input text.

The truth format is documented in ``docs/evaluation.md``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pymupdf

from .model import Box
from .passages.recognizers import PASSAGE_ENTITIES
from .spans import SpanIndex
from .textnorm import count_occurrences, find_occurrences

# Text outside the visible page still counts: a hidden string is a leak all the same.
_PYMUPDF_FLAGS = pymupdf.TEXT_PRESERVE_LIGATURES | pymupdf.TEXT_PRESERVE_WHITESPACE
_WRAP = re.compile(r"(\w)-[ \t]*\n\s*(?=(\S))")
_WS = re.compile(r"\s+")
PDFTOTEXT_TIMEOUT = 120


# -- truth -----------------------------------------------------------------------------------
@dataclass(slots=True)
class SensitiveItem:
    text: str
    count: int
    category: str
    ground: str = ""
    action: str = "redact"  # "propose": the policy is expected to propose it, not redact it


@dataclass(slots=True)
class KeepItem:
    text: str
    count: int
    reason: str = ""


@dataclass(slots=True)
class ContentItem:
    """A passage a careful officer would weigh on a content ground (issue #15)."""
    text: str
    count: int
    ground: str


@dataclass(slots=True)
class Truth:
    document: str
    sensitive: list[SensitiveItem]
    keep: list[KeepItem]
    scanned: bool = False
    pages: int | None = None
    signatures: int = 0
    source: str = ""
    content: list[ContentItem] = field(default_factory=list)


class TruthError(ValueError):
    pass


def load_truth(path: str | Path) -> Truth:
    p = Path(path)
    try:
        raw = json.loads(p.read_text("utf-8"))
        sensitive = [SensitiveItem(str(e["text"]), int(e["count"]), str(e["category"]),
                                   str(e.get("ground", "")), str(e.get("action", "redact")))
                     for e in raw.get("sensitive", [])]
        keep = [KeepItem(str(e["text"]), int(e["count"]), str(e.get("reason", "")))
                for e in raw.get("keep", [])]
        content = [ContentItem(str(e["text"]), int(e.get("count", 1)), str(e.get("ground", "")))
                   for e in raw.get("content", [])]
        return Truth(document=str(raw["document"]), sensitive=sensitive, keep=keep,
                     scanned=bool(raw.get("scanned", False)), pages=raw.get("pages"),
                     signatures=int(raw.get("signatures", 0)), source=str(p),
                     content=content)
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise TruthError(f"{p}: not a valid truth file: {e}") from e


def load_truth_dir(*folders: str | Path) -> dict[str, Truth]:
    """Truth files of one or more folders, keyed by the document's file name."""
    out: dict[str, Truth] = {}
    for folder in folders:
        d = Path(folder)
        if not d.is_dir():
            raise FileNotFoundError(f"no such truth folder: {d}")
        for p in sorted(d.glob("*.json")):
            t = load_truth(p)
            out[Path(t.document).name] = t
    return out


# -- text ------------------------------------------------------------------------------------
def normalize(text: str, fold: bool = True) -> str:
    """Text as the truth counts it: compatibility forms folded (ligatures), soft hyphens
    dropped, a line-wrap hyphen joined (kept before a capital or digit: "Jansen-El Amrani",
    "09/123456-23"; dropped otherwise: "rijks-overheid"), whitespace collapsed, and
    casefolded unless ``fold`` is False."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = _WRAP.sub(lambda m: m.group(1) + ("-" if m.group(2)[0].isupper()
                                             or m.group(2)[0].isdigit() else ""), text)
    text = _WS.sub(" ", text).strip()
    return text.casefold() if fold else text


def count_in(normalized_text: str, needle: str, fold: bool = True) -> int:
    """Whole-token occurrences of ``needle`` in text already passed through
    ``normalize(…, fold)`` ('Jan' does not count inside 'Januari').

    Both sides have single spaces (and one case) after ``normalize``, so a plain substring
    search with a boundary check gives what ``textnorm.count_occurrences`` gives, without
    a regex per needle (a 500-page dossier has thousands of truth strings)."""
    n = normalize(needle, fold)
    if not n:
        return 0
    count, i, text = 0, normalized_text.find(n), normalized_text
    while i >= 0:
        j = i + len(n)
        if not (i and _word_char(text[i - 1])) and not (j < len(text) and _word_char(text[j])):
            count += 1
            i = text.find(n, j)
        else:
            i = text.find(n, i + 1)
    return count


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def pymupdf_text(pdf: pymupdf.Document) -> list[str]:
    return [page.get_text("text", flags=_PYMUPDF_FLAGS) for page in pdf]


def pdftotext_text(path: str) -> str | None:
    """poppler's reading of the file, or None when poppler is not installed."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    try:
        res = subprocess.run([exe, "-q", "-enc", "UTF-8", path, "-"], capture_output=True,
                             timeout=PDFTOTEXT_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return None
    return res.stdout.decode("utf-8", "replace")


IMAGE_COVER_FOR_OCR = 0.2


def image_pages(pdf: pymupdf.Document) -> list[int]:
    """Pages on which images cover a real part of the page: what a reader sees there may
    not be in the text layer. The text layer is not asked: the labels printed in redaction
    boxes give a redacted scan a few words of text, and a scan with an OCR layer can still
    show in its pixels what the layer lacks."""
    from .extract import page_images

    out = []
    for p in pdf:
        area = (p.rect.width * p.rect.height) or 1.0
        covered = sum((i.box.x1 - i.box.x0) * (i.box.y1 - i.box.y0) for i in page_images(p))
        if covered / area > IMAGE_COVER_FOR_OCR:
            out.append(p.number)
    return out


def ocr_text(pdf: pymupdf.Document, pages: Iterable[int]) -> str:
    from .ocr import ocr_page

    parts = []
    for pno in pages:
        lines: dict[tuple[int, int], list[str]] = {}
        for w in ocr_page(pdf[pno]):
            lines.setdefault((w.block, w.line), []).append(w.text)
        parts.append("\n".join(" ".join(ws) for ws in lines.values()))
    return "\n".join(parts)


class CaseCounter:
    """Counts a string in one text both ways: exact case, and blind to case.

    The truth counts exact case, so that "Visser" (a name) and "visser" (a fisherman) can be
    told apart; a released PDF can hold the string in another case ("VISSER" in a header).
    ``beyond`` counts an occurrence as the truth string's when its case matches, or when
    there are more case variants than the input had (those were not other words)."""

    def __init__(self, text: str) -> None:
        self.kept = normalize(text, fold=False)
        self.folded = self.kept.casefold()

    def exact(self, needle: str) -> int:
        return count_in(self.kept, needle, fold=False)

    def any_case(self, needle: str) -> int:
        return count_in(self.folded, needle)

    def beyond(self, needle: str, variants_in_input: int | None) -> int:
        exact, blind = self.exact(needle), self.any_case(needle)
        if variants_in_input is None:
            return blind
        return exact + max(0, blind - exact - variants_in_input)

    def variants(self, needle: str) -> int:
        """Occurrences in another case than the needle's."""
        return self.any_case(needle) - self.exact(needle)


@dataclass(slots=True)
class PdfTexts:
    """A redacted PDF read back by every extractor at hand."""
    by_source: dict[str, CaseCounter]
    ocr_pages: list[int] = field(default_factory=list)

    def count(self, needle: str, variants_in_input: int | None = None
              ) -> tuple[int, dict[str, int]]:
        """Most occurrences any extractor finds, and the count per extractor; case variants
        only beyond as many as the input had (``None``: every case counts)."""
        per = {src: c.beyond(needle, variants_in_input) for src, c in self.by_source.items()}
        return (max(per.values()) if per else 0), per


def read_pdf_texts(path: str, *, ocr: bool = True) -> PdfTexts:
    texts: dict[str, CaseCounter] = {}
    with pymupdf.open(path) as pdf:
        texts["pymupdf"] = CaseCounter("\n".join(pymupdf_text(pdf)))
        ocr_pages: list[int] = []
        if ocr:
            from .ocr import tesseract_available

            if tesseract_available():
                ocr_pages = image_pages(pdf)
                if ocr_pages:
                    texts["ocr"] = CaseCounter(ocr_text(pdf, ocr_pages))
    poppler = pdftotext_text(path)
    if poppler is not None:
        texts["pdftotext"] = CaseCounter(poppler)
    return PdfTexts(texts, ocr_pages)


# -- side channels ---------------------------------------------------------------------------
@dataclass(slots=True)
class SideChannels:
    leaks: list[dict] = field(default_factory=list)  # {"where", "category", "text"}
    xmp_present: bool = False
    annotations: int = 0
    attachments: int = 0
    form_fields: int = 0


def side_channels(path: str, sensitive: Iterable[SensitiveItem]) -> SideChannels:
    """Everything outside the page text where a sensitive string could be read."""
    sc = SideChannels()
    blobs: dict[str, str] = {}
    with pymupdf.open(path) as pdf:
        blobs["metadata"] = " ".join(v for v in (pdf.metadata or {}).values()
                                     if isinstance(v, str))
        xmp = pdf.get_xml_metadata() or ""
        sc.xmp_present = bool(xmp.strip())
        blobs["XMP"] = xmp
        blobs["bookmarks"] = " ".join(str(e[1]) for e in pdf.get_toc())
        sc.attachments = pdf.embfile_count()
        blobs["attachments"] = " ".join(pdf.embfile_names())
        annot_text, links = [], []
        for page in pdf:
            for a in page.annots() or []:
                sc.annotations += 1
                info = a.info or {}
                annot_text.append(" ".join(str(v) for v in info.values() if v))
            sc.form_fields += len(list(page.widgets() or []))
            links.extend(str(ln.get("uri") or "") for ln in page.get_links())
        blobs["annotations"] = " ".join(annot_text)
        blobs["links"] = " ".join(links)
    normed = {k: normalize(v) for k, v in blobs.items() if v.strip()}
    for item in sensitive:
        for where, text in normed.items():
            if count_in(text, item.text):
                sc.leaks.append({"where": where, "category": item.category, "text": item.text})
    return sc


# -- findings --------------------------------------------------------------------------------
@dataclass(slots=True)
class FindingRef:
    """What evaluation needs of a finding, from a pipeline run or from a grounds log."""
    entity_type: str
    text: str
    status: str  # accepted (redacted) | proposed | rejected (kept by policy)
    action: str = ""
    detector: str = ""
    reason: str = ""
    start: int | None = None
    end: int | None = None
    boxes: list[Box] = field(default_factory=list)

    @classmethod
    def from_finding(cls, f) -> FindingRef:
        return cls(f.entity_type, f.text, f.status, f.action or "", f.detector, f.reason,
                   f.start, f.end, list(f.boxes))


def findings_from_log(log_path: str | Path) -> dict[str, list[FindingRef]]:
    """Findings per document (``rel``) from an internal grounds log (JSONL), one per id."""
    by_doc: dict[str, dict[str, FindingRef]] = {}
    with open(log_path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            doc = by_doc.setdefault(row["document"], {})
            fid = row["finding_id"]
            if fid == "manual":
                continue
            ref = doc.get(fid)
            if ref is None:
                ref = doc[fid] = FindingRef(row["entity_type"], row.get("text", ""),
                                            row["status"], row.get("action", ""),
                                            row.get("detector", ""), row.get("reason", ""))
            if row.get("page") not in ("", None):
                ref.boxes.append(Box(int(row["page"]) - 1, float(row["x0"]), float(row["y0"]),
                                     float(row["x1"]), float(row["y1"])))
    return {d: list(fs.values()) for d, fs in by_doc.items()}


def locate(doc, ref: FindingRef) -> tuple[int, int] | None:
    """The span of a logged finding in the input's text: the occurrence of its text that
    lies under its box (a name occurs many times; the box says which one)."""
    from .extract import boxes_for_span

    spans = find_occurrences(doc.text, ref.text) if ref.text.strip() else []
    if not spans:
        return None
    if not ref.boxes:
        return spans[0]
    for a, b in spans:
        for box in boxes_for_span(doc, a, b):
            if any(_intersects(box, fb) for fb in ref.boxes):
                return a, b
    return None


def _intersects(a: Box, b: Box) -> bool:
    return a.page == b.page and a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


# -- scoring one document --------------------------------------------------------------------
@dataclass(slots=True)
class DocScore:
    document: str
    status: str  # done | quarantined | missing
    reason: str = ""
    output: str | None = None
    scanned: bool = False
    pages: int = 0
    ocr_pages: list[int] = field(default_factory=list)
    sensitive: list[dict] = field(default_factory=list)
    proposed: list[dict] = field(default_factory=list)
    keep: list[dict] = field(default_factory=list)
    false_positives: list[dict] = field(default_factory=list)
    precision: dict[str, dict[str, int]] = field(default_factory=dict)  # type → tp/fp
    signatures: dict[str, int] = field(default_factory=dict)
    side: dict = field(default_factory=dict)
    extractors: list[str] = field(default_factory=list)
    # words of the input text, and those under an applied redaction
    words: dict[str, int] = field(default_factory=dict)
    # content items and how many a passage (or any finding) flags; passages proposed
    content: list[dict] = field(default_factory=list)
    passages: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


_WORD_TOKEN = re.compile(r"[^\W_]+")


def words_removed(text: str, removed: list[tuple[int, int]]) -> dict[str, int]:
    """How many words the text has, and how many of them an applied redaction touches:
    on an already released document every removed word is over-redaction."""
    index = SpanIndex(removed)
    total = hit = 0
    for m in _WORD_TOKEN.finditer(text):
        total += 1
        if index.overlaps(m.start(), m.end()):
            hit += 1
    return {"total": total, "removed": hit}


def _covered(spans: list[tuple[int, int]], cover: list[tuple[int, int]]) -> int:
    return sum(1 for a, b in spans if any(x < b and a < y for x, y in cover))


def score_document(truth: Truth, texts: PdfTexts | None, findings: list[FindingRef], *,
                   input_text: str | None = None, side: SideChannels | None = None,
                   status: str = "done", reason: str = "", output: str | None = None,
                   pages: int = 0) -> DocScore:
    """Score one document.

    ``texts`` is the read-back of the redacted output (None when there is none, e.g.
    quarantined); ``input_text`` the pipeline's text of the input (``Document.text``), which
    gives spans for precision and says how much of the truth was readable at all (OCR).
    """
    ds = DocScore(truth.document, status, reason, output, truth.scanned, pages,
                  texts.ocr_pages if texts else [],
                  extractors=sorted(texts.by_source) if texts else [])
    accepted = [f for f in findings if f.status == "accepted"]
    spans_of = {}
    if input_text is not None:
        for f in findings:
            if f.start is not None and f.end is not None:
                spans_of[id(f)] = (f.start, f.end)
    acc_spans = [spans_of[id(f)] for f in accepted if id(f) in spans_of]
    flagged_spans = [spans_of[id(f)] for f in findings
                     if f.status in ("accepted", "proposed") and id(f) in spans_of]

    if input_text is not None:
        ds.words = words_removed(input_text, acc_spans)
        passage_spans = [spans_of[id(f)] for f in findings if f.entity_type in PASSAGE_ENTITIES
                         and f.status in ("accepted", "proposed") and id(f) in spans_of]
        ds.passages = {"count": len(passage_spans),
                       "words": words_removed(input_text, passage_spans)["removed"]}
        for item in truth.content:
            occ = find_occurrences(input_text, item.text)
            ds.content.append({"text": item.text, "ground": item.ground,
                               "readable": min(item.count, len(occ)),
                               "flagged": min(item.count, _covered(occ, flagged_spans))})
    inp = CaseCounter(input_text) if input_text is not None else None
    sens_occ: list[tuple[int, int]] = []
    for item in truth.sensitive:
        # Any case for precision (a redaction of "VISSER" hit the name); exact case, as the
        # truth counts, for what was readable and detected.
        occ_any = find_occurrences(input_text, item.text) if input_text is not None else []
        occ = exact_case(input_text, occ_any, item.text) if input_text is not None else []
        sens_occ.extend(occ_any)
        readable = min(item.count, len(occ)) if input_text is not None else item.count
        if item.action == "propose":
            ds.proposed.append({"text": item.text, "category": item.category,
                                "count": item.count, "readable": readable,
                                "flagged": min(readable, _covered(occ, flagged_spans))})
            continue
        entry = {"text": item.text, "category": item.category, "count": item.count,
                 "readable": readable,
                 "detected": min(readable, _covered(occ, acc_spans))
                 if input_text is not None else None}
        if texts is not None:
            n, per = texts.count(item.text, inp.variants(item.text) if inp else None)
            entry.update(survived=min(n, item.count), by_source=per)
        ds.sensitive.append(entry)

    keep_occ: list[tuple[int, int]] = []
    for k in truth.keep:
        occ_any = find_occurrences(input_text, k.text) if input_text is not None else []
        occ = exact_case(input_text, occ_any, k.text) if input_text is not None else []
        keep_occ.extend(occ_any)
        readable = min(k.count, len(occ)) if input_text is not None else k.count
        entry = {"text": k.text, "reason": k.reason, "count": k.count, "readable": readable}
        if texts is not None:
            n, per = texts.count(k.text, inp.variants(k.text) if inp else None)
            entry.update(kept=min(n, readable), by_source=per)
        ds.keep.append(entry)

    sens_norm = [normalize(i.text) for i in truth.sensitive]
    keep_norm = [normalize(k.text) for k in truth.keep]
    for f in accepted:
        if f.entity_type == "SIGNATURE" or f.entity_type in PASSAGE_ENTITIES:
            continue  # passages are scored as content items, not as identifiers
        span = spans_of.get(id(f))
        kind = None
        if span is not None:
            a, b = span
            if any(x < b and a < y for x, y in sens_occ):
                kind = "tp"
            elif any(x < b and a < y for x, y in keep_occ):
                kind = "keep-string"
            else:
                kind = "not in truth"
        else:
            # No span (a logged finding whose text could not be placed): compare strings.
            t = normalize(f.text)
            if any(_token_overlap(t, s) for s in sens_norm):
                kind = "tp"
            elif any(_token_overlap(t, s) for s in keep_norm):
                kind = "keep-string"
            else:
                kind = "not in truth"
        stats = ds.precision.setdefault(f.entity_type, {"tp": 0, "fp": 0})
        if kind == "tp":
            stats["tp"] += 1
        else:
            stats["fp"] += 1
            ds.false_positives.append({"text": f.text, "entity_type": f.entity_type,
                                       "detector": f.detector, "why": kind})
    if truth.signatures or any(f.entity_type == "SIGNATURE" for f in findings):
        ds.signatures = {"expected": truth.signatures,
                         "redacted": sum(1 for f in accepted if f.entity_type == "SIGNATURE")}
    if side is not None:
        ds.side = {"leaks": side.leaks, "xmp_present": side.xmp_present,
                   "annotations": side.annotations, "attachments": side.attachments,
                   "form_fields": side.form_fields}
    return ds


def exact_case(text: str, spans: list[tuple[int, int]], needle: str) -> list[tuple[int, int]]:
    """The spans (found blind to case) whose text has the needle's case."""
    want = normalize(needle, fold=False)
    return [(a, b) for a, b in spans if normalize(text[a:b], fold=False) == want]


def _token_overlap(a: str, b: str) -> bool:
    """One string holds the other as whole tokens ("de vries" in "jan de vries")."""
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return count_occurrences(long_, short) > 0


def attach_spans(doc, findings: list[FindingRef]) -> None:
    """Give logged findings (no offsets) their span in the input text, where it can be found."""
    for f in findings:
        if f.start is None and f.text:
            span = locate(doc, f)
            if span:
                f.start, f.end = span


# -- aggregation -----------------------------------------------------------------------------
def _ratio(num: float, den: float) -> float | None:
    return round(num / den, 4) if den else None


def aggregate(scores: list[DocScore]) -> dict:
    """Totals over documents that produced an output; quarantined ones are listed apart."""
    done = [s for s in scores if s.status == "done"]
    cats: dict[str, dict] = {}
    for s in done:
        for e in s.sensitive:
            c = cats.setdefault(e["category"], {"expected": 0, "survived": 0, "readable": 0,
                                                "detected": 0, "tp": 0, "fp": 0})
            c["expected"] += e["count"]
            c["survived"] += e.get("survived", 0)
            c["readable"] += e["readable"]
            c["detected"] += e["detected"] or 0
        for etype, pr in s.precision.items():
            c = cats.setdefault(etype, {"expected": 0, "survived": 0, "readable": 0,
                                        "detected": 0, "tp": 0, "fp": 0})
            c["tp"] += pr["tp"]
            c["fp"] += pr["fp"]
    for c in cats.values():
        c["recall"] = _ratio(c["expected"] - c["survived"], c["expected"])
        c["precision"] = _ratio(c["tp"], c["tp"] + c["fp"])
    keep: dict[str, dict] = {}
    for s in done:
        for e in s.keep:
            k = keep.setdefault(e["reason"] or "keep", {"expected": 0, "readable": 0, "kept": 0})
            k["expected"] += e["count"]
            k["readable"] += e["readable"]
            k["kept"] += e.get("kept", 0)
    for k in keep.values():
        k["keep_rate"] = _ratio(k["kept"], k["readable"])
    proposed = {"expected": 0, "flagged": 0}
    for s in done:
        for e in s.proposed:
            proposed["expected"] += e["readable"]
            proposed["flagged"] += e["flagged"]
    proposed["rate"] = _ratio(proposed["flagged"], proposed["expected"])
    exp = sum(c["expected"] for c in cats.values())
    surv = sum(c["survived"] for c in cats.values())
    tp = sum(c["tp"] for c in cats.values())
    fp = sum(c["fp"] for c in cats.values())
    kept = sum(k["kept"] for k in keep.values())
    kread = sum(k["readable"] for k in keep.values())
    sides = [s.side for s in done if s.side]
    content: dict[str, dict] = {}
    for s in done:
        for e in s.content:
            c = content.setdefault(e["ground"] or "?", {"items": 0, "flagged": 0})
            c["items"] += e["readable"]
            c["flagged"] += e["flagged"]
    for c in content.values():
        c["rate"] = _ratio(c["flagged"], c["items"])
    words_total = sum(s.words.get("total", 0) for s in done)
    words_hit = sum(s.words.get("removed", 0) for s in done)
    sig_exp = sum(s.signatures.get("expected", 0) for s in done)
    sig_red = sum(s.signatures.get("redacted", 0) for s in done)
    return {
        "documents": len(scores), "done": len(done),
        "quarantined": [{"document": s.document, "reason": s.reason} for s in scores
                        if s.status == "quarantined"],
        "missing": [s.document for s in scores if s.status == "missing"],
        "pages": sum(s.pages for s in done),
        "overall": {"expected": exp, "survived": surv, "recall": _ratio(exp - surv, exp),
                    "tp": tp, "fp": fp, "precision": _ratio(tp, tp + fp),
                    "keep_expected": kread, "kept": kept, "keep_rate": _ratio(kept, kread)},
        "categories": dict(sorted(cats.items())),
        "keep": dict(sorted(keep.items())),
        "proposed": proposed,
        "signatures": {"expected": sig_exp, "redacted": sig_red},
        "words": {"total": words_total, "removed": words_hit,
                  "share": _ratio(words_hit, words_total)},
        "content": dict(sorted(content.items())),
        "passages": {"count": sum(s.passages.get("count", 0) for s in done),
                     "words": sum(s.passages.get("words", 0) for s in done),
                     "per_1000_words": round(1000 * sum(s.passages.get("count", 0)
                                                        for s in done) / words_total, 2)
                     if words_total else None,
                     "share_of_words": _ratio(sum(s.passages.get("words", 0) for s in done),
                                              words_total)},
        "side_channels": {
            "leaks": sum(len(x["leaks"]) for x in sides),
            "xmp_present": sum(1 for x in sides if x["xmp_present"]),
            "annotations": sum(x["annotations"] for x in sides),
            "attachments": sum(x["attachments"] for x in sides),
            "form_fields": sum(x["form_fields"] for x in sides),
        },
    }


# -- bars ------------------------------------------------------------------------------------
PERSON_RECALL_BAR = 0.98
PERSON_PRECISION_BAR = 0.90
CONLL_PER_RECALL_BAR = 0.85


def bars(summary: dict, conll: dict | None = None) -> list[dict]:
    """The acceptance bars, each with its measured value and whether it is met."""
    out = []
    person = summary["categories"].get("PERSON", {})
    out.append(_bar("fixtures PERSON recall", person.get("recall"), PERSON_RECALL_BAR))
    out.append(_bar("fixtures PERSON precision", person.get("precision"), PERSON_PRECISION_BAR))
    oh = summary["keep"].get("office holder")
    if oh is not None:
        out.append(_bar("office holders kept", oh["keep_rate"], 1.0))
    out.append(_bar("all sensitive strings removed", summary["overall"]["recall"], 1.0))
    side = summary["side_channels"]
    out.append({"bar": "no metadata/annotation/attachment leaks",
                "value": sum(side.values()), "target": 0, "met": sum(side.values()) == 0})
    out.append({"bar": "no document quarantined", "value": len(summary["quarantined"]),
                "target": 0, "met": not summary["quarantined"]})
    if conll and conll.get("ours"):
        out.append(_bar("CoNLL-2002 testb PER recall (exact)",
                        conll["ours"]["exact"]["recall"], CONLL_PER_RECALL_BAR))
    return out


def _bar(name: str, value: float | None, target: float) -> dict:
    return {"bar": name, "value": value, "target": target,
            "met": value is not None and value >= target}
