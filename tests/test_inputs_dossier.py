"""The inputs stage without LibreOffice: unpacking, mail reading, IDs, families, threads,
copies, zip limits, and the fixture generator's determinism."""

from __future__ import annotations

import json
import sys
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest

from woo_redact.inputs import discover, ids
from woo_redact.inputs.archive import ZipLimits, safe_name
from woo_redact.inputs.dossier import expand, normalised_subject
from woo_redact.inputs.htmltext import html_to_text
from woo_redact.inputs.mail import read_eml, read_mail

ROOT = Path(__file__).resolve().parents[1]
DOSSIER = ROOT / "fixtures" / "dossier"
sys.path.insert(0, str(DOSSIER))
import build as dossier_build  # noqa: E402

TRUTH = json.loads((DOSSIER / "truth.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def expanded(tmp_path_factory):
    files, _ = discover([str(DOSSIER / "input"), str(DOSSIER / "bad")])
    return expand(files, tmp_path_factory.mktemp("work")).docs


def test_generator_is_deterministic_and_matches_the_committed_fixture(tmp_path):
    dossier_build.build(tmp_path, with_bad=True)
    made = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    committed = sorted([p.relative_to(DOSSIER / "input")
                        for p in (DOSSIER / "input").rglob("*") if p.is_file()]
                       + [p.relative_to(DOSSIER) for p in (DOSSIER / "bad").rglob("*")])
    assert made == committed
    for rel in made:
        src = (DOSSIER / rel) if rel.parts[0] == "bad" else (DOSSIER / "input" / rel)
        assert (tmp_path / rel).read_bytes() == src.read_bytes(), rel


def test_every_document_found_with_its_kind_family_and_copy(expanded):
    by_key = {d.key: d for d in expanded}
    for key, want in TRUTH["documents"].items():
        d = by_key[key]
        assert d.kind == want["kind"], key
        if "family" in want:
            assert d.family == by_key[want["family"]].doc_id and d.parent == want["family"]
        if "duplicate_of" in want:
            assert d.duplicate_of == by_key[want["duplicate_of"]].doc_id, key
        else:
            assert not d.duplicate_of, key
    # a mail with attachments heads its own family; the zip itself is not a document
    head = by_key["mail/aanvraag-subsidie.eml"]
    assert head.family == head.doc_id
    assert "archief.zip" not in by_key and "notitie-vergunning.docx" in by_key
    assert by_key["postvak-kramer/aanvraag-subsidie.eml"].duplicate_reason == "message_id"
    assert by_key["postvak-kramer/aanvraag-subsidie.eml/begroting.pdf"].duplicate_reason == \
        "same_file"


def test_output_names_keep_the_path_and_put_attachments_beside_their_mail(expanded):
    rels = {d.key: d.rel for d in expanded}
    assert rels["notitie-vergunning.docx"] == "notitie-vergunning.pdf"
    assert rels["mail/aanvraag-subsidie.eml/aanvraagformulier.docx"] == \
        "mail/aanvraag-subsidie.attachments/aanvraagformulier.pdf"
    assert rels["archief.zip/overleg/verslag-overleg.docx"] == "archief/overleg/verslag-overleg.pdf"
    assert len(set(rels.values())) == len(rels)


def test_threads_join_a_reply_to_its_original_and_ids_are_stable(expanded, tmp_path):
    by_key = {d.key: d for d in expanded}
    first, reply = by_key["mail/aanvraag-subsidie.eml"], by_key["mail/reactie-subsidieloket.msg"]
    assert first.thread and first.thread == reply.thread
    assert not by_key["notitie-vergunning.docx"].thread
    files, _ = discover([str(DOSSIER / "input"), str(DOSSIER / "bad")])
    again = {d.key: d.doc_id for d in expand(files, tmp_path).docs}
    assert again == {d.key: d.doc_id for d in expanded}
    for d in expanded:
        assert d.doc_id.isdigit() and len(d.doc_id) == 9 and int(d.doc_id) < 2**31


def test_hostile_files_fail_with_their_reason_and_the_rest_is_found(expanded):
    errors = {d.key.split("/")[0] if d.key.startswith("te-diep") else d.key: d.error_kind
              for d in expanded if d.error_kind}
    want = {Path(k).name: v for k, v in TRUTH["bad"].items()}
    assert {k: v for k, v in errors.items() if k in want} == \
        {k: v for k, v in want.items() if k != "afgebroken.docx"}  # that one fails converting
    assert sum(1 for d in expanded if not d.error_kind) == len(TRUTH["documents"]) + 1


def test_zip_limits(tmp_path):
    def zipped(members: dict[str, bytes]) -> Path:
        path = tmp_path / f"a{len(list(tmp_path.iterdir()))}.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in members.items():
                z.writestr(name, data)
        return path

    many = zipped({f"n{i}.txt": b"x" for i in range(30)})
    traversal = zipped({"../../etc/evil.txt": b"tekst", "/abs/ook.txt": b"tekst"})
    docs = expand(discover([str(many), str(traversal)])[0], tmp_path / "w",
                  ZipLimits(max_members=20)).docs
    assert [d.error_kind for d in docs if d.key == many.name] == ["zip_bomb"]
    keys = sorted(d.key for d in docs if d.key.startswith(traversal.name))
    assert keys == [f"{traversal.name}/abs/ook.txt", f"{traversal.name}/etc/evil.txt"]
    assert safe_name("..\\..\\x/./y.txt") == "x/y.txt"
    (tmp_path / "kapot.zip").write_bytes(b"PK\x03\x04 geen zip")
    bad = expand(discover([str(tmp_path / "kapot.zip")])[0], tmp_path / "w").docs
    assert [d.error_kind for d in bad] == ["corrupt"]


def test_eml_with_html_body_and_attached_message():
    inner = EmailMessage()
    inner["From"], inner["Subject"], inner["Message-ID"] = "a@b.nl", "Binnen", "<in@b.nl>"
    inner.set_content("Doorgestuurd bericht")
    msg = EmailMessage()
    msg["From"] = "Jan Smit <j.smit@example.nl>"
    msg["Subject"] = "RE: Fwd: Vergadering"
    msg["Message-ID"] = "<Abc@Example.nl>"
    msg["References"] = "<root@x.nl> <mid@x.nl>"
    msg.set_content("platte tekst")
    msg.add_alternative("<html><head><style>p{}</style></head><body><p>Beste <b>Piet</b>,</p>"
                        "<table><tr><td>a</td><td>b</td></tr></table><script>x()</script>"
                        "</body></html>", subtype="html")
    msg.add_attachment(inner)
    msg.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename="x.pdf")
    mail = read_eml(msg.as_bytes())
    assert mail.body == "platte tekst\n"
    assert mail.message_id == "<abc@example.nl>" and mail.references == ["<root@x.nl>",
                                                                         "<mid@x.nl>"]
    assert [a.name for a in mail.attachments] == ["Binnen.eml", "x.pdf"]
    assert b"Doorgestuurd bericht" in mail.attachments[0].data
    assert html_to_text("<p>Beste <b>Piet</b>,</p><table><tr><td>a</td><td>b</td></tr>"
                        "</table><script>x()</script>") == "Beste Piet,\n\na | b"
    assert normalised_subject("RE: Fwd:  Vergadering") == normalised_subject("vergadering")


def test_outlook_msg_read_from_our_own_writer():
    mail = read_mail(str(DOSSIER / "input" / "mail" / "reactie-subsidieloket.msg"))
    assert "Joost Kramer" in mail.sender and "joost.kramer@utrecht.nl" in mail.sender
    assert mail.subject == "RE: Aanvraag subsidie buurtfeest Lombok"
    assert mail.in_reply_to == dossier_build.MSGID.lower()
    assert "Mirjam de Graaf" in mail.body
    assert [a.name for a in mail.attachments] == ["planning.txt"]
    assert mail.date is not None and mail.date.year == 2023


def test_id_collisions_get_another_number(monkeypatch):
    real = ids.number_for
    monkeypatch.setattr(ids, "number_for",
                        lambda key: "100000001" if "\0" not in key[4:] or key.count("\0") < 3
                        else real(key))
    got = ids.assign(["doc\0a\0x", "doc\0b\0y"])
    assert len(set(got.values())) == 2
    assert got["doc\0a\0x"] == "100000001"  # the key that sorts first keeps its number
