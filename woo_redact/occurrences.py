"""What counts as an occurrence of a removed string: the one definition redact and verify share.

Redaction covers every occurrence of a removed string that is not deliberately kept, and
verification counts occurrences in the written file with the same definition, so a check can
only fail on a real leak, never because the two read a string differently.

An occurrence is the string's letters and digits, in order, made up of whole tokens of the
text (a token is a run of letters or digits). Everything else (spaces, line breaks,
punctuation, hyphens) is ignored on both sides: "06-12345678" occurs in "06 1234 5678",
"J.d.V." in "JdV", "Jan de Vries" across a line break. Letters compare without case, except
that a capitalised word does not occur as an all-lower-case one: "Bakker" the person is not
"de bakker" at the market, while "BAKKER" in a heading is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .extract import boxes_for_span
from .model import CONTEXTUAL_TYPES, Box, Document, Finding
from .passages.grounds import PASSAGE_TYPES
from .spans import SpanIndex

_TOKEN = re.compile(r"[^\W_]+")

# Per removed string: how many of its occurrences may still be read (kept on purpose), and
# the boxes of its occurrences in the input.
Expected = tuple[int, list[Box]]


def key(s: str) -> str:
    """A string's letters and digits, lower case: two strings with the same key are the
    same value for redaction."""
    return "".join(_TOKEN.findall(s)).lower()


@dataclass(slots=True)
class OccurrenceIndex:
    """The tokens of one text, indexed by their lower case, to find many strings in it."""
    text: str
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    lower: list[str] = field(default_factory=list)
    at: dict[str, list[int]] = field(default_factory=dict)
    # what ``find`` answered, by needle: settling, covering and counting ask the same strings
    _found: dict[str, list[tuple[int, int]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for i, m in enumerate(_TOKEN.finditer(self.text)):
            self.starts.append(m.start())
            self.ends.append(m.end())
            low = m.group().lower()
            self.lower.append(low)
            self.at.setdefault(low, []).append(i)

    def find(self, needle: str) -> list[tuple[int, int]]:
        """Spans of the needle's occurrences, left to right, not overlapping (the list is
        shared between callers: not to be changed)."""
        got = self._found.get(needle)
        if got is None:
            got = self._found[needle] = self._find(needle)
        return got

    def _find(self, needle: str) -> list[tuple[int, int]]:
        stream = "".join(_TOKEN.findall(needle))
        if not stream:
            return []
        low = stream.lower()
        hits: list[tuple[int, int]] = []
        # every token that can open an occurrence is a prefix of the needle's letters, and
        # unless it spells all of them, the token after it goes on with the next letters
        # (tested here, not in _match: a common first word opens thousands of candidates)
        lower = self.lower
        n = len(lower)
        starts: list[int] = []
        for k in range(1, len(low) + 1):
            at = self.at.get(low[:k])
            if not at:
                continue
            if k == len(low):
                starts.extend(at)
            else:
                starts.extend(i for i in at if i + 1 < n and low.startswith(lower[i + 1], k))
        starts.sort()
        last_end = -1
        for i in starts:
            if self.starts[i] < last_end:
                continue
            end = self._match(i, stream, low)
            if end is not None:
                hits.append((self.starts[i], end))
                last_end = end
        return hits

    def spelled(self, streams: dict[str, object], longest: int) -> set[str]:
        """The keys of ``streams`` (strings' letters and digits in lower case, as ``key``
        gives them) that consecutive tokens of the text spell: the strings that may occur
        here, each still to be confirmed by ``find``. Costs the same whatever the number of
        keys: the text's runs of tokens are looked up, not the keys searched."""
        found: set[str] = set()
        lower = self.lower
        n = len(lower)
        for i in range(n):
            run = ""
            j = i
            while j < n:
                run += lower[j]
                if len(run) > longest:
                    break
                if run in streams:
                    found.add(run)
                j += 1
        return found

    def find_all(self, needles: Iterable[str]) -> dict[str, list[tuple[int, int]]]:
        return {n: self.find(n) for n in dict.fromkeys(needles)}

    def _match(self, i: int, stream: str, low: str) -> int | None:
        """End offset when tokens from ``i`` on spell exactly the needle, else None."""
        pos = 0
        n = len(self.lower)
        while pos < len(low):
            if i >= n:
                return None
            tok = self.lower[i]
            if not low.startswith(tok, pos) or not _case_fits(stream[pos:pos + len(tok)],
                                                              self.text[self.starts[i]:
                                                                        self.ends[i]]):
                return None
            pos += len(tok)
            i += 1
        return self.ends[i - 1]


@lru_cache(maxsize=2)
def index_of(text: str) -> OccurrenceIndex:
    """The index of a text, built once for every stage that asks (detection's repeats, the
    settling and covering of occurrences, the count of what was kept); the last two texts
    are kept: a document's input and its output."""
    return OccurrenceIndex(text)


def release() -> None:
    """Drop the kept indexes (a long dossier's is tens of megabytes)."""
    index_of.cache_clear()


def _case_fits(wanted: str, written: str) -> bool:
    """A capitalised part of a name does not occur as an all-lower-case word."""
    return not (wanted[:1].isupper() and written.isalpha() and written.islower())


def occurrences(text: str, needles: Iterable[str]) -> dict[str, list[tuple[int, int]]]:
    return OccurrenceIndex(text).find_all(needles)


def uncovered_occurrences(doc: Document, findings: list[Finding],
                          index: OccurrenceIndex | None = None) -> list[Finding]:
    """A finding for every occurrence of accepted text that no finding touches yet.

    Each new finding repeats the one whose text it is (entity, ground, action, status), so
    the caller decides it like any other: the policy (an office holder's context keeps it) or
    the reviewer's acceptance of that text. Occurrences that touch a finding that is kept,
    rejected or still undecided stay as they are: that was decided there (a passage
    proposed on a content ground excepted).
    """
    index = index or index_of(doc.text)
    # a passage proposed on a content ground says nothing about the values in it: a removed
    # investigation name inside a proposed sentence goes like anywhere else
    taken = SpanIndex((f.start, f.end) for f in findings
                      if f.entity_type not in PASSAGE_TYPES or f.status == "accepted")
    out: list[Finding] = []
    seen: set[str] = set()
    for f in findings:
        if (f.status != "accepted" or f.entity_type == "SIGNATURE" or f.text in seen
                or f.entity_type in CONTEXTUAL_TYPES):
            continue
        seen.add(f.text)
        for a, b in index.find(f.text):
            if taken.overlaps(a, b):
                continue
            new = Finding(f.entity_type, a, b, doc.text[a:b], f.score,
                          f"{f.detector.split('+')[0].split(':')[0]}:occurrence",
                          boxes_for_span(doc, a, b), ground=f.ground, action=f.action,
                          reason="another occurrence of removed text", status=f.status)
            new.assign_id(doc.sha256)
            taken.add(a, b)
            out.append(new)
    return out


def kept_occurrences(doc: Document, accepted: list[Finding], removed: Iterable[str],
                     index: OccurrenceIndex | None = None
                     ) -> dict[str, Expected]:
    """Per removed string: how many of its occurrences no accepted finding touches (kept on
    purpose, e.g. an office holder of the same surname), and the boxes of all its
    occurrences in the input (where a scan's reading of it is compared)."""
    index = index or index_of(doc.text)
    covered = SpanIndex((f.start, f.end) for f in accepted)
    out: dict[str, Expected] = {}
    for s in dict.fromkeys(removed):
        spans = index.find(s)
        left = sum(1 for a, b in spans if not covered.overlaps(a, b))
        out[s] = (left, [box for a, b in spans for box in boxes_for_span(doc, a, b)])
    return out
