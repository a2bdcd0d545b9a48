"""``woo-redact batch``: manifest and resume, bad inputs, time-outs, and a real SIGKILL."""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pymupdf
import pytest

from conftest import ROOT, make_pdf
from woo_redact.batch.manifest import (APPLYING, DETECTED, DETECTING, DONE, MISSING, PENDING,
                                       Manifest, Seen)

FIRST = ["Jeroen", "Sanne", "Pieter", "Fatima", "Kees", "Anouk", "Mehmet", "Lotte"]
LAST = ["Bakhuis", "Verhoeven", "Dijkstra", "El Amrani", "Hoogland", "Brouwer", "Yilmaz",
        "Vermeulen"]


def person(i: int) -> tuple[str, str, str]:
    first, last = FIRST[i % len(FIRST)], LAST[(i * 3 + 1) % len(LAST)]
    email = f"{first.lower()}.{last.lower().replace(' ', '')}@minjenv.nl"
    phone = f"06-{12345600 + i:08d}"
    return f"{first} {last}", email, phone


def make_letter(path: Path, i: int, pages: int = 1) -> tuple[str, str, str]:
    """A small memo with a person's name, e-mail address and phone number."""
    name, email, phone = person(i)
    first = [(72, 80, f"Van: {name} <{email}>"),
             (72, 94, "Aan: woo@minjenv.nl"),
             (72, 122, f"Onderwerp: verzoek {i} om informatie over de subsidieregeling"),
             (72, 150, f"Bel mij gerust op {phone} als er vragen zijn over dit dossier."),
             (72, 178, "Met vriendelijke groet,"),
             (72, 192, name)]
    rest = [[(72, 80, f"Bijlage {p}: de beoordeling van de aanvraag is nog niet afgerond.")]
            for p in range(2, pages + 1)]
    path.parent.mkdir(parents=True, exist_ok=True)
    make_pdf(path, [first, *rest])
    return name, email, phone


def text_of(path: Path) -> str:
    with pymupdf.open(path) as d:
        return " ".join(" ".join(p.get_text() for p in d).split())


def manifest_rows(out: Path) -> list[sqlite3.Row]:
    db = sqlite3.connect(f"file:{out / 'batch-manifest.sqlite'}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        return db.execute("SELECT * FROM documents ORDER BY doc_nr").fetchall()
    finally:
        db.close()


# -- the manifest on its own ---------------------------------------------------------------
def test_manifest_resume_rules(tmp_path):
    m = Manifest(tmp_path / "m.sqlite")
    st = m.sync([Seen("/a/x.pdf", "x.pdf", "s1", 10), Seen("/a/y.pdf", "y.pdf", "s2", 20),
                 Seen("/a/z.pdf", "z.pdf", "s3", 30)])
    assert (st.new, st.changed, st.missing) == (3, 0, 0)
    ids = m.ids(PENDING)
    assert [m.get(i)["doc_nr"] for i in ids] == [3, 2, 1]  # handed out largest first
    x, y, z = sorted(ids, key=lambda i: m.get(i)["doc_nr"])
    m.start(x, DETECTING)
    m.detected(y, pages=2, proposal="[]", ocr_pages=[], names=[], timings={})
    m.start(y, APPLYING)
    m.detected(z, pages=1, proposal="[]", ocr_pages=[], names=[], timings={})
    m.done(z, findings="[]", output="/o/z.pdf", sha256_out="o3", counts={}, timings={},
           book="b")
    m.close()

    # A new run: interrupted rows go back one step, a changed file starts over, a vanished
    # one is missing, a new one gets the next number; the done one stays done.
    m = Manifest(tmp_path / "m.sqlite")
    st = m.sync([Seen("/a/x.pdf", "x.pdf", "s1", 10), Seen("/a/z.pdf", "z.pdf", "s3-new", 31),
                 Seen("/a/w.pdf", "w.pdf", "s4", 40)])
    assert (st.new, st.changed, st.missing, st.interrupted) == (1, 1, 1, 1)
    assert m.get(x)["status"] == PENDING
    assert m.get(y)["status"] == MISSING
    assert m.get(z)["status"] == PENDING and m.get(z)["findings"] is None
    w = [i for i in m.ids(PENDING) if m.get(i)["rel"] == "w.pdf"][0]
    assert m.get(w)["doc_nr"] == 4

    # y comes back unchanged: it resumes where it was (detected, its apply redone).
    st = m.sync([Seen("/a/x.pdf", "x.pdf", "s1", 10), Seen("/a/y.pdf", "y.pdf", "s2", 20),
                 Seen("/a/z.pdf", "z.pdf", "s3-new", 31), Seen("/a/w.pdf", "w.pdf", "s4", 40)])
    assert m.get(y)["status"] == DETECTED and m.get(y)["doc_nr"] == 2
    m.done(y, findings="[]", output="/o/y.pdf", sha256_out="o2", counts={}, timings={},
           book="b")
    st = m.sync([Seen("/a/y.pdf", "y.pdf", "s2", 20)])
    assert st.unchanged == 1 and m.get(y)["status"] == DONE

    # Another policy makes every result stale.
    assert m.use_config("policy-1") is False
    assert m.use_config("policy-1") is False
    assert m.use_config("policy-2") is True
    assert m.get(y)["status"] == PENDING
    m.quarantined(x, kind="corrupt", reason="cannot open PDF")
    assert m.retry_quarantined() == 1 and m.get(x)["status"] == PENDING
    assert m.get(x)["kind"] == ""
    m.close()
    assert oct(os.stat(tmp_path / "m.sqlite").st_mode & 0o777) == "0o600"


def test_one_batch_per_output_folder(tmp_path):
    from woo_redact.batch.runner import lock_output

    first = lock_output(tmp_path)
    with pytest.raises(RuntimeError, match="another batch is running"):
        lock_output(tmp_path)
    first.close()
    lock_output(tmp_path).close()  # free again once the first run ends


# -- end to end ----------------------------------------------------------------------------
def _batch_cmd(src: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "woo_redact", "batch", str(src), str(out), *extra]


def _descendants(pid: int) -> list[int]:
    parent: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                status = (d / "status").read_text()
            except OSError:
                continue
            ppid = status.split("\nPPid:\t", 1)[1].split("\n", 1)[0]
            parent[int(d.name)] = int(ppid)
    out, frontier = [], [pid]
    while frontier:
        kids = [c for c, p in parent.items() if p in frontier]
        out += kids
        frontier = kids
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _temp_files(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".")]


@pytest.mark.slow
def test_sigkill_midway_then_rerun_finishes_every_document_once(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    n = 32
    people = {}
    for i in range(n):
        rel = f"map{i % 3}/brief-{i:02d}.pdf"
        people[rel] = make_letter(src / rel, i, pages=3)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(_batch_cmd(src, out, "--workers", "2", "--progress", "log",
                                       "--log-every", "1"),
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    workers: list[int] = []
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if (out / "batch-manifest.sqlite").exists():
                try:
                    rows = manifest_rows(out)
                except sqlite3.OperationalError:
                    rows = []  # schema not created yet
                if sum(r["status"] == DONE for r in rows) >= 3:
                    workers = _descendants(proc.pid)
                    proc.send_signal(signal.SIGKILL)
                    break
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL, err.decode()[-2000:]
    assert len(workers) >= 3, "the batch ran no worker processes"  # zygote + 2 workers
    for _ in range(100):  # workers die with the coordinator
        if not any(_alive(w) for w in workers):
            break
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers)

    rows = manifest_rows(out)
    done_at_kill = {r["rel"]: r["updated_at"] for r in rows if r["status"] == DONE}
    assert 3 <= len(done_at_kill) < n, "the kill must come while documents are in flight"
    mtimes = {rel: (out / rel).stat().st_mtime_ns for rel in done_at_kill}
    # Nothing but complete outputs carry a final name, even right after the kill.
    for p in out.rglob("*.pdf"):
        if not p.name.startswith("."):
            with pymupdf.open(p) as d:
                assert d.page_count == 3

    rerun = subprocess.run(_batch_cmd(src, out, "--workers", "2", "--json", "--progress",
                                      "none"),
                           cwd=ROOT, env=env, capture_output=True, timeout=240)
    assert rerun.returncode == 0, rerun.stderr.decode()[-3000:]
    summary = json.loads(rerun.stdout)
    assert summary["done"] == n and summary["quarantined"] == []
    # Done documents were not redone; every other one was done in this run.
    assert summary["run"]["redacted"] == n - len(done_at_kill)

    rows = manifest_rows(out)
    print(f"kill test: {len(done_at_kill)}/{n} done at SIGKILL, {len(workers)} processes "
          f"stopped with it; rerun: {summary['run']}")
    assert len(rows) == n and len({r["rel"] for r in rows}) == n
    assert sorted(r["doc_nr"] for r in rows) == list(range(1, n + 1))
    for r in rows:
        assert r["status"] == DONE and r["kind"] == "" and r["sha256_out"]
        if r["rel"] in done_at_kill:
            assert r["updated_at"] == done_at_kill[r["rel"]]
            assert (out / r["rel"]).stat().st_mtime_ns == mtimes[r["rel"]]
    assert _temp_files(out) == []
    assert not (out / "quarantine").exists() or not any((out / "quarantine").rglob("*.pdf"))
    for rel, (name, email, phone) in people.items():
        text = text_of(out / rel)
        assert email not in text and phone not in text, rel
        assert "5.1.2e" in text
    with open(out / "inventarislijst.csv", encoding="utf-8") as f:
        inv = list(csv.DictReader(f, delimiter=";"))
    assert sorted(r["Bestandsnaam"] for r in inv) == sorted(people)
    assert len({r["Documentnummer"] for r in inv}) == n


def _long_pdf(path: Path, pages: int) -> None:
    """Many pages of ordinary text, fast to make: one page, copied."""
    one = pymupdf.open()
    text = "\n".join(f"Regel {k}: de gemeente heeft het verzoek van burger {k} ontvangen en "
                     f"doorgestuurd naar afdeling {k % 7}." for k in range(48))
    one.new_page().insert_textbox(pymupdf.Rect(50, 40, 560, 800), text, fontsize=8)
    big = pymupdf.open()
    for _ in range(pages):
        big.insert_pdf(one)
    big.save(path)


@pytest.mark.slow
def test_bad_inputs_are_quarantined_with_reasons_and_the_batch_goes_on(tmp_path, capsys):
    from woo_redact.cli import main

    src, out = tmp_path / "src", tmp_path / "out"
    good = {"goed-1.pdf": make_letter(src / "goed-1.pdf", 1),
            "sub/goed-2.pdf": make_letter(src / "sub" / "goed-2.pdf", 2, pages=2)}
    (src / "notities.xyz").write_text("geen pdf", "utf-8")
    whole = (src / "goed-1.pdf").read_bytes()
    (src / "afgebroken.pdf").write_bytes(whole[: len(whole) // 2])
    pdf = pymupdf.open(src / "goed-1.pdf")
    pdf.save(src / "sub" / "beveiligd.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256,
             user_pw="geheim", owner_pw="geheimer")
    pdf.close()
    (src / "leeg.pdf").write_bytes(b"")
    (src / "nep.pdf").write_text("Dit is tekst, geen PDF.", "utf-8")
    _long_pdf(src / "te-lang.pdf", 501)  # over --max-pages
    _long_pdf(src / "traag.pdf", 400)  # within it, but far beyond 2 s of detection
    expected = {"afgebroken.pdf": "corrupt", "sub/beveiligd.pdf": "encrypted",
                "leeg.pdf": "empty", "nep.pdf": "not_pdf", "te-lang.pdf": "too_many_pages",
                "traag.pdf": "timeout"}
    args = ["batch", str(src), str(out), "--workers", "2", "--json", "--progress", "none",
            "--max-pages", "500", "--timeout", "2"]

    code = main(args)
    summary = json.loads(capsys.readouterr().out)
    assert code == 1
    assert {q["document"]: q["kind"] for q in summary["quarantined"]} == expected
    assert summary["done"] == 2 and summary["documents"] == 8
    assert summary["skipped"] == [{"path": str(src / "notities.xyz"),
                                   "reason": "unsupported file type"}]
    for rel, (name, email, phone) in good.items():
        text = text_of(out / rel)
        assert email not in text and phone not in text and "5.1.2e" in text
    for rel, kind in expected.items():
        assert not (out / rel).exists(), rel  # nothing under a final name
        reason = json.loads((out / "quarantine" / (rel + ".reason.json")).read_text("utf-8"))
        assert reason["kind"] == kind and reason["reason"]
        assert (out / "quarantine" / rel).read_bytes() == (src / rel).read_bytes()
    report = (out / "batch-report.md").read_text("utf-8")
    for rel, kind in expected.items():
        assert f"| {rel} | {kind} |" in report
    assert "notities.xyz: unsupported file type" in report
    with open(out / "inventarislijst.csv", encoding="utf-8") as f:
        inv = {r["Bestandsnaam"]: r for r in csv.DictReader(f, delimiter=";")}
    assert sorted(inv) == sorted([*good, *expected])
    assert inv["sub/beveiligd.pdf"]["Opmerking"] == "quarantaine: encrypted"
    assert inv["goed-1.pdf"]["Beoordeling"] == "deels openbaar"
    assert _temp_files(out) == []

    # The same command again: nothing is redone, the verdict and the numbers stay.
    code = main(args)
    again = json.loads(capsys.readouterr().out)
    assert code == 1
    assert again["run"]["detected"] == 0 and again["run"]["redacted"] == 0
    assert {q["document"]: (q["kind"], q["document_nr"]) for q in again["quarantined"]} == \
        {q["document"]: (q["kind"], q["document_nr"]) for q in summary["quarantined"]}


@pytest.mark.slow
def test_a_worker_that_dies_or_hangs_costs_only_its_document(tmp_path, monkeypatch):
    import threading

    from woo_redact.batch import local
    from woo_redact.batch.work import DETECT, Task, WorkerConfig
    from woo_redact.model import sha256_file

    _long_pdf(tmp_path / "groot.pdf", 400)
    make_letter(tmp_path / "brief.pdf", 4)
    tasks = [Task(i, DETECT, str(tmp_path / rel), rel, sha256_file(str(tmp_path / rel)))
             for i, rel in enumerate(["groot.pdf", "groot.pdf", "brief.pdf"])]
    # The hard limit (timeout + grace) falls before the in-worker alarm, as it would for a
    # call into MuPDF that never returns.
    monkeypatch.setattr(local, "GRACE", -0.5)
    engine = local.LocalEngine(WorkerConfig(str(tmp_path / "out"), ocr=False, timeout=1.5),
                               workers=1)
    engine.start()
    results: list[tuple[int, dict]] = []
    pids: list[int] = []

    def on_start(task: Task) -> None:
        pids.append(engine.slots[0].pid)
        if task.doc_id == 0:  # killed from outside while it works
            threading.Timer(0.3, os.kill, (pids[-1], signal.SIGKILL)).start()

    try:
        engine.map(iter(tasks), on_start, lambda t, r: results.append((t.doc_id, r)))
    finally:
        engine.close()
    got = dict(results)
    assert got[0]["status"] == "failed" and got[0]["kind"] == "crash"
    assert got[1]["status"] == "failed" and got[1]["kind"] == "timeout"
    assert got[2]["status"] == "detected" and got[2]["pages"] == 1
    assert len(set(pids)) == 3  # each loss was replaced by a fresh worker
    time.sleep(0.2)
    assert not any(_alive(p) for p in pids)


@pytest.mark.slow
def test_rerun_with_new_and_changed_documents_propagates_names_across_the_batch(tmp_path,
                                                                             capsys):
    from woo_redact.cli import main

    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    make_pdf(src / "verslag-b.pdf", [[
        (72, 80, "Verslag van het overleg over de subsidieregeling."),
        (72, 108, "Actiepunt: de ontbrekende stukken voor vrijdag aanleveren."),
        (72, 122, "Actiehouder:"), (72, 136, "Bakhuis"),
        (72, 150, "De volgende bespreking is in april.")]])
    make_pdf(src / "memo-c.pdf", [[(72, 80, "De regeling loopt tot het einde van het jaar.")]])
    make_pdf(src / "memo-d.pdf", [[(72, 80, "De planning gaat uit van besluitvorming in mei.")]])
    args = ["batch", str(src), str(out), "--workers", "2", "--json", "--progress", "none"]

    assert main(args) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["done"] == 3
    assert "Bakhuis" in text_of(out / "verslag-b.pdf"), \
        "precondition: a bare surname alone is not found without the dossier"
    nrs = {r["rel"]: r["doc_nr"] for r in manifest_rows(out)}

    # A new document names the person in full; another one was edited.
    make_pdf(src / "brief-a.pdf", [[
        (72, 80, "Van: Jeroen Bakhuis <jeroen.bakhuis@minjenv.nl>"),
        (72, 94, "Aan: woo@minjenv.nl"),
        (72, 122, "Hierbij de stukken over de subsidieregeling."),
        (72, 150, "Met vriendelijke groet,"), (72, 164, "Jeroen Bakhuis")]])
    make_pdf(src / "memo-c.pdf", [[(72, 80, "De regeling loopt tot het einde van 2025.")]])
    assert main(args) == 0
    second = json.loads(capsys.readouterr().out)
    run = second["run"]
    assert run["sync"]["new"] == 1 and run["sync"]["changed"] == 1
    assert run["detected"] == 2  # the new and the changed document, not the done one
    assert run["rechecked"] == 1 and run["rewritten_after_recheck"] == 1
    # memo-d does not hold the new name: the inverted index leaves it as it is
    assert run["not_reached_by_new_names"] == 1
    b = text_of(out / "verslag-b.pdf")
    assert "Bakhuis" not in b and "ontbrekende stukken" in b
    assert "Bakhuis" not in text_of(out / "brief-a.pdf")
    assert "2025" in text_of(out / "memo-c.pdf")
    rows = {r["rel"]: r for r in manifest_rows(out)}
    assert {rel: rows[rel]["doc_nr"] for rel in nrs} == nrs  # numbers are stable
    assert rows["brief-a.pdf"]["doc_nr"] == 4
    assert rows["memo-d.pdf"]["book"] == rows["verslag-b.pdf"]["book"]
    findings = json.loads(rows["verslag-b.pdf"]["findings"])
    assert any(f["detector"] == "DossierPropagation" and f["text"] == "Bakhuis"
               and f["status"] == "accepted" for f in findings)
    internal = (out / "grounds-log.internal.csv").read_text("utf-8")
    assert "DossierPropagation" in internal

    # Nothing changed: nothing is read again, and the logs are not written again.
    logged = (out / "grounds-log.internal.csv").stat().st_mtime_ns
    assert main(args) == 0
    third = json.loads(capsys.readouterr().out)["run"]
    assert (third["detected"], third["redacted"], third["rechecked"]) == (0, 0, 0)
    assert (out / "grounds-log.internal.csv").stat().st_mtime_ns == logged


@pytest.mark.slow
def test_batch_propagation_by_folder_keeps_names_in_their_folder(tmp_path, capsys):
    from woo_redact.cli import main

    src, out = tmp_path / "src", tmp_path / "out"
    for d, month in (("a", "april"), ("b", "mei")):  # not copies of each other
        (src / d).mkdir(parents=True)
        make_pdf(src / d / "verslag.pdf", [[(72, 80, "Actiehouder:"), (72, 94, "Bakhuis"),
                                            (72, 108, f"De volgende bespreking is in {month}.")]])
    make_pdf(src / "a" / "brief.pdf", [[(72, 80, "Van: Jeroen Bakhuis <jeroen.bakhuis@minjenv.nl>"),
                                        (72, 108, "Met vriendelijke groet,"),
                                        (72, 122, "Jeroen Bakhuis")]])
    args = ["batch", str(src), str(out), "--workers", "1", "--json", "--progress", "none",
            "--propagation", "folder"]
    assert main(args) == 0
    capsys.readouterr()
    assert "Bakhuis" not in text_of(out / "a" / "verslag.pdf")
    assert "Bakhuis" in text_of(out / "b" / "verslag.pdf")
    books = {r["book"] for r in manifest_rows(out)}
    assert len(books) == 2  # one dossier a folder
    # nothing changed: nothing is done again
    assert main(args) == 0
    run = json.loads(capsys.readouterr().out)["run"]
    assert (run["detected"], run["redacted"], run["rechecked"]) == (0, 0, 0)
