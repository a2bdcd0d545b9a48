"""Burgerservicenummer (elfproef), IBAN (mod-97), and the numbers a person is known by
only through their label: V-nummer, identity document, personnel number."""

from __future__ import annotations

from typing import Optional

import regex as re
from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.predefined_recognizers.generic.iban_patterns import regex_per_country

from .checksums import digits_only, elfproef, iban_is_valid
from .pattern_base import ENHANCED, NlPatternRecognizer, cs

_BSN_WORDS = r"(?:bsn|burgerservice[- ]?nummer|sofi[- ]?nummer|sofinr\.?)"
# Not a piece of a longer number, code, date or amount; a number grouped with spaces also
# not one group of a longer spaced run.
_BEFORE = r"(?<![\w.,/-])"
_AFTER = r"(?![\w/-]|[.,]\d)"
_NOT_SPACED_RUN = r"(?<!\d[ \t])", r"(?![ \t]\d)"


class NlBsnRecognizer(NlPatternRecognizer):
    """Nine digits passing the elfproef, compact or grouped; eight digits (the leading zero
    dropped) only right after "BSN". One in eleven random nine-digit numbers passes the
    test, so a reference word just before ("kenmerk", "zaaknummer") demotes the match."""

    ENTITY = "NL_BSN"
    PATTERNS = [
        Pattern("BSN 9 cijfers", _BEFORE + r"\d{9}" + _AFTER, 0.4),
        Pattern("BSN met punten",
                _BEFORE + r"(?:\d{4}\.\d{2}\.\d{3}|\d{3}\.\d{3}\.\d{3})" + _AFTER, 0.5),
        Pattern("BSN met spaties",
                _BEFORE + _NOT_SPACED_RUN[0] + r"(?:\d{3} \d{3} \d{3}|\d{4} \d{2} \d{3})"
                + _AFTER + _NOT_SPACED_RUN[1], 0.5),
        Pattern("BSN 8 cijfers na BSN",
                r"(?i:\b" + _BSN_WORDS + r")[ \t:.]{0,4}(?:(?i:nummer|nr\.?)[ \t:.]{0,4})?"
                r"\K\d{8}" + _AFTER, 0.5),
    ]
    CONTEXT = ["bsn*", "burgerservicenummer*", "burgerservice-nummer", "sofinummer*",
               "sofi-nummer", "sofinr"]
    NEGATIVE_CONTEXT = ["kenmerk*", "referentie*", "ref", "ref.", "zaaknummer*",
                        "zaak", "dossiernummer*", "dossier", "factuur*", "documentnummer*",
                        "registratienummer*", "rekeningnummer*", "bankrekening*", "giro*",
                        "kvk*", "kvk-nummer", "btw*", "ordernummer*", "klantnummer*",
                        "relatienummer*", "parketnummer*", "kamerstuk*", "nr", "nr.",
                        "nummer", "tel", "tel.", "telefoon*", "€", "eur", "euro", "bvh*",
                        "mutatienummer*", "proces-verbaal*", "pv", "pv-nummer*", "aangifte*",
                        # other numbers a person is known by, each with its own entity
                        "v-nummer*", "vreemdelingennummer*", "paspoort*", "rijbewijs*",
                        "identiteitskaart*", "id-kaart*", "personeelsnummer*",
                        "dienstnummer*", "stamnummer*", "beslagnummer*"]

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        return elfproef(pattern_text)

    def reject_in_text(self, text: str, start: int, end: int) -> bool:
        # "€ 123.456.782" and "123 456 782 euro" are amounts.
        after = text[end:end + 12].lower()
        return after.lstrip().startswith(("euro", "eur ", "mln", "miljoen"))


# ISO 13616 registry lengths (characters, without spaces).
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
    "BH": 22, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22,
    "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27,
    "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28,
    "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
    "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24,
    "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24,
    "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SC": 31,
    "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24,
    "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}


def _iban_regex(lengths: dict[str, int]) -> str:
    """One alternative per length, for the countries with exactly that length, in groups of
    four that may or may not be separated by a space. Exact lengths keep a following number
    ("NL91ABNA0417164300 2023") out of the match. (Grouped by length rather than one
    alternative per country: 17 alternatives to try at every capital instead of 77, and the
    same matches, since only one country code can start at a position.)"""
    by_length: dict[int, list[str]] = {}
    for country, length in sorted(lengths.items()):
        by_length.setdefault(length, []).append(country)
    alternatives = []
    for length, countries in sorted(by_length.items()):
        rest = length - 4
        groups, tail = divmod(rest, 4)
        # a space, or a line break in a narrow column, between groups
        alt = ("(?:" + "|".join(countries) + r")\d{2}"
               + r"(?:[ \t\n]?[A-Z0-9]{4}){%d}" % groups)
        if tail:
            alt += r"[ \t\n]?[A-Z0-9]{%d}" % tail
        alternatives.append(alt)
    return r"(?<![A-Z0-9])(?:" + "|".join(alternatives) + r")(?![A-Z0-9])"


# compiled once: a candidate IBAN is checked against its country's layout on every match
_COUNTRY_LAYOUT = {country: re.compile(fmt) for country, fmt in regex_per_country.items()}


class NlIbanRecognizer(NlPatternRecognizer):
    ENTITY = "IBAN_CODE"
    PATTERNS = [Pattern("IBAN", cs(_iban_regex(IBAN_LENGTHS)), 0.5)]
    # country code and check digits; half the pages have none
    PRECHECK = r"[A-Z]{2}\d\d"
    CONTEXT = ["iban", "rekening*", "bankrekening*", "rekeningnummer*", "bank",
               "t.n.v.", "overmaken", "overgemaakt", "storten", "gestort", "betaling*"]

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        compact = "".join(pattern_text.split())
        # Presidio's per-country layout (where letters and digits go), then the checksum.
        layout = _COUNTRY_LAYOUT.get(compact[:2])
        if layout and not layout.fullmatch(compact):
            return False
        return iban_is_valid(compact)


# -- numbers that identify a person only by their label -----------------------------------
#
# A V-number, a passport number or a personnel number is a plain run of digits (or letters
# and digits) that looks like a hundred other references, so each is found only right after
# the word that names it (regex ``\K``: the word is required but not reported). The label
# and its value may sit on two lines of a form.
_LABEL_GAP = r"[ \t]*+(?::[ \t]*+)?(?:\n[ \t]*+)?"


class NlVNumberRecognizer(NlPatternRecognizer):
    """The IND's vreemdelingennummer (V-nummer): ten digits that follow a foreign national
    through every immigration file."""

    ENTITY = "NL_VNUMBER"
    PATTERNS = [
        Pattern("V-nummer",
                r"(?i:\b(?:v[- ]?(?:nummer|nr\.?)|vreemdelingen[- ]?(?:nummer|nr\.?))"
                r"(?:[ \t]*+\((?-i:IND)\))?)" + _LABEL_GAP
                + r"\K(?:\d{9,10}|\d{4}[. ]\d{3}[. ]\d{3}|\d{2}[. ]\d{4}[. ]\d{4})" + _AFTER,
                0.6),
    ]
    CONTEXT = ["v-nummer*", "vnummer*", "vreemdelingennummer*", "IND", "vreemdeling*",
               "verblijfsvergunning*", "asiel*"]
    PRECHECK = r"(?i:v[- ]?n(?:ummer|r)|vreemdelingen)"

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        # "0000000000" fills a form field, it numbers no one
        return False if len(set(digits_only(pattern_text))) == 1 else None


_ID_DOCUMENT = (r"(?:paspoort|identiteitskaart|identiteitsbewijs|id[- ]?kaart|id[- ]?bewijs|"
                r"rijbewijs|reisdocument|verblijfsdocument|verblijfspas|vreemdelingendocument|"
                r"verblijfsvergunning|militaire?[ \t]+(?:boekje|paspoort))")
_DOC_NUMBER_WORD = r"(?:document)?(?:nummer|nr\.?|no\.?)"
# compiled once: checked on every match
_DATE_LIKE = re.compile(r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")


class NlIdDocumentRecognizer(NlPatternRecognizer):
    """Numbers of passports, identity cards, driving licences and residence documents.
    A Dutch passport or ID card number is nine letters and digits (no letter O), a driving
    licence number ten digits; foreign documents differ, so any code of six to twelve
    capitals and digits with a digit in it is taken after the document's label."""

    ENTITY = "NL_ID_DOCUMENT"
    PATTERNS = [
        # "paspoortnummer", "ID-kaart nummer", "rijbewijs nr.", "paspoort met nummer",
        # "paspoort (nummer ...)",
        # "documentnummer paspoort", "nummer van zijn identiteitskaart",
        # "rijbewijs, nummer ...", "het verblijfsdocument heeft nummer ..."
        Pattern("nummer van een identiteitsdocument",
                r"(?i:\b(?:" + _ID_DOCUMENT + r"(?:[- ]?" + _DOC_NUMBER_WORD + r"|[ \t]*,[ \t]*"
                # "een geldig paspoort\n(nummer P04317852)"
                + _DOC_NUMBER_WORD + r"|[ \t]*\n?[ \t]*\([ \t]*" + _DOC_NUMBER_WORD
                + r"|[ \t]+(?:met|heeft|had|draagt|onder)"
                r"[ \t]+(?:het[ \t]+)?" + _DOC_NUMBER_WORD + r")?|" + _DOC_NUMBER_WORD
                + r"[ \t]+(?:van[ \t]+)?(?:het[ \t]+|de[ \t]+|zijn[ \t]+|haar[ \t]+|"
                r"diens[ \t]+|uw[ \t]+)?" + _ID_DOCUMENT + r")(?!\w))" + _LABEL_GAP
                + r"\K" + cs(r"(?=[A-Z]*\d)[A-Z0-9]{6,12}|\d{3}-\d{7}-\d{2}") + _AFTER, 0.6),
        # "Documentnummer: NW1234K56" alone also heads the Woo inventory list: only with
        # the kind of document (or the showing of it) nearby.
        Pattern("documentnummer",
                r"(?i:\bdocument(?:nummer|nr\.?))" + _LABEL_GAP + r"\K"
                + cs(r"(?=[A-Z]*\d)(?=\d*[A-Z])[A-Z0-9]{6,12}|\d{3}-\d{7}-\d{2}") + _AFTER, 0.6),
    ]
    CONTEXT = ["paspoort*", "identiteitskaart*", "identiteitsbewijs*", "id-kaart*",
               "id-bewijs*", "rijbewijs*", "reisdocument*", "verblijfsdocument*",
               "verblijfspas*", "vreemdelingendocument*", "verblijfsvergunning*",
               "legitim*", "identificeerde", "geïdentificeerd"]
    CONTEXT_REQUIRED_PATTERNS = frozenset({"documentnummer"})
    WORDS_BEFORE = 12
    WORDS_AFTER = 3

    # the document words of both patterns and the context words "documentnummer" needs
    STEMS = ("paspoort", "identiteit", "id-kaart", "id kaart", "idkaart", "id-bewijs",
             "id bewijs", "rijbewijs", "reisdocument", "verblijfs", "vreemdelingendocument",
             "legitim", "identificeerd", "militair")

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        # "paspoort 20230101": a date or a year run into a number
        if _DATE_LIKE.fullmatch(pattern_text):
            return False
        return None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._column = _IdDocumentColumnRecognizer()

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        found = super().analyze(text, entities, nlp_artifacts, regex_flags)
        seen = {(r.start, r.end) for r in found}
        return found + adopt_results(self, [
            r for r in self._column.analyze(text, entities, nlp_artifacts, regex_flags)
            if (r.start, r.end) not in seen])


# A table's column of document numbers: its header cell alone on a line
_ID_COLUMN_HEADER = re.compile(
    r"(?im)^[ \t|]*(?:paspoort(?:nummer|nr\.?)?|id-?kaart(?:nummer)?|identiteitsbewijs|"
    r"reisdocument(?:nummer)?|document(?:nummer|nr\.?)?[ \t]+(?:paspoort|id))[ \t|:]*$")
_ID_COLUMN_REACH = 1500


class _IdDocumentColumnRecognizer(NlPatternRecognizer):
    """Dutch passport and ID card numbers (two letters, six letters or digits, a digit; no
    letter O) as the last cell of a row under a passport column. Run by
    NlIdDocumentRecognizer."""

    ENTITY = "NL_ID_DOCUMENT"
    PATTERNS = [Pattern("paspoortnummer in een kolom",
                        r"(?<![\w-])" + cs(r"[A-NP-Z]{2}(?=[A-NP-Z0-9]{6}\d)(?=[A-Z]*\d)"
                                            r"[A-NP-Z0-9]{6}\d") + r"(?=[ \t|]*$)", 0.6)]
    CONTEXT = ["paspoort*", "identiteitskaart*", "id-kaart*"]
    WORDS_BEFORE = 0
    PRECHECK = _ID_COLUMN_HEADER

    def reject_in_text(self, text: str, start: int, end: int) -> bool:
        return _ID_COLUMN_HEADER.search(text, max(0, start - _ID_COLUMN_REACH), start) is None


# Functions of officers and staff who sign with a number
_OFFICER_FUNCTION = (r"(?:(?:hoofd)?agent|(?:hoofd)?inspecteur|(?:hoofd)?commissaris|"
                     r"rechercheur|brigadier|verbalisant|opsporingsambtenaar|surveillant|"
                     r"wachtmeester|adjudant|boa|handhaver|toezichthouder|medewerker|tolk|"
                     r"teamleider|chef|coördinator|coordinator|operator|centralist)")

# Numbers that identify an official or an employee: with the name redacted, a personnel or
# BOA number would name the officer again to anyone with the staff list. A BIG number finds
# the care professional in the public BIG register. ("Politienummer" is a phone number.)
_PERSONNEL_LABEL = (r"(?i:\b(?:personeels|medewerkers?|werknemers?|dienst|stam|badge|"
                    r"legitimatie|ambtenaars|tolk|student|leerling)(?:nummer|nr\.?)|"
                    r"\bpers\.?[ \t]?nr\.?|\bpnr\.?|"
                    # "rechercheur ID-nummer 1720339": only after an officer's function
                    # (see reject_in_text)
                    r"\b(?-i:ID|Id|id)[- ]?(?:nummer|nr\.?)|"
                    r"\bboa[- ]?(?:registratie)?(?:nummer|nr\.?)|"
                    r"\b(?-i:BIG)[- ]?(?:registratie(?:nummer|nr\.?)?|nummer|nr\.?))")
_PERSONNEL_PLURAL = (r"(?i:\b(?:personeels|medewerker|werknemer|dienst|stam)nummers|"
                     r"\bpers\.?[ \t]?nrs\.?)")
# "Smulders OM123874, El Amrani OM130022": whose number it is may stand before it
_LIST_OWNER = r"(?:(?:\p{Lu}[\p{L}'’.-]*|(?i:van|de|der|den|el|al|ter|ten))[ \t]+){0,4}"
# "1432876", "OM123874", "BTB07": letters, if any, come first
_PERSONNEL_CODE = r"(?=[A-Z-]*\d)[A-Z]{0,4}-?\d[0-9A-Z]{1,11}(?:-\d{2,8})?"
# a phone number has ten digits ("0800-1234" a service line's seven or eight, with its
# hyphen); "0048213" without one is a staff number with a leading zero
_PHONE_LIKE = re.compile(r"0\d{2,3}-\d{4,8}|0\d{9}")
# "rechercheur ID-nummer", "M. Bakker, rechercheur" / "ID-nummer" (the function ending the
# signature line above): an officer's ID, not a client's or a document's
_ID_LABEL_BEFORE = re.compile(r"(?i:\bid[- ]?(?:nummer|nr\.?))" + _LABEL_GAP + r"$")
_OFFICER_ID_LABEL_BEFORE = re.compile(
    r"(?i:\b[\w-]*?" + _OFFICER_FUNCTION + r"(?:[ \t,]{1,3}|,?[ \t]*\n[ \t]*)(?:met[ \t]+)?"
    r"id[- ]?(?:nummer|nr\.?))" + _LABEL_GAP + r"$")
# What stands right before an officer's bracketed number: an initial ("MOL, P."), a
# capitalised name ("P. Mol", "El Idrissi") or a function ("CIE-chef"); not a label
# ("Registratienummer", "Tel.") and not a lower-case word of a sentence.
_OFFICER_BEFORE = re.compile(
    r"(?:(?-i:\b[A-Z]\.)|(?-i:\b(?!(?:Nr|Nummer|Tel|Telefoon|Fax|Kenmerk|Zaak|Artikel|Art|"
    r"Pagina|Bijlage|Registratie|Mutatie|Dossier|Team|Eenheid|District|Politie|Bureau)"
    r"\b)[A-Z][\w'\u2019\u00c0-\u017f-]*(?<!nummer)(?<!nr))|"
    r"(?i:\b[\w-]*?" + _OFFICER_FUNCTION + r"))[ \t]*$")  # "CIE-chef", "teamchef"
_POLICE_RECORD = re.compile(
    r"(?i:\b(?:politie\w*|proces-verbaal|verbalisant\w*|bvh|basisvoorziening handhaving|"
    r"mutatie\w*|recherche\w*|cie|criminele inlichtingen|opsporing\w*|"
    # a prison's report: its officers (PIW) by name and service number
    r"penitentiair\w*|justiti[eë]le\s+inrichting|dji|gedetineerde\w*|bijzonder\s+voorval)\b)")


class NlPersonnelNumberRecognizer(NlPatternRecognizer):
    ENTITY = "NL_PERSONNEL_NUMBER"
    PATTERNS = [
        # "Personeelsnummer melder\n417826": whose number it is may follow the label
        Pattern("nummer na personeelsnummer",
                _PERSONNEL_LABEL + r"(?:[ \t]*+\([^()\n]{1,12}\))?"
                + r"(?-i:[ \t]+\p{Ll}{3,15}(?![\w-]))?"
                + _LABEL_GAP + r"\K" + cs(_PERSONNEL_CODE) + _AFTER, 0.6),
        # "J.W. Schuttenbeld, toezichthouder (nr. TH-51982)": an inspector's or officer's
        # number in brackets after their function
        Pattern("nr. tussen haakjes na een functie",
                r"(?i:\b(?:toezichthouder|inspecteur|dierenarts|verbalisant|boa|handhaver|"
                r"controleur|opsporingsambtenaar)\w*)[ \t]*\((?i:nr\.?|nummer)[ \t]*\K"
                + cs(r"[A-Z]{1,4}-?\d{4,8}") + r"(?=\))", 0.6),
        # "Personeelsnummers voor de urenregistratie: OM123874, OM130022 en OM099871."
        Pattern("nummers in een lijst na personeelsnummers",
                r"(?<=" + _PERSONNEL_PLURAL + r"[^:\n]{0,40}(?:\n[^:\n]{0,40})?:[ \t]*(?:"
                + _LIST_OWNER + cs(_PERSONNEL_CODE) + r"[ \t]*(?:,|;|\ben\b)[ \t]*)*"
                + _LIST_OWNER + r")" + cs(_PERSONNEL_CODE) + _AFTER, 0.6),
    ]
    CONTEXT = ["personeelsnummer*", "dienstnummer*", "stamnummer*", "boa*", "big*",
               "verbalisant*", "medewerker*", "ambtenaar*", "opsporingsambtenaar*",
               "toezichthouder*", "handhaver*"]
    STEMS = ("personeelsn", "werkersn", "werkern", "werknemersn", "werknemern", "dienstn",
             "stamn", "badgen", "legitimatien", "ambtenaarsn", "pers.nr", "pers. nr", "pers nr",
             "persnr", "pnr", "boa", "big", "tolkn", "studentn", "leerlingn", "id-n", "id n", "idn",
             "(nr", "(nummer")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._helpers = (_OfficerNumberInBracketsRecognizer(), _OfficerCodeRecognizer())

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        found = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for helper in self._helpers:
            found += adopt_results(
                self, helper.analyze(text, entities, nlp_artifacts, regex_flags))
        return found

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        # "dienstnummer 0800-1234": a service line, not a person
        if _PHONE_LIKE.fullmatch(pattern_text):
            return False
        return None

    def reject_in_text(self, text: str, start: int, end: int) -> bool:
        before = text[max(0, start - 60):start]
        return bool(_ID_LABEL_BEFORE.search(before)) and not _OFFICER_ID_LABEL_BEFORE.search(before)


_FIVE_DIGIT_SERVICE_NUMBER = re.compile(
    r"(?i)\b(?:dienst|personeels|stam)(?:nummer|nr\.?)[ \t:]*\d{5}(?!\d)")


class _OfficerNumberInBracketsRecognizer(NlPatternRecognizer):
    """"Verbalisanten: P. Mol (1432876)", "Afdruk door: MOL, P. (1432876)", "CIE-chef
    (1388201)": in a police record the number in brackets right after an officer's name or
    function is their registration number. Run by NlPersonnelNumberRecognizer."""

    ENTITY = "NL_PERSONNEL_NUMBER"
    PATTERNS = [Pattern("nummer tussen haakjes na een verbalisant", r"\(\K\d{5,8}(?=\))", 0.6)]
    CONTEXT = ["verbalisant*", "politie*"]
    WORDS_BEFORE = 0
    # starts with a literal: the engine skips from bracket to bracket
    PRECHECK = r"\(\d{5,8}\)"

    def reject_in_text(self, text: str, start: int, end: int) -> bool:
        if not _OFFICER_BEFORE.search(text, max(0, start - 40), start - 1):
            return True
        if end - start < 6 and not _FIVE_DIGIT_SERVICE_NUMBER.search(text):
            # "de mutatie van P. Jansen (12345)": five digits are a service number only
            # where the text labels one so ("dienstnummer 61874")
            return True
        return not _POLICE_RECORD.search(text, max(0, start - 3000), min(len(text), end + 3000))


class _OfficerCodeRecognizer(NlPatternRecognizer):
    """"Verbalisanten: RTR-4412 (brigadier) en RTR-5087", "Waarnemers RTO-3120, RTO-3124",
    "CIE-medewerker RT-C-07": a police officer who signs with a shielded code instead of a
    name. The code is theirs as a name is; it only counts beside an officer's function,
    because standards and forms have the same shape ("NEN-3140", "ISO-27001"). Run by
    NlPersonnelNumberRecognizer."""

    ENTITY = "NL_PERSONNEL_NUMBER"
    PATTERNS = [Pattern("afgeschermd nummer van een opsporingsambtenaar",
                        cs(r"(?<![\w-])[A-Z]{2,4}(?:-[A-Z]{1,2})?-\d{2,5}(?![\w-])"), 0.6)]
    CONTEXT = ["verbalisant*", "teamleider*", "waarnemer*", "observant*", "rechercheur*",
               "opsporingsambtena*", "brigadier*", "hoofdagent*", "agent*", "inspecteur*",
               "hoofdinspecteur*", "medewerker*", "cie-medewerker*", "gecontroleerd",
               "uitgewerkt", "dienstnummer*", "afgeschermd*", "ondertekend", "opgemaakt*",
               "handler*", "runner*", "controller*", "tapkamer*", "operator*", "analist*",
               "rapporteur*", "opsteller*"]
    CONTEXT_REQUIRED = True
    WORDS_BEFORE = 8
    WORDS_AFTER = 2
    PRECHECK = r"[A-Z]{2}-(?:[A-Z]-)?\d"

    def invalidate_result(self, pattern_text: str) -> bool:
        return pattern_text.split("-")[0] in _STANDARD_PREFIXES


# Codes of standards, forms and regulations that share the officer codes' shape
_STANDARD_PREFIXES = frozenset({"ISO", "NEN", "EN", "IEC", "RFC", "CAO", "ABW", "WW", "WIA",
                                "AVG", "BIO", "BBN", "COVID", "SARS", "NATO", "EU", "KB",
                                "ART", "NL", "BE", "DE", "PL", "PV", "BVH", "CIE", "RC", "RK"})


def adopt_results(owner: NlPatternRecognizer, results: list) -> list:
    """Results of a helper recognizer, reported as the registered ``owner``'s (the engine
    keeps only results that carry a registered recognizer's id) and already scored."""
    for result in results:
        metadata = result.recognition_metadata or {}
        metadata[ENHANCED] = True
        metadata[RecognizerResult.RECOGNIZER_NAME_KEY] = owner.name
        metadata[RecognizerResult.RECOGNIZER_IDENTIFIER_KEY] = owner.id
        result.recognition_metadata = metadata
    return results



# A business run by one person: its KvK entry names them, and its number identifies them
_SOLE_TRADER = re.compile(
    r"(?i:\b(?:eenmanszaak|eenmanszaken|zzp(?:['’]?er)?|zelfstandige[n]?[ \t]+zonder[ \t]+personeel|"
    r"h\.?o\.?d\.?n\.?|handelend[ \t]+onder[ \t]+de[ \t]+naam|eigen[ \t]+(?:bedrijf|zaak|"
    r"onderneming|adviesbureau|praktijk)|freelancer|zelfstandig[ \t]+ondernemer|"
    # a natural person who both lives and does business at an address
    r"wonende[ \t\n]+en[ \t\n]+kantoorhoudende)\b)")
SOLE_TRADER_REACH = 160  # within the number's own sentence
_SENTENCE_END = re.compile(r"[.!?](?=\s+\p{Lu}|\s*$)|\n[ \t]*\n")


class NlKvkNumberRecognizer(NlPatternRecognizer):
    """A KvK (or VAT) number of a one-man business ("eenmanszaak, KvK 60128743"): the trade
    register names the owner, so the number is personal data. A company's KvK number stays, so the
    business must be marked as one person's in the same sentence or line."""

    ENTITY = "NL_KVK_NUMBER"
    PATTERNS = [
        Pattern("kvk-nummer", r"(?i:\bkvk(?:-?nummer|-?nr\.?)?)(?:[ \t]*+\([^()\n]{1,20}\))?"
                + _LABEL_GAP + r"\K\d{8}" + _AFTER, 0.6),
        Pattern("kvk-nummer tussen haakjes",
                r"(?i:\bkvk(?:-?nummer|-?nr\.?)?)[^()\n\d]{0,40}\n?[ \t]*\K\d{8}" + _AFTER, 0.5),
        # "ingeschreven in het Handelsregister van de Kamer van Koophandel onder nummer ..."
        Pattern("handelsregister onder nummer",
                r"(?i:\b(?:kamer[ \t\n]+van[ \t\n]+koophandel|handelsregister)[ \t\n]+"
                r"(?:onder[ \t\n]+)?(?:nummer|nr\.?))" + _LABEL_GAP + r"\K\d{8}" + _AFTER, 0.6),
        # the VAT number of a one-man business is the owner's as the KvK number is
        Pattern("btw-identificatienummer",
                r"(?i:\bbtw(?:-?identificatie)?(?:-?nummer|-?nr\.?|-?id)?)" + _LABEL_GAP
                + r"\K" + cs(r"NL[ \t]?\d{9}[ \t]?B[ \t]?\d{2}") + _AFTER, 0.6),
    ]
    CONTEXT = ["eenmanszaak", "zzp*", "zelfstandige", "freelancer", "h.o.d.n.", "handelsnaam"]
    STEMS = ("kvk", "koophandel", "handelsregister", "btw")

    def reject_in_text(self, text: str, start: int, end: int) -> bool:
        lo, hi = max(0, start - SOLE_TRADER_REACH), min(len(text), end + SOLE_TRADER_REACH)
        # the cue must be in the number's own sentence
        stops = list(_SENTENCE_END.finditer(text, lo, start))
        lo = stops[-1].end() if stops else lo
        stop = _SENTENCE_END.search(text, end, hi)
        hi = stop.start() if stop else hi
        return _SOLE_TRADER.search(text, lo, hi) is None
