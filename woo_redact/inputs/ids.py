"""Stable document, family and thread IDs.

An ID is a nine-digit number, derived from a key (the document's relative path in the dossier
and its content hash), so that a rerun of the same dossier gives the same IDs. Numbers, not
letters: the VWS publication platform matches released files to inventory rows by a purely
alphanumeric ID (leading ``[a-zA-Z0-9-]+`` of the file name), and reads the Family and
Email Thread ID columns as positive integers stored in 32-bit database columns, while a
family is named by its head document's ID. Nine digits stay below 2**31 and never start
with 0.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

LOW, SPAN = 100_000_000, 900_000_000


def number_for(key: str) -> str:
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return str(LOW + int.from_bytes(digest[:8], "big") % SPAN)


def assign(keys: Iterable[str]) -> dict[str, str]:
    """One distinct ID per key. On a collision the key that sorts later is hashed again with
    a counter, so the outcome does not depend on the order the keys come in."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for key in sorted(set(keys)):
        n, candidate = 0, number_for(key)
        while candidate in taken:
            n += 1
            candidate = number_for(f"{key}\0{n}")
        taken.add(candidate)
        out[key] = candidate
    return out


def document_key(rel: str, sha256: str) -> str:
    return f"doc\0{rel}\0{sha256}"


def thread_number(thread_key: str) -> str:
    return number_for(f"thread\0{thread_key}")
