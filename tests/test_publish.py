"""The whole way: a mixed dossier redacted (one-shot and as a batch), then published. Checks
the bar: one redacted PDF per document, the copy listed and not redacted twice, no personal
data readable in any output, a productierapport that follows every rule of the platform's
reader, one zip member per released row, a DiWoo file per released document that passes our
check of the 0.9.8 schema. Also that both checks can fail."""

from __future__ import annotations

import json
import re
import shutil
import sys
import zipfile
from pathlib import Path

import pymupdf
import pytest

from woo_redact.cli import main
from woo_redact.publish import platform as pf
from woo_redact.publish.diwoo_check import check_diwoo
from woo_redact.publish.report import check_productierapport, read_rows

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "fixtures" / "dossier"))
import build as dossier_build  # noqa: E402

PRIVATE = {"grounds-log.internal.jsonl", "grounds-log.internal.csv", "batch-manifest.sqlite",
           "batch-manifest.sqlite-wal", "batch-manifest.sqlite-shm"}
PUBLISHER = "ministerie van Volksgezondheid, Welzijn en Sport"

pytestmark = pytest.mark.slow


def norm(text: str) -> str:
    return " ".join(text.split()).lower()


def readable_text(path: Path) -> str:
    """Everything a reader of this output file could see."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        with pymupdf.open(path) as pdf:
            return " ".join([p.get_text() for p in pdf] + [str(v) for v in pdf.metadata.values()]
                            + [str(pdf.get_xml_metadata())])
    if suffix == ".xlsx":
        from openpyxl import load_workbook
        wb = load_workbook(path, read_only=True)
        return " ".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                        for v in row if v is not None)
    if suffix == ".zip":
        out = []
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                out.append(name)
                with pymupdf.open("pdf", z.read(name)) as pdf:
                    out += [p.get_text() for p in pdf] + [str(v) for v in pdf.metadata.values()]
        return " ".join(out)
    return path.read_text("utf-8", errors="replace")


def leaks(folder: Path, sensitive: list[str]) -> dict[str, list[str]]:
    found = {}
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if not path.is_file() or path.name in PRIVATE or rel.parts[0] == "quarantine":
            continue
        text = norm(readable_text(path) + " " + str(rel))
        hit = [s for s in sensitive if norm(s) in text]
        if hit:
            found[str(rel)] = hit
    return found


@pytest.fixture(scope="module")
def dossier(tmp_path_factory):
    src = tmp_path_factory.mktemp("dossier")
    truth = dossier_build.build(src)
    return src, truth


@pytest.fixture(scope="module")
def published(dossier, tmp_path_factory):
    src, truth = dossier
    base = tmp_path_factory.mktemp("run")
    out, pkg = base / "out", base / "pkg"
    assert main(["redact", str(src), "--out", str(out)]) == 0
    assert main(["publish", str(out), "--to", str(pkg), "--publisher", PUBLISHER]) == 0
    return out, pkg, truth


def test_one_redacted_pdf_per_document_and_the_copies_listed(published):
    out, _, truth = published
    docs = json.loads((out / "documents.json").read_text("utf-8"))["documents"]
    by_key = {d["key"]: d for d in docs}
    assert set(by_key) == set(truth["documents"])
    copies = {k for k, v in truth["documents"].items() if "duplicate_of" in v}
    for key, d in by_key.items():
        if key in copies:
            original = by_key[truth["documents"][key]["duplicate_of"]]
            assert d["status"] == "duplicate" and d["duplicate_of"] == original["doc_id"]
            assert not (out / d["rel"]).exists()
        else:
            assert d["status"] == "done" and (out / d["output"]).is_file(), key
    made = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf")
                  if "quarantine" not in p.parts)
    assert made == sorted(d["output"] for d in docs if d["status"] == "done")
    assert not (out / ".work").exists()


def test_no_personal_data_readable_in_any_output(published):
    out, pkg, truth = published
    assert leaks(out, truth["sensitive"]) == {}
    assert leaks(pkg, truth["sensitive"]) == {}
    released = " ".join(readable_text(p) for p in out.rglob("*.pdf"))
    for keep in truth["keep"]:
        assert norm(keep) in norm(released), keep


def test_productierapport_follows_the_platform_rules(published):
    out, pkg, truth = published
    names = zipfile.ZipFile(pkg / "documenten.zip").namelist()
    assert check_productierapport(pkg / "productierapport.xlsx", names) == []
    header, rows = read_rows(pkg / "productierapport.xlsx")
    assert header == pf.HEADERS
    docs = {d["doc_id"]: d for d in
            json.loads((out / "documents.json").read_text("utf-8"))["documents"]}
    by_key = {d["key"]: d["doc_id"] for d in docs.values()}
    rows = {r[0]: dict(zip(pf.HEADERS, r)) for r in rows}
    assert set(rows) == set(docs)
    released = {i for i, r in rows.items() if r["Beoordeling"] in pf.RELEASED}
    assert sorted(names) == sorted(f"{i}.pdf" for i in released)
    for key, want in truth["documents"].items():
        r = rows[by_key[key]]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["Datum"])
        assert r["ID"].isalnum()
        if "duplicate_of" in want:
            original = by_key[want["duplicate_of"]]
            assert (r["Beoordeling"], r["Beoordelingsgrond"]) == ("Niet openbaar", "dubbel")
            assert original in r["Toelichting"] and original in released
        else:
            assert r["Beoordeling"] == "Deels openbaar" and re.fullmatch(
                r"5\.\d\.\d?[a-i]?(;5\.\d\.\d?[a-i]?)*", r["Beoordelingsgrond"])
        if "family" in want:
            assert r["Family"] == by_key[want["family"]]
    first = rows[by_key["mail/aanvraag-subsidie.eml"]]
    assert first["Email Thread ID"] and \
        rows[by_key["mail/reactie-subsidieloket.msg"]]["Email Thread ID"] == \
        first["Email Thread ID"]
    assert first["Family"] == first["ID"]


def test_diwoo_per_released_document(published):
    _, pkg, _ = published
    names = {n[:-4] for n in zipfile.ZipFile(pkg / "documenten.zip").namelist()}
    xmls = {p.stem: p for p in (pkg / "diwoo").glob("*.xml")}
    assert set(xmls) == names
    for doc_id, path in xmls.items():
        data = path.read_bytes()
        assert check_diwoo(data) == [], doc_id
        assert f"<diwoo:identifier>{doc_id}</diwoo:identifier>".encode() in data
        assert b"tooi/id/ministerie/mnre1025" in data
    assert (pkg / "README.txt").read_text("utf-8").count("productierapport.xlsx") >= 1
    assert (pkg / "inventarislijst.xlsx").is_file()


def test_the_checks_catch_broken_reports_and_metadata(published, tmp_path):
    from openpyxl import load_workbook

    _, pkg, _ = published
    names = zipfile.ZipFile(pkg / "documenten.zip").namelist()
    broken = tmp_path / "p.xlsx"
    wb = load_workbook(pkg / "productierapport.xlsx")
    ws = wb.worksheets[0]
    ws["D2"] = "openbaar gemaakt"          # not one of the four judgements
    ws["E3"] = "5.1.2.e"                   # dotted ground
    ws["C4"] = 45000                       # a date as an Excel number
    ws["G5"] = "abc"                       # family not a number
    ws["J6"] = "a b"                       # matter with a space
    ws["A7"] = ws["A8"].value              # a repeated ID
    wb.save(broken)
    problems = " | ".join(check_productierapport(broken, names[1:]))
    for expect in ("row 2: Beoordeling", "row 3: ground '5.1.2.e'", "row 4: Datum",
                   "row 5: Family", "row 6: Matter", "repeats row", "documents zip: "):
        assert expect in problems, expect
    ws.delete_cols(10)  # no Matter column: the platform refuses the file
    wb.save(broken)
    assert any("'matter' missing" in p for p in check_productierapport(broken))

    good = next((pkg / "diwoo").glob("*.xml")).read_text("utf-8")
    no_publisher = re.sub(r"\s*<diwoo:publisher[^>]*>[^<]*</diwoo:publisher>", "", good)
    assert "DiWoo: required element publisher missing" in check_diwoo(no_publisher.encode())
    bad_category = good.replace("c_3baef532", "c_00000000")
    assert any("not a value of its TOOI list" in p for p in check_diwoo(bad_category.encode()))
    twice = good.replace("<diwoo:creatiedatum>", "<diwoo:creatiedatum>2023-01-01"
                         "</diwoo:creatiedatum><diwoo:creatiedatum>", 1)
    assert any("occurs 2 times" in p for p in check_diwoo(twice.encode()))
    bad_time = re.sub(r"<diwoo:atTime>[^<]*", "<diwoo:atTime>2023-13-01", good)
    assert any("atTime" in p for p in check_diwoo(bad_time.encode()))


def test_batch_gives_the_same_dossier_and_quarantines_hostile_files(dossier, published,
                                                                    tmp_path, capsys):
    src, truth = dossier
    out, _, _ = published
    batch_src = tmp_path / "src"
    shutil.copytree(src, batch_src)
    for rel, data in dossier_build.bad_files().items():
        (batch_src / rel).parent.mkdir(parents=True, exist_ok=True)
        (batch_src / rel).write_bytes(data)
    bout = tmp_path / "bout"
    code = main(["batch", str(batch_src), str(bout), "--workers", "1", "--progress", "none",
                 "--json"])
    summary = json.loads(capsys.readouterr().out)
    assert code == 1
    kinds = {q["document"].split("/")[1]: q["kind"] for q in summary["quarantined"]}
    assert kinds == {"afgebroken.pdf": "corrupt", "geen-mail.eml": "corrupt",
                     "te-diep": "zip_bomb", "zipbom.zip": "zip_bomb"}
    for q in summary["quarantined"]:
        assert q["reason"]
    one_shot = {d["key"]: (d["doc_id"], d["status"], d["duplicate_of"]) for d in json.loads(
        (out / "documents.json").read_text("utf-8"))["documents"]}
    batch = {d["key"]: (d["doc_id"], d["status"], d["duplicate_of"]) for d in json.loads(
        (bout / "documents.json").read_text("utf-8"))["documents"] if d["key"] in one_shot}
    assert batch == one_shot
    assert leaks(bout, truth["sensitive"]) == {}
    pkg = tmp_path / "pkg"
    assert main(["publish", str(bout), "--to", str(pkg)]) == 1  # written, four left out
    readme = (pkg / "README.txt").read_text("utf-8")
    assert readme.count("quarantined") == 4
    names = zipfile.ZipFile(pkg / "documenten.zip").namelist()
    assert check_productierapport(pkg / "productierapport.xlsx", names) == []
