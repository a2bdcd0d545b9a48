"""Second red-team round, pattern side: dates of birth in person tables without a birth
word, personal numbers after labels the recognizers did not know (medewerker-, tolk-,
studentnummer, an officer's ID-nummer, an officer's number in brackets in a police record,
"rijbewijs, nummer ..."), and law-enforcement names and codes in form layouts.

Own examples, built for each pattern; real text through the real recognizers on a blank
Dutch pipeline (conftest), a finding counts when it reaches the default min_score.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import found

THIS_YEAR = dt.date.today().year


# -- 1. date of birth in a row that opens with the person's role ---------------------------

@pytest.mark.parametrize("text,dob", [
    # a table flattened to one cell a line
    ("Personen\nRol\nNaam\nGeboren\nWoonplaats\nVerdachte\nVAN DAM, Pieter Klaas\n"
     "14-02-1981\nZwolle", "14-02-1981"),
    ("Aangever | Smits, L. | 07-10-1968 | Tilburg", "07-10-1968"),
    ("Slachtoffer 22-03-1999 Arnhem", "22-03-1999"),
    ("Getuige 3 mei 1975", "3 mei 1975"),
    ("Melder  De Graaf, Ingrid  19-08-1986  Nederlandse", "19-08-1986"),
    ("Betrokkene 2\tYilmaz, Emre\t1994-12-01\tTurkse", "1994-12-01"),
    ("Bewoner mevrouw Bakker 09-09-1947", "09-09-1947"),
    ("Cliënt\nEl Amrani, Yusuf\n30-11-2002", "30-11-2002"),
])
def test_role_row_date_is_a_date_of_birth(analyzer, text, dob):
    assert dob in found(analyzer, text, "DATE_OF_BIRTH")


@pytest.mark.parametrize("text", [
    "Melding 14-02-2023 via 112",                       # not a role
    "Aangever | Smits, L. | aangifte 12-03-2024",       # the event's own word
    "Getuige verhoord op 11-01-1990",                   # a sentence, not a row
    "Verdachte aangehouden 03-04-2001 te Zwolle",
    "de verdachte 22-03-1981 gezien",                   # not at a line start
    "Slachtoffer 22-03-" + str(THIS_YEAR - 1),          # too young to be in a row unlabelled
    "Verdachte De Vries 14-02-1890",                    # before 1900
    "Huurder Jansen 01-01-" + str(THIS_YEAR + 1),       # in the future
    "Getuige 14-02-81",                                 # two-digit year: as often an event
])
def test_role_row_event_dates_stay(analyzer, text):
    assert found(analyzer, text, "DATE_OF_BIRTH") == []


def test_young_child_only_under_a_birth_column(analyzer):
    year = THIS_YEAR - 3
    assert found(analyzer, f"Rol Naam Geb.datum\nKind\nBos, Emma\n05-06-{year}",
                 "DATE_OF_BIRTH") == [f"05-06-{year}"]
    assert found(analyzer, f"Kind\nBos, Emma\n05-06-{year}", "DATE_OF_BIRTH") == []


def test_first_date_of_the_row_only(analyzer):
    text = "Aangever De Wit, Johan 17-07-1972 aangifte 02-02-2024"
    assert found(analyzer, text, "DATE_OF_BIRTH") == ["17-07-1972"]


# -- 2. personal numbers after labels -----------------------------------------------------

@pytest.mark.parametrize("text,number", [
    ("Gehoord door de hoormedewerker (medewerkernummer 60318).", "60318"),
    ("Aanwezig: tolk Pasjtoe (tolknummer T-5502).", "T-5502"),
    ("de heer Mulder (personeelsnummer 2016-11893) is per 1 mei overgeplaatst",
     "2016-11893"),
    ("Uitgevoerd door rechercheur ID-nummer 1598820 van team Recherche.", "1598820"),
    ("Namens de officier van justitie,\nR. de Groot, rechercheur\nID-nummer 1598820\n",
     "1598820"),
    ("Het verslag noemt een student (studentnummer S2218094) bij naam.", "S2218094"),
    ("werknemersnummer: 448120", "448120"),
])
def test_labelled_personnel_numbers(analyzer, text, number):
    assert number in found(analyzer, text, "NL_PERSONNEL_NUMBER")


@pytest.mark.parametrize("text,numbers", [
    ("POLITIE OOST-BRABANT\nAfdruk door: VERHOEVEN, T. (1376544) Afdrukdatum: 01-02-2024",
     ["1376544"]),
    ("Proces-verbaal van bevindingen\nVerbalisanten: T. Verhoeven (1376544), "
     "S. van Beek (1502297)", ["1376544", "1502297"]),
    ("Criminele Inlichtingen Eenheid\nGezien door: inspecteur, teamchef (1290033)",
     ["1290033"]),
])
def test_officer_number_in_brackets_in_a_police_record(analyzer, text, numbers):
    assert found(analyzer, text, "NL_PERSONNEL_NUMBER") == numbers


@pytest.mark.parametrize("text", [
    # not a police record
    "Deelnemers: T. Verhoeven (1376544) en S. van Beek (1502297)",
    # in a police record, but not after a name or a function
    "Politie Utrecht. Het totaalbedrag (1376544) is betaald.",
    "Politie Utrecht. Registratienummer (1376544)",
    "Politie Utrecht, Tel. (1376544)",
    "Proces-verbaal: zie de mutatie van P. Jansen (12345)",   # too short
])
def test_bracketed_numbers_that_stay(analyzer, text):
    assert found(analyzer, text, "NL_PERSONNEL_NUMBER") == []


@pytest.mark.parametrize("text,number", [
    ("Identiteitsbewijs: rijbewijs, nummer 5402219871", "5402219871"),
    ("Zij toonde een Duitse identiteitskaart, nummer L01X00T47.", "L01X00T47"),
    ("Zijn Somalische verblijfsdocument heeft nummer SO4471023; het is echt.", "SO4471023"),
    ("Hij overlegde zijn militaire boekje, nummer 3390127, als bewijs.", "3390127"),
])
def test_document_number_after_document_word_and_nummer(analyzer, text, number):
    assert number in found(analyzer, text, "NL_ID_DOCUMENT")


def test_document_word_with_a_short_number_stays(analyzer):
    assert found(analyzer, "zie rijbewijs, nummer 12 van de lijst", "NL_ID_DOCUMENT") == []


# -- 3. law enforcement in form layouts ---------------------------------------------------

@pytest.mark.parametrize("text,name", [
    # label and value each on a line of their own
    ("POLITIE\nParketnummer\n03/771204-24\nOnderzoek\nKrekelveld\nFeit\nOplichting",
     "Krekelveld"),
    ("Proces-verbaal\nOnderzoek: Krekelveld\nVerbalisant: brigadier", "Krekelveld"),
    # a name that starts with digits, after a short label line
    ("CIE-rapport\nBetreft onderzoek\n17Krekelveld\nDatum verwerking", "17Krekelveld"),
])
def test_investigation_name_in_a_form(analyzer, text, name):
    assert name in found(analyzer, text, "INVESTIGATION_NAME")


@pytest.mark.parametrize("text", [
    "Onderzoek\nTijdens de controle door de politie bleek het volgende.",
    "Onderzoek\nConclusie\nDe politie heeft geen strafbare feiten vastgesteld.",
    "Gemeente Zwolle\nOnderzoek\nJeugdzorg\nIn 2023 is de jeugdzorg onderzocht.",
])
def test_headings_stay(analyzer, text):
    assert found(analyzer, text, "INVESTIGATION_NAME") == []


@pytest.mark.parametrize("text,code", [
    ("CIE Oost-Nederland\nBron\nCI-2022-087 (betrouwbaarheid: A)", "CI-2022-087"),
    ("Van een andere bron (CI-2021-330) is vernomen dat hij een wapen zoekt.", "CI-2021-330"),
    ("Bron: CIE-2023-019, informant", "CIE-2023-019"),
    ("Volgens informatie van CIE-L-4471 worden daar drugs opgeslagen.", "CIE-L-4471"),
])
def test_informant_codes(analyzer, text, code):
    assert code in found(analyzer, text, "INFORMANT_CODE")


def test_a_cie_reports_own_number_is_no_informant_code(analyzer):
    assert found(analyzer, "Informatierapport CIE-MN-2024-00731, blad 2", "INFORMANT_CODE") == []


@pytest.mark.parametrize("text", [
    "Bron: CBS (2023)", "bron (2019/20)", "Bron\n2023", "Bron\n12-03-2023",
])
def test_citations_are_no_informant_codes(analyzer, text):
    assert found(analyzer, text, "INFORMANT_CODE") == []


@pytest.mark.parametrize("text, number", [
    # a reference or KvK word a few words back lowers an ambiguous number, not these
    ("Eigenaar (eenmanszaak, KvK 60128743)\nContactpersoon\nHamid Bennani, 0031 30 271 88 45",
     "0031 30 271 88 45"),
    ("Referenties: Jaap Brinkman, afdelingshoofd, 06-28119043.", "06-28119043"),
    # a foreign number with its country code, in a range the metadata does not list yet
    ("Our head of security (mobile +44 7700 900461) will attend.", "+44 7700 900461"),
])
def test_phone_numbers_written_unmistakably(analyzer, text, number):
    assert found(analyzer, text, "PHONE_NUMBER") == [number]


def test_an_ambiguous_number_after_a_reference_word_stays_low(analyzer):
    assert found(analyzer, "Ons kenmerk: 0301234567", "PHONE_NUMBER") == []


@pytest.mark.parametrize("text, numbers", [
    ("Rapporteur HOOFDAGENT personeelsnummer BTB07", ["BTB07"]),
    ("Personeelsnummers voor de urenregistratie: OM123874, OM130022, OM099871.",
     ["OM123874", "OM130022", "OM099871"]),
    ("Personeelsnummers: 1432876 en 1432877", ["1432876", "1432877"]),
    ("Personeelsnummers voor de\nurenregistratie: Smulders OM123874, El Amrani OM130022.",
     ["OM123874", "OM130022"]),
])
def test_personnel_numbers_short_codes_and_lists(analyzer, text, numbers):
    assert found(analyzer, text, "NL_PERSONNEL_NUMBER") == numbers


def test_dates_in_a_tables_birth_column(analyzer):
    text = ("De bijlage bevatte gegevens van drie personen:\nNaam\nBSN\nGeboortedatum\nIBAN\n"
            "Rob Janssen\n481516232\n30-09-1964\nNL91 ABNA 0417 1643 00\n"
            "Mirjam Janssen\n424242424\n11-04-1966\nNL95 SNSB 8812 7345 01\n"
            "Tim Janssen\n112233442\n02-02-1999\nNL59BUNQ2093318755\n")
    assert found(analyzer, text, "DATE_OF_BIRTH") == ["30-09-1964", "11-04-1966", "02-02-1999"]


def test_a_table_with_another_date_column_keeps_its_dates(analyzer):
    text = ("Naam\nGeboortedatum\nDatum melding\nRob Janssen\n30-09-1964\n12-03-2024\n"
            "Tim Janssen\n02-02-1999\n14-03-2024\n")
    got = found(analyzer, text, "DATE_OF_BIRTH")
    assert "12-03-2024" not in got and "14-03-2024" not in got


def test_a_house_number_where_someone_lives_without_the_street(analyzer):
    from conftest import found

    text = "R. van Rijswijk, Oosterstraat 41a in Groningen. Mevrouw Doğan woont op 41b."
    assert sorted(found(analyzer, text, "NL_ADDRESS")) == ["41b", "Oosterstraat 41a"]
    assert found(analyzer, "Zij woont op zichzelf sinds 2019.", "NL_ADDRESS") == []


def test_streets_typed_in_lower_case(analyzer):
    from conftest import found

    text = ("[14:02] rafa: sleutels liggen bij frans halsstraat 18\n"
            "[14:03] kwabs: ben op lange haven 140b over 10 min")
    assert sorted(found(analyzer, text, "NL_ADDRESS")) == ["halsstraat 18", "lange haven 140b"]
    prose = "Op de snelweg 2 keer geflitst; de weg 3 dagen dicht; het plein 4 uur vol."
    assert found(analyzer, prose, "NL_ADDRESS") == []


def test_a_cadastral_parcel(analyzer):
    from conftest import found

    text = ("de woning Wilgenlaan 16 in Zuiderwaard (kadastraal bekend als gemeente\n"
            "Zuiderwaard, sectie K, nummer 2314). De aanvraag is ingediend.")
    assert "sectie K, nummer 2314" in found(analyzer, text, "NL_ADDRESS")
    assert found(analyzer, "In sectie K, nummer 4 van het rapport staat het.", "NL_ADDRESS") == []


def test_a_postcode_wrapped_in_a_cell_after_the_street(analyzer):
    from conftest import found

    text = "Mw. B. Owusu-Ansah\nVan Heemskerckstraat 12-A, 4732\nTN\nSamenleving"
    assert "4732\nTN" in found(analyzer, text, "NL_POSTCODE")
    assert found(analyzer, "In 2024\nTN en 2023\nOM", "NL_POSTCODE") == []
