"""A person's place of birth and nationality, as forms and reports give them.

Neither has a shape of its own: "Paramaribo" and "Poolse" are ordinary words until a label
or a phrase ties them to someone ("geboren op 30 januari 1986 te Paramaribo (Suriname)",
"Geboorteplaats: Lodz (Polen)", "Nationaliteit: Eritrese", "van Poolse nationaliteit").
Only the value after such a cue is taken; a country in brackets after the place goes with
it.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from .pattern_base import NlPatternRecognizer

_GAP = r"[ \t]*+(?::[ \t]*+)?(?:\n[ \t]*+)?"
# "Paramaribo", "Den Haag", "'s-Hertogenbosch", "Bergen op Zoom", "Lodz (Polen)"
_PLACE = (r"(?-i:(?:(?:De|Den|Het|'s|'t)[ \t-]+)?\p{Lu}[\p{L}'’-]+"
          r"(?:[ \t]+(?:(?:aan|op|in|bij)[ \t]+(?:de[nr]?[ \t]+)?)?\p{Lu}[\p{L}'’-]+){0,2})"
          r"(?:[ \t]*\([ \t]*(?-i:\p{Lu}[\p{L} '’-]{1,30})\))?")
# Nationalities are adjectives in -s(e), -e, -aans(e): "Poolse", "Eritrese", "Marokkaanse",
# "Nederlandse", "Turkse", "Syrische", "Brits"
_NATIONALITY = r"(?-i:\p{Lu}\p{Ll}{2,}(?:se|s|e|sch|sche))"


class NlBirthPlaceRecognizer(NlPatternRecognizer):
    ENTITY = "PLACE_OF_BIRTH"
    PATTERNS = [
        Pattern("geboren te",
                r"(?i:\bgeboren\b:?(?:[ \t]*\n)?(?:[^\n.;:]|(?<=\d)\.(?=\d)){0,40}?\bte)[ \t\n]+\K" + _PLACE + r"(?![\w'’-])",
                0.6),
        Pattern("geboorteplaats",
                r"(?i:\bgeboorteplaats|\bgeb\.?[ \t]*plaats|\bplaats[ \t]+van[ \t]+geboorte)"
                + _GAP + r"\K" + _PLACE + r"(?![\w'’-])", 0.6),
    ]
    CONTEXT = ["geboren", "geboorteplaats", "geboortedatum"]
    PRECHECK = r"(?i)geboren|geboorte|geb\.?\s*plaats"


class NlNationalityRecognizer(NlPatternRecognizer):
    ENTITY = "NATIONALITY"
    PATTERNS = [
        Pattern("nationaliteit: X",
                r"(?i:\bnationaliteit)" + _GAP + r"\K" + _NATIONALITY + r"(?!\w)", 0.6),
        Pattern("van X nationaliteit",
                r"(?i:\b(?:van|met|de|heeft[ \t]+de))[ \t]+\K" + _NATIONALITY
                + r"(?=[ \t]+(?i:nationaliteit)\b)", 0.6),
    ]
    CONTEXT = ["nationaliteit"]
    PRECHECK = r"(?i)nationaliteit"
