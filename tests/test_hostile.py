"""The hostile-PDF corpus (fixtures/hostile): every case is released without the personal data
it hides anywhere in the output's decompressed bytes (or on its rendered page), or it is
quarantined with a reason; the command ends without a traceback, within its limits."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest

from conftest import FIXTURES

sys.path.insert(0, str(FIXTURES))

from fixturegen.hostile import check_hostile, contains, shown_text, squeeze  # noqa: E402
from fixturegen.hostile_bytes import all_decoded_bytes  # noqa: E402

HOSTILE = FIXTURES / "hostile"
CASES = json.loads((HOSTILE / "cases.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The real command on the whole corpus, in a process of its own."""
    out = tmp_path_factory.mktemp("hostile") / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "woo_redact", "redact", str(HOSTILE), "--out", str(out),
         "--max-pages", "1000", "--timeout", "120", "--json"],
        capture_output=True, text=True, timeout=600)
    return out, proc


def _outcome(out: Path, name: str) -> tuple[str, dict | None]:
    reason = out / "quarantine" / (name + ".reason.json")
    if (out / name).exists():
        assert not reason.exists(), f"{name}: both written and quarantined"
        return "redacted", None
    assert reason.exists(), f"{name}: neither written nor quarantined"
    return "quarantined", json.loads(reason.read_text("utf-8"))


def test_the_corpus_holds_what_it_hides():
    assert len(CASES) >= 30
    assert check_hostile(HOSTILE) == []


@pytest.mark.slow
def test_the_command_ends_cleanly_within_its_limits(run):
    out, proc = run
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["documents"] == len(CASES)


@pytest.mark.slow
def test_no_case_leaks(run):
    """Released outputs lack every hidden string in every decoded byte, in our own proof,
    and (for glyph-drawn secrets) on the page as OCR reads it; quarantines have a reason."""
    from woo_redact.hygiene import prove

    out, _ = run
    problems = []
    for case in CASES:
        name, secrets = case["name"], case["secrets"]
        outcome, reason = _outcome(out, name)
        if case["expect"] != "either" and outcome != case["expect"]:
            problems.append(f"{name}: {outcome}, expected {case['expect']} "
                            f"({reason and reason['reason']})")
        if outcome == "quarantined":
            if not (reason["kind"] and reason["reason"]):
                problems.append(f"{name}: quarantined without a reason")
            continue
        path = out / name
        blob = all_decoded_bytes(path)
        problems += [f"{name}: {s!r} in its bytes" for s in secrets if contains(blob, s)]
        problems += [f"{name}: {p}" for p in prove(str(path), {s: 0 for s in secrets})]
        if case["shown"]:
            shown = shown_text(path)
            assert shown is not None, "Tesseract is needed for this test"
            problems += [f"{name}: {s!r} on the page" for s in secrets if squeeze(s) in shown]
    assert problems == []


@pytest.mark.slow
def test_reasons_and_notes_say_what_happened(run):
    out, proc = run
    summary = json.loads(proc.stdout)
    kinds = {q["document"]: q["kind"] for q in summary["quarantined"]}
    assert kinds["huge-image.pdf"] == "image_too_large"
    assert kinds["many-pages.pdf"] == "too_many_pages"
    notes = {n["document"]: " ".join(n["notes"]) for n in summary["notes"]}
    assert "rebuilt" in notes["broken-xref.pdf"]
    assert "revisions" in notes["earlier-revision.pdf"]
    assert "layers" in notes["hidden-layer.pdf"]
    for name, why in (("white-text.pdf", "background"), ("invisible-text.pdf", "invisible"),
                      ("text-under-image.pdf", "covered"), ("clipped-text.pdf", "clipped"),
                      ("off-page-text.pdf", "off-page")):
        assert why in notes[name], name
    # the hidden personal data was also detected and logged as redacted
    redacted = {json.loads(line)["document"]
                for line in (out / "grounds-log.public.jsonl").read_text("utf-8").splitlines()}
    assert {"white-text.pdf", "tiny-text.pdf", "text-under-image.pdf", "clipped-text.pdf",
            "off-page-text.pdf", "invisible-text.pdf", "glyph-positioned.pdf",
            "unmapped-glyphs.pdf", "quote-operator.pdf"} <= redacted


@pytest.mark.slow
def test_visible_text_survives_next_to_hidden_text(run):
    out, _ = run
    for name in ("white-text.pdf", "text-under-image.pdf", "clipped-text.pdf",
                 "hidden-layer.pdf", "glyph-positioned.pdf", "quote-operator.pdf"):
        with pymupdf.open(out / name) as doc:
            text = " ".join(doc[0].get_text().split())
        assert "De evaluatie start in het tweede kwartaal." in text, name
    with pymupdf.open(out / "unmapped-glyphs.pdf") as doc:
        assert doc[0].get_images(), "released as an image of the page"
    assert "Pagina 1" in str(pymupdf.open(out / "bookmark.pdf").get_toc())
