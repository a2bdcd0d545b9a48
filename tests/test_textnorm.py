"""The fast occurrence search must give exactly what the plain regex gives."""

from __future__ import annotations

import random

from woo_redact import textnorm

PIECES = ["Jan", "jan", "JAN", "Januari", " ", "\n", "\t", "\u00a0", "de", "Vries", "-", ".",
          "Jan-", "_", "9", "é", "É", "ß", "K", "ς", "İ", "(", "+31", "(0)", "06-123",
          "@minbzk.nl", "j.devries", "van", " de ", "Openbaar"]
NEEDLES = ["Jan", "de Vries", "jan de vries", "Vries.", "j.devries@minbzk.nl", "Jan-", "(Jan",
           "van de Openbaar", "de", "+31 (0)6", "(0)6", "-123", " +31", ".", "ß", "É x", ""]


def _regex(text: str, needle: str) -> list[tuple[int, int]]:
    if not needle.strip():
        return []
    return [m.span() for m in textnorm.occurrence_pattern(needle).finditer(text)]


def test_find_all_equals_the_regex_on_random_texts():
    rnd = random.Random(5)
    for _ in range(4000):
        text = "".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 40)))
        needles = rnd.sample(NEEDLES, rnd.randint(1, 6))
        found = textnorm.find_all(text, needles)
        for needle in needles:
            assert found[needle] == _regex(text, needle), (text, needle)
            assert textnorm.find_occurrences(text, needle) == _regex(text, needle)


def test_a_name_counts_as_a_whole_word_also_inside_a_mail_address_not_inside_a_word():
    text = "Jan Jansen mailde j.jansen@x.nl en Januari; JAN\nJANSEN belde."
    found = textnorm.find_all(text, ["Jan Jansen", "Jan", "Jansen"])
    assert [text[a:b] for a, b in found["Jan Jansen"]] == ["Jan Jansen", "JAN\nJANSEN"]
    assert len(found["Jan"]) == 2  # not in "Januari"
    assert [a for a, _ in found["Jansen"]] == [4, 20, 48]  # "j.jansen@" gives the name away


def test_span_index_answers_as_the_pairwise_test():
    from woo_redact.spans import SpanIndex
    rnd = random.Random(9)
    spans = [(a, a + rnd.randint(1, 600)) for a in (rnd.randint(0, 5000) for _ in range(300))]
    index = SpanIndex(spans)
    for _ in range(3000):
        a = rnd.randint(0, 5600)
        b = a + rnd.randint(1, 40)
        assert index.overlaps(a, b) == any(s < b and a < e for s, e in spans)
        assert index.contains(a, b) == any(s <= a and b <= e for s, e in spans)
