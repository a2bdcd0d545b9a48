"""Passages of a text: sentences within paragraphs, and lines that stand alone (an agenda
entry, a table cell, a chat message).

A line that ends without a full stop and is followed by one that starts in lower case is a
wrapped sentence and joins it; a line that starts with a time, a bullet or a label, or an
agenda's weekday, stands alone.
"""

from __future__ import annotations

import regex as re

# a sentence ends at . ! ? followed by a space and a capital, a digit or a quote
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\p{Lu}\d\"'“‘(])")
_STANDALONE = re.compile(
    r"^\s*(?:[-–•*·●]|\d{1,2}[:.]\d{2}|\[\d|\d{1,2}[-/]\d{1,2}[-/]\d{2,4}|"
    r"(?:ma|di|wo|do|vr|za|zo|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\b|"
    r"\p{Lu}[\p{L} ]{1,30}:)", re.IGNORECASE)
# a clause boundary inside a sentence: a semicolon, or a comma before a conjunction
_CLAUSE = re.compile(r";\s*|,\s+(?=(?:omdat|want|maar|terwijl|zodat|waardoor|hoewel|"
                     r"aangezien|daar|dus|en\s+(?:ik|hij|zij|ze|we|wij))\b)")


def passages(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence or stand-alone line, in order."""
    out: list[tuple[int, int]] = []
    for a, b in _paragraphs(text):
        pos = a
        for m in _SENTENCE_END.finditer(text, a, b):
            if m.start() > pos:
                out.append(_trimmed(text, pos, m.start()))
            pos = m.end()
        if pos < b:
            out.append(_trimmed(text, pos, b))
    return [(a, b) for a, b in out if b > a]


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of one passage."""
    out, pos = [], start
    for m in _CLAUSE.finditer(text, start, end):
        out.append(_trimmed(text, pos, m.start()))
        pos = m.end()
    out.append(_trimmed(text, pos, end))
    return [(a, b) for a, b in out if b > a]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    lines = text.split("\n")
    pos = 0
    for i, line in enumerate(lines):
        end = pos + len(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        joins = (line.strip() and nxt.strip() and not re.search(r"[.!?:]\s*$", line)
                 and nxt.lstrip()[:1].islower() and not _STANDALONE.match(nxt))
        if not joins:
            out.append((start, end))
            start = end + 1
        pos = end + 1
    return out


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
