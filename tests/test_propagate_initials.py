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
    assert initials_forms(parse_person("Anne-Marie Bos", gaz)) == ["AMB"]
    assert initials_forms(parse_person("R.K. Lont", gaz)) == ["RKL"]
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
