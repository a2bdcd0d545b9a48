"""Investigative methods (the span a reviewer accepts must take what reveals the method: its
legal basis, the article of a special power, where a device went), wiretaps and cameras
only in their investigative sense, and investigation names wrapped at a line end.

Real text through the real recognizers, as in test_recognizers.py; the last test runs a
PDF through extraction and the full detector.
"""

from __future__ import annotations


import pytest
import yaml

from conftest import POLICY, found, make_pdf
from woo_redact.recognizers.law_enforcement import (
    AMBIGUOUS_METHOD_TERMS,
    CAMERA_TERMS,
    METHOD_TERMS,
    PLACED_METHOD_TERMS,
    TAP_WORDS,
    NlInvestigativeMethodRecognizer,
)

METHOD = "INVESTIGATIVE_METHOD"


def test_methods_are_proposed_not_redacted():
    rule = yaml.safe_load(POLICY.read_text())["entities"][METHOD]
    assert (rule["ground"], rule["action"]) == ("5.1.2c", "propose")


# -- the span takes the legal basis ---------------------------------------------------------

SPANS = [
    # a legal basis in brackets right behind the method, also after its verb and over a
    # line break
    ("De officier wordt gevraagd een bevel tot stelselmatige observatie (art. 126g Sv) af "
     "te geven.", "stelselmatige observatie (art. 126g Sv)"),
    ("Bij de woning is een observatiepost ingericht en OVC (artikel 126l Sv) voorbereid.",
     "OVC (artikel 126l Sv)"),
    ("Vanaf 3 maart is stelselmatige observatie toegepast (artikel 126g, eerste lid,\nSv).",
     "stelselmatige observatie toegepast (artikel 126g, eerste lid,\nSv)"),
    ("Wij stellen een pseudokoop (ex artikel 126i Sv) voor.",
     "pseudokoop (ex artikel 126i Sv)"),
    # the article of a special power is the method, cited on its own
    ("Op grond van artikel 126m Sv is een machtiging verleend.", "artikel 126m Sv"),
    ("De bevelen ex artt. 126n en 126na Sv zijn verlengd.", "artt. 126n en 126na Sv"),
    ("met toepassing van art. 126nd lid 1 Sv", "art. 126nd lid 1 Sv"),
    ("krachtens artikel 126zd van het Wetboek van Strafvordering",
     "artikel 126zd van het Wetboek van Strafvordering"),
    # wiretaps: "tap op" a line
    ("Sinds 2 februari loopt een tap op het mobiele nummer van de tweede verdachte.",
     "tap op het mobiele nummer"),
    ("Uit de tap op de telefoonaansluiting bleek dat de levering was uitgesteld.",
     "tap op de telefoonaansluiting"),
    ("De taps op zijn toestellen zijn na zes weken beëindigd.", "taps op zijn toestellen"),
    ("Er staat een tap op 06-11223344 sinds de aanhouding.", "tap op"),
    ("In de tapverslagen en tapgesprekken komt de bijnaam terug.", "tapgesprekken"),
    ("De rechter-commissaris gaf een machtiging voor het opnemen van telecommunicatie.",
     "opnemen van telecommunicatie"),
    # where a device went or what was recorded is proposed with the device
    ("Met machtiging is een peilbaken geplaatst onder de bestelbus.",
     "geplaatst onder de bestelbus"),
    ("Het opnemen van vertrouwelijke communicatie in de loods aan de Industrieweg wordt "
     "voorbereid.", "in de loods aan de Industrieweg"),
    # methods that were missing
    ("Met een IMSI-catcher is het nummer van zijn tweede toestel achterhaald.",
     "IMSI-catcher"),
    ("Naar het toestel zijn drie stille sms'en verstuurd.", "stille sms'en"),
    ("De officier gaf een bevel tot het vorderen van gegevens bij de provider.",
     "vorderen van gegevens"),
    ("Een politie-infiltrant en twee pseudokopers zijn ingezet.", "pseudokopers"),
    ("Een GPS-tracker gaf de route van de auto door.", "GPS-tracker"),
    # cameras only when used to trace someone
    ("Met de beelden van het cameranetwerk van de gemeente is de vluchtroute van de "
     "verdachten gereconstrueerd.", "cameranetwerk"),
    ("Via ANPR-camera's is vastgesteld dat het voertuig om 02.14 uur de A4 opreed.",
     "ANPR-camera's"),
]


@pytest.mark.parametrize("text,span", SPANS, ids=[s for _, s in SPANS])
def test_method_span(analyzer, text, span):
    spans = found(analyzer, text, METHOD)
    assert span in spans, f"{span!r} not found in {text!r}; got {spans}"


def test_accepting_the_proposal_leaves_no_legal_basis(analyzer):
    text = "Wij vragen een vordering tot stelselmatige observatie (artikel 126g Sv) van X."
    spans = found(analyzer, text, METHOD)
    rest = text
    for s in spans:
        rest = rest.replace(s, "")
    assert "126g" not in rest and "()" not in rest and "observatie" not in rest


METHOD_NEGATIVES = [
    # tap of a bar, tapering, tap water
    "Achter de tap stond de eigenaar van het café; het bier van de tap was lauw.",
    "De kolommen lopen taps toe en een taps toelopende vorm is gekozen.",
    "Het tapwater in de wijk is veilig.",
    # an article 126 of another law, or without a special-power letter
    "Op grond van artikel 126 Gemeentewet en artikel 126a Provinciewet.",
    "Zie artikel 126 Sv over de rechter-commissaris.",
    # cameras as public policy
    "Het college breidt het cameratoezicht uit; camerabeelden worden vier weken bewaard.",
    "In de vergaderzaal hangt een camera voor de livestream.",
    # everyday meanings of ambiguous terms
    "Infiltratie van regenwater in de bodem voorkomt wateroverlast.",
    "De toezichthouder is bevoegd tot het vorderen van gegevens en bescheiden (art. 5:17 "
    "Awb).",
    # a device word followed by a time, not a place
    "De aanschaf van peilbakens is in 2022 begroot.",
]


@pytest.mark.parametrize("text", METHOD_NEGATIVES, ids=[t[:35] for t in METHOD_NEGATIVES])
def test_method_negative(analyzer, text):
    spans = found(analyzer, text, METHOD)
    if "peilbakens" in text:
        assert spans == ["peilbakens"]  # the keyword is proposed, "in 2022" is no place
    else:
        assert spans == [], f"wrongly found in {text!r}: {spans}"


def test_method_stems_cover_every_term():
    """The page pre-check is a list of stems: each listed term, anywhere on a page, must
    pass it, or its pattern is never run."""
    rec = NlInvestigativeMethodRecognizer()
    terms = (METHOD_TERMS + AMBIGUOUS_METHOD_TERMS + PLACED_METHOD_TERMS + TAP_WORDS)
    for term in terms:
        for text in (f"Bij de verdachte is {term} ingezet.", f"{term} ingezet"):
            lowered = "\n" + text.lower()
            assert any(stem in lowered for stem in rec.STEMS), term
    for term in CAMERA_TERMS:
        lowered = f"via {term} is de route nagegaan".lower()
        assert any(s in lowered for s in rec.CAMERA_STEMS), term
        assert any(s in lowered for s in rec.TRACE_STEMS), term
    # and a page with none of them is skipped before any regex
    assert rec.analyze("De stap naar de camera was klein.", [METHOD]) == []


# -- investigation names over a line break ------------------------------------------------

def test_investigation_name_after_a_line_break(analyzer):
    text = ("Naar aanleiding van uw verzoek om de processtukken in de zaak tegen uw cliënt (onderzoek\n"
            "Wielewaal) deel ik u mee dat de processen-verbaal binnen twee weken volgen.")
    assert found(analyzer, text, "INVESTIGATION_NAME") == ["Wielewaal"]


def test_a_heading_ending_in_onderzoek_is_no_name(analyzer):
    for text in [
        "3. Resultaten van het onderzoek\nVerbalisanten zagen de verdachte bij de woning van "
        "de politie een tas afgeven aan een tweede man, waarna beiden wegreden.",
        "Onderzoek\nBijzonderheden over de aanhouding door de politie volgen in het "
        "proces-verbaal van de officier van justitie.",
        "Actie | Wie\nAfronden project\nHenk de Boer (politie)",
    ]:
        assert found(analyzer, text, "INVESTIGATION_NAME") == [], text


def test_a_form_label_keeps_its_value_on_the_next_line(analyzer):
    text = "Proces-verbaal van bevindingen\nOnderzoek:\n23Orchidee\nParketnummer: 09/771234-23"
    assert "23Orchidee" in found(analyzer, text, "INVESTIGATION_NAME")


def test_wrapped_name_found_in_a_pdf(tmp_path):
    """The same over a real line end in a PDF: extraction, then the full detector."""
    from woo_redact.detect import Detector
    from woo_redact.extract import extract
    from woo_redact.policy import load_policy

    lines = [
        "De officier van justitie deelt u mee dat de stukken uit het dossier van de politie",
        "(onderzoek",
        "Wielewaal) worden nagezonden. In dat onderzoek is stelselmatige observatie",
        "(art. 126g Sv) toegepast en is een peilbaken geplaatst onder de bestelauto.",
    ]
    # the first line of the paragraph ends in "(onderzoek": put it at the end of a full line
    text_lines = [(72, 100, lines[0] + " " + lines[1]), (72, 114, lines[2]),
                  (72, 128, lines[3])]
    pdf = make_pdf(tmp_path / "brief.pdf", [text_lines], fontsize=9)
    doc = extract(str(pdf))
    findings = Detector(load_policy()).analyze(doc)
    got = {(f.entity_type, f.text) for f in findings}
    assert ("INVESTIGATION_NAME", "Wielewaal") in got
    methods = {t for e, t in got if e == METHOD}
    assert any("observatie" in t and "126g Sv)" in t for t in methods), methods
    assert "geplaatst onder de bestelauto" in methods


def test_a_company_under_inquiry_is_no_investigation_code_name(analyzer):
    from conftest import found

    text = ("Politie en gemeente wisselen informatie uit over het Bibob-onderzoek Shisha Lounge "
            "Noordkade B.V. van de verdachte. Het opsporingsonderzoek Zandloper loopt door.")
    assert found(analyzer, text, "INVESTIGATION_NAME") == ["Zandloper"]


def test_a_police_unit_s_code_with_the_year_only_in_a_police_record(analyzer):
    from conftest import found

    pv = ("Observatieverslag van de politie. De beelden zijn opgeslagen onder nummer "
          "OBS-2026-1187. Er werden geen derden gehinderd.")
    assert found(analyzer, pv, "NL_POLICE_REFERENCE") == ["OBS-2026-1187"]
    letter = "Zaaknummer OV-2024-0417\nOns kenmerk WIA-2025-0331847\nBesluit op uw aanvraag."
    assert found(analyzer, letter, "NL_POLICE_REFERENCE") == []
    council = "De politie meldde overlast. Zaaknummer OV-2024-0417 is afgehandeld."
    assert found(analyzer, council, "NL_POLICE_REFERENCE") == []


def test_a_tapped_line_s_code_in_a_tap_report(analyzer):
    from conftest import found

    tap = ("TAPVERSLAG\nLijnen\nZL-T03 (nummer) en ZL-T04 (IMEI-tap)\nTarget ZL-T03\n"
           "06-41827736, gebruiker")
    assert sorted(set(found(analyzer, tap, "NL_POLICE_REFERENCE"))) == ["ZL-T03", "ZL-T04"]
    assert found(analyzer, "Het model AB-T20 van de fabrikant.", "NL_POLICE_REFERENCE") == []
