"""Street + house number, and postcode (+ place).

Street names are recognised by their Dutch suffix ("-straat", "-laan", ...), which covers
most streets without a street list; suffix-less names ("Korte Voorhout", "Spui") only where
the text says they are an address: after "woont op", "Adres:", or before their postcode.
An organisation's postal address (Postbus, Antwoordnummer) is not personal data, so a
postcode that belongs to one is not reported.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex as re
from presidio_analyzer import Pattern

from .pattern_base import NlPatternRecognizer, cs

STREET_SUFFIXES = [
    "straat", "laan", "weg", "plein", "pleintje", "gracht", "burgwal", "kade", "singel",
    "dijk", "park", "hof", "steeg", "pad", "dreef", "markt", "plantsoen", "boulevard", "erf",
    "veld", "baan", "wal", "haven", "kanaal", "allee", "akker", "oever", "vaart", "zijde",
    "promenade", "gaarde", "wetering", "brink", "dries", "hoeve", "hout", "rade", "stede",
    "wende", "laantje", "straatje", "poort",
]
# Standalone street names that are just the noun ("Plein 2", "Dam 1", "Grote Markt 5").
_NOUN_STREETS = ["Plein", "Dam", "Markt", "Singel", "Kade", "Boulevard", "Brink", "Wal",
                 "Haven", "Oever"]
# Words that start a sentence or a phrase, not a street name ("Op de Kerkstraat 1" starts
# at "Kerkstraat").
_NOT_STREET_WORDS = (
    r"(?:De|Het|Een|Op|In|Aan|Naar|Via|Bij|Uit|Te|Ter|Tot|Voor|Met|Over|Langs|En|Of|Dat|Die|"
    r"Dit|Deze|Zie|Hij|Zij|Ze|Wij|We|Ik|Jij|Je|Er|Daar|Hier|Toen|Nu|Ook|Maar|Want|Dus|Wel|"
    r"Niet|Geen|Alle|Mijn|Zijn|Haar|Ons|Onze|Uw|Hun|Waar|Wie|Wat|Hoe|Welke|Vanuit|Vanaf|"
    r"Sinds|Na|Door|Om|Tijdens|Tussen|Nabij|Tegenover|Naast|Richting|Hoek|Kruising|Ter|"
    r"Gisteren|Vandaag|Morgen|Adres|Woonadres|Postadres|Bezoekadres|Correspondentieadres|"
    r"Huisadres|Verblijfadres|Verblijfsadres|Woonachtig|Wonende|Woont|Woonde|Verblijvende|"
    r"Ingeschreven|Gevestigd|Locatie|Plaats|Woonplaats|Postcode|Straat|Postbus|Telefoon|Tel|"
    r"Betreft|Onderwerp|Datum|Kenmerk|Melder|Aangever|Verdachte|Betrokkene)\b")
# A capitalised word of a street name; a dot only in initials and titles ("J.P. Coenstraat",
# "Burg. Jansenlaan"), so that a sentence end ("Haag. Kerkstraat 3") is not taken along.
_CAP_WORD = (r"(?:(?:[A-Z]\.){1,3}|(?:St|Sint|Dr|Mr|Prof|Burg|Gen|Kon|Pr|Jhr|Ir|Ds|Mgr)\.|"
             r"[A-Z][a-z\u00e0-\u017f][\w'\u2019-]*+|'t|'s-?[A-Z][\w-]*+)")
_PARTICLE = r"(?:van|de|der|den|het|'t|ten|ter|te|la|le|du|op|aan|in|bij|St\.|Sint)"
# The whole word first, then a look back at its ending: one suffix test per word instead
# of one per character.
_SUFFIXES = r"(?:" + "|".join(sorted(set(STREET_SUFFIXES), key=len, reverse=True)) + r")"
_SUFFIX_WORD = r"[A-Z][\w'\u2019-]*+(?<=" + _SUFFIXES + r")"
# Between street and number, or inside "Laan van ...", a line may wrap.
_WRAP = r"(?:[ \t]{1,3}|[ \t]?\n[ \t]?)"
# "Laan van Nieuw Oost-Indië", "Weg naar Rhenen": the suffix noun first, then a name.
_NOUN_FIRST = (r"(?:Laan|Weg|Plein|Kade|Dijk|Singel|Markt|Gracht|Plantsoen|Park|Hof|Dreef|"
               r"Pad|Straat|Burgwal|Boulevard|Oever|Wal)" + _WRAP + r"(?:van|der|de|den|op|ten|"
               r"ter|in|naar|achter|over|bij)(?:" + _WRAP + r"(?:van|der|de|den|het|'t)){0,2}"
               r"(?:" + _WRAP + _CAP_WORD + r"){1,3}")
# Before a street word, words may also be joined by "en" ("Bos en Lommerweg").
_STREET = (r"(?:" + _NOUN_FIRST + r"|"
           r"(?:(?!" + _NOT_STREET_WORDS + r")" + _CAP_WORD + r"[ \t]{1,3}(?:(?:" + _PARTICLE
           + r"|en)[ \t]{1,3}){0,2}){0,2}" + r"(?!" + _NOT_STREET_WORDS + r")" + _SUFFIX_WORD
           + r"|" + r"(?:(?:Grote|Kleine|Oude|Nieuwe|Korte|Lange|Hoge|Lage)[ \t]{1,3})?(?:"
           + "|".join(_NOUN_STREETS) + r"))")
# House number with an optional addition: 12a, 12-A, 12 A, 12 bis, 12-3hg, 12 II, 12-1.
_ADDITION = (r"(?:[ \t]?-?[ \t]?(?:bis|hs|hg|bg|bv|bov|boven|beneden|huis|zw|rd|rood|zwart|"
             r"[IVX]{1,3})(?![\w])|-?[A-Za-z](?![\w])|[ \t][A-Z](?![\w])|"
             r"-\d{1,3}(?:[ \t]?(?:hg|hs|bg|[a-z]))?(?![\w]))")
# A postcode on the next line ("Parnassusplein\n2511 VX") is no house number.
_HOUSE_NUMBER = r"(?![1-9]\d{3}[ \t]?[A-Z]{2}\b)[1-9]\d{0,4}" + _ADDITION + r"?"

# Letterhead labels: what follows is the organisation's address, not a person's.
ORGANISATION_ADDRESS_WORDS = ["bezoekadres", "postadres", "retouradres", "afleveradres",
                              "factuuradres", "vestigingsadres"]

_MONTHS = (r"(?:jan(?:uari)?|feb(?:ruari)?|maart|mrt|apr(?:il)?|mei|jun[i]?|jul[i]?|"
           r"aug(?:ustus)?|sep(?:t(?:ember)?)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?)")


# The look-ahead for a capital first lets the engine skip every other position quickly.
# The second one is a cheap test of what every address has: at most seven words, each
# followed by white space, then a digit 1-9. Most capitalised words fail it, and then skip
# the costly street alternatives. (The word characters are all those _STREET uses; the
# range \u00e0-\u017f is listed for its one non-word character, the division sign.)
# After the number, a time's colon or a decimal says it was none ("burgemeester Kraaijeveld
# \n20:00 - 20:45": a name ending in -veld above an agenda's time).
_WORDS_THEN_NUMBER = r"(?=(?:[\w'\u2019.\u00e0-\u017f-]++[ \t\n]++){1,7}[1-9])"
_STREET_ADDRESS = cs(r"(?=[A-Z'])(?<![\w'-])" + _WORDS_THEN_NUMBER + _STREET + _WRAP
                     + _HOUSE_NUMBER + r"(?![\w/-]|[.,:]\d)")


_STREET_ADDRESS_RE = re.compile(_STREET_ADDRESS)

# Chats and quick e-mails write streets in lower case ("liggen bij frans halsstraat 18",
# "lange haven 140b"): a compound with a clear street word, or an adjective and a street noun.
_LOWER_SUFFIXES = r"(?:straat|laan|weg|plein|gracht|kade|singel|dijk|steeg|dreef|plantsoen)"
_LOWER_STREET = (r"(?:\p{Ll}{4,}+(?<=\p{Ll}{3}" + _LOWER_SUFFIXES + r")|"
                 r"(?:grote|kleine|oude|nieuwe|korte|lange|hoge|lage)[ \t](?:haven|markt|kade|"
                 r"dijk|gracht|singel|wal|brink|dam|plein))")
# a count after the number is no house number: "de snelweg 2 keer", "het plein 4 uur"
_COUNTED = (r"(?![ \t]+(?:keer|maal|dagen|dag|uur|uren|minuten|min|km|kilometer|meter|jaar|"
            r"weken|maanden|personen|mensen|auto'?s|euro|procent|stuks|rijstroken|banen)\b)")
_LOWER_STREET_ADDRESS = cs(r"(?<![\w'-])" + _LOWER_STREET + r"[ \t]" + _HOUSE_NUMBER
                           + r"(?![\w/-]|[.,:]\d)" + _COUNTED)
_LOWER_STREET_ADDRESS_RE = re.compile(_LOWER_STREET_ADDRESS)


# Many streets carry no street word at all ("Slinge", "Dobbe", "Wolphaertsbocht", "Korte
# Voorhout"). Any capitalised words before a number would be "Artikel 12" and "Fase 2" as
# often, so such a street counts only where the text says it is an address (a residence word
# or an address label just before it, its postcode just after it: reject_in_text), and never
# with the words that number parts of documents, buildings and meetings.
_NOT_STREET_NOUNS = (
    r"(?:Artikel|Art|Kamer|Kamerstuk|Bijlage|Bijlagen|Fase|Zaal|Hoofdstuk|Paragraaf|Lid|"
    r"Pagina|Blz|Bladzijde|Nummer|Nr|Week|Dag|Jaar|Maand|Kwartaal|Versie|Stap|Punt|Vraag|"
    r"Antwoord|Agendapunt|Tabel|Figuur|Gebouw|Verdieping|Etage|Lokaal|Ruimte|Blok|Unit|"
    r"Hal|Toren|Vleugel|Cel|Lijn|Bus|Tram|Spoor|Perron|Uitgang|Afrit|Sectie|Team|Groep|"
    r"Klas|Ronde|Module|Niveau|Categorie|Klasse|Schaal|Regel|Zaak|Dossier|Besluit|"
    r"Rapport|Motie|Amendement|Antwoordnummer|Locatie|Afdeling|Code|Box|Editie|Deel|"
    r"Pand|Kantoor|Verslag|Notitie|Bijeenkomst|Sessie|Overleg|Vergadering|Ingang|Poort|"
    r"Januari|Februari|Maart|April|Mei|Juni|Juli|Augustus|September|Oktober|November|"
    r"December|Maandag|Dinsdag|Woensdag|Donderdag|Vrijdag|Zaterdag|Zondag)\b")
_PLAIN_STREET_WORD = r"(?!" + _NOT_STREET_WORDS + r"|" + _NOT_STREET_NOUNS + r")" + _CAP_WORD
# 1-3 capitalised words ("Achter de Dom"); the last one without a street word, which the
# pattern above reports already.
_PLAIN_STREET = (_PLAIN_STREET_WORD + r"(?:[ \t]{1,3}(?:" + _PARTICLE + r"[ \t]{1,3}){0,2}"
                 + _PLAIN_STREET_WORD + r"){0,2}(?<!" + _SUFFIXES + r")")
# The quick test as above, for at most three words and two particles before the number.
_FEW_WORDS_THEN_NUMBER = r"(?=(?:[\w'\u2019.\u00e0-\u017f-]++[ \t\n]++){1,5}[1-9])"
_PLAIN_STREET_ADDRESS = cs(r"(?=[A-Z'])(?<![\w'-])" + _FEW_WORDS_THEN_NUMBER + _PLAIN_STREET
                           + _WRAP + _HOUSE_NUMBER + r"(?![\w/-]|[.,:]\d)")
# What makes such words an address: someone lives there ("woont op", "woonachtig is aan de",
# "ingeschreven op"), or an address label ("Adres:", "woonadres"; not "Bezoekadres").
_RESIDENCE_BEFORE = re.compile(
    r"(?:\b(?:woont|wonen|woonde|woonden|woonachtig|wonende|verblijft|verblijven|verbleef|"
    r"verblijvende|ingeschreven|verhuisd|verhuist|verhuizen|woning|woonhuis)\b"
    r"[^.;:!?]{0,40}?\b(?:op|aan|naar)"
    r"[ \t]*:?|\b(?:woon|huis|thuis|verblijfs?|privé|prive)?adres(?:gegevens)?[ \t]*:?)"
    r"[ \t\n]+(?:(?:de|het|'t)[ \t\n]+)?$", re.IGNORECASE)
# ... or its postcode follows ("Dobbe 22, 8032 JE", also on the next line).
_POSTCODE_AFTER = re.compile(
    r"[ \t]*,?[ \t]*(?:\n[ \t]*)?(?-i:[1-9]\d{3}(?:[ \t]?|[ \t]*\n[ \t]*)(?!SA|SD|SS)[A-Z]{2})"
    r"(?![\w-])")
# "verhuisd naar Zwolle 2 jaar geleden": a count, not a house number.
_UNIT_AFTER = re.compile(r"[ \t]*(?:jaar|jaren|maanden|maand|weken|week|dagen|dag|uur|minuten|"
                         r"km|kilometer|meter|procent|personen|mensen|keer|euro)\b",
                         re.IGNORECASE)


@lru_cache(maxsize=2)
def _street_address_ends(text: str) -> frozenset[int]:
    """Where a street + house number ends; one scan per page serves all its postcodes
    (a backwards search per postcode cost more than the page's other patterns)."""
    return frozenset(m.end() for m in _STREET_ADDRESS_RE.finditer(text))


# compiled once: the hooks below run for every match (the regex module's own cache costs
# more per call than the test itself)
_LAST_NUMBER = re.compile(r"(\d+)\D*$")
_MONTH_AFTER = re.compile(r"[ \t]*" + _MONTHS + r"\b", re.IGNORECASE)


# The Caribbean Netherlands: Papiamento streets open with "Kaya" (street) or "Kaminda"
# (road), English ones on Saba and Statia end in Road, Street or Lane.
_CARIBBEAN_STREET = cs(r"(?<![\w'-])(?:(?i:kaya|kaminda)[ \t]+(?:\p{Lu}[\p{L}'.-]*[ \t]+){0,4}|"
                       r"(?!(?:The|A|An|De|Het|Een)\b)(?:\p{Lu}[\p{L}'-]*[ \t]+){1,3}"
                       r"(?:Road|Street|Lane|Drive|Avenue)[ \t]+)"
                       r"\d{1,4}[a-zA-Z]?(?![\w/-]|[.,:]\d)")
_CARIBBEAN_STREET_RE = re.compile(_CARIBBEAN_STREET)


class NlAddressRecognizer(NlPatternRecognizer):
    ENTITY = "NL_ADDRESS"
    PATTERNS = [Pattern("straat + huisnummer", _STREET_ADDRESS, 0.5),
                Pattern("straat in kleine letters + huisnummer", _LOWER_STREET_ADDRESS, 0.5),
                Pattern("straat zonder straatwoord + huisnummer", _PLAIN_STREET_ADDRESS, 0.5),
                # "kadastraal bekend als gemeente Zuiderwaard, sectie K, nummer 2314": the
                # parcel of someone's home names it as well as its address does
                Pattern("kadastrale aanduiding",
                        r"(?i:\bkadastra\w*[^.;]{0,80}?)\K(?-i:sectie[ \t]+[A-Z]{1,2}),?"
                        r"[ \t\n]+(?i:nummer|nr\.?|perceel(?:nummer)?)[ \t]+\d{1,5}"
                        r"(?:[ \t]*(?:A|G)[ \t]*\d{1,4})?(?!\d)", 0.6),
                Pattern("straat in Caribisch Nederland", _CARIBBEAN_STREET, 0.5),
                # "Mevrouw Doğan woont op 41b": the neighbour's number in the street just named
                Pattern("huisnummer na woont op",
                        r"(?i:\b(?:woont|woonde|wonen|wonende|woonachtig)[ \t]+op[ \t]+"
                        r"(?:(?:nummer|nr\.?|huisnummer)[ \t]+)?)\K\d{1,4}(?:[ \t]?[a-z]\b|"
                        r"-[0-9a-z]{1,4}\b)?(?![\w,.]\d)", 0.5)]
    CONTEXT = ["adres*", "woonadres", "woonachtig", "wonende", "woont", "woonde", "wonen",
               "verblijfadres", "verblijfsadres", "ingeschreven", "straat", "huisnummer"]
    NEGATIVE_CONTEXT = ORGANISATION_ADDRESS_WORDS

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        number = _LAST_NUMBER.search(pattern_text)
        if number is None:
            return False
        # A "Woningmarkt 2024" or "Hof 1998" is a year, not a house number.
        value = int(number.group(1))
        if len(number.group(1)) == 4 and 1900 <= value <= 2099:
            return False
        return None

    def reject_in_text(self, text: str, start: int, end: int) -> bool:
        # "Gerechtshof 12 maart" is a court and a date.
        after = text[end:end + 12]
        if _MONTH_AFTER.match(after):
            return True
        if (_STREET_ADDRESS_RE.fullmatch(text, start, end)
                or _LOWER_STREET_ADDRESS_RE.fullmatch(text, start, end)
                or _CARIBBEAN_STREET_RE.fullmatch(text, start, end)
                or text.startswith("sectie", start)):  # a parcel: its cue is in the pattern
            return False  # a street with a street word
        # A street without one: only where the text says it is an address.
        if _UNIT_AFTER.match(text, end):
            return True
        return not (_RESIDENCE_BEFORE.search(text[max(0, start - 80):start])
                    or _POSTCODE_AFTER.match(text, end))


# Words that follow a postcode in letterheads but are not part of the place.
_NOT_PLACE = (r"(?:Telefoon|Tel|T|E|F|M|I|Fax|Postbus|Nederland|The|Netherlands|Contact|"
              r"Internet|Ons|Uw|Kenmerk|Datum|Bijlage|Bijlagen|Retouradres|Email|Mail|"
              r"E-mail|Www|Geachte|Betreft|Onderwerp|Aan|Van|Cc|"
              # an organisation's name or a stamp after the place: "8447 GK Heerenveen
              # Provinsje Fryslân", "… INGEKOMEN 30 SEP"
              r"(?i:gemeente|provincie|provinsje|ministerie|waterschap|wetterskip|politie|"
              r"stichting|ingekomen|ontvangen))\b")
# "Den Haag", "De Bilt", "'s-Hertogenbosch": an article only together with the next word.
_PLACE_WORD = (r"(?!" + _NOT_PLACE + r")(?:(?:De|Den|Het|Ter|Ten|'s|'t)[ \t-]+(?=[A-Z]))?"
               r"(?!(?:De|Den|Het)\b)[A-Z][\w'\u2019-]*")
_PLACE = (_PLACE_WORD + r"(?:[ \t]{1,3}(?:(?:aan|op|in|bij|a/d|ad|onder)[ \t]{1,3}"
          r"(?:de[nr]?[ \t]{1,3}|het[ \t]{1,3})?)?" + _PLACE_WORD + r"){0,2}")
# Letters in Dutch postcodes are never SA, SD or SS.
_POSTCODE = r"[1-9]\d{3}[ \t]?(?!SA|SD|SS)[A-Z]{2}"
# Followed by its place, a postcode may wrap at a line end ("Dorpsweg 12, 2035\nNS Den Haag").
_POSTCODE_WRAPPED = r"[1-9]\d{3}(?:[ \t]?|[ \t]*\n[ \t]*)(?!SA|SD|SS)[A-Z]{2}"
_YEAR_LIKE = r"(?:19|20)\d\d"
_POSTBUS_BEFORE = re.compile(r"(?i:postbus|antwoordnummer|antwoordnr\.?|p\.?o\.?[ \t]?box)"
                             r"[ \t]{0,3}\d{1,6}[^\d]{0,25}$")


class NlPostcodeRecognizer(NlPatternRecognizer):
    ENTITY = "NL_POSTCODE"
    PATTERNS = [
        Pattern("postcode + plaats",
                cs(r"(?<![\w-])(?!" + _YEAR_LIKE + r")" + _POSTCODE_WRAPPED + r"[ \t]{1,3}" + _PLACE
                   + r"(?![\w-])"), 0.6),
        Pattern("postcode als jaartal + plaats",
                cs(r"(?<![\w-])(?=" + _YEAR_LIKE + r")" + _POSTCODE_WRAPPED + r"[ \t]{1,3}" + _PLACE
                   + r"(?![\w-])"), 0.45),
        Pattern("postcode",
                cs(r"(?<![\w-])(?!" + _YEAR_LIKE + r")" + _POSTCODE + r"(?![\w-])"), 0.5),
        # wrapped in a narrow cell right after the street: "Van Heemskerckstraat 12-A, 4732\nTN"
        Pattern("postcode na huisnummer, afgebroken",
                cs(r"(?<=\d[\w-]{0,4},[ \t]{0,2})[1-9]\d{3}[ \t]*\n[ \t]*(?!SA|SD|SS)[A-Z]{2}"
                   r"(?![\w-])"), 0.6),
        # "2019 EU", "2023 OM": a year and an abbreviation far more often than a postcode
        # in the 19xx/20xx range, unless an address or the word "postcode" is near.
        Pattern("postcode als jaartal",
                cs(r"(?<![\w-])" + _YEAR_LIKE + r"[ \t]?(?!SA|SD|SS)[A-Z]{2}(?![\w-])"), 0.3),
    ]
    CONTEXT = ["postcode*", "adres*", "woonadres", "woonachtig", "wonende", "woont",
               "woonplaats", "verblijfadres", "verblijfsadres", "ingeschreven"]
    NEGATIVE_CONTEXT = ORGANISATION_ADDRESS_WORDS

    def structural_context(self, text: str, start: int, end: int) -> str:
        # Right after a street + house number ("Kerkstraat 12, 2011 AB"), unless that is
        # an organisation's "Bezoekadres".
        j = start
        while j > 0 and text[j - 1].isspace():
            j -= 1
        if j > 0 and text[j - 1] in ",;":
            j -= 1
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        if j not in _street_address_ends(text):
            return ""
        # "Bezoekadres" on the street's line or the line above it; a "Retouradres" line
        # above the addressee's name is the sender's, not this address's
        line = text.rfind("\n", 0, j) + 1
        above = text.rfind("\n", 0, max(0, line - 1)) + 1
        before = text[max(above, start - 120):start]
        if self._negative_re is not None and self._negative_re.search(before):
            return ""
        return "straat + huisnummer"

    def reject_in_text(self, text: str, start: int, end: int) -> bool:
        # "Postbus 20011, 2500 EA Den Haag", "Antwoordnummer 123 1000 AB Amsterdam".
        # Also "Postbus 1, postvak 3720 BA", "Postbus 20350 | 2500 EJ" and a line break.
        before = text[max(0, start - 60):start]
        return bool(_POSTBUS_BEFORE.search(before))

