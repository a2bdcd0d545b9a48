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
    parts = needle.split()
    if not parts:
        return []
    pattern = occurrence_pattern(needle)
    low = _lower(text)
    if len(low) != len(text):  # a character whose lower case is longer: offsets would drift
        return [m.span() for m in pattern.finditer(text)]
    # A case-insensitive regex scans the text at Python speed; find the first part with
    # str.find and let the regex judge only there. Verification counts every removed
    # string in every output, so this is on the hot path.
    first = parts[0].lower()
    out = []
    i = low.find(first)
    while i != -1:
        m = pattern.match(text, i)
        if m:
            out.append(m.span())
            i = low.find(first, m.end())
        else:
            i = low.find(first, i + 1)
    return out


@lru_cache(maxsize=8)
def _lower(text: str) -> str:
    return text.lower()


def count_occurrences(text: str, needle: str) -> int:
    return len(find_occurrences(text, needle))
