"""Numbers an organisation keeps about one citizen: a customer, pass, contract or policy
number, a fine's CJIB number and payment reference, a meter's connection.

Such a number has no shape of its own (six to twenty digits, perhaps grouped, perhaps a
letter prefix); what makes it personal is its label, right before it ("pasnummer 00347721",
"Beschikkingsnummer\\n5140 2398 7712 0054", "onder vermelding van betalingskenmerk ..."). The
label words name the citizen's relation to the organisation.

A letter's reference ("Ons kenmerk", "uw kenmerk") is the correspondence's, which bodies
publish with their decisions, and stays. A file's number ("zaaknummer", "dossier
INT-2026-007", "meldingnummer", "aanslagnummer") is personal where the file is about one
citizen: a pupil's absence, a nuisance file, an integrity inquiry. So a file number counts on
a page that speaks of such a person (a BSN, a date of birth, "uw aanvraag", "betrokkene",
"de melder"), and stays readable in a policy memo.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex as re

from presidio_analyzer import Pattern

from .pattern_base import NlPatternRecognizer

_LABEL = (
    r"(?i:\b(?:klant(?:en)?|relatie|(?:\w+)?pas|lid(?:maatschaps)?|contract|huurcontract|"
    r"polis|abonnements?|debiteur(?:en)?|cli[eë]nt|pati[eë]nt|verzekerden|huurders?|"
    r"inschrijf|inschrijvings|aansluit|meter|zorgpas|cjib-?|beschikkings|kaart)"
    r"(?:nummer|nr\.?)|\bbetalingskenmerk|\bEAN(?:-code)?)")
# a note in brackets between label and number: "Klantnummer (zie factuur): 40012345"
_NOTE = r"(?:[ \t]*+\([^()\n]{1,20}\))?"
_GAP = r"[ \t]*+(?::[ \t]*+)?(?:\n[ \t]*+)?"
# digits in groups of up to six, a short letter prefix allowed: "00347721", "KL-204518",
# "2025 0417 3386 5521", "871 6872 0000 1234 56"
_NUMBER = r"(?-i:[A-Z]{0,3})-?\d{2,6}(?:[ .\-/]?\d{2,6}){0,5}"
_AFTER = r"(?![\w/-]|[.,]\d)"


class NlClientNumberRecognizer(NlPatternRecognizer):
    ENTITY = "NL_CLIENT_NUMBER"
    PATTERNS = [Pattern("nummer na een klant-, pas- of beschikkingslabel",
                        _LABEL + _NOTE + _GAP + r"\K" + _NUMBER + _AFTER, 0.6)]
    CONTEXT = ["klant*", "pas*", "polis*", "contract*", "abonnement*", "cjib", "beschikking*",
               "betalingskenmerk", "aansluit*", "lid*"]
    PRECHECK = r"(?i)nummer|nr|kenmerk|ean"
    MIN_DIGITS = 5

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        # "pasnummer 12": too short to single anyone out
        return None if sum(ch.isdigit() for ch in pattern_text) >= self.MIN_DIGITS else False


_FILE_LABEL = (
    r"(?i:(?<![\w-])(?:zaak|dossier|melding|meldings|registratie|subject|aanslag|verzuim|klacht|"
    r"signaal|onderzoeks?|schade|aanvraag|bezwaar|beroeps?)(?:nummer|nr\.?)|\bzaak|\bdossier|"
    r"\bregistratie)")
# "Zaaknummer gemeente Z/26/009312", "Meldingnummer verzuimregister VZ-…": a word or two
# saying whose register
_REGISTER_WORDS = r"(?-i:(?:[ \t]+\p{Ll}[\p{Ll}-]+){0,2})"
# a reference has digits and a shape: "Z/26/009312", "2026-SF-0948812", "OV-2026-0183",
# "WGA/24/118467/BD", "2026.4018.33712", "1198734"
_REFERENCE = r"(?-i:(?:[A-Z]{1,4}[-/]?)?\d[\dA-Z]*(?:[-/.][\dA-Z]+){0,4})"
_DATE_SHAPE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}")
# what a page about one citizen says of them
_ABOUT_A_CITIZEN = re.compile(
    r"(?i)\b(?:bsn|burgerservicenummer|geboren|geboortedatum|verdachte|betrokkene|"
    r"cli[eë]nt|pati[eë]nt|leerling|leerplichtige|student|huurder|bewoner|melder|klager|"
    r"aanvrager|bezwaarmaker|belanghebbende|uitkeringsgerechtigde|werknemer|"
    r"uw\s+(?:aanvraag|klacht|melding|bezwaar\w*|uitkering|studiefinanciering|aanslag|"
    r"zoon|dochter|kind|woning|huur\w*|aangifte|rijbewijs|gezondheid))\b")


@lru_cache(maxsize=8)
def _about_a_citizen(text: str) -> bool:
    return _ABOUT_A_CITIZEN.search(text) is not None


class NlFileReferenceRecognizer(NlPatternRecognizer):
    ENTITY = "NL_FILE_REFERENCE"
    PATTERNS = [Pattern("nummer na zaak-, dossier- of meldinglabel",
                        _FILE_LABEL + _NOTE + _REGISTER_WORDS + _GAP + r"\K" + _REFERENCE
                        + _AFTER, 0.6)]
    CONTEXT = ["zaak*", "dossier*", "melding*", "registratie*", "subject*",
               "aanslag*", "verzuim*", "klacht*", "signaal*", "onderzoek*", "schade*",
               "aanvraag*", "bezwaar*", "beroep*"]
    PRECHECK = r"(?i)zaak|dossier|melding|registratie|nummer|nr"
    MIN_DIGITS = 4

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        digits = sum(ch.isdigit() for ch in pattern_text)
        if digits < self.MIN_DIGITS or _DATE_SHAPE.fullmatch(pattern_text):
            return False  # "zaak 12", "kenmerk 03-11-2026"
        return None

    def reject_in_text(self, text: str, start: int, end: int) -> bool:
        return not _about_a_citizen(text)
