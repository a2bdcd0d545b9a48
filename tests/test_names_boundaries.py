"""Where a name found by the NER begins and ends, and which lone words it may be.

The NER here is an entity ruler that tags the spans a trained model tags, boundary mistakes
included, so the cleaning rules are tested apart from the model.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from woo_redact import gazetteer as gazetteer_mod
from woo_redact.nlp import build_nlp_engine
from woo_redact.recognizers.names import SpeakerRecognizer
from woo_redact.recognizers.ner import DutchNerRecognizer

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "nl_woo_ner"


@pytest.fixture(scope="module")
def gaz():
    return gazetteer_mod.load()


def _ruler_model(tmp_path_factory, name: str, patterns: list[str]) -> Path:
    nlp = spacy.blank("nl")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PER", "pattern": p} for p in patterns])
    path = tmp_path_factory.mktemp("model") / name
    nlp.to_disk(path)
    return path


def _names(model: Path, text: str) -> list[str]:
    engine = build_nlp_engine(model)
    ner = DutchNerRecognizer(model=model)
    return sorted(text[r.start:r.end]
                  for r in ner.analyze(text, ["PERSON"], engine.process_text(text, "nl")))


CASES = [
    # a surname that web text makes frequent, but no dictionary has, stays after a first name
    ("Het dossier is overgedragen aan Kevin Campbell van de afdeling Juridische Zaken.",
     "Kevin Campbell", ["Kevin Campbell"]),
    # after a capitalised interfix any capitalised word is the surname
    ("In het overleg lichtte Sofie De Groot het voorstel toe.",
     "Sofie De Groot", ["Sofie De Groot"]),
    # a listed surname after a first name, however frequent as a word
    ("De melding kwam binnen via Jan Koning van het wijkteam.", "Jan Koning", ["Jan Koning"]),
    # a regnal number
    ("De brief van Willem III aan de Staten is in het archief gevonden.",
     "Willem III", ["Willem III"]),
    # a rarer ordinary word after a listed first name is a surname ...
    ("Het verslag is opgesteld door Ruben Kroeg en daarna rondgestuurd.",
     "Ruben Kroeg", ["Ruben Kroeg"]),
    # ... a frequent one is not
    ("Volgens Lotte Vandaag is het overleg verplaatst.", "Lotte Vandaag", ["Lotte"]),
    # a name ends where a bracket opens; one word in brackets is an organisation or a party
    ("Namens de aanvrager sprak Fleur Dijkstra (Peeters Advies) over de planning.",
     "Fleur Dijkstra (Peeters", ["Fleur Dijkstra"]),
    # two people joined by "en" or a comma are two names
    ("Bij de inspectie waren Emma Vos en Daan Mulder aanwezig.",
     "Emma Vos en Daan Mulder", ["Daan Mulder", "Emma Vos"]),
    ("Bij de inspectie waren Emma Vos, Daan Mulder aanwezig.",
     "Emma Vos, Daan Mulder", ["Daan Mulder", "Emma Vos"]),
    # ... but "Surname, First name" is one
    ("Contactpersoon is Jansen, Pieter van team Handhaving.", "Jansen, Pieter",
     ["Jansen, Pieter"]),
    ("Contactpersoon is Van der Berg, Jan van team Handhaving.", "Van der Berg, Jan",
     ["Van der Berg, Jan"]),
    # a lower-case role before the name is no part of it
    ("Volgens schipper Mulder lag de boot al dagen in de haven.", "schipper Mulder",
     ["Mulder"]),
    # nor is a nationality, nor a compound role
    ("Op het bureau verklaarde de Marokkaan Youssef Amrani dat hij niets had gezien.",
     "Marokkaan Youssef Amrani", ["Youssef Amrani"]),
    ("Het bezwaar is gericht aan Unie-voorzitter Anna Bos en haar team.",
     "Unie-voorzitter Anna Bos", ["Anna Bos"]),
    # a first name that ends like a nationality is still a first name
    ("Op het bureau verklaarde de getuige Adriaan Smit dat hij niets had gezien.",
     "Adriaan Smit", ["Adriaan Smit"]),
    # after a first name and its interfix a capitalised word is the surname, however
    # ordinary a word it is too
    ("Gesproken met Henk ter Haar (ploegleider) over het ongeval.", "Henk ter Haar",
     ["Henk ter Haar"]),
    # a rare lone word that is no ordinary word is a surname
    ("Na de hoorzitting belde Petrov terug over de termijn.", "Petrov", ["Petrov"]),
    # a hyphenated surname that opens with an interfix is judged by what follows it
    ("Na afloop verklaarde El-Khatib dat de vergunning ontbrak.", "El-Khatib", ["El-Khatib"]),
    # inhabitants of a place and abbreviations are not
    ("De gemeente heeft de Antillianen in de wijk uitgenodigd.", "Antillianen", []),
    ("Het besluit valt onder de Awb en moet binnen zes weken worden genomen.", "Awb", []),
    # a Flemish town is a place
    ("De zending is doorgestuurd naar Antwerpen voor verdere afhandeling.", "Antwerpen", []),
]


@pytest.mark.parametrize("text,tagged,expected", CASES, ids=[c[1] for c in CASES])
def test_ner_name_boundaries(tmp_path_factory, text, tagged, expected):
    model = _ruler_model(tmp_path_factory, "boundary_ner", [tagged])
    assert _names(model, text) == expected


def test_dictionary_words_are_not_just_frequent_words(gaz):
    # "campbell" and "hamilton" are frequent on the web, as names; "trekker" is a word
    assert gaz.zipf("campbell") >= 3.0 and not gaz.is_dictionary_word("campbell")
    assert gaz.is_dictionary_word("trekker") and gaz.is_dictionary_word("markt")
    assert gaz.is_dictionary_word("de") and gaz.is_dictionary_word("bakker")


def test_flemish_towns_and_countries_are_places(gaz):
    assert gaz.is_place("antwerpen") and gaz.is_place("brussel") and gaz.is_place("spanje")
    assert gaz.is_place("den haag")
    # first names among the town names stay names
    assert not gaz.is_place("veerle") and not gaz.is_place("mark")


def test_flemish_interfixes(gaz):
    assert gaz.is_interfix("vande") and gaz.is_interfix("vanden") and gaz.is_interfix("vander")


def test_speakers_in_minutes(gaz):
    text = ("Verslag overleg handhaving\n"
            "Onderwerp: subsidie buurthuis\n"
            "Datum: 3 mei 2024\n"
            "De Vries: Ik stel voor dat we de aanvraag aanhouden.\n"
            "Kowalski: Akkoord, mits de stukken compleet zijn.\n"
            "Besluit: de aanvraag wordt aangehouden.\n"
            "Actiepunt: Bakker belt de aanvrager.\n"
            "Subject: reactie op het besluit\n")
    got = [text[r.start:r.end]
           for r in SpeakerRecognizer(gazetteer=gaz).analyze(text, ["PERSON"])]
    assert got == ["De Vries", "Kowalski"]


@pytest.mark.skipif(not (MODEL / "config.cfg").is_file(), reason="models/nl_woo_ner not built")
def test_conll_headline_is_the_pipeline_with_propagation(monkeypatch):
    from woo_redact.detect import Detector
    from woo_redact.eval_names import our_person_predictors
    from woo_redact.model import Finding

    text = ("Het gesprek met mevrouw Sanne Oosterhuis verliep goed .\n"
            "Later die week stuurde Oosterhuis de stukken na .")
    first = text.index("Sanne Oosterhuis")

    def one_name(self, doc):  # the detectors find the full name only
        return [Finding("PERSON", first, first + 16, doc.text[first:first + 16], 0.9, "test")]

    monkeypatch.setattr(Detector, "analyze", one_name)
    systems = our_person_predictors()
    second = text.rindex("Oosterhuis")
    assert systems["ours (detectors only)"](text) == [(first, first + 16)]
    # the headline runs propagation, as Pipeline.propose does on every document
    assert sorted(systems["ours"](text)) == [(first, first + 16), (second, second + 10)]
