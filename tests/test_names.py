"""PERSON detection: name rules, name lists, office holders, propagation, NER windows."""

from __future__ import annotations

import pickle
import time
from pathlib import Path

import pytest
import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

from conftest import ROOT, make_pdf
from woo_redact import gazetteer
from woo_redact.extract import extract
from woo_redact.model import Finding
from woo_redact.nlp import ModelMissingError, build_nlp_engine, load_token_pipeline, model_path
from woo_redact.office_holders import OfficeHolders, normalise
from woo_redact.policy import load_policy
from woo_redact.propagate import NameBook, parse_person, propagate, propagate_findings
from woo_redact.recognizers import names as N
from woo_redact.recognizers.names.base import parse_name
from woo_redact.recognizers.names.email_address import names_from_email
from woo_redact.recognizers.names_registry import NAME_RECOGNIZERS
from woo_redact.recognizers.ner import DutchNerRecognizer


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.load()


def found(recognizer, text: str) -> list[str]:
    return [text[r.start:r.end] for r in recognizer.analyze(text, ["PERSON"], None)]


# --- gazetteer -----------------------------------------------------------------------------

def test_gazetteer_lists_come_from_packages(gaz):
    assert len(gaz.first_names) > 10_000 and len(gaz.surnames) > 8_000
    assert gaz.is_first_name("Fatima") and gaz.is_surname("Jansen") and gaz.is_surname("Vries")
    assert gaz.is_interfix("van der") and gaz.is_place("den haag")


def test_gazetteer_common_word_filter(gaz):
    for word in ("Bakker", "Visser", "Koning", "Groen", "Wit"):
        assert gaz.is_surname(word) and gaz.is_common_word(word), word
        assert not gaz.is_distinctive_name(word)
    for word in ("Jansen", "Leijten", "Dekker"):
        assert gaz.is_distinctive_name(word), word
    assert gaz.is_common_word("Justitie") and not gaz.is_common_word("Omtzigt")


def test_gazetteer_warm_load_is_fast(gaz):
    gazetteer.load()  # make sure the pickle exists in the cache dir
    if not list(gazetteer.cache_dir().glob("gazetteer-*.pickle")):
        pytest.skip("cache directory not writable here")
    t0 = time.perf_counter()
    again = gazetteer.load(cache=gazetteer.cache_dir())
    assert time.perf_counter() - t0 < 0.5
    assert again.first_names == gaz.first_names


def test_gazetteer_recognizer_needs_more_than_a_common_surname(gaz):
    rec = N.GazetteerNameRecognizer(gazetteer=gaz)
    text = ("Bakker ging naar de bakker. Het advies van Visser komt later. "
            "Mark Bakker en Koning belden. De Koning opende het overleg.")
    got = {text[r.start:r.end]: r.score for r in rec.analyze(text, ["PERSON"], None)}
    assert "Mark Bakker" in got and got["Mark Bakker"] >= 0.5
    assert not {"Bakker", "Visser", "Koning"} & set(got)


# --- rules: e-mail headers, signatures, titles, lists --------------------------------------

def test_a_name_line_with_a_comma_and_a_function_after_it(gaz):
    # "J. Jansen, rechercheur": the comma ends the name; it is no "Jansen, Jan" form (this
    # once raised an error that stopped a whole run)
    rec = N.SignatureBlockRecognizer(gazetteer=gaz)
    for text, name in [("Groet,\nJ. Jansen, rechercheur\n", "J. Jansen"),
                       ("Met vriendelijke groet,\nP. de Vries, adviseur\n", "P. de Vries")]:
        assert found(rec, text) == [name]
    assert parse_name("Vries, J. de, adviseur", 0, 22, gaz) == (0, 12)


def test_email_header_fields(gaz):
    rec = N.EmailHeaderNameRecognizer(gazetteer=gaz)
    text = ("Van: Jansen, Jan <jan.jansen@minvws.nl>\n"
            "Verzonden: maandag 14 september 2020 13:55\n"
            "Aan: Pieter de Vries <p.devries@minjenv.nl>; Bakker, M.; 'Fatima El Idrissi' "
            "<f.elidrissi@minvws.nl>;\n"
            "    Secretariaat DGO <secretariaat.dgo@minvws.nl>; Karin Smit\n"
            "CC: Vries, J. de; Klaas Visser, Anna Groen\n"
            "Verzonden namens: Team Woo\n"
            "Onderwerp: FW: Jan Pietersen\n")
    got = found(rec, text)
    assert got == ["Jansen, Jan", "Pieter de Vries", "Bakker, M.", "Fatima El Idrissi",
                   "Karin Smit", "Vries, J. de", "Klaas Visser", "Anna Groen"]


def test_signature_block_takes_the_name_line_only(gaz):
    rec = N.SignatureBlockRecognizer(gazetteer=gaz)
    text = ("Dank voor je reactie.\n\nMet vriendelijke groet,\n\n\ndrs. Anna Pietersen\n"
            "Senior beleidsmedewerker\nDirectie Wetgeving\n")
    assert found(rec, text) == ["Anna Pietersen"]
    text2 = ("Hoogachtend,\n\nDe minister van Volksgezondheid, Welzijn en Sport,\n\n"
             "Hugo de Jonge\n")
    assert found(rec, text2) == ["Hugo de Jonge"]
    assert found(rec, "Groet,\nJan\n") == ["Jan"]
    assert found(rec, "Met vriendelijke groet,\n\nDirectie Wetgeving\nAfdeling Juridische Zaken\n") == []


def test_titles_and_salutations(gaz):
    rec = N.TitleNameRecognizer(gazetteer=gaz)
    text = ("Zoals besproken met de heer Van der Berg en mw. drs. A. de Vries. Mevrouw Bakker "
            "en dhr. Visser komen ook. De heer de minister is akkoord. Geachte heer/mevrouw, "
            "het park levert 500 MW Windenergie. ING Bank betaalt. Geachte mevrouw Voorzitter,")
    assert found(rec, text) == ["Van der Berg", "A. de Vries", "Bakker", "Visser"]
    sal = N.SalutationRecognizer(gazetteer=gaz)
    assert found(sal, "Beste Jan,\nHoi Fatima!\nBeste collega's,\nGeachte Voorzitter,\n") == \
        ["Jan", "Fatima"]


def test_attendee_lists(gaz):
    rec = N.AttendeeListRecognizer(gazetteer=gaz)
    text = ("Aanwezig:\n- Jan Jansen (VWS)\n- Karin Smit, RIVM\n- LCI, RIVM\n"
            "Afwezig: Piet Mulder en Ahmed Bakkali\nNotulist: Sanne de Groot\n\n"
            "Aanleiding:\nDe motie is ingediend door de Kamer.\n")
    assert found(rec, text) == ["Jan Jansen", "Karin Smit", "Piet Mulder", "Ahmed Bakkali",
                                "Sanne de Groot"]


def test_initials_and_surname(gaz):
    rec = N.InitialsNameRecognizer(gazetteer=gaz)
    text = ("Uitgenodigd: J.M. van der Berg, A. El Idrissi en Th. Jansen-de Vries. "
            "Zie bijlage A. Inleiding en bijlage B. Daarnaast belde H. Bakker.")
    assert found(rec, text) == ["J.M. van der Berg", "A. El Idrissi", "Th. Jansen-de Vries",
                                "H. Bakker"]


def test_capitalised_interfix(gaz):
    rec = N.CapitalisedInterfixRecognizer(gazetteer=gaz)
    text = ("Van den Berg stelt voor het te doen. De Kamer heeft besloten. De Jong heeft "
            "gebeld. In Den Haag en De Bilt is overleg met De Nederlandsche Bank. Met Jan de Vries.")
    got = found(rec, text)
    assert "Van den Berg" in got and "De Jong" in got
    assert not {"De Kamer", "Den Haag", "De Bilt", "De Nederlandsche"} & set(got)


# --- names spelled in e-mail addresses -----------------------------------------------------

def test_names_from_email_local_parts(gaz):
    assert names_from_email("jan.vanderberg", gaz) == ("Jan", "van der", "Berg")
    assert names_from_email("j.m.jansen", gaz) == ("J.M.", "", "Jansen")
    assert names_from_email("jan.de.vries", gaz) == ("Jan", "de", "Vries")
    assert names_from_email("secretariaat.dgo", gaz) is None
    assert names_from_email("woo.verzoeken", gaz) is None


def test_email_derived_names_are_found_in_the_text(gaz):
    rec = N.EmailDerivedNameRecognizer(gazetteer=gaz)
    text = ("Van: jan.vanderberg@minbzk.nl\nAan: p.jansen@rijksoverheid.nl\n"
            "Jan van der Berg heeft met Van der Berg en met P. Jansen gesproken. "
            "Jansen was het eens. De berg werk is groot.")
    got = found(rec, text)
    assert got == ["Jan van der Berg", "Van der Berg", "P. Jansen", "Jansen"]


# --- office holders ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def holders(gaz):
    return OfficeHolders(OfficeHolders.from_file().holders, gazetteer=gaz)


def keep(holders, text: str, name: str, nth: int = 0) -> str | None:
    i = -1
    for _ in range(nth + 1):
        i = text.index(name, i + 1)
    return holders.reason_to_keep(text, i, i + len(name), name)


def test_office_holder_role_context(holders):
    assert keep(holders, "Motie ingediend door het lid Leijten.", "Leijten") == \
        "office holder: role context 'het lid'"
    assert "minister" in keep(holders, "Volgens minister De Jonge is dat niet nodig.", "De Jonge")
    text = "De motie van de leden Omtzigt en Leijten werd aangenomen."
    assert "de leden" in keep(holders, text, "Omtzigt")
    assert "de leden" in keep(holders, text, "Leijten")
    assert "staatssecretaris" in keep(
        holders, "De staatssecretaris van Financiën, Marnix van Rij, schrijft", "Marnix van Rij")
    assert "minister" in keep(holders, "Hoogachtend,\n\nDe minister van Volksgezondheid, "
                                       "Welzijn en Sport,\n\nHugo de Jonge", "Hugo de Jonge")
    assert "wethouder" in keep(holders, "Wethouder Pietersen opende het overleg.", "Pietersen")
    assert "wethouder" in keep(holders, "Piet Pietersen, wethouder van Utrecht, opende.",
                               "Piet Pietersen")


def test_office_holder_list_and_its_limits(holders):
    assert keep(holders, "Gesprek met Pieter Omtzigt over de motie.", "Pieter Omtzigt") == \
        "office holder: list (Kamerlid)"
    assert keep(holders, "Leijten stelde Kamervragen; de motie kwam later.", "Leijten")
    # civil servants are not kept, also not when they share a frequent surname with a
    # listed person (Chris Jansen, Barbara Visser) and a minister is mentioned
    assert keep(holders, "Jan Jansen van de afdeling belde de minister.", "Jan Jansen") is None
    assert keep(holders, "De minister heeft Jansen gebeld.", "Jansen") is None
    assert keep(holders, "Visser schreef dat de minister zou bellen.", "Visser") is None
    assert keep(holders, "lid van het projectteam Jansen", "Jansen") is None
    assert keep(holders, "Aan: de minister van Justitie\nVan: drs. M.A. de Boer",
                "M.A. de Boer") is None


def test_office_holders_from_own_file(tmp_path, gaz):
    f = tmp_path / "holders.txt"
    f.write_text("# local\nPietje Puk | wethouder\n", encoding="utf-8")
    oh = OfficeHolders.from_file(f)
    assert len(oh) == 1 and oh.is_office_holder("P. Puk") and not oh.is_office_holder("Omtzigt")
    assert normalise("Jonge, H. de") == "h. de jonge"


# --- propagation ---------------------------------------------------------------------------

def test_parse_person_forms(gaz):
    assert parse_person("Jansen, Jan").full == "Jan Jansen"
    p = parse_person("Vries, J. de")
    assert (p.initials, p.interfix, p.surname) == ("J.", "de", "Vries")
    assert parse_person("Van der Linden").interfix == "van der"
    assert parse_person("Jan Jansen-de Vries").surname == "Jansen-de Vries"
    assert parse_person("mevrouw drs. Bakker").surname == "Bakker"


def spans_of(text: str, names: list[str]) -> list[tuple[int, int, str]]:
    out = []
    for n in names:
        i = text.index(n)
        out.append((i, i + len(n), n))
    return out


def test_propagate_surname_title_and_interfix_forms(gaz):
    text = ("Van: Jan de Vries\nLater zei De Vries dat mevrouw Bakker ook komt. Volgens "
            "J. de Vries en de heer de Vries is dat goed. Bakker ging naar de bakker.\n"
            "Piet Jansen tekende; Jansen en JANSEN zijn dezelfde. Jansen-de Groot niet.\n"
            "Het lid Leijten vroeg het. Leijten bleef.")
    src = spans_of(text, ["Jan de Vries", "Bakker", "Piet Jansen", "Leijten"])
    extra = propagate(text, src, is_office_holder=lambda n: n == "Leijten", gazetteer=gaz)
    got = [text[s:e] for s, e, _ in extra]
    assert got == ["De Vries", "J. de Vries", "de Vries", "Jansen", "JANSEN"]
    # "Bakker" at a sentence start is the common word's position: not propagated there,
    # while "mevrouw Bakker" (the source) was found by the detector
    assert all(text[s:e] != "Bakker" for s, e, _ in extra)


def test_propagate_first_name_only_when_unambiguous(gaz):
    text = "Fatima Amrani schreef. Later antwoordde Fatima nog. Jan de Vries belde; Jan kwam."
    extra = [text[s:e] for s, e, _ in propagate(text, spans_of(text, ["Fatima Amrani",
                                                                        "Jan de Vries"]),
                                                  gazetteer=gaz)]
    assert "Fatima" in extra and "Jan" in extra
    text2 = text + " Jan Pietersen is een andere Jan."
    extra2 = [text2[s:e] for s, e, _ in propagate(text2, spans_of(text2, ["Fatima Amrani",
                                                                           "Jan de Vries"]),
                                                    gazetteer=gaz)]
    assert "Fatima" in extra2 and "Jan" not in extra2


def test_sign_off_first_name_above_a_header_is_propagated(gaz):
    text = "Wijbenga, Sjoerd schreef.\nIk handel het af.\nSjoerd\nVan:\nDe Graaf, Els"
    extra = [text[s:e] for s, e, _ in propagate(text, spans_of(text, ["Wijbenga, Sjoerd"]),
                                                  gazetteer=gaz)]
    assert "Sjoerd" in extra


def test_namebook_dossier_propagation_and_pickle(gaz):
    book = NameBook()
    book.add("Karin Visser")
    book.add("drs. A. van Dam")
    other = NameBook()
    other.add("Dam, A. van")  # the same person, Outlook order
    other.add("Ahmed Bakkali")
    book.merge(pickle.loads(pickle.dumps(other)))
    assert len(book) == 3
    text = "Visser schreef aan Van Dam. De visser ving vis. A. van Dam en mevrouw Visser. Bakkali."
    got = [text[s:e] for s, e, _ in propagate(text, [], book, gazetteer=gaz)]
    assert got == ["Van Dam", "A. van Dam", "Visser", "Bakkali"]


def test_propagate_findings_on_a_real_pdf(tmp_path, holders):
    pdf = make_pdf(tmp_path / "mail.pdf", [
        [(72, 72, "Van: Jansen, Jan <jan.jansen@minvws.nl>"),
         (72, 100, "Mevrouw Bakker belde. Jansen was er niet."),
         (72, 114, "Het lid Leijten vroeg ernaar; Leijten kreeg antwoord.")],
        [(72, 72, "Met vriendelijke groet,"), (72, 100, "Jan Jansen"),
         (72, 114, "Beleidsmedewerker")]])
    doc = extract(str(pdf))
    text = doc.text
    seed = []
    for name in ("Jansen, Jan", "Bakker", "Leijten"):
        i = text.index(name)
        seed.append(Finding("PERSON", i, i + len(name), name, 0.85, "test-seed"))
    out = propagate_findings(doc, seed, None, holders)
    new = out[len(seed):]
    assert [f.text for f in new] == ["Jansen", "Jan Jansen"]
    assert all(f.boxes and f.id and f.detector == "NamePropagation" for f in new)
    assert {b.page for b in new[1].boxes} == {1}
    # after the policy decided (office holders kept), the dossier carries the names on
    decided = load_policy().decide(out, text, holders)
    assert {f.text: f.action for f in decided}["Leijten"] == "keep"
    book = NameBook()
    book.add_findings(decided, text)
    assert "jan jansen" in book.names and not any("leijten" in k for k in book.names)


# --- NLP engine and NER windows ------------------------------------------------------------

@pytest.fixture(scope="module")
def rule_ner_model(tmp_path_factory) -> Path:
    """A real spaCy pipeline on disk whose 'NER' is an entity ruler: deterministic PER spans
    to test windowing and offset mapping without a trained model."""
    nlp = spacy.blank("nl")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([
        {"label": "PER", "pattern": "Sanne Hoekstra"},
        {"label": "PER", "pattern": "Jeroen Kuipers"},
        {"label": "PER", "pattern": [{"LOWER": "de"}, {"LOWER": "heer"}, {"TEXT": "Bakker"}]},
        {"label": "PER", "pattern": "Strategie"},
        {"label": "PER", "pattern": "pietje"},
        {"label": "ORG", "pattern": "Nationale Politie"},
    ])
    path = tmp_path_factory.mktemp("model") / "rule_ner"
    nlp.to_disk(path)
    return path


PAGE = ("Beslisnota\n\nAan: de minister\nVan: afdeling Strategie\n\n"
        "De uitzondering is noodzakelijk omdat publicatie van modellen die gebruikt worden in "
        "lopende onderzoeken criminelen informatie kan geven over de werkwijze van de politie. "
        "Jeroen Kuipers van de Nationale Politie heeft de passages gecontroleerd. Dat zou "
        "lopende onderzoeken kunnen dwarsbomen en daarom is er overleg gevoerd met pietje en "
        "met de heer Bakker. Volgens Sanne Hoekstra kan een groot deel openbaar worden gemaakt, "
        "mits de technische details van de modellen worden weggelaten uit de registratie.\n")


def test_missing_model_names_make_model(tmp_path):
    with pytest.raises(ModelMissingError, match="make model"):
        model_path(tmp_path / "nope")
    with pytest.raises(ModelMissingError, match="make model"):
        DutchNerRecognizer(model=tmp_path / "nope")


def test_token_engine_has_no_trained_components(rule_ner_model):
    engine = build_nlp_engine(rule_ner_model)
    nlp = engine.get_nlp("nl")
    assert "entity_ruler" not in nlp.pipe_names
    art = engine.process_text("Mevrouw Bakker belde de Collega's.", "nl")
    assert list(art.entities) == []
    assert [t.text for t in art.tokens][:2] == ["Mevrouw", "Bakker"]
    assert load_token_pipeline(rule_ner_model).pipe_names == []


def test_ner_windows_map_back_to_page_offsets(rule_ner_model):
    engine = build_nlp_engine(rule_ner_model)
    art = engine.process_text(PAGE, "nl")
    ner = DutchNerRecognizer(model=rule_ner_model)
    got = sorted(PAGE[r.start:r.end] for r in ner.analyze(PAGE, ["PERSON"], art))
    # "de heer" is cut off, "Strategie" (an ordinary word) is dropped, and "pietje" is never
    # looked at: lower case, no title before it, so outside every window
    assert got == ["Bakker", "Jeroen Kuipers", "Sanne Hoekstra"]
    covered = sum(e - s for s, e in ner.windows(art.tokens))
    assert covered < 0.7 * len(art.tokens)
    res = ner.analyze(PAGE, ["PERSON"], art)[0]
    assert res.analysis_explanation.recognizer == "DutchNerRecognizer"
    # without artifacts the recognizer tokenises by itself, with the same result
    assert sorted(PAGE[r.start:r.end] for r in ner.analyze(PAGE, ["PERSON"], None)) == got


def test_recognizers_run_inside_presidio(rule_ner_model, gaz):
    registry = RecognizerRegistry(supported_languages=["nl"])
    for cls in NAME_RECOGNIZERS:
        registry.add_recognizer(cls(model=rule_ner_model) if cls is DutchNerRecognizer else cls())
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=build_nlp_engine(rule_ner_model),
                              supported_languages=["nl"])
    text = ("Van: Jansen, Jan <jan.jansen@minvws.nl>\nIk sprak collega Leijten over de heer "
            "Bakker.\nBeheer: Rijkswaterstaat West-Nederland Zuid")
    results = analyzer.analyze(text, language="nl", entities=["PERSON"])
    by_text = {text[r.start:r.end]: r for r in results}
    assert by_text["Jansen, Jan"].recognition_metadata["recognizer_name"] == \
        "EmailHeaderNameRecognizer"
    # a list-only surname is weak evidence, raised by the context word "collega"
    assert by_text["Leijten"].score >= 0.5
    assert "Rijkswaterstaat" not in by_text
    assert "Bakker" in by_text


MODEL = ROOT / "models" / "nl_woo_ner"


@pytest.mark.skipif(not (MODEL / "config.cfg").is_file(), reason="models/nl_woo_ner not built")
def test_trained_model_smoke():
    engine = build_nlp_engine(MODEL)
    ner = DutchNerRecognizer(model=MODEL)
    text = ("Op dinsdag sprak Jeroen Kuipers van de Nationale Politie in Utrecht met Fatima "
            "El Amrani over de aanpak. Volgens Sanne Hoekstra is het voorstel haalbaar.")
    results = ner.analyze(text, ["PERSON"], engine.process_text(text, "nl"))
    got = {text[r.start:r.end] for r in results}
    assert got & {"Jeroen Kuipers", "Fatima El Amrani", "Sanne Hoekstra"}
    assert not got & {"Nationale Politie", "Utrecht", "Op dinsdag"}


@pytest.fixture(scope="module")
def mistaken_ner_model(tmp_path_factory) -> Path:
    """A pipeline whose 'NER' repeats mistakes seen from trained models: spans running on
    into the next sentence, the function line or an organisation, or ordinary words."""
    nlp = spacy.blank("nl")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([
        {"label": "PER", "pattern": "Mevrouw Van der Linden van het Openbaar"},
        {"label": "PER", "pattern": "Ouahabi . Siahaya"},
        {"label": "PER", "pattern": [{"TEXT": "Priya"}, {"TEXT": "Kalloe"}, {"IS_SPACE": True},
                                     {"TEXT": "Liaison"}]},
        {"label": "PER", "pattern": "Hoogwater Lek"},
        {"label": "PER", "pattern": "Dekker-Abdulaziz"},
        {"label": "PER", "pattern": "Turfmarkt 147"},
        {"label": "PER", "pattern": "Stichting Buurtkracht"},
    ])
    path = tmp_path_factory.mktemp("model") / "mistaken_ner"
    nlp.to_disk(path)
    return path


def test_ner_entities_are_cleaned(mistaken_ner_model):
    text = ("Volgens het rapport gaf Mevrouw Van der Linden van het Openbaar Ministerie advies. "
            "Het lid Dekker-Abdulaziz stelde vragen.\n"
            "Overleg met Nadia Ouahabi. Siahaya was er ook.\n"
            "Priya Kalloe\nLiaison Defensie\n"
            "Hoogwater Lek treft de regio, aldus Stichting Buurtkracht aan de Turfmarkt 147.\n")
    engine = build_nlp_engine(mistaken_ner_model)
    ner = DutchNerRecognizer(model=mistaken_ner_model)
    got = [text[r.start:r.end] for r in ner.analyze(text, ["PERSON"], engine.process_text(text, "nl"))]
    assert sorted(got) == ["Dekker-Abdulaziz", "Ouahabi", "Priya Kalloe", "Siahaya",
                           "Van der Linden"]
