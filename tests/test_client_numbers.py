"""A citizen's number at an organisation goes by its label; an organisation's own reference
and a number too short to single anyone out stay."""

from __future__ import annotations

import pytest

from conftest import found
from woo_redact.policy import load_policy

E = "NL_CLIENT_NUMBER"


@pytest.mark.parametrize("text, number", [
    ("uw grijze container (pasnummer\n00347721) stond nog op uw vorige adres", "00347721"),
    ("CJIB-nummer\n2025 0417 3386 5521\nBeschikkingsnummer\n5140 2398 7712 0054",
     "2025 0417 3386 5521"),
    ("CJIB-nummer\n2025 0417 3386 5521\nBeschikkingsnummer\n5140 2398 7712 0054",
     "5140 2398 7712 0054"),
    ("onder vermelding van betalingskenmerk 7024 1188 3620 0931.", "7024 1188 3620 0931"),
    ("Klantnummer (zie factuur): KL-204518", "KL-204518"),
    ("Polisnummer: 7710.442.19 bij Zilveren Kruis", "7710.442.19"),
    ("EAN-code 871687200000123456 van de aansluiting", "871687200000123456"),
])
def test_a_labelled_client_number_is_found(analyzer, text, number):
    assert number in found(analyzer, text, E)


@pytest.mark.parametrize("text", [
    "Zaaknummer OV-2024-0417 en ons kenmerk VP/2024/1193",
    "Dossiernummer 2024-00871 is aangemaakt.",
    "Pasnummer 12 is verlopen.",
    "Het contract loopt tot 2026 en de pas is geldig.",
])
def test_no_label_or_too_short_is_no_client_number(analyzer, text):
    assert found(analyzer, text, E) == []


def test_the_policy_removes_it_as_personal_data():
    rule = load_policy().entities[E]
    assert (rule.ground, rule.action) == ("5.1.2e", "redact")


F = "NL_FILE_REFERENCE"


@pytest.mark.parametrize("text, number", [
    ("Zaaknummer gemeente Z/26/009312\nDe leerplichtige Noah Sedney, geboren 03-09-2012.",
     "Z/26/009312"),
    ("Zaak OV-2026-0183 - vertrouwelijk\nMelder: mw. G. Kwakkel", "OV-2026-0183"),
    ("Rapport integriteitsonderzoek, dossier INT-2026-007\nBetrokkene werkt sinds 2011 hier.",
     "INT-2026-007"),
    ("Subjectnummer 1198734\nAanslagnummer 2026.4018.33712\nOp uw bezwaarschrift beslissen wij",
     "2026.4018.33712"),
    ("Schadenummer\nSCH-00871346\nOnderwerp\nBesluit op uw schademelding; u bent belanghebbende",
     "SCH-00871346"),
])
def test_a_file_about_one_citizen_has_a_personal_reference(analyzer, text, number):
    assert number in found(analyzer, text, F)


@pytest.mark.parametrize("text", [
    # a ministry's memo: the file is about policy, not about someone
    "Zaaknummer 2026-0000123456\nNota aan de minister over de begroting 2027.",
    # a letter's own reference is the correspondence's, published with the decision
    "Ons kenmerk 2026-SF-0948812\nGeachte mevrouw Tesfay,\nUw aanvraag is toegekend.",
    # a date is no reference; too few digits single no file out
    "Kenmerk 03-11-2026\nBetrokkene is gehoord.",
    "Zaak 12 van de agenda. Betrokkene is gehoord.",
])
def test_no_citizen_or_no_reference_shape_no_file_reference(analyzer, text):
    assert found(analyzer, text, F) == []
