"""Round two of PERSON detection: firms named after their owner, words the NER took for
names (a weekday in an English mail header, a compass point, a form's plural label), and
legal forms read as initials. Examples are written for the pattern, not copied."""

from __future__ import annotations

import pytest

from woo_redact import gazetteer
from woo_redact.recognizers import names as N
from woo_redact.recognizers.names.organisation_context import organisation_around


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.load()


def found(recognizer, text: str) -> list[str]:
    return [text[r.start:r.end] for r in recognizer.analyze(text, ["PERSON"], None)]


def around(text: str, name: str) -> bool:
    s = text.index(name)
    return organisation_around(text, s, s + len(name))


@pytest.mark.parametrize("text,name", [
    ("De aannemer is Dekker Bouw & Infra B.V. uit Zwolle.", "Dekker"),
    ("Het pand is van Smit Vastgoed B.V., KvK 12345678.", "Smit Vastgoed B.V."),
    ("Leverancier: Jansen & Zn. te Deventer.", "Jansen"),
    ("De lunch werd verzorgd door Mulder Catering uit Breda.", "Mulder"),
    ("Het onderhoud doet Hendriks Hoveniers sinds 2019.", "Hendriks Hoveniers"),
    ("Zij wordt bijgestaan door Postma Letselschade Advocaten.", "Postma"),
    ("Zie de factuur van De Graaf Schoonmaak B.V. van maart.", "De Graaf"),
    ("Het kind ging naar kinderdagverblijf Het Vrolijke Vosje.", "Het Vrolijke Vosje"),
    ("Patiënten gaan naar Fundashon Salú di Kòrsou.", "Fundashon Salú"),
    # an institution or building named after someone, what an organisation is of, a model
    ("De leerlingen van de Gwendoline van Putten School krijgen les.", "Gwendoline"),
    ("Public Entity St. Eustatius | Mazinga Complex, Oranjestad", "Mazinga"),
    ("namens de Nederlandse Vereniging\nvan Banken (NVB) over de-risking", "Banken"),
    ("het Staatstoezicht op de Mijnen meldt", "Mijnen"),
    ("dr. T.K. Veenstra, inspecteur-generaal der Mijnen", "Mijnen"),
    ("Voertuig: Toyota Corolla Touring Sports, kenteken T-418-KP", "Corolla"),
])
def test_firms_named_after_people(text, name):
    assert around(text, name)


@pytest.mark.parametrize("text,name", [
    ("Jan Smit, beleidsmedewerker, stuurt de stukken.", "Jan Smit"),
    ("Met vriendelijke groet,\n\nKarin Mulder\nAdviseur Transport\n", "Karin Mulder"),
    ("Aanwezig: Piet Dekker (gemeente), Anna Smit (provincie).", "Piet Dekker"),
    ("Dit is besproken met Mulder en zijn collega.", "Mulder"),
])
def test_people_stay_people(text, name):
    assert not around(text, name)


def test_legal_form_is_no_initials(gaz):
    rec = N.InitialsNameRecognizer(gazetteer=gaz)
    assert found(rec, "Opdrachtnemer Techniek Nederland B.V. KvK 87654321") == []
    assert found(rec, "Geleverd door Brouwer N.V. Nederland") == []
    assert found(rec, "Getekend door J.P. Brouwer namens de directie.") == ["J.P. Brouwer"]


def test_lawyer_of_his_own_firm(gaz):
    rec = N.TitleNameRecognizer(gazetteer=gaz)
    text = "De gemachtigde, mr. K. Dijkstra van Dijkstra Advocatuur, reageerde op tijd."
    assert found(rec, text) == ["K. Dijkstra"]


def test_plural_field_label_is_no_speaker(gaz):
    rec = N.SpeakerRecognizer(gazetteer=gaz)
    text = "Rapporteurs: K. Smit en L. Bos\nGetuigen: twee buurtbewoners\nKowalski: akkoord.\n"
    assert found(rec, text) == ["Kowalski"]


@pytest.fixture(scope="module")
def ner(gaz):
    from woo_redact.recognizers.ner import DutchNerRecognizer
    return DutchNerRecognizer(gazetteer=gaz)


def test_ner_drops_firms_weekdays_and_compass_points(ner):
    text = ("From: Ingrid Bos <i.bos@example.nl> Sent: Tuesday, 5 March 2024 09:12\n"
            "Melding van een woninginbraak in Tilburg-West, Ringbaan.\n"
            "Wij kochten de apparatuur bij Hendriks Koeltechniek B.V. in Oss.\n")
    got = found(ner, text)
    assert "Tuesday" not in got and "Tilburg-West" not in got
    assert not any("Hendriks" in g for g in got)


def test_ner_firm_is_a_firm_across_the_page(ner):
    text = ("Wij spraken met de Woonbond en Vestia over de huren.\n"
            "Vestia heeft laten weten dat het de plannen steunt.\n"
            "Ik heb dit voorgelegd aan de directeur van Woonzorgo, mevrouw Bos.\n")
    got = found(ner, text)
    assert "Vestia" not in got and "Woonzorgo" not in got


def test_a_surname_inside_a_company_name_is_not_spread_there():
    from woo_redact.propagate import propagate

    text = ("Anna Vos en Jan Visser kwamen. De opdracht ging naar Visser Vastgoed B.V. en "
            "Slachterij Vos & Zn. B.V. leverde. Vos belde later.")
    spans = [(text.index(n), text.index(n) + len(n), n) for n in ("Anna Vos", "Jan Visser")]
    got = [(text[s:e], s) for s, e, _ in propagate(text, spans)]
    assert got == [("Vos", text.rindex("Vos belde"))]


def test_surname_first_in_running_text_and_a_name_in_brackets(gaz):
    rec = N.InitialsNameRecognizer(gazetteer=gaz)
    text = ("Ter zitting verscheen Dijk, H.J. van (hierna: appellant). Bakker, J. tekende. "
            "In Utrecht, C. Jansen kwam. Zie Bijlage, B. en Markt, A. Aanwezig: "
            "R. (Ruben) de Graaf en mevrouw T.M. (Tineke) Smits.")
    got = [text[r.start:r.end] for r in rec.analyze(text, ["PERSON"], None)]
    assert got == ["Dijk, H.J. van", "Bakker, J.", "C. Jansen", "R. (Ruben) de Graaf",
                   "T.M. (Tineke) Smits"]


def test_a_person_called_by_name_in_a_chat(gaz):
    rec = N.SalutationRecognizer(gazetteer=gaz)
    text = ("[10:02] Sanne: @Joris kun jij de cijfers checken?\n"
            "[10:04] Joris: ja. Mail ze naar planning@gemeente.nl of @gemeente op X.")
    got = [text[r.start:r.end] for r in rec.analyze(text, ["PERSON"], None)]
    assert "Joris" in got and "gemeente" not in got and "planning" not in got


@pytest.mark.parametrize("text,expected", [
    ("Opsteller: WB      Beleidsmedewerker   12-03-2024", ["WB"]),
    ("Paraaf MT: KdJ     Afdelingshoofd", ["KdJ"]),
    ("Behandeld door: JvdB", ["JvdB"]),
    # an organisation, a role or a law is no one's paraph
    ("Paraaf DG: DG", []),
    ("Opsteller: BZK", []),
    ("Paraaf: akkoord", []),
    ("Actie JHdV: uitzoeken of de Wet het toelaat. Actie PK: offerte opvragen.", ["JHdV", "PK"]),
    ("Actie MT: besluit nemen.", []),
])
def test_initials_in_a_paraph_block(gaz, text, expected):
    assert found(N.ParaphInitialsRecognizer(gazetteer=gaz), text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Notulist: pieter de groot\n", ["pieter de groot"]),
    ("Aanwezig: P. Verbeek (BZK), jan smit (secretaris)\n", ["P. Verbeek", "jan smit"]),
    # lower case words that are no first name and surname stay
    ("Aanwezig: de voorzitter, het secretariaat\n", []),
])
def test_names_in_lower_case_in_an_attendee_list(gaz, text, expected):
    assert found(N.AttendeeListRecognizer(gazetteer=gaz), text) == expected


@pytest.mark.parametrize("text", ["Notulist: pieter de groot\n", "Paraaf: KdJ\n"])
def test_a_role_label_opening_a_line_is_no_speaker(gaz, text):
    assert found(N.SpeakerRecognizer(gazetteer=gaz), text) == []


@pytest.mark.parametrize("word, law", [
    ("Jeugdwet", True), ("Kaderwet", True), ("Bouwbesluit", True), ("IJsselbrug", True),
    ("Wetering", False), ("Hoogendijk", False), ("Brugman", False),
])
def test_laws_and_works_are_not_people(word, law):
    assert gazetteer.looks_like_law_or_work(word) == law


def test_a_type_of_organisation_ending_the_line_before():
    text = "namens het hoofd van het Landelijk Bureau\nBibob, drs. E.M. Hoogendoorn"
    assert around(text, "Bibob")
    # a person on the line after a lower-case word stays a person
    text = "Zij werkt op het kantoor\nJan Jansen belde later."
    assert not around(text, "Jan Jansen")


def test_chat_user_names(gaz):
    text = ("[2024-05-04 21:02] dion.verhagen: melding binnen\n"
            "[2024-05-04 21:03] a.tjon-a-fat: klopt\n"
            "21:05 dion.verhagen: @a.tjon-a-fat kun je haar doorzetten? Zie ook dion.verhagen.log\n"
            "21:06 kees.w: ok, ik mail naar crisis.team@vrh.nl\n"
            "Stuur het naar @team.noord of @ghor.haaglanden")
    got = found(N.ChatHandleRecognizer(gazetteer=gaz), text)
    # a handle in a file name or mail address is not the sender; a team's handle names no one
    assert got == ["dion.verhagen", "a.tjon-a-fat", "dion.verhagen", "a.tjon-a-fat", "kees.w"]


@pytest.mark.parametrize("text, expected", [
    ("de verklaringen van de getuigen Jurgen Pos en Samira\nHaddou zijn tegenstrijdig.",
     ["Samira\nHaddou"]),
    # a first name that is also a word, or a line that ends a sentence, joins nothing
    ("Hij zag het en was\nBlij met de uitkomst.", []),
    ("Dit overleg vond plaats in Utrecht met Anna\nPetra en Jan.", []),
])
def test_a_name_wrapped_at_the_end_of_a_prose_line(gaz, text, expected):
    got = [x for x in found(N.GazetteerNameRecognizer(gazetteer=gaz), text) if "\n" in x]
    assert got == expected


@pytest.mark.parametrize("text, expected", [
    ("RENSKE VAN DER LAAN-OKAFOR\nSenior adviseur", ["RENSKE VAN DER LAAN-OKAFOR"]),
    ("Rapporteur: HOOFDAGENT en PIETER JANSEN", ["PIETER JANSEN"]),
    ("GROTE MARKT 12 DEN HAAG", []),
    ("BESLUIT OP BEZWAAR\nVERSLAG VAN DE VERGADERING\nAAN DE MINISTER", []),
    ("MINISTERIE VAN BINNENLANDSE ZAKEN\nDIRECTIE WETGEVING EN JURIDISCHE ZAKEN", []),
])
def test_names_in_capitals(gaz, text, expected):
    got = [x for x in found(N.GazetteerNameRecognizer(gazetteer=gaz), text) if x.isupper()]
    assert got == expected


def test_a_found_name_typed_in_lower_case_in_a_chat(tmp_path, pipeline):
    from conftest import make_pdf

    pdf = make_pdf(tmp_path / "chat.pdf", [[
        (72, 72, "Van: Hasan Demirci <h.demirci@example.nl>"),
        (72, 90, "[16:20] rafa: morgen 10u bij de wasstraat van hasan"),
        (72, 108, "[16:21] kwabs: ok demirci weet het, mail hasan.d@gmail.com"),
        (72, 126, "[16:22] rafa: de bakker is dicht tot 1 jan 2025"),
        (72, 144, "Jan Bakker belde later.")]])
    _, prop = pipeline.propose(str(pdf))
    got = [f.text for f in prop.findings if f.entity_type == "PERSON" and f.status == "accepted"]
    assert got.count("hasan") == 1 and "demirci" in got
    assert "bakker" not in got and "jan" not in got  # a word, and a month in a date
