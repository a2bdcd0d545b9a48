from pathlib import Path

import pymupdf
import pytest

from conftest import FIXTURES, make_pdf
from woo_redact.errors import BadInput
from woo_redact.extract import boxes_for_span, extract, order_blocks, page_spans


def test_hyphenated_wrap_joins_number_and_double_surname(tmp_path: Path):
    pdf = make_pdf(tmp_path / "wrap.pdf", [[
        (72, 100, "Het parketnummer is 09/123456-"),
        (72, 114, "23 en de zaak ligt bij mevrouw Jansen-"),
        (72, 128, "El Amrani van de rijks-"),
        (72, 142, "overheid."),
    ]])
    doc = extract(str(pdf))
    assert "09/123456-23" in doc.text
    assert "Jansen-El Amrani" in doc.text
    assert "rijksoverheid" in doc.text  # a soft wrap hyphen is dropped
    i = doc.text.index("09/123456-23")
    boxes = boxes_for_span(doc, i, i + len("09/123456-23"))
    assert len(boxes) == 2 and boxes[0].y0 < boxes[1].y0  # both line parts are covered


def test_wrap_before_an_interfix_keeps_the_double_surname(tmp_path: Path):
    pdf = make_pdf(tmp_path / "dubbel.pdf", [[
        (72, 100, "Contactpersoon is mevrouw A. de Boer-"),
        (72, 114, "van Dam van de afdeling ver-"),
        (72, 128, "van de stukken en het over-"),
        (72, 142, "de pand."),
    ]])
    doc = extract(str(pdf))
    assert "de Boer-van Dam" in doc.text
    # an ordinary word broken before "van" or "de" is still joined
    assert "vervan" in doc.text and "overde" in doc.text


def test_a_dash_at_a_line_end_does_not_glue_the_next_line(tmp_path: Path):
    pdf = make_pdf(tmp_path / "dash.pdf", [[(72, 100, "Met vriendelijke groet, --"),
                                            (72, 114, "Mark Visser")]])
    doc = extract(str(pdf))
    assert "--\nMark Visser" in doc.text


def test_page_break_split_identifier_maps_to_both_pages(tmp_path: Path):
    pdf = make_pdf(tmp_path / "pb.pdf", [[(72, 780, "Registratienummer PL0900-")],
                                         [(72, 60, "2023123456 is de zaak.")]])
    doc = extract(str(pdf))
    i = doc.text.index("PL0900-2023123456")
    boxes = boxes_for_span(doc, i, i + len("PL0900-2023123456"))
    assert sorted(b.page for b in boxes) == [0, 1]
    assert len(page_spans(doc)) == 2


def test_partial_word_box_is_narrower_than_word(tmp_path: Path):
    pdf = make_pdf(tmp_path / "p.pdf", [[(72, 100, "BSN:123456782 staat hier")]])
    doc = extract(str(pdf))
    i = doc.text.index("123456782")
    (box,) = boxes_for_span(doc, i, i + 9)
    word = doc.words[0].box
    assert word.x0 < box.x0 and box.x1 <= word.x1


def test_two_columns_read_column_by_column():
    # two text columns whose paragraphs do not line up: left column first
    boxes = {0: (50, 100, 280, 160), 1: (320, 110, 550, 180), 2: (50, 170, 280, 260),
             3: (320, 190, 550, 300), 4: (50, 40, 550, 80)}
    assert order_blocks(boxes, 600) == [4, 0, 2, 1, 3]


def test_table_cells_read_row_by_row():
    boxes = {0: (50, 100, 150, 112), 1: (330, 100, 450, 112), 2: (50, 120, 150, 132),
             3: (330, 120, 450, 132), 4: (160, 100, 290, 112), 5: (160, 120, 290, 132)}
    assert order_blocks(boxes, 600) == [0, 4, 1, 2, 5, 3]


@pytest.mark.parametrize("name,kind", [("not-a-pdf.pdf", "not_pdf"), ("empty.pdf", "empty"),
                                       ("encrypted.pdf", "encrypted"),
                                       ("truncated.pdf", "corrupt"),
                                       ("zero-pages.pdf", "no_pages")])
def test_bad_inputs_have_a_clear_reason(name: str, kind: str):
    path = FIXTURES / "bad" / name
    assert path.exists(), "bad-input fixtures missing: run python fixtures/generate.py"
    with pytest.raises(BadInput) as e:
        extract(str(path))
    assert e.value.kind == kind


def test_text_outside_the_visible_page_is_seen(tmp_path: Path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "zichtbaar", fontsize=10)
    page.insert_text((72, -50), "verstopt@voorbeeld.nl", fontsize=10)
    doc.save(tmp_path / "hidden.pdf")
    assert "verstopt@voorbeeld.nl" in extract(str(tmp_path / "hidden.pdf")).text
