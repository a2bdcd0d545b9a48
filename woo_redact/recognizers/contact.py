"""E-mail addresses and phone numbers.

Whether an address or number is functional (info@, 0800, 1400) is the policy's call, not
ours: every one is reported.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import phonenumbers
import regex as re
import tldextract
from presidio_analyzer import Pattern

from .checksums import digits_only
from .pattern_base import NlPatternRecognizer


@lru_cache(maxsize=1)
def _suffix_extractor() -> tldextract.TLDExtract:
    # The bundled public-suffix snapshot only: the default extractor fetches the list
    # from the internet on first use.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class NlEmailRecognizer(NlPatternRecognizer):
    ENTITY = "EMAIL_ADDRESS"
    PATTERNS = [
        Pattern(
            "e-mailadres",
            # The look-ahead (no space before the "@") rules out most words in one pass,
            # before the local part is tried and taken back character by character.
            r"(?<![\w.@-])(?=[^\s@]*+@)[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*"
            r"@\w+(?:-+\w+)*(?:\.\w+(?:-+\w+)*)+(?![\w@])",
            0.5,
        ),
    ]
    CONTEXT = ["e-mail", "email", "e-mailadres", "mail*", "afzender", "geadresseerde"]
    PRECHECK = "@"  # more than half the pages have none

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        domain = pattern_text.rsplit("@", 1)[1]
        return _suffix_extractor()(domain).fqdn != ""


# A number may wrap at a line end anywhere: after the area code ("bereikbaar via 070-136
# \n4321", "+31 6\n3837 9334"), before its dash ("058\n- 233 45 67") or inside a narrow
# table cell, where nothing else is on its lines ("06 - 2841\n7733"). What tells a wrap from
# a column of separate numbers ("0800-8002\n14 030" read down a table) is the first line:
# a wrapped number is not yet whole there (invalidate_result), and the Dutch numbering plan
# (validate_result) keeps out the rest.
_BREAK = r"[ \t]*\n[ \t]*"
# Separator between area code and subscriber number: "070-", "070 - ", "070 ", "(070) ".
_SEP = (r"(?:(?:[ \t]*|" + _BREAK + r")[-\u2013](?:[ \t]*|" + _BREAK + r")|" + _BREAK
        + r"|[ \t]|\.)?")
_INTL_NL = (r"(?:\+[ \t]?31|\b0031)[ \t]?(?:\(0\)[ \t]?)?(?:[ \t-]?|" + _BREAK + r")")


def _digits(n: int) -> str:
    """n digits, optionally grouped with single spaces ("123 45 67") or wrapped."""
    return r"\d(?:(?:[ \t]?|" + _BREAK + r")\d){%d}" % (n - 1)


def _national(area_digits: int) -> str:
    """National number with an area code of ``area_digits`` digits after the 0."""
    sub = 9 - area_digits
    area = r"0[1-9]\d{%d}" % (area_digits - 1) if area_digits > 1 else r"06"
    digits = _digits(sub)
    return (r"(?:\(" + area + r"\)" + _SEP + r"|" + area + _SEP + r")" + digits)


# compiled once: the hooks below run for every match (the regex module's own cache costs
# more per call than the test itself)
_SHORT_NUMBER = re.compile(r"140(?:0|\d{2,3})")
_DATE = re.compile(r"\b\d{1,2}[-./]\d{1,2}[-./]\d{2,4}\b")
# A mobile number with its 06 set off, or any number with the country code in front
_UNMISTAKABLE = re.compile(r"(?:06[ \t]?-[ \t]?|\(06\)|\+31|0031|\+\d{2})")
_SPACED_IBAN_BEFORE = re.compile(r"(?-i:\b[A-Z]{2}\d{2}(?:[ \t]?[A-Z0-9]{4}){1,3}[ \t]?)$")

# Not inside a longer number, code or amount ("12.0612345678", "0612345678-23").
_BEFORE = r"(?<![\w,+-])(?<!\d[.,])"
_AFTER = r"(?!\d|[ \t]?-\d|[.,]\d)"


_MOBILE_DIGITS = re.compile(r"(?:06|316)\d{8}")


def _is_number(text: str) -> bool:
    """Whether ``text`` holds one whole phone number: a public short number, or a number
    with a valid length and area code in the numbering plan."""
    text = text.replace("(0)", "")
    digits = digits_only(text)
    if _SHORT_NUMBER.fullmatch(digits):
        return True  # 1400 and 14 + area code: no subscriber number to check
    if text.lstrip().startswith("+") or digits.startswith("00"):
        digits = digits[2:] if digits.startswith("00") else digits
        # +31 is followed by 9 digits
        if digits.startswith("31") and len(digits) != 11:
            return False
        number_text, region = "+" + digits, None
    else:
        # Dutch numbers are 10 digits with the leading 0; 0800/0900 also 8 or 11.
        if len(digits) != 10 and not (digits[:4] in ("0800", "0900", "0906", "0909")
                                      and len(digits) in (8, 11)):
            return False
        number_text, region = digits, "NL"
    if _MOBILE_DIGITS.fullmatch(digits):
        # 06 and eight digits is a mobile number however the numbering plan allocates its
        # ranges: a typo or a number not yet in the metadata (06-7…, 06-9…) is still someone's
        return True
    try:
        number = phonenumbers.parse(number_text, region)
    except phonenumbers.NumberParseException:
        return False
    if region is None and number.country_code != 31:
        # abroad, a "+" and a country code already say phone number; the metadata lag
        # behind other countries' new ranges ("+44 7700 …")
        return phonenumbers.is_possible_number(number)
    return phonenumbers.is_valid_number(number)


class NlPhoneRecognizer(NlPatternRecognizer):
    """Dutch numbers in their common writings, public service numbers, and international
    numbers with a country code. Validated with the ``phonenumbers`` metadata (valid Dutch
    area codes and lengths), which rules out most digit runs that merely look like one."""

    ENTITY = "PHONE_NUMBER"
    PATTERNS = [
        Pattern("mobiel", _BEFORE + _national(1) + _AFTER, 0.6),
        Pattern("vast, netnummer 3 cijfers", _BEFORE + _national(2) + _AFTER, 0.5),
        Pattern("vast, netnummer 4 cijfers", _BEFORE + _national(3) + _AFTER, 0.5),
        Pattern("internationaal +31",
                _INTL_NL + r"[1-9](?:(?:[ \t]?[-.]?[ \t]?|" + _BREAK + r")\d){8}" + _AFTER, 0.6),
        Pattern("servicenummer 0800/0900",
                _BEFORE + r"0[89]0[069]" + _SEP + r"(?:\d{3}[ \t]?\d{4}|\d{2}[ \t]?\d{2})" + _AFTER,
                0.5),
        Pattern("gemeente 14 + netnummer", _BEFORE + r"14[ \t]?0\d{2,3}" + _AFTER, 0.4),
        Pattern("Rijksoverheid 1400", _BEFORE + r"1400" + _AFTER, 0.4),
        # Aruba (+297) and the Caribbean Netherlands and Curaçao (+599): 7 digits, Curaçao
        # with a 9 before them. Its own pattern, as the general one below may run on over a
        # line break into the digits of a date ("+599 786 3310\n12/09") and fail as a whole.
        Pattern("internationaal Caribisch deel Koninkrijk",
                r"(?<![\w+])\+[ \t]?(?:297|599)[ \t]?(?:9[ \t]?)?\d{3}[ \t.-]?\d{4}" + _AFTER,
                0.5),
        Pattern("internationaal",
                r"(?<![\w+])\+[ \t]?(?!31)[1-9]\d{0,2}[ \t]?(?:\(0\)[ \t]?)?[ \t-]?\d"
                r"(?:[ \t\n]?[-.]?[ \t]?\d){5,12}" + _AFTER,
                0.5),
    ]
    CONTEXT = ["tel", "tel.", "telefoon*", "telefonisch", "tel.nr.", "telnr", "mobiel*", "mob",
               "mob.", "gsm", "bel", "bellen", "belde", "gebeld", "bereikbaar", "nummer",
               "whatsapp", "sms", "fax", "doorkiesnummer", "doorkies"]
    NEGATIVE_CONTEXT = ["kenmerk*", "referentie*", "zaaknummer", "dossiernummer", "factuur*",
                        "documentnummer", "registratienummer", "bsn", "burgerservicenummer",
                        "iban", "rekeningnummer", "parketnummer", "kamerstuk*", "kvk*",
                        "ordernummer", "klantnummer", "relatienummer", "€", "euro", "bvh*",
                        "mutatienummer*", "pv-nummer*", "proces-verbaal*"]
    # "1400" alone is a count or an amount as often as a number to call.
    CONTEXT_REQUIRED_PATTERNS = frozenset({"Rijksoverheid 1400"})
    REQUIRED_CONTEXT = ["tel", "tel.", "telefoon*", "telefonisch", "bel", "bellen", "belt",
                        "nummer", "via"]

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        return None if _is_number(pattern_text) else False

    def negative_context_applies(self, text: str, start: int, end: int) -> bool:
        # "06-28119043", "+31 6 …", "0031 30 …": written so, a number is one to call
        # whatever reference or KvK number stands a few words before it
        return _UNMISTAKABLE.match(text, start, end) is None

    def invalidate_result(self, pattern_text: str) -> Optional[bool]:
        # A date with a time or a year range run together ("01-05-2023 12") is no number.
        if _DATE.search(pattern_text):
            return True
        # A line that already holds a whole number is a cell of a column, not the start of
        # a number wrapped onto the next line. (Here, not in reject_in_text: Presidio drops
        # the whole first line's own match as contained in this one before that runs.)
        first_line, wrapped, _ = pattern_text.partition("\n")
        return bool(wrapped) and _is_number(first_line)

    def reject_in_text(self, text: str, start: int, end: int) -> bool:
        before = text[max(0, start - 40):start]
        # Digits of a spaced IBAN ("NL91 ABNA 0417 1643 00").
        return bool(_SPACED_IBAN_BEFORE.search(before))
