"""An organisation's contact block is kept as a unit; a person's lines are not."""

from __future__ import annotations

import pytest
from conftest import make_pdf


def _decided(pipeline, tmp_path, lines):
    src = make_pdf(tmp_path / "doc.pdf", [[(60, 60 + 13 * i, t) for i, t in enumerate(lines)]])
    res = pipeline.process(str(src), tmp_path / "out", dry_run=True)
    return {f.text: f.action for f in res.findings}


def test_a_letterhead_block_keeps_address_postcode_and_general_number(pipeline, tmp_path):
    got = _decided(pipeline, tmp_path, [
        "Directie Wetgeving en Juridische Zaken", "Parnassusplein 5", "2511 VX Den Haag",
        "Postbus 90801", "2509 LV Den Haag", "T 070 333 44 44", "www.rijksoverheid.nl/szw",
        "", "Mevrouw A. Bakkali", "Vondellaan 212", "3521 GJ UTRECHT"])
    assert got["070 333 44 44"] == "keep"
    assert got["Vondellaan 212"] == "redact" and got["A. Bakkali"] == "redact"


def test_a_footer_line_of_the_organisations_channels(pipeline, tmp_path):
    got = _decided(pipeline, tmp_path, [
        "Vragen over dit plan: Sietske Dijkstra, 06-41 09 27 73.",
        "Inspectie Leefomgeving en Transport · Postbus 16191 · 2500 BD Den Haag · "
        "088 489 00 00 · www.ilent.nl"])
    assert got["088 489 00 00"] == "keep" and got["06-41 09 27 73"] == "redact"


def test_a_signature_keeps_the_firms_address_but_not_the_signers_lines(pipeline, tmp_path):
    got = _decided(pipeline, tmp_path, [
        "Met vriendelijke groet,", "Sjoerd Hiemstra", "Uitvoerder",
        "Grondwerken De Bruijn B.V. | Industrieweg 12 | 3281 NK Numansdorp",
        "T 0186 65 12 40 | M 06 4172 8853"])
    assert got["Industrieweg 12"] == "keep"
    assert got["06 4172 8853"] == "redact" and got["0186 65 12 40"] == "redact"


@pytest.mark.parametrize("line,kept", [
    ("Maak het bedrag over naar NL32 INGB 3110 2096 75 ten name van CJIB Leeuwarden.", True),
    ("Het voorschot gaat naar NL91 ABNA 0417 1643 00 t.n.v. J. de Vries.", False),
])
def test_an_account_held_in_an_organisations_name(pipeline, tmp_path, line, kept):
    got = _decided(pipeline, tmp_path, [line])
    iban = next(t for t in got if t.startswith("NL"))
    assert (got[iban] == "keep") is kept


def test_a_contact_lists_row_is_the_persons_not_the_organisations(pipeline, tmp_path):
    """Name, organisation and phone side by side: the phone is the person's, although the
    extracted text puts it on the line after the organisation's name."""
    src = make_pdf(tmp_path / "lijst.pdf", [[
        (60, 60, "Naam"), (200, 60, "Organisatie"), (350, 60, "Telefoon"),
        (60, 76, "Bas Hendriks"), (200, 76, "Gemeente Utrecht"), (350, 76, "070-3581924"),
        (60, 92, "Tjeerd Elzinga"), (200, 92, "Veiligheidsregio Utrecht"), (350, 92, "030 286 4410")]])
    res = pipeline.process(str(src), tmp_path / "out", dry_run=True)
    got = {f.text: f.action for f in res.findings}
    assert got["070-3581924"] == "redact" and got["030 286 4410"] == "redact"


def test_a_mailbox_that_spells_a_name_the_document_gives_is_personal(pipeline, tmp_path):
    got = _decided(pipeline, tmp_path, [
        "Contact: mevrouw Ben le Luc, afdeling Wonen, ben.leluc@minbzk.nl",
        "Algemene vragen: klachten.ssc@minbzk.nl"])
    assert got["ben.leluc@minbzk.nl"] == "redact"
    assert got["klachten.ssc@minbzk.nl"] == "keep"


def test_the_letters_of_a_postcode_are_no_legal_form():
    """"4731 BV" is a postcode, not a company: a citizen's address line stays theirs."""
    from woo_redact.organisations import ORG_WORDS

    assert not ORG_WORDS.search("Havenkade 53, 4731 BV")
    assert not ORG_WORDS.search("4731 BV Zuiderwaard")
    assert ORG_WORDS.search("Grondwerken De Bruijn B.V. | Industrieweg 12")


def test_a_number_kept_as_the_organisation_s_once_is_kept_where_it_is_repeated(tmp_path,
                                                                              pipeline):
    from conftest import make_pdf

    pdf = make_pdf(tmp_path / "brief.pdf", [[
        (72, 60, "Datum 4 april 2025"),
        (72, 74, "Telefoon 088 - 898 92 94"),
        (72, 100, "Heeft u nog vragen? Of bel ons: 088 - 898 92 94 (lokaal tarief)."),
        (72, 114, "U kunt ook de heer Jansen bellen op 06-41827365."),
    ]])
    _, prop = pipeline.propose(str(pdf))
    phones = {(f.text, f.status) for f in prop.findings if f.entity_type == "PHONE_NUMBER"}
    assert phones == {("088 - 898 92 94", "rejected"), ("06-41827365", "accepted")}


def test_a_landline_under_several_people_s_signatures_is_the_switchboard():
    from woo_redact.contact_blocks import keep_contact_blocks
    from woo_redact.model import Finding

    text = ("Met vriendelijke groet,\nRachid Bouzidi\nSenior epidemiologist\n"
            "National Institute for Public Health and the Environment (RIVM)\n"
            "T +31 30 274 91 11 | M +31 6 4390 2218\n\nVan: x\n\nGroet,\nDewi Sutanto\n"
            "National Institute for Public Health and the Environment (RIVM)\n"
            "T +31 30 274 91 11 | M +31 6 1234 5678\n")
    findings = []
    for name in ("Rachid Bouzidi", "Dewi Sutanto"):
        i = text.index(name)
        findings.append(Finding("PERSON", i, i + len(name), name, 0.9, "t", action="redact"))
    for number in ("+31 30 274 91 11", "+31 6 4390 2218", "+31 6 1234 5678"):
        i = -1
        while (i := text.find(number, i + 1)) >= 0:
            findings.append(Finding("PHONE_NUMBER", i, i + len(number), number, 0.9, "t",
                                    action="redact"))
    keep_contact_blocks(findings, text)
    kept = {f.text for f in findings if f.action == "keep"}
    assert kept == {"+31 30 274 91 11"}


def test_a_citizen_s_address_stays_theirs_wherever_the_letter_repeats_it(tmp_path, pipeline):
    from conftest import make_pdf

    pdf = make_pdf(tmp_path / "besluit.pdf", [[
        (72, 60, "Gemeente Zuiderwaard"),
        (72, 74, "Team Vergunningen"),
        (72, 88, "De heer E.R. Pinas"),
        (72, 102, "Wilgenlaan 16"),
        (72, 116, "4731 KD ZUIDERWAARD"),
        (72, 150, "Wij verleenden een vergunning voor een dakopbouw op de woning"),
        (72, 164, "Wilgenlaan 16 (zaaknummer OV-2024-0417). De stukken liggen ter inzage."),
        (72, 178, "Bezwaar kunt u sturen naar Postbus 1500, 4730 BA Zuiderwaard."),
    ]])
    _, prop = pipeline.propose(str(pdf))
    streets = [f.status for f in prop.findings if f.text == "Wilgenlaan 16"]
    assert streets == ["accepted", "accepted"]


@pytest.mark.parametrize("phone_line,number,action", [
    # an organisation's general number is a round one; a direct line a serial
    ("T +31 30 274 91 11 | M +31 6 4390 2218", "+31 30 274 91 11", "keep"),
    ("T +31 30 274 38 52 | M +31 6 4390 2218", "+31 30 274 38 52", "redact"),
    ("Tel. 078-6214400", "078-6214400", "keep"),
    ("Tel. 078-6214417", "078-6214417", "redact"),
])
def test_a_signature_s_landline_of_a_switchboard_s_shape(pipeline, tmp_path, phone_line, number,
                                                        action):
    got = _decided(pipeline, tmp_path, [
        "Kind regards,", "Rachid Bouzidi, MD PhD",
        "Senior epidemiologist | Centre for Infectious Disease Control (CIb)",
        "National Institute for Public Health and the Environment (RIVM)",
        "Antonie van Leeuwenhoeklaan 9 | 3721 MA Bilthoven | The Netherlands", phone_line])
    assert got[number] == action
    assert got["Antonie van Leeuwenhoeklaan 9"] == "keep"
    assert got.get("+31 6 4390 2218", "redact") == "redact"
    assert "Infectious" not in got  # a word of the institution's English name is no one's


def test_a_signature_below_a_service_s_compound_name(pipeline, tmp_path):
    got = _decided(pipeline, tmp_path, [
        "Gr Henk", "Henk Bos | Planner inzameling", "ZRD Zuid-Hollandse Reinigingsdienst",
        "Tel. 078-6214400"])
    assert got["078-6214400"] == "keep" and got["Henk Bos"] == "redact"


def test_a_list_of_organisations_lines_keeps_each_number_under_its_label(pipeline, tmp_path):
    got = _decided(pipeline, tmp_path, [
        "Algemene nummers en partners", "Veiligheidsregio Utrecht, algemeen", "088 878 10 00",
        "Ziekenhuis Rivierenland, afdeling spoedeisende hulp", "0344 674 911",
        "Crisisteam", "Ilse Mertens, coördinator", "030 786 52 13"])
    assert got["088 878 10 00"] == "keep" and got["0344 674 911"] == "keep"
    assert got["030 786 52 13"] == "redact"  # a person's line under her name


def test_a_signer_s_number_under_the_organisation_line_stays_theirs(pipeline, tmp_path):
    got = _decided(pipeline, tmp_path, [
        "Met vriendelijke groet,", "Sjoerd Hiemstra", "Veiligheidsregio Utrecht",
        "030 786 52 13"])
    assert got["030 786 52 13"] == "redact"


def test_an_organisation_s_name_after_a_citizen_s_postcode_is_a_stamp_not_a_letterhead(
        pipeline, tmp_path):
    got = _decided(pipeline, tmp_path, [
        "H.A. Terpstra-Veenstra", "Haskerdijken 17", "8447 GK Heerenveen Provinsje Fryslân",
        "tel. 06-19 73 42 85"])
    assert all(action == "redact" for text, action in got.items()
               if "Haskerdijken" in text or "8447" in text), got


def test_a_business_the_text_calls_one_person_s_is_theirs(pipeline, tmp_path):
    got = _decided(pipeline, tmp_path, [
        "Het uittreksel van de KvK staat op naam van",
        "mijn eenmanszaak Melkveebedrijf De Hooge Esch, KvK 71846203.",
        "",
        "Grondwerken De Bruijn B.V., Industrieweg 12, 3281 NK Numansdorp"])
    assert got["71846203"] == "redact"
    assert got["Industrieweg 12"] == "keep"  # a company's address stays its own


def test_a_kept_number_is_kept_when_written_from_abroad(pipeline, tmp_path):
    got = _decided(pipeline, tmp_path, [
        "Inspectie Gezondheidszorg en Jeugd", "Postbus 2518", "6401 DA Heerlen",
        "Telefoon 088 120 50 00", "www.igj.nl", "",
        "Neem contact op met het meldpunt via telefoon 088 120 50 00 (vanuit Caribisch",
        "Nederland: +31 88 120 50 00). Mevrouw Rosaria belt u terug op +31 6 1234 5678."])
    assert got["+31 88 120 50 00"] == "keep"
    assert got["+31 6 1234 5678"] == "redact"


def test_an_island_s_letterhead_without_a_postcode_above_the_addressee(pipeline, tmp_path):
    got = _decided(pipeline, tmp_path, [
        "Openbaar Lichaam Bonaire", "Kabinet van de Gezaghebber", "Kaya Grandi 2",
        "Kralendijk, Bonaire", "T +599 715 5300", "gezaghebber@bonairegov.com",
        "www.bonairegov.com", "Aan mevrouw R. Martis", "Kaya Korona 118", "Kralendijk"])
    assert got["+599 715 5300"] == "keep" and got["Kaya Grandi 2"] == "keep"
    assert got["Kaya Korona 118"] == "redact"


def test_a_footer_line_with_the_organisations_post_box_and_website_keeps_its_number(
        pipeline, tmp_path):
    # the line also says what the number is for and when it is open: still the footer's
    got = _decided(pipeline, tmp_path, [
        "Wij hebben uw verzoek afgewezen. Bel bij vragen gerust.",
        "DUO | Postbus 50061, 9702 AB Groningen | www.duo.nl | Studiefinanciering "
        "050 599 77 55 (werkdagen 9.00-17.00 uur)"])
    assert got["050 599 77 55"] == "keep"


def test_a_letterhead_column_without_the_organisations_name(pipeline, tmp_path):
    # the name is in the logo; the column gives the organisation's mailbox and website,
    # and is set beside the addressee's block, not under it
    src = make_pdf(tmp_path / "doc.pdf", [[
        (60, 60, "Aangetekend"), (60, 73, "Dhr. R. Martina"), (60, 86, "Kaya Korona 118"),
        (60, 99, "Nikiboko, Bonaire"),
        (400, 50, "Kaya Grandi 2"), (400, 63, "Kralendijk, Bonaire"),
        (400, 76, "T +599 715 5301"), (400, 89, "kabinet@bonairegov.com"),
        (400, 102, "www.bonairegov.com")]])
    res = pipeline.process(str(src), tmp_path / "out", dry_run=True)
    got = {f.text: f.action for f in res.findings}
    assert got["Kaya Grandi 2"] == "keep" and got["+599 715 5301"] == "keep"
    assert got["Kaya Korona 118"] == "redact"


def test_a_column_of_contact_lines_under_a_persons_name_is_theirs(pipeline, tmp_path):
    got = _decided(pipeline, tmp_path, [
        "Met vriendelijke groet,", "Jeroen Wubbels", "Kerkweg 14", "7461 AB Rijssen",
        "T 0548 51 23 87", "www.wubbelsadvies.nl"])
    assert got["Kerkweg 14"] == "redact" and got["0548 51 23 87"] == "redact"


@pytest.mark.parametrize("firm,kept", [("Grachtengordel Advocaten", True),
                                       ("Kuipers Van Dam Advocaten", False)])
def test_an_addressee_firm_that_names_no_one_keeps_its_address(pipeline, tmp_path, firm, kept):
    got = _decided(pipeline, tmp_path, [
        firm, "t.a.v. mr. P.J. Verbeek", "Keizersgracht 514", "1017 EK Amsterdam"])
    assert (got["Keizersgracht 514"] == "keep") is kept
    assert got["P.J. Verbeek"] == "redact"


def test_a_citizen_s_contact_lines_with_a_mail_address_are_no_letterhead(pipeline, tmp_path):
    # the mailbox's domain is no website of an organisation
    got = _decided(pipeline, tmp_path, [
        "Geachte heer, mevrouw,", "Ik verzoek u om handhaving.", "",
        "4733 PL Zuiderwaard", "telefoon 0186-612784", "w.vandenakker@kpnmail.nl"])
    assert got["4733 PL Zuiderwaard"] == "redact" and got["0186-612784"] == "redact"


def test_an_organisation_s_acronym_and_unit_open_its_block(pipeline, tmp_path):
    got = _decided(pipeline, tmp_path, [
        "Met hartelijke groet,", "Sanne Wolters",
        "RIVM Centrum Gezondheid en Maatschappij", "Antonie van Leeuwenhoeklaan 9",
        "3721 MA Bilthoven"])
    assert got["Antonie van Leeuwenhoeklaan 9"] == "keep" and got["Sanne Wolters"] == "redact"


def test_a_contact_list_of_organisations_keeps_their_round_numbers(pipeline, tmp_path):
    rows = [("Organisatie", "Contactpersoon", "Telefoon", "Rol"),
            ("GGZ Centraal", "dr. A. Pranoto", "036 - 538 67 00", "medicatiecontrole"),
            ("OSG Buitenhaven", "Y. Tahiri", "036-5214500", "school"),
            ("Zorggroep Almere", "Anouk Smit", "036 - 521 78 43", "wijkverpleging"),
            ("Bureau Bewind Flevoland", "Kees Hoogendijk", "06 - 24 90 11 73", "bewind")]
    xs = (50, 190, 320, 430)
    src = make_pdf(tmp_path / "doc.pdf", [[(x, 80 + 14 * i, cell) for i, row in enumerate(rows)
                                           for x, cell in zip(xs, row)]], fontsize=9)
    res = pipeline.process(str(src), tmp_path / "out", dry_run=True)
    got = {f.text: f.action for f in res.findings}
    assert got["036 - 538 67 00"] == "keep" and got["036-5214500"] == "keep"
    # a serial number is someone's direct line; a mobile is someone's own
    assert got["036 - 521 78 43"] == "redact" and got["06 - 24 90 11 73"] == "redact"
    assert got["Kees Hoogendijk"] == "redact"


def test_a_footer_s_registration_line_keeps_the_company_s_account(pipeline, tmp_path):
    got = _decided(pipeline, tmp_path, [
        "Uw aanvraag is toegewezen. Het bedrag maken wij over op NL91 ABNA 0417 1643 00.", "",
        "KvK 06083122 | IBAN NL39 RABO 0392 1077 88 | Noordzorg is een onderlinge "
        "waarborgmaatschappij"])
    assert got["NL39 RABO 0392 1077 88"] == "keep"
    assert got["NL91 ABNA 0417 1643 00"] == "redact"


def test_a_family_farm_s_address_is_its_farmer_s_home(pipeline, tmp_path):
    got = _decided(pipeline, tmp_path, [
        "provincie", "GELDERLAND", "> Retouradres Postbus 9090 6800 GX Arnhem",
        "Varkenshouderij De Hooge Hoeve", "t.a.v. de heer A.J.M. Verhoeven",
        "Zevenheuvelenweg 38", "6571 CK BERG EN DAL"])
    assert got["Zevenheuvelenweg 38"] == "redact" and got["6571 CK BERG EN DAL"] == "redact"


def test_an_agenda_s_location_field_is_the_item_s_place(pipeline, tmp_path):
    got = _decided(pipeline, tmp_path, [
        "08:15 Ophalen thuis", "Locatie: Rozendaalselaan 112, 6881 LE Velp",
        "10:00 Werkbezoek OSG De Vlietlanden", "Locatie: Kerkweg 40, 3281 BT Zuidervliet",
        "13:00 Werkbezoek Melkveebedrijf De Hooge Esch", "Locatie: Esweg 14, Ruurlo",
        "15:00 Overleg", "Locatie: provinciehuis, Markt 11, 6811 CG Arnhem"])
    # someone's home, and a family farm, are no organisation's place
    assert got["Rozendaalselaan 112"] == "redact" and got["6881 LE Velp"] == "redact"
    assert got["Esweg 14"] == "redact"
    assert got["Kerkweg 40"] == "keep" and got["Markt 11"] == "keep"


@pytest.mark.parametrize("line, values", [
    ("DUO | Kempkensberg 12 | 9722 TB Groningen | www.duo.nl", ["9722 TB Groningen"]),
    ("SVB | Van Heuven Goedhartlaan 1 | 1181 LE Amstelveen | www.svb.nl | Rubricering: Dep. V",
     ["Van Heuven Goedhartlaan 1", "1181 LE Amstelveen"]),
])
def test_a_footer_that_opens_with_the_name_its_web_address_gives(pipeline, tmp_path, line,
                                                                  values):
    got = _decided(pipeline, tmp_path, ["Het advies bindt ons niet.", "", line])
    assert all(got[v] == "keep" for v in values)


def test_a_street_no_detector_took_in_a_signature_s_channels_line(pipeline, tmp_path):
    got = _decided(pipeline, tmp_path, [
        "Groet,", "Femke Doornbos", "Privacy officer",
        "Rijksdienst voor het Wegverkeer | Divisie Registratie en Informatie",
        "Skager Rak 10 | 9642 CZ Veendam | www.rdw.nl"])
    assert got["9642 CZ Veendam"] == "keep" and got["Femke Doornbos"] == "redact"
