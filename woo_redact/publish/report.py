"""The productierapport (inventory the publication platform imports) and the inventarislijst
for the besluit: rows from a finished run's documents, written as .xlsx, and our own check
of a productierapport against the platform's rules (``platform.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..grounds import GROUNDS
from . import platform as pf


@dataclass(slots=True)
class Row:
    id: str
    document: str
    date: str
    judgement: str
    grounds: list[str]
    remark: str = ""
    family: str = ""
    thread: str = ""
    suspended: str = ""
    matter: str = ""

    def cells(self) -> list[str]:
        return [self.id, self.document, self.date, self.judgement, ";".join(self.grounds),
                self.remark, self.family, self.thread, self.suspended, self.matter]


def write_productierapport(path: Path, rows: list[Row]) -> None:
    """First sheet, headers in row 1, every value a text cell (IDs and dates must not turn
    into numbers or Excel dates)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Productierapport"
    ws.append(pf.HEADERS)
    for r in rows:
        ws.append(r.cells())
    for row in ws.iter_rows(min_row=1):
        for cell in row:
            cell.number_format = "@"
            cell.data_type = "s"
    for col, width in zip("ABCDEFGHIJ", (12, 40, 12, 16, 20, 36, 12, 16, 11, 10)):
        ws.column_dimensions[col].width = width
    wb.save(path)


INVENTORY_HEADERS = ["Nr.", "Document", "Datum", "Beoordeling", "Weigeringsgronden",
                     "Familie", "E-mailthread", "Toelichting"]


def write_inventarislijst(path: Path, rows: list[Row]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Inventarislijst"
    ws.append(INVENTORY_HEADERS)
    for c in ws[1]:
        c.font = Font(bold=True)
    for r in rows:
        ws.append([r.id, r.document, r.date, r.judgement, ", ".join(r.grounds), r.family,
                   r.thread, r.remark])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.number_format = "@"
            cell.data_type = "s"
    for col, width in zip("ABCDEFGH", (12, 44, 12, 16, 22, 12, 14, 36)):
        ws.column_dimensions[col].width = width
    wb.save(path)


# -- our check of a productierapport ---------------------------------------------------------
def read_rows(path: Path) -> tuple[list, list[list]]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    ws = wb.worksheets[0]  # the platform reads only the first sheet
    values = [list(r) for r in ws.iter_rows(values_only=True)]
    wb.close()
    return (values[0] if values else []), [r for r in values[1:]
                                          if any(v not in (None, "") for v in r)]


def check_productierapport(path: Path, zip_names: list[str] | None = None) -> list[str]:
    """Every rule of ``platform.py`` that a row or the header can break; empty when the file
    would import. With ``zip_names`` it also checks that every released row has exactly one
    PDF in the documents zip that the platform matches to it, and nothing else is there."""
    problems: list[str] = []
    header, rows = read_rows(path)
    keys = [pf.header_key(h) for h in header]
    col: dict[str, int] = {}
    for field, (required, names) in pf.FIELDS.items():
        where = [i for i, k in enumerate(keys) if k in names]
        if where:
            col[field] = where[0]
        elif required:
            problems.append(f"header: required column for {field!r} missing")
    if [str(h) for h in header[:len(pf.HEADERS)]] != pf.HEADERS:
        problems.append(f"header: expected {pf.HEADERS}, found {header}")
    if problems:
        return problems

    def cell(r, field):
        i = col.get(field)
        v = r[i] if i is not None and i < len(r) else None
        return v

    seen: dict[str, str] = {}
    released: set[str] = set()
    for n, r in enumerate(rows, start=2):
        where = f"row {n}"
        rid = cell(r, "id")
        if not isinstance(rid, str):
            problems.append(f"{where}: ID is not a text cell ({rid!r})")
            rid = str(rid or "")
        if not pf.ID_RE.match(rid) or not pf.OUR_ID_RE.match(rid):
            problems.append(f"{where}: ID {rid!r} is not purely alphanumeric (1-170)")
        if rid.lower() in seen:
            problems.append(f"{where}: ID {rid!r} repeats row {seen[rid.lower()]}")
        seen[rid.lower()] = str(n)
        doc = str(cell(r, "document") or "")
        if not doc.strip():
            problems.append(f"{where}: Document is empty")
        if len(doc.encode("utf-8")) > pf.MAX_DOCUMENT_BYTES:
            problems.append(f"{where}: Document longer than {pf.MAX_DOCUMENT_BYTES} bytes")
        judgement = cell(r, "judgement")
        if judgement not in pf.JUDGEMENTS:
            problems.append(f"{where}: Beoordeling {judgement!r} is not one of "
                            f"{list(pf.JUDGEMENTS)}")
        if judgement in pf.RELEASED:
            released.add(rid)
        grounds_cell = cell(r, "ground")
        grounds_text = "" if grounds_cell is None else str(grounds_cell)
        grounds = [g.strip() for g in grounds_text.split(";") if g.strip()]
        if grounds_text and ";".join(grounds) != grounds_text:
            problems.append(f"{where}: grounds {grounds_text!r} not written as 'a;b'")
        for g in grounds:
            if g not in GROUNDS and g != pf.DUPLICATE_GROUND:
                problems.append(f"{where}: ground {g!r} is not a Woo ground like 5.1.2e")
        if judgement == "Deels openbaar" and not grounds:
            problems.append(f"{where}: Deels openbaar without a ground")
        if judgement == "Openbaar" and grounds:
            problems.append(f"{where}: Openbaar with grounds {grounds}")
        remark = str(cell(r, "remark") or "")
        if len(remark) > pf.MAX_REMARK_CHARS:
            problems.append(f"{where}: Toelichting longer than {pf.MAX_REMARK_CHARS}")
        if pf.DUPLICATE_GROUND in grounds:
            if judgement != "Niet openbaar":
                problems.append(f"{where}: a duplicate must be Niet openbaar")
        d = cell(r, "date")
        if d not in (None, ""):
            if not isinstance(d, str) or not pf.DATE_RE.match(d):
                problems.append(f"{where}: Datum {d!r} is not text YYYY-MM-DD")
            else:
                try:
                    date.fromisoformat(d)
                except ValueError:
                    problems.append(f"{where}: Datum {d!r} is not a date")
        for field, label in (("family", "Family"), ("threadid", "Email Thread ID")):
            v = cell(r, field)
            if v in (None, ""):
                continue
            text = str(v)
            if not text.isdigit() or not 1 <= int(text) <= pf.MAX_INT:
                problems.append(f"{where}: {label} {v!r} is not a whole number 1..2^31-1")
        m = cell(r, "matter")
        if m not in (None, "") and not pf.MATTER_RE.match(str(m)):
            problems.append(f"{where}: Matter {m!r} has characters the platform refuses")
        s = str(cell(r, "suspended") or "").strip().lower()
        if s not in pf.TRUE_WORDS | pf.FALSE_WORDS:
            problems.append(f"{where}: Opgeschort {s!r} is neither yes nor no")
    ids = {k.lower() for k in seen}
    for n, r in enumerate(rows, start=2):
        grounds = str(cell(r, "ground") or "").split(";")
        if pf.DUPLICATE_GROUND in grounds:
            named = [w for w in str(cell(r, "remark") or "").replace(".", " ").split()
                     if w.lower() in ids and w.lower() in {x.lower() for x in released}]
            if not named:
                problems.append(f"row {n}: a duplicate's Toelichting must name the released "
                                f"ID")
    if zip_names is not None:
        matched: dict[str, list[str]] = {}
        for name in zip_names:
            matched.setdefault(pf.file_id(name).lower(), []).append(name)
            if not name.lower().endswith(".pdf"):
                problems.append(f"documents zip: {name} is not a PDF")
        for rid in released:
            if len(matched.get(rid.lower(), [])) != 1:
                problems.append(f"documents zip: {len(matched.get(rid.lower(), []))} files "
                                f"for released ID {rid}")
        for key, names in matched.items():
            if key not in {r.lower() for r in released}:
                problems.append(f"documents zip: {names} match no released row")
    return problems
