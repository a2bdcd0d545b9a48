"""Organisation addresses and general numbers stay visible: a ministry's visiting address
or switchboard number is not personal data.

The evidence for an address is layout: a letterhead gives street, postcode and place
followed by a "Postbus", or sits below the organisation's name; a meeting location names the
organisation in the same sentence and line before the street. An address where someone lives
("woont aan de ...") is never an organisation's. For a phone number it is the words just
before it (organisation_phone).
"""

from __future__ import annotations

import re

ORG_WORDS = re.compile(
    r"\b(?:ministerie|gemeente|provincie|politie|rechtbank|gerechtshof|openbaar ministerie|"
    r"parket|waterschap|rijkswaterstaat|belastingdienst|inspectie|directie|dienst|agentschap|"
    r"autoriteit|raad van|college|kamer|universiteit|hogeschool|stichting|b\.?v\.?|n\.?v\.?|"
    r"bezoekadres|postadres|vestiging|kantoor|locatie)\b", re.IGNORECASE)
# A letterhead line may open with a compound of those words ("Arrondissementsparket
# Amsterdam", "Belastingdienst", "Regiokantoor Noord", "Raad voor de Kinderbescherming").
ORG_NAME_START = re.compile(
    r"\w*(?:parket|dienst|kantoor|inspectie|politie|rechtbank|autoriteit|agentschap|raad|"
    r"ministerie|veiligheidsregio|ggd)\b", re.IGNORECASE)
# The street and number before a postcode on its line ("Parnassusweg 220, 1076 AV").
STREET_BEFORE_POSTCODE = re.compile(r"[^\d\n]{2,60}?[ \t]\d{1,5}[ \t]?[A-Za-z]?(?:-\w{1,4})?"
                                    r"[ \t]*[,|]?[ \t]*")
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
    head = text[line_start:start]
    if line_start > 0 and (not head.strip() or STREET_BEFORE_POSTCODE.fullmatch(head)):
        # A letterhead or signature: the line above is the organisation's name itself
        # ("Ministerie van ...", "Directie ..."), short and starting with it; not prose that
        # happens to mention an organisation before a citizen's address. The address starts
        # the line, or its street does and this is the postcode after it.
        prev_start = text.rfind("\n", 0, line_start - 1) + 1
        prev = text[prev_start:line_start].strip()
        if len(prev.split()) <= MAX_ORG_LINE_WORDS and (ORG_WORDS.match(prev)
                                                        or ORG_NAME_START.match(prev)):
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


# -- phone numbers ---------------------------------------------------------------------------
# An organisation's general number is no personal data either; a civil servant's direct or
# mobile line is. The evidence is a word that names the line as the organisation's own
# (switchboard, control room, customer contact centre), or a sentence that sends the reader to
# an organisation or team rather than to a person, close before the number.

SWITCHBOARD_WORDS = re.compile(
    r"\b(?:hoofdnummer|(?:algeme(?:en|ne)|centrale)\s+(?:telefoon)?nummer|receptie|"
    r"telefooncentrale|"
    r"meldkamer|klantcontactcentrum|servicenummer|informatienummer|publieksnummer|"
    r"klantenservice)\b", re.IGNORECASE)
# "Neem contact op met het Woo-team", "u kunt contact opnemen met de afdeling", "bel de
# gemeente": the reader is sent to an organisation or one of its units. Only the request to
# the reader counts: "melder nam contact op met de politie via 070 ..." may be the melder's
# own number. An article is required: "contact met Jansen" names a person.
CONTACT_ORGANISATION = re.compile(
    r"\b(?:neem(?:t)?\s+(?:u\s+)?(?:dan\s+|gerust\s+|even\s+)?contact\s+op|"
    r"contact\s+(?:opnemen|op\s+te\s+nemen)|bel(?:t)?(?:\s+u)?)\s+(?:met\s+)?"
    r"(?:het|de|ons)\s+"
    r"(?:[\w-]*(?:team|loket|servicepunt)|afdeling|"
    r"ministerie|gemeente|provincie|politie|rechtbank|gerechtshof|parket|waterschap|"
    r"rijkswaterstaat|belastingdienst|inspectie|directie|dienst|agentschap|autoriteit)\b",
    re.IGNORECASE)
# Between the cue and the number: anything that makes it a person's line, or another number
# that the cue belongs to.
PERSONAL_LINE = re.compile(
    r"\b(?:ik|mij|me|mijn|hij|hem|direct(?:e|eur)?|rechtstreeks|doorkies\w*|"
    r"mobiel\w*|privé|prive|persoonlijk\w*|thuis|contactpersoon|behandelaar|collega|"
    r"medewerker|heer|mevrouw|dhr|mw|mevr|vraag\s+naar)\b|(?:\d[ \t.-]?){5}|"
    r"(?-i:\b[A-Z]\.[ \t]?(?:[A-Z]\.[ \t]?)*(?:van |de |der |den )*[A-Z][a-z])",
    re.IGNORECASE)
MAX_WORDS_BETWEEN = 6
# Right after the number: "070 373 8888 (algemeen)", "(receptie)".
SWITCHBOARD_AFTER = re.compile(
    r"[ \t]*\((?:algemeen|receptie|centrale|hoofdnummer|meldkamer)\)", re.IGNORECASE)
_MOBILE = re.compile(r"(?:\+|00)?(?:31)?0?6")
_LOWERCASE_WORD = re.compile(r"\b[a-zà-ÿ]{2,}\b")


def organisation_phone(text: str, start: int, end: int) -> str | None:
    """Why a phone number is an organisation's general number, or None."""
    if _is_mobile(text[start:end]):
        return None  # a mobile is someone's own phone, never a switchboard
    if SWITCHBOARD_AFTER.match(text, end):
        return "organisation number: marked as the general line after the number"
    sentence_start = _sentence_start(text, start)
    for cue, why in ((SWITCHBOARD_WORDS, "organisation number: general line"),
                     (CONTACT_ORGANISATION, "organisation number: the reader calls the "
                                            "organisation")):
        hit = None
        for hit in cue.finditer(text, sentence_start, start):
            pass  # the cue nearest the number
        if hit is not None and _cue_reaches(text, hit, start):
            return f"{why} ('{' '.join(hit.group().split())}')"
    return None


def _is_mobile(number: str) -> bool:
    digits = "".join(ch for ch in number.replace("(0)", "") if ch.isdigit() or ch == "+")
    return bool(_MOBILE.match(digits))


def _cue_reaches(text: str, cue: re.Match, start: int) -> bool:
    """The cue speaks of this number: close before it, nothing personal or another number
    in between, and on the number's line unless a sentence runs on over the line break (a
    signature's "Meldkamer Haaglanden" above "T 070 ..." is a person's department)."""
    between = text[cue.end():start]
    if len(between.split()) > MAX_WORDS_BETWEEN or PERSONAL_LINE.search(between):
        return False
    if "\n" not in between:
        return True
    line_start = text.rfind("\n", 0, cue.start()) + 1
    return bool(_LOWERCASE_WORD.search(text, line_start, cue.start()))
