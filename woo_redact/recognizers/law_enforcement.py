"""Law-enforcement details: OM parketnummers, police registration numbers, investigation
names, informant codes and named investigative methods (Woo art. 5.1.2c).

Where a bare number says nothing by itself (a BVH number is ten digits), the regex matches
the trigger word too but drops it from the span (regex ``\\K``): only the number is reported,
and never a number without its word. (A lookbehind would do the same but is tried at every
position of the text, which is slow on layout text with long runs of spaces.)
"""

from __future__ import annotations

from typing import Optional

import regex as re
from presidio_analyzer import Pattern

from .checksums import digits_only
from .pattern_base import NlPatternRecognizer, cs

_END = r"(?![\w/-]|[.,]\d)"
_START = r"(?<![\w/.-])"


class NlParketnummerRecognizer(NlPatternRecognizer):
    """OM case number: two-digit office code / six-digit serial - two-digit year."""

    ENTITY = "NL_PARKETNUMMER"
    PATTERNS = [
        Pattern("parketnummer NN/NNNNNN-NN", _START + r"\d{2}/\d{6}-\d{2}" + _END, 0.6),
        Pattern("parketnummer met streepjes of punten",
                _START + r"\d{2}([-.]|[ \t])\d{6}\1\d{2}" + _END, 0.3),
        Pattern("parketnummer gemengd", _START + r"\d{2}[/.]\d{6}[/.-]\d{2}" + _END, 0.3),
    ]
    CONTEXT = ["parketnummer*", "parketnr", "parketnr.", "parket", "parketten",
               "om-nummer*", "om-zaaknummer*", "zaaknummer*", "zaaknr", "zaaknr.",
               "strafzaak", "dagvaarding", "officier", "OvJ"]
    CONTEXT_REQUIRED_PATTERNS = frozenset({
        "parketnummer met streepjes of punten", "parketnummer gemengd"})
    REQUIRED_CONTEXT = ["parketnummer*", "parketnr", "parketnr.", "parket", "om-nummer*",
                        "om-zaaknummer*", "zaaknummer*", "zaaknr", "zaaknr."]


_NR = r"(?:[- ]?(?:nummer|nr\.?|no\.?))"
# "BVH-nummer", "registratienummer", "mutatienummer", "proces-verbaal nummer", "pv-nr.:".
# A KvK-, BIG- or btw-registratienummer is no police number.
_POLICE_TRIGGER = (r"(?i:\b(?:bvh(?:[- ]?registratie)?" + _NR + r"?|"
                   r"(?<!kvk[- ]|big[- ]|btw[- ]|rsin[- ])registratie" + _NR + r"|"
                   r"mutatie" + _NR + r"|aangifte" + _NR + r"|"
                   r"proces[- ]?verbaal" + _NR + r"?|pv" + _NR + r"?|p\.v\." + _NR + r"?)"
                   r")[ \t]{0,3}:?[ \t]{0,3}")
_POLICE_CODE = r"(?:[A-Z]{2,4}[- ]?)?\d+(?:[-/.]\d+){0,3}"


# compiled once: called for every match
_DATE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")


class NlPoliceReferenceRecognizer(NlPatternRecognizer):
    """Police registration numbers (BVH/Basisvoorziening Handhaving, proces-verbaal,
    mutatie)."""

    ENTITY = "NL_POLICE_REFERENCE"
    PATTERNS = [
        # PL0900-2023123456, PL1300-2024012345-7: team code, year + serial, check digit.
        Pattern("BVH-registratienummer PL",
                cs(r"(?<![\w-])PL\d{4}[- ]?(?:19|20)\d{2}\d{4,8}(?:-\d{1,2})?(?![\w-])"), 0.6),
        # PV-2023-0456, PV 2024/123456
        Pattern("proces-verbaalnummer PV",
                cs(r"(?<![\w-])PV[- ]?(?:19|20)\d{2}[-/]?\d{3,8}(?:-\d{1,2})?(?![\w-])"), 0.5),
        Pattern("nummer na trefwoord",
                _POLICE_TRIGGER + r"\K" + cs(_POLICE_CODE) + _END, 0.6),
    ]
    CONTEXT = ["bvh*", "registratienummer*", "mutatienummer*", "mutatie", "proces-verbaal*",
               "procesverbaal*", "pv", "pv-nummer*", "politie*", "aangifte*", "registratie"]

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        # Fewer than six digits is a year, a page or a paragraph, not a registration.
        digits = digits_only(pattern_text)
        if len(digits) < 6:
            return False
        if _DATE.fullmatch(pattern_text):
            return False  # "proces-verbaal 12-03-2023" is a date
        return None


_NAME_STOP = (r"(?:De|Het|Een|Naar|Van|In|Door|Op|Bij|Met|Over|Voor|Is|Wordt|Werd|En|Of|"
              r"Dat|Die|Dit|Deze|Zijn|Heeft|Was|Te|Ter|Tegen|Onder|Tot|Uit|Om|Als|Wet|"
              r"Openbaar|Ministerie|Politie|Nationale|Rijksrecherche|Commissie|Inspectie|"
              r"Rekenkamer|Raad|Kamer|Tweede|Eerste|Minister|Staatssecretaris|Justitie|"
              r"Veiligheid|Team|Teams|TGO|Operatie|Onderzoek|Project|Fase|Deel|Nr|Nummer|"
              # offences in a header "Onderzoek: Moord ..." describe, they do not name
              r"Moord|Doodslag|Diefstal|Inbraak|Fraude|Witwassen|Drugshandel|Mensenhandel|"
              r"Overval|Brand|Brandstichting|Mishandeling|Bedreiging|Oplichting|Poging|"
              r"Liquidatie|Schietpartij|Ontvoering|Afpersing|Verkrachting|Zedenmisdrijf)\b")
# A code name: capitalised ("Tandem", "Vliegenvanger") or starting with digits ("26Lemon");
# all-capital short words are organisations ("WODC", "OM") and not names.
_CODE_NAME = (r"(?-i:(?!" + _NAME_STOP + r")(?![A-Z]{2,6}\b)"
              r"(?:[A-Z][\w\u00c0-\u017f]*|\d+[A-Za-z][\w]*)(?:-[A-Z0-9][\w]*)?)")
# "operatie Vliegenvanger", "onderzoek-Tandem", "TGO 'Vlinder'", "Onderzoek: 26Lemon"
_GAP = r"""(?:[ \t]{0,2}:[ \t]{0,3}|[ \t]{1,3}|[ \t]?-[ \t]?)['"\u2018\u201c\u201e]?"""


class NlInvestigationNameRecognizer(NlPatternRecognizer):
    """Names of criminal investigations. "Operatie"/"TGO" + name is nearly always one;
    "onderzoek"/"project" + capitalised word is often an ordinary report or programme, so
    those need a police/OM word nearby to pass the default threshold."""

    ENTITY = "INVESTIGATION_NAME"
    PATTERNS = [
        Pattern("operatie/TGO + naam",
                r"(?-i:\b(?:[Oo]peratie|TGO|Tgo|[Rr]echercheteam|[Oo]nderzoeksteam|"
                r"[Oo]nderzoeksnaam|[Nn]aam van het onderzoek))" + _GAP
                + r"\K" + _CODE_NAME + r"(?!\w)", 0.5),
        # "onderzoek 26Lemon": a name that starts with digits is a code name anywhere.
        # ("onderzoek" also inside "opsporingsonderzoek", "rechercheonderzoek")
        Pattern("onderzoek/project + codenaam",
                r"(?-i:[Oo]nderzoek|\b[Pp]roject)" + _GAP + r"\K(?-i:\d+[A-Za-z]\w*)(?!\w)",
                0.5),
        Pattern("onderzoek/project + naam",
                r"(?-i:[Oo]nderzoek|\b[Pp]roject)" + _GAP + r"\K" + _CODE_NAME + r"(?!\w)",
                0.35),
    ]
    CONTEXT = ["politie*", "recherche*", "rechercheteam*", "opsporing*", "opsporingsonderzoek*",
               "OM", "openbaar ministerie", "officier", "OvJ", "justitie", "verdachte*",
               "strafrechtelijk*", "TGO", "CIE", "aanhouding*", "aangehouden", "inval",
               "doorzoeking*", "FIOD", "KMar", "marechaussee", "rijksrecherche",
               "onderzoeksnaam", "dekmantel", "tap", "taps", "tapgesprek*", "observatie*",
               "informant*", "parketnummer*", "strafzaak", "criminele", "drugs*", "witwas*"]
    # Police words sit anywhere in the sentence or the one before.
    WORDS_BEFORE = 25
    WORDS_AFTER = 15


# "CIE-bron 12-345", "informant NN-0231", "bron CIE-2023-017", "CI-code 0231-A",
# "TCI-registratie 2022/0345"
_INFORMANT_TRIGGER = (r"(?i:\b(?:cie[- ]?bron|cie[- ]?informant|cie[- ]?(?:code|nummer|nr\.?|"
                      r"registratie(?:nummer)?)|informant(?:code|nummer)?|bron(?:code|nummer)?|"
                      r"ci[- ]?code|ci[- ]?nummer|tci[- ]?(?:registratie(?:nummer)?|code|nummer)|"
                      r"informatiebron)"
                      r")[ \t]{0,3}(?:(?i:nummer|nr\.?|code)[ \t]{0,3})?:?[ \t]{0,3}")
# A code with a digit, and either a separator or letters: "12-345", "NN-0231", "CIE-2023-017"
# (a plain year after "bron" is a citation: "bron: 2023").
_INFORMANT_CODE = (r"(?-i:(?=[A-Z0-9]*[-/.][A-Z0-9]|[A-Z]+\d|\d+[A-Z])"
                   r"(?=[A-Z0-9/.-]*\d)[A-Z0-9]+(?:[-/.][A-Z0-9]+){0,3})")


_NOT_AN_INFORMANT_CODE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}(?:\.\d{1,2})+|"
                                    r"(?:19|20)\d\d[-/](?:\d\d|(?:19|20)\d\d)")


class NlInformantCodeRecognizer(NlPatternRecognizer):
    ENTITY = "INFORMANT_CODE"
    PATTERNS = [
        Pattern("code na CIE/informant/bron",
                _INFORMANT_TRIGGER + r"\K" + _INFORMANT_CODE + _END, 0.6),
    ]
    CONTEXT = ["CIE*", "informant*", "TCI", "criminele inlichtingen*", "bron", "ci-code",
               "CI-informatie", "inlichtingen*"]

    def invalidate_result(self, pattern_text: str) -> Optional[bool]:
        # "bron: 12-03-2023" is a date, "bron 2.3" a section, "bron: 2019/20" a year.
        return bool(_NOT_AN_INFORMANT_CODE.fullmatch(pattern_text))


# Named tactics. Word forms are listed because a deny list matches whole words.
METHOD_TERMS = [
    "IMSI-catcher", "IMSI-catchers", "IMSI catcher", "IMSI catchers",
    "stingray", "stelselmatige observatie", "stelselmatig observeren", "observatieteam",
    "observatieteams", "observatiepost", "observatiewoning", "cameraobservatie",
    "pseudokoop", "pseudokopen", "pseudo-koop", "pseudo-koper", "pseudokoper",
    "pseudodienstverlening", "pseudo-dienstverlening", "infiltratie", "infiltratieteam",
    "infiltrant", "infiltranten", "politie-infiltrant", "burgerinfiltrant",
    "burgerinfiltranten", "burgerinfiltratie", "burgerpseudokoop", "undercoveragent",
    "undercoveragenten", "undercover", "inkijkoperatie", "inkijkoperaties", "peilbaken",
    "peilbakens", "tapkamer", "telefoontap", "telefoontaps",
    "tapgesprek", "tapgesprekken", "tapverslag", "tapverslagen", "direct afluisteren",
    "afluisterapparatuur", "opnemen van vertrouwelijke communicatie",
    "opnemen vertrouwelijke communicatie", "OVC", "OVC-middel", "stelselmatige inwinning",
    "stelselmatige informatie-inwinning", "steunzender", "lokfiets", "lokauto", "lokpakket",
    "lokpakketten", "lokmiddel", "hackbevoegdheid", "heimelijk binnendringen",
    "binnendringen in een geautomatiseerd werk", "onderzoek in een geautomatiseerd werk",
    "heimelijke opname", "heimelijke opnamen", "heimelijke opnames", "heimelijk opnemen",
    "bijzondere opsporingsbevoegdheid", "bijzondere opsporingsbevoegdheden",
    "kroongetuige", "kroongetuigen", "afstapinformatie", "telecommunicatie aftappen",
    "vorderen van verkeersgegevens", "tactische interceptie",
]


# Words that also have an everyday meaning ("infiltratie van regenwater").
AMBIGUOUS_METHOD_TERMS = ["infiltratie", "undercover"]


def _trie(terms: list[str]) -> str:
    """The terms as a prefix tree: "observatieteam|observatiepost|..." becomes
    "observatie(?:team|post|...)", so the engine tries one branch per letter instead of
    every term at every word. A term that ends where a longer one goes on comes after the
    longer one, as in a longest-first alternation."""
    root: dict = {}
    for term in terms:
        node = root
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + emit(node[ch])
                    for ch in sorted(k for k in node if k)]
        if "" in node:
            branches.append("")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(root)


def _terms_regex(terms: list[str]) -> str:
    # The same matches as a longest-first alternation of the terms: two terms can only
    # both match at one position when one is a prefix of the other. The capitals-only
    # (case-sensitive) terms go last, which is their place longest-first as long as no
    # other term is a shorter prefix of one of them.
    upper = sorted((t for t in terms if t.isupper()), key=len, reverse=True)
    other = sorted({t.lower() for t in terms if not t.isupper()})
    assert not any(u.lower().startswith(t) and len(t) < len(u) for u in upper for t in other)
    alternatives = ([_trie(other)] if other else []) + [cs(re.escape(t)) for t in upper]
    # Every term starts with a word character, so "\b" is the "(?<!\w)" it stands for,
    # and one the engine checks much faster.
    assert all(re.match(r"\w", t) for t in terms)
    return r"\b(?:" + "|".join(alternatives) + r")(?!\w)"


class NlInvestigativeMethodRecognizer(NlPatternRecognizer):
    """Named investigative tactics. A keyword says nothing about whether the method was
    used in this case, so the score stays low and the default policy only proposes them."""

    ENTITY = "INVESTIGATIVE_METHOD"
    PATTERNS = [
        Pattern("opsporingsmethode",
                _terms_regex([t for t in METHOD_TERMS if t not in AMBIGUOUS_METHOD_TERMS]), 0.5),
        Pattern("opsporingsmethode (meerduidig)", _terms_regex(AMBIGUOUS_METHOD_TERMS), 0.3),
    ]
    CONTEXT = ["ingezet", "inzet", "toegepast", "toepassing", "bevel", "bevoegdheid",
               "126*", "Sv", "strafvordering", "officier", "OvJ", "rechter-commissaris",
               "machtiging", "politie*", "opsporing*", "geplaatst", "gebruikt", "verdachte*",
               "criminele", "crimineel", "recherche*"]
    WORDS_AFTER = 3
