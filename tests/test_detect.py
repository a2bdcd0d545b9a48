"""Which detector a finding names must not depend on the process that found it."""

from __future__ import annotations

import pytest

from woo_redact.detect import Detector
from woo_redact.policy import load_policy

HEADER = ("Van: mevrouw Amalrada <M.amalrada@om.nl>\nVerzonden: 26 februari 2024 8:37\n"
          "Aan: Lucy Jerusalem <L.jerusalem@minjenv.nl>\nOnderwerp: RE: de registratieplicht\n"
          "Beste Lucy,\n")


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector(load_policy())


def test_a_span_found_by_several_recognizers_names_the_same_one_whatever_the_order(
        detector, monkeypatch):
    """Presidio hands the recognizers over as a set, whose order follows object addresses;
    names and the grounds log must not change with it."""
    registry = detector.registry
    real = type(registry).get_recognizers
    runs = []
    for reverse in (False, True):
        monkeypatch.setattr(registry, "get_recognizers", lambda *a, _r=reverse, **k: sorted(
            real(registry, *a, **k), key=registry.recognizers.index, reverse=_r))
        runs.append([(r.start, r.end, r.entity_type, r.recognition_metadata["recognizer_name"])
                     for r in detector.analyzer.analyze(HEADER, language="nl",
                                                        entities=detector.entities)])
    assert runs[0] == runs[1]
    names = {HEADER[s:e]: who for s, e, _t, who in runs[0]}
    # three recognizers score "Amalrada" 0.85 here; the first of them in the registry wins
    assert names["Amalrada"] == "EmailHeaderNameRecognizer"


def test_a_name_read_from_smudges_is_proposed_not_redacted(detector):
    """Tesseract reads a black box or a smudge as a "word" with little confidence; the NER
    may take it for a surname. Its box would cover real text, so it goes to review."""
    from woo_redact.extract import build_document
    from woo_redact.model import LOW_OCR, Box, Finding, Page, Word

    read = [("Overleg", 91.0), ("met", 93.0), ("Daer", 10.0), ("en", 90.0), ("Jansen", 92.0),
            ("Mantes", 6.0)]
    words, x = [], 10.0
    for text, conf in read:
        words.append(Word(text, Box(0, x, 10, x + 8 * len(text), 20), 0, 0, "ocr", conf))
        x += 8 * len(text) + 6
    doc = build_document("scan.pdf", "0" * 64, [Page(0, 600, 800, words, [])])

    def ner_finding(text):
        s = doc.text.index(text)
        return Finding("PERSON", s, s + len(text), text, 0.85, detector._ner_name)

    assert detector._poorly_read(doc, ner_finding("Daer"))
    assert not detector._poorly_read(doc, ner_finding("Jansen"))  # read well
    suspect = ner_finding("Daer")
    suspect.detector += LOW_OCR
    decided = load_policy().decide([suspect, ner_finding("Jansen")], doc.text)
    assert [(f.text, f.action) for f in decided] == [("Daer", "propose"), ("Jansen", "redact")]


def test_the_windows_of_a_page_tagged_as_one_doc_give_each_name_its_own_place(detector):
    """The NER tags a page's windows joined into one Doc; every name must come back at its
    own place on the page, and never run on into the next window."""
    ner = detector._ner
    nlp = ner.pipeline(None)
    text = ("Het overleg over de begroting duurde lang en werd in de middag voortgezet.\n"
            "Daarna heeft Pieternel Zwanikken de stukken aan de commissie toegelicht.\n\n"
            "In de volgende vergadering worden de cijfers van het eerste kwartaal besproken.\n"
            "Over de uitkomst is contact geweest met Joost Hoogerwerf van het team.\n\n"
            "Verder zijn er geen bijzonderheden te melden over de planning van dit jaar.\n"
            "Aanwezig namens de afdeling was Fatima Bouzerda als vaste vertegenwoordiger.")
    doc = nlp.make_doc(text)
    windows = ner.windows(doc)
    assert len(windows) >= 3  # three names far apart: several windows joined
    spans = ner._tag([doc], nlp)[0]
    assert {text[s:e] for s, e, _label in spans} == {
        "Pieternel Zwanikken", "Joost Hoogerwerf", "Fatima Bouzerda"}
    # the same page tagged window by window finds the same places
    alone = set()
    for s, e in windows:
        sub = doc[s:e].as_doc()
        for a, b, _label in ner._tag([sub], nlp)[0]:
            alone.add((doc[s].idx + a, doc[s].idx + b))
    assert alone == {(s, e) for s, e, _label in spans}


def _names(detector, text: str) -> list[str]:
    """What the NER stage alone takes for names in ``text``."""
    ner = detector._ner
    nlp = ner.pipeline(None)
    return [text[s:e] for s, e, _l in ner._tag([nlp.make_doc(text)], nlp)[0]]


def test_the_name_of_a_law_is_no_person(detector):
    text = ("Het advies is gegeven ex artikel 9 Wet Bibob aan de burgemeester. De gemeente is "
            "op grond van de Jeugdwet verantwoordelijk. Geheimhouding: artikel 28 Wet Bibob.")
    assert _names(detector, text) == []


def test_a_condition_named_after_a_person_is_no_person(detector):
    spans = _names(detector, "U heeft aangetoond dat u door de ziekte van Crohn "
                             "studievertraging heeft opgelopen. Haar zoon heeft het syndroom "
                             "van Down. Het dossier van Jansen is gesloten.")
    assert "Crohn" not in spans and "Down" not in spans and "Jansen" in spans


def test_the_board_s_word_before_a_name_is_no_part_of_it(detector):
    spans = _names(detector, "Opsteller\nPortefeuillehouder RvB René Steenvoorden\n"
                             "Onderwerp: werkplek")
    assert "René Steenvoorden" in spans and not any("RvB" in x for x in spans)


def test_two_signers_on_one_line_are_two_names(detector):
    spans = _names(detector, "Hoogachtend,\nburgemeester en wethouders van Amersfoort,\n"
                             "de secretaris, de burgemeester,\ndrs. R. van der Zee L.M.M. "
                             "Bolsius\n")
    assert spans and not any("Zee" in x and "Bolsius" in x for x in spans)


def test_a_span_over_two_listed_names_becomes_one_finding_per_name():
    from woo_redact.detect import split_listed_names
    from woo_redact.model import Finding

    text = "Organisator: Veldkamp, Ingrid\nBrinkman-Oudshoorn, Hester\nen Jan\nJansen"
    both = Finding("PERSON", 13, text.index("Hester") + 6, "", 0.9, "x")
    wrapped = Finding("PERSON", text.index("Jan\n"), len(text), "", 0.9, "x")
    got = [(f.start, f.end) for f in split_listed_names(text, [both, wrapped])]
    assert [text[a:b] for a, b in got] == ["Veldkamp, Ingrid", "Brinkman-Oudshoorn, Hester",
                                           "Jan\nJansen"]


def test_names_that_are_parts_of_addresses_are_no_people():
    from woo_redact.detect import drop_address_parts
    from woo_redact.model import Finding

    text = "Antonie van Leeuwenhoeklaan 9\nP.O. Box 85500\nAmsterdam\nAdress: x\nJan Smit"
    def at(entity, s):
        i = text.index(s)
        return Finding(entity, i, i + len(s), s, 0.9, "x")
    findings = [at("PERSON", "Antonie"), at("NL_ADDRESS", "Antonie van Leeuwenhoeklaan 9"),
                at("PERSON", "P.O. Box"), at("PERSON", "Amsterdam\nAdress"),
                at("PERSON", "Jan Smit")]
    kept = [f.text for f in drop_address_parts(text, findings)]
    assert kept == ["Antonie van Leeuwenhoeklaan 9", "Jan Smit"]


def test_a_name_inside_an_english_institution_s_name():
    from woo_redact.recognizers.names.organisation_context import company_around

    text = "Hartelijke groet,\nJulius Center for Health Sciences and Primary Care\nUMC Utrecht"
    for word in ("Julius", "Primary"):
        i = text.index(word)
        assert company_around(text, i, i + len(word))
    i = text.index("Hartelijke")
    assert not company_around("Groet,\nJulius Jansen\nCenter", 7, 20)


def test_a_trade_name_after_hodn_is_the_business_s_not_a_person_s():
    from woo_redact.detect import cut_trade_names
    from woo_redact.model import Finding

    text = ("VLG-0009\nA. Kowalczyk h.o.d.n. Kalverhouderij De\nWielewaal\neenmanszaak\n"
            "Jan de Vries\n")

    def person(a, b):
        return Finding("PERSON", a, b, text[a:b], 0.85, "test")

    start, wrap = text.index("A. Kowalczyk"), text.index("Wielewaal")
    jan = text.index("Jan de Vries")
    got = cut_trade_names(text, [person(start, wrap + 9), person(wrap, wrap + 9),
                                 person(jan, jan + 12)])
    # the owner stays a person, the wrapped trade name is none, the next line's name is
    assert [f.text for f in got] == ["A. Kowalczyk", "Jan de Vries"]


def test_the_owner_s_name_repeated_in_the_trade_name_stays_a_name():
    from woo_redact.detect import cut_trade_names
    from woo_redact.model import Finding

    text = "VLG-0026\nB. Rikkerink h.o.d.n. Loonbedrijf Rikkerink\neenmanszaak\n"
    start = text.index("B. Rikkerink")
    end = text.index("\neenmanszaak")
    got = cut_trade_names(text, [Finding("PERSON", start, end, text[start:end], 0.85, "t")])
    assert [f.text for f in got] == ["B. Rikkerink", "Rikkerink"]
    assert got[1].start == text.rindex("Rikkerink")


def test_a_trade_name_on_the_line_after_hodn_or_after_its_kind_of_business():
    from woo_redact.detect import cut_trade_names
    from woo_redact.model import Finding

    text = ("H. Brouwer-van Essen h.o.d.n.\nPluimveebedrijf De Kiekendief\neenmanszaak\n"
            "E.M. ten Have h.o.d.n. Zorgboerderij\nDe Eshof\neenmanszaak\n")
    spans = [text.index(w) for w in ("De Kiekendief", "De Eshof")]
    got = cut_trade_names(text, [Finding("PERSON", a, a + 8, text[a:a + 8], 0.85, "t")
                                 for a in spans])
    assert got == []


def test_a_name_wrapped_after_its_interfix_stays_one_finding_and_van_is_no_one():
    from woo_redact.detect import split_listed_names
    from woo_redact.model import Finding
    from woo_redact.propagate import NameBook

    text = "Redding door Y. el Khatib en D. van\nder Heijden onder ademlucht."
    f = Finding("PERSON", text.index("D."), text.index("Heijden") + 7, "", 0.9, "x")
    got = [text[x.start:x.end] for x in split_listed_names(text, [f])]
    assert got == ["D. van\nder Heijden"]
    # a cut-off "D. van" never enters the dossier's names: every "van" would go
    book = NameBook()
    assert book.add("D. van") is None and book.add("Van") is None
    assert book.add("D. van der Heijden") is not None


def test_a_first_name_and_a_middle_initial_s_rest_are_one_name():
    from woo_redact.detect import join_middle_initials
    from woo_redact.model import Finding

    text = "Island Governor Franklyn E. Schmidt opened the meeting with Reuben Merkman."
    a = Finding("PERSON", 16, 24, "Franklyn", 0.8, "x")
    b = Finding("PERSON", 25, 35, "E. Schmidt", 0.9, "x")
    c = Finding("PERSON", text.index("Reuben"), len(text) - 1, "Reuben Merkman", 0.9, "x")
    got = [text[f.start:f.end] for f in join_middle_initials(text, [a, b, c])]
    assert got == ["Franklyn E. Schmidt", "Reuben Merkman"]


def test_a_name_ending_in_a_common_word_never_enters_the_dossier():
    from woo_redact.propagate import NameBook

    book = NameBook()
    # "Klikop" read by OCR, found again with its space as "Klik op": "op" would go everywhere
    assert book.add("Klik op") is None and book.add("Jan Uit") is None
    assert book.add("Anna op den Brouw") is not None


def test_van_before_a_firm_s_compound_is_the_employer_not_the_surname():
    from woo_redact.detect import cut_employers
    from woo_redact.model import Finding

    text = "Volgens de heer Hiemstra van Grondwerken De Bruijn en Jan van Dijk is het klaar."
    a = Finding("PERSON", text.index("Hiemstra"), text.index(" De Bruijn"), "", 0.9, "x")
    b = Finding("PERSON", text.index("Jan"), text.index(" is het"), "", 0.9, "x")
    got = [text[f.start:f.end] for f in cut_employers(text, [a, b])]
    assert got == ["Hiemstra", "Jan van Dijk"]


def test_two_surnames_with_a_comma_are_two_people():
    from woo_redact.detect import split_surname_lists
    from woo_redact.model import Finding

    text = "Actie: Tiemersma, Zhang. Van: Jansen, Pieter"
    a = Finding("PERSON", 7, 23, "", 0.9, "x")
    b = Finding("PERSON", text.index("Jansen"), len(text), "", 0.9, "x")
    got = [text[f.start:f.end] for f in split_surname_lists(text, [a, b])]
    assert got == ["Tiemersma", "Zhang", "Jansen, Pieter"]
