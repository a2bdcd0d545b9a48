"""Care institutions the lists know and law abbreviations are no one's name; a sole
trader's surname in the name the business trades under is theirs."""

from __future__ import annotations

import pytest
from conftest import make_pdf

from woo_redact.named_places import names_an_institution


def _decided(pipeline, tmp_path, lines):
    src = make_pdf(tmp_path / "doc.pdf", [[(60, 60 + 13 * i, t) for i, t in enumerate(lines)]])
    res = pipeline.process(str(src), tmp_path / "out", dry_run=True)
    return {f.text: f.action for f in res.findings if f.entity_type == "PERSON"}


@pytest.mark.parametrize("name,listed", [
    ("Parnassia", True), ("Amphia", True), ("Nij Smellinghe", True),
    # listed, but also a first name or surname: a person without more evidence
    ("Antonius", False), ("Voorhoeve", False),
    ("A. Parnassia", False), ("Jan Jansen", False),
    # initials in a handler's column: the lists hold abbreviations of that shape too
    ("SBo", False), ("SBO", False), ("JvK", False),
])
def test_a_listed_care_institution(name, listed):
    assert names_an_institution(name) is listed


def test_institutions_and_a_law_in_running_text_stay_readable(pipeline, tmp_path):
    got = _decided(pipeline, tmp_path, [
        "Mevrouw Jolanda Verhoef is eerder behandeld bij Parnassia en daarna bij Lentis.",
        "Zij diende een klacht in op grond van de Wkkgz, en werd opgenomen in Amphia."])
    assert got.get("Jolanda Verhoef") == "redact"
    assert not {"Parnassia", "Lentis", "Wkkgz", "Amphia"} & set(got)


def test_the_owner_s_surname_in_the_trade_name_is_redacted(pipeline, tmp_path):
    got = _decided(pipeline, tmp_path, [
        "Aanvrager: H. Brouwer-van Essen h.o.d.n. Pluimveebedrijf Brouwer, eenmanszaak.",
        "Aanvrager: A. Kowalczyk h.o.d.n. Kalverhouderij De Wielewaal, eenmanszaak.",
        "Aanvrager: W. van 't Klooster h.o.d.n. Geitenhouderij Het Klooster, eenmanszaak."])
    assert got.get("Brouwer") == "redact"
    assert "Wielewaal" not in " ".join(got)  # a trade name that names no one stays
    # after an article that is not the owner's own, the word is the trade name's noun
    assert "Klooster" not in got


def test_a_shared_mailbox_named_for_a_task_in_a_mail_header(pipeline, tmp_path):
    src = make_pdf(tmp_path / "doc.pdf", [[
        (40, 60, "Van: Hiemstra, Jildou <j.hiemstra@ggdfryslan.nl>"),
        (40, 73, "CC: Infectieziektebestrijding GGD Fryslan <izb@ggdfryslan.nl>;"),
        (40, 86, "Bestuurssecretariaat Waldhiem <bestuurssecretariaat@waldhiem.nl>"),
        (40, 99, "Onderwerp: stand van zaken"),
        (40, 125, "Beste Jildou, het bestuur van Waldhiem is ingelicht.")]], fontsize=9)
    res = pipeline.process(str(src), tmp_path / "out", dry_run=True)
    got = {(f.entity_type, f.text): f.action for f in res.findings}
    assert got[("EMAIL_ADDRESS", "izb@ggdfryslan.nl")] == "keep"
    assert got[("EMAIL_ADDRESS", "bestuurssecretariaat@waldhiem.nl")] == "keep"
    assert got[("PERSON", "Hiemstra, Jildou")] == "redact"
    # the organisation the mail domain names is no one's name, in the header or the text
    assert not any(t == "PERSON" and "Waldhiem" in s or "Bestuurssecretariaat" in s
                   for t, s in got)


def test_a_listed_surname_that_is_also_a_domain_stays_a_person(pipeline, tmp_path):
    from woo_redact.named_places import domain_names, names_a_domain

    domains = domain_names("Mail: info@waldhiem.nl of pieter@bakker.nl")
    assert names_a_domain("Waldhiem", domains) and names_a_domain("Wâldhiem", domains)
    assert not names_a_domain("Bakker", domains)


def test_a_person_s_own_firm_after_their_full_name_is_no_institution():
    from woo_redact.recognizers.names.organisation_context import organisation_around

    text = "Opdrachtnemer is Jan van Dijk Bouw, de aannemer."
    assert not organisation_around(text, text.index("Jan"), text.index("Jan") + 3)


def test_a_task_mailbox_whose_address_wraps_under_its_display_name():
    from woo_redact.organisations import named_mailbox

    text = ("CC: El Khadir, Karima <k.elkhadir@ggdfryslan.nl>; Infectieziektebestrijding GGD "
            "Fryslân\n<izb@ggdfryslan.nl>; Vermeulen, Lotte <l.vermeulen@smallingerland.nl>")
    start = text.index("izb@")
    assert named_mailbox("izb@ggdfryslan.nl", text, start)
    start = text.index("l.vermeulen@")
    assert not named_mailbox("l.vermeulen@smallingerland.nl", text, start)


def test_the_main_waters_are_places_but_not_the_surnames_they_share(pipeline, tmp_path):
    from woo_redact import gazetteer

    gaz = gazetteer.load()
    assert gaz.is_place("de IJssel") and gaz.is_place("IJssel") and gaz.is_place("het IJsselmeer")
    assert not gaz.is_place("Maas")
    got = _decided(pipeline, tmp_path, [
        "Het bestuur van Waterschap Rijn en IJssel sprak met Frans de Waal en Tom Maas",
        "over de dijk langs de IJssel bij Zutphen."])
    assert got.get("Frans de Waal") == "redact" and got.get("Tom Maas") == "redact"
    assert not any("IJssel" in name for name in got)
