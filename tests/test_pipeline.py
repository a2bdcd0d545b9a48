"""The pipeline end to end on real PDFs: redact, verify, quarantine, log."""

import csv
import json
import os
import stat
from pathlib import Path

import pymupdf
import pytest

from conftest import FIXTURES, make_pdf
from woo_redact.cli import main
from woo_redact.extract import extract

LINES = [
    (72, 80, "Van: Jeroen Bakhuis <jeroen.bakhuis@minjenv.nl>"),
    (72, 94, "Aan: woo@minjenv.nl"),
    (72, 122, "Het lid Leijten vroeg naar de zaak met parketnummer 09/123456-"),
    (72, 136, "23. Bel mij op 06-12345678 of via de publieksinformatie 0800-8051."),
    (72, 150, "De cliënt heeft BSN 123.456.782 en rekening NL91 ABNA 0417 1643 00."),
    (72, 800, "Het registratienummer is PL0900-"),
]
PAGE2 = [(72, 60, "2023123456 en de behandelaar is Jeroen Bakhuis.")]
GONE = ["jeroen.bakhuis@minjenv.nl", "Jeroen Bakhuis", "09/123456-23", "06-12345678",
        "123.456.782", "NL91 ABNA 0417 1643 00", "PL0900-2023123456"]
KEPT = ["woo@minjenv.nl", "Leijten", "0800-8051"]


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("run")
    (d / "in").mkdir()
    make_pdf(d / "in" / "nota.pdf", [LINES, PAGE2])
    code = main(["redact", str(d / "in"), "--out", str(d / "out")])
    return d, code


@pytest.mark.slow
def test_redacted_text_is_gone_and_kept_text_stays(run_dir):
    d, code = run_dir
    assert code == 0
    text = " ".join(extract(str(d / "out" / "nota.pdf")).text.split())
    for s in GONE:
        assert s not in text, s
    for s in KEPT:
        assert s in text, s
    assert "5.1.2e" in text and "5.1.1e" in text  # grounds printed in the boxes


@pytest.mark.slow
def test_logs_public_without_text_internal_private(run_dir):
    d, _ = run_dir
    out = d / "out"
    public = (out / "grounds-log.public.csv").read_text("utf-8")
    internal_path = out / "grounds-log.internal.jsonl"
    assert stat.S_IMODE(os.stat(internal_path).st_mode) == 0o600
    internal = [json.loads(line) for line in internal_path.read_text("utf-8").splitlines()]
    for s in GONE:
        assert s not in public
    assert {r["ground"] for r in internal if r["status"] == "accepted"} >= {"5.1.2e", "5.1.1e",
                                                                            "5.1.2c"}
    kept = [r for r in internal if r["action"] == "keep"]
    assert any("office holder" in r["reason"] for r in kept)
    rows = list(csv.DictReader((out / "inventarislijst.csv").open(encoding="utf-8"),
                               delimiter=";"))
    assert rows[0]["Beoordeling"] == "deels openbaar"
    assert int(rows[0]["Aantal lakkingen"]) >= len(GONE)
    assert (out / "inventarislijst.xlsx").stat().st_size > 0


@pytest.mark.slow
def test_forced_verification_failure_quarantines(tmp_path: Path, monkeypatch):
    import woo_redact.pipeline as pl

    make_pdf(tmp_path / "nota.pdf", [LINES])
    monkeypatch.setattr(pl, "redact_document", lambda doc, marks, removed, **kw: 0)  # apply nothing
    code = main(["redact", str(tmp_path / "nota.pdf"), "--out", str(tmp_path / "out")])
    assert code == 1
    assert not (tmp_path / "out" / "nota.pdf").exists()
    reason = json.loads((tmp_path / "out" / "quarantine" / "nota.pdf.reason.json").read_text())
    assert reason["kind"] == "verification" and "still readable" in reason["reason"]
    assert not list((tmp_path / "out").glob(".*.tmp"))


@pytest.mark.slow
def test_bad_inputs_quarantined_and_batch_goes_on(tmp_path: Path, capsys):
    bad = FIXTURES / "bad"
    files = sorted(bad.glob("*.pdf"))
    assert len(files) >= 5, "bad-input fixtures missing: run python fixtures/generate.py"
    good = make_pdf(tmp_path / "goed.pdf", [[(72, 100, "Mail naar p.devries@minbzk.nl.")]])
    code = main(["redact", *map(str, files), str(good), "--out", str(tmp_path / "out")])
    assert code == 1
    assert (tmp_path / "out" / "goed.pdf").exists()
    err = capsys.readouterr().err
    for f in files:
        assert f"QUARANTINED {f.name}" in err
        assert (tmp_path / "out" / "quarantine" / (f.name + ".reason.json")).exists()
    kinds = {json.loads(p.read_text())["kind"]
             for p in (tmp_path / "out" / "quarantine").glob("*.reason.json")}
    assert {"not_pdf", "empty", "encrypted", "no_pages"} <= kinds


def test_missing_input_is_a_usage_error(tmp_path: Path):
    assert main(["redact", str(tmp_path / "nope.pdf"), "--out", str(tmp_path / "o")]) == 2


@pytest.mark.slow
def test_dry_run_writes_only_logs(tmp_path: Path):
    make_pdf(tmp_path / "nota.pdf", [LINES])
    code = main(["redact", str(tmp_path / "nota.pdf"), "--out", str(tmp_path / "out"),
                 "--dry-run"])
    assert code == 0
    assert not (tmp_path / "out" / "nota.pdf").exists()
    assert (tmp_path / "out" / "grounds-log.internal.jsonl").read_text().strip()


@pytest.mark.slow
def test_deny_and_allow_lists_from_policy(tmp_path: Path):
    policy = tmp_path / "policy.yaml"
    policy.write_text(
        "entities:\n  EMAIL_ADDRESS: {ground: 5.1.2e, action: redact}\n"
        "allow: ['p.devries@minbzk.nl']\n"
        "deny:\n  ground: 5.1.2i\n  terms: ['Project Zwaluw', 're:dossier\\s+X-\\d+']\n", "utf-8")
    make_pdf(tmp_path / "n.pdf", [[(72, 100, "Project Zwaluw en dossier X-12 door "
                                              "p.devries@minbzk.nl en a.b@minbzk.nl.")]])
    assert main(["redact", str(tmp_path / "n.pdf"), "--out", str(tmp_path / "out"),
                 "--policy", str(policy)]) == 0
    text = extract(str(tmp_path / "out" / "n.pdf")).text
    assert "Project Zwaluw" not in text and "X-12" not in text and "a.b@minbzk.nl" not in text
    assert "p.devries@minbzk.nl" in text and "5.1.2i" in text
