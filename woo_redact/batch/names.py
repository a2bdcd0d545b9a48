"""The dossier names of a batch: what each document contributes, and the merged book.

A document's contribution is its person findings reduced to what ``NameBook.add_findings``
looks at, and what it calls places or organisations, so the book is built by the propagation
module's own rules, in document-number order, exactly as a one-process dossier run would
build it.
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections.abc import Iterable

from ..model import Finding

_KEEP = ("entity_type", "text", "score", "action", "status", "reason")


def contribution(doc, findings: list[Finding]) -> dict:
    from .. import gazetteer
    from ..named_places import learn

    from ..propagate import NameBook

    values = NameBook()
    values.add_values(findings)
    values.add_contacts(findings)
    return {"persons": [{k: getattr(f, k) for k in _KEEP} for f in findings
                        if f.entity_type == "PERSON"],
            "places": sorted(learn(doc.text, gazetteer.load())),
            "values": sorted([t, e, g] for t, (e, g) in values.values.items()),
            "contacts": sorted(values.contacts)}


def build_book(contributions: Iterable[str | list[dict] | None]):
    """(NameBook, digest); the digest changes only when the set of names does."""
    from ..office_mentions import holders_of
    from ..propagate import NameBook

    book = NameBook()
    for c in contributions:
        items = json.loads(c) if isinstance(c, str) else (c or [])
        if isinstance(items, list):  # a manifest written before places were kept
            items = {"persons": items, "places": []}
        persons = [Finding(d["entity_type"], 0, 0, d["text"], float(d["score"]), "batch",
                           action=d.get("action"), status=d.get("status") or "proposed",
                           reason=d.get("reason") or "") for d in items["persons"]]
        book.add_findings(persons)
        book.places.update(items["places"])
        for text, entity, ground in items.get("values", []):
            book.values.setdefault(text, (entity, ground))
        book.contacts.update(items.get("contacts", []))
        book.holders.update({h.person.full: h.reason for h in holders_of(persons)})
    names = sorted((p.key, p.full, p.first, p.initials, p.interfix, p.surname) for p in book)
    digest = hashlib.sha256(json.dumps([names, sorted(book.places), sorted(book.holders),
                                        sorted(book.values), sorted(book.contacts)],
                                       ensure_ascii=False).encode()).hexdigest()[:16]
    return book, digest


# -- the inverted index: which finished documents the names of a rerun can reach ---------------
# A document is indexed by its words (``\w+`` and the letter-and-digit tokens of the
# occurrence model, lower case) and by the first RUN_CHARS letters and digits of the runs of
# tokens that start at each token: a removed value of that length or longer can only occur
# where its own first RUN_CHARS stand. Keys are 32-bit hashes: a collision can only make a
# document be checked again, never skipped.
RUN_CHARS = 8
_WORDS = re.compile(r"\w+")


def _key(kind: str, s: str) -> int:
    return zlib.crc32(f"{kind}{s}".encode("utf-8"))


def text_keys(text: str) -> list[int] | None:
    """The index keys of a document's text; None when its words cannot be indexed the way
    the name lookup reads them (letters whose lower case changes the text's length)."""
    from ..occurrences import OccurrenceIndex
    from ..textnorm import text_words

    if text_words(text) is None:
        return None
    keys = {_key("w", m.group().lower()) for m in _WORDS.finditer(text)}
    tokens = OccurrenceIndex(text).lower
    keys.update(_key("w", t) for t in tokens)
    n = len(tokens)
    for i in range(n):
        run, j = tokens[i], i + 1
        while len(run) < RUN_CHARS and j < n:
            run += tokens[j]
            j += 1
        if len(run) >= RUN_CHARS:
            keys.add(_key("r", run[:RUN_CHARS]))
    return sorted(keys)


def reaching_keys(old, new) -> set[int]:
    """Keys of every document in which a difference between two name books (``NameBook``)
    can change what is found: a person's surname (as ``could_occur_in`` looks it up), a
    removed value's first letters and digits, every word of a place or an office holder."""
    from ..occurrences import key as occurrence_key

    keys: set[int] = set()
    for k in set(old.names) | set(new.names):
        for p in (old.names.get(k), new.names.get(k)):
            if p is None or old.names.get(k) == new.names.get(k):
                continue
            first = _WORDS.search(p.surname)
            if first:
                w = first.group().lower()
                keys.update((_key("w", w), _key("w", w + "s")))
    for text in set(old.values) | set(new.values):
        if old.values.get(text) == new.values.get(text):
            continue
        stream = occurrence_key(text)
        if len(stream) >= RUN_CHARS:
            keys.add(_key("r", stream[:RUN_CHARS]))
        else:  # the token an occurrence starts with is one of the value's beginnings
            keys.update(_key("w", stream[:i]) for i in range(1, len(stream) + 1))
    for place in old.places ^ new.places:
        keys.update(_key("w", w.lower()) for w in _WORDS.findall(place))
    for name in set(old.holders) | set(new.holders):
        if old.holders.get(name) != new.holders.get(name):
            keys.update(_key("w", w.lower()) for w in _WORDS.findall(name))
    return keys
