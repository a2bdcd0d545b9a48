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
        "Aanvrager: A. Kowalczyk h.o.d.n. Kalverhouderij De Wielewaal, eenmanszaak."])
    assert got.get("Brouwer") == "redact"
    assert "Wielewaal" not in " ".join(got)  # a trade name that names no one stays
