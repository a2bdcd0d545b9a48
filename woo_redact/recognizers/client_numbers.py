"""Numbers an organisation keeps about one citizen: a customer, pass, contract or policy
number, a fine's CJIB number and payment reference, a meter's connection.

Such a number has no shape of its own (six to twenty digits, perhaps grouped, perhaps a
letter prefix); what makes it personal is its label, right before it ("pasnummer 00347721",
"Beschikkingsnummer\\n5140 2398 7712 0054", "onder vermelding van betalingskenmerk ..."). The
label words name the citizen's relation to the organisation; a document's own references
("kenmerk", "zaaknummer", "dossiernummer") are the organisation's and are not labels here.
"""

from __future__ import annotations

from typing import Optional

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
