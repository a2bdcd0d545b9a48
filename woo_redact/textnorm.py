"""Finding strings in extracted text the same way in verification and evaluation."""

from __future__ import annotations

import re
from collections.abc import Iterable
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
    """Spans of ``occurrence_pattern(needle)`` in ``text``, left to right, not overlapping."""
    return find_all(text, [needle]).get(needle, [])


def find_all(text: str, needles: Iterable[str]) -> dict[str, list[tuple[int, int]]]:
    """``find_occurrences`` for many strings in one pass over the text's words.

    Verification counts every removed string (thousands in a long dossier) in the whole
    text; a scan per string made that quadratic. The strings go into a trie of their lower-
    cased words; the text's words walk it once, and only where a whole word sequence
    matches is the exact form (whitespace between the parts, word edges) checked.
    """
    out: dict[str, list[tuple[int, int]]] = {}
    words = _words(text)
    low = _lower(text)
    trie: dict = {}
    for needle in dict.fromkeys(needles):
        parts = needle.split()
        if not parts:
            out[needle] = []
            continue
        runs = list(_WORD.finditer(needle))
        if words is None or not runs or _SPECIAL.search(needle):
            out[needle] = [m.span() for m in occurrence_pattern(needle).finditer(text)]
            continue
        node = trie
        for m in runs:
            node = node.setdefault(m.group().lower(), {})
        # where the string starts, counted back from its first word ("+31 6 …", "(0)…")
        lead = runs[0].start() - (len(needle) - len(needle.lstrip()))
        node.setdefault(_END, []).append((needle, [p.lower() for p in parts], lead))
        out[needle] = []
    if not trie:
        return out
    last: dict[str, int] = {}
    starts, keys = words
    n = len(keys)
    at = _word_positions(text)
    # only where a string's first word stands: positions ascend per first word, so each
    # string's occurrences come out in order
    for first, root in trie.items():
        for i in at.get(first, ()):
            _walk(root, i, starts, keys, n, low, last, out)
    return out


def _walk(node: dict, i: int, starts: list[int], keys: list[str], n: int, low: str,
          last: dict[str, int], out: dict[str, list[tuple[int, int]]]) -> None:
    """Follow the trie from the word at ``i`` and record every string that matches there."""
    j = i + 1
    while node is not None:
        for needle, parts, lead in node.get(_END, ()):
            p = starts[i] - lead
            if p < last.get(needle, 0):
                continue  # inside this string's previous occurrence (or before the text)
            if lead and p and (low[p - 1].isalnum() or low[p - 1] == "_"):
                continue  # a string that starts with a sign must not follow a word
            end = _match_at(low, p, parts)
            if end is not None:
                out[needle].append((p, end))
                last[needle] = end
        if j >= n:
            break
        node = node.get(keys[j])
        j += 1


_END = object()


def _match_at(low: str, p: int, parts: list[str]) -> int | None:
    """End of the parts matched at ``p`` with whitespace between them and no word character
    right after (what ``occurrence_pattern`` asks; the caller checked what stands before)."""
    n = len(low)
    for k, part in enumerate(parts):
        if k:
            q = p
            while q < n and low[q].isspace():
                q += 1
            if q == p:
                return None
            p = q
        if not low.startswith(part, p):
            return None
        p += len(part)
    if p < n and (low[p].isalnum() or low[p] == "_"):
        return None
    return p


_WORD = re.compile(r"\w+")
# Letters that a case-insensitive regex equates beyond what str.lower() does (dotless i,
# long s, final sigma, micro sign…): a text or string with one takes the plain regex path.
_SPECIAL = re.compile("[\u0131\u017f\u00b5\u03bc\u0345\u03b9\u1fbe\u0390\u1fd3\u03b0"
                      "\u1fe3\u03b2\u03d0\u03b5\u03f5\u03b8\u03d1\u03ba\u03f0\u03c0"
                      "\u03d6\u03c1\u03f1\u03c2\u03c3\u03c6\u03d5\u1e61\u1e9b\ufb05"
                      "\ufb06\u212a\u212b\u2126]")


@lru_cache(maxsize=2)
def _words(text: str) -> tuple[list[int], list[str]] | None:
    """Start offset and lower case of every word; None where lower case would move offsets
    or a special letter makes lower() and the regex disagree."""
    if len(_lower(text)) != len(text) or _SPECIAL.search(text):
        return None
    starts, keys = [], []
    for m in _WORD.finditer(text):
        starts.append(m.start())
        keys.append(m.group().lower())
    return starts, keys


@lru_cache(maxsize=2)
def _word_positions(text: str) -> dict[str, list[int]]:
    """Indices (into ``_words``) of every word, by its lower case."""
    at: dict[str, list[int]] = {}
    for i, k in enumerate(_words(text)[1]):
        at.setdefault(k, []).append(i)
    return at


@lru_cache(maxsize=2)
def _lower(text: str) -> str:
    return text.lower()


def text_words(text: str) -> Iterable[str] | None:
    """The distinct words of ``text`` in lower case (``\\w+`` runs, as ``find_all`` matches
    them); None when the text has no word index (see ``_words``)."""
    return _word_positions(text).keys() if _words(text) is not None else None


def count_occurrences(text: str, needle: str) -> int:
    return len(find_occurrences(text, needle))


def release() -> None:
    """Drop the word indexes kept for the last texts: a long dossier's index holds tens of
    megabytes, which must not stay beside the next document."""
    _words.cache_clear()
    _word_positions.cache_clear()
    _lower.cache_clear()
