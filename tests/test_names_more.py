"""PERSON detection around organisations, form labels, table cells and first names alone.

Each case runs real text through the real recognizers (and, where the behaviour depends on
more than one of them, through the pipeline on a generated PDF).
"""

from __future__ import annotations

import pytest

from conftest import make_pdf
from woo_redact import gazetteer
from woo_redact.pipeline import Pipeline
from woo_redact.propagate import propagate
from woo_redact.recognizers import names as N
from woo_redact.recognizers.names.organisation_context import (listed_with_organisation,
                                                               organisation_around)


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.load()


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(ocr=False)


def found(recognizer, text: str) -> list[str]:
    return [text[r.start:r.end] for r in recognizer.analyze(text, ["PERSON"], None)]


def redacted(pipe, tmp_path, lines: list[str]) -> list[str]:
    pdf = make_pdf(tmp_path / "doc.pdf", [[(60, 60 + 14 * i, ln) for i, ln in enumerate(lines)]])
    _doc, prop = pipe.propose(str(pdf))
    return [f.text for f in sorted(prop.findings, key=lambda f: f.start)
            if f.entity_type == "PERSON" and f.action == "redact"]


# --- form labels are no speakers -----------------------------------------------------------

def test_form_labels_are_no_speakers(gaz):
    text = ("Collegevoorstel\n"
            "Penvoerder: afdeling Wonen\n"
            "Opsteller: zie het colofon\n"
            "Contractnummer: kenmerk volgt\n"
            "Postadres: zie de briefhoofd\n"
            "Kowalski: ik ben het daarmee eens.\n"
            "De Groot: akkoord.\n")
    assert found(N.SpeakerRecognizer(gazetteer=gaz), text) == ["Kowalski", "De Groot"]


def test_label_shapes(gaz):
    for word in ("Opsteller", "Verslaglegger", "Penvoerder"):
        assert gazetteer.looks_like_agent_noun(word, gaz), word
    for word in ("Kowalski", "Hofstedter", "Omtzigt"):
        assert not gazetteer.looks_like_agent_noun(word, gaz), word
    assert gazetteer.looks_like_organisation("Belastingdienst")
    assert not gazetteer.looks_like_organisation("Dienst")


# --- organisations are no people -----------------------------------------------------------

@pytest.mark.parametrize("text, span", [
    ("De sloop is uitgevoerd door Sloopbedrijf Van Dam uit Tiel.", "Van Dam"),
    ("Volgens het rapport van het Kooijman Instituut daalt het aantal.", "Kooijman"),
    ("De levering liep via Hendriks B.V. in Venlo.", "Hendriks"),
    ("Haar zoon werkt sinds maart bij Jan Linders in Nijmegen.", "Jan Linders"),
    ("De opdracht is gegund aan Heijmans na de aanbesteding.", "Heijmans"),
])
def test_organisation_around_a_name(text, span):
    s = text.index(span)
    assert organisation_around(text, s, s + len(span))


@pytest.mark.parametrize("text, span", [
    ("Mevrouw Linders werkt op de afdeling Vergunningen.", "Linders"),
    ("Jan Hendriks van het Kadaster belde terug.", "Jan Hendriks"),
    ("Ik heb dit besproken met Sara Kooijman.", "Sara Kooijman"),
])
def test_people_stay_people(text, span):
    s = text.index(span)
    assert not organisation_around(text, s, s + len(span))


def test_a_name_above_its_employer_in_a_signature(gaz):
    text = "Met vriendelijke groet,\nPetra Kooijman\nInstituut Fysieke Veiligheid\n"
    assert found(N.SignatureBlockRecognizer(gazetteer=gaz), text) == ["Petra Kooijman"]


def test_listed_next_to_an_organisation():
    text = "Het plan wordt gesteund door Vluchtelingenwerk, Divosa en de Vereniging Eigen Huis."
    s = text.index("Divosa")
    assert listed_with_organisation(text, s, s + len("Divosa"))
    text = "Zij sprak met Kowalski en de buurvrouw."
    s = text.index("Kowalski")
    assert not listed_with_organisation(text, s, s + len("Kowalski"))


def test_organisations_in_a_document(pipe, tmp_path):
    got = redacted(pipe, tmp_path, [
        "Notitie",
        "Het advies is opgesteld samen met Divosa en Stichting Buurtwerk Oost.",
        "Haar partner werkt 20 uur per week bij Jan Linders in Nijmegen.",
        "De sloop is uitgevoerd door Sloopbedrijf Van Dam uit Tiel.",
        "Mevrouw Linders heeft de melding gedaan; Jan Hendriks heeft haar teruggebeld.",
    ])
    assert "Divosa" not in got and "Van Dam" not in got
    assert not any("Linders" in g and "Jan" in g for g in got)
    assert "Linders" in got and "Jan Hendriks" in got


# --- names the rules missed ----------------------------------------------------------------

def test_street_shaped_surname_in_an_attendee_list(gaz):
    text = "Aanwezig: Joris Kerkhof (voorzitter), Marie-Claire Langendijk (notulist)\n"
    assert found(N.AttendeeListRecognizer(gazetteer=gaz), text) == [
        "Joris Kerkhof", "Marie-Claire Langendijk"]


def test_street_is_still_a_street(gaz):
    text = "Het pand aan de Kerkdijk 12 staat leeg; Anna Kerkdijk 4 keer gebeld.\n"
    got = found(N.GazetteerNameRecognizer(gazetteer=gaz), text)
    assert not any("Kerkdijk" in g and "Anna" in g for g in got)


def test_name_wrapped_in_a_table_cell(gaz):
    text = ("Naam\nFunctie\nOpmerkingen\n"
            "Kofi\nBoateng\nTeamleider handhaving\n"
            "Anna\nPetra\n")
    got = found(N.GazetteerNameRecognizer(gazetteer=gaz), text)
    assert "Kofi\nBoateng" in got
    assert "Anna\nPetra" not in got


def test_double_surname_wrapped_after_its_hyphen(gaz):
    text = "Contactpersoon is Marieke de Boer-van\nDijk van de afdeling Toezicht.\n"
    assert "Marieke de Boer-van\nDijk" in found(N.GazetteerNameRecognizer(gazetteer=gaz), text)


def test_signature_line_glued_to_its_dashes(gaz):
    text = "Groet, Sven\n--Sven van 't Veld | Adviseur | Provincie Utrecht\n"
    assert "Sven van 't Veld" in found(N.GazetteerNameRecognizer(gazetteer=gaz), text)


def test_greeting_inside_a_chat_message(gaz):
    text = "[03-04-2024 08:02] Lieke Mol: Hoi Dani, sta je al bij de poort?\n"
    assert "Dani" in found(N.SalutationRecognizer(gazetteer=gaz), text)


# --- first names spread to their other mentions --------------------------------------------

def test_first_name_found_alone_does_not_block_its_own_spread(gaz):
    text = ("Bericht van Sander van den Heuvel over de aanvraag.\n"
            "Dank Sander!\n"
            "Sander heeft de stukken al gelezen.\n")
    spans = [(text.index("Sander van"), text.index("Sander van") + 22, "Sander van den Heuvel"),
             (text.index("Dank Sander") + 5, text.index("Dank Sander") + 11, "Sander")]
    got = [text[s:e] for s, e, _ in propagate(text, spans, gazetteer=gaz)]
    assert got == ["Sander"]


def test_first_name_that_is_a_word_only_as_an_address(gaz):
    text = ("Van: Roos Verhagen\n"
            "Roos, wil jij dit oppakken?\n"
            "De roos in de tuin bloeit. Er kwam een Roos uit de kas.\n")
    spans = [(5, 18, "Roos Verhagen")]
    got = [(s, text[s:e]) for s, e, _ in propagate(text, spans, gazetteer=gaz)]
    assert got == [(text.index("Roos, wil"), "Roos")]


def test_surname_word_in_an_address_is_not_its_use_as_a_word(gaz):
    text = ("Aan: kees.ton@provincie.nl\n"
            "Hoi Ton,\n"
            "Dat klopt. Ton, kun jij de planning delen?\n")
    s = text.index("Hoi Ton") + 4
    got = [text[a:b] for a, b, _ in propagate(text, [(s, s + 3, "Ton")], gazetteer=gaz)]
    assert got == ["Ton"]
