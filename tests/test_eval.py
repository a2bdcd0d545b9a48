"""Evaluation: the scoring functions on small real PDFs, the CoNLL scorer, and an end-to-end
`woo-redact eval` run on fixture documents."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pymupdf
import pytest

from conftest import FIXTURES, make_pdf
from woo_redact import eval_names as en
from woo_redact import evaluate as ev
from woo_redact.model import Box


def _truth(sensitive, keep=(), **kw) -> ev.Truth:
    return ev.Truth("doc.pdf", [ev.SensitiveItem(t, n, c) for t, n, c in sensitive],
                    [ev.KeepItem(t, n, r) for t, n, r in keep], **kw)


def _score(tmp_path: Path, lines, truth: ev.Truth, findings=(), input_text=None, **meta):
    pdf = make_pdf(tmp_path / "out.pdf", [lines], **meta)
    texts = ev.read_pdf_texts(str(pdf), ocr=False)
    side = ev.side_channels(str(pdf), truth.sensitive)
    s = ev.score_document(truth, texts, list(findings), input_text=input_text, side=side)
    return s, ev.aggregate([s])


TRUTH = _truth([("Jan de Vries", 2, "PERSON"), ("06-12345678", 1, "PHONE_NUMBER")],
               [("het lid Leijten", 1, "office holder")])


def test_clean_output_scores_full_recall_and_keep(tmp_path):
    lines = [(72, 80, "Vraag van het lid Leijten aan [5.1.2e]."),
             (72, 100, "Bel [5.1.2e] of mail [5.1.2e].")]
    _, agg = _score(tmp_path, lines, TRUTH)
    assert agg["overall"]["recall"] == 1.0
    assert agg["keep"]["office holder"]["keep_rate"] == 1.0
    assert agg["side_channels"]["leaks"] == 0


def test_survived_string_lowers_recall(tmp_path):
    lines = [(72, 80, "Vraag van het lid Leijten aan JAN DE   VRIES."),
             (72, 100, "Bel [5.1.2e] of mail [5.1.2e].")]
    s, agg = _score(tmp_path, lines, TRUTH)
    person = agg["categories"]["PERSON"]
    assert (person["expected"], person["survived"], person["recall"]) == (2, 1, 0.5)
    assert agg["categories"]["PHONE_NUMBER"]["recall"] == 1.0
    assert agg["overall"]["recall"] == pytest.approx(2 / 3, abs=1e-4)
    entry = next(e for e in s.sensitive if e["text"] == "Jan de Vries")
    assert entry["by_source"]["pymupdf"] == 1  # case and spacing do not hide it
    if "pdftotext" in entry["by_source"]:
        assert entry["by_source"]["pdftotext"] == 1


def test_lost_keep_string_lowers_keep_rate(tmp_path):
    lines = [(72, 80, "Vraag van [5.1.2e] aan [5.1.2e].")]
    s, agg = _score(tmp_path, lines, TRUTH)
    assert agg["keep"]["office holder"] == {"expected": 1, "readable": 1, "kept": 0,
                                            "keep_rate": 0.0}
    assert agg["overall"]["keep_rate"] == 0.0


def test_metadata_leak_detected(tmp_path):
    lines = [(72, 80, "Vraag van het lid Leijten aan [5.1.2e].")]
    s, agg = _score(tmp_path, lines, TRUTH, author="Jan de Vries", title="Nota")
    assert s.side["leaks"] == [{"where": "metadata", "category": "PERSON",
                                "text": "Jan de Vries"}]
    assert agg["side_channels"]["leaks"] == 1
    # the page text itself is clean: a leak is not a survived occurrence
    assert agg["categories"]["PERSON"]["survived"] == 0


def test_annotations_attachments_and_link_leak(tmp_path):
    pdf_path = tmp_path / "annot.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 80), "Niets bijzonders.", fontname="helv")
    page.add_text_annot((100, 100), "Overleg met Jan de Vries")
    page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(72, 90, 200, 100),
                      "uri": "mailto:06-12345678@sms.example"})
    doc.embfile_add("notes.txt", b"x")
    doc.set_xml_metadata("<x:xmpmeta xmlns:x='adobe:ns:meta/'/>")
    doc.save(pdf_path)
    doc.close()
    side = ev.side_channels(str(pdf_path), TRUTH.sensitive)
    assert side.annotations == 1 and side.attachments == 1 and side.xmp_present
    wheres = {(leak["where"], leak["text"]) for leak in side.leaks}
    assert ("annotations", "Jan de Vries") in wheres
    assert ("links", "06-12345678") in wheres


def test_precision_counts_false_positive(tmp_path):
    text = "Jan de Vries schreef aan het lid Leijten over de Raad van State."
    a = text.index("Jan de Vries")
    raad = text.index("Raad van State")
    leij = text.index("Leijten")
    findings = [
        ev.FindingRef("PERSON", "Jan de Vries", "accepted", start=a, end=a + 12),
        ev.FindingRef("PERSON", "Raad van State", "accepted", start=raad, end=raad + 14),
        ev.FindingRef("PERSON", "Leijten", "accepted", start=leij, end=leij + 7),
        ev.FindingRef("PERSON", "Leijten", "rejected", start=leij, end=leij + 7),
    ]
    truth = _truth([("Jan de Vries", 1, "PERSON")], [("het lid Leijten", 1, "office holder")])
    s, agg = _score(tmp_path, [(72, 80, "[5.1.2e] schreef aan het lid Leijten.")], truth,
                    findings, input_text=text)
    assert s.precision["PERSON"] == {"tp": 1, "fp": 2}
    assert agg["categories"]["PERSON"]["precision"] == pytest.approx(1 / 3, abs=1e-4)
    whys = {f["text"]: f["why"] for f in s.false_positives}
    assert whys == {"Raad van State": "not in truth", "Leijten": "keep-string"}
    assert next(e for e in s.sensitive)["detected"] == 1


def test_case_tells_a_name_from_a_word(tmp_path):
    """"Visser" (a name) must go, "visser" (a fisherman) must stay; a name that survives
    next to its lower-case e-mail still counts, and so does one shouted in capitals."""
    truth = _truth([("Visser", 2, "PERSON"), ("Sjoerd", 2, "PERSON")],
                   [("visser", 1, "common word")])
    source = ("De kraam van een visser staat naast de heer Visser. Visser belde. "
              "Groet, Sjoerd <sjoerd.jansen@rws.nl>. Sjoerd")
    out = [(72, 80, "De kraam van een visser staat naast de heer [5.1.2e]. [5.1.2e] belde."),
           (72, 100, "Groet, Sjoerd <[5.1.2e]>. [5.1.2e]")]
    s, agg = _score(tmp_path, out, truth, input_text=source)
    by = {e["text"]: e for e in s.sensitive}
    assert by["Visser"]["survived"] == 0 and by["Visser"]["readable"] == 2
    assert by["Sjoerd"]["survived"] == 1
    assert s.keep[0]["kept"] == 1
    shouted = [(72, 80, "De kraam van een visser staat naast de heer VISSER.")]
    s2, _ = _score(tmp_path, shouted, truth, input_text=source)
    assert {e["text"]: e["survived"] for e in s2.sensitive}["Visser"] == 1


def test_normalize_joins_line_wrap_hyphenation():
    raw = "brief van Jansen-\nEl Amrani over de rijks-\n  overheid en zaak 09/123456-\n23"
    n = ev.normalize(raw)
    assert ev.count_in(n, "Jansen-El Amrani") == 1
    assert ev.count_in(n, "rijksoverheid") == 1
    assert ev.count_in(n, "09/123456-23") == 1
    assert ev.count_in(ev.normalize("ﬁnanciën\u00ad"), "financiën") == 1
    assert ev.count_in(ev.normalize("Januari"), "Jan") == 0  # whole tokens only


def test_quarantined_document_is_listed_not_scored():
    s = ev.score_document(TRUTH, None, [], status="quarantined", reason="verification: x")
    agg = ev.aggregate([s])
    assert agg["done"] == 0 and agg["quarantined"][0]["document"] == "doc.pdf"
    assert agg["overall"]["recall"] is None
    bars = {b["bar"]: b["met"] for b in ev.bars(agg)}
    assert bars["no document quarantined"] is False


@pytest.mark.skipif(not __import__("woo_redact.ocr", fromlist=["x"]).tesseract_available(),
                    reason="Tesseract not installed")
def test_scanned_page_is_read_by_ocr_despite_labels(tmp_path):
    src = make_pdf(tmp_path / "text.pdf", [[(72, 100, "Bel Jan de Vries op 06-12345678.")]],
                   fontsize=16)
    with pymupdf.open(src) as d:
        pix = d[0].get_pixmap(dpi=200)
    scan = pymupdf.open()
    page = scan.new_page()
    page.insert_image(page.rect, pixmap=pix)
    # labels of redaction boxes give a redacted scan a text layer; it must still be OCR'd
    page.insert_text((72, 300), "5.1.2e 5.1.2e 5.1.2e 5.1.2e", fontsize=8, fontname="helv")
    scan.save(tmp_path / "scan.pdf")
    scan.close()
    texts = ev.read_pdf_texts(str(tmp_path / "scan.pdf"), ocr=True)
    assert texts.ocr_pages == [0]
    n, per = texts.count("Jan de Vries")
    assert n == 1 and per["ocr"] == 1 and per["pymupdf"] == 0


def test_findings_from_log_and_locate(tmp_path):
    from woo_redact.extract import build_document
    from woo_redact.model import Page, Word

    words = [Word(t, Box(0, 72 + 40 * i, 80 if i < 3 else 100, 110 + 40 * i, 90 if i < 3
                         else 110), 0, 0 if i < 3 else 1)
             for i, t in enumerate(["Jan", "Bakker", "belde.", "Bakker", "zei"])]
    doc = build_document("x.pdf", "0" * 64, [Page(0, 595, 842, words)])
    rows = [{"document": "a.pdf", "finding_id": "f1", "entity_type": "PERSON",
             "text": "Bakker", "status": "accepted", "action": "redact", "detector": "ner",
             "reason": "", "page": 1, "x0": 192, "y0": 100, "x1": 230, "y1": 110},
            {"document": "a.pdf", "finding_id": "manual", "entity_type": "MANUAL", "text": "",
             "status": "accepted", "page": 1, "x0": 0, "y0": 0, "x1": 1, "y1": 1}]
    log = tmp_path / "grounds-log.internal.jsonl"
    log.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    found = ev.findings_from_log(log)["a.pdf"]
    assert len(found) == 1 and found[0].boxes[0].page == 0
    ev.attach_spans(doc, found)
    # the second "Bakker" (on the second line) is the one under the logged box
    assert (found[0].start, found[0].end) == (doc.text.rindex("Bakker"),
                                              doc.text.rindex("Bakker") + 6)


# -- CoNLL scoring ---------------------------------------------------------------------------
CONLL = """-DOCSTART- -DOCSTART- O
Minister N O
Guy N B-PER
Verhofstadt N I-PER
sprak V O
met Prep O
Jan N B-PER
. Punc O

Karel N B-PER
De N I-PER
Gucht N I-PER
zweeg V O
. Punc O

-DOCSTART- -DOCSTART- O
In Prep O
Gent N B-LOC
woont V O
Piet N I-PER
. Punc O
"""


def test_conll_reading_gold_and_token_mapping(tmp_path):
    p = tmp_path / "mini.conll"
    p.write_text(CONLL, "utf-8")
    arts = en.read_conll(p)
    assert len(arts) == 2 and len(arts[0].sentences) == 2
    assert arts[0].gold() == {(1, 3), (5, 6), (7, 10)}
    assert arts[1].gold() == {(3, 4)}  # an I- without B- starts a name
    text, offs = arts[0].text()
    assert text == "Minister Guy Verhofstadt sprak met Jan .\nKarel De Gucht zweeg ."
    a = text.index("Verhofstadt")
    # a span inside one token, and a span over the start of a token, map to whole tokens
    assert en.to_token_spans([(a + 2, a + 5), (text.index("Guy"), a + 3)], offs) == {
        (2, 3), (1, 3)}


def test_conll_exact_and_partial_scores():
    gold = [{(1, 3), (5, 6), (7, 10)}]
    pred = [{(1, 3), (8, 10), (11, 12)}]  # one exact, one partial, one false
    s = en.score_spans(gold, pred)
    assert s["exact"]["precision"] == pytest.approx(1 / 3, abs=1e-4)
    assert s["exact"]["recall"] == pytest.approx(1 / 3, abs=1e-4)
    assert s["partial"]["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert s["partial"]["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert s["exact"]["f1"] == pytest.approx(1 / 3, abs=1e-4)


def test_evaluate_conll_with_a_rule_predictor(tmp_path):
    p = tmp_path / "mini.conll"
    p.write_text(CONLL, "utf-8")

    def listed(text: str):
        spans = []
        for name in ("Guy Verhofstadt", "Karel De", "Gent"):
            i = text.find(name)
            if i >= 0:
                spans.append((i, i + len(name)))
        return spans

    res = en.evaluate_conll(p, {"rule": listed})
    assert res["gold_per"] == 4 and res["articles"] == 2
    # "Guy Verhofstadt" exact; "Karel De" partial of "Karel De Gucht"; "Gent" false
    assert res["rule"]["exact"]["predicted"] == 3
    assert res["rule"]["exact"]["recall"] == 0.25
    assert res["rule"]["partial"]["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert res["rule"]["partial"]["recall"] == 0.5


def test_plain_document_keeps_text_and_offsets():
    text = "Jan de Vries belde .\nMevrouw Bakker niet ."
    doc = en.plain_document(text)
    assert doc.text == text
    for i, w in enumerate(doc.words):
        assert text[doc.word_start[i]:doc.word_start[i] + len(w.text)] == w.text
    assert doc.char_word[text.index("\n")] == -1


# -- end to end ------------------------------------------------------------------------------
def _fixture_pair(n: int = 2) -> list[str]:
    truth_dir = FIXTURES / "truth"
    docs = sorted(p.name for p in (FIXTURES / "docs").glob("*.pdf")
                  if (truth_dir / (p.stem + ".json")).is_file())
    return docs[:n]


@pytest.mark.slow
def test_eval_end_to_end_on_fixtures(tmp_path):
    from woo_redact.cli import main

    names = _fixture_pair(2)
    if not names:
        pytest.skip("no fixtures with truth yet")
    (tmp_path / "docs").mkdir()
    (tmp_path / "truth").mkdir()
    for n in names:
        shutil.copy(FIXTURES / "docs" / n, tmp_path / "docs" / n)
        stem = Path(n).stem
        shutil.copy(FIXTURES / "truth" / f"{stem}.json", tmp_path / "truth" / f"{stem}.json")
    out = tmp_path / "report"
    code = main(["eval", "--docs", str(tmp_path / "docs"), "--truth", str(tmp_path / "truth"),
                 "--out", str(out), "--json", str(tmp_path / "r.json"), "--no-peers",
                 "--no-conll"])
    assert code == 0
    report = json.loads((out / "eval.json").read_text("utf-8"))
    assert json.loads((tmp_path / "r.json").read_text("utf-8"))["summary"] == report["summary"]
    md = (out / "eval.md").read_text("utf-8")
    s = report["summary"]
    assert s["documents"] == len(names)
    truth_total = sum(e["count"] for n in names for e in json.loads(
        (tmp_path / "truth" / f"{Path(n).stem}.json").read_text("utf-8"))["sensitive"]
        if e.get("action", "redact") == "redact")
    assert s["overall"]["expected"] == truth_total > 0
    assert 0.0 <= s["overall"]["recall"] <= 1.0
    assert s["overall"]["precision"] is not None
    for d in report["documents"]:
        assert d["status"] == "done" and "pymupdf" in d["extractors"]
        assert (out / "redacted" / d["document"]).is_file()
        assert f"### {d['document']}" in md
    person = s["categories"]["PERSON"]
    assert f"| PERSON | {person['expected']} | {person['survived']} |" in md
    assert {b["bar"] for b in report["bars"]} >= {"fixtures PERSON recall",
                                                  "fixtures PERSON precision"}
    # scoring the same outputs again from the output folder gives the same recall
    code = main(["eval", "--docs", str(tmp_path / "docs"), "--truth", str(tmp_path / "truth"),
                 "--outputs", str(out / "redacted"), "--out", str(tmp_path / "again"),
                 "--no-peers", "--no-conll"])
    assert code == 0
    again = json.loads((tmp_path / "again" / "eval.json").read_text("utf-8"))["summary"]
    assert again["overall"]["recall"] == s["overall"]["recall"]
    assert again["overall"]["keep_rate"] == s["overall"]["keep_rate"]


# -- the benchmark corpus generator ----------------------------------------------------------
def test_bench_corpus_is_deterministic_and_its_truth_holds(tmp_path):
    import sys

    from faker import Faker

    sys.path.insert(0, str(FIXTURES.parent / "bench"))
    import corpus

    a = corpus.write_document("memo", 2, 1234, tmp_path / "a.pdf", Faker("nl_NL"))
    b = corpus.write_document("memo", 2, 1234, tmp_path / "b.pdf", Faker("nl_NL"))
    a.pop("document"), b.pop("document")
    assert a == b
    with pymupdf.open(tmp_path / "a.pdf") as d1, pymupdf.open(tmp_path / "b.pdf") as d2:
        assert [p.get_text() for p in d1] == [p.get_text() for p in d2]
        text = ev.normalize("\n".join(p.get_text() for p in d1), fold=False)
    assert 450 <= a["words"] / a["pages"] <= 700  # a dense memo page
    cats = {e["category"] for e in a["sensitive"]}
    assert "PERSON" in cats and len(cats) >= 4
    for e in a["sensitive"] + a["keep"]:
        assert ev.count_in(text, e["text"], fold=False) == e["count"] > 0


def test_words_removed_counts_words_an_applied_redaction_touches():
    from woo_redact.evaluate import words_removed
    text = "De minister sprak met Jan de Vries over 06-12345678."
    a = text.index("Jan")
    b = text.index("Vries") + 5
    p = text.index("06")
    got = words_removed(text, [(a, b), (p, p + 11)])
    assert got == {"total": 10, "removed": 5}
