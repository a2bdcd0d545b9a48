"""Numbers of a person's devices and cards: a phone's IMEI, a payment card's number.

Both carry a Luhn check digit, so a long digit string only counts when it passes the check;
a plain 15-digit number also needs "IMEI" or a word for a handset near it, as order and
parcel numbers come in that length too.
"""

from __future__ import annotations

from typing import Optional

from presidio_analyzer import Pattern

from .checksums import luhn
from .pattern_base import NlPatternRecognizer

_ALONE = r"(?<![\w/.,-])"
_END = r"(?![\w/-]|[.,]\d)"


class ImeiRecognizer(NlPatternRecognizer):
    ENTITY = "IMEI_NUMBER"
    PATTERNS = [
        Pattern("IMEI 15 cijfers", _ALONE + r"\d{15}" + _END, 0.3),
        Pattern("IMEI in groepen", _ALONE + r"\d{2}[- ]\d{6}[- ]\d{6}[- ]\d" + _END, 0.3),
    ]
    CONTEXT = ["imei*", "toestel*", "telefoontoestel*", "handset", "gsm", "smartphone*",
               "iphone*", "samsung", "mobiele telefoon*", "tap*"]
    CONTEXT_REQUIRED = True
    WORDS_BEFORE = 6
    WORDS_AFTER = 3
    PRECHECK = r"\d{6}"

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        return None if luhn(pattern_text) else False


class PaymentCardRecognizer(NlPatternRecognizer):
    """A credit or debit card number: 13-19 digits of a card issuer's ranges, Luhn-valid,
    written whole or in groups of four."""

    ENTITY = "CREDIT_CARD"
    PATTERNS = [
        Pattern("kaartnummer in groepen van vier",
                _ALONE + r"(?:4\d{3}|5[1-5]\d{2}|2[2-7]\d{2}|3[47]\d{2}|6(?:011|5\d{2}))"
                         r"(?:[ -]\d{4}){2}[ -]\d{1,7}" + _END, 0.5),
        Pattern("kaartnummer aaneen",
                _ALONE + r"(?:4\d{12}(?:\d{3})?|5[1-5]\d{14}|2[2-7]\d{14}|3[47]\d{13}|"
                         r"6(?:011|5\d{2})\d{12})" + _END, 0.3),
    ]
    CONTEXT = ["creditcard*", "credit card", "kaartnummer*", "betaalkaart*", "pinpas*",
               "bankpas*", "visa", "mastercard", "maestro", "amex", "american express",
               "kaart*"]
    CONTEXT_REQUIRED_PATTERNS = frozenset({"kaartnummer aaneen"})
    PRECHECK = r"\d{4}"

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        return None if luhn(pattern_text) else False
