"""Findings and proposals as JSON, so they survive between the two phases in the manifest.

Boxes keep full float precision: a rounded box is a different redaction rectangle, and a
resumed document must be redacted exactly as it would have been in one go.
"""

from __future__ import annotations

import json
from collections import Counter

from ..model import Box, Finding, Word

_FIELDS = ("entity_type", "start", "end", "text", "score", "detector", "ground", "action",
           "reason", "status", "id", "reviewer", "decided_at")


def finding_to_dict(f: Finding) -> dict:
    d = {k: getattr(f, k) for k in _FIELDS}
    d["boxes"] = [[b.page, b.x0, b.y0, b.x1, b.y1] for b in f.boxes]
    return d


def dump_ocr_words(pages: dict[int, list[Word]]) -> str | None:
    """OCR words of scanned pages, so that phase 2 need not OCR them again."""
    if not pages:
        return None
    return json.dumps({str(p): [[w.text, w.box.x0, w.box.y0, w.box.x1, w.box.y1, w.block,
                                 w.line, w.source, w.conf] for w in ws]
                       for p, ws in pages.items()},
                      ensure_ascii=False, separators=(",", ":"))


def load_ocr_words(text: str | None) -> dict[int, list[Word]]:
    if not text:
        return {}
    # manifests written before confidences were kept have eight fields a word
    return {int(p): [Word(t, Box(int(p), a, b, c, d), blk, ln, src, *conf)
                     for t, a, b, c, d, blk, ln, src, *conf in ws]
            for p, ws in json.loads(text).items()}


def finding_from_dict(d: dict) -> Finding:
    f = Finding(d["entity_type"], int(d["start"]), int(d["end"]), d["text"],
                float(d["score"]), d["detector"])
    for k in _FIELDS[6:]:
        setattr(f, k, d.get(k))
    f.reason = f.reason or ""
    f.status = f.status or "proposed"
    f.id = f.id or ""
    f.boxes = [Box(int(p), float(a), float(b), float(c), float(e)) for p, a, b, c, e in d["boxes"]]
    return f


def dump_findings(findings: list[Finding]) -> str:
    return json.dumps([finding_to_dict(f) for f in findings], ensure_ascii=False,
                      separators=(",", ":"))


def load_findings(text: str | None) -> list[Finding]:
    return [finding_from_dict(d) for d in json.loads(text)] if text else []


def counts_by_ground(findings: list[Finding]) -> dict[str, int]:
    """Applied redactions per "ground entity" key, as in the run summary."""
    c = Counter(f"{f.ground or ''} {f.entity_type}" for f in findings if f.status == "accepted")
    return dict(sorted(c.items()))
