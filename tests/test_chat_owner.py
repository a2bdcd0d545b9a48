"""A chat export of an office holder's phone: the owner is the one sender who is not the
other party the header shows, and keeps the name the header's role gives them."""

from __future__ import annotations

from conftest import make_pdf


def _export(tmp_path, device_line: str):
    lines = ["AV", "Anouk Verbrugge Politie", "+31 6 1944 2087", "WhatsApp-chat (export)",
             device_line, "zaterdag 14 november 2026",
             "Anouk Verbrugge", "Hester, sorry voor het late uur. Er is een explosie geweest.",
             "23:52", "Hester Ravenhorst", "Dank Anouk. Wie wonen daar?", "23:54",
             "Anouk Verbrugge", "Familie Doelwijt: moeder en twee zoons.", "23:58",
             "Hester Ravenhorst", "Ik bel morgen de officier.", "00:03"]
    return make_pdf(tmp_path / "chat.pdf", [[(60, 60 + 13 * i, t) for i, t in enumerate(lines)]])


def test_the_exported_phone_s_owner_keeps_the_header_s_office(pipeline, tmp_path):
    _doc, prop = pipeline.propose(str(_export(tmp_path, "toestel: burgemeester")))
    actions = {(f.text, f.action) for f in prop.findings if f.entity_type == "PERSON"}
    assert ("Hester Ravenhorst", "keep") in actions
    # the other party stays personal data
    anouk = {a for t, a in actions if t.startswith("Anouk")}
    assert anouk == {"redact"}, actions


def test_without_an_office_in_the_header_the_owner_is_anyone(pipeline, tmp_path):
    _doc, prop = pipeline.propose(str(_export(tmp_path, "toestel: beleidsadviseur")))
    hester = [f.action for f in prop.findings
              if f.entity_type == "PERSON" and f.text == "Hester Ravenhorst"]
    assert hester and set(hester) == {"redact"}
