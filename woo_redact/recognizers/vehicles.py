"""Dutch licence plates (kentekens), sidecodes 1-14.

Since sidecode 4 (1978) plates use consonants only and never C or Q; the older sidecodes
1-3 are matched with any letter but C and Q, at a lower score. Every sidecode holds letters,
so dates ("12-03-85") and times never match. Written without dashes a plate is just a
short code, so that form needs "kenteken" close by.
"""

from __future__ import annotations

from typing import Iterable

from presidio_analyzer import Pattern

from .pattern_base import NlPatternRecognizer, cs

_MODERN = "[BDFGHJKLMNPRSTVWXZ]"
_OLD = "[A-BD-PR-Z]"

# sidecode number -> layout (X letter, 9 digit)
SIDECODES = {
    1: "XX-99-99", 2: "99-99-XX", 3: "99-XX-99", 4: "XX-99-XX", 5: "XX-XX-99",
    6: "99-XX-XX", 7: "99-XXX-9", 8: "9-XXX-99", 9: "XX-999-X", 10: "X-999-XX",
    11: "XXX-99-X", 12: "X-99-XXX", 13: "9-XX-999", 14: "999-XX-9",
}


def _layout_regex(layout: str, letter: str, separator: str) -> str:
    parts = []
    for group in layout.split("-"):
        unit = letter if group[0] == "X" else r"\d"
        parts.append(unit + ("{%d}" % len(group) if len(group) > 1 else ""))
    return separator.join(parts)


def _plate(codes: Iterable[int], letter: str, separator: str) -> str:
    body = "|".join(_layout_regex(SIDECODES[c], letter, separator) for c in codes)
    return cs(r"(?=[A-Z0-9]{1,3}[- ]?[A-Z0-9])(?<![\w-])(?:" + body + r")(?![\w-])")


class NlLicensePlateRecognizer(NlPatternRecognizer):
    ENTITY = "NL_LICENSE_PLATE"
    PATTERNS = [
        Pattern("kenteken sidecode 4-10, 12-14",
                _plate([*range(4, 11), 12, 13, 14], _MODERN, "-"), 0.5),
        # XXX-99-X is also the shape of organisation codes ("VWS-12-B").
        Pattern("kenteken sidecode 11", _plate([11], _MODERN, "-"), 0.4),
        Pattern("kenteken sidecode 1-3", _plate(range(1, 4), _OLD, "-"), 0.4),
        Pattern("kenteken zonder streepjes", _plate(range(4, 15), _MODERN, ""), 0.4),
        Pattern("kenteken oud zonder streepjes", _plate(range(1, 4), _OLD, ""), 0.3),
        Pattern("kenteken met spaties", _plate(range(1, 15), _OLD, " "), 0.3),
    ]
    CONTEXT = ["kenteken*", "kent.", "rdw", "voertuig*", "auto", "personenauto*",
               "bestelauto*", "bestelbus*", "vrachtauto*", "vrachtwagen*", "aanhanger*",
               "aanhangwagen*", "motor", "motorfiets*", "scooter*", "bromfiets*", "snorfiets*",
               "bus", "busje", "taxi", "kentekenplaat*", "nummerplaat*",
               # a plate is written after the make and model more often than after a word
               "audi", "bmw", "mercedes*", "volkswagen", "vw", "opel", "ford", "renault",
               "peugeot", "citroën", "citroen", "toyota", "kia", "hyundai", "nissan", "mazda",
               "volvo", "skoda", "seat", "fiat", "tesla", "suzuki", "honda", "mitsubishi",
               "dacia", "mini", "porsche", "land rover", "range rover", "jeep", "lexus",
               "iveco", "DAF", "scania", "MAN", "sprinter", "transit", "caddy", "golf",
               "polo", "corolla", "rijdt", "reed", "geparkeerd", "bestuurder*", "geregistreerd op",
               # a lorry's parts, as a driver's papers name them
               "trekker", "oplegger", "truck", "chauffeur*", "combinatie"]
    CONTEXT_REQUIRED_PATTERNS = frozenset({
        "kenteken zonder streepjes", "kenteken oud zonder streepjes", "kenteken met spaties"})
    REQUIRED_CONTEXT = ["kenteken*", "kent.", "rdw", "kentekenplaat*", "nummerplaat*"]
    WORDS_AFTER = 2
