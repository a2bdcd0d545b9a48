"""Organisations' own mailboxes, general numbers and addresses stay visible; a person's
mailbox, direct line and a citizen's address stay redacted. Examples written for the
patterns: functional mailboxes, spaced service numbers, label cells, letterhead lines,
addressee blocks, PO boxes with a thousands dot, an address as an apposition."""

from __future__ import annotations

import pytest

from woo_redact.model import Finding
from woo_redact.organisations import (acronym_mailbox, organisation_address, organisation_mailbox,
                                      organisation_phone)
from woo_redact.policy import load_policy
from woo_redact.recognizers.contact import NlPhoneRecognizer


def span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


# -- 1. functional mailboxes ------------------------------------------------------------------

@pytest.mark.parametrize("address", [
    "vergunningen@zwolle.nl", "klachtenafhandeling@provincie.nl",
    "fraudesignalering.rotterdam@belastingdienst.nl", "jeugdzorg-aanmelding@ede.nl",
    "bezwaarschriften@uwv.nl", "griffie.staten@prv.nl", "kcc-meldingen@almere.nl",
    "omgevingsdienst_meldingen@odnzkg.nl", "agenda.burgemeester@arnhem.nl",
])
def test_mailbox_of_a_task_or_team_is_kept(address):
    assert organisation_mailbox(address)


@pytest.mark.parametrize("address", [
    "p.dekker@zwolle.nl",           # initial + surname
    "anouk.verbeek@ede.nl",         # first name + surname
    "visser@advocatenkantoor.nl",   # a surname that is also a word
    "kdejong@uwv.nl",               # initials run into a name
    "r.terbeek@almere.nl", "jter.horst@prv.nl",  # initial + interfix
    "hulpverlening@hotmail.com",    # a private person at a free mail provider
    "vergunningen2@zwolle.nl",      # digits
    "dgo@minbzk.nl",                # an acronym alone could be someone's initials
])
def test_mailbox_of_a_person_is_not_kept(address):
    assert organisation_mailbox(address) is None


@pytest.mark.parametrize("address, text, kept", [
    ("adr@minfin.nl", "Dit rapport is van de Auditdienst Rijk (ADR).", True),
    ("ghor@vrh.nl", "kun je haar doorzetten naar GHOR?", True),
    ("ncc@nctv.minjenv.nl", "NCC-bereikbaarheid: zie hieronder", True),
    # initials are not written as an acronym in capitals
    ("jvd@minbzk.nl", "Afgestemd met JvD en de directie.", False),
    ("dgo@minbzk.nl", "Afgestemd met de directie.", False),
    ("adr@gmail.com", "de Auditdienst Rijk (ADR)", False),
])
def test_an_acronym_mailbox_the_text_spells_out(address, text, kept):
    assert (acronym_mailbox(address, text) is not None) == kept


def test_a_place_in_a_mailbox_is_a_word_not_a_name():
    assert organisation_mailbox("woo.tenboer@groningen.nl")


def finding(entity: str, text: str, part: str) -> Finding:
    s, e = span(text, part)
    return Finding(entity, s, e, part, 0.9, "test")


def test_policy_keeps_a_functional_mailbox_with_a_reason():
    text = "Stuur uw vragen naar vergunningen@zwolle.nl of naar p.dekker@zwolle.nl."
    fs = load_policy().decide([finding("EMAIL_ADDRESS", text, "vergunningen@zwolle.nl"),
                               finding("EMAIL_ADDRESS", text, "p.dekker@zwolle.nl")], text)
    assert [f.action for f in fs] == ["keep", "redact"]
    assert "mailbox" in fs[0].reason


# -- 2. organisations' numbers ----------------------------------------------------------------

@pytest.mark.parametrize("text,number", [
    ("Ministerie van Financiën | 0800 - 0543", "0800 - 0543"),
    ("Bel het landelijke nummer 0900 88 44 voor aangifte.", "0900 88 44"),
    ("Gemeente Tiel | telefoon 14 0344", "14 0344"),
])
def test_spaced_service_numbers_are_kept(text, number):
    assert organisation_phone(text, *span(text, number))


def test_number_in_the_cell_after_its_label_is_kept():
    text = ("Organisatie\nFunctie\nNaam\nTelefoon\nOmgevingsdienst Rivierenland\n"
            "Hoofdnummer\n-\n0344 - 57 91 00\nBeleidsadviseur\nM. Claassen\n0344 - 57 91 14\n")
    assert organisation_phone(text, *span(text, "0344 - 57 91 00"))
    assert organisation_phone(text, *span(text, "0344 - 57 91 14")) is None


@pytest.mark.parametrize("text,number", [
    ("Voor algemene vragen belt u 030 - 286 00 00.", "030 - 286 00 00"),
    ("Persvoorlichting: 050 - 367 80 00 (buiten kantooruren).", "050 - 367 80 00"),
    ("De informatielijn voor omwonenden is open: +297 582 4400.", "+297 582 4400"),
])
def test_general_lines_named_before_the_number_are_kept(text, number):
    assert organisation_phone(text, *span(text, number))


@pytest.mark.parametrize("text,number", [
    ("Voor algemene vragen kunt u mij bellen op 030 - 286 11 52.", "030 - 286 11 52"),
    ("Persvoorlichting: mevrouw De Groot, 06 - 2284 1190.", "06 - 2284 1190"),
])
def test_a_persons_line_after_such_words_stays_redacted(text, number):
    assert organisation_phone(text, *span(text, number)) is None


LAW_FIRM = ("Kuipers Van Dam Advocaten\n"
            "Wilhelminasingel 12 | 6221 BH Maastricht | 043 - 325 40 00 | info@kuipersvandam.nl\n"
            "Behandeld door mr. E. Kuipers\nDirect\n043 - 325 40 18\n")


def test_letterhead_number_of_a_firm_is_kept_its_lawyers_direct_line_not():
    assert organisation_phone(LAW_FIRM, *span(LAW_FIRM, "043 - 325 40 00"))
    assert organisation_phone(LAW_FIRM, *span(LAW_FIRM, "043 - 325 40 18")) is None


def test_footer_line_deep_in_a_page_keeps_its_general_number():
    # the footer sits after a page of text: its postcodes are judged where they stand
    text = ("Juridische Zaken heeft de regeling getoetst (zie paraaf).\n" * 5
            + "Provincie Gelderland | Markt 11, 6811 CG Arnhem | Postbus 9090, 6800 GX Arnhem"
              " | T 026 359 12 34 | post@gelderland.nl\npagina 1 van 2\n")
    assert organisation_phone(text, *span(text, "026 359 12 34"))


def test_footer_line_with_the_website_keeps_its_number_under_a_signature():
    text = ("Het dagelijks bestuur,\nmr. K.E. Wijnaldum\nWaterschap Vallei en Veluwe | "
            "Postbus 4142 | 7320 AC Apeldoorn | (055) 527 38 46 | www.vallei-veluwe.nl\n1/2\n")
    assert organisation_phone(text, *span(text, "(055) 527 38 46"))
    own = "mr. K.E. Wijnaldum\nT (055) 527 38 46 | www.vallei-veluwe.nl\n"
    assert organisation_phone(own, *span(own, "(055) 527 38 46")) is None


def test_signature_line_with_a_persons_mailbox_gives_no_organisation_number():
    text = ("Gemeente Zwolle\nLübeckplein 2 | 8017 JZ Zwolle | 038 - 498 25 17 | "
            "p.dekker@zwolle.nl\n")
    assert organisation_phone(text, *span(text, "038 - 498 25 17")) is None


@pytest.mark.parametrize("number", ["+599 786 3310", "+599 9 461 2200", "+297 582 4400"])
def test_caribbean_numbers_are_found_before_a_line_with_a_date(number):
    text = f"Contact daar: {number}\n14/10/2023, 09:12 - Ook gedeeld."
    got = [text[r.start:r.end] for r in NlPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])]
    assert got == [number]


# -- 3. organisations' addresses --------------------------------------------------------------

def test_postbus_with_a_thousands_dot():
    text = "Gemeente Oldambt\nPostbus 20.000, 9670 TA Winschoten | 14 0597\n"
    assert organisation_address(text, *span(text, "9670 TA Winschoten"))


def test_address_on_a_line_with_the_reception_number():
    text = ("Met vriendelijke groet,\nIris Bos\nAdviseur | Rijksvastgoedbedrijf\n"
            "Korte Voorhout 7, 2511 CW Den Haag | 070 - 342 72 00 (receptie)\n")
    assert organisation_address(text, *span(text, "2511 CW Den Haag"))
    assert organisation_address(text, *span(text, "Korte Voorhout 7"))


def test_address_on_a_line_with_a_persons_mailbox_is_not_kept_for_it():
    text = "Groet,\nIris\nMolenstraat 12, 3901 AB Veenendaal | iris.bos@ziggo.nl\n"
    assert organisation_address(text, *span(text, "3901 AB Veenendaal")) is None


def test_firm_letterhead_line_with_its_mailbox():
    assert organisation_address(LAW_FIRM, *span(LAW_FIRM, "Wilhelminasingel 12"))


@pytest.mark.parametrize("block", [
    "Gemeente Leeuwarden\nt.a.v. de afdeling Vergunningen\nOldehoofsterkerkhof 2\n8911 DH Leeuwarden\n",
    "Stichting Wijkbelang Noord\nt.a.v. het bestuur\nDe Hoven 14\n8911 DH Leeuwarden\n",
    "Directoraat-Generaal Ruimte\nKorte Voorhout 7\n8911 DH Leeuwarden\n",
])
def test_addressee_block_of_an_organisation(block):
    street = block.splitlines()[-2]
    assert organisation_address(block, *span(block, street))
    assert organisation_address(block, *span(block, "8911 DH Leeuwarden"))


def test_citizen_below_a_letterhead_stays_redacted():
    text = ("Gemeente Leeuwarden | Postbus 21.000 | 8900 JA Leeuwarden | 14 058\n"
            "Mevrouw S. de Boer\nt.a.v. mevrouw De Boer\nDe Hoven 14\n8911 DH Leeuwarden\n")
    assert organisation_address(text, *span(text, "8900 JA Leeuwarden"))
    assert organisation_address(text, *span(text, "De Hoven 14")) is None
    assert organisation_address(text, *span(text, "8911 DH Leeuwarden")) is None


def test_address_as_apposition_to_the_police_station_over_a_line_break():
    text = ("Op 3 mei 2024 hoorde ik in het politiebureau Deventer,\n"
            "Brinkgreverweg 4, de aangever.")
    assert organisation_address(text, *span(text, "Brinkgreverweg 4"))


def test_residence_next_to_a_police_station_stays_redacted():
    text = ("Zij zei dat zij naast het politiebureau Deventer woont,\n"
            "Brinkgreverweg 6, al sinds 2010.")
    assert organisation_address(text, *span(text, "Brinkgreverweg 6")) is None


def test_addressee_block_of_a_lawyer_at_a_firm_named_after_partners_stays_redacted():
    text = ("mr. H. Kuipers\nKuipers Van Dam Advocaten\nWilhelminasingel 12\n"
            "6221 BH Maastricht\n")
    assert organisation_address(text, *span(text, "Wilhelminasingel 12")) is None
    assert organisation_address(text, *span(text, "6221 BH Maastricht")) is None


def test_what_follows_a_kept_address_or_mailbox_on_its_contact_line():
    from woo_redact.organisations import continue_kept_addresses

    text = ("Auditdienst Rijk | Korte Voorhout 7 | 2511 CW Den Haag\n"
            "Contact: adr@minfin.nl, 070 342 80 00.\n"
            "Parnassusplein 5\n2511 VX Den Haag\n"
            "Contactpersoon: T 06 5312 0876\n\n"
            "Turfmarkt 147 | 2511 DP Den Haag\nT 070 - 426 73 18\n\n"
            "groet, Mustafa\nÖztürk, gemeente Rotterdam, Coolsingel 40, tel. 010-267 1534\n\n"
            "Bewoner: Kerkstraat 12, 1234 AB Dorp")
    kinds = [("NL_ADDRESS", "Korte Voorhout 7", "keep"), ("NL_POSTCODE", "2511 CW Den Haag", "redact"),
             ("EMAIL_ADDRESS", "adr@minfin.nl", "keep"), ("PHONE_NUMBER", "070 342 80 00", "redact"),
             ("NL_ADDRESS", "Parnassusplein 5", "keep"), ("NL_POSTCODE", "2511 VX Den Haag", "redact"),
             ("PHONE_NUMBER", "06 5312 0876", "redact"),
             ("NL_ADDRESS", "Turfmarkt 147", "keep"), ("NL_POSTCODE", "2511 DP Den Haag", "keep"),
             ("PHONE_NUMBER", "070 - 426 73 18", "redact"),
             ("PERSON", "Mustafa\nÖztürk", "redact"), ("NL_ADDRESS", "Coolsingel 40", "keep"),
             ("PHONE_NUMBER", "010-267 1534", "redact"),
             ("NL_ADDRESS", "Kerkstraat 12", "redact"), ("NL_POSTCODE", "1234 AB Dorp", "redact")]
    findings = []
    for entity, part, action in kinds:
        f = finding(entity, text, part)
        f.action = action
        findings.append(f)
    continue_kept_addresses(findings, text)
    # a signature's direct line on the line under the address stays the person's
    assert [f.action for f in findings] == ["keep", "keep", "keep", "keep", "keep", "keep",
                                            "redact", "keep", "keep", "redact",
                                            "redact", "keep", "redact",  # a signature line
                                            "redact", "redact"]


@pytest.mark.parametrize("line, kept", [
    ("Luttenbergstraat 2 – 8012 EE Zwolle – 038 499 88 99", True),
    ("Stationsplein 45 | 3818 LE Amersfoort | T 033 460 12 00", True),
    # a mobile number, or anything else on the line, makes it someone's
    ("Kerkstraat 12 – 1234 AB Dorp – 06-12345678", False),
    ("Bewoner Kerkstraat 12, 1234 AB Dorp, 0512 345 678", False),
])
def test_a_line_of_address_postcode_and_number_only(line, kept):
    import re as _re

    from woo_redact.organisations import contact_only_lines

    text = "Verslag\n" + line + "\nPagina 1 van 1"
    street = _re.search(r"[A-Z][a-z]+ \d+", line).group()
    postcode = _re.search(r"\d{4} [A-Z]{2} [A-Z][a-z]+", line).group()
    phone = _re.search(r"(?:0\d[\d -]+\d)$", line).group()
    findings = [finding("NL_ADDRESS", text, street), finding("NL_POSTCODE", text, postcode),
                finding("PHONE_NUMBER", text, phone)]
    for f in findings:
        f.action = "redact"
    contact_only_lines(findings, text)
    assert all((f.action == "keep") == kept for f in findings)


def test_a_mailbox_the_header_names_after_a_unit_is_the_organisation_s():
    from woo_redact.organisations import named_mailbox

    text = ("Aan:\nHaitsma, Bastiaan <bastiaan.haitsma@politie.nl>\nCC:\nBureau Bibob "
            "<bibob@schiedam.nl>; Isenia, Rodney <r.isenia@schiedam.nl>\n"
            "Cc: DRR Team 3 <drr.team3@politie.nl>\nCc: Team Jansen <p.jansen@politie.nl>")

    def why(address):
        return named_mailbox(address, text, text.index(address))

    assert why("bibob@schiedam.nl") and why("drr.team3@politie.nl")
    # a person's display name, or a unit's name on a person's own address
    assert why("bastiaan.haitsma@politie.nl") is None
    assert why("r.isenia@schiedam.nl") is None
    assert why("p.jansen@politie.nl") is None


@pytest.mark.parametrize("text, value", [
    ("Aan de minister\nPostbus 90801\n4\n2509 LV DEN HAAG\nOnderwerp", "2509 LV DEN HAAG"),
    ("KCHN\nNassaulaan 12\n2514 JS Den Haag\n2/30", "2514 JS Den Haag"),
])
def test_an_addressee_block_of_an_organisation_by_postbus_or_abbreviation(text, value):
    from woo_redact.organisations import organisation_address

    i = text.index(value)
    assert organisation_address(text, i, i + len(value))
    person = text.replace("KCHN", "De heer J. Jansen").replace("Postbus 90801\n4",
                                                               "Kerkstraat 4")
    j = person.index(value)
    assert organisation_address(person, j, j + len(value)) is None


@pytest.mark.parametrize("text, word, firm", [
    ("foto van een winkel (vermoedelijk Nagelstudio Glamour Nails)", "Nails", True),
    ("V3 staat op naam van Shine & Go; laatst gezien", "Go", True),
    ("het kantoor Smit & Bos advocaten", "Bos", False),  # partners' names stay names
    ("de Stichting belde Karel Jansen terug", "Jansen", False),
])
def test_a_word_of_a_firm_s_name(text, word, firm):
    from woo_redact.recognizers.names.organisation_context import company_around

    i = text.index(word)
    assert company_around(text, i, i + len(word)) is firm


@pytest.mark.parametrize("text, word, org", [
    ("In 2022 moesten Vitens en WMD hun klanten oproepen minder water te gebruiken.",
     "Vitens", True),
    ("Vewin en de drinkwaterbedrijven steunen een vergunningplicht.", "Vewin", True),
    ("Overleg met Jansen en HR over de vacature.", "Jansen", False),
])
def test_listed_beside_an_abbreviation_or_a_kind_of_organisation(text, word, org):
    from woo_redact.recognizers.names.organisation_context import listed_with_organisation

    i = text.index(word)
    assert listed_with_organisation(text, i, i + len(word)) is org


def test_a_project_mailbox_named_by_a_compound_of_three_words():
    from woo_redact.organisations import organisation_mailbox

    assert organisation_mailbox("havenkadebrug@zuiderwaard.nl")
    assert organisation_mailbox("schoonderwoerd@zuiderwaard.nl") is None


def test_a_mailbox_of_a_word_and_a_unit_s_short_name():
    from woo_redact.organisations import organisation_mailbox

    assert organisation_mailbox("contactpersoonwoo@uwv.nl")
    assert organisation_mailbox("jansenwoo@uwv.nl") is None


@pytest.mark.parametrize("text,number", [
    ("Voor vragen over uw verblijf: bel de IND: 088 043 04 30.", "088 043 04 30"),
    ("Meldlijnen: NCSC: 070 751 5555 | Fraudehelpdesk: 088 786 73 72 | Politie: 0900-8844",
     "070 751 5555"),
    ("DCC 24/7: 070 456 60 00   Meldkamer RWS: 0800-8002   Persvoorlichting: 070 456 1000   "
     "NCSC: 070 751 55 55", "070 751 55 55"),
])
def test_an_organisation_named_by_its_abbreviation(text, number):
    assert organisation_phone(text, *span(text, number)) is not None


@pytest.mark.parametrize("text,number", [
    ("PJK: 070 123 4567", "070 123 4567"),
    ("Telefoonlijst\nPJK: 070 123 4567 | AB: 070 123 4568", "070 123 4567"),
    ("Meldlijnen: bel mij direct, AB: 070 123 4568 of de infolijn", "070 123 4568"),
])
def test_initials_before_a_number_are_someone_s_line(text, number):
    assert organisation_phone(text, *span(text, number)) is None


def test_a_trade_name_that_repeats_its_owner_s_name_is_no_organisation_s_name():
    from woo_redact.organisations import organisation_name

    text = "B. Rikkerink h.o.d.n. Loonbedrijf Rikkerink\neenmanszaak"
    assert organisation_name(text, *span(text, "Rikkerink", 1)) is None
    other = "Het loonwerk doet Loonbedrijf Rikkerink uit Vaassen."
    assert organisation_name(other, *span(other, "Rikkerink")) is not None


@pytest.mark.parametrize("text, name", [
    ("mijn eenmanszaak Melkveebedrijf De Hooge Esch, KvK 71846203", "Melkveebedrijf De Hooge Esch"),
    ("Inrichting\nVarkenshouderij De Hooge Hoeve\nAdres", "De Hooge Hoeve"),
    ("de thermische desinfectie bij Zorggroep Wâldhiem", "Wâldhiem"),
])
def test_a_kind_of_organisation_before_or_opening_the_name(text, name):
    from woo_redact.organisations import organisation_name
    assert organisation_name(text, *span(text, name))


def test_a_lone_surname_that_is_also_a_kind_of_shop_stays_a_name():
    from woo_redact.recognizers.names.organisation_context import is_type_compound
    assert is_type_compound("Kalverhouderij") and is_type_compound("Zorggroep")
    assert not is_type_compound("Winkel") and not is_type_compound("Bond")


@pytest.mark.parametrize("text,number", [
    ("T +31 (0)73 680 84 27 (direct) | M +31 6 1044 7720 | algemeen +31 (0)73 681 28 12",
     "+31 (0)73 681 28 12"),
    ("Medisch Centrum Leeuwarden, algemeen 058 286 66 66", "058 286 66 66"),
    ("Kenter Jeugdhulp   Lieke Brouwer   088-3683700 (alg.)   gezinsbegeleiding", "088-3683700"),
    ("M. Wisniewski (kapitein), rederij Vantage Tankers B.V.\nrederij: 010 447 82 00",
     "010 447 82 00"),
])
def test_a_number_labelled_as_the_general_line(text, number):
    assert organisation_phone(text, *span(text, number))


def test_the_direct_line_beside_a_labelled_general_one_stays_redacted():
    text = "T +31 (0)73 680 84 27 (direct) | M +31 6 1044 7720 | algemeen +31 (0)73 681 28 12"
    assert organisation_phone(text, *span(text, "+31 (0)73 680 84 27")) is None


@pytest.mark.parametrize("text,address", [
    ("Aanvraag uitbreiding asfaltcentrale Kanaalweg 48 Heerenveen (zaak 0287455)",
     "Kanaalweg 48"),
    ("Het team traint wekelijks op de accommodatie aan de\nKreekzoomweg 4.", "Kreekzoomweg 4"),
    ("Locatie: Teams-vergadering;\nWilhelminakade 947, Rotterdam, zaal 5.14", "Wilhelminakade 947"),
])
def test_the_address_of_a_plant_venue_or_meeting_building(text, address):
    assert organisation_address(text, *span(text, address))


@pytest.mark.parametrize("text,address", [
    ("Zijn woning aan de Kerkstraat 14 ligt naast de sporthal.", "Kerkstraat 14"),
    ("Zij woont naast de sporthal, op de Kerkstraat 16.", "Kerkstraat 16"),
    ("Zij woont in een studentenhuis, Kerkstraat 18, kamer 2B.", "Kerkstraat 18"),
])
def test_a_home_near_a_building_stays_redacted(text, address):
    assert organisation_address(text, *span(text, address)) is None


@pytest.mark.parametrize("text,number", [
    ("Kijk op uwv.nl of bel UWV Telefoon Werknemers: 088 - 898 92 94.", "088 - 898 92 94"),
    ("Wachtwoord: n7Fq2W\nInbellen via telefoon\n+31 20 794 7364,,587190342# Nederland",
     "+31 20 794 7364"),
])
def test_the_organisation_called_by_its_abbreviation_and_a_meeting_s_dial_in(text, number):
    assert organisation_phone(text, *span(text, number))


def test_initials_in_capitals_after_bel_are_a_person():
    text = "Bel JV even op 070 342 17 85 voor de stukken."
    assert organisation_phone(text, *span(text, "070 342 17 85")) is None


def test_an_organisation_s_own_account_by_its_domain_s_name():
    from woo_redact.named_places import domain_names, organisation_account

    domains = domain_names("Meer op www.douane.nl of mail pers@douane.nl.")
    assert organisation_account("x.com/douane_nl", domains)
    assert organisation_account("@Douane_NL", domains)
    assert not organisation_account("linkedin.com/in/daan-vermeulen-4b21a7", domains)


def test_an_account_held_in_the_name_of_an_organisation_s_compound():
    from woo_redact.organisations import organisation_iban

    text = ("betalingen vanaf NL25 INGB 0705 0037 18 t.n.v. Uitvoeringsorganisatie Herstel "
            "Toeslagen; de ouder krijgt het op NL91 ABNA 0417 1643 00 t.n.v. B. Hoekstra")
    assert organisation_iban(text, *span(text, "NL25 INGB 0705 0037 18"))
    assert organisation_iban(text, *span(text, "NL91 ABNA 0417 1643 00")) is None
