"""Organisation addresses stay visible: a ministry's visiting address is not personal data.

The evidence is layout: a letterhead gives street, postcode and place followed by a
"Postbus"; a meeting location names the organisation in the same sentence and line before
the street. An address where someone lives ("woont aan de ...") is never an organisation's.
"""

from __future__ import annotations

import re

ORG_WORDS = re.compile(
    r"\b(?:ministerie|gemeente|provincie|politie|rechtbank|gerechtshof|openbaar ministerie|"
    r"parket|waterschap|rijkswaterstaat|belastingdienst|inspectie|directie|dienst|agentschap|"
    r"autoriteit|raad van|college|kamer|universiteit|hogeschool|stichting|b\.?v\.?|n\.?v\.?|"
    r"bezoekadres|postadres|vestiging|kantoor|locatie)\b", re.IGNORECASE)
POSTBUS = re.compile(r"\b(?:postbus|antwoordnummer)\b", re.IGNORECASE)
# Where someone lives is personal whatever organisation the sentence or line also names.
RESIDENCE_WORDS = re.compile(
    r"\b(?:woont|wonen|woonde|woonachtig|wonende|woonadres|woonplaats|verblijft|"
    r"verblijfadres|verblijfsadres|ingeschreven|huisadres|thuisadres|privéadres|priveadres)\b",
    re.IGNORECASE)
# A sentence ends at a full stop (or ! ?) followed by a space: the organisation named in the
# sentence before ("... van de gemeente Utrecht. X woont aan de Molenstraat 12") is not the
# address's. An abbreviation ("mr. ") may cut a sentence short: the address is then
# redacted, the safe side.
SENTENCE_END = re.compile(r"[.!?]\s+")
LINES_AFTER = 2
MAX_ORG_LINE_WORDS = 8


def organisation_address(text: str, start: int, end: int) -> str | None:
    """Why an address span is an organisation's, or None."""
    line_start = text.rfind("\n", 0, start) + 1
    sentence_start = _sentence_start(text, start)
    if RESIDENCE_WORDS.search(text, sentence_start, start):
        return None
    if ORG_WORDS.search(text, max(line_start, sentence_start), start):
        return "organisation address: organisation named on the same line"
    if not text[line_start:start].strip() and line_start > 0:
        # A letterhead or signature: the line above is the organisation's name itself
        # ("Ministerie van ...", "Directie ..."), short and starting with it; not prose that
        # happens to mention an organisation before a citizen's address.
        prev_start = text.rfind("\n", 0, line_start - 1) + 1
        prev = text[prev_start:line_start].strip()
        if len(prev.split()) <= MAX_ORG_LINE_WORDS and ORG_WORDS.match(prev):
            return "organisation address: below the organisation's name"
    after = _next_lines(text, end, LINES_AFTER)
    if POSTBUS.search(after):
        return "organisation address: letterhead (followed by a Postbus address)"
    return None


def _sentence_start(text: str, pos: int, reach: int = 300) -> int:
    """Where the sentence holding ``pos`` starts (looking back at most ``reach``)."""
    lo = max(0, pos - reach)
    start = lo
    for m in SENTENCE_END.finditer(text, lo, pos):
        start = m.end()
    return start


def _next_lines(text: str, pos: int, n: int) -> str:
    stop = pos
    for _ in range(n + 1):
        nxt = text.find("\n", stop + 1)
        if nxt < 0:
            return text[pos:]
        stop = nxt
    return text[pos:stop]
