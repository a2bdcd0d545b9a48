"""An office holder named for a role once stays wherever the document or dossier names them."""

from __future__ import annotations

import pytest
from conftest import make_pdf

from woo_redact.model import Finding
from woo_redact.office_mentions import holders_of, keep_initials, keep_mentions


def _f(text: str, action: str = "redact", reason: str = "") -> Finding:
    return Finding("PERSON", 0, len(text), text, 0.85, "test", action=action,
                   status="rejected" if action == "keep" else "accepted", reason=reason)


ROLE = "office holder: role context 'wethouder'"


def _dossier(pipeline, tmp_path, *pdfs):
    """The documents run as one dossier (dry run): result by file name."""
    from woo_redact.dossier import run_dossier
    from woo_redact.inputs import InputFile

    files = [InputFile(str(p), p.name) for p in pdfs]
    return {f.rel: r for f, r in run_dossier(pipeline, files, tmp_path / "out", dry_run=True)}


def test_a_surname_kept_for_its_role_takes_the_one_full_name_with_that_surname():
    found = [_f("Verhoef", "keep", ROLE), _f("Verhoef, Rob"), _f("Jan Smit")]
    (h,) = holders_of(found)
    assert h.person.full == "Rob Verhoef"


def test_every_mention_that_can_only_be_the_holder_is_kept():
    found = [_f("Verhoef", "keep", ROLE), _f("Verhoef, Rob"), _f("Rob Verhoef"), _f("Rob"),
             _f("R. Verhoef"), _f("Jan Smit"), _f("Smit")]
    keep_mentions(found, holders_of(found))
    kept = {f.text for f in found if f.action == "keep"}
    assert kept == {"Verhoef", "Verhoef, Rob", "Rob Verhoef", "Rob", "R. Verhoef"}


def test_someone_else_with_the_surname_or_first_name_stays_redacted():
    found = [_f("Rob Verhoef", "keep", ROLE), _f("Karin Verhoef"), _f("Verhoef"),
             _f("Rob Jansen"), _f("Rob")]
    keep_mentions(found, holders_of(found))
    assert {f.text for f in found if f.action == "keep"} == {"Rob Verhoef"}


def test_a_frequent_surname_alone_is_not_taken_for_the_holder():
    found = [_f("Jan de Vries", "keep", ROLE), _f("De Vries")]
    keep_mentions(found, holders_of(found), frequent=lambda s: s.lower() == "vries")
    assert [f.action for f in found] == ["keep", "redact"]


def test_initials_that_stand_for_one_holder_only():
    found = [_f("Anneke Dijkstra", "keep", ROLE), _f("AD"), _f("Erik Tuinstra"), _f("ET")]
    keep_initials(found, holders_of(found))
    assert {f.text for f in found if f.action == "keep"} == {"Anneke Dijkstra", "AD"}


def test_the_dossier_carries_an_office_holder_to_a_chat_that_never_names_the_role(
        tmp_path, pipeline):
    a = make_pdf(tmp_path / "besluitenlijst.pdf", [[
        (72, 80, "Aanwezig: burgemeester H. Brinkman, wethouder Rob Verhoef"),
        (72, 94, "Verslag: Ingrid Veldkamp")]])
    b = make_pdf(tmp_path / "chat.pdf", [[
        (72, 80, "[27-08-2024 07:10] Rob Verhoef: Goed werk allemaal, Lotte."),
        (72, 94, "[27-08-2024 07:12] Lotte Zandbergen: Dank, ik zet het online.")]])
    results = _dossier(pipeline, tmp_path, a, b)
    chat = results["chat.pdf"].findings
    assert {f.text for f in chat if f.status == "accepted"} >= {"Lotte Zandbergen"}
    assert all(f.action == "keep" for f in chat if "Verhoef" in f.text), [
        (f.text, f.action) for f in chat]


def test_a_role_that_names_a_room_makes_no_office_holder(holders_text=None):
    from woo_redact.office_holders import OfficeHolders
    holders = OfficeHolders.from_file()
    text = "Overleg gemeentesecretaris\nWerkkamer burgemeester\nHoekstra, Jan-Willem\n"
    start = text.index("Hoekstra")
    assert holders.reason_to_keep(text, start, len(text) - 1, "Hoekstra, Jan-Willem") is None
    signed = "De burgemeester van Zuiderwaard,\n\nmr. H.J. Brinkman-Oudshoorn\n"
    start = signed.index("H.J.")
    assert holders.reason_to_keep(signed, start, len(signed) - 1, "H.J. Brinkman-Oudshoorn")


def test_a_name_in_an_organisation_or_a_law_is_kept_there(pipeline):
    from woo_redact.policy import load_policy
    text = "Het Landelijk Bureau Bibob adviseert op grond van de Wet Bibob; Bibob belde."
    found = []
    for word_start in [i for i in range(len(text)) if text.startswith("Bibob", i)]:
        found.append(Finding("PERSON", word_start, word_start + 5, "Bibob", 0.85, "test"))
    decided = load_policy().decide(found, text)
    assert [f.action for f in decided] == ["keep", "keep", "redact"]


def test_stacked_signers_pair_with_their_functions_in_order():
    from woo_redact.office_holders import OfficeHolders
    holders = OfficeHolders.from_file()
    text = ("Hoogachtend,\nburgemeester en wethouders van Zuiderwaard,\nde secretaris,\n"
            "de burgemeester,\ndrs. J.W. Hoekstra\nmr. H.J. Brinkman-Oudshoorn\n")
    s = text.index("J.W. Hoekstra")
    assert holders.reason_to_keep(text, s, s + 13, "J.W. Hoekstra") is None
    s = text.index("H.J. Brinkman")
    assert "burgemeester" in holders.reason_to_keep(text, s, s + 23, "H.J. Brinkman-Oudshoorn")


def test_a_plural_role_before_a_list_of_names_but_not_a_name_with_its_own_function():
    from woo_redact.office_holders import OfficeHolders
    holders = OfficeHolders.from_file()
    text = ("Aanwezig: burgemeester H.J. Brinkman (voorzitter), wethouders M. Bakkal, "
            "A. Dijkstra en\nR. Verhoef; J.W. Hoekstra (gemeentesecretaris)\n")
    for name, kept in [("M. Bakkal", True), ("A. Dijkstra", True), ("R. Verhoef", True),
                       ("J.W. Hoekstra", False)]:
        s = text.index(name)
        assert bool(holders.reason_to_keep(text, s, s + len(name), name)) is kept, name


@pytest.mark.parametrize("text,name", [
    ("Hoogachtend,\n\nMaarten Camps\n\nVoorzitter Raad van Bestuur\n\nBijlagen", "Maarten Camps"),
    ("vertegenwoordigd door drs. M.R.P.M. Camps, Voorzitter\n\nRaad van Bestuur, hierna",
     "M.R.P.M. Camps"),
    ("Portefeuillehouder RvB René Steenvoorden\n\nOnderwerp", "René Steenvoorden"),
    ("nav een vraag van Joba van den Berg in het debat van 2 juli", "Joba van den Berg"),
])
def test_roles_after_a_name_a_board_in_its_role_and_a_speaker_in_a_debate(text, name):
    from woo_redact.office_holders import OfficeHolders
    holders = OfficeHolders.from_file()
    s = text.index(name)
    assert holders.reason_to_keep(text, s, s + len(name), name)
    signed = "Met vriendelijke groet,\nJan Jansen\nbeleidsmedewerker"
    s = signed.index("Jan Jansen")
    assert holders.reason_to_keep(signed, s, s + 10, "Jan Jansen") is None


def test_a_listed_name_written_surname_first_without_a_comma():
    from woo_redact.office_holders import OfficeHolders
    holders = OfficeHolders.from_file()
    assert holders.listed("Koolmees Wouter").role == "minister"
    assert holders.listed("De Jonge Hugo").name == "Hugo de Jonge"


def test_a_namesake_of_part_of_a_double_name_is_someone_else():
    from woo_redact.office_mentions import Holder, _the_holder, parse_person

    holder = Holder(parse_person("De Graaf-Kuiper"), "office holder: role context 'het lid'")
    sander = parse_person("Sander de Graaf")
    assert _the_holder(sander, [holder], [sander], lambda s: False) is None
    hester = Holder(parse_person("H.J. Brinkman-Oudshoorn"), "office holder: role context "
                                                              "'burgemeester'")
    again = parse_person("H.J. Brinkman")
    assert _the_holder(again, [hester], [again], lambda s: False) == hester


def test_a_minister_named_by_surname_is_not_every_namesake_in_the_dossier(tmp_path, pipeline):
    a = make_pdf(tmp_path / "nota.pdf", [[
        (72, 80, "De reactie wordt afgestemd met de staf van minister De Jonge.")]])
    b = make_pdf(tmp_path / "verslag.pdf", [[
        (72, 80, "Evi de Jonge woont aan de Prinsengracht 275, 1149 BD Amsterdam."),
        (72, 94, "Het gesprek met minister H. de Jonge volgt later.")]])
    results = _dossier(pipeline, tmp_path, a, b)
    found = {f.text: f.action for f in results["verslag.pdf"].findings
             if f.entity_type == "PERSON"}
    # the list knows the minister as Hugo de Jonge: Evi is a namesake
    assert found.get("Evi de Jonge") == "redact", found
    assert found.get("H. de Jonge") == "keep", found


def test_a_name_from_another_document_is_not_spread_onto_a_place_of_that_name(tmp_path,
                                                                            pipeline):
    a = make_pdf(tmp_path / "besluit.pdf", [[
        (72, 80, "Het gesprek met mevrouw Saba over haar aanvraag vond plaats op 3 maart."),
        (72, 94, "Daarna belde mevrouw Tesfay over de aanvraag van Saba Tesfay.")]])
    b = make_pdf(tmp_path / "mail.pdf", [[
        (72, 80, "De zorg op Saba en Bonaire wordt besproken in het overleg van maandag."),
        (72, 94, "Ik bel Saba Tesfay morgen over de aanvraag.")]])
    results = _dossier(pipeline, tmp_path, a, b)
    spread = [f.text for f in results["mail.pdf"].findings
              if f.entity_type == "PERSON" and f.status == "accepted"]
    assert "Saba Tesfay" in spread and "Saba" not in spread, spread
