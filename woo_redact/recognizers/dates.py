"""Date of birth: a date right after "geboren", "geb.", "geboortedatum", or in a row of
a person table that opens with the person's role ("Verdachte | De Boer, H. | 02-11-1979").

Dates as such (of a letter, a meeting, a decision) are no personal data and stay visible,
so a date is reported only with a birth word a few words before it, or as the first date
after a role label with nothing but a name in between.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

import regex as re
from presidio_analyzer import Pattern

from .identifiers import adopt_results
from .pattern_base import NlPatternRecognizer, words_regex

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3,
    "mar": 3, "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10,
    "okt": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH_NAME = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# Both start with a digit; saying so up front (``(?=\d)``) lets the regex engine skip to
# the next digit instead of trying the lookbehind and the day at every position (~10x).
_NUMERIC = (r"(?=\d)(?<![\w/.-])(?:0?[1-9]|[12]\d|3[01])([-/.])(?:0?[1-9]|1[0-2])\1"
            r"(?:\d{4}|\d{2})(?![\w/-]|[.,]\d)")
_WS = r"(?:[ \t]{1,3}|[ \t]?\n[ \t]?)"  # a line may wrap inside "12 maart 1985"
_WRITTEN = (r"(?=\d)(?<![\w])(?:0?[1-9]|[12]\d|3[01])(?:e|ste|de)?" + _WS + _MONTH_NAME
            + _WS + r"\d{4}(?!\w)")
_ISO = r"(?<![\w/.-])(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\w/-])"

# a four-digit year only: "02-11-79" after a role is as often a short event date
_NUMERIC_4 = (r"(?=\d)(?<![\w/.-])(?:0?[1-9]|[12]\d|3[01])([-/.])(?:0?[1-9]|1[0-2])\1"
              r"\d{4}(?![\w/-]|[.,]\d)")

BIRTH_WORDS = ["geboren", "geboren op", "geb.", "geb", "geboortedatum", "geboorte datum",
               "geboorte-datum", "geb.datum", "geb. datum", "d.d. geboorte", "geboortedag",
               "geboortejaar", "date of birth", "DOB"]

# -- a date in a row of a person table -----------------------------------------------------
#
# Police and case files list people in tables: "Verdachte | DE BOER, Hendrik | 02-11-1979",
# flattened by extraction to one cell a line. The role opens the row (at a line start); the
# first date after it, with only name words between, is the person's date of birth. An
# event in the row is written with its word ("aangifte 12-03-2024", "Melding 12-05-2023"),
# and "Melding" is no role.
ROLE_WORDS = ("verdachte", "medeverdachte", "slachtoffer", "getuige", "melder", "meldster",
              "aangever", "aangeefster", "betrokkene", "benadeelde",
              "cliënt", "client", "cliente", "aanvrager", "aanvraagster", "bewoner",
              "bewoonster", "huurder", "werknemer", "klager", "klaagster", "verzoeker",
              "verzoekster", "belanghebbende", "minderjarige", "vermiste", "overledene",
              "gedetineerde", "patiënt", "patient", "eiser", "eiseres",
              "gedaagde", "vreemdeling", "bezwaarmaker", "kind", "moeder", "vader")
_ROLE = (r"(?i:" + "|".join(re.escape(w) for w in sorted(ROLE_WORDS, key=len, reverse=True))
         + r")(?:[ \t]*+\d{1,2}\b)?")  # "Betrokkene 2"
# between cells: spaces, a cell rule or comma, at most one line break
_CELL_GAP = r"[ \t]*+[|,;:/]?[ \t]*+(?:\n[ \t]*+)?"
# A word of a name: capitalised ("DE", "Boer", "Hendrik", "P.", "El-Idrissi") or a particle;
# not an event word, which dates the row's event instead.
_EVENT_WORD = (r"(?i:aangifte|melding|datum|d\.d\.?|dd|op|per|sinds|vanaf|tot|tussen|na|voor|"
               r"verhoor\w*|aanhouding|aangehouden|overleden|ingeschreven|vertrokken|"
               r"registratie|mutatie|incident|pleegdatum|tijdstip)(?![\w.])")
_NAME_WORD = (r"(?!" + _EVENT_WORD + r")"
              r"(?:(?-i:[A-Z\u00c0-\u00de\u0100-\u017f][\w'\u2019\u00c0-\u017f.-]*)|"
              r"(?-i:van|de|der|den|ter|ten|te|het|'t|el|al|von|du|da|le|la|bin|ben|del|dos|di|"
              r"mevrouw|heer|mevr\.|mw\.|dhr\.|mr\.|dr\.|drs\.|ir\.)(?![\w.]))")
_ROLE_ROW = (r"\n[ \t|\u2022*-]*+" + _ROLE + r"(?![\w-])(?:" + _CELL_GAP + _NAME_WORD
             + r"){0,8}" + _CELL_GAP + r"\K")
_ROLE_LINE = re.compile(r"\n[ \t|\u2022*-]*+" + _ROLE + r"(?![\w-])")
# Without a birth column above the row, only a date that makes the person at least this old:
# a more recent one is as likely the row's event as a young child's birth.
_MIN_AGE = 12
_BIRTH_HEADER = 400


def _a_birth_date(pattern_text: str) -> Optional[bool]:
    """A table cell's date can be a birth date: a real date, past, not before 1900."""
    parsed = parse_date(pattern_text)
    if parsed is None or parsed > dt.date.today() or parsed.year < 1900:
        return False
    return None


class _RoleRowDateOfBirthRecognizer(NlPatternRecognizer):
    """The role-row part of NlDateOfBirthRecognizer (run by it, not registered itself)."""

    ENTITY = "DATE_OF_BIRTH"
    PATTERNS = [
        Pattern("geboortedatum in persoonsrij dd-mm-jjjj", _ROLE_ROW + _NUMERIC_4, 0.6),
        Pattern("geboortedatum in persoonsrij d maand jjjj", _ROLE_ROW + _WRITTEN, 0.6),
        Pattern("geboortedatum in persoonsrij jjjj-mm-dd", _ROLE_ROW + _ISO, 0.6),
    ]
    CONTEXT = ROLE_WORDS
    WORDS_BEFORE = 0

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        # The patterns open with a literal line break, so the engine skips from line to
        # line instead of trying a line start at every position (five times the cost); the
        # text gets one in front for its first line.
        if not (_ROLE_LINE.search(text) or _ROLE_LINE.match("\n" + text[:40])):
            return []
        results = super().analyze("\n" + text, entities, nlp_artifacts, regex_flags)
        for result in results:
            result.start -= 1
            result.end -= 1
        return results

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        return _a_birth_date(pattern_text)

    def reject_in_text(self, text: str, start: int, end: int) -> bool:
        parsed = parse_date(text[start:end])
        if parsed is None:
            return True
        if parsed.year <= dt.date.today().year - _MIN_AGE:
            return False
        # a young child's row, or the date of an event: only under a birth column
        return not _BIRTH_HEADER_RE.search(text, max(0, start - _BIRTH_HEADER), start)


# A table's birth column: its header cell alone on a line ("Geboortedatum", "Geb. datum")
_BIRTH_COLUMN_HEADER = re.compile(
    r"(?im)^[ \t|]*(?:geboortedatum|geboorte[ \t]?datum|geb\.?[ \t]?datum|geboren|"
    r"date[ \t]of[ \t]birth|dob)[ \t|:]*$")
# Another header with a date in it ("Datum melding") makes the column ambiguous
_OTHER_DATE_HEADER = re.compile(r"(?i)datum|date|dag|periode")
_COLUMN_REACH = 1500


class _BirthColumnDateRecognizer(NlPatternRecognizer):
    """Dates in a table's birth column: each a cell on its own line, under a header row
    that names only one date column ("Naam | BSN | Geboortedatum | IBAN"). Run by
    NlDateOfBirthRecognizer."""

    ENTITY = "DATE_OF_BIRTH"
    PATTERNS = [
        Pattern("geboortedatum in een kolom dd-mm-jjjj",
                r"(?m)^[ \t|]*\K" + _NUMERIC_4 + r"(?=[ \t|]*$)", 0.6),
        Pattern("geboortedatum in een kolom jjjj-mm-dd",
                r"(?m)^[ \t|]*\K" + _ISO + r"(?=[ \t|]*$)", 0.6),
    ]
    CONTEXT = BIRTH_WORDS
    WORDS_BEFORE = 0

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        if not _BIRTH_COLUMN_HEADER.search(text):
            return []
        return super().analyze(text, entities, nlp_artifacts, regex_flags)

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        return _a_birth_date(pattern_text)

    def reject_in_text(self, text: str, start: int, end: int) -> bool:
        header = None
        for header in _BIRTH_COLUMN_HEADER.finditer(text, max(0, start - _COLUMN_REACH), start):
            pass
        if header is None:
            return True
        # the header row: the short lines around the birth header, up to the first line
        # with a digit (the first row of data)
        row_start = header.start()
        for _ in range(8):
            prev = text.rfind("\n", 0, max(0, row_start - 1))
            line = text[prev + 1:row_start].strip()
            if not line or any(c.isdigit() for c in line) or len(line.split()) > 4:
                break
            if _OTHER_DATE_HEADER.search(line):
                return True
            row_start = prev + 1
        pos = header.end()
        for _ in range(8):
            nxt = text.find("\n", pos + 1)
            line = text[pos:nxt if nxt >= 0 else len(text)].strip()
            if not line or any(c.isdigit() for c in line) or len(line.split()) > 4:
                break
            if _OTHER_DATE_HEADER.search(line):
                return True
            pos = nxt if nxt >= 0 else len(text)
        return False


class _DateAfterNameRecognizer(NlPatternRecognizer):
    """"Youssef AMRANI (14-03-1991)", "DP2 Kwabena OWUSU (08-11-1989)": a date in brackets
    right after a name is whose birth it is, when it lies years before every other date of
    the document (a letter's "J. Jansen (12-03-2024)" dates the letter). Run by
    NlDateOfBirthRecognizer."""

    ENTITY = "DATE_OF_BIRTH"
    _AFTER_NAME = r"(?<=(?-i:\p{Lu}[\p{L}'’.-]*)[ \t]*\()"
    PATTERNS = [
        Pattern("datum tussen haakjes na een naam dd-mm-jjjj",
                _AFTER_NAME + _NUMERIC_4 + r"(?=\))", 0.6),
        Pattern("datum tussen haakjes na een naam d maand jjjj",
                _AFTER_NAME + _WRITTEN + r"(?=\))", 0.6),
    ]
    PRECHECK = r"\(\d"

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        self._latest = _latest_year(text)
        return super().analyze(text, entities, nlp_artifacts, regex_flags)

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        if _a_birth_date(pattern_text) is False:
            return False
        parsed = parse_date(pattern_text)
        return None if parsed and parsed.year <= self._latest - _MIN_AGE else False


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _latest_year(text: str) -> int:
    """The latest year the text mentions, not after this one (the document's own time)."""
    now = dt.date.today().year
    years = [int(y) for y in _YEAR.findall(text) if int(y) <= now]
    return max(years, default=now)


class NlDateOfBirthRecognizer(NlPatternRecognizer):
    ENTITY = "DATE_OF_BIRTH"
    PATTERNS = [
        Pattern("datum dd-mm-jjjj", _NUMERIC, 0.6),
        Pattern("datum d maand jjjj", _WRITTEN, 0.6),
        Pattern("datum jjjj-mm-dd", _ISO, 0.6),
    ]
    CONTEXT = BIRTH_WORDS
    CONTEXT_REQUIRED = True
    # A page without a birth word keeps no date, so its dates need not be sought. The
    # window before a date is a piece of the text that ends where the date starts, and a
    # date never starts right after a word character: a birth word found in the window is
    # found by this regex in the whole text (no test before the word, as a window may
    # start inside one). WORDS_AFTER is 0, so there is no window after the date.
    PRECHECK = words_regex(BIRTH_WORDS, leading_boundary=False)
    # "geboren op 1-1-1950, overleden op 2-2-2020": the birth word belongs to the first date.
    WINDOW_STOP = (r"\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}(?:e|ste|de)?\s+" + _MONTH_NAME
                   + r"\s+\d{4}")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._role_rows = _RoleRowDateOfBirthRecognizer()
        self._column = _BirthColumnDateRecognizer()
        self._after_name = _DateAfterNameRecognizer()

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        found = super().analyze(text, entities, nlp_artifacts, regex_flags)
        seen = {(r.start, r.end) for r in found}
        rows = [r for part in (self._role_rows, self._column, self._after_name)
                for r in part.analyze(text, entities, nlp_artifacts, regex_flags)
                if (r.start, r.end) not in seen and not seen.add((r.start, r.end))]
        # scored by the role row itself; the birth words must not judge it again
        return found + adopt_results(self, rows)

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        parsed = parse_date(pattern_text)
        if parsed is None or parsed > dt.date.today() or parsed.year < 1880:
            return False
        return None

_BIRTH_HEADER_RE = NlDateOfBirthRecognizer.PRECHECK

# compiled once: every candidate date on every page is parsed
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_NUMERIC = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})")
_WRITTEN = re.compile(r"(\d{1,2})(?:e|ste|de)?\s+([a-z]+)\.?\s+(\d{4})", re.IGNORECASE)


def parse_date(text: str) -> Optional[dt.date]:
    """Read a Dutch-written date; None when it is no real calendar date."""
    text = text.strip()
    try:
        if m := _ISO.fullmatch(text):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _NUMERIC.fullmatch(text):
            year = int(m[3])
            if len(m[3]) == 2:
                # Two-digit birth years: not in the future.
                year += 2000 if year <= dt.date.today().year % 100 else 1900
            return dt.date(year, int(m[2]), int(m[1]))
        if m := _WRITTEN.fullmatch(text):
            month = MONTHS.get(m[2].lower())
            return dt.date(int(m[3]), month, int(m[1])) if month else None
    except ValueError:
        return None
    return None
