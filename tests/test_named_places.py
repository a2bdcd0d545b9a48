"""Words a document itself uses as places or organisations are no one's name."""

from __future__ import annotations

import pytest
from conftest import make_pdf

from woo_redact import gazetteer
from woo_redact.named_places import is_place_finding, learn, names_a_place


def test_a_document_says_what_its_places_and_organisations_are():
    text = ("Gemeente Zuiderwaard · Postbus 1500 · 4730 BA Zuiderwaard · info@zuiderwaard.nl\n"
            "De aannemer is gevestigd te Numansdorp. Jan te Velde belde namens Omroep Kerkwijk.\n"
            "Mail: p.jansen@gmail.com, k.smit@gmail.com; winkel: info@bakker.nl")
    places = learn(text, gazetteer.load())
    assert {"zuiderwaard", "gemeente zuiderwaard", "numansdorp", "kerkwijk",
            "omroep kerkwijk"} <= places
    assert "velde" not in places  # the interfix of "Jan te Velde", not "woont te Velde"
    assert "gmail" not in places  # free mail names no organisation
    assert "bakker" not in places  # a shop's domain that is someone's surname


def test_a_place_finding_is_the_place_unless_a_title_or_initial_makes_it_someone():
    places = frozenset({"zuiderwaard", "omroep zuiderwaard"})
    assert names_a_place("ZUIDERWAARD", places)
    assert names_a_place("van Omroep Zuiderwaard", places)
    assert not names_a_place("Jan Zuiderwaard", places)
    text = "Het college van Zuiderwaard sprak met mevrouw Zuiderwaard en J. Zuiderwaard."
    first = text.index("Zuiderwaard")
    assert is_place_finding(text, first, first + 11, places)
    second = text.index("Zuiderwaard", first + 1)
    assert not is_place_finding(text, second, second + 11, places)
    third = text.rindex("Zuiderwaard")
    assert not is_place_finding(text, third, third + 11, places)


def test_an_invented_municipality_is_not_redacted_as_a_person(tmp_path, pipeline):
    src = make_pdf(tmp_path / "brief.pdf", [[
        (72, 60, "Gemeente Zuiderwaard"),
        (72, 74, "Postbus 1500, 4730 BA Zuiderwaard"),
        (72, 120, "Geachte heer Osei,"),
        (72, 140, "Het college van Zuiderwaard heeft uw aanvraag ontvangen. Zuiderwaard"),
        (72, 154, "steunt het buurthuis. Met vriendelijke groet, Mirjam Kok")]])
    res = pipeline.process(str(src), tmp_path / "out", dry_run=True)
    removed = {f.text for f in res.findings if f.status == "accepted"}
    assert "Osei" in removed and "Mirjam Kok" in removed
    assert not any("Zuiderwaard" in t for t in removed), removed


def test_an_organism_named_the_latin_way_is_no_one():
    from woo_redact.named_places import names_an_organism
    assert names_an_organism("E. Coli") and names_an_organism("S. aureus")
    assert not names_an_organism("E. Colijn")


def test_a_venue_named_with_an_article_is_a_place_wherever_it_stands():
    text = ("Wij verlenen Stichting Buurthuis De Vonk een subsidie. Hondenpoep in park De Esch.\n"
            "Uitvoering door Grondwerken De Bruijn B.V.; ouderavond OBS De Regenboog.\n"
            "Cliënten van Thuiszorg Het Gooi. Gesprek met Jan de Wit en mevrouw De Groot.")
    places = learn(text, gazetteer.load())
    assert {"de vonk", "buurthuis de vonk", "de esch", "de bruijn", "de regenboog",
            "het gooi"} <= places
    assert not {"de wit", "de groot"} & places  # a first name or a title, not a venue


def test_a_venue_s_name_stays_wherever_it_stands(tmp_path, pipeline):
    src = make_pdf(tmp_path / "brief.pdf", [[
        (72, 60, "Het college verleent Stichting Buurthuis De Vonk een subsidie."),
        (72, 74, "De Vonk organiseert in 2024 een inloopavond voor de wijk."),
        (72, 88, "Namens het bestuur tekende Karel Jansen de aanvraag."),
    ]])
    _, prop = pipeline.propose(str(src))
    gone = [f.text for f in prop.findings if f.entity_type == "PERSON"
            and f.status == "accepted"]
    assert gone == ["Karel Jansen"], gone


def test_abbreviations_the_text_defines_as_an_organisation():
    from woo_redact.named_places import organisation_acronyms

    text = ("De beleidsafdeling van UWV, SBK, heeft besloten. Vragen aan afdeling JZ en de Staf "
            "Bestuurszaken en Kwaliteit (SBK2). Overleg met Jan Jansen (JJ). Actie PdV: bellen.")
    assert organisation_acronyms(text, gazetteer.load()) == {"SBK", "JZ"}
    text2 = "Overleg met de Dienst Justitiële Inrichtingen (DJI) en Jan de Vries (JdV)."
    assert organisation_acronyms(text2, gazetteer.load()) == {"DJI"}
    assert "sbk" in learn("Opsteller: SBK\nDe beleidsafdeling van UWV, SBK, heeft besloten.",
                          gazetteer.load())


def test_a_word_that_ends_a_venue_s_name_is_the_venue():
    places = frozenset({"de vonk", "buurthuis de vonk"})
    text = "werkbezoek Buurthuis De\nVonk met wethouder; mevrouw Vonk belde; Jan Vonk ook."
    first = text.index("Vonk")
    assert is_place_finding(text, first, first + 4, places)
    for i in (text.index("Vonk", first + 5), text.rindex("Vonk")):
        assert not is_place_finding(text, i, i + 4, places)


def test_a_name_spread_from_another_document_stops_at_a_venue_of_that_name(tmp_path, pipeline):
    from woo_redact.dossier import run_dossier
    from woo_redact.inputs import InputFile

    a = make_pdf(tmp_path / "a.pdf", [[(72, 72, "Melding van de heer Vonk over geluidsoverlast."),
                                       (72, 90, "Vonk belde later opnieuw.")]])
    b = make_pdf(tmp_path / "b.pdf", [[(72, 72, "Werkbezoek aan Buurthuis De Vonk met de wethouder."),
                                       (72, 90, "Het buurthuis ligt aan het plein.")]])
    files = [InputFile(str(a), "a.pdf"), InputFile(str(b), "b.pdf")]
    results = {f.rel: r for f, r in run_dossier(pipeline, files, tmp_path / "out", dry_run=True)}
    spread = [f.text for f in results["b.pdf"].findings
              if f.entity_type == "PERSON" and f.status == "accepted"]
    assert spread == []
    assert [f.text for f in results["a.pdf"].findings if f.status == "accepted"] == ["Vonk", "Vonk"]


def test_a_body_law_or_programme_the_text_names_is_no_one_unless_a_name_list_knows_it():
    places = learn("het Landelijk Bureau Bibob en de Wet Bibob; Stichting Jansen; programma "
                   "Samen Sterk; team Ondermijning", gazetteer.load())
    assert {"bibob", "samen sterk", "ondermijning"} <= places
    assert "jansen" not in places  # a surname: Mr Jansen elsewhere stays a person


def _people(pipeline, tmp_path, lines: list[str]) -> dict[str, str]:
    src = make_pdf(tmp_path / "doc.pdf", [[(60, 60 + 20 * i, t) for i, t in enumerate(lines)]])
    res = pipeline.process(str(src), tmp_path / "out", dry_run=True)
    return {f.text: f.action for f in res.findings if f.entity_type == "PERSON"}


def test_a_word_that_ends_a_listed_place_and_a_commissioner_s_role(pipeline, tmp_path):
    action = _people(pipeline, tmp_path, [
        "Het dengue-team van Sint Eustatius overlegt met regeringscommissaris Berkel.",
        "Jan Visser belt de GGD."])
    assert "Eustatius" not in action and "Sint Eustatius" not in action
    assert action["Berkel"] == "keep" and action["Jan Visser"] == "redact"


@pytest.mark.parametrize("line", [
    # Frisian names of a province, a water board and a broadcaster
    "Provinsje Fryslân en Wetterskip Fryslân werken samen; Omrop Fryslân bericht.",
    # Frisian houses and places, hospitals named after a place
    "Bewoners van It Heechhôf gaan naar Nij Smellinghe of het Zuiderhaven Ziekenhuis.",
    "Het Flevoziekenhuis belde de huisarts.",
])
def test_names_of_institutions_and_places_are_no_one_s(pipeline, tmp_path, line):
    assert list(_people(pipeline, tmp_path, [line, "Jan Visser belt."])) == ["Jan Visser"]


def test_a_kind_of_organisation_names_what_follows_it_wherever_it_recurs():
    gaz = gazetteer.load()
    text = ("Zorggroep Wâldhiem meldt een besmetting op de locatie It Heechhôf.\n"
            "Rapport van het bezoek aan Fundashon Kas di Kuido, locatie Kralendijk.\n"
            "Kalverhouderij De Wielewaal vroeg subsidie aan. Stichting Jan de Vries ook.\n"
            "Mail: m.zijlstra@waldhiem.nl, n.bouzid@waldhiem.nl")
    places = learn(text, gaz)
    assert {"wâldhiem", "zorggroep wâldhiem", "heechhôf", "kas di kuido",
            "kalverhouderij de wielewaal"} <= places
    # a foundation named after someone does not make that person a place elsewhere
    assert "jan de vries" not in places
    # a mail domain spells the name without its accent
    assert names_a_place("Wâldhiem", frozenset({"waldhiem"}))
    # the name's last word after small words of the name: "Kas di |Kuido|"
    later = "De zorg bij Fundashon Kas di Kuido is verbeterd."
    i = later.index("Kuido")
    assert is_place_finding(later, i, i + 5, places)


def test_a_venue_named_with_an_article_is_also_named_without_it():
    text = ("Onderwerp: Werkbezoek Kreekrug en Lisdoddehof\n"
            "U bezoekt samen obs De Kreekrug, waar de nieuwbouw komt. Buurthuis De Vonk is dicht.")
    names = learn(text, gazetteer.load())
    assert "kreekrug" in names and "de kreekrug" in names
    assert "vonk" not in names  # a surname too: "mevrouw Vonk" stays someone


def test_a_title_at_a_page_s_foot_does_not_take_the_next_page_s_running_head(analyzer):
    from conftest import found

    text = ("Ongeveer dertig bewoners waren aanwezig. Dhr.\nVeiligheidsregio Kennemerland\n"
            "Team Incidentevaluatie en Leren")
    assert not any("Kennemerland" in x for x in found(analyzer, text, "PERSON"))


def test_a_sports_club_s_name_after_its_form():
    names = learn("Bezoek aan de opvang in het clubhuis van RKSV\nSpaarnevogels. "
                  "Penningmeester ZMHC De Reigers belde.", gazetteer.load())
    assert {"spaarnevogels", "de reigers"} <= names


def test_a_company_s_name_by_its_legal_form_and_its_first_word():
    from woo_redact import gazetteer
    from woo_redact.named_places import learn

    got = learn("De leverancier, Kronenburg Softwaregroep B.V., ligt achter. Daarna "
                "Kronenburg zelf. Opdrachtnemer is Jan Bakker B.V.", gazetteer.load())
    assert "kronenburg softwaregroep" in got and "kronenburg" in got
    # a firm named after its owner's first name and surname: the owner stays a person
    assert "jan bakker" not in got and "jan" not in got
