"""Real annotated text from the shared data: ParlaMint-NL (silver) and Europeana (partial gold).

Both come as JSONL with character spans. Labels we do not train (MISC) and, for Europeana,
capitalised tokens outside any entity are marked *missing* rather than *outside*: the
Europeana annotation is known to be incomplete, so an unlabelled capitalised word may well be
an entity, and teaching the model that it is not would cost recall.
"""

from __future__ import annotations

import random

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import sources
from .docs import spans_to_doc

LABELS = {"PER", "ORG", "LOC"}


def parlamint(nlp: Language) -> list[Doc]:
    docs = []
    path = sources.data_path("parlamint-nl", "parlamint_nl_ner.jsonl.gz")
    for row in sources.read_jsonl_gz(path):
        spans = [(s, e, label) for s, e, label in row["entities"] if label in LABELS]
        misc = [(s, e) for s, e, label in row["entities"] if label not in LABELS]
        docs.append(spans_to_doc(nlp, row["text"], spans, missing_chars=misc))
    return docs


def europeana(nlp: Language, rng: random.Random, limit: int, max_tokens: int = 80) -> list[Doc]:
    """Pseudo-sentences that carry at least one entity, capitalised unlabelled words missing."""
    candidates = []
    path = sources.data_path("europeana-ner-nl", "enp_nl_kb_ner.jsonl.gz")
    for row in sources.read_jsonl_gz(path):
        if row["entities"] and row["n_tokens"] <= max_tokens:
            candidates.append(row)
    # Sentences with a person first: PER is what the model is for.
    with_per, without_per = [], []
    for row in candidates:
        has_per = any(label == "PER" for _, _, label in row["entities"])
        (with_per if has_per else without_per).append(row)
    rng.shuffle(with_per)
    rng.shuffle(without_per)
    chosen = (with_per + without_per)[:limit]
    docs = []
    for row in chosen:
        doc = spans_to_doc(nlp, row["text"], [tuple(x) for x in row["entities"]])
        docs.append(_capitalised_outside_as_missing(doc))
    return docs


def _capitalised_outside_as_missing(doc: Doc) -> Doc:
    ents = list(doc.ents)
    covered = {i for ent in ents for i in range(ent.start, ent.end)}
    missing = [
        Span(doc, tok.i, tok.i + 1)
        for tok in doc
        if tok.i not in covered and tok.i > 0 and tok.text[:1].isupper()
        and not doc[tok.i - 1].text in {".", "!", "?", ":"}
    ]
    doc.set_ents(ents, missing=missing, default="outside")
    return doc
