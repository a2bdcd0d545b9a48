"""The NER's output on OCR'd scans: debris is not a name, and batching pages changes nothing.

The 'NER' here is an entity ruler that tags what trained models were seen to tag as persons
on OCR text of scans (words read from smudges, redaction boxes and English mail headers),
next to real names that must survive the same rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from woo_redact.nlp import build_nlp_engine
from woo_redact.recognizers.ner import DutchNerRecognizer


@pytest.fixture(scope="module")
def junk_ner_model(tmp_path_factory) -> Path:
    nlp = spacy.blank("nl")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PER", "pattern": p} for p in (
        "Wu", "BRa", "DEn Brink", "Subject", "Sent Maria Verbeek", "Hendriks")])
    path = tmp_path_factory.mktemp("model") / "junk_ner"
    nlp.to_disk(path)
    return path


def found(model: Path, text: str) -> list[str]:
    engine = build_nlp_engine(model)
    ner = DutchNerRecognizer(model=model)
    return sorted(text[r.start:r.end] for r in
                  ner.analyze(text, ["PERSON"], engine.process_text(text, "nl")))


def test_two_letter_surname_alone_is_left_to_other_rules(junk_ner_model):
    # a listed two-letter surname alone is too often OCR debris to trust the NER on; with a
    # title ("mevrouw Wu") the title rule finds it
    text = "Het gesprek met Wu duurde een uur. De aanvraag van Hendriks loopt nog.\n"
    assert found(junk_ner_model, text) == ["Hendriks"]


def test_two_capitals_then_lower_case_is_no_name_shape(junk_ner_model):
    text = ("Zie de notitie van 4 april BRa over de uitvoering.\n"
            "Daarna sprak DEn Brink met de wethouder over Hendriks.\n")
    assert found(junk_ner_model, text) == ["Hendriks"]


def test_english_mail_header_labels_are_no_names(junk_ner_model):
    text = ("From: Communicatie <info@example.nl>\n"
            "Subject: Re: planning overleg\n"
            "Sent Maria Verbeek: Thursday, 3 March 2022 10:15\n")
    assert found(junk_ner_model, text) == ["Maria Verbeek"]


MODEL = Path(__file__).resolve().parent.parent / "models" / "nl_woo_ner"


@pytest.mark.skipif(not (MODEL / "config.cfg").is_file(), reason="models/nl_woo_ner not built")
def test_pages_tagged_together_equal_pages_tagged_alone():
    pages = ["Op dinsdag sprak Jeroen Kuipers met de burgemeester over de begroting.\n",
             "Volgens Sanne Hoekstra is het voorstel haalbaar. Fatima El Amrani twijfelt.\n",
             "Geen namen op deze pagina, alleen de Tweede Kamer en het ministerie.\n"]
    engine = build_nlp_engine(MODEL)
    arts = [engine.process_text(p, "nl") for p in pages]
    alone = [[(r.start, r.end) for r in DutchNerRecognizer(model=MODEL).analyze(p, ["PERSON"], a)]
             for p, a in zip(pages, arts)]
    ner = DutchNerRecognizer(model=MODEL)
    ner.prepare([a.tokens for a in arts], arts[0])
    assert len(ner._prepared) == len(pages)
    together = [[(r.start, r.end) for r in ner.analyze(p, ["PERSON"], a)]
                for p, a in zip(pages, arts)]
    assert together == alone
    assert ner._prepared == {}  # every prepared page was read, none tagged again
    assert any(alone)


def test_forwarded_mail_header_line_is_no_speaker():
    from woo_redact.recognizers.names import SpeakerRecognizer

    text = ("Received: from mail.gemeente.example (10.1.2.3) by smtp.example\n"
            "Priority: Normal\n"
            "Voorzitter: Ik open de vergadering.\n")
    got = [text[s:e] for s, e, _score, _why in SpeakerRecognizer().find(text)]
    assert not {"Received", "Priority"} & set(got)
