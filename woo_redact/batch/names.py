"""The dossier names of a batch: what each document contributes, and the merged book.

A document's contribution is its person findings reduced to what ``NameBook.add_findings``
looks at, so the book is built by the propagation module's own rules, in document-number
order, exactly as a one-process dossier run would build it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from ..model import Finding

_KEEP = ("entity_type", "text", "score", "action", "status")


def contribution(doc, findings: list[Finding]) -> list[dict]:
    del doc  # the book reads finding texts only
    return [{k: getattr(f, k) for k in _KEEP} for f in findings
            if f.entity_type == "PERSON"]


def build_book(contributions: Iterable[str | list[dict] | None]):
    """(NameBook, digest); the digest changes only when the set of names does."""
    from ..propagate import NameBook

    book = NameBook()
    for c in contributions:
        items = json.loads(c) if isinstance(c, str) else (c or [])
        book.add_findings([Finding(d["entity_type"], 0, 0, d["text"], float(d["score"]),
                                   "batch", action=d.get("action"),
                                   status=d.get("status") or "proposed") for d in items])
    names = sorted((p.key, p.full, p.first, p.initials, p.interfix, p.surname) for p in book)
    digest = hashlib.sha256(json.dumps(names, ensure_ascii=False).encode()).hexdigest()[:16]
    return book, digest
