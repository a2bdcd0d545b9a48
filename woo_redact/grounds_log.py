"""Log: the grounds log per redaction, and the inventarislijst per document.

Two grounds logs per run: an internal one that holds the removed text (mode 0600, for the Woo
officer and reviewers) and a public one without it (fit to publish with the decision). Every
row and every inventory line names the document's family and e-mail thread; ``documents.json``
lists every document of the dossier (copies of a released document too) with its verdict, for
``woo-redact publish``.
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .grounds import GROUNDS

INTERNAL_JSONL = "grounds-log.internal.jsonl"
INTERNAL_CSV = "grounds-log.internal.csv"
PUBLIC_JSONL = "grounds-log.public.jsonl"
PUBLIC_CSV = "grounds-log.public.csv"
INVENTORY_CSV = "inventarislijst.csv"
INVENTORY_XLSX = "inventarislijst.xlsx"
SUMMARY_JSON = "summary.json"
DOCUMENTS_JSON = "documents.json"
DUPLICATE = "duplicate"  # DocResult status of a copy that is listed, not redacted again

PUBLIC_FIELDS = ["run_id", "document_nr", "document", "finding_id", "page", "x0", "y0", "x1",
                 "y1", "entity_type", "ground", "ground_text", "action", "status", "detector",
                 "score", "reason", "reviewer", "decided_at", "sha256_input", "sha256_output",
                 "family", "thread"]
INTERNAL_FIELDS = PUBLIC_FIELDS + ["text", "explanation"]
INVENTORY_FIELDS = ["Documentnummer", "Bestandsnaam", "Beoordeling", "Beoordelingsgronden",
                    "Aantal lakkingen", "Familie", "E-mailthread", "Opmerking"]


def _private_open(path: Path):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.chmod(path, 0o600)  # umask or an older file must not widen it
    return os.fdopen(fd, "w", encoding="utf-8", newline="")


@dataclass
class RunLog:
    out_dir: Path
    run_id: str = field(default_factory=lambda: datetime.now(timezone.utc).strftime(
        "%Y%m%dT%H%M%SZ"))
    inventory: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    quarantined: list[dict] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)
    done: int = 0
    pages: int = 0

    def __post_init__(self):
        self.out_dir = Path(self.out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._ij = _private_open(self.out_dir / INTERNAL_JSONL)
        self._ic = _private_open(self.out_dir / INTERNAL_CSV)
        self._pj = open(self.out_dir / PUBLIC_JSONL, "w", encoding="utf-8")
        self._pc = open(self.out_dir / PUBLIC_CSV, "w", encoding="utf-8", newline="")
        self._icw = csv.DictWriter(self._ic, INTERNAL_FIELDS)
        self._pcw = csv.DictWriter(self._pc, PUBLIC_FIELDS)
        self._icw.writeheader()
        self._pcw.writeheader()

    def add(self, res, document_nr: str, info: dict | None = None) -> None:
        """Log one DocResult (see pipeline.DocResult); ``info`` is what the dossier knows of
        the document (family, thread, the original of a copy; see inputs.dossier)."""
        info = info or {}
        self.pages += res.pages
        if res.status == "quarantined":
            self.quarantined.append({"document_nr": document_nr, "document": res.rel,
                                     "kind": res.kind, "reason": res.reason})
        elif res.status == "done":
            self.done += 1
        if getattr(res, "notes", None):
            self.notes.append({"document_nr": document_nr, "document": res.rel,
                               "notes": list(res.notes)})
        for row in self.rows(res, document_nr, info):
            public = {k: row[k] for k in PUBLIC_FIELDS}
            # The public log lists what was redacted; what stayed visible is internal.
            if row["status"] == "accepted":
                self._pj.write(json.dumps(public, ensure_ascii=False) + "\n")
                self._pcw.writerow(public)
            self._ij.write(json.dumps(row, ensure_ascii=False) + "\n")
            self._icw.writerow(row)
            if row["status"] == "accepted":
                key = f"{row['ground']} {row['entity_type']}"
                self.counts[key] = self.counts.get(key, 0) + 1
        self.inventory.append(self.inventory_row(res, document_nr, info))
        self.documents.append(self.document_entry(res, document_nr, info))

    def rows(self, res, document_nr: str, info: dict | None = None):
        info = info or {}
        base = {"run_id": self.run_id, "document_nr": document_nr, "document": res.rel,
                "sha256_input": res.sha256_in, "sha256_output": res.sha256_out or "",
                "family": info.get("family", ""), "thread": info.get("thread", "")}
        for f in res.findings:
            boxes = f.boxes or [None]
            for b in boxes:
                yield {**base, "finding_id": f.id, "page": (b.page + 1) if b else "",
                       "x0": round(b.x0, 1) if b else "", "y0": round(b.y0, 1) if b else "",
                       "x1": round(b.x1, 1) if b else "", "y1": round(b.y1, 1) if b else "",
                       "entity_type": f.entity_type, "ground": f.ground or "",
                       "ground_text": GROUNDS.get(f.ground or "", ""), "action": f.action or "",
                       "status": f.status, "detector": f.detector, "score": round(f.score, 3),
                       "reason": f.reason, "reviewer": f.reviewer or "",
                       "decided_at": f.decided_at or "", "text": f.text,
                       "explanation": f.explanation}
        for m in res.manual:
            yield {**base, "finding_id": "manual", "page": m.box.page + 1,
                   "x0": round(m.box.x0, 1), "y0": round(m.box.y0, 1),
                   "x1": round(m.box.x1, 1), "y1": round(m.box.y1, 1),
                   "entity_type": "MANUAL", "ground": m.label,
                   "ground_text": GROUNDS.get(m.label, ""), "action": "redact",
                   "status": "accepted", "detector": "manual", "score": 1.0,
                   "reason": "manual redaction", "reviewer": getattr(m, "reviewer", "") or "",
                   "decided_at": getattr(m, "decided_at", "") or "", "text": "",
                   "explanation": ""}

    @staticmethod
    def grounds_of(res) -> list[str]:
        return sorted({f.ground for f in res.applied if f.ground} | {m.label for m in res.manual})

    @classmethod
    def inventory_row(cls, res, document_nr: str, info: dict | None = None) -> dict:
        info = info or {}
        grounds = cls.grounds_of(res)
        n = res.redaction_count
        if res.status == "quarantined":
            verdict, note = "nog niet beoordeeld", f"quarantaine: {res.kind}"
        elif res.status == "planned":
            verdict, note = "voorstel", "proefrun (--dry-run)"
        elif res.status == DUPLICATE:
            verdict, note = "niet openbaar", f"dubbel van {info.get('duplicate_of', '')}"
        else:
            verdict, note = ("deels openbaar" if n else "openbaar"), ""
        return {"Documentnummer": document_nr, "Bestandsnaam": res.rel, "Beoordeling": verdict,
                "Beoordelingsgronden": ", ".join(grounds), "Aantal lakkingen": n,
                "Familie": info.get("family", ""), "E-mailthread": info.get("thread", ""),
                "Opmerking": note}

    def document_entry(self, res, document_nr: str, info: dict) -> dict:
        output = ""
        if res.status == "done" and res.output:
            try:
                output = Path(res.output).resolve().relative_to(
                    self.out_dir.resolve()).as_posix()
            except ValueError:
                output = str(res.output)
        return {"document_nr": document_nr, "doc_id": info.get("doc_id", document_nr),
                "key": info.get("key", res.rel), "rel": res.rel,
                "kind": info.get("kind", "pdf"), "family": info.get("family", ""),
                "thread": info.get("thread", ""), "date": info.get("date", ""),
                "duplicate_of": info.get("duplicate_of", ""),
                "duplicate_reason": info.get("duplicate_reason", ""), "status": res.status,
                "quarantine_kind": res.kind if res.status == "quarantined" else "",
                "reason": res.reason if res.status == "quarantined" else "",
                "output": output, "sha256_output": res.sha256_out or "", "pages": res.pages,
                "grounds": self.grounds_of(res),
                "redactions": res.redaction_count}

    def close(self) -> dict:
        for f in (self._ij, self._ic, self._pj, self._pc):
            f.close()
        with open(self.out_dir / INVENTORY_CSV, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, INVENTORY_FIELDS, delimiter=";")
            w.writeheader()
            w.writerows(self.inventory)
        _write_xlsx(self.out_dir / INVENTORY_XLSX, self.inventory)
        (self.out_dir / DOCUMENTS_JSON).write_text(json.dumps(
            {"run_id": self.run_id, "documents": self.documents}, ensure_ascii=False,
            indent=1) + "\n", "utf-8")
        duplicates = [d for d in self.documents if d["status"] == DUPLICATE]
        summary = {"run_id": self.run_id, "documents": len(self.inventory), "done": self.done,
                   "quarantined": self.quarantined, "notes": self.notes, "pages": self.pages,
                   "duplicates": [{"document_nr": d["document_nr"], "document": d["rel"],
                                   "duplicate_of": d["duplicate_of"]} for d in duplicates],
                   "redactions_by_ground_and_type": dict(sorted(self.counts.items()))}
        (self.out_dir / SUMMARY_JSON).write_text(
            json.dumps(summary, ensure_ascii=False, indent=2) + "\n", "utf-8")
        return summary


def _write_xlsx(path: Path, rows: list[dict]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Inventarislijst"
    ws.append(INVENTORY_FIELDS)
    for r in rows:
        ws.append([r[k] for k in INVENTORY_FIELDS])
    wb.save(path)
