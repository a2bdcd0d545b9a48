"""The one definition of an occurrence that redaction and verification share."""

from __future__ import annotations

import random
import re

from woo_redact.model import Box, Document, Finding, Page, Word
from woo_redact.occurrences import (OccurrenceIndex, kept_occurrences, key,
                                    uncovered_occurrences)

TOKEN = re.compile(r"[^\W_]+")


def _brute(text: str, needle: str) -> list[tuple[int, int]]:
    """Every run of whole tokens whose letters and digits spell the needle, left to right."""
    want = "".join(TOKEN.findall(needle))
    toks = list(TOKEN.finditer(text))
    out, last = [], -1
    for i, t in enumerate(toks):
        if t.start() < last or not want:
            continue
        got, j = "", i
        while j < len(toks) and len(got) < len(want):
            part = toks[j].group()
            wanted = want[len(got):len(got) + len(part)]
            if wanted[:1].isupper() and part.isalpha() and part.islower():
                break
            got += part
            j += 1
        if got.lower() == want.lower():
            out.append((t.start(), toks[j - 1].end()))
            last = toks[j - 1].end()
    return out


PIECES = ["Jan", "jan", "JAN", "Januari", " ", "\n", "-", ".", "de", "De", "Vries", "vries",
          "06", "1234", "5678", "(", ")", "J", "d", "V", "EE", "e", "é", "É", "_", "@x.nl"]
NEEDLES = ["Jan", "de Vries", "Jan de Vries", "06-12345678", "J.d.V.", "JdV", "EE", "jan",
           "(Jan)", "1234 5678", "É", "Vries.", "", "..."]


def test_find_agrees_with_a_brute_force_reading_of_the_definition():
    rnd = random.Random(3)
    for _ in range(3000):
        text = "".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 30)))
        index = OccurrenceIndex(text)
        for needle in rnd.sample(NEEDLES, 4):
            assert index.find(needle) == _brute(text, needle), (text, needle)


def test_punctuation_and_spacing_do_not_matter_letters_and_digits_do():
    text = "Bel 06 1234 5678 of mail J.d.V. (JdV); niet 06-12345679. Jan\nde Vries kwam."
    index = OccurrenceIndex(text)
    assert [text[a:b] for a, b in index.find("06-12345678")] == ["06 1234 5678"]
    assert [text[a:b] for a, b in index.find("JdV")] == ["J.d.V", "JdV"]
    assert [text[a:b] for a, b in index.find("Jan de Vries")] == ["Jan\nde Vries"]
    assert index.find("Jan de Vriesje") == []


def test_a_capitalised_name_is_not_the_lower_case_word():
    text = "Mevrouw Bakker sprak met de bakker; BAKKER stond op de lijst. Januari."
    found = [text[a:b] for a, b in OccurrenceIndex(text).find("Bakker")]
    assert found == ["Bakker", "BAKKER"]
    assert OccurrenceIndex(text).find("Jan") == []  # never inside a word


def test_key_is_letters_and_digits_in_lower_case():
    assert key("J.d.V.") == key("jdv") == "jdv"
    assert key("06-123 45") == "0612345"


def _doc(text: str) -> Document:
    return Document(path="x.pdf", sha256="0", pages=[], words=[], text=text, char_word=[],
                    word_start=[], word_text_len=[])


def test_kept_occurrences_counts_only_occurrences_no_accepted_finding_touches():
    text = "Mevrouw Bakker belde. Minister Bakker antwoordde. Bakker sloot af."
    accepted = [Finding("PERSON", a, a + 6, "Bakker", 1.0, "test") for a in (8, 50)]
    left, _places = kept_occurrences(_doc(text), accepted, ["Bakker"])["Bakker"]
    assert left == 1  # the minister's stays


def test_uncovered_occurrences_repeat_accepted_text_except_where_decided_otherwise():
    text = "Bakker belde. Minister Bakker antwoordde. Later belde Bakker weer."
    accepted = Finding("PERSON", 0, 6, "Bakker", 0.9, "NerRecognizer", ground="5.1.2e",
                       action="redact", status="accepted")
    kept = Finding("PERSON", 23, 29, "Bakker", 0.9, "NerRecognizer", action="keep",
                   status="rejected", reason="office holder")
    new = uncovered_occurrences(_doc(text), [accepted, kept])
    assert [(f.start, f.text, f.status, f.ground) for f in new] == [
        (54, "Bakker", "accepted", "5.1.2e")]
    assert new[0].detector == "NerRecognizer:occurrence"


def test_a_proposed_passage_does_not_shield_a_removed_value_inside_it():
    text = "Onderzoek Zandloper loopt. Stand van zaken onderzoek Zandloper en voorstel actiedag."
    name = Finding("INVESTIGATION_NAME", 10, 19, "Zandloper", 0.9, "Inv", ground="5.1.2c",
                   action="redact", status="accepted")
    passage = Finding("INVESTIGATION_DETAIL", 27, len(text), text[27:], 0.6, "Passage",
                      ground="5.1.2c", action="propose", status="proposed")
    new = uncovered_occurrences(_doc(text), [name, passage])
    assert [(f.start, f.text) for f in new] == [(text.rindex("Zandloper"), "Zandloper")]


# -- verification reads with the same definition --------------------------------------------

def test_a_bracket_half_under_a_box_is_no_text_left_under_it(tmp_path, pipeline):
    from conftest import make_pdf
    src = make_pdf(tmp_path / "chat.pdf", [[
        (72, 100, "[21:02] Noor: bel me op (06-24681357) of (0031 6 2468 1357) vanavond"),
        (72, 120, "[21:04] Sem: prima, ik bel (06-24681357) straks")]])
    res = pipeline.process(str(src), tmp_path / "out")
    assert res.status == "done", res.reason
    out = pipeline.extract(res.output).text
    assert "24681357" not in out.replace(" ", "") and "2468 1357" not in out


def test_every_occurrence_of_removed_text_is_covered_before_verification(tmp_path, pipeline):
    """A removed value is removed wherever it stands, also where no detector saw it: here
    the second, bare code after the investigation's name is only known as the same text."""
    from conftest import make_pdf
    src = make_pdf(tmp_path / "memo.pdf", [[
        (72, 100, "Het onderzoek 26Lemon loopt sinds maart."),
        (72, 120, "Stand van zaken: (26Lemon) wacht op de officier.")]])
    res = pipeline.process(str(src), tmp_path / "out")
    assert res.status == "done", res.reason
    assert "lemon" not in pipeline.extract(res.output).text.lower()


def _ocr_doc(words: list[tuple[str, float, float]]) -> Document:
    from woo_redact.extract import build_document
    page = Page(0, 600, 800, [Word(t, Box(0, x, y, x + 8 * len(t), y + 10), 0, i,
                                   source="ocr", conf=90.0)
                              for i, (t, x, y) in enumerate(words)], ocr=True)
    return build_document("x.pdf", "0", [page])


def test_on_a_scan_only_readings_where_the_string_stood_or_under_a_box_count():
    from woo_redact.redact import Mark
    out = _ocr_doc([("Vor:", 50, 100), ("Verzonden:", 50, 120)])
    elsewhere = [Box(0, 300, 400, 330, 410)]
    assert not verify_output_text(out, {"Vor": (0, elsewhere)}, [])
    here = [Box(0, 49, 99, 80, 111)]
    assert verify_output_text(out, {"Vor": (0, here)}, [])
    under = [Mark(Box(0, 45, 95, 90, 115), "5.1.2e")]
    assert verify_output_text(out, {"Vor": (0, elsewhere)}, under)
    # on a text layer every reading counts
    text = build_text_doc([("Vor:", 50, 100)])
    assert verify_output_text(text, {"Vor": (0, elsewhere)}, [])


def verify_output_text(out: Document, expected, marks) -> list[str]:
    from woo_redact.verify import readable_removed_text
    return readable_removed_text(out, expected, list(marks))


def build_text_doc(words: list[tuple[str, float, float]]) -> Document:
    from woo_redact.extract import build_document
    page = Page(0, 600, 800, [Word(t, Box(0, x, y, x + 8 * len(t), y + 10), 0, i)
                              for i, (t, x, y) in enumerate(words)])
    return build_document("x.pdf", "0", [page])
