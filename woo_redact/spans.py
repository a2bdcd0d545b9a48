"""Which of many short text spans a new span meets: findings against findings in long texts.

A 500-page dossier holds tens of thousands of findings; testing each new span against all of
them made detection quadratic. Spans are short next to the text, so they are kept in buckets
of text positions and a question looks only at the buckets it touches.
"""

from __future__ import annotations

from collections.abc import Iterable

BUCKET = 256


class SpanIndex:
    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._buckets: dict[int, list[tuple[int, int]]] = {}
        for a, b in spans:
            self.add(a, b)

    def add(self, a: int, b: int) -> None:
        for k in range(a // BUCKET, max(a, b - 1) // BUCKET + 1):
            self._buckets.setdefault(k, []).append((a, b))

    def overlaps(self, a: int, b: int) -> bool:
        """Some span shares a character with [a, b)."""
        for k in range(a // BUCKET, max(a, b - 1) // BUCKET + 1):
            for s, e in self._buckets.get(k, ()):
                if s < b and a < e:
                    return True
        return False

    def contains(self, a: int, b: int) -> bool:
        """Some span holds all of [a, b) (such a span covers position ``a``)."""
        return any(s <= a and b <= e for s, e in self._buckets.get(a // BUCKET, ()))
