"""Proposal files (schema, read/write) and the propose → decide → apply path on real PDFs."""

from __future__ import annotations

import csv
import json
import shutil
import stat
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pymupdf
import pytest
import yaml

from woo_redact import proposals
from woo_redact.cli import main
from woo_redact.model import Box, sha256_file
from woo_redact.proposals import ProposalError

NAME = "Jan de Vries"
IBAN = "NL91ABNA0417164300"
PHONE = "06-12345678"
HIDDEN = "waterput"  # nothing detects it; only a manual box removes it


def make_pdf(path: Path, pages: list[list[str]]) -> None:
    pdf = pymupdf.open()
    for lines in pages:
        page = pdf.new_page(width=595, height=842)
        y = 90.0
        for line in lines:
            page.insert_text((72, y), line, fontsize=11)
            y += 18
    pdf.save(path)
    pdf.close()


def text_of(path: Path) -> str:
    with pymupdf.open(path) as pdf:
        return " ".join(p.get_text() for p in pdf)


def log_rows(out: Path, name: str = "grounds-log.internal.jsonl") -> list[dict]:
    return [json.loads(x) for x in (out / name).read_text("utf-8").splitlines()]


@pytest.fixture(scope="module")
def policy_file(tmp_path_factory) -> Path:
    """The shipped policy with IBAN only proposed and phone numbers kept: all three statuses."""
    raw = yaml.safe_load((resources.files("woo_redact") / "data" /
                          "default_policy.yaml").read_text("utf-8"))
    raw["entities"]["IBAN_CODE"]["action"] = "propose"
    raw["entities"]["PHONE_NUMBER"]["action"] = "keep"
    path = tmp_path_factory.mktemp("policy") / "policy.yaml"
    path.write_text(yaml.safe_dump(raw), "utf-8")
    return path


@pytest.fixture(scope="module")
def dossier(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("dossier")
    make_pdf(src / "a.pdf", [
        [f"Op 12 maart sprak ik met {NAME} over de aanvraag.",
         f"Het voorschot gaat naar rekening {IBAN}.",
         f"Bel bij vragen {PHONE}.",
         f"Het archief ligt naast de oude {HIDDEN}."],
        [f"Bijlage: verslag van het gesprek met {NAME}."]])
    (src / "sub").mkdir()
    make_pdf(src / "sub" / "b.pdf", [[f"Reactie van {NAME} op het besluit.",
                                      f"Rekening {IBAN} is bevestigd."]])
    return src


@pytest.fixture(scope="module")
def proposed_once(dossier, policy_file, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("proposed") / "proposals"
    assert main(["propose", str(dossier), "--out", str(out), "--policy", str(policy_file),
                 "--no-ocr"]) == 0
    return out


@pytest.fixture()
def proposed(proposed_once, tmp_path) -> Path:
    """A fresh copy per test: tests write decisions beside the proposals."""
    dest = tmp_path / "proposals"
    shutil.copytree(proposed_once, dest)
    return dest


def apply(folder: Path, out: Path, *extra: str) -> int:
    return main(["apply", str(folder), "--out", str(out), "--reviewer", "Bea Beoordelaar",
                 "--no-ocr", *extra])


# -- schema --------------------------------------------------------------------------------
def sample() -> proposals.ProposalFile:
    from woo_redact.model import Finding
    f = Finding("PERSON", 10, 22, NAME, 0.91, "ner", [Box(0, 70, 80, 140, 95)], "5.1.2e",
                "redact", "policy: PERSON → redact", "accepted", "abc123def456")
    m = proposals.ManualBox("m-1", Box(1, 10, 10, 50, 30), "5.1.2i", "Bea", "2024-01-01T00:00:00Z")
    pages = [proposals.PageInfo(0, 595, 842), proposals.PageInfo(1, 595, 842)]
    return proposals.ProposalFile("/data/in/a.pdf", "sub/a.pdf", "0" * 64, "0007", pages,
                                  [f], [m], [1], "default", "2024-01-01T00:00:00Z",
                                  {"detect": 0.5})


def test_round_trip(tmp_path):
    p = sample()
    path = proposals.write(p, tmp_path)
    assert path == tmp_path / "sub" / "a.pdf.proposal.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # it holds the personal data in clear
    back = proposals.read(path)
    assert proposals.to_dict(back) == proposals.to_dict(p)
    assert back.findings[0].boxes == p.findings[0].boxes
    assert back.manual[0].to_mark().reviewer == "Bea"
    raw = json.loads(path.read_text())
    assert (raw["schema"], raw["version"]) == (proposals.SCHEMA, proposals.VERSION)
    assert list(proposals.find(tmp_path)) == [path]


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(schema="something-else"), "not a woo-redact proposal"),
    (lambda d: d.update(version=99), "version 99 is not supported"),
    (lambda d: d["document"].update(rel="../up.pdf"), "unsafe document name"),
    (lambda d: d["document"].update(rel="/etc/x.pdf"), "unsafe document name"),
    (lambda d: d["findings"][0].update(status="maybe"), "status must be one of"),
    (lambda d: d["findings"][0]["boxes"][0].update(page=5), "page the document does not have"),
    (lambda d: d["manual"][0]["box"].update(page=-1), "page the document does not have"),
    (lambda d: d["findings"][0].pop("text"), "finding 'abc123def456'"),
    (lambda d: d["document"].pop("sha256"), "missing or mistypes"),
])
def test_bad_files_are_refused_with_a_reason(tmp_path, change, message):
    d = proposals.to_dict(sample())
    change(d)
    path = tmp_path / "x.pdf.proposal.json"
    path.write_text(json.dumps(d))
    with pytest.raises(ProposalError, match=message):
        proposals.read(path)


# -- propose -------------------------------------------------------------------------------
def test_propose_writes_one_file_per_document(proposed, dossier):
    files = sorted(str(p.relative_to(proposed)) for p in proposals.find(proposed))
    assert files == ["a.pdf.proposal.json", "sub/b.pdf.proposal.json"]
    a = proposals.read(proposed / "a.pdf.proposal.json")
    assert a.input == str((dossier / "a.pdf").resolve())
    assert a.sha256 == sha256_file(str(dossier / "a.pdf"))
    assert [(p.index, p.width, p.height) for p in a.pages] == [(0, 595, 842), (1, 595, 842)]
    assert a.document_nr == "0001"
    assert proposals.read(proposed / "sub" / "b.pdf.proposal.json").document_nr == "0002"
    by_text = {f.text: f for f in a.findings}
    # Statuses follow the policy's actions: redact → accepted, propose → proposed, keep → rejected.
    assert (by_text[IBAN].action, by_text[IBAN].status) == ("propose", "proposed")
    assert (by_text[PHONE].action, by_text[PHONE].status) == ("keep", "rejected")
    names = [f for f in a.findings if f.text == NAME]
    assert {f.status for f in names} == {"accepted"} and {f.ground for f in names} == {"5.1.2e"}
    assert sorted(p for f in names for p in f.pages) == [0, 1]
    ids = [f.id for f in a.findings]
    assert len(ids) == len(set(ids)) and all(ids)
    for f in a.findings:
        assert f.boxes and all(0 <= b.x0 < b.x1 <= 595 and 0 <= b.y0 < b.y1 <= 842
                               for b in f.boxes)
    assert not any(HIDDEN in f.text for f in a.findings)


def test_finding_ids_are_stable_across_runs(proposed, dossier, policy_file, tmp_path):
    again = tmp_path / "again"
    assert main(["propose", str(dossier), "--out", str(again), "--policy", str(policy_file),
                 "--no-ocr"]) == 0
    for rel in ("a.pdf", "sub/b.pdf"):
        one = proposals.read(proposals.proposal_path(proposed, rel))
        two = proposals.read(proposals.proposal_path(again, rel))
        assert [f.id for f in one.findings] == [f.id for f in two.findings]


# -- apply ---------------------------------------------------------------------------------
def test_apply_refuses_until_decided_and_reviewed(proposed, tmp_path, capsys):
    out = tmp_path / "out"
    assert apply(proposed, out) == 1
    err = capsys.readouterr().err
    assert "not marked reviewed" in err and "not decided" in err
    assert not (out / "a.pdf").exists() and not (out / "sub" / "b.pdf").exists()
    assert main(["apply", str(proposed), "--out", str(out)]) == 2  # nobody named


def test_forced_apply_redacts_only_accepted(proposed, dossier, tmp_path):
    out = tmp_path / "out"
    assert apply(proposed, out, "--force") == 0
    text = text_of(out / "a.pdf")
    assert NAME not in text
    assert IBAN in text  # only proposed: nobody accepted it
    assert PHONE in text  # policy keeps it
    rows = log_rows(out)
    assert {r["status"] for r in rows if r["text"] == IBAN} == {"proposed"}
    accepted = [r for r in rows if r["status"] == "accepted"]
    assert accepted and all(r["reviewer"] == "Bea Beoordelaar" and r["decided_at"]
                            for r in accepted)
    inventory = list(csv.DictReader((out / "inventarislijst.csv").open(), delimiter=";"))
    assert [r["Bestandsnaam"] for r in inventory] == ["a.pdf", "sub/b.pdf"]


def test_apply_uses_the_reviewers_decisions(proposed, tmp_path):
    from woo_redact.review.state import Catalog, load_state
    from woo_redact.review.store import Store

    store = Store(proposed)
    entry = next(e for e in Catalog(proposed).entries() if e.prop.rel == "a.pdf")
    by_text = {}
    for f in entry.prop.findings:
        by_text.setdefault(f.text, []).append(f)
    store.set_status([(entry.key, f.id) for f in by_text[IBAN]], "accepted", "Carla")
    store.set_ground(entry.key, by_text[IBAN][0].id, "5.1.2b", "Carla")
    page2 = [f for f in by_text[NAME] if f.pages == [1]][0]
    store.set_status([(entry.key, page2.id)], "rejected", "Dirk")
    with pymupdf.open(entry.prop.input) as pdf:
        hit = pdf[0].search_for(HIDDEN)[0]
    store.add_manual(entry.key, Box(0, hit.x0 - 1, hit.y0 - 1, hit.x1 + 1, hit.y1 + 1),
                     "5.1.2h", "Carla")
    for p in range(entry.prop.page_count):
        store.mark_page(entry.key, p, True, "Dirk")
    state = load_state(store, entry)
    assert state.blockers() == []

    out = tmp_path / "out"
    assert apply(proposed, out, "--doc", "a.pdf") == 0
    with pymupdf.open(out / "a.pdf") as pdf:
        first, second = pdf[0].get_text(), pdf[1].get_text()
    assert IBAN not in first and HIDDEN not in first and NAME not in first
    assert NAME in second  # this occurrence was rejected
    assert "5.1.2b" in first  # the changed ground is printed in the box
    rows = log_rows(out)
    iban = [r for r in rows if r["text"] == IBAN]
    assert {(r["status"], r["ground"], r["reviewer"]) for r in iban} == \
        {("accepted", "5.1.2b", "Carla")}
    assert "reviewer: ground 5.1.2e → 5.1.2b" in iban[0]["reason"]
    rejected = [r for r in rows if r["finding_id"] == page2.id]
    assert rejected[0]["status"] == "rejected" and rejected[0]["reviewer"] == "Dirk"
    manual = [r for r in rows if r["finding_id"] == "manual"]
    assert [(m["ground"], m["reviewer"], m["page"]) for m in manual] == [("5.1.2h", "Carla", 1)]
    # Untouched findings were approved by whoever marked their page reviewed.
    kept_phone = [r for r in rows if r["text"] == PHONE]
    assert kept_phone[0]["status"] == "rejected" and kept_phone[0]["reviewer"] == "Dirk"
    public = log_rows(out, "grounds-log.public.jsonl")
    assert public and all(r["status"] == "accepted" and "text" not in r for r in public)
    assert page2.id not in {r["finding_id"] for r in public}


def test_logs_cover_every_applied_document_once(proposed, tmp_path):
    from woo_redact.review.state import Catalog
    from woo_redact.review.store import Store

    out = tmp_path / "out"
    assert apply(proposed, out, "--force", "--doc", "sub/b.pdf") == 0
    assert {r["document"] for r in log_rows(out)} == {"sub/b.pdf"}
    assert apply(proposed, out, "--force", "--doc", "a.pdf") == 0
    assert apply(proposed, out, "--force", "--doc", "a.pdf") == 0
    rows = log_rows(out)
    assert {r["document"] for r in rows} == {"a.pdf", "sub/b.pdf"}
    ids = [(r["finding_id"], r["page"]) for r in rows if r["document"] == "a.pdf"]
    assert len(ids) == len(set(ids))
    summary = json.loads((out / "summary.json").read_text())
    assert summary["documents"] == 2 and summary["done"] == 2
    # A later decision changes the log on the next apply.
    entry = next(e for e in Catalog(proposed).entries() if e.prop.rel == "sub/b.pdf")
    iban = next(f for f in entry.prop.findings if f.text == IBAN)
    Store(proposed).set_status([(entry.key, iban.id)], "accepted", "Eva")
    assert apply(proposed, out, "--force", "--doc", "sub/b.pdf") == 0
    assert IBAN not in text_of(out / "sub" / "b.pdf")
    b_rows = [r for r in log_rows(out) if r["finding_id"] == iban.id]
    assert [(r["status"], r["reviewer"]) for r in b_rows] == [("accepted", "Eva")]


def test_apply_refuses_a_changed_input(proposed, dossier, tmp_path, capsys):
    entry = proposals.read(proposed / "a.pdf.proposal.json")
    moved = tmp_path / "a-changed.pdf"
    make_pdf(moved, [["Een ander document."], ["Tweede pagina."]])
    proposals.write(replace(entry, input=str(moved)), proposed)
    out = tmp_path / "out"
    assert apply(proposed, out, "--force", "--doc", "a.pdf") == 1
    assert "input changed since it was proposed" in capsys.readouterr().err
    assert not (out / "a.pdf").exists()


def test_apply_is_redact_in_two_steps(dossier, tmp_path):
    """`redact` = propose + accept by policy + apply: same findings, same decisions."""
    one, props, two = tmp_path / "one", tmp_path / "props", tmp_path / "two"
    assert main(["redact", str(dossier), "--out", str(one), "--no-ocr"]) == 0
    assert main(["propose", str(dossier), "--out", str(props), "--no-ocr"]) == 0
    assert apply(props, two, "--force") == 0

    def decisions(out: Path) -> set[tuple]:
        return {(r["document"], r["finding_id"], r["page"], r["status"], r["ground"])
                for r in log_rows(out)}
    assert decisions(one) == decisions(two)
    for rel in ("a.pdf", "sub/b.pdf"):
        assert text_of(one / rel) == text_of(two / rel)
