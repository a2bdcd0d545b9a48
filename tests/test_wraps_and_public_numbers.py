"""Phone numbers wrapped in table cells and prose, organisations' general numbers, and
addresses on streets without a street word, through the real recognizers.

The engine is the one test_recognizers.py builds: the Dutch pattern recognizers on a blank
Dutch spaCy pipeline, a finding counting when it reaches the default policy's min_score.
"""

from __future__ import annotations


import pytest

from conftest import found
from woo_redact.organisations import organisation_address, organisation_phone
from woo_redact.recognizers.contact import NlPhoneRecognizer


def phones(text: str) -> list[tuple[int, int]]:
    return [(r.start, r.end) for r in NlPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])]


# -- 1. numbers wrapped at a line end -------------------------------------------------------

# A contact list as the extraction reads it: one cell per line, a narrow "Telefoon" column
# wrapping each number.
CONTACT_TABLE = (
    "Naam\nRol\nOrganisatie\nTelefoon\n"
    "Coördinator opvang\nGemeente Ede\n06 - 3917\n2204\nr.smit@ede.nl\n"
    "Beleidsadviseur\nProvincie Utrecht\n030 258\n1974\n"
    "Teamchef\nPolitie Oost-Nederland\n+31 6 5823\n4401\n"
    "Hoofd crisisbeheersing\nGGD Hart voor Brabant\n(073) 6 812\n447\n"
    "Adviseur\nWaterschap Aa en Maas\n0623 551\n907\n"
    "Liaison Defensie\n06-41 27 93\n58\nc.bos@mindef.nl\n"
)


@pytest.mark.parametrize("number", [
    "06 - 3917\n2204", "030 258\n1974", "+31 6 5823\n4401", "(073) 6 812\n447",
    "0623 551\n907", "06-41 27 93\n58",
])
def test_number_wrapped_in_a_table_cell(analyzer, number):
    assert number in found(analyzer, CONTACT_TABLE, "PHONE_NUMBER")


def test_number_wrapped_before_its_dash_in_prose(analyzer):
    text = ("Lukt het niet, dan kunt u terecht bij de balie van het stadskantoor, 050\n"
            "- 367 11 22 (vraag naar de dienstdoende medewerker).")
    assert found(analyzer, text, "PHONE_NUMBER") == ["050\n- 367 11 22"]


@pytest.mark.parametrize("column", [
    "Servicenummers\n0800-1351\n14 050\n",               # a whole 0800 number, then 14 + area
    "Bereikbaarheid\n0900-8844\n0612345678\n",           # two whole numbers, one per cell
    "Telefoon\n070 311 4000\n06 2345 6789\n",
])
def test_whole_numbers_in_a_column_are_not_joined(column):
    got = [column[s:e] for s, e in phones(column)]
    assert got and not any("\n" in g for g in got)
    assert all(line in got for line in column.splitlines()[1:] if line[:2] in ("07", "06", "08"))


@pytest.mark.parametrize("text, number", [
    ("Secretariaat: (010) 4 417 200", "(010) 4 417 200"),
    ("Secretariaat: 010 - 4 417 200", "010 - 4 417 200"),
    ("tel. 0512 58 44 00", "0512 58 44 00"),
])
def test_spaced_and_bracketed_area_codes(analyzer, text, number):
    assert found(analyzer, text, "PHONE_NUMBER") == [number]


@pytest.mark.parametrize("text", [
    "bel 06-1234567 voor een afspraak",          # 9 digits: one short
    "bel 010 - 4 417 2001 voor een afspraak",     # 11 digits: one too many
    "bel +31 6 1234 56789 voor een afspraak",     # +31 and then 10 digits
    "bel 030 258\n19745 voor een afspraak",       # the wrap does not make it fit
])
def test_digit_count_is_checked(analyzer, text):
    assert found(analyzer, text, "PHONE_NUMBER") == []


# -- 2. an organisation's general number stays ---------------------------------------------

def _phone_reason(text: str, number: str) -> str | None:
    spans = [(s, e) for s, e in phones(text) if text[s:e] == number]
    assert spans, f"{number!r} not found in {text!r}"
    return organisation_phone(text, *spans[0])


@pytest.mark.parametrize("text, number", [
    ("Voor algemene vragen kunt u bellen met het hoofdnummer van de provincie,\n"
     "038 499 8899.", "038 499 8899"),
    ("Buiten kantoortijd is de Meldkamer Noord-Nederland (24/7) bereikbaar: 088 662 5000.",
     "088 662 5000"),
    ("U kunt contact opnemen met de afdeling Vergunningen via 030 286 1000.", "030 286 1000"),
    ("Heeft u nog vragen? Bel dan het klantcontactcentrum op 020 255 2909.", "020 255 2909"),
    ("Neem gerust contact op met het Woo-loket via woo@gemeente.nl of 0570 69 39 11.",
     "0570 69 39 11"),
    ("Stadskantoor Leeuwarden, T 058 233 8899 (algemeen)", "058 233 8899"),
    ("Je kunt me bereiken op 06-23456789 of via het algemene nummer van de directie, "
     "070 456 0000.", "070 456 0000"),
])
def test_general_number_of_an_organisation_is_kept(text, number):
    why = _phone_reason(text, number)
    assert why and why.startswith("organisation number")


@pytest.mark.parametrize("text, number", [
    ("Bel mij gerust op 06-23456789 als er iets is.", "06-23456789"),
    ("Mijn nummer op kantoor is 030 286 1234.", "030 286 1234"),
    # a mobile is never an organisation's general number
    ("De meldkamer is bereikbaar via 06-12345678.", "06-12345678"),
    ("Je kunt me bereiken op 06-23456789 of via het algemene nummer van de directie, "
     "070 456 0000.", "06-23456789"),
    # a person's own line after the general one
    ("Het hoofdnummer is 030 286 1000, mijn doorkiesnummer 030 286 1234.", "030 286 1234"),
    ("Neem contact op met de heer Bos van de gemeente, 030 286 1234.", "030 286 1234"),
    ("Neem contact op met het team van R. de Wit, 030 286 1234.", "030 286 1234"),
    # someone else called the organisation from this number
    ("De melder nam contact op met de politie via 030 123 4567.", "030 123 4567"),
    # a signature: the department's name above a person's direct line
    ("Met vriendelijke groet,\n\nPetra Smit\nAdviseur crisisbeheersing\n"
     "Meldkamer Oost-Nederland\nT 088 555 1234", "088 555 1234"),
    ("Ik ben bereikbaar op 0512 58 44 10 of via het secretariaat, 0512 58 44 00 "
     "(vraag naar Anke).", "0512 58 44 00"),
    ("Receptie\n070 123 4567", "070 123 4567"),  # a cell label: not enough to go on
])
def test_personal_number_is_not_an_organisations(text, number):
    assert _phone_reason(text, number) is None


# -- 3. streets without a street word --------------------------------------------------------

@pytest.mark.parametrize("text, street", [
    ("De cliënt woont sinds maart op de Meent 94a in Rotterdam.", "Meent 94a"),
    ("Mevrouw Visser, woonachtig aan het Westeinde 34 te Den Haag, meldde", "Westeinde 34"),
    ("Woonadres: Kralingse Zoom 20", "Kralingse Zoom 20"),
    ("Hij staat ingeschreven op het adres Nieuwe Uitleg 12.", "Nieuwe Uitleg 12"),
    ("Volgens de BRP verblijft zij op Achterom 5-B sinds januari.", "Achterom 5-B"),
    ("De heer Bakker\nBinnenrotte 12\n3011 HC Rotterdam", "Binnenrotte 12"),
    ("Verzonden aan: L. Visser, Heuvel 3, 5664 HH Geldrop", "Heuvel 3"),
    ("het gezin woont sinds de zomer aan de Korte Poten\n8 in Den Haag", "Korte Poten\n8"),
])
def test_street_without_street_word_is_found_where_the_text_says_address(analyzer, text,
                                                                       street):
    assert street in found(analyzer, text, "NL_ADDRESS")


@pytest.mark.parametrize("text", [
    "Zie Bijlage 2 voor de planning.",
    "Fase 1 van het project start na de zomer.",
    "De hoorzitting is in Zaal 4, 3584 CS Utrecht.",
    "Op grond van Artikel 12, tweede lid, van de wet",
    "De bewoner woont op Kamer 3 van de zorginstelling.",
    "Gebouw 2, 2595 AA Den Haag, is dan gesloten.",
    "Ze is verhuisd naar Zwolle 2 jaar geleden.",
    "Afgelopen jaar kwamen Utrecht 12 keer en Amersfoort 3 keer in het nieuws.",
    "Jansen 12 stemmen, De Vries 8 stemmen.",
])
def test_numbered_things_are_no_street(analyzer, text):
    assert found(analyzer, text, "NL_ADDRESS") == []


def test_street_with_and_in_its_name(analyzer):
    text = "De auto stond geparkeerd voor het perceel Bos en Lommerplein 12."
    assert found(analyzer, text, "NL_ADDRESS") == ["Bos en Lommerplein 12"]


# An office under its organisation's name in a letterhead, street and postcode on one line.
OFFICE_LETTERHEAD = ("Openbaar Ministerie\nArrondissementsparket Oost-Brabant\n"
                     "Leeghwaterlaan 8, 5223 BA 's-Hertogenbosch\n"
                     "De heer K. Smit\nVughterweg 41, 5211 CK 's-Hertogenbosch\n")


@pytest.mark.parametrize("span, kept", [
    ("Leeghwaterlaan 8", True), ("5223 BA 's-Hertogenbosch", True),
    ("Vughterweg 41", False), ("5211 CK 's-Hertogenbosch", False),
])
def test_office_address_below_a_compound_organisation_name(analyzer, span, kept):
    entity = "NL_POSTCODE" if span[0].isdigit() else "NL_ADDRESS"
    assert span in found(analyzer, OFFICE_LETTERHEAD, entity)
    i = OFFICE_LETTERHEAD.index(span)
    assert bool(organisation_address(OFFICE_LETTERHEAD, i, i + len(span))) is kept


@pytest.mark.parametrize("text, span", [
    ("Belastingdienst\nKantoor Apeldoorn\nJohn F. Kennedylaan 8\n", "John F. Kennedylaan 8"),
    ("Raad voor de Kinderbescherming\nCatharijnesingel 55, 3511 GD Utrecht",
     "3511 GD Utrecht"),
])
def test_office_address_below_other_organisation_names(text, span):
    i = text.index(span)
    assert organisation_address(text, i, i + len(span))


def test_residence_is_never_an_organisation_address():
    text = ("Arrondissementsparket Oost-Brabant\n"
            "De verdachte woont op Wolfsdonk 14, 5211 CK 's-Hertogenbosch.")
    i = text.index("Wolfsdonk")
    assert organisation_address(text, i, i + len("Wolfsdonk 14")) is None
