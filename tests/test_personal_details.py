"""Place of birth and nationality after the words that tie them to a person."""

from __future__ import annotations

import pytest

from conftest import found


@pytest.mark.parametrize("text, entity, value", [
    ("uw cliënt, de heer R. Ramdin,\ngeboren op 30 januari 1986 te Paramaribo (Suriname), heeft",
     "PLACE_OF_BIRTH", "Paramaribo (Suriname)"),
    ("Geboren: 03-06-1988 te Lodz (Polen)", "PLACE_OF_BIRTH", "Lodz (Polen)"),
    # a form's label on its own line, the value below it
    ("Achternaam\nSedney-Ramdin\nGeboren\n14 februari 1988 te Paramaribo (Suriname)",
     "PLACE_OF_BIRTH", "Paramaribo (Suriname)"),
    ("Geboorteplaats: 's-Hertogenbosch", "PLACE_OF_BIRTH", "'s-Hertogenbosch"),
    ("Geboortedatum 14-09-1991\nNationaliteit Eritrese\nOnderwerp Beslissing",
     "NATIONALITY", "Eritrese"),
    ("De aangeefster, van Poolse nationaliteit, verklaarde het volgende.", "NATIONALITY",
     "Poolse"),
])
def test_found_after_its_cue(analyzer, text, entity, value):
    assert found(analyzer, text, entity) == [value]


@pytest.mark.parametrize("text", [
    "De wet is geboren uit de behoefte aan openheid.",
    "Nationaliteit en geboorteplaats worden niet geregistreerd.",
    "De Nederlandse overheid publiceert het besluit.",
])
def test_no_cue_no_finding(analyzer, text):
    assert found(analyzer, text, "PLACE_OF_BIRTH") == found(analyzer, text, "NATIONALITY") == []


def test_a_place_of_birth_is_removed_where_it_is_one_not_everywhere(tmp_path, pipeline):
    from conftest import make_pdf

    pdf = make_pdf(tmp_path / "pv.pdf", [[
        (72, 72, "Aangever: A.M. Kowalczyk, geboren op 3 juni 1988 te Schiedam."),
        (72, 90, "Opgemaakt door Basisteam Schiedam, politiebureau Schiedam."),
    ]])
    _, prop = pipeline.propose(str(pdf))
    births = [f for f in prop.findings if f.entity_type == "PLACE_OF_BIRTH"]
    assert [(f.text, f.status) for f in births] == [("Schiedam", "accepted")]
