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
from functools import lru_cache

from . import gazetteer
from .recognizers.checksums import digits_only
from .trade_names import TRADES_AS, repeats_owner, words_of

ORG_WORDS = re.compile(
    r"\b(?:ministerie|gemeente|provincie|politie|rechtbank|gerechtshof|openbaar ministerie|"
    r"parket|waterschap|wetterskip|provinsje|rijkswaterstaat|belastingdienst|inspectie|"
    # the Caribbean public bodies: "Openbaar Lichaam Bonaire", "Public Entity Saba"
    r"openbaar lichaam|openbare lichamen|public entity|bestuurscollege|eilandsraad|"
    r"island council|kabinet van de gezaghebber|"
    r"directie|dienst|agentschap|"
    r"autoriteit|raad van|college|kamer|universiteit|hogeschool|stichting|ziekenhuis|"
    r"huisartsenpost|zorggroep|"
    # a legal form, not the letters of a postcode ("4731 BV Zuiderwaard")
    r"(?<!\d{4} )(?<!\d{4})(?:b\.?v\.?|n\.?v\.?)|"
    r"bezoekadres|postadres|vestiging|kantoor|locatie|directoraat(?:-generaal)?|\w*bureau|"
    r"gemeentehuis|stadhuis|stadskantoor|raadhuis|"
    r"provinciehuis|gerechtsgebouw)\b", re.IGNORECASE)
# The address as an apposition to the organisation, in a sentence that runs over a line
# break: "verhoord in het politiebureau Schiedam,\nLange Nieuwstraat 33".
ORG_APPOSITION = re.compile(ORG_WORDS.pattern + r"(?-i:[ \t]+[A-ZÀ-Þ][\w'-]*){0,3}[ \t]*,\s*$",
                            re.IGNORECASE)
# A letterhead line may open with a compound of those words ("Arrondissementsparket
# Amsterdam", "Belastingdienst", "Regiokantoor Noord", "Raad voor de Kinderbescherming").
ORG_NAME_START = re.compile(
    r"\w*(?:parket|dienst|kantoor|inspectie|politie|rechtbank|autoriteit|agentschap|raad|"
    r"ministerie|veiligheidsregio|ggd)\b", re.IGNORECASE)
# Not a firm named after its partners ("Smit & Bos Advocaten" below "mr. A. Smit"): that
# block addresses a person, and the firm's name is theirs. Its own letterhead line shows it
# by a functional mailbox (_general_contact_on_line).
# Lines between the organisation's name and the address line that do not break the block:
# the street above its postcode line, and "t.a.v. het bestuur" in an addressee block.
_STREET_AND_NUMBER = r"[^\d\n]{2,60}?[ \t]\d{1,5}[ \t]?[A-Za-z]?(?:-\w{1,4})?[ \t]*"
STREET_LINE = re.compile(_STREET_AND_NUMBER)
FOR_ATTENTION = re.compile(r"(?:t\.?[ \t]?a\.?[ \t]?v\.?|ter attentie van|attn?\.?)[ \t:]",
                           re.IGNORECASE)
MAX_LINES_UP = 3
# A PO box is an organisation's post address, never where someone lives; its number may
# carry a thousands dot ("Postbus 10.000").
POSTBUS_BEFORE = re.compile(r"\b(?:postbus|antwoordnummer)[ \t]+\d{1,3}(?:\.?\d{3})*[ \t]*[,|]?"
                            r"[ \t]*$", re.IGNORECASE)
# The organisation's general contact on the address's own line: a functional mailbox
# (organisation_mailbox), a public service number, or a number marked "(receptie)".
POSTCODE_ON_LINE = re.compile(r"(?<!\d)[1-9]\d{3}[ \t]?[A-Z]{2}\b")
EMAIL_ON_LINE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# The street and number before a postcode on its line ("Parnassusweg 220, 1076 AV").
STREET_BEFORE_POSTCODE = re.compile(_STREET_AND_NUMBER + r"[,|]?[ \t]*")
POSTBUS = re.compile(r"\b(?:postbus|antwoordnummer)\b", re.IGNORECASE)
POSTBUS_LINE = re.compile(r"(?:postbus|antwoordnummer|p\.?o\.?[ \t]?box)[ \t]+\d{1,3}(?:\.?\d{3})*",
                          re.IGNORECASE)
# An organisation or unit by its abbreviation alone on the line above an address ("KCHN")
_ACRONYM_LINE = re.compile(r"[A-Z]{2,6}(?:[ \t]+[A-Z]{2,6})?")
# An organisation's acronym and then its unit's name: "RIVM Centrum Gezondheid en
# Maatschappij", "UWV Werkbedrijf", "RIVM-LCI" (a person's initials carry full stops)
ACRONYM_AND_UNIT = re.compile(r"[A-Z]{3,6}[ \t]+[A-Z][a-zà-ÿ]{2,}|[A-Z]{2,6}-[A-Z]{2,6}\b")
# Where someone lives is personal whatever organisation the sentence or line also names.
RESIDENCE_WORDS = re.compile(
    r"\b(?:woont|wonen|woonde|woonachtig|wonende|woonadres|woonplaats|verblijft|"
    r"verblijfadres|verblijfsadres|ingeschreven|huisadres|thuisadres|privéadres|priveadres)\b",
    re.IGNORECASE)
# "Locatie: Kerkweg 40": an agenda's field holds the place of the item named above it, an
# organisation's ("Werkbezoek OSG De Vlietlanden") unless the item is at someone's home
# ("Ophalen thuis\nLocatie: Rozendaalselaan 112")
FIELD_LABEL = re.compile(r"(?i)locatie[ \t]*:")
_AT_HOME = re.compile(r"(?i)\b(?:thuis|woning|woonhuis|privé|prive|woonadres|huisadres|home|"
                      # a family farm is its farmer's home
                      r"\w*(?:houderij|boerderij)|melkvee\w*)\b")


def field_at_home(text: str, line_start: int) -> bool:
    """Do this line or the one above it say that the place is someone's home?"""
    above = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    end = text.find("\n", line_start)
    return bool(_AT_HOME.search(text, above, len(text) if end < 0 else end))


# Right before the address, a building that is no one's home: "uitbreiding asfaltcentrale
# Kanaalweg 48", "de accommodatie aan de Kreekzoomweg 4", "het clubhuis aan de …".
FACILITY_BEFORE = re.compile(
    r"\b\w*(?:centrale|fabriek|accommodatie|sporthal|sportpark|sportcomplex|clubhuis|"
    r"bedrijfspand|bedrijfshal|bedrijventerrein|kantoorpand|werkplaats|inrichting|"
    r"installatie|terminal|kazerne|gemeentewerf|milieustraat|zwembad|stadion|ijsbaan|"
    r"bibliotheek|museum|theater|schouwburg|buurthuis|wijkcentrum|gezondheidscentrum|"
    r"vergaderlocatie|evenementenlocatie)"
    r"\s+(?:(?:aan|op|in)\s+(?:de|het|'t)\s+|(?:aan|op|te)\s+)?$", re.IGNORECASE)
# Right after it, a meeting room: "Wilhelminakade 947, Rotterdam, zaal 5.14"
ROOM_AFTER = re.compile(r"(?:,?[ \t]*[A-Z][\w'’-]+)?[ \t]*[,;(][ \t]*(?:vergader)?(?:zaal|kamer|"
                        r"ruimte|room|verdieping|etage)[ \t]+[\w.-]*\d", re.IGNORECASE)
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
    if any(not (FIELD_LABEL.match(text, m.start()) and field_at_home(text, line_start))
           for m in ORG_WORDS.finditer(text, max(line_start, sentence_start), start)):
        return "organisation address: organisation named on the same line"
    if sentence_start < line_start and ORG_APPOSITION.search(text[sentence_start:start]):
        return "organisation address: the organisation's, named just before it"
    head = text[line_start:start]
    if POSTBUS_BEFORE.search(head):
        return "organisation address: a Postbus address"
    if line_start > 0 and (not head.strip() or STREET_BEFORE_POSTCODE.fullmatch(head)):
        # A letterhead, signature or addressee block: the organisation's name itself
        # ("Ministerie van ...", "Directie ...") above the address, short and starting with
        # it; not prose that happens to mention an organisation before a citizen's address.
        # The address starts the line, or its street does and this is the postcode after it.
        if _below_organisation_name(text, line_start):
            return "organisation address: below the organisation's name"
    line_end = text.find("\n", end)
    if _general_contact_on_line(text[line_start:line_end if line_end >= 0 else len(text)]):
        return "organisation address: on one line with the organisation's general contact"
    if FACILITY_BEFORE.search(text, max(sentence_start, start - 60), start):
        return "organisation address: the address of a plant, venue or building named before it"
    if ROOM_AFTER.match(text, end):
        return "organisation address: a building with its meeting rooms"
    after = _next_lines(text, end, LINES_AFTER)
    rest_of_line = text[end:line_end if line_end >= 0 else len(text)]
    postbus = POSTBUS.search(after)
    if (postbus and not head.strip() and _ONLY_PLACE.fullmatch(rest_of_line)
            and not _TO_THE_ADDRESSEE.search(after, 0, postbus.start())):
        # a letterhead's address line, alone on its line (not a sentence naming a house, nor
        # a citizen's own address above the "Aan …" of the body they write to)
        return "organisation address: letterhead (followed by a Postbus address)"
    return None


_TO_THE_ADDRESSEE = re.compile(r"(?im)^[ \t]*(?:aan|t\.?\s?a\.?\s?v\.?)\b")
# what may follow a letterhead's street on its line: its postcode and place, separators
_ONLY_PLACE = re.compile(r"[ \t,|·•–-]*(?:[1-9]\d{3}[ \t]?[A-Z]{2})?[ \t]*(?:[A-ZÀ-Þ][\w'’-]*"
                         r"(?:[ \t]+[A-ZÀ-Þ][\w'’-]*)*)?[ \t,|·•–-]*")


def _below_organisation_name(text: str, line_start: int) -> bool:
    """The block above the address line opens with an organisation's name: looking up past
    a street line (above its postcode) and a "t.a.v." line, never past anything else (a
    person's name above a citizen's address stops the search)."""
    for _ in range(MAX_LINES_UP):
        if line_start == 0:
            return False
        prev_start = text.rfind("\n", 0, line_start - 1) + 1
        prev = text[prev_start:line_start].strip()
        if POSTBUS_LINE.fullmatch(prev):
            return True  # "Postbus 90801" above "2509 LV DEN HAAG"
        if (STREET_LINE.fullmatch(prev) or FOR_ATTENTION.match(prev)
                or (len(prev) <= 3 and not any(ch.isalpha() for ch in prev))):
            # the street above its postcode, "t.a.v. ...", a page number or footnote mark
            line_start = prev_start
            continue
        return len(prev.split()) <= MAX_ORG_LINE_WORDS and bool(
            ORG_WORDS.match(prev) or ORG_NAME_START.match(prev) or _ACRONYM_LINE.fullmatch(prev)
            or ACRONYM_AND_UNIT.match(prev))
    return False


def _general_contact_on_line(line: str) -> bool:
    mails = EMAIL_ON_LINE.findall(line)
    if mails:
        # one person's address on the line makes it a signature, not a letterhead
        return all(organisation_mailbox(m) for m in mails)
    return bool(RECEPTION_NUMBER_ON_LINE.search(line) or SERVICE_NUMBER_ON_LINE.search(line))


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
    r"klantenservice|algemene\s+vragen|(?:telefoon|informatie|info|hulp|meld|tip)lijn|"
    r"pers(?:voorlichting|dienst|lijn|nummer)|woordvoering|"
    # "contact opnemen via een speciaal telefoonnummer (088 …)": a line set up for everyone
    r"(?:speciaal|speciale|gratis|centraal|centrale)\s+(?:telefoon)?(?:nummer|lijn)|"
    # a meeting service's dial-in number ("Dial in by phone", "Inbellen via")
    r"dial[\s-]+in(?:\s+by\s+phone)?|inbel(?:len|nummer)|conference\s+(?:id|number))\b",
    re.IGNORECASE)
# "Neem contact op met het Woo-team", "u kunt contact opnemen met de afdeling", "bel de
# gemeente": the reader is sent to an organisation or one of its units. Only the request to
# the reader counts: "melder nam contact op met de politie via 070 ..." may be the melder's
# own number. An article is required: "contact met Jansen" names a person.
CONTACT_ORGANISATION = re.compile(
    # "Of bel ons: 088 - 898 92 94", "bel ons op 058 - 233 88 88": the writer's organisation
    r"\bbel(?:t)?(?:\s+u)?\s+ons\b(?:\s+op\b)?|"
    # "bel UWV Telefoon Werknemers: 088 - …": the organisation by its abbreviation
    r"\bbel(?:t)?(?:\s+u)?\s+(?-i:[A-Z]{3,6})\b|"
    r"\b(?:neem(?:t)?\s+(?:u\s+)?(?:dan\s+|gerust\s+|even\s+)?contact\s+op|"
    r"contact\s+(?:opnemen|op\s+te\s+nemen)|bel(?:t)?(?:\s+u)?)\s+(?:met\s+)?"
    r"(?:het|de|ons)\s+"
    # "bel de IND", "neem contact op met het CAK": an organisation by its abbreviation
    r"(?:(?-i:[A-Z]{2,6})|[\w-]*(?:team|loket|servicepunt)|afdeling|"
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
# Right after the number: "070 373 8888 (algemeen)", "(receptie)", "088-3683700 (alg.)".
SWITCHBOARD_AFTER = re.compile(
    r"[ \t]*\((?:algemeen|alg\.|receptie|centrale|hoofdnummer|meldkamer)(?:[ \t]+nummer)?"
    r"(?:[ \t]+[^()\n]{1,40})?\)", re.IGNORECASE)
_MOBILE = re.compile(r"(?:\+|00)?(?:31)?0?6")
# Public service numbers: 0800/0900/0906/0909, a municipality's 14 + area code, 1400.
_SERVICE_DIGITS = re.compile(r"(?:0800|0900|0906|0909)\d{4}(?:\d{3})?|140\d{2,3}|1400")
# ... and written out on a line, however spaced ("0900 - 0388", "14 0515"); not "1400",
# which is as often a house number.
SERVICE_NUMBER_ON_LINE = re.compile(
    r"(?<![\d-])(?:0800|0900|0906|0909)[ \t]*-?[ \t]*\d{2}[ \t]?\d{2}(?:[ \t]?\d{3})?(?!\d)"
    r"|(?<!\d)14[ \t]+0\d{2,3}(?!\d)")
RECEPTION_NUMBER_ON_LINE = re.compile(r"\d" + SWITCHBOARD_AFTER.pattern, re.IGNORECASE)
# A table's label cell holding nothing but a cue that names a number ("Algemeen nummer",
# "Hoofdnummer"), with at most an empty cell ("-") between it and the number. "Receptie" or
# "Meldkamer" alone above a number may be the department of the person in the next cell.
_EMPTY_CELLS = re.compile(r"[\s\-|:\u2013]*")
_LOWERCASE_WORD = re.compile(r"\b[a-zà-ÿ]{2,}\b")


def organisation_phone(text: str, start: int, end: int) -> str | None:
    """Why a phone number is an organisation's general number, or None."""
    if _is_mobile(text[start:end]):
        return None  # a mobile is someone's own phone, never a switchboard
    if _is_service_number(text[start:end]):
        return "organisation number: public service number"
    if SWITCHBOARD_AFTER.match(text, end):
        return "organisation number: marked as the general line after the number"
    if _GENERAL_LABEL_BEFORE.search(text, max(0, start - 30), start):
        return "organisation number: labelled as the general line right before the number"
    sentence_start = _sentence_start(text, start)
    for cue, why in ((SWITCHBOARD_WORDS, "organisation number: general line"),
                     (CONTACT_ORGANISATION, "organisation number: the reader calls the "
                                            "organisation")):
        hit = None
        for hit in cue.finditer(text, sentence_start, start):
            pass  # the cue nearest the number
        if hit is not None and _cue_reaches(text, hit, start):
            return f"{why} ('{' '.join(hit.group().split())}')"
    if _on_letterhead_line(text, start, end):
        return "organisation number: on the letterhead line with its address and mailbox"
    if _on_channels_line(text, start, end):
        return "organisation number: an organisation's line in a list of general lines"
    return None


# The word that labels the number as the general one stands right before it, in a
# signature's row of numbers ("T … (direct) | M … | algemeen +31 (0)73 681 28 12") or a list
# of organisations' lines ("Medisch Centrum Leeuwarden, algemeen 058 286 66 66").
_GENERAL_LABEL_BEFORE = re.compile(
    r"(?i)(?:^|[\s|,;(])(?:algemeen|alg\.|general|main(?:\s+number)?|switchboard|"
    # or names the kind of organisation whose number it is: "rederij: 010 447 82 00"
    r"rederij|scheepvaartmaatschappij|werkgever|school|huisartsenpraktijk|huisartsenpost|"
    r"apotheek|ziekenhuis|zorgverzekeraar|verzekeraar|woningcorporatie|gemeente|"
    r"kinderopvang|opvanglocatie)"
    r"[ \t]*(?:nummer|nr\.?|number)?[ \t]*[:.]?[ \t]*$")
# "NCSC: 070 751 5555": an abbreviation as the number's label
_ORG_LABEL_BEFORE = re.compile(r"(?-i:\b[A-Z]{2,6}):[ \t]*$")


def _on_channels_line(text: str, start: int, end: int) -> bool:
    """A line listing organisations' general lines ("Meldlijnen: NCSC: 070 751 5555 |
    Fraudehelpdesk: 0900-…"): the number is labelled by an organisation's abbreviation and
    the line itself names general lines or holds a public service number. Three capitals
    alone before a number may be someone's initials, so the line must say so."""
    line_start = text.rfind("\n", 0, start) + 1
    if not _ORG_LABEL_BEFORE.search(text, line_start, start):
        return False
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    if any(any(ch.isalpha() for ch in m.group())
           for m in PERSONAL_LINE.finditer(text[line_start:start][-40:])):
        return False  # "bel mij direct": a person's line; another number before is no veto here
    return bool(SWITCHBOARD_WORDS.search(line) or SERVICE_NUMBER_ON_LINE.search(line))


def switchboard_shape(number: str) -> bool:
    """Organisations choose memorable general numbers: ending in 00 or 11, or in four equal
    digits ("030 274 91 11", "078-6214400", "070 751 55 55"); a direct line is a serial."""
    digits = digits_only(number)
    return len(digits) >= 9 and (digits.endswith(("00", "11")) or len(set(digits[-4:])) == 1)


def _is_service_number(number: str) -> bool:
    digits = digits_only(number.replace("(0)", ""))
    if number.lstrip().startswith("+31") or digits.startswith("0031"):
        digits = "0" + digits[4 if digits.startswith("00") else 2:]
    return bool(_SERVICE_DIGITS.fullmatch(digits))


_WEBSITE = re.compile(r"(?i)\bwww\.[\w-]+\.|\bhttps?://")


def _on_letterhead_line(text: str, start: int, end: int) -> bool:
    """A firm's or office's letterhead line: "Stationsplein 45 | 3818 LE Amersfoort |
    033 - 460 12 00 | info@..." or "… | www.vallei-veluwe.nl": an organisation's address
    and its mailbox or website on the number's line, no person's mailbox and nothing that
    makes it someone's own line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[line_start:start] + " | " + text[end:line_end]
    mails = EMAIL_ON_LINE.findall(rest)
    if PERSONAL_LINE.search(rest) or not all(organisation_mailbox(m) for m in mails):
        return False
    if not mails and not _WEBSITE.search(rest):
        return False  # the organisation's own channel (a mailbox or its website) marks it
    # finditer with bounds gives positions in the whole text
    return any(organisation_address(text, m.start(), m.end())
               for m in POSTCODE_ON_LINE.finditer(text, line_start, start))


def _is_mobile(number: str) -> bool:
    digits = "".join(ch for ch in number.replace("(0)", "") if ch.isdigit() or ch == "+")
    return bool(_MOBILE.match(digits))


# cues that head the number's cell or line ("Inbelnummer", "Dial in by phone")
_LABEL_CUES = ("nummer", "by phone", "dial in", "dial-in", "inbellen")


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
    label = " ".join(cue.group().lower().split())
    if _DIAL_IN.match(label) and between.count("\n") == 1:
        return True  # "Inbellen via telefoon\n+31 20 794 7364,,587190342#": a meeting's line
    if (_EMPTY_CELLS.fullmatch(between) and label.endswith(_LABEL_CUES)
            and not text[line_start:cue.start()].strip()):
        return True  # a label cell: the cue alone on its line, the number in a later cell
    return bool(_LOWERCASE_WORD.search(text, line_start, cue.start()))


_DIAL_IN = re.compile(r"dial|inbel|conference")


# -- mailboxes -------------------------------------------------------------------------------
# A mailbox is the organisation's when its local part names a task, a team or a role rather
# than a person: "bestuurszaken@", "ssc-crediteuren@", "agenda.minister@". Every part (split
# at . - _) must be an ordinary word, a compound of ordinary words or an acronym, with at
# least one word: a first name, a listed surname (also "bakker"), an initial, an interfix
# or an unknown string ("mdewit", "wjdekker": initials run into a name) is a person's.
# At a free mail provider even a wordy address is a private person's own choice of name.
_LOCAL_SPLIT = re.compile(r"[._-]+")
FREE_MAIL = frozenset({
    "gmail.com", "googlemail.com", "hotmail.com", "hotmail.nl", "outlook.com", "outlook.nl",
    "live.nl", "live.com", "msn.com", "yahoo.com", "yahoo.nl", "icloud.com", "me.com",
    "ziggo.nl", "kpnmail.nl", "kpnplanet.nl", "planet.nl", "home.nl", "hetnet.nl",
    "chello.nl", "xs4all.nl", "zonnet.nl", "quicknet.nl", "caiway.nl", "upcmail.nl",
    "protonmail.com", "proton.me", "gmx.com", "gmx.net", "telfort.nl", "tele2.nl"})
MAX_ACRONYM = 5  # "ssc", "fsv", "dgmi": longer unknown strings are more often names
# Offices a mailbox is named after ("agenda.burgemeester@"), and the desks every office has
# ("post@", "balie@"): some are also listed surnames ("Post", "Balie").
ROLE_WORDS = frozenset({
    "burgemeester", "wethouder", "minister", "staatssecretaris", "secretaris", "griffier",
    "voorzitter", "directeur", "gedeputeerde", "dijkgraaf", "gezaghebber", "ombudsman",
    "commissaris", "bestuurder", "rector",
    "post", "info", "mail", "contact", "receptie", "balie", "loket", "kantoor"})


@lru_cache(maxsize=4096)
def organisation_mailbox(address: str) -> str | None:
    """Why an e-mail address is an organisation's functional mailbox, or None."""
    local, _, domain = address.strip().lower().rpartition("@")
    if not local or domain in FREE_MAIL:
        return None
    gaz = gazetteer.load()
    kinds = [_local_part_kind(p, gaz) for p in _LOCAL_SPLIT.split(local) if p]
    if not kinds or "person" in kinds or "word" not in kinds:
        return None
    return "organisation mailbox: no name in the address, only words for a task or team"


def acronym_mailbox(address: str, text: str) -> str | None:
    """"adr@minfin.nl", "ghor@vrh.nl": a local part that is one short unknown string is an
    organisation's mailbox when the text writes that string as an acronym in capitals
    ("Auditdienst Rijk (ADR)", "doorzetten naar GHOR"); initials would not be written so."""
    local, _, domain = address.strip().rpartition("@")
    if not local or domain.lower() in FREE_MAIL:
        return None
    low = local.lower()
    if _local_part_kind(low, gazetteer.load()) != "acronym":
        return None
    if re.search(rf"(?<![\w@.]){re.escape(low.upper())}(?![\w@])", text):
        return f"organisation mailbox: the acronym {low.upper()} as the text writes it"
    return None


# The name a mail header gives an address: "Bureau Bibob <bibob@schiedam.nl>"
_DISPLAY_NAME = re.compile(r"(?:^|[;:\n])[ \t]*(?P<name>[^;:\n<>@]{2,60}?)\s*<[ \t]*$")
_TRAILING_DIGITS = re.compile(r"\d+$")


def named_mailbox(address: str, text: str, start: int) -> str | None:
    """"Bureau Bibob <bibob@schiedam.nl>", "DRR Team 3 <drr.team3@politie.nl>": the header
    names the address after a unit of the organisation, and no part of the address is
    anyone's first name or surname."""
    from .recognizers.names.organisation_context import ORG_WORDS as UNIT_WORDS

    m = _DISPLAY_NAME.search(text, max(0, start - 80), start)
    if not m:
        return None
    words = [w.strip(".,()'\"").lower() for w in m.group("name").split()]
    gaz = gazetteer.load()
    # a unit ("Bureau Bibob") or a task ("Infectieziektebestrijding GGD Fryslân")
    if not any(w in UNIT_WORDS or gazetteer.is_task_word(w, gaz) for w in words):
        return None
    local, _, domain = address.strip().lower().rpartition("@")
    if not local or domain in FREE_MAIL:
        return None
    for part in _LOCAL_SPLIT.split(local):
        part = _TRAILING_DIGITS.sub("", part)
        if part and part not in ROLE_WORDS and (gaz.is_first_name(part)
                                                or gaz.is_surname(part)):
            return None
    return f"organisation mailbox: named '{' '.join(m.group('name').split())}' in the header"


@lru_cache(maxsize=1)
def _joined_places(gaz: gazetteer.Gazetteer) -> frozenset[str]:
    """Place names as a mailbox writes them: "tenboer", "bergenopzoom"."""
    return frozenset(p.replace(" ", "").replace("-", "").replace("'", "")
                     for p in gaz.places if len(p) >= 4)


def _with_unit_word(part: str, gaz: gazetteer.Gazetteer) -> bool:
    """"contactpersoonwoo", "woocoordinatie": a word joined to a unit's short name."""
    from .recognizers.names.organisation_context import ORG_WORDS as UNIT_WORDS

    for k in range(2, len(part) - 1):
        head, tail = part[:k], part[k:]
        for unit, rest in ((head, tail), (tail, head)):
            if unit in UNIT_WORDS and len(rest) >= 4 and (
                    gaz.is_dictionary_word(rest) or gazetteer.is_compound(rest, gaz)):
                return True
    return False


def _local_part_kind(part: str, gaz: gazetteer.Gazetteer) -> str:
    """"word", "acronym" or "person" for one part of a mailbox's local part."""
    if part in ROLE_WORDS:
        return "word"
    if len(part) < 2 or not part.isalpha():
        return "person"  # an initial, or digits ("y.benali1989")
    if gaz.is_first_name(part) or gaz.is_surname(part) or gaz.is_interfix(part):
        return "person"  # a name wins over the word it also is ("bakker", "koning")
    if (gaz.is_dictionary_word(part) or gaz.is_common_word(part)
            or gazetteer.is_compound(part, gaz) or part in _joined_places(gaz)
            or _with_unit_word(part, gaz)):
        return "word"
    if len(part) > MAX_ACRONYM or any(gaz.is_interfix(part[k:]) for k in range(1, 4)):
        return "person"  # initials run into an interfix: "jter.haar", "mvd"
    return "acronym"


# What may stand between the parts of one contact line or block: separators and a phone
# label; within a block also one line break
_SEPARATORS = r"[ \t|,;•·–—-]*"
_PHONE_LABEL = r"(?:(?:T|Tel\.?|Telefoon|tel\.?)[ \t]*:?[ \t]*)?"
_CONTACT_GAP = re.compile(_SEPARATORS + r"(?:\n[ \t]*)?" + _PHONE_LABEL)
_LINE_GAP = re.compile(_SEPARATORS + _PHONE_LABEL)
_CONTINUED = frozenset({"NL_ADDRESS", "NL_POSTCODE", "PHONE_NUMBER"})


def continue_kept_addresses(findings: list, text: str) -> None:
    """The postcode and general number that follow a kept organisation address or mailbox
    ("Korte Voorhout 7 | 2511 CW Den Haag", "Parnassusplein 5\n2511 VX Den Haag", "adr@
    minfin.nl, 070 342 80 00") are the same organisation's: a postcode on its line or the
    next, a number on its line only, never a mobile number."""
    people = [f.end for f in findings if f.entity_type == "PERSON" and f.action != "keep"]
    chain_end = -1
    for f in sorted(findings, key=lambda f: f.start):
        if f.entity_type == "EMAIL_ADDRESS":
            # a functional mailbox opens a contact line too: "adr@minfin.nl, 070 342 80 00"
            chain_end = f.end if f.action == "keep" else -1
            continue
        if f.entity_type not in _CONTINUED:
            continue
        kept_address = f.action == "keep" and f.entity_type in ("NL_ADDRESS", "NL_POSTCODE")
        gap = _CONTACT_GAP.match(text, chain_end, f.start) if chain_end >= 0 else None
        follows = gap is not None and gap.end() == f.start
        # a number on the next line is a signature's direct line ("T 070 …" under the
        # organisation's address), not the switchboard
        if f.entity_type == "PHONE_NUMBER" and follows and (
                _is_mobile(f.text) or "\n" in text[chain_end:f.start]
                or any(text.rfind("\n", 0, f.start) < p <= f.start for p in people)):
            follows = False  # … or a signature line: "Öztürk, gemeente …, Coolsingel 40, tel."
        if f.action == "redact" and follows:
            f.action = "keep"
            f.reason = ("organisation number: on the contact line of a kept address or mailbox"
                        if f.entity_type == "PHONE_NUMBER" else
                        "organisation address: continues the kept address before it")
            kept_address = True
        if kept_address or (f.action == "keep" and follows):
            chain_end = f.end
        elif f.start >= chain_end:
            chain_end = -1



def contact_only_lines(findings: list, text: str) -> None:
    """A line that holds a street, a postcode and a landline number and nothing else
    ("Luttenbergstraat 2 – 8012 EE Zwolle – 038 499 88 99") is a letterhead's or footer's:
    a person's address comes under their name, not as one such line."""
    by_line: dict[int, list] = {}
    for f in findings:
        if f.entity_type in _CONTINUED and f.action == "redact" and "\n" not in f.text:
            by_line.setdefault(text.rfind("\n", 0, f.start) + 1, []).append(f)
    for line_start, parts in by_line.items():
        kinds = {f.entity_type for f in parts}
        if kinds != _CONTINUED or any(f.entity_type == "PHONE_NUMBER" and _is_mobile(f.text)
                                      for f in parts):
            continue
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        pos, clean = line_start, True
        for f in sorted(parts, key=lambda f: f.start):
            if f.start < pos:
                pos = max(pos, f.end)
                continue  # overlapping findings of the same words
            gap = _LINE_GAP.match(text, pos, f.start)
            if gap is None or gap.end() != f.start:
                clean = False
                break
            pos = f.end
        tail = _LINE_GAP.match(text, pos, line_end)
        if clean and tail is not None and text[tail.end():line_end].strip(" .") == "":
            for f in parts:
                f.action = "keep"
                f.reason = "organisation address: a contact line of address, postcode and number only"


# "Wet Bibob", "Wet Mulder", "Regeling Jansen": a law or scheme named after a word or person
_LAW_BEFORE = re.compile(r"(?:\bWet|\bwet|\bRegeling|\bregeling|\bBesluit|\bmotie-?|"
                         r"\bMotie-?)[ \t]+$")


def organisation_name(text: str, start: int, end: int) -> str | None:
    """Why a found "name" is an organisation's or a law's here: a type of organisation
    before it ("Bureau Bibob", "Bouwbedrijf Van Wijnen"), a company form after it, an
    employer's place ("werkt bij Albert Heijn"), or a law named after it ("Wet Bibob")."""
    from .recognizers.names.organisation_context import organisation_around

    if owner_in_trade_name(text, start, end):
        return None  # "B. Rikkerink h.o.d.n. Loonbedrijf Rikkerink": the owner, named twice
    if organisation_around(text, start, end):
        return "organisation name"
    if _LAW_BEFORE.search(text, max(0, start - 12), start):
        return "name of a law or scheme"
    return None


def owner_in_trade_name(text: str, start: int, end: int) -> bool:
    """The found word repeats, inside a trade name, the name of its owner before
    "h.o.d.n." on the same line or the line before (a trade name wrapped to the next)."""
    lo = text.rfind("\n", 0, max(0, text.rfind("\n", 0, start)))
    line = text[lo + 1:start]
    m = None
    for m in TRADES_AS.finditer(line):
        pass
    if m is None:
        return False
    owner_part = line[:m.start()].split("\n")[-1]
    return repeats_owner(text[start:end], words_of(owner_part))


# "op rekeningnummer NL72 RABO … ten name van Stichting Buurthuis De Vonk": the account
# holder is named after the number
_IN_NAME_OF = re.compile(r"[\s,]*(?:t\.?\s?n\.?\s?v\.?|ten\s+name\s+van)\s+", re.IGNORECASE)


def organisation_iban(text: str, start: int, end: int) -> str | None:
    """Why a bank account is an organisation's: held in its name ("t.n.v. CJIB")."""
    m = _IN_NAME_OF.match(text, end)
    if m is None:
        return None
    holder = text[m.end():m.end() + 80].split("\n")[0]
    holder = holder + " " + text[m.end() + len(holder) + 1:m.end() + len(holder) + 40]
    first = holder.split()[0] if holder.split() else ""
    if ORG_WORDS.match(holder) or ORG_NAME_START.match(holder) or re.match(
            r"(?:[A-Z]{2,6}\b|(?:gemeente|stichting|vereniging|[A-Z][\w-]+\s+B\.?V\.?))",
            holder) or gazetteer.looks_like_organisation(first.strip(".,")):
        # "t.n.v. Uitvoeringsorganisatie Herstel Toeslagen": a compound of its kind too
        return "organisation account: held in the organisation's name"
    return None
