from pathlib import Path

import pytest

from woo_redact.detect import repeat_occurrences
from woo_redact.grounds import GROUNDS
from woo_redact.model import Finding
from woo_redact.organisations import organisation_address
from woo_redact.policy import PolicyError, load_policy


def _f(entity: str, text: str, full: str, score: float = 0.9) -> Finding:
    i = full.index(text)
    return Finding(entity, i, i + len(text), text, score, "test")


def test_default_policy_grounds_are_woo_grounds():
    policy = load_policy()
    assert policy.entities["NL_BSN"].ground == "5.1.1e"
    assert policy.entities["NL_PARKETNUMMER"].ground == "5.1.2c"
    assert all(r.ground in GROUNDS for r in policy.entities.values())
    assert policy.office_holder_file is not None and policy.office_holder_file.is_file()


@pytest.mark.parametrize("text,kept", [("info@minbzk.nl", True), ("woo@minjenv.nl", True),
                                       ("0800-8051", True), ("14 070", True),
                                       ("j.jansen@minbzk.nl", False), ("06-12345678", False)])
def test_default_allow_list(text: str, kept: bool):
    assert (load_policy().allow.matches(text) is not None) == kept


def test_policy_decides_ground_action_and_threshold():
    policy = load_policy()
    text = "Mail j.jansen@minbzk.nl of info@minbzk.nl."
    found = policy.decide([_f("EMAIL_ADDRESS", "j.jansen@minbzk.nl", text),
                           _f("EMAIL_ADDRESS", "info@minbzk.nl", text),
                           _f("PHONE_NUMBER", "Mail", text, score=0.1)], text)
    assert [(f.text, f.action, f.ground) for f in found] == [
        ("j.jansen@minbzk.nl", "redact", "5.1.2e"), ("info@minbzk.nl", "keep", "5.1.2e")]
    assert "allow list" in found[1].reason


def test_bad_policy_is_refused(tmp_path: Path):
    p = tmp_path / "p.yaml"
    p.write_text("entities:\n  PERSON: {ground: 5.9z, action: redact}\n")
    with pytest.raises(PolicyError, match="unknown Woo ground"):
        load_policy(p)
    p.write_text("entities:\n  PERSON: {ground: 5.1.2e, action: hide}\n")
    with pytest.raises(PolicyError, match="action"):
        load_policy(p)
    with pytest.raises(PolicyError, match="not found"):
        load_policy(tmp_path / "missing.yaml")


def test_organisation_address_in_letterhead_stays_citizen_address_goes():
    letterhead = "Directie Wetgeving\nRijnstraat 8\n2515 XP Den Haag\nPostbus 20901\n"
    i = letterhead.index("Rijnstraat 8")
    assert organisation_address(letterhead, i, i + 12)
    meeting = "Locatie: Politie Eenheid Den Haag, Burgemeester Patijnlaan 35, Den Haag"
    i = meeting.index("Burgemeester")
    assert organisation_address(meeting, i, len(meeting) - 10)
    signature = "Annelies Bakker\nMinisterie van Binnenlandse Zaken\nTurfmarkt 147 | 2511 DP"
    i = signature.index("Turfmarkt")
    assert organisation_address(signature, i, i + 13)
    prose = ("De gegevens die het Ministerie heeft aangeleverd. Mevrouw X woont aan de\n"
             "Molenstraat 64 te Zwolle.")
    i = prose.index("Molenstraat")
    assert organisation_address(prose, i, i + 14) is None
    letter = "De heer K. Wójcik\nBurgemeester van Nispenstraat 23\n6711 GH Ede\nGeachte heer,"
    i = letter.index("Burgemeester")
    assert organisation_address(letter, i, i + 32) is None


@pytest.mark.parametrize("line", [
    # the organisation belongs to the sentence before
    "contact gehad met P. Nowak van de Nationale Politie. Kian Oda woont aan de Dorpsweg 308",
    # someone lives there, whatever else the sentence names
    "De gemeente Utrecht meldt dat mevrouw Jansen woonachtig is aan de Dorpsweg 308",
    "Locatie: kantoor van de advocaat, woonadres cliënt Dorpsweg 308",
])
def test_a_citizens_address_after_an_organisation_is_not_the_organisations(line):
    i = line.index("Dorpsweg")
    assert organisation_address(line, i, len(line)) is None


def test_every_repeat_of_a_found_value_is_found():
    text = "Samenhang met operatie Ravelijn.\nRavelijn richt zich op ... (Ravelijnse)"
    found = [_f("INVESTIGATION_NAME", "Ravelijn", text)]
    extra = repeat_occurrences(text, found)
    assert [(text[f.start:f.end], f.start) for f in extra] == [("Ravelijn", 33)]


def test_an_organisations_general_number_is_kept_a_persons_number_is_not(tmp_path: Path):
    text = ("Vragen? Bel het algemene nummer van de gemeente, 030 286 00 00.\n"
            "Voor spoed: bel mij direct op 030 286 12 34 of mobiel 06 1234 5678.")
    general, direct, mobile = (_f("PHONE_NUMBER", t, text) for t in (
        "030 286 00 00", "030 286 12 34", "06 1234 5678"))
    decided = {f.text: f for f in load_policy().decide([general, direct, mobile], text)}
    assert decided["030 286 00 00"].action == "keep" and decided["030 286 00 00"].reason
    assert decided["030 286 12 34"].action == "redact"
    assert decided["06 1234 5678"].action == "redact"
    # an organisation that tunes organisation addresses off keeps no numbers either
    own = tmp_path / "p.yaml"
    own.write_text("entities:\n  PHONE_NUMBER: {ground: 5.1.2e}\n"
                   "keep_organisation_addresses: false\n", "utf-8")
    assert load_policy(own).decide([_f("PHONE_NUMBER", "030 286 00 00", text)],
                                   text)[0].action == "redact"
