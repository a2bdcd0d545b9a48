"""Finding strings in extracted text the same way in verification and evaluation."""

from __future__ import annotations

import re
from functools import lru_cache

_WS = re.compile(r"\s+")
_WRAP = re.compile(r"(\w)-[ \t]*\n\s*(?=[a-z\u00e0-\u00ff])")


def normalize(text: str) -> str:
    """Casefold, join soft line-wrap hyphenation, collapse whitespace."""
    return _WS.sub(" ", _WRAP.sub(r"\1", text)).strip().casefold()


@lru_cache(maxsize=4096)
def occurrence_pattern(needle: str) -> re.Pattern:
    """The needle as a whole token sequence, any whitespace between its parts, any case:
    'Jan' must not count inside 'Januari'."""
    body = r"\s+".join(re.escape(p) for p in needle.split())
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def find_occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    if not needle.strip():
        return []
    return [m.span() for m in occurrence_pattern(needle).finditer(text)]


def count_occurrences(text: str, needle: str) -> int:
    return len(find_occurrences(text, needle))
