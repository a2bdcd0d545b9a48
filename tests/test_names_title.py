"""A name after a title ends where an organisation begins."""

import pytest

from woo_redact.recognizers.names import TitleNameRecognizer


@pytest.mark.parametrize("line, name", [
    ("Ik sprak de heer Willemsen van de Openbaar Ministerie over de zaak.", "Willemsen"),
    ("Gesprek met de heer Kowalczyk van de Raad voor de Kinderbescherming.", "Kowalczyk"),
    ("Overleg met mevrouw Yilmaz van\nde Openbaar Ministerie.", "Yilmaz"),
    ("Ik sprak mevrouw Jansen van der Meer over de zaak.", "Jansen van der Meer"),
    ("Gesprek met de heer Van den Berg van de Belastingdienst.", "Van den Berg"),
])
def test_title_name_stops_before_an_organisation(line, name):
    found = [line[a:b] for a, b, *_ in TitleNameRecognizer().find(line)]
    assert found == [name]


@pytest.mark.parametrize("line, names", [
    # a title in a sentence makes an ordinary word a surname ...
    ("Het gesprek tussen P. Nowak en de heer Moet vond plaats op 4 maart.", ["Moet"]),
    ("De melding is door de heer\nOsterhoudt geregistreerd.", ["Osterhoudt"]),
    # ... but not a role, a salutation, a capitalised "Heer" inside a name, or a word
    # before an organisation
    ("Geachte mevrouw Voorzitter,", []),
    ("contact gehad met Dex\nOude Heer van de Openbaar Ministerie.", []),
    ("Aanhef: mevrouw\nAdres: Dorpsweg 3", []),
])
def test_ordinary_words_after_a_title(line, names):
    assert [line[a:b] for a, b, *_ in TitleNameRecognizer().find(line)] == names



@pytest.mark.parametrize("line, names", [
    ("12-06-2024\nFam. Rozendaal\nrozendaal.thuis@gmail.com", ["Rozendaal"]),
    ("Wij hebben de familie De Wit uitgenodigd.", ["De Wit"]),
    ("De familie van het slachtoffer is ingelicht.", []),
])
def test_a_household_by_its_surname(line, names):
    assert [line[a:b] for a, b, *_ in TitleNameRecognizer().find(line)] == names


def test_a_street_named_after_a_titled_person_is_a_street():
    line = "Huisbezoek woning Ds. Kuyperstraat 9 (art. 13b Opiumwet) met Ds. Kuyper"
    assert [line[a:b] for a, b, *_ in TitleNameRecognizer().find(line)] == ["Kuyper"]
