"""Public names for documents: a file's own name, with every string the run redacted
anywhere in the dossier (and every part of a redacted person's name) replaced by its ground,
so that a name like ``brief-jansen.docx`` does not carry a person into the inventory."""

from __future__ import annotations

import json
import re
from pathlib import Path

SEPARATORS = r"[\s_.\-]+"
MIN_PART = 4  # shorter name parts ("de", "van", "Jan") are too common to strike alone


def removed_terms(internal_log: Path) -> dict[str, str]:
    """term → ground, from the internal grounds log of the run (the removed text)."""
    terms: dict[str, str] = {}
    if not internal_log.is_file():
        return terms
    with open(internal_log, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            text = " ".join(str(row.get("text") or "").split())
            if row.get("status") != "accepted" or len(text) < 3:
                continue
            ground = row.get("ground") or "5.1.2e"
            terms.setdefault(text, ground)
            if row.get("entity_type") == "PERSON":
                for part in re.split(r"[\s.,]+", text):
                    if len(part) >= MIN_PART and part[0].isupper():
                        terms.setdefault(part, ground)
    return terms


class Namer:
    def __init__(self, terms: dict[str, str]):
        self.patterns = []
        for term in sorted(terms, key=len, reverse=True):
            words = [re.escape(w) for w in re.split(r"[\s_.\-]+", term) if w]
            if words:
                self.patterns.append((re.compile(r"(?<![^\W\d_])" + SEPARATORS.join(words)
                                                 + r"(?![^\W\d_])", re.IGNORECASE),
                                      terms[term]))

    def public(self, name: str) -> str:
        for pattern, ground in self.patterns:
            name = pattern.sub(f"[{ground}]", name)
        return name
