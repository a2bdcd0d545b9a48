"""Numbers a person is known by only through their label: the IND's V-nummer, passport, ID
card and driving-licence numbers, personnel/BOA/BIG numbers; and the police references
that are not personal (beslagnummer, a criminal case file) next to the public document
numbers that must stay (a council's RIS number).

Real text through the real recognizers, on a blank Dutch pipeline, as in
test_recognizers.py; a finding counts when it reaches the default policy's min_score.
"""

from __future__ import annotations


import pytest

from conftest import found
from woo_redact.policy import load_policy
from woo_redact.recognizers.identifiers import (
    NlIdDocumentRecognizer,
    NlPersonnelNumberRecognizer,
    NlVNumberRecognizer,
)
from woo_redact.recognizers.patterns_registry import PATTERN_RECOGNIZERS

NEW = ("NL_VNUMBER", "NL_ID_DOCUMENT", "NL_PERSONNEL_NUMBER")


def test_new_entities_are_personal_data_in_the_policy():
    policy = load_policy()
    for entity in NEW:
        rule = policy.entities[entity]
        assert (rule.ground, rule.action) == ("5.1.2e", "redact"), entity
    assert policy.entities["NL_BSN"].ground == "5.1.1e"  # the BSN keeps its own ground


def test_registered_once_each():
    names = [cls.__name__ for cls in PATTERN_RECOGNIZERS]
    for cls in (NlVNumberRecognizer, NlIdDocumentRecognizer, NlPersonnelNumberRecognizer):
        assert names.count(cls.__name__) == 1
        assert cls().context


POSITIVES = [
    # V-nummer
    ("Betreft: aanvraag verblijfsvergunning, V-nummer: 3104558812", "3104558812",
     "NL_VNUMBER"),
    ("Mevrouw Haddad (V-nummer 2211847306) heeft een machtiging gekregen.", "2211847306",
     "NL_VNUMBER"),
    ("Vreemdelingennummer\n1876345210\nNationaliteit: Eritrees", "1876345210", "NL_VNUMBER"),
    ("Uw v-nr. 4401 227 318 is bij ons bekend.", "4401 227 318", "NL_VNUMBER"),
    # identity documents
    ("De man toonde een Italiaans paspoort met nummer YA6620183.", "YA6620183",
     "NL_ID_DOCUMENT"),
    ("Paspoortnummer: NRK4L93P7", "NRK4L93P7", "NL_ID_DOCUMENT"),
    ("Documentnummer identiteitskaart: IX83HR4T1", "IX83HR4T1", "NL_ID_DOCUMENT"),
    ("Zij legitimeerde zich met haar ID-kaart nr. SPF2D7K19 bij de balie.", "SPF2D7K19",
     "NL_ID_DOCUMENT"),
    ("Rijbewijsnummer 4918273650, categorie B", "4918273650", "NL_ID_DOCUMENT"),
    ("De betrokkene legitimeerde zich met een Belgische identiteitskaart.\n"
     "Documentnummer: 591-7730146-22", "591-7730146-22", "NL_ID_DOCUMENT"),
    ("Hij identificeerde zich met zijn rijbewijs. Documentnummer: 5K0093T71", "5K0093T71",
     "NL_ID_DOCUMENT"),
    # personnel numbers
    ("Opgemaakt door verbalisant T. Bakker (personeelsnummer GH7731).", "GH7731",
     "NL_PERSONNEL_NUMBER"),
    ("hoofdagent van politie\nPersoneelsnummer 501276", "501276", "NL_PERSONNEL_NUMBER"),
    ("Handhaver: M. Postma, BOA-nummer 60233", "60233", "NL_PERSONNEL_NUMBER"),
    ("BOA-registratienummer: 213344", "213344", "NL_PERSONNEL_NUMBER"),
    ("Behandelend arts, BIG-registratienummer 39067123401", "39067123401",
     "NL_PERSONNEL_NUMBER"),
    ("Dienstnummer: 77120", "77120", "NL_PERSONNEL_NUMBER"),
    # police references that are not personal
    ("Het mes is in beslag genomen onder beslagnummer BSN-2024-10377.", "BSN-2024-10377",
     "NL_POLICE_REFERENCE"),
    ("De raadsman heeft om de processtukken gevraagd. Het dossier met nummer\n"
     "2023510098 wordt hem toegezonden.", "2023510098", "NL_POLICE_REFERENCE"),
    ("Strafdossiernummer 2022119034 (parketnummer 05/771234-22)", "2022119034",
     "NL_POLICE_REFERENCE"),
    ("De aangifte is geregistreerd onder registratienummer 2024-0088712.", "2024-0088712",
     "NL_POLICE_REFERENCE"),
]


@pytest.mark.parametrize("text,span,entity", POSITIVES,
                         ids=[f"{e}:{s}" for _, s, e in POSITIVES])
def test_positive(analyzer, text, span, entity):
    spans = found(analyzer, text, entity)
    assert span in spans, f"{entity} {span!r} not found in {text!r}; got {spans}"


NEGATIVES = [
    # a number without its label is nobody's V-nummer or personnel number
    ("Er zijn 2987654321 redenen.", "NL_VNUMBER"),
    ("Het BV-nummer 1234567890 van de firma", "NL_VNUMBER"),
    ("V-nummer: 0000000000", "NL_VNUMBER"),
    # documents named without a number, and a Woo inventory's document number
    ("Neem uw paspoort of ID-kaart mee naar de balie.", "NL_ID_DOCUMENT"),
    ("Een rijbewijs B volstaat; het paspoort is 10 jaar geldig.", "NL_ID_DOCUMENT"),
    ("Documentnummer: WOB20231104 | Datum | Onderwerp", "NL_ID_DOCUMENT"),
    ("Documentnummer 17, kopie paspoortaanvraag", "NL_ID_DOCUMENT"),
    ("Paspoort 20230114 verlopen", "NL_ID_DOCUMENT"),  # a date run together
    # service lines are no personnel numbers
    ("Bel het dienstnummer 0800-1351 of het politienummer 0900-8844.",
     "NL_PERSONNEL_NUMBER"),
    ("De personeelsnummers staan in bijlage 2.", "NL_PERSONNEL_NUMBER"),
    ("Het BIG-register is openbaar.", "NL_PERSONNEL_NUMBER"),
    # a public document's number is no police reference
    ("Registratienummer: RIS318402", "NL_POLICE_REFERENCE"),
    ("Gemeente Leiden\nCollegebesluit\nRegistratienummer: 2024-0311872\n"
     "Portefeuillehouder: wethouder Dijkstra", "NL_POLICE_REFERENCE"),
    ("Registratienummer: DOC-2023-118877", "NL_POLICE_REFERENCE"),
    # a council's or the IND's dossier is no criminal case file
    ("Uw aanvraag bijzondere bijstand is bekend onder dossiernummer 2023118877.",
     "NL_POLICE_REFERENCE"),
    ("De stukken van het dossier met nummer 2021004455 liggen ter inzage.",
     "NL_POLICE_REFERENCE"),
    ("KvK-registratienummer 12345678", "NL_POLICE_REFERENCE"),
]


@pytest.mark.parametrize("text,entity", NEGATIVES, ids=[f"{e}:{t[:30]}" for t, e in NEGATIVES])
def test_negative(analyzer, text, entity):
    assert found(analyzer, text, entity) == [], f"{entity} wrongly found in {text!r}"


def test_labelled_numbers_are_not_taken_for_a_bsn(analyzer):
    # 123456782 passes the elfproef; after a document or staff label it is that number
    for text, entity in [("paspoortnummer 123456782", "NL_ID_DOCUMENT"),
                         ("V-nummer 123456782", "NL_VNUMBER"),
                         ("personeelsnummer 123456782", "NL_PERSONNEL_NUMBER")]:
        assert found(analyzer, text, entity) == ["123456782"]
        assert found(analyzer, text, "NL_BSN") == [], text


def test_beslagnummer_starting_with_bsn_is_no_bsn(analyzer):
    text = "beslagnummer BSN-2023-40417"
    assert found(analyzer, text, "NL_BSN") == []
    assert found(analyzer, text, "NL_POLICE_REFERENCE") == ["BSN-2023-40417"]


def test_precheck_skips_pages_without_a_label():
    # the stems are the page pre-check: a page without one is not searched at all
    for cls in (NlIdDocumentRecognizer, NlPersonnelNumberRecognizer):
        assert cls().analyze("Het nummer NW3K8L2P4 staat in de tabel.", [cls.ENTITY]) == []
    # and each label the patterns know passes it
    for text in ["paspoortnummer NW3K8L2P4", "ID-kaart NW3K8L2P4", "id kaart NW3K8L2P4",
                 "Rijbewijs nr. 5123456789", "verblijfsdocument NW3K8L2P4"]:
        assert NlIdDocumentRecognizer().analyze(text, ["NL_ID_DOCUMENT"]), text
    for text in ["Pers.nr. 412233", "pers. nr 412233", "medewerkersnummer 412233",
                 "werknemersnr 412233", "stamnummer 412233", "badgenummer 412233",
                 "legitimatienummer 412233", "BIG-nummer 19012345601", "boa-nr 41287"]:
        assert NlPersonnelNumberRecognizer().analyze(text, ["NL_PERSONNEL_NUMBER"]), text


@pytest.mark.parametrize("text, number", [
    ("Eigenaar Vastgoed (eenmanszaak, KvK 60128743)", "60128743"),
    ("KvK (eenmanszaak) 71298534", "71298534"),
    ("Eigen adviesbureau Okafor Water Advies (KvK\n55129031).", "55129031"),
    ("Hij werkt als zzp'er onder KvK-nummer 81234567.", "81234567"),
])
def test_kvk_number_of_a_one_man_business(analyzer, text, number):
    assert found(analyzer, text, "NL_KVK_NUMBER") == [number]


@pytest.mark.parametrize("text", [
    "Leverancier Bouwbedrijf Janssen B.V., KvK 12345678, levert de materialen.",
    # the one-man business is another sentence's
    "De eenmanszaak is opgeheven. Het nieuwe bedrijf staat onder KvK 12345678 ingeschreven.",
])
def test_kvk_number_of_a_company_stays(analyzer, text):
    assert found(analyzer, text, "NL_KVK_NUMBER") == []


def test_passport_numbers_in_a_passport_column(analyzer):
    text = ("Deelnemers\nNaam\nFunctie\nPaspoortnummer\nP. de Wit\nbeleidsmedewerker DAM\n"
            "PRZSL6BJ2\nA. Bos\nplv. directeur DAM\nMNR8EF846\n")
    assert found(analyzer, text, "NL_ID_DOCUMENT") == ["PRZSL6BJ2", "MNR8EF846"]
    # the same shape without a passport column stays
    assert found(analyzer, "Bestelcode\nPRZSL6BJ2\n", "NL_ID_DOCUMENT") == []


def test_a_document_number_in_brackets_after_the_document(analyzer):
    text = "U beschikt over een geldig paspoort\n(nummer P04317852). Uw echtgenote werkt."
    assert found(analyzer, text, "NL_ID_DOCUMENT") == ["P04317852"]


def test_register_and_vat_numbers_of_a_one_man_business(analyzer):
    text = ("S.A. Kartodikromo, ingeschreven in het Handelsregister van de Kamer van Koophandel "
            "onder nummer 81946273, wonende en kantoorhoudende aan de Bilderdijkkade 58-II, "
            "1053 VL Amsterdam, btw-identificatienummer NL004215893B52, hierna te noemen: "
            "'Opdrachtnemer'.")
    assert found(analyzer, text, "NL_KVK_NUMBER") == ["81946273", "NL004215893B52"]
    company = ("Rijkswaterstaat gunt de opdracht aan Boskalis Nederland B.V., ingeschreven bij de "
               "Kamer van Koophandel onder nummer 24106454, btw-nummer NL001234567B01.")
    assert found(analyzer, company, "NL_KVK_NUMBER") == []


def test_an_analyst_signing_with_a_code(analyzer):
    text = "Extractie\n15-10-2026, fysieke extractie\nAnalist\nRTD-2290\nDeelnemers"
    assert found(analyzer, text, "NL_PERSONNEL_NUMBER") == ["RTD-2290"]


def test_a_personnel_number_after_pnr():
    from woo_redact.recognizers.identifiers import NlPersonnelNumberRecognizer
    text = "Toezichthouders: H. Demir (pnr. 20417) en W. van 't Hof (pnr 20388)."
    got = [text[r.start:r.end] for r in NlPersonnelNumberRecognizer().analyze(
        text, ["NL_PERSONNEL_NUMBER"])]
    assert got == ["20417", "20388"]
