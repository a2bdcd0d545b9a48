"""Check-digit tests for Dutch identifiers."""

from __future__ import annotations

import string

_IBAN_LETTERS = {ord(c): str(i) for i, c in enumerate(string.digits + string.ascii_uppercase)}


def digits_only(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def elfproef(number: str) -> bool:
    """BSN variant of the eleven test: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is divisible by 11.

    Eight-digit numbers are BSNs written without their leading zero. All-zero numbers pass
    the arithmetic but are never issued.
    """
    if any(not (ch.isdigit() or ch in ". ") for ch in number):
        return False
    digits = digits_only(number)
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or int(digits) == 0:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1))) - int(digits[8])
    return total % 11 == 0


def iban_is_valid(iban: str) -> bool:
    """ISO 13616 mod-97 test on an IBAN written with or without spaces."""
    compact = "".join(iban.split()).replace("-", "").upper()
    if len(compact) < 15 or not compact.isalnum() or not compact[:2].isalpha() \
            or not compact[2:4].isdigit():
        return False
    rearranged = (compact[4:] + compact[:4]).translate(_IBAN_LETTERS)
    return int(rearranged) % 97 == 1


def luhn(number: str) -> bool:
    """The Luhn check digit of payment cards and IMEIs (spaces and dashes ignored)."""
    digits = digits_only(number)
    if len(digits) < 12:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0
