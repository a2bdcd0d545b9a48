"""Person and value columns of a table are read by their header."""

from __future__ import annotations

import pymupdf

from woo_redact.extract import extract
from woo_redact.table_columns import table_findings


def _table_pdf(path, rows, xs, y0=100, size=9):
    doc = pymupdf.open()
    page = doc.new_page(width=842, height=595)
    page.insert_text((40, 60), "Extractierapport: selectie berichten (tijden lokaal)",
                     fontsize=11)
    y = y0
    for row in rows:
        for x, cell in zip(xs, row):
            for k, line in enumerate(cell.split("\n")):
                page.insert_text((x, y + k * (size + 3)), line, fontsize=size)
        y += (size + 3) * max(c.count("\n") + 1 for c in row) + 4
    page.insert_text((40, y + 40), "Einde van de selectie. Alle tijden zijn lokale tijden "
                                   "en de berichten zijn letterlijk overgenomen.", fontsize=9)
    doc.save(path)
    return path


def test_message_table_senders_and_receivers_are_people(tmp_path):
    rows = [("Nr", "Datum/tijd", "Van", "Aan", "Bericht"),
            ("1", "28-09-2026 19:02", "Yoes", "Eigenaar", "yo heb je al een plek"),
            ("2", "28-09-2026 19:05", "Eigenaar", "Jojo A'pen", "bijna, morgen\nmeer nieuws"),
            ("3", "29-09-2026 11:47", "Shur", "onbekend", "ok")]
    path = _table_pdf(tmp_path / "chat.pdf", rows, [40, 70, 160, 240, 330])
    got = [(f.entity_type, f.text) for f in table_findings(extract(str(path)))]
    assert got == [("PERSON", "Yoes"), ("PERSON", "Jojo A'pen"), ("PERSON", "Shur")]


def test_applicants_postcodes_and_assessors_but_not_organisations(tmp_path):
    # amount and status stand so close that their cells run together on each row
    rows = [("Aanvraagnr", "Aanvrager", "Postcode", "Plaats", "Beoord.", "Bedrag", "Status"),
            ("2025-0141", "Bakker-ten Hove, M.", "7141 BW", "Groenlo", "JvK", "4.850,00",
             "toegekend"),
            ("2025-0142", "Stichting Mantelzorg\nOost-Achterhoek", "7101 BN", "Winterswijk",
             "SBo", "18.000,00", "in behandeling"),
            ("2025-0147", "Oduro, K.A. (namens\nmoeder)", "1103 KC", "Amsterdam", "AH",
             "5.000,00", "toegekend")]
    path = _table_pdf(tmp_path / "lijst.pdf", rows, [40, 120, 300, 370, 470, 520, 566])
    got = [(f.entity_type, f.text) for f in table_findings(extract(str(path)))]
    assert ("PERSON", "Bakker-ten Hove, M") in got and ("PERSON", "JvK") in got
    assert ("PERSON", "AH") in got  # initials in capitals, though "ah" is a word
    assert ("NL_POSTCODE", "7141 BW") in got and ("NL_POSTCODE", "1103 KC") in got
    assert ("PERSON", "Oduro, K.A") in got
    assert not any("Stichting" in t or "Achterhoek" in t for _e, t in got)
    assert not any(t in ("Groenlo", "Amsterdam") for _e, t in got)


def test_running_text_after_a_table_is_not_read_as_rows(tmp_path):
    rows = [("Naam", "Afk.", "Functie"),
            ("Erik Tuinstra", "ET", "afdelingsmanager")]
    path = _table_pdf(tmp_path / "verslag.pdf", rows, [40, 200, 260])
    got = [f.text for f in table_findings(extract(str(path)))]
    assert got == ["Erik Tuinstra"]


def test_a_table_goes_on_at_the_top_of_the_next_page_without_its_header(tmp_path):
    """Staff numbers under "Personeelsnr.", on both pages: the second page repeats no
    header, only a running head above the rows that line up under the first page's
    columns."""
    from conftest import make_pdf

    xs = [72, 230, 380, 480]

    def row(y, cells):
        return [(x, y, c) for x, c in zip(xs, cells)]

    first = ([(72, 60, "4. Capaciteit")] + row(90, ["Naam", "Functie", "Personeelsnr.",
                                                    "Inzet (fte)"])
             + row(110, ["S. Dijkstra", "programmamanager", "70412396", "0,4"])
             + row(130, ["B. Wijnands", "teamleider", "70388154", "0,6"])
             + [(72, 800, "Toezichtplan 2025 - Intern")])
    second = ([(72, 40, "Inspectie Leefomgeving en Transport"), (450, 40, "pagina 2")]
              + row(80, ["N. El Khayari", "inspecteur", "70467311", "1,0"])
              + row(100, ["R. Sneijder", "data-analist", "70431786", "0,3"])
              + [(72, 150, "5. Samenwerking met de politie en de Douane verloopt via het "
                           "landelijke team.")])
    path = make_pdf(tmp_path / "plan.pdf", [first, second])
    got = [(f.entity_type, f.text) for f in table_findings(extract(str(path)))]
    numbers = [t for e, t in got if e == "NL_PERSONNEL_NUMBER"]
    assert numbers == ["70412396", "70388154", "70467311", "70431786"]
    assert ("PERSON", "R. Sneijder") in got
    assert not any("Inspectie" in t or "Samenwerking" in t for _, t in got)


def test_a_kvk_column_is_personal_for_a_sole_trader_not_for_a_company(tmp_path):
    from conftest import make_pdf

    from woo_redact.extract import extract
    from woo_redact.table_columns import table_findings

    rows = [("Aanvrager", "Rechtsvorm", "KvK"),
            ("J. Schoonhoven", "eenmanszaak", "52033871"),
            ("Agro Barneveld B.V.", "B.V.", "09187766")]
    src = make_pdf(tmp_path / "t.pdf", [[(60 + 150 * c, 80 + 16 * r, cell)
                                         for r, row in enumerate(rows)
                                         for c, cell in enumerate(row)]])
    found = {f.text: f.entity_type for f in table_findings(extract(str(src)))}
    assert found.get("52033871") == "NL_KVK_NUMBER"
    assert "09187766" not in found


def test_service_numbers_dates_of_birth_and_initials_by_their_headers(tmp_path):
    rows = [("Functie", "Naam", "Dienstnr.", "Bereikbaar"),
            ("sluismeester", "J. Pattipeilohy", "427118", "via BC Eefde"),
            ("weginspecteur", "H. Vos", "431902", "06-5310 8842")]
    path = _table_pdf(tmp_path / "inzet.pdf", rows, [40, 160, 300, 380])
    got = [(f.entity_type, f.text) for f in table_findings(extract(str(path)))]
    assert ("NL_PERSONNEL_NUMBER", "427118") in got and ("NL_PERSONNEL_NUMBER", "431902") in got
    rows = [("Case", "Initials", "DOB", "Sex", "District"),
            ("STX-07", "R.G.L.", "14-09-1958", "F", "Upper Town"),
            ("STX-08", "D.M.", "03-01-2011", "M", "Golden Rock")]
    path = _table_pdf(tmp_path / "cases.pdf", rows, [40, 110, 200, 300, 350])
    got = [(f.entity_type, f.text) for f in table_findings(extract(str(path)))]
    assert ("DATE_OF_BIRTH", "14-09-1958") in got and ("DATE_OF_BIRTH", "03-01-2011") in got
    assert any(e == "PERSON" and t.startswith("D.M") for e, t in got)
    assert not any(t in ("Upper Town", "Golden Rock") for _e, t in got)


def test_a_handlers_initials_column_and_an_organisation_s_row(tmp_path, pipeline):
    rows = [("Datum", "Beh.", "Naam melder", "Adres", "Postcode", "Telefoon", "Categorie"),
            ("01-10-2026", "SB", "G. Kwakkel", "Lisdoddehof 24", "3283 HT", "0186-614377",
             "Geluid"),
            ("05-10-2026", "MdG", "Bakkerij Van Vliet", "Dorpsstraat 44", "3281 BE",
             "0186-613904", "Overlast"),
            ("21-10-2026", "AK", "Huisartsenpraktijk De Kreek", "Kreekzoomweg 2", "3285 PR",
             "0186-612200", "Overig")]
    path = _table_pdf(tmp_path / "meldingen.pdf", rows, [40, 110, 150, 300, 400, 460, 540])
    _doc, proposal = pipeline.propose(str(path))
    status = {f.text: f.status for f in proposal.findings}
    assert all(status.get(t) == "accepted" for t in ("SB", "MdG", "AK", "Lisdoddehof 24",
                                                      "3283 HT", "0186-614377"))
    # the bakery's and the practice's own address and number are theirs, not a caller's
    for t in ("Dorpsstraat 44", "3281 BE", "0186-613904", "Kreekzoomweg 2", "3285 PR",
              "0186-612200"):
        assert status.get(t) == "rejected", t


def test_a_company_s_kvk_number_when_its_place_follows_its_form(tmp_path):
    rows = [("Inschrijver", "Contactpersoon", "KvK-nummer"),
            ("Veldwerk Sportinfra B.V., Apeldoorn", "dhr. E. Brinkman", "08123456"),
            ("Groenwerk De Vlasakker (eenmanszaak)", "G.J. Vlasblom", "71829035")]
    path = _table_pdf(tmp_path / "inschrijvers.pdf", rows, [40, 260, 420])
    got = [(f.entity_type, f.text) for f in table_findings(extract(str(path)))]
    assert ("NL_KVK_NUMBER", "71829035") in got
    assert ("NL_KVK_NUMBER", "08123456") not in got


def test_a_contract_column_holds_grouped_numbers(tmp_path):
    rows = [("Rol", "Naam", "Telefoon", "Contract"),
            ("Melder", "mw. G. Kwakkel", "0186-614377", "40213-024"),
            ("Familie", "mw. G. Martina", "06-39920718", "n.v.t.")]
    path = _table_pdf(tmp_path / "betrokkenen.pdf", rows, [40, 120, 260, 360])
    got = [(f.entity_type, f.text) for f in table_findings(extract(str(path)))]
    assert ("NL_CLIENT_NUMBER", "40213-024") in got
    assert not any(t == "n.v.t." for _e, t in got)


def test_a_spreadsheet_print_numbers_its_rows_the_header_s_too(tmp_path):
    rows = [("", "A", "B", "C", "D"),
            ("1", "Datum", "Beh.", "Naam melder", "Postcode"),
            ("2", "01-10-2026", "SB", "G. Kwakkel", "3283 HT"),
            ("3", "02-10-2026", "MdG", "Wendelien ter Beek", "3284 VB")]
    path = _table_pdf(tmp_path / "export.pdf", rows, [40, 60, 130, 170, 320])
    got = [(f.entity_type, f.text) for f in table_findings(extract(str(path)))]
    assert {("PERSON", "SB"), ("PERSON", "MdG"), ("PERSON", "G. Kwakkel"),
            ("NL_POSTCODE", "3284 VB")} <= set(got)


def test_header_labels_set_close_together_are_two_columns(tmp_path):
    # an export prints "Geb.datum" and "Kenteken" a space apart, and the CJIB number runs
    # into the name beside it
    rows = [("CJIB-nummer", "Betrokkene", "Geb.datum", "Kenteken", "Feit"),
            ("8922186299079565", "Bakker, J.M.", "14-02-1986", "GH-512-K", "VA026"),
            ("4265377978041208", "El Idrissi, M.", "30-11-1999", "4-KZL-83", "R628c")]
    path = _table_pdf(tmp_path / "export.pdf", rows, [40, 117, 200, 246, 330], size=8)
    got = set((f.entity_type, f.text) for f in table_findings(extract(str(path))))
    assert {("NL_CLIENT_NUMBER", "8922186299079565"), ("DATE_OF_BIRTH", "14-02-1986"),
            ("NL_LICENSE_PLATE", "GH-512-K"), ("PERSON", "El Idrissi, M")} <= got, got


def test_a_forms_label_column_under_its_name_row_holds_no_names(tmp_path):
    rows = [("Naam", "Helen Tesfamariam", "bron"), ("Geboortedatum", "17-06-2004", "BRP"),
            ("Opleiding", "hbo-bachelor Social Work", "DUO"),
            ("Nieuwe diplomatermijn", "31 augustus 2028", "besluit"),
            ("Rekeningnummer", "NL20 INGB 0005 1991 51", "aanvraag")]
    path = _table_pdf(tmp_path / "form.pdf", rows, [60, 200, 360])
    got = [f.text for f in table_findings(extract(str(path))) if f.entity_type == "PERSON"]
    assert "Nieuwe diplomatermijn" not in got


def test_a_payment_export_s_file_numbers_and_handlers_log_ins(tmp_path):
    # "Behandelaar" and "Opmerking" set too close to be two header cells
    rows = [("Dossiernr.", "Naam ouder", "BSN", "Status", "Behandelaar Opmerking"),
            ("UHT-2023-044102", "Hoekstra, Baukje", "379298041", "uitbetaald", "kroesh01"),
            ("UHT-2023-049913", "Hendriksen, Lieke", "329462933", "geblokkeerd", "bhagd01")]
    path = _table_pdf(tmp_path / "export.pdf", rows, [40, 140, 260, 340, 420])
    got = {(f.entity_type, f.text) for f in table_findings(extract(str(path)))}
    assert ("NL_FILE_REFERENCE", "UHT-2023-044102") in got
    assert ("USERNAME", "kroesh01") in got and ("USERNAME", "bhagd01") in got
    assert ("PERSON", "Hoekstra, Baukje") in got


def test_a_list_of_companies_file_numbers_stay(tmp_path):
    rows = [("Dossiernr.", "Bedrijf", "Plaats", "Bedrag"),
            ("VLG-2026-0003", "Agro Barneveld B.V.", "Barneveld", "412.000"),
            ("VLG-2026-0004", "Veluwse Kalver Groep B.V.", "Putten", "388.750")]
    path = _table_pdf(tmp_path / "lijst.pdf", rows, [40, 160, 330, 430])
    got = {(f.entity_type, f.text) for f in table_findings(extract(str(path)))}
    assert not any(t == "NL_FILE_REFERENCE" for t, _ in got)


def test_an_action_holder_cell_with_two_surnames_is_two_people(tmp_path, pipeline):
    rows = [("Nr", "Actie", "Actiehouder", "Datum"),
            ("1", "Plan herijken", "Tiemersma, Zhang", "18-11"),
            ("2", "Brief sturen", "Oduro, K.A.", "25-11")]
    path = _table_pdf(tmp_path / "acties.pdf", rows, [40, 80, 260, 420])
    # the cell is read by the person column; the list is split where all findings meet
    _doc, prop = pipeline.propose(str(path))
    got = [f.text for f in prop.findings if f.entity_type == "PERSON"]
    assert "Tiemersma" in got and "Zhang" in got and "Tiemersma, Zhang" not in got
    assert any(t.startswith("Oduro, K.A") for t in got)  # "Achternaam, initials": one person
