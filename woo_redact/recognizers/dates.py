"""Date of birth: a date right after "geboren", "geb.", "geboortedatum".

Dates as such (of a letter, a meeting, a decision) are no personal data and stay visible,
so a date is reported only with a birth word a few words before it.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

import regex as re
from presidio_analyzer import Pattern

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

BIRTH_WORDS = ["geboren", "geboren op", "geb.", "geb", "geboortedatum", "geboorte datum",
               "geboorte-datum", "geb.datum", "geb. datum", "d.d. geboorte", "geboortedag",
               "geboortejaar", "date of birth", "DOB"]


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

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        parsed = parse_date(pattern_text)
        if parsed is None or parsed > dt.date.today() or parsed.year < 1880:
            return False
        return None


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
