"""Minutes and action lists name people by their initials; propagation reads those only
for people found in the same document, and never an organisation's abbreviation."""

from __future__ import annotations

import pytest

from woo_redact import gazetteer
from woo_redact.propagate import initials_forms, parse_person, propagate


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.load()


def spans_of(text: str, names: list[str]) -> list[tuple[int, int, str]]:
    return [(text.index(n), text.index(n) + len(n), n) for n in names]


def test_initials_forms(gaz):
    assert initials_forms(parse_person("Karel van den Heuvel", gaz)) == ["KVDH", "KvdH"]
    # a double first name is written with one letter as often as with two
    assert initials_forms(parse_person("Anne-Marie Bos", gaz)) == ["AB", "AMB"]
    assert initials_forms(parse_person("R.K. Lont", gaz)) == ["RKL", "RL"]
    assert initials_forms(parse_person("Smeets", gaz)) == []  # no first name, no initials


def test_initials_of_attendees_in_the_minutes_and_action_list(gaz):
    text = ("Aanwezig: Karel van den Heuvel (MT), Femke Zwart, Anne-Marie Bos (verslag)\n"
            "KvdH heet iedereen welkom. FZ licht de cijfers toe.\n"
            "Actiepunten\nWie\nWanneer\nNotitie naar de DG\nAMB / FZ\n1 maart")
    extra = [text[s:e] for s, e, _ in propagate(
        text, spans_of(text, ["Karel van den Heuvel", "Femke Zwart", "Anne-Marie Bos"]),
        gazetteer=gaz)]
    assert extra == ["KvdH", "FZ", "AMB", "FZ"]


def test_two_capitals_alone_are_no_initials_and_abbreviations_stay(gaz):
    # one person's two-letter initials and nothing else: "FZ" may be anything here
    text = "Femke Zwart belde. Zij vroeg naar FZ-groep en het FZ. Het OM en de IND ook."
    assert propagate(text, spans_of(text, ["Femke Zwart"]), gazetteer=gaz) == []
    # an abbreviation the language uses ("IB", "JB") is no one's initials
    text = "Ilse Brouwer en Karel van den Heuvel kwamen. KvdH vroeg naar het IB."
    got = [text[s:e] for s, e, _ in propagate(
        text, spans_of(text, ["Ilse Brouwer", "Karel van den Heuvel"]), gazetteer=gaz)]
    assert got == ["KvdH"]
    # "Olaf Meijer" is no "OM", "Peter Verbeek" no "PV", even among other initials
    text = ("Olaf Meijer, Peter Verbeek en Karel van den Heuvel waren er. KvdH opent.\n"
            "Het OM stuurt het PV door.")
    got = [text[s:e] for s, e, _ in propagate(
        text, spans_of(text, ["Olaf Meijer", "Peter Verbeek", "Karel van den Heuvel"]),
        gazetteer=gaz)]
    assert got == ["KvdH"]


def test_initials_shared_by_two_people_are_left(gaz):
    text = "Jan Bakker en Joke Boer kwamen. JB neemt de actie."
    assert propagate(text, spans_of(text, ["Jan Bakker", "Joke Boer"]), gazetteer=gaz) == []


def test_an_abbreviation_defined_after_a_name_is_that_persons(gaz):
    text = ("Aanwezig: Sanne Oosterhuis (SO, gemeente Zwolle), Kees ter Borg (KtB, notulist)\n"
            "SO meldt dat de cijfers binnen zijn. KtB maakt het verslag. Het SO-overleg volgt.\n"
            "Ook aanwezig: Pim Smit (BZK).")
    got = [text[s:e] for s, e, _ in propagate(
        text, spans_of(text, ["Sanne Oosterhuis", "Kees ter Borg", "Pim Smit"]), gazetteer=gaz)]
    # the definitions themselves and every later use; "SO-overleg" is a compound, and an
    # organisation in brackets ("(BZK)") defines nothing
    assert got == ["SO", "KtB", "SO", "KtB"]


def test_a_surname_that_names_an_institution_is_not_spread_alone(gaz):
    text = ("Marieke de Koning schreef de nota. De commissaris van de Koning kwam langs.\n"
            "Tot slot: de Koning heeft het woord. M. de Koning tekende.")
    got = [text[s:e] for s, e, _ in propagate(text, spans_of(text, ["Marieke de Koning"]),
                                               gazetteer=gaz)]
    assert got == ["M. de Koning"]


def test_a_misread_name_ending_in_a_function_word_is_not_spread(gaz):
    text = "Aannemer Dredging B.V. Uit het onderzoek blijkt veel. Uit dezelfde bron."
    assert propagate(text, spans_of(text, ["B.V. Uit"]), gazetteer=gaz) == []


def test_a_name_whose_interfix_and_surname_are_also_a_place_is_spread(gaz):
    # "Ter Haar" and "De Boer" are places too; with a first name they are people
    text = "Bart ter Haar en Jan de Boer kwamen. Ter Haar vond het goed; De Boer niet."
    got = [text[s:e] for s, e, _ in propagate(text, spans_of(text, ["Bart ter Haar",
                                                                     "Jan de Boer"]),
                                               gazetteer=gaz)]
    assert got == ["Ter Haar", "De Boer"]
    # alone they are the places
    text = "Het gebeurde in De Bilt. Vanuit De Bilt reden ze door."
    assert propagate(text, spans_of(text, ["De Bilt"]), gazetteer=gaz) == []


def test_initials_in_a_table_column_and_action_list_even_if_a_word_somewhere(gaz):
    """"RV", "TL", "EA" occur in web text as words, yet in capitals in an attendee table's
    initials column and an action list they are the attendees'."""
    text = ("Aanwezig:\nNaam\nOrganisatie\nInit.\nRoel Vaessen\nPolitie\nRV\nTom Lemmens\n"
            "FIOD\nTL\nEsra Aydın\ngemeente Venlo\nEA\nEA meldt dat de verhuurder meewerkt.\n"
            "Actiepunten\nFinancieel rechercheren\nTL/RV\ndoorlopend\n"
            "VERSLAG EA BIJLAGEN\nHet advies van het EA is bekend.")
    got = [text[s:e] for s, e, _ in propagate(
        text, spans_of(text, ["Roel Vaessen", "Tom Lemmens", "Esra Aydın"]), gazetteer=gaz)]
    # not inside a heading in capitals, not after an article
    assert got == ["RV", "TL", "EA", "EA", "TL", "RV"]


def test_a_single_letter_is_never_spread_as_a_surname():
    from woo_redact.propagate import parse_person
    assert parse_person("Eenmanszaak B.") is None
    assert parse_person("Scenario A") is None
    assert parse_person("Jan de Vries").surname == "Vries"
    assert parse_person("Mei Ng").surname == "Ng"


def test_a_legend_defines_a_tables_abbreviations(gaz):
    text = ("Aanvraag 1  YBo  verleend\nAanvraag 2  TSa  afgewezen\nAanvraag 3  YBo  verleend\n"
            "Behandelaars: YBo = Y. Bouhali (pnr 104872); TSa = T. Sarmo (pnr 110935).\n"
            "Status: OK = akkoord.")
    got = [text[s:e] for s, e, _ in propagate(
        text, spans_of(text, ["Y. Bouhali", "T. Sarmo"]), gazetteer=gaz)]
    assert got.count("YBo") == 3 and got.count("TSa") == 2
    assert "OK" not in got
