"""Turning text with character spans into spaCy Docs, and cutting run-time-shaped windows."""

from __future__ import annotations

import random

from spacy.language import Language
from spacy.tokens import Doc, Span


def spans_to_doc(
    nlp: Language,
    text: str,
    spans: list[tuple[int, int, str]],
    missing_chars: list[tuple[int, int]] | None = None,
) -> Doc:
    """A Doc with entities aligned to tokens.

    Spans are widened to whole tokens ("Jansens" for the possessive of "Jansen", "BZK/DGOO"
    for two abbreviations in one token); overlapping spans after widening are merged when
    they share a label and dropped (left missing) when they do not.
    """
    doc = nlp.make_doc(text)
    aligned: list[Span] = []
    for start, end, label in sorted(spans):
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None or not span.text.strip():
            continue
        span = _trim(doc, span, label)
        if span is None:
            continue
        if aligned and span.start < aligned[-1].end:
            previous = aligned.pop()
            if previous.label_ == label:
                aligned.append(Span(doc, previous.start, max(previous.end, span.end), label=label))
            continue
        aligned.append(span)
    missing = []
    covered = {i for span in aligned for i in range(span.start, span.end)}
    for start, end in missing_chars or []:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            missing.extend(Span(doc, i, i + 1) for i in range(span.start, span.end) if i not in covered)
    doc.set_ents(aligned, missing=missing, default="outside")
    return doc


EDGE_NOISE = {",", ";", ":", "(", ")", '"', "'", "„", "”", "“", "-", "–", "?", "!"}


def _trim(doc: Doc, span: Span, label: str) -> Span | None:
    # Source spans sometimes carry a neighbouring comma or quote (Europeana's tokens do).
    start, end = span.start, span.end
    while start < end and (doc[start].is_space or _noise(doc, start, start, end)):
        start += 1
    # A separate "." token is sentence punctuation: initials keep their dot inside the token.
    while end > start and (doc[end - 1].is_space or doc[end - 1].text == "." or _noise(doc, end - 1, start, end)):
        end -= 1
    return Span(doc, start, end, label=label) if end > start else None


def _noise(doc: Doc, i: int, start: int, end: int) -> bool:
    """Edge punctuation, except a bracket that closes or opens inside the name ("(Samira)")."""
    text = doc[i].text
    if text not in EDGE_NOISE:
        return False
    if text in "()":
        texts = [t.text for t in doc[start:end]]
        surplus = texts.count("(") - texts.count(")")
        return surplus > 0 if text == "(" else surplus < 0
    return True


def anchors(doc: Doc) -> list[int]:
    """Tokens the run-time detector centres its windows on: capitalised words."""
    return [t.i for t in doc if t.text[:1].isupper() and any(ch.isalpha() for ch in t.text)]


def window(doc: Doc, rng: random.Random, centre: int) -> Doc | None:
    """A run-time-shaped fragment around `centre`: ±2–9 tokens, often clipped to its line.

    The window is widened so it never cuts an entity in two (a cut entity would be a label
    the detector never needs to produce).
    """
    left = centre - rng.randint(2, 9)
    right = centre + 1 + rng.randint(2, 9)
    if rng.random() < 0.5:
        for i in range(centre - 1, max(left, 0) - 1, -1):
            if "\n" in doc[i].text:
                left = i + 1
                break
        for i in range(centre + 1, min(right, len(doc))):
            if "\n" in doc[i].text:
                right = i
                break
    left, right = max(left, 0), min(right, len(doc))
    for ent in doc.ents:
        if ent.start < left < ent.end:
            left = ent.start
        if ent.start < right < ent.end:
            right = ent.end
    while left < right and doc[left].is_space:
        left += 1
    while right > left and doc[right - 1].is_space:
        right -= 1
    if right - left < 1 or (left == 0 and right == len(doc)):
        return None
    return doc[left:right].as_doc()
