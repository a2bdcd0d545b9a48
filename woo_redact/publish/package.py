"""``woo-redact publish``: the publication package from a finished run.

    PKG/productierapport.xlsx   inventory in the publication platform's import format
    PKG/documenten.zip          <ID>.pdf for every document released (in part)
    PKG/diwoo/<ID>.xml          DiWoo 0.9.8 metadata per released document
    PKG/inventarislijst.xlsx    the inventory for the besluit
    PKG/README.txt              what is where

Built in a temporary folder next to PKG and renamed into place, so there is never half a
package. A released PDF goes in only if it is the file the run wrote (same SHA-256).
Documents the run quarantined are not decided, so they are left out (and listed in the
README); the package is then incomplete and the command says so.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..grounds_log import DOCUMENTS_JSON, DUPLICATE, INTERNAL_JSONL
from . import platform as pf
from .diwoo import Publisher, document_xml
from .names import Namer, removed_terms
from .report import Row, write_inventarislijst, write_productierapport

PRODUCTIERAPPORT = "productierapport.xlsx"
DOCUMENTS_ZIP = "documenten.zip"
DIWOO_DIR = "diwoo"
INVENTARISLIJST = "inventarislijst.xlsx"
README = "README.txt"


class PublishError(Exception):
    """The run cannot be published as it is (no run, a changed output)."""


@dataclass(slots=True)
class Package:
    rows: list[Row] = field(default_factory=list)
    released: list[str] = field(default_factory=list)
    left_out: list[dict] = field(default_factory=list)
    path: Path | None = None

    def summary(self) -> dict:
        return {"package": str(self.path), "rows": len(self.rows),
                "released": len(self.released),
                "duplicates": sum(1 for r in self.rows if pf.DUPLICATE_GROUND in r.grounds),
                "left_out": self.left_out}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _clean_id(doc: dict) -> str:
    value = str(doc.get("doc_id") or doc.get("document_nr") or "")
    return "".join(ch for ch in value if ch.isalnum())


def _title(name: str, doc_id: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return " ".join(stem.replace("_", " ").split()) or f"Document {doc_id}"


def build(run_dir: str | Path, pkg_dir: str | Path, *, publisher: Publisher,
          matter: str = "") -> Package:
    run_dir, pkg_dir = Path(run_dir), Path(pkg_dir)
    docs_file = run_dir / DOCUMENTS_JSON
    if not docs_file.is_file():
        raise PublishError(f"{run_dir} holds no finished run ({DOCUMENTS_JSON} missing); run "
                           "`woo-redact redact` or `woo-redact batch` first")
    if matter and not pf.MATTER_RE.match(matter):
        raise PublishError(f"matter {matter!r}: only letters, digits and - . _ ~ (1-255)")
    documents = json.loads(docs_file.read_text("utf-8"))["documents"]
    namer = Namer(removed_terms(run_dir / INTERNAL_JSONL))
    pkg = Package()
    status_of = {_clean_id(d): d["status"] for d in documents}
    released_files: list[tuple[str, Path]] = []
    for d in documents:
        doc_id = _clean_id(d)
        name = namer.public(Path(str(d.get("key") or d["rel"])).name)
        when = d.get("date") or ""
        common = dict(id=doc_id, document=name, date=when, family=d.get("family") or "",
                      thread=d.get("thread") or "", matter=matter)
        if d["status"] == "done":
            out = run_dir / d["output"]
            if not out.is_file():
                raise PublishError(f"released document {d['rel']} is missing from {run_dir}")
            if d.get("sha256_output") and _sha256(out) != d["sha256_output"]:
                raise PublishError(f"{out} changed after the run wrote it; run again")
            grounds = list(d.get("grounds") or [])
            pkg.rows.append(Row(judgement="Deels openbaar" if grounds else "Openbaar",
                                grounds=grounds, **common))
            released_files.append((doc_id, out))
        elif d["status"] == DUPLICATE:
            original = "".join(ch for ch in str(d.get("duplicate_of") or "") if ch.isalnum())
            if status_of.get(original) != "done":
                pkg.left_out.append({"id": doc_id, "document": name,
                                     "reason": f"copy of {original}, which was not released"})
                continue
            pkg.rows.append(Row(judgement="Niet openbaar", grounds=[pf.DUPLICATE_GROUND],
                                remark=f"Duplicaat van {original}", **common))
        else:
            pkg.left_out.append({"id": doc_id, "document": name,
                                 "reason": f"{d['status']}: {d.get('quarantine_kind') or ''}"
                                           .rstrip(": ")})
    pkg.released = [i for i, _ in released_files]
    tmp = pkg_dir.with_name(f".{pkg_dir.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / DIWOO_DIR).mkdir(parents=True)
    try:
        write_productierapport(tmp / PRODUCTIERAPPORT, pkg.rows)
        write_inventarislijst(tmp / INVENTARISLIJST, pkg.rows)
        with zipfile.ZipFile(tmp / DOCUMENTS_ZIP, "w", zipfile.ZIP_STORED) as z:
            for doc_id, out in released_files:
                z.write(out, f"{doc_id}.pdf")  # PDFs are compressed inside already
        rows = {r.id: r for r in pkg.rows}
        for doc_id, _ in released_files:
            r = rows[doc_id]
            created = r.date or date.today().isoformat()
            (tmp / DIWOO_DIR / f"{doc_id}.xml").write_bytes(
                document_xml(doc_id, _title(r.document, doc_id), created, publisher))
        (tmp / README).write_text(readme(pkg, publisher), "utf-8")
        if pkg_dir.exists():
            old = pkg_dir.with_name(f".{pkg_dir.name}.{os.getpid()}.old")
            os.replace(pkg_dir, old)
            os.replace(tmp, pkg_dir)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, pkg_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    pkg.path = pkg_dir
    return pkg


def readme(pkg: Package, publisher: Publisher) -> str:
    n_dup = sum(1 for r in pkg.rows if pf.DUPLICATE_GROUND in r.grounds)
    lines = [
        "Publicatiepakket Woo-besluit",
        "============================",
        "",
        f"Publicerende organisatie: {publisher.name}"
        + (f" ({publisher.uri})" if publisher.uri else ""),
        f"Documenten in de inventaris: {len(pkg.rows)}; openbaar of deels openbaar: "
        f"{len(pkg.released)}; niet openbaar als duplicaat: {n_dup}.",
        "",
        "Inhoud",
        "------",
        f"{PRODUCTIERAPPORT}  Het productierapport in het importformaat van het "
        "publicatieplatform (eerste tabblad,",
        "    kolommen ID, Document, Datum, Beoordeling, Beoordelingsgrond, Toelichting, Family,",
        "    Email Thread ID, Opgeschort, Matter). Eerst uploaden.",
        f"{DOCUMENTS_ZIP}  De gelakte documenten, één PDF per openbaar of deels openbaar "
        "document, met het ID als",
        "    bestandsnaam (<ID>.pdf). Na het productierapport uploaden.",
        f"{DIWOO_DIR}/<ID>.xml  DiWoo-metadata (versie 0.9.8) per openbaar gemaakt document.",
        f"{INVENTARISLIJST}  De inventarislijst bij het besluit.",
        f"{README}  Dit bestand.",
        "",
        "Duplicaten staan als 'Niet openbaar' met grond 'dubbel' in het productierapport; de",
        "toelichting noemt het ID van het document dat wel openbaar wordt gemaakt.",
        "Familie: een bijlage draagt het ID van de e-mail waar zij bij hoort.",
    ]
    if pkg.left_out:
        lines += ["", "Niet in dit pakket", "------------------",
                  "Deze documenten zijn niet beoordeeld (quarantaine) en ontbreken daarom; "
                  "handel ze eerst af:"]
        lines += [f"- {x['id']}  {x['document']}  ({x['reason']})" for x in pkg.left_out]
    return "\n".join(lines) + "\n"
