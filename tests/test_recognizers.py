"""The Dutch pattern recognizers, run through a real Presidio AnalyzerEngine.

The engine sits on a blank Dutch spaCy pipeline loaded from disk the way production loads
its model, so the analyzer's context step runs as it does there. A finding "counts" when
its score reaches the default policy's min_score for its entity, because that is what
decides whether it is redacted.
"""

from __future__ import annotations


import pytest
from presidio_analyzer import AnalyzerEngine, RecognizerResult

from conftest import MIN_SCORE, found
from woo_redact.recognizers.checksums import elfproef, iban_is_valid
from woo_redact.recognizers.patterns_registry import PATTERN_RECOGNIZERS


def results(analyzer: AnalyzerEngine, text: str) -> list[RecognizerResult]:
    return analyzer.analyze(text, language="nl")


def assert_found(analyzer: AnalyzerEngine, text: str, entity: str, span: str) -> None:
    spans = found(analyzer, text, entity)
    assert span in spans, f"{entity} {span!r} not found in {text!r}; got {spans}"


# -- every class is a Presidio recognizer for "nl" ---------------------------------------

def test_every_recognizer_constructs_without_arguments():
    entities = set()
    for cls in PATTERN_RECOGNIZERS:
        rec = cls()
        assert rec.supported_language == "nl"
        assert len(rec.supported_entities) == 1
        assert rec.context, f"{cls.__name__} has no context words"
        entities.update(rec.supported_entities)
    assert entities == {
        "EMAIL_ADDRESS", "PHONE_NUMBER", "NL_BSN", "IBAN_CODE", "NL_ADDRESS", "NL_POSTCODE",
        "DATE_OF_BIRTH", "NL_LICENSE_PLATE", "NL_PARKETNUMMER", "NL_POLICE_REFERENCE",
        "INVESTIGATION_NAME", "INFORMANT_CODE", "INVESTIGATIVE_METHOD", "NL_VNUMBER",
        "NL_ID_DOCUMENT", "NL_PERSONNEL_NUMBER", "NL_KVK_NUMBER", "NL_CLIENT_NUMBER",
        "NL_FILE_REFERENCE", "IMEI_NUMBER", "CREDIT_CARD", "USERNAME", "URL", "IP_ADDRESS", "PLACE_OF_BIRTH", "NATIONALITY"}
    assert entities <= set(MIN_SCORE), "every entity needs a rule in the default policy"


# -- checksums ---------------------------------------------------------------------------

@pytest.mark.parametrize("number,valid", [
    ("123456782", True), ("111222333", True), ("12345672", True),  # 8 digits: leading 0
    ("123456789", False), ("000000000", False), ("12345678", False), ("1234567821", False),
])
def test_elfproef(number, valid):
    assert elfproef(number) is valid


@pytest.mark.parametrize("iban,valid", [
    ("NL91ABNA0417164300", True), ("NL91 ABNA 0417 1643 00", True),
    ("DE89370400440532013000", True), ("GB82WEST12345698765432", True),
    ("BE68539007547034", True), ("FR1420041010050500013M02606", True),
    ("NL91ABNA0417164301", False), ("NL19ABNA0417164300", False), ("XX00", False),
])
def test_iban_checksum(iban, valid):
    assert iban_is_valid(iban) is valid


# -- positives: (text, exact span, entity) -----------------------------------------------

POSITIVES = [
    # e-mail
    ("Mail naar j.devries@minbzk.nl voor vragen.", "j.devries@minbzk.nl", "EMAIL_ADDRESS"),
    ("Van: Piet Jansen <p.jansen@gemeente-utrecht.nl>", "p.jansen@gemeente-utrecht.nl",
     "EMAIL_ADDRESS"),
    ("Reacties aan info@rijksoverheid.nl.", "info@rijksoverheid.nl", "EMAIL_ADDRESS"),
    # phone: mobile, every common writing
    ("Bel mij op 06-12345678.", "06-12345678", "PHONE_NUMBER"),
    ("Mobiel: 06 1234 5678", "06 1234 5678", "PHONE_NUMBER"),
    ("Zijn nummer is 0612345678, bel gerust.", "0612345678", "PHONE_NUMBER"),
    ("Bereikbaar via 06-1234 5678 na vijven.", "06-1234 5678", "PHONE_NUMBER"),
    ("T +31 (0)6 12 34 56 78", "+31 (0)6 12 34 56 78", "PHONE_NUMBER"),
    ("Whatsapp +31 6 12345678 graag.", "+31 6 12345678", "PHONE_NUMBER"),
    ("Telefoon +31612345678", "+31612345678", "PHONE_NUMBER"),
    ("Vanuit het buitenland: 0031 6 12345678.", "0031 6 12345678", "PHONE_NUMBER"),
    # phone: landlines
    ("Telefoon 070 - 123 45 67", "070 - 123 45 67", "PHONE_NUMBER"),
    ("Hij belde 070-1234567 gisteren.", "070-1234567", "PHONE_NUMBER"),
    ("tel. 070 1234567", "070 1234567", "PHONE_NUMBER"),
    ("Rotterdam: 010-123 45 67.", "010-123 45 67", "PHONE_NUMBER"),
    ("Internationaal 0031 70 1234567.", "0031 70 1234567", "PHONE_NUMBER"),
    ("Secretariaat (070) 123 45 67", "(070) 123 45 67", "PHONE_NUMBER"),
    ("Servicedesk 088-1234567", "088-1234567", "PHONE_NUMBER"),
    ("Balie (0318) 12 34 56", "(0318) 12 34 56", "PHONE_NUMBER"),
    # phone: public service numbers are found too (the policy's allow list keeps them)
    ("Bel gratis 0800-8051.", "0800-8051", "PHONE_NUMBER"),
    ("Infolijn 0900-1234567", "0900-1234567", "PHONE_NUMBER"),
    ("Bel de gemeente via 14 070.", "14 070", "PHONE_NUMBER"),
    ("Bel 1400 voor vragen over de overheid.", "1400", "PHONE_NUMBER"),
    # BSN
    ("BSN 123456782", "123456782", "NL_BSN"),
    ("burgerservicenummer: 1234.56.782", "1234.56.782", "NL_BSN"),
    ("Het BSN van betrokkene is 123.456.782.", "123.456.782", "NL_BSN"),
    ("sofinummer 123 456 782", "123 456 782", "NL_BSN"),
    ("BSN: 12345672", "12345672", "NL_BSN"),
    ("Betrokkene (111222333) is gehoord.", "111222333", "NL_BSN"),
    # IBAN
    ("IBAN NL91 ABNA 0417 1643 00 t.n.v. J. Jansen", "NL91 ABNA 0417 1643 00", "IBAN_CODE"),
    ("Rekening NL91ABNA0417164300.", "NL91ABNA0417164300", "IBAN_CODE"),
    ("Overgemaakt naar DE89 3704 0044 0532 0130 00 op 1 mei.", "DE89 3704 0044 0532 0130 00",
     "IBAN_CODE"),
    ("Belgische rekening BE68539007547034", "BE68539007547034", "IBAN_CODE"),
    ("Franse rekening FR14 2004 1010 0505 0001 3M02 606", "FR14 2004 1010 0505 0001 3M02 606",
     "IBAN_CODE"),
    ("Britse rekening GB82 WEST 1234 5698 7654 32", "GB82 WEST 1234 5698 7654 32", "IBAN_CODE"),
    ("IBAN NL91ABNA0417164300 2023", "NL91ABNA0417164300", "IBAN_CODE"),
    ("rekening NL91 ABNA\n0417 1643 00 (regel afgebroken)", "NL91 ABNA\n0417 1643 00",
     "IBAN_CODE"),
    # street + house number
    ("Hij woont aan de Kerkstraat 12.", "Kerkstraat 12", "NL_ADDRESS"),
    ("Adres: Dorpsweg 12a, Ede", "Dorpsweg 12a", "NL_ADDRESS"),
    ("Zij woont aan de Hoofdstraat 12-A.", "Hoofdstraat 12-A", "NL_ADDRESS"),
    ("Woonachtig Kerkstraat 12 bis te Gouda", "Kerkstraat 12 bis", "NL_ADDRESS"),
    ("Woonadres Marnixstraat 12-3hg", "Marnixstraat 12-3hg", "NL_ADDRESS"),
    ("De melder woont Laan van Nieuw Oost-Indië 123.", "Laan van Nieuw Oost-Indië 123",
     "NL_ADDRESS"),
    ("Ingeschreven op de Prins Bernhardlaan 5", "Prins Bernhardlaan 5", "NL_ADDRESS"),
    ("wonende Burgemeester de Withstraat 7", "Burgemeester de Withstraat 7", "NL_ADDRESS"),
    ("Woont aan de J.P. Coenstraat 7", "J.P. Coenstraat 7", "NL_ADDRESS"),
    ("Adres: Keizersgracht 123, Amsterdam", "Keizersgracht 123", "NL_ADDRESS"),
    ("Adres: Grote Markt 5", "Grote Markt 5", "NL_ADDRESS"),
    ("hij woont aan de Laan van\nMeerdervoort 12 in Den Haag", "Laan van\nMeerdervoort 12",
     "NL_ADDRESS"),
    # postcode
    ("Kerkstraat 12, 1234 AB Amsterdam", "1234 AB Amsterdam", "NL_POSTCODE"),
    ("Postcode: 1234AB", "1234AB", "NL_POSTCODE"),
    ("woonachtig te 2597 AK 's-Gravenhage", "2597 AK 's-Gravenhage", "NL_POSTCODE"),
    ("Adres: Dorpsweg 1, 2401 AA Alphen aan den Rijn", "2401 AA Alphen aan den Rijn",
     "NL_POSTCODE"),
    ("Kerkstraat 3\n2011 AB Haarlem", "2011 AB Haarlem", "NL_POSTCODE"),
    # date of birth
    ("Jan de Vries, geboren op 12-03-1985, verklaarde", "12-03-1985", "DATE_OF_BIRTH"),
    ("geb. 12/03/1985", "12/03/1985", "DATE_OF_BIRTH"),
    ("Geboortedatum: 12.03.1985", "12.03.1985", "DATE_OF_BIRTH"),
    ("Zij is geboren op 12 maart 1985 te Utrecht.", "12 maart 1985", "DATE_OF_BIRTH"),
    ("geboortedatum 1985-03-12", "1985-03-12", "DATE_OF_BIRTH"),
    ("geboren te Amsterdam op 1 januari 1970", "1 januari 1970", "DATE_OF_BIRTH"),
    ("d.d. geboorte 12-03-85", "12-03-85", "DATE_OF_BIRTH"),
    ("geboorte datum: 3-7-1990", "3-7-1990", "DATE_OF_BIRTH"),
    ("die is geboren op 12 maart\n1985 in Zwolle", "12 maart\n1985", "DATE_OF_BIRTH"),
    # licence plates: one per sidecode
    ("kenteken HB-12-34", "HB-12-34", "NL_LICENSE_PLATE"),                 # 1
    ("kenteken 12-34-HB", "12-34-HB", "NL_LICENSE_PLATE"),                 # 2
    ("kenteken 12-HB-34", "12-HB-34", "NL_LICENSE_PLATE"),                 # 3
    ("Een auto met kenteken GB-12-KL reed weg.", "GB-12-KL", "NL_LICENSE_PLATE"),  # 4
    ("de personenauto GB-KL-12", "GB-KL-12", "NL_LICENSE_PLATE"),          # 5
    ("voertuig 12-GB-KL", "12-GB-KL", "NL_LICENSE_PLATE"),                 # 6
    ("Een zwarte Golf, 12-BDF-3, stond er.", "12-BDF-3", "NL_LICENSE_PLATE"),  # 7
    ("kenteken 1-BDF-23", "1-BDF-23", "NL_LICENSE_PLATE"),                 # 8
    ("kenteken GB-123-K", "GB-123-K", "NL_LICENSE_PLATE"),                 # 9
    ("kenteken G-123-BK", "G-123-BK", "NL_LICENSE_PLATE"),                 # 10
    ("kenteken GBK-12-L", "GBK-12-L", "NL_LICENSE_PLATE"),                 # 11
    ("kenteken G-12-BKL", "G-12-BKL", "NL_LICENSE_PLATE"),                 # 12
    ("kenteken 1-GB-123", "1-GB-123", "NL_LICENSE_PLATE"),                 # 13
    ("kenteken 123-GB-1", "123-GB-1", "NL_LICENSE_PLATE"),                 # 14
    ("Het kenteken 12BDF3 is gestolen.", "12BDF3", "NL_LICENSE_PLATE"),
    ("kenteken: GBKL12", "GBKL12", "NL_LICENSE_PLATE"),
    # parketnummer
    ("onder parketnummer 09/123456-23 vervolgd", "09/123456-23", "NL_PARKETNUMMER"),
    ("In de zaak 13/654321-22 is", "13/654321-22", "NL_PARKETNUMMER"),
    ("Parketnummer: 13-654321-22", "13-654321-22", "NL_PARKETNUMMER"),
    ("parketnummer 09.123456.23", "09.123456.23", "NL_PARKETNUMMER"),
    ("OM-nummer 96-001234-21", "96-001234-21", "NL_PARKETNUMMER"),
    # police references
    ("registratie PL0900-2023123456", "PL0900-2023123456", "NL_POLICE_REFERENCE"),
    ("zie PL1300-2024012345-7", "PL1300-2024012345-7", "NL_POLICE_REFERENCE"),
    ("BVH-nummer 2023123456", "2023123456", "NL_POLICE_REFERENCE"),
    ("onder registratienummer 2023-0456123", "2023-0456123", "NL_POLICE_REFERENCE"),
    ("proces-verbaal nummer PV-2023-0456", "PV-2023-0456", "NL_POLICE_REFERENCE"),
    ("pv-nummer 2024123456", "2024123456", "NL_POLICE_REFERENCE"),
    ("mutatienummer 20231234567", "20231234567", "NL_POLICE_REFERENCE"),
    ("Proces-verbaalnummer: 2023098765", "2023098765", "NL_POLICE_REFERENCE"),
    ("BVH-nummer 123456782", "123456782", "NL_POLICE_REFERENCE"),
    ("aangiftenummer: 2024-112233", "2024-112233", "NL_POLICE_REFERENCE"),
    # investigation names
    ("De recherche startte onderzoek 26Lemon in maart.", "26Lemon", "INVESTIGATION_NAME"),
    ("Het opsporingsonderzoek Tandem van de politie", "Tandem", "INVESTIGATION_NAME"),
    ("operatie Vliegenvanger", "Vliegenvanger", "INVESTIGATION_NAME"),
    ("Het TGO Vlinder leidde tot de aanhouding.", "Vlinder", "INVESTIGATION_NAME"),
    ("De verdachte werd in project Kasper door de politie gevolgd.", "Kasper",
     "INVESTIGATION_NAME"),
    ("In het onderzoek 'Dolfijn' heeft het OM", "Dolfijn", "INVESTIGATION_NAME"),
    ("Proces-verbaal\nOnderzoek: 26Lemon\nParketnummer: 09/123456-23", "26Lemon",
     "INVESTIGATION_NAME"),
    # informant codes
    ("Volgens CIE-bron 12-345 was", "12-345", "INFORMANT_CODE"),
    ("informant NN-0231 verklaarde", "NN-0231", "INFORMANT_CODE"),
    ("afkomstig van bron CIE-2023-017", "CIE-2023-017", "INFORMANT_CODE"),
    ("CI-code 0231-A", "0231-A", "INFORMANT_CODE"),
    ("TCI-registratie 2022/0345", "2022/0345", "INFORMANT_CODE"),
    # investigative methods
    ("Er is een IMSI-catcher ingezet.", "IMSI-catcher", "INVESTIGATIVE_METHOD"),
    ("bevel stelselmatige observatie", "stelselmatige observatie", "INVESTIGATIVE_METHOD"),
    ("Een pseudokoop werd toegepast.", "pseudokoop", "INVESTIGATIVE_METHOD"),
    ("De inkijkoperatie vond plaats.", "inkijkoperatie", "INVESTIGATIVE_METHOD"),
    ("Onder de auto is een peilbaken geplaatst.", "peilbaken", "INVESTIGATIVE_METHOD"),
    ("gesprekken via OVC opgenomen", "OVC", "INVESTIGATIVE_METHOD"),
    ("een burgerinfiltrant", "burgerinfiltrant", "INVESTIGATIVE_METHOD"),
    ("direct afluisteren", "direct afluisteren", "INVESTIGATIVE_METHOD"),
    ("de tapkamer", "tapkamer", "INVESTIGATIVE_METHOD"),
    ("stelselmatige inwinning van informatie", "stelselmatige inwinning",
     "INVESTIGATIVE_METHOD"),
    ("De politie heeft infiltratie toegepast.", "infiltratie", "INVESTIGATIVE_METHOD"),
]


@pytest.mark.parametrize("text,span,entity", POSITIVES,
                         ids=[f"{e}:{s}" for _, s, e in POSITIVES])
def test_positive(analyzer, text, span, entity):
    assert_found(analyzer, text, entity, span)


# -- negatives: (text, entity that must not be acted on) ---------------------------------

NEGATIVES = [
    # BSN / IBAN checksums
    ("BSN 123456789", "NL_BSN"),
    ("BSN 1234.56.789", "NL_BSN"),
    ("IBAN NL91ABNA0417164301", "IBAN_CODE"),
    ("IBAN NL19 ABNA 0417 1643 00", "IBAN_CODE"),
    # a number that passes the elfproef but is labelled as something else
    ("Ons kenmerk: 123456782", "NL_BSN"),
    ("Zaaknummer 123456782", "NL_BSN"),
    ("BVH-nummer 123456782", "NL_BSN"),
    ("In 2023 vond plaats 2023 OM", "NL_POSTCODE"),
    ("een bedrag van € 123.456.782", "NL_BSN"),
    # what phone numbers must not swallow
    ("Op 12-05-2023 besloot de minister", "PHONE_NUMBER"),
    ("vergadering 01-05-2023 12:00 uur", "PHONE_NUMBER"),
    ("parketnummer 09/123456-23", "PHONE_NUMBER"),
    ("parketnummer 09-123456-23", "PHONE_NUMBER"),
    ("IBAN NL91 ABNA 0417 1643 00", "PHONE_NUMBER"),
    ("IBAN NL91ABNA0417164300", "PHONE_NUMBER"),
    ("BSN 012345672", "PHONE_NUMBER"),
    ("Postcode 1234 AB", "PHONE_NUMBER"),
    ("Kamerstuk 26643, nr. 123", "PHONE_NUMBER"),
    ("Kamerstukken II 2022/23, 36 200 VII, nr. 5", "PHONE_NUMBER"),
    ("in de jaren 2019-2023", "PHONE_NUMBER"),
    ("een bedrag van € 1.234.567,00", "PHONE_NUMBER"),
    ("Tel. 012-3456789", "PHONE_NUMBER"),  # no such area code
    ("Er waren 1400 deelnemers.", "PHONE_NUMBER"),
    ("Factuurnummer 0701234567", "PHONE_NUMBER"),
    # postcodes of organisations' postal addresses
    ("Postbus 20011, 2500 EA Den Haag", "NL_POSTCODE"),
    ("Postbus 20011\n2500 EA  Den Haag", "NL_POSTCODE"),
    ("Postbus 20350 | 2500 EJ | Den Haag", "NL_POSTCODE"),
    ("Antwoordnummer 123, 1000 AB Amsterdam", "NL_POSTCODE"),
    ("Postbus 1, postvak 3720 BA Bilthoven", "NL_POSTCODE"),
    ("Postbus 20011, 2500 EA Den Haag", "NL_ADDRESS"),
    ("Retouradres Postbus 20350 2500 EJ Den Haag", "NL_POSTCODE"),
    ("Bezoekadres: Parnassusplein 5, Den Haag", "NL_ADDRESS"),
    ("Bezoekadres\nParnassusplein 5\n2011 VX Den Haag", "NL_POSTCODE"),
    # postcode letters never SA, SD, SS; year + abbreviation
    ("Postcode 1234 SS", "NL_POSTCODE"),
    ("Postcode 1234 SA", "NL_POSTCODE"),
    ("In 2023 OM-breed en in 2019 EU-breed.", "NL_POSTCODE"),
    ("In 2023 OM Den Haag", "NL_POSTCODE"),
    # street-like words with a year or a date
    ("Het Gerechtshof 12 maart besliste", "NL_ADDRESS"),
    ("De Woningmarkt 2024 in cijfers", "NL_ADDRESS"),
    ("Artikel 12 van de Wet open overheid", "NL_ADDRESS"),
    ("Vergadering 12 is verzet", "NL_ADDRESS"),
    ("Parnassusplein\n2511 VX Den Haag", "NL_ADDRESS"),
    # dates are dates of birth only after a birth word
    ("De vergadering van 12-03-1985 is verzet.", "DATE_OF_BIRTH"),
    ("Brief d.d. 12 maart 1985", "DATE_OF_BIRTH"),
    ("geboren op 12-03-1985, overleden op 02-02-2020", "DATE_OF_BIRTH:02-02-2020"),
    ("geboren op 31-02-1985", "DATE_OF_BIRTH"),  # no such date
    # licence plates
    ("Op 12-03-85 om 12:30", "NL_LICENSE_PLATE"),
    ("kenteken AB-12-CD", "NL_LICENSE_PLATE"),  # vowels: not in a sidecode-4 plate
    ("kenteken 12-BCQ-3", "NL_LICENSE_PLATE"),  # C and Q are never used
    ("De code 12BDF3 staat in de tabel.", "NL_LICENSE_PLATE"),  # no dashes, no kenteken
    ("Kenmerk VWS-12-B", "NL_LICENSE_PLATE"),
    # parketnummer without its word
    ("Ref. 13-654321-22", "NL_PARKETNUMMER"),
    # police numbers need their word directly before
    ("In 2023123456 gevallen", "NL_POLICE_REFERENCE"),
    ("Dit proces-verbaal van 12 maart 2023", "NL_POLICE_REFERENCE"),
    ("KvK-registratienummer 12345678", "NL_POLICE_REFERENCE"),
    ("zie pv 2023", "NL_POLICE_REFERENCE"),
    # investigation names
    ("Het onderzoek naar de fraude", "INVESTIGATION_NAME"),
    ("Het onderzoek van de Rekenkamer", "INVESTIGATION_NAME"),
    ("Onderzoek Rekenkamer naar subsidies", "INVESTIGATION_NAME"),
    ("Operatie geslaagd, patiënt overleden.", "INVESTIGATION_NAME"),
    ("het project Digitale Overheid loopt", "INVESTIGATION_NAME"),
    ("het onderzoek WODC", "INVESTIGATION_NAME"),
    ("Onderzoek: Moord op de Dorpsweg", "INVESTIGATION_NAME"),
    ("Het onderzoek Tandem begint om tien uur.", "INVESTIGATION_NAME"),  # "om" is no OM
    # investigative methods: an everyday meaning of the word
    ("Het regenwater kent een infiltratie in de bodem.", "INVESTIGATIVE_METHOD"),
    # informant codes
    ("Bron: CBS 2023", "INFORMANT_CODE"),
    ("(bron: 2.3)", "INFORMANT_CODE"),
    ("Bron: 2019/20", "INFORMANT_CODE"),
    ("bron: 12-03-2023", "INFORMANT_CODE"),
    # e-mail: no TLD
    ("gebruiker@localhost is geen adres", "EMAIL_ADDRESS"),
]


@pytest.mark.parametrize("text,entity", NEGATIVES, ids=[f"{e}:{t[:30]}" for t, e in NEGATIVES])
def test_negative(analyzer, text, entity):
    entity, _, span = entity.partition(":")
    spans = found(analyzer, text, entity)
    if span:
        assert span not in spans, f"{entity} {span!r} wrongly found in {text!r}"
    else:
        assert spans == [], f"{entity} wrongly found in {text!r}: {spans}"


# -- scores and context ------------------------------------------------------------------

def score_of(analyzer, text: str, entity: str, span: str) -> float:
    scores = [r.score for r in results(analyzer, text)
              if r.entity_type == entity and text[r.start:r.end] == span]
    assert scores, f"{span!r} not detected in {text!r}"
    return max(scores)


def test_context_word_raises_score(analyzer):
    bare = score_of(analyzer, "Het is 070-1234567.", "PHONE_NUMBER", "070-1234567")
    near = score_of(analyzer, "Telefoon: 070-1234567.", "PHONE_NUMBER", "070-1234567")
    assert 0.3 <= bare <= 0.6 < near


def test_checksum_sets_full_score(analyzer):
    assert score_of(analyzer, "Betrokkene: 123456782", "NL_BSN", "123456782") == 1.0
    assert score_of(analyzer, "NL91ABNA0417164300", "IBAN_CODE", "NL91ABNA0417164300") == 1.0


def test_birth_word_after_the_date_does_not_count(analyzer):
    assert found(analyzer, "Op 12-03-1985 is hij geboren.", "DATE_OF_BIRTH") == []


def test_investigation_name_needs_police_context_for_onderzoek(analyzer):
    text = "Het onderzoek Tandem liep twee jaar."
    assert found(analyzer, text, "INVESTIGATION_NAME") == []
    assert score_of(analyzer, text, "INVESTIGATION_NAME", "Tandem") < 0.5
    assert found(analyzer, "De politie rondde onderzoek Tandem af.", "INVESTIGATION_NAME") \
        == ["Tandem"]


def test_method_score_stays_low_without_context(analyzer):
    s = score_of(analyzer, "Over de inkijkoperatie.", "INVESTIGATIVE_METHOD", "inkijkoperatie")
    assert MIN_SCORE["INVESTIGATIVE_METHOD"] <= s < 0.8


def test_result_is_marked_as_context_scored(analyzer):
    # Scored against the raw text by the recognizer; the engine's lemma enhancer must not
    # add its boost on top.
    text = "BSN-nummer 123456782 en telefoon 0612345678"
    rs = analyzer.analyze(text, language="nl", return_decision_process=True)
    assert rs and all(r.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY]
                      for r in rs)
    phone = next(r for r in rs if r.entity_type == "PHONE_NUMBER")
    assert phone.analysis_explanation.supportive_context_word.lower() == "telefoon"


def test_no_cross_entity_overlap_in_a_letter(analyzer):
    letter = (
        "Retouradres Postbus 20011 2500 EA Den Haag\n"
        "De heer J. Jansen\nKerkstraat 12a\n1234 AB Amsterdam\n"
        "Datum 12 maart 2024\nOns kenmerk 2024-0000123456\n"
        "Geachte heer Jansen,\n"
        "Uw BSN 123456782 en IBAN NL91 ABNA 0417 1643 00 zijn bekend. U bent geboren op "
        "03-07-1961. Bel 06-12345678 of mail j.jansen@example.nl. Uw auto met kenteken "
        "12-BDF-3 staat op naam. Zie parketnummer 09/123456-23.\n"
    )
    got = sorted((r.start, r.end, r.entity_type) for r in results(analyzer, letter)
                 if r.score >= MIN_SCORE[r.entity_type])
    spans = {(letter[s:e], t) for s, e, t in got}
    assert spans == {
        ("Kerkstraat 12a", "NL_ADDRESS"), ("1234 AB Amsterdam", "NL_POSTCODE"),
        ("123456782", "NL_BSN"), ("NL91 ABNA 0417 1643 00", "IBAN_CODE"),
        ("03-07-1961", "DATE_OF_BIRTH"), ("06-12345678", "PHONE_NUMBER"),
        ("j.jansen@example.nl", "EMAIL_ADDRESS"), ("12-BDF-3", "NL_LICENSE_PLATE"),
        ("09/123456-23", "NL_PARKETNUMMER"),
    }
    for (s1, e1, _), (s2, _, _) in zip(got, got[1:]):
        assert e1 <= s2, "two entities claim the same characters"


def test_mobile_number_wrapped_over_a_line_break():
    from woo_redact.recognizers.contact import NlPhoneRecognizer

    rec = NlPhoneRecognizer()
    text = "De wijkagent is bereikbaar op 06 5128\n7734 of via 0900-8844.\nBegroting 2006\n12345678"
    got = [text[r.start:r.end] for r in rec.analyze(text, ["PHONE_NUMBER"])]
    assert "06 5128\n7734" in got
    assert not any("12345678" in g for g in got)  # a year at a line end is no area code


@pytest.mark.parametrize("text, number", [
    ("bereikbaar via 070-136\n4321. Wij adviseren", "070-136\n4321"),
    ("bereikbaar via +31 6\n3837 9334.", "+31 6\n3837 9334"),
    ("bereikbaar via 06\n56 87 39 71.", "06\n56 87 39 71"),
])
def test_numbers_wrapped_after_the_area_code(text, number):
    from woo_redact.recognizers.contact import NlPhoneRecognizer

    got = [text[r.start:r.end] for r in NlPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])]
    assert got == [number]


def test_numbers_in_a_column_are_not_joined():
    from woo_redact.recognizers.contact import NlPhoneRecognizer

    text = "Informatienummer\n0800-8002\n14 030\n1400\n"
    got = [text[r.start:r.end] for r in NlPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])]
    assert "0800-8002" in got and not any("\n" in g for g in got)


def test_postcode_wrapped_before_its_letters():
    from woo_redact.recognizers.address import NlPostcodeRecognizer

    text = "mevrouw El Amrani woont aan de Dorpsweg 162, 7673\nSN Zwolle.\nIn 2019\nEU-breed"
    got = [text[r.start:r.end] for r in NlPostcodeRecognizer().analyze(text, ["NL_POSTCODE"])]
    assert got == ["7673\nSN Zwolle"]


@pytest.mark.parametrize("text, entity, value", [
    # the addressee's postcode below the street, a return address two lines above
    ("> Retouradres Postbus 5003 2000 CA Haarlem\nMevrouw N. Ouali\nZaanenlaan 71\n"
     "2024 SH Haarlem\nDatum", "NL_POSTCODE", "2024 SH Haarlem"),
    ("Afschrift aan: de heer M. van 't Hof, Oranjeboomstraat 19-rood, 2011 PR Haarlem;",
     "NL_ADDRESS", "Oranjeboomstraat 19-rood"),
    ("een dreigbrief in de brievenbus van haar woning aan de Dreefzicht 22 bezorgd.",
     "NL_ADDRESS", "Dreefzicht 22"),
])
def test_an_address_in_the_places_letters_put_it(analyzer, text, entity, value):
    assert value in found(analyzer, text, entity)


def test_a_time_after_a_name_ending_in_a_street_word_is_no_house_number(analyzer):
    assert found(analyzer, "met burgemeester Kraaijeveld\n20:00 - 20:45 Raad", "NL_ADDRESS") == []


@pytest.mark.parametrize("text, value", [
    ("Adres: KAYA GOB. N. DEBROT 41, Kralendijk", "KAYA GOB. N. DEBROT 41"),
    ("Hij woont aan de Kaya Grandi 12 in Rincon.", "Kaya Grandi 12"),
    ("She lives at Cottage Road 12, The Bottom.", "Cottage Road 12"),
])
def test_streets_of_the_caribbean_netherlands(analyzer, text, value):
    assert value in found(analyzer, text, "NL_ADDRESS")


def test_an_english_title_with_road_is_no_street(analyzer):
    assert found(analyzer, "The Road 2 Success is a programme.", "NL_ADDRESS") == []


@pytest.mark.parametrize("text,place", [
    ("Haskerdijken 17\n8447 GK Heerenveen Provinsje Fryslân INGEKOMEN", "8447 GK Heerenveen"),
    ("Rietgorsstraat 8 B\n3283 GN ZUIDERVLIET GEMEENTE ZUIDERVLIET", "3283 GN ZUIDERVLIET"),
])
def test_a_postcode_s_place_ends_before_an_organisation_or_a_stamp(text, place):
    from woo_redact.recognizers.address import NlPostcodeRecognizer

    got = [text[r.start:r.end] for r in NlPostcodeRecognizer().analyze(text, ["NL_POSTCODE"])]
    assert got == [place]
