"""The dossier's names, values and office holders are looked up by the words of a document,
so a document's cost does not grow with the archive; each index must give what a plain scan
of the whole book gives."""

from __future__ import annotations

import random

from woo_redact.model import Document, Finding
from woo_redact.occurrences import OccurrenceIndex, key
from woo_redact.propagate import NameBook

TEXT = ("Van: Jan de Vries <jan.devries@example.nl>\nTel. 06-12345678, kenteken 12-ABC-3.\n"
        "Mevrouw Bakker belde over Kerkstraat 12a, 1234 AB Utrecht en NL91 ABNA 0417 1643 00.\n"
        "Het lid Leijten vroeg naar parketnummer 09/123456-23 en zaak PL0900-2023123456.\n"
        "De heer El Idrissi (Jansens brief) en J.M. van der Berg-Smit tekenden.")


def test_spelled_finds_every_value_that_occurs():
    index = OccurrenceIndex(TEXT)
    rng = random.Random(7)
    present = ["06 1234 5678", "0612345678", "12ABC3", "NL91ABNA0417164300", "Kerkstraat 12a",
               "09/123456-23", "PL0900-2023123456", "van der Berg-Smit", "de Vries"]
    # spans of the text cut at random places, written with other punctuation
    for _ in range(200):
        a = rng.randrange(len(TEXT) - 20)
        b = a + rng.randrange(4, 20)
        present.append(" ".join(TEXT[a:b].split()).replace(" ", rng.choice([" ", "-", ""])))
    absent = ["06-87654321", "Dorpsstraat 1", "NL02 RABO 0123 4567 89", "Pietersen"]
    streams: dict[str, list[str]] = {}
    for v in present + absent:
        streams.setdefault(key(v), []).append(v)
    longest = max(map(len, streams))
    hits = {v for run in index.spelled(streams, longest) for v in streams[run]}
    found = {v for v in present + absent if index.find(v)}
    assert found, "nothing to compare"
    assert found <= hits
    assert not any(v in hits for v in absent)


def test_could_occur_in_is_the_plain_scan():
    import re

    from woo_redact.textnorm import text_words

    book = NameBook()
    for name in ("Jan de Vries", "Bakker", "Fatima El Idrissi", "J.M. van der Berg-Smit",
                 "Piet Jansen", "Anna Pietersen", "Koen Leijten", "de Wit"):
        book.add(name)
    words = set(text_words(TEXT))

    def stands(p) -> bool:  # the surname's first word, alone or with a genitive s
        first = re.search(r"\w+", p.surname)
        return bool(first) and (first.group().lower() in words
                                or first.group().lower() + "s" in words)

    plain = [p.full for p in book if stands(p)]
    assert plain and "Anna Pietersen" not in plain
    assert [p.full for p in book.could_occur_in(TEXT)] == plain


def test_dossier_values_only_those_the_document_spells():
    from woo_redact.pipeline import _dossier_values

    book = NameBook()
    book.values = {f"06-{n:08d}": ("PHONE_NUMBER", "5.1.2e") for n in range(2000)}
    book.values["06 1234 5678"] = ("PHONE_NUMBER", "5.1.2e")
    book.values["Ravelijn"] = ("INVESTIGATION_NAME", "5.1.2c")
    doc = Document("x.pdf", "0" * 64, [], [], TEXT, [], [], [])
    got = _dossier_values(book, doc)
    assert [f.text for f in got] == ["06 1234 5678"]
    index = OccurrenceIndex(TEXT)
    assert [v for v in book.values if index.find(v)] == ["06 1234 5678"]


def test_dossier_holders_meeting_a_document_decide_as_all_of_them():
    from woo_redact import office_mentions
    from woo_redact.pipeline import _DossierHolders

    holders = {f"Persoon{n} Achternaam{n}": "office holder: role context 'wethouder'"
               for n in range(500)}
    holders.update({"Rob Verhoef": "office holder: role context 'wethouder'",
                    "Anneke Dijkstra-Bos": "office holder: list (minister)"})
    index = _DossierHolders(holders)

    def person(text: str) -> Finding:
        return Finding("PERSON", 0, len(text), text, 0.85, "ner", action="redact",
                       status="accepted")

    texts = ["Verhoef", "R. Verhoef", "Rob", "Dijkstra", "Anneke", "Jan Jansen", "Verhoef, Rob"]
    meeting = index.meeting([person(t) for t in texts])
    assert 0 < len(meeting) < 10
    a = [person(t) for t in texts]
    b = [person(t) for t in texts]
    office_mentions.keep_mentions(a, index.meeting(a))
    office_mentions.keep_mentions(b, office_mentions.dossier_holders(holders))
    assert [(f.action, f.reason) for f in a] == [(f.action, f.reason) for f in b]
    assert any(f.action == "keep" for f in a)


def test_rerun_index_reaches_the_documents_a_new_name_or_value_can_change():
    from woo_redact.batch.names import reaching_keys, text_keys

    old = NameBook()
    old.add("Piet Jansen")
    new = NameBook()
    new.add("Piet Jansen")
    new.add("Jan de Vries")
    new.values["06-12345678"] = ("PHONE_NUMBER", "5.1.2e")
    new.values["AB-12"] = ("NL_LICENSE_PLATE", "5.1.2e")
    new.places.add("omroep zuiderwaard")
    new.holders["Rob Verhoef"] = "office holder: role context 'wethouder'"
    keys = reaching_keys(old, new)

    def reached(text: str) -> bool:
        return bool(set(text_keys(text)) & keys)

    assert reached("Mevrouw De Vries belde.")  # the surname, however written
    assert reached("De Vries' advies en Vriess")
    assert reached("Bel 06 1234 5678 of 0612345678.")  # the value, however spaced
    assert reached("kenteken AB 12")
    assert reached("Omroep Zuiderwaard meldt")
    assert reached("Verhoef, Rob")
    assert not reached("Piet Jansen schreef over de subsidieregeling; bel 06-87654321.")
    assert text_keys("Reis naar İzmir") is None  # lower case moves offsets: always checked


def test_propagation_scope_keys():
    from woo_redact.inputs.dossier import SourceDoc
    from woo_redact.scope import scope_keys

    docs = [SourceDoc("a/x.pdf", "a/x.pdf", "pdf", "", ""),
            SourceDoc("a/sub/y.pdf", "a/sub/y.pdf", "pdf", "", ""),
            SourceDoc("a/mail.eml", "a/mail.eml.pdf", "mail", "", ""),
            SourceDoc("a/mail.eml/bijlage.docx", "a/mail.eml.attachments/bijlage.docx.pdf",
                      "office", "", "", parent="a/mail.eml"),
            SourceDoc("b/archief.zip/c/z.pdf", "b/archief/c/z.pdf", "pdf", "", ""),
            SourceDoc("los.pdf", "los.pdf", "pdf", "", "")]
    assert set(scope_keys(docs, "batch").values()) == {""}
    assert scope_keys(docs, "group") == {"a/x.pdf": "a", "a/sub/y.pdf": "a", "a/mail.eml": "a",
                                         "a/mail.eml/bijlage.docx": "a",
                                         "b/archief.zip/c/z.pdf": "b", "los.pdf": ""}
    folder = scope_keys(docs, "folder")
    assert folder["a/mail.eml/bijlage.docx"] == folder["a/x.pdf"] == "a"  # with its mail
    assert folder["a/sub/y.pdf"] == "a/sub" and folder["b/archief.zip/c/z.pdf"] == "b/archief.zip/c"


def test_a_name_stays_in_its_dossier_when_propagation_is_by_folder(pipeline, tmp_path):
    from conftest import make_pdf

    from woo_redact.dossier import run_dossier
    from woo_redact.inputs import InputFile

    src = tmp_path / "src"
    for d in ("a", "b"):
        (src / d).mkdir(parents=True)
    make_pdf(src / "a" / "brief.pdf", [[(72, 80, "Van: Jeroen Bakhuis <jeroen.bakhuis@minjenv.nl>"),
                                        (72, 108, "Met vriendelijke groet,"),
                                        (72, 122, "Jeroen Bakhuis")]])
    for d in ("a", "b"):
        make_pdf(src / d / "verslag.pdf", [[(72, 80, "Actiehouder:"), (72, 94, "Bakhuis"),
                                            (72, 108, "De volgende bespreking is in april.")]])
    files = [InputFile(str(p), str(p.relative_to(src))) for p in sorted(src.rglob("*.pdf"))]

    def removed(scope: str) -> dict[str, bool]:
        out = tmp_path / scope
        res = {f.rel: r for f, r in run_dossier(pipeline, files, out, scope=scope)}
        return {rel: any(f.text == "Bakhuis" and f.status == "accepted" for f in r.findings)
                for rel, r in res.items() if rel.endswith("verslag.pdf")}

    assert removed("batch") == {"a/verslag.pdf": True, "b/verslag.pdf": True}
    assert removed("folder") == {"a/verslag.pdf": True, "b/verslag.pdf": False}
