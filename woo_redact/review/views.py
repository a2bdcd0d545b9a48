"""What the review templates show, computed from the catalog and the decision store."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..grounds import GROUNDS
from ..passages.recognizers import PASSAGE_ENTITIES
from ..pipeline import QUARANTINE
from ..textnorm import normalize
from .state import Catalog, DocState, Entry, load_state
from .store import Store

# Okabe-Ito hues (distinct for the common colour-vision deficiencies) for the grounds used
# most, so that personal data, identification numbers and law enforcement never look alike;
# the rarer grounds share a few more.
COLOURS = {"5.1.2e": "#7b3fa0", "5.1.1e": "#d55e00", "5.1.2c": "#e69f00", "5.1.2h": "#009e73",
           "5.1.2i": "#0072b2", "5.2": "#cc79a7", "5.1.2b": "#56b4e9", "5.1.1c": "#8c564b",
           "5.1.2f": "#8c564b", "5.1.1d": "#b2182b", "5.1.2d": "#1b7837", "5.1.2a": "#2166ac"}
FALLBACK = "#5f6b76"


def ground_colour(code: str | None) -> str:
    return COLOURS.get(code or "", FALLBACK) if code in GROUNDS else "#444444"


def grounds_choices() -> list[dict]:
    return [{"code": c, "text": t, "colour": ground_colour(c)} for c, t in GROUNDS.items()]


@dataclass(slots=True)
class DocRow:
    key: str
    nr: str
    rel: str
    pages: int
    reviewed: int
    counts: dict[str, int]
    manual: int
    last: tuple[str, str] | None
    applied: str
    applied_at: str
    blockers: list[str]

    @property
    def percent(self) -> int:
        return round(100 * self.reviewed / self.pages) if self.pages else 100


def doc_rows(catalog: Catalog, store: Store) -> list[DocRow]:
    rows = []
    for e in catalog.entries():
        st = load_state(store, e)
        res = store.last_result(e.key)
        rows.append(DocRow(e.key, e.prop.document_nr, e.prop.rel, e.prop.page_count,
                           e.prop.page_count - len(st.unreviewed_pages), st.counts(),
                           len(st.manual), store.last_event(e.key),
                           res.status if res else "", res.applied_at if res else "",
                           st.blockers()))
    return rows


def quarantined(folder: Path) -> list[dict]:
    """Documents `propose` could not read: the reason files under DIR/quarantine."""
    root = (folder / QUARANTINE).resolve()
    if not root.is_dir() or not root.is_relative_to(folder.resolve()):
        return []
    out = []
    for path in sorted(root.rglob("*.reason.json")):
        if path.is_symlink() or not path.resolve().is_relative_to(root):
            continue
        try:
            d = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        out.append({"rel": str(path.relative_to(root))[:-len(".reason.json")],
                    "kind": str(d.get("kind", "")), "reason": str(d.get("reason", ""))})
    return out


def occurrence_counts(catalog: Catalog) -> Counter:
    return Counter(normalize(f.text) for e in catalog.entries() for f in e.prop.findings)


def page_context(catalog: Catalog, store: Store, entry: Entry, page: int) -> dict:
    st = load_state(store, entry)
    counts = occurrence_counts(catalog)
    findings = []
    for f in st.findings:
        boxes = [b for b in f.boxes if b.page == page]
        if not boxes:
            continue
        findings.append({
            "id": f.id, "text": f.text, "entity_type": f.entity_type, "ground": f.ground,
            "status": f.status, "action": f.action, "detector": f.detector,
            "score": f.score, "reason": f.reason, "reviewer": f.reviewer,
            # a passage proposed on a content ground: shown as a highlighted sentence with
            # the cue that fired, for the reviewer to weigh
            "kind": "passage" if f.entity_type in PASSAGE_ENTITIES else "identifier",
            "explanation": f.explanation,
            "ground_text": GROUNDS.get(f.ground or "", ""),
            "decided_at": f.decided_at, "colour": ground_colour(f.ground), "boxes": boxes,
            "by_person": f.id in st.decided_by_person,
            "occurrences": counts.get(normalize(f.text), 1) if f.text.strip() else 1,
            "other_pages": [p + 1 for p in f.pages if p != page],
            "top": (min(b.y0 for b in boxes), min(b.x0 for b in boxes))})
    findings.sort(key=lambda d: d["top"])
    manual = [{"id": m.id, "box": m.box, "ground": m.ground, "reviewer": m.reviewer,
               "decided_at": m.decided_at, "colour": ground_colour(m.ground)}
              for m in st.manual if m.box.page == page]
    info = entry.prop.pages[page]
    used = sorted({f["ground"] for f in findings if f["ground"]} | {m["ground"] for m in manual})
    return {"doc": entry, "state": st, "page": page, "info": info, "findings": findings,
            "manual": manual, "reviewed": st.reviewed.get(page),
            "pages": [{"n": p.index, "reviewed": p.index in st.reviewed,
                       "findings": sum(1 for f in st.findings if p.index in f.pages)}
                      for p in entry.prop.pages],
            "legend": [{"code": g, "colour": ground_colour(g), "text": GROUNDS.get(g, "")}
                       for g in used],
            "grounds": grounds_choices(), "blockers": st.blockers(),
            "result": store.last_result(entry.key)}


LOG_FILTERS = ("doc", "ground", "status", "entity", "reviewer", "q")


def log_rows(catalog: Catalog, store: Store, flt: dict[str, str]) -> tuple[list[dict], dict]:
    """Every finding and manual box in the dossier as the grounds log will show it."""
    rows: list[dict] = []
    options: dict[str, set[str]] = {"ground": set(), "status": set(), "entity": set(),
                                    "reviewer": set()}
    q = normalize(flt.get("q", ""))
    for e in catalog.entries():
        st: DocState = load_state(store, e)
        items = [{"doc": e.key, "nr": e.prop.document_nr, "rel": e.prop.rel,
                  "page": (f.pages[0] + 1) if f.pages else 1,
                  "pages": ", ".join(str(p + 1) for p in f.pages), "entity": f.entity_type,
                  "text": f.text, "ground": f.ground or "", "status": f.status,
                  "detector": f.detector, "score": round(f.score, 2), "reason": f.reason,
                  "reviewer": f.reviewer or "", "decided_at": f.decided_at or "",
                  "colour": ground_colour(f.ground)} for f in st.findings]
        items += [{"doc": e.key, "nr": e.prop.document_nr, "rel": e.prop.rel,
                   "page": m.box.page + 1, "pages": str(m.box.page + 1), "entity": "MANUAL",
                   "text": "", "ground": m.ground, "status": "accepted", "detector": "manual",
                   "score": 1.0, "reason": "manual redaction", "reviewer": m.reviewer,
                   "decided_at": m.decided_at, "colour": ground_colour(m.ground)}
                  for m in st.manual]
        for r in items:
            for k in options:
                if r[k]:
                    options[k].add(r[k])
            if flt.get("doc") and r["doc"] != flt["doc"]:
                continue
            if any(flt.get(k) and r[k] != flt[k] for k in ("ground", "status", "entity",
                                                             "reviewer")):
                continue
            if q and q not in normalize(r["text"]) and q not in normalize(r["reason"]):
                continue
            rows.append(r)
    return rows, {k: sorted(v) for k, v in options.items()}
