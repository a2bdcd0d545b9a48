"""What kind of document a text is, as far as content grounds care.

5.2.1 (personal policy opinions) applies to documents for internal deliberation only: a
Kamerbrief, a decision to a citizen, a press release, a council information letter or a
published report is the body's public position. The kind is read from the text's own
marks: addressee, salutation and closing, headers, titles.
"""

from __future__ import annotations

import regex as re

PUBLIC = "public"  # a position the body published or sent out as its own
INTERNAL = "internal"  # mail, notes, chats, minutes, advice, agendas

_PUBLIC_MARKS = [
    # a letter to parliament
    re.compile(r"(?i)\bvoorzitter\s+van\s+de\s+(?:tweede|eerste)\s+kamer\b|"
               r"\bhierbij\s+(?:informeer|stuur|bied)\s+ik\s+(?:uw|de)\s+kamer\b|"
               r"\buw\s+kamer\b.{0,80}\b(?:informeren|toegezegd)\b"),
    # a press release
    re.compile(r"(?i)^\s*persbericht\b|\bnoot\s+(?:voor|aan)\s+de\s+redactie\b", re.MULTILINE),
    # a decision or letter to a citizen or company, with its legal remedy
    re.compile(r"(?i)\b(?:tegen\s+dit\s+besluit|bezwaar\s+maken|kunt\s+u\s+bezwaar|"
               r"een\s+bezwaarschrift\s+indienen|beroep\s+instellen)\b"),
    # a council information letter, a published report
    re.compile(r"(?i)^\s*raadsinformatiebrief\b|^\s*inspectierapport\b|"
               r"^\s*(?:openbaar\s+)?rapport\s+van\s+bevindingen\b", re.MULTILINE),
]
# a mail's or chat's own header: such a document forwarding a public letter stays internal
_MAIL_OR_CHAT = re.compile(
    r"(?im)^\s*(?:van|from|onderwerp|subject|verzonden|sent)\s*:|"
    r"^\s*\[?\d{1,2}[-/]\d{1,2}[-/]\d{2,4}[, ]+\d{1,2}:\d{2}")


def document_kind(text: str) -> str:
    """PUBLIC or INTERNAL; a document that shows no mark is taken as internal (the marks of
    a public document are few and clear)."""
    head = text[:6000]
    tail = text[-3000:]
    for mark in _PUBLIC_MARKS:
        if mark.search(head) or mark.search(tail):
            if not _MAIL_OR_CHAT.search(head[:400]):
                return PUBLIC
    return INTERNAL
