"""The dossier names of a batch: what each document contributes, and the merged book.

A document's contribution is its person findings reduced to what ``NameBook.add_findings``
looks at, and what it calls places or organisations, so the book is built by the propagation
module's own rules, in document-number order, exactly as a one-process dossier run would
build it.
"""

from __future__ import annotations

import hashlib
import json
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
