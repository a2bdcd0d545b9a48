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
from .names.organisation_context import company_around
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
        # a court's own numbers for the raadkamer and the rechter-commissaris: "RK 22/0912",
        # "RC 26/1187", "rk-nummer 23/004512"
        Pattern("raadkamer- of rc-nummer",
                cs(r"(?<![\w/-])R[CK][- ]?\d{2}/\d{3,6}(?:-\d{1,3})?(?![\w/-])"), 0.6),
    ]
    CONTEXT = ["parketnummer*", "parketnr", "parketnr.", "parket", "parketten",
               "om-nummer*", "om-zaaknummer*", "zaaknummer*", "zaaknr", "zaaknr.",
               "strafzaak", "dagvaarding", "officier", "OvJ"]
    CONTEXT_REQUIRED_PATTERNS = frozenset({
        "parketnummer met streepjes of punten", "parketnummer gemengd"})
    REQUIRED_CONTEXT = ["parketnummer*", "parketnr", "parketnr.", "parket", "om-nummer*",
                        "om-zaaknummer*", "zaaknummer*", "zaaknr", "zaaknr."]


_NR = r"(?:[- ]?(?:nummer|nr\.?|no\.?))"
# between a label and its number: a colon, and in a table or a wrapped line a line break
_LABEL_GAP = r"[ \t]{0,3}:?[ \t]{0,3}(?:\n[ \t]{0,3})?"
# Words that only a police or OM registration goes by: "BVH-nummer", "mutatienummer",
# "proces-verbaal nummer", "pv-nr.:", "beslagnummer" (seized goods), "goednummer".
_POLICE_TRIGGER = (r"(?i:\b(?:bvh(?:[- ]?registratie)?" + _NR + r"?|"
                   r"mutatie" + _NR + r"|aangifte" + _NR + r"|"
                   r"beslag(?:registratie)?" + _NR + r"|goed(?:nummer|nr\.?)|"
                   r"proces[- ]?verbaal" + _NR + r"?|pv" + _NR + r"?|p\.v\." + _NR + r"?)"
                   r")" + _LABEL_GAP)
_POLICE_CODE = r"(?:[A-Z]{2,4}[- ]?)?\d+(?:[-/.]\d+){0,3}"
# "Registratienummer" heads every kind of document, so after that word alone only a plain
# number or a police prefix counts: "RIS315873" is the council information system's
# number of a public decision. A KvK-, BIG-, BOA- or btw-registratienummer is no police
# number either.
_REGISTRATION_TRIGGER = (r"(?i:\b(?<!kvk[- ]|big[- ]|btw[- ]|boa[- ]|rsin[- ])registratie"
                         + _NR + r")" + _LABEL_GAP)
_REGISTRATION_CODE = r"(?:(?:PL|PV|BVH)[- ]?)?\d+(?:[-/.]\d+){0,3}"
# "het dossier met nummer 2022287651", "strafdossier nr. 2023123456": the case file of a
# police or OM investigation, but only in a criminal case (see reject_in_text).
_DOSSIER_TRIGGER = (r"(?i:\b(?:straf)?dossier(?:[- ]?(?:nummer|nr\.?)|[ \t]+(?:met[ \t]+)?"
                    r"(?:het[ \t]+)?(?:nummer|nr\.?)))" + _LABEL_GAP)

# compiled once: called for every match
_DATE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")
_AFTER_DOSSIER = re.compile(_DOSSIER_TRIGGER + r"$")
_AFTER_REGISTRATION = re.compile(r"(?i)(?<!bvh)(?<!bvh[- ])" + _REGISTRATION_TRIGGER + r"$")
_AFTER_POLICE_TRIGGER = re.compile(_POLICE_TRIGGER + r"$")
_POLICE_PREFIX = re.compile(r"(?:PL|PV|BVH)\b")
_CRIMINAL_CASE = re.compile(
    r"(?i:\b(?:parket\w*|officier\s+van\s+justitie|openbaar\s+ministerie|"
    r"proces(?:sen)?[- ]verbaal|processtukken|strafdossier|strafzaak|strafrecht\w*|"
    r"(?:mede)?verdachte\w*|raads(?:man|vrouw)|rechter-commissaris)\b)"
    r"|\b(?-i:OM|OvJ)\b")
# The heading of a public council or college decision ("Collegebesluit", "Vergadering B&W",
# "Raadsvoorstel") above a bare "Registratienummer".
_PUBLIC_RECORD = re.compile(
    r"(?i:\b(?:collegebesluit|raadsbesluit|raadsvoorstel|raadsinformatiebrief|raadsbrief|"
    r"raadsvergadering|collegevergadering|besluitenlijst|portefeuillehouder|"
    r"raadsinformatiesysteem|vergadering\s+b\s?&\s?w|b\s?&\s?w-?besluit)\b)")
_POLICE_WORD = re.compile(
    r"(?i:\b(?:politie\w*|aangifte\w*|proces[- ]?verbaal|mutatie\w*|bvh|verdachte\w*|"
    r"incident\w*|opsporing\w*)\b)")


_YEAR_CODE = re.compile(r"[A-Z]{2,4}-(?:19|20)\d{2}-\d{3,7}")
_TAP_LINE = re.compile(r"[A-Z]{2,4}-T\d{2,3}")
_TAP_WORDS = re.compile(r"(?i:\b(?:tap\w*|\w*tap|getapt\w*|target|intercept\w*|"
                        r"opgenomen\s+gesprek\w*|lijnen)\b)")
_OWN_FILE_LABEL = re.compile(r"(?i:\b(?:zaak\w*|\w*kenmerk|dossier\w*|referentie\w*|"
                             r"besluit\w*|factuur\w*|offerte\w*)\b)[^\n]{0,12}\n?[^\n]{0,4}$")


class NlPoliceReferenceRecognizer(NlPatternRecognizer):
    """Police registration numbers (BVH/Basisvoorziening Handhaving, proces-verbaal,
    mutatie, beslag) and the number of a criminal case file."""

    ENTITY = "NL_POLICE_REFERENCE"
    PATTERNS = [
        # PL0900-2023123456, PL1300-2024012345-7: team code, year + serial, check digit.
        Pattern("BVH-registratienummer PL",
                cs(r"(?<![\w-])PL\d{4}[- ]?(?:19|20)\d{2}\d{4,8}(?:-\d{1,2})?(?![\w-])"), 0.6),
        # the Marechaussee's units write letters in the team code: PL27KM-2026-184467
        Pattern("registratienummer PL met eenheidscode",
                cs(r"(?<![\w-])PL\d{2}[A-Z]{2}-(?:19|20)\d{2}-?\d{4,8}(?:-\d{1,2})?(?![\w-])"), 0.6),
        # PV-2023-0456, PV 2024/123456
        Pattern("proces-verbaalnummer PV",
                cs(r"(?<![\w-])PV[- ]?(?:19|20)\d{2}[-/]?\d{3,8}(?:-\d{1,2})?(?![\w-])"), 0.5),
        Pattern("nummer na trefwoord",
                _POLICE_TRIGGER + r"\K" + cs(_POLICE_CODE) + _END, 0.6),
        Pattern("nummer na registratienummer",
                _REGISTRATION_TRIGGER + r"\K" + cs(_REGISTRATION_CODE) + _END, 0.6),
        # A case-file number is a long serial; a short one is a section or a page.
        Pattern("dossiernummer strafzaak", _DOSSIER_TRIGGER + r"\K\d{8,12}" + _END, 0.6),
        # "opgeslagen onder nummer OBS-2026-1187", "BS-2026-004417": a unit's code, the year
        # and a serial; only in a police record (reject_in_text)
        Pattern("registratiecode met jaartal",
                cs(r"(?<![\w/-])[A-Z]{2,4}-(?:19|20)\d{2}-\d{3,7}(?![\w/-])"), 0.6),
        # a tapped line's code in a tap report: "Target ZL-T03", "ZL-T04 (IMEI-tap)"
        Pattern("taplijn", cs(r"(?<![\w/-])[A-Z]{2,4}-T\d{2,3}(?![\w/-])"), 0.6),
    ]
    CONTEXT = ["bvh*", "registratienummer*", "mutatienummer*", "mutatie", "proces-verbaal*",
               "procesverbaal*", "pv", "pv-nummer*", "politie*", "aangifte*", "registratie",
               "beslag*", "dossier*"]

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        if _TAP_LINE.fullmatch(pattern_text):
            return None  # a short code, told apart by the tap report around it
        # Fewer than six digits is a year, a page or a paragraph, not a registration.
        digits = digits_only(pattern_text)
        if len(digits) < 6:
            return False
        if _DATE.fullmatch(pattern_text):
            return False  # "proces-verbaal 12-03-2023" is a date
        return None

    def reject_in_text(self, text: str, start: int, end: int) -> bool:
        before = text[max(0, start - 40):start]
        if _TAP_LINE.fullmatch(text, start, end):
            return not _TAP_WORDS.search(text, max(0, start - 300), min(len(text), end + 300))
        if (_YEAR_CODE.fullmatch(text, start, end) and not _AFTER_POLICE_TRIGGER.search(before)
                and not _POLICE_PREFIX.match(text, start)):
            # "WIA-2025-0331847", "Zaaknummer OV-2024-0417", "Registratienummer: DOC-2023-…":
            # every organisation numbers its files so; a unit's code only counts in a police
            # record, or right after a word only the police use ("beslagnummer BSN-2024-…")
            return bool(_OWN_FILE_LABEL.search(before)) or not _POLICE_WORD.search(
                text, max(0, start - 3000), min(len(text), end + 3000))
        if _AFTER_DOSSIER.search(before):
            # Councils, the IND and the tax office number their dossiers too: only a file
            # in a criminal case (a police or OM letter) is a law-enforcement reference.
            around = text[max(0, start - 400):end + 200]
            return not _CRIMINAL_CASE.search(around)
        if _AFTER_REGISTRATION.search(before):
            # A bare "Registratienummer" under a council or college heading numbers the
            # public document itself.
            if any(ch.isalpha() for ch in text[start:end]):
                return False  # "PL1300-..." is a police number under any heading
            header = text[max(0, start - 300):start]
            return bool(_PUBLIC_RECORD.search(header)) and not _POLICE_WORD.search(header)
        return False


_NAME_STOP = (r"(?:De|Het|Een|Naar|Van|In|Door|Op|Bij|Met|Over|Voor|Is|Wordt|Werd|En|Of|"
              r"Dat|Die|Dit|Deze|Zijn|Heeft|Was|Te|Ter|Tegen|Onder|Tot|Uit|Om|Als|Wet|"
              r"Openbaar|Ministerie|Politie|Nationale|Rijksrecherche|Commissie|Inspectie|"
              r"Rekenkamer|Raad|Kamer|Tweede|Eerste|Minister|Staatssecretaris|Justitie|"
              r"Veiligheid|Team|Teams|TGO|Operatie|Onderzoek|Project|Fase|Deel|Nr|Nummer|"
              # offences in a header "Onderzoek: Moord ..." describe, they do not name
              r"Moord|Doodslag|Diefstal|Inbraak|Fraude|Witwassen|Drugshandel|Mensenhandel|"
              r"Overval|Brand|Brandstichting|Mishandeling|Bedreiging|Oplichting|Poging|"
              r"Liquidatie|Schietpartij|Ontvoering|Afpersing|Verkrachting|Zedenmisdrijf|"
              # headings under a heading "Onderzoek" in a report
              r"Aanleiding|Inleiding|Achtergrond|Samenvatting|Conclusie|Conclusies|Resultaten|"
              r"Bevindingen|Methode|Werkwijze|Doel|Opzet|Uitkomsten|Aanbevelingen|Vervolg|"
              r"Status|Stand|Planning|Verslag|Rapport|Feit|Feiten|Datum|Betreft)\b")
# A code name: capitalised ("Tandem", "Vliegenvanger") or starting with digits ("26Lemon");
# all-capital short words are organisations ("WODC", "OM") and not names.
_CODE_NAME = (r"(?-i:(?!" + _NAME_STOP + r")(?![A-Z]{2,6}\b)"
              r"(?:[A-Z][\w\u00c0-\u017f]*|\d+[A-Za-z][\w]*)(?:-[A-Z0-9][\w]*)?)")
# "operatie Vliegenvanger", "onderzoek-Tandem", "TGO 'Vlinder'", "Onderzoek: 26Lemon"
# A line break may fall between the word and the name ("(onderzoek" at a line end,
# "Zandloper)" on the next), and after a label's colon in a form.
_GAP = (r"(?:[ \t]{0,2}:[ \t]{0,3}(?:\n[ \t]{0,3})?|[ \t]{1,3}|[ \t]?-[ \t]?|[ \t]{0,3}\n[ \t]{0,3})"
        r"""['"\u2018\u201c\u201e]?""")
# The cue word and the line break before a name (no colon: a label may stand alone)
_WRAPPED = re.compile(r"""(\w+)[ \t]{0,3}\n[ \t]{0,3}['"\u2018\u201c\u201e]?$""")
_LETTER = re.compile(r"[^\W\d_]")
# the value of a form field stands alone on its line ("Onderzoek" / "Ravelijn")
_REST_OF_LINE_EMPTY = re.compile(r"[ \t]*(?:\n|$)")
_SHORT_LABEL_WORDS = 3
# a line that wrapped holds at least this many characters, and nearly as many as the
# widest line around it
_MIN_WRAPPED_LINE = 30
_FULL_LINE = 0.75


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
               "informant*", "parketnummer*", "strafzaak", "criminele", "drugs*", "witwas*",
               "proces-verbaal*", "processen-verbaal*", "processtukken", "strafdossier",
               "medeverdachte*", "raadsman"]
    # Police words sit anywhere in the sentence or the one before.
    WORDS_BEFORE = 25
    WORDS_AFTER = 15

    def reject_in_text(self, text: str, start: int, end: int) -> bool:
        # "Bibob-onderzoek Shisha Lounge Noordkade B.V.": the name opens a company's, the
        # subject of the inquiry, not its code name
        if company_around(text, start, end):
            return True
        # Over a line break, only a line that wrapped because it was full: a short line
        # ending in "project" or "onderzoek" is a heading ("8. De kosten van het project")
        # or a table cell, and the capital on the next line opens a new sentence.
        wrapped = _WRAPPED.search(text, max(0, start - 80), start)
        if wrapped is None:
            return False
        if text[start].isdigit():
            return False  # "26Lemon" is a code name wherever it stands
        line_start = text.rfind("\n", 0, wrapped.start()) + 1
        line = text[line_start:wrapped.end(1)].strip()
        # A form's label and its value, each on a line of its own: "Onderzoek" / "Ravelijn",
        # "Betreft onderzoek" / "Ravelijn" (a heading is followed by a sentence).
        if (len(line.split()) <= _SHORT_LABEL_WORDS
                and _REST_OF_LINE_EMPTY.match(text, end)):
            return False
        if not _LETTER.search(line[:-len(wrapped.group(1))] if wrapped.group(1) else line):
            return True  # the word alone on its line
        lo, hi = max(0, line_start - 400), min(len(text), start + 400)
        around = text[lo:hi].split("\n")
        # the lines cut by the window are not whole
        around = around[1 if lo > 0 else 0:len(around) - (1 if hi < len(text) else 0)]
        widest = max((len(x.strip()) for x in around), default=0)
        return len(line) < max(_MIN_WRAPPED_LINE, _FULL_LINE * widest)


# "CIE-bron 12-345", "informant NN-0231", "bron CIE-2023-017", "CI-code 0231-A",
# "TCI-registratie 2022/0345"
_INFORMANT_TRIGGER = (r"(?i:\b(?:cie[- ]?bron|cie[- ]?informant|cie[- ]?(?:code|nummer|nr\.?|"
                      r"registratie(?:nummer)?)|informant(?:code|nummer)?|bron(?:code|nummer)?|"
                      r"ci[- ]?code|ci[- ]?nummer|tci[- ]?(?:registratie(?:nummer)?|code|nummer)|"
                      r"informatiebron)"
                      # a form's value on the next line; "een andere bron (CI-2023-041)"
                      r")[ \t]{0,3}(?:(?i:nummer|nr\.?|code)[ \t]{0,3})?:?[ \t]{0,3}"
                      r"(?:\n[ \t]{0,3})?\(?")
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
        # the unit's name opens the code itself: "informatie van CIE-L-4471"
        # (a segment that is a year makes it a report's number: "CIE-MN-2024-00731")
        Pattern("code met CIE/TCI ervoor",
                r"(?<![\w-])(?-i:(?:CIE|TCI)(?!(?:-[A-Z0-9]+)*-(?:19|20)\d\d(?![0-9]))"
                r"-(?=[A-Z0-9-]*\d)[A-Z0-9]+(?:-[A-Z0-9]+){0,3})" + _END, 0.6),
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
    # wiretaps: the compounds are unambiguous, "tap" alone is not (see TAP_WORDS)
    "opnemen van telecommunicatie", "opnemen van de telecommunicatie",
    "opname van telecommunicatie", "opnamen van telecommunicatie", "telecommunicatie opnemen",
    "tappen van telecommunicatie", "aftappen van telecommunicatie", "tapbevel", "tapbevelen",
    "tapmachtiging", "tapperiode", "tapnummer", "tapnummers", "tapaansluiting",
    "tapaansluitingen", "tapgegevens", "tapinformatie", "tapresultaten", "tapanalyse",
    "internettap", "internettaps", "stille sms", "stille sms'en", "stille sms-berichten",
    "silent sms", "zendmastgegevens", "zendmastonderzoek", "vordering verkeersgegevens",
    "vordering van verkeersgegevens", "pseudokopers", "pseudo-kopers",
    "stelselmatig geobserveerd", "stelselmatig gevolgd",
    "GPS-tracker", "GPS-trackers", "gps-baken", "gps-bakens", "volgapparatuur",
    "observatiecamera", "observatiecamera's",
]


# Words that also have an everyday meaning ("infiltratie van regenwater").
AMBIGUOUS_METHOD_TERMS = ["infiltratie", "undercover",
                          # also the Awb powers of a supervisor ("gegevens vorderen")
                          "vorderen van gegevens", "vordering van gegevens",
                          "vorderen van identificerende gegevens",
                          "vorderen van gebruikersgegevens", "historische verkeersgegevens"]

# Devices placed somewhere and the recording of a place: where they went ("onder de Audi",
# "in de bedrijfsruimte aan de Kade") says as much as the device, so it is proposed too.
PLACED_METHOD_TERMS = ["peilbaken", "peilbakens", "GPS-tracker", "GPS-trackers", "gps-baken",
                       "gps-bakens", "volgapparatuur", "steunzender", "afluisterapparatuur",
                       "OVC", "OVC-middel", "observatiecamera", "observatiecamera's",
                       "opnemen van vertrouwelijke communicatie",
                       "opnemen vertrouwelijke communicatie", "direct afluisteren"]

# Cameras are public surveillance (cameratoezicht) until a text uses them to trace someone:
# "via het cameranetwerk is de route nagegaan".
CAMERA_TERMS = ["camera", "camera's", "cameranetwerk", "camera-netwerk", "cameranetwerken",
                "camera-netwerken", "camerasysteem", "camerasystemen", "camerabeelden",
                "bewakingscamera", "bewakingscamera's", "bewakingsbeelden", "ANPR",
                "ANPR-camera", "ANPR-camera's", "ANPR-gegevens"]


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


# The article of the Wetboek van Strafvordering a power rests on: "art. 126g Sv",
# "artikel 126m, eerste lid, Sv", "artikelen 126l en 126m Sv".
def _article(number: str) -> str:
    nl = r"[ \t]*(?:\n[ \t]*)?"
    part = (r"(?:,?[ \t]+(?:lid[ \t]+\d+|(?:eerste|tweede|derde|vierde|vijfde|zesde|zevende|"
            r"achtste)[ \t]+lid|onder[ \t]+[a-z]|sub[ \t]+\w+),?)")
    return (r"(?:art(?:ikel(?:en)?|t?\.)|art)" + nl + number + r"(?!\w)"
            + r"(?:" + nl + r"(?:,|en|of|jo\.?|juncto|t/m|-)" + nl
            + r"(?:art(?:ikel|\.)" + nl + r")?" + number + r"(?!\w))*"
            + part + r"*" + nl
            + r"(?:(?-i:Sv|WvSv)|(?:van[ \t]+het[ \t]+)?Wetboek[ \t]+van[ \t]+Strafvordering)"
            + r"(?!\w)")


# Title IVA-V of the Sv (126a-126z, 126aa, 126nba, ...): each article is one special power,
# so citing it names the method ("op grond van artikel 126m Sv" is a wiretap).
SPECIAL_POWER_ARTICLE = _article(r"126[a-z]{1,3}")
# A legal basis right behind the method, optionally after its verb:
# "stelselmatige observatie (art. 126g Sv)", "observatie toegepast (artikel 126g Sv)".
_LEGAL_BASIS = (r"(?:(?:[ \t\n]+(?:toegepast|ingezet|gebruikt|uitgevoerd|verricht))?"
                r"[ \t]*(?:\n[ \t]*)?\((?:(?:o\.?g\.?v\.?|ex|zie|cf\.?|conform|op[ \t]+grond"
                r"[ \t]+van)[ \t]+)?" + _article(r"\d+[a-z]{0,3}") + r"\))?")
_WS = r"[ \t]*\n?[ \t]*(?<=\s)"
# a proper name of one or more words: "Waalhaven", "Laan van Nieuw Oost-Indië"
_PROPER = (r"(?-i:[A-Z][\w\u00c0-\u017f-]*(?:" + _WS + r"(?:(?:van|de|der|den|het|ter|te|op|aan)"
           + _WS + r")*[A-Z][\w\u00c0-\u017f-]*)*)")
_PLACE = (r"(?:onder|in|aan|op|bij|achter|tegen|naast)" + _WS
          + r"(?:de|het|een|zijn|haar|diens|hun)" + _WS + r"[\w\u00c0-\u017f-]+"
          # "in de bedrijfsruimte aan de Waalhaven", "in de woning van Jansen"
          + r"(?:" + _WS + r"(?:aan|in|op|van|bij)" + _WS + r"(?:(?:de|het)" + _WS + r")?"
          + _PROPER + r")?")
# Reported as a span of its own after the device ("peilbaken" | "geplaatst onder de Audi"):
# Presidio drops a result that lies inside a longer one of the same entity, and the keyword
# is what a reviewer looks for first.
_PLACEMENT = (_WS + r"\K(?:(?:is|werd|wordt|zijn|werden|worden)" + _WS + r")?"
              r"(?:(?:geplaatst|aangebracht|bevestigd|verborgen|ingebouwd|gehangen|verstopt)"
              + _WS + r")?" + _PLACE)
# "een tap op het nummer", "taps op zijn telefoons", "tap aangesloten op de aansluiting":
# a tap on a line is a wiretap; a tap on the bar is not.
_TAP_ON = (r"\btaps?(?:" + _WS + r"(?:is|werd|wordt|zijn|werden|worden))?(?:" + _WS
           + r"(?:aangesloten|geplaatst|gezet|gelegd))?" + _WS + r"op"
           + r"(?:" + _WS + r"(?:het|de|een|zijn|haar|diens|hun)" + _WS
           + r"(?:(?:mobiele|vaste)" + _WS + r")?"
           r"(?:(?:telefoon|mobiel|gsm|06-?)?nummers?|telefoons?|mobiel(?:tje)?s?|toestel(?:len)?|"
           r"gsm'?s?|smartphones?|(?:telefoon|internet)?aansluitingen|(?:telefoon|internet)?"
           r"aansluiting|(?:telefoon)?lijnen|(?:telefoon)?lijn)(?!\w)|(?=[ \t\n]+(?:\+31|0\d)))")
# "tap"/"taps" alone: a wiretap only with telephone or criminal-case words close by.
TAP_WORDS = ["tap", "taps"]
_TAP_CUE = re.compile(
    r"(?i:\b(?:telefoon\w*|nummer\w*|gesprek\w*|afgeluisterd|opgenomen|sessie\w*|"
    r"(?:mede)?verdachte\w*|officier|rechter-commissaris|machtiging|bevel|126m|"
    r"tapgesprek\w*|aangesloten|getapt|onderschept)\b)")
_NOT_A_TAP = re.compile(r"(?i:\s*toelopend|\s*(?:bier|water|frisdrank)|water)")
# "the route was traced", "de verplaatsingen van de verdachte gevolgd"
_TRACE_NOUN = re.compile(r"(?i:\b(?:route|rijroute|looproute|vluchtroute|verplaatsing\w*|"
                         r"bewegingen|verdachte\w*|voertuig|vluchtauto)\b)")
_TRACE_VERB = re.compile(r"(?i:\b(?:nagegaan|gevolgd|gereconstrueerd|vastgesteld|achterhaald|"
                         r"in\s+kaart\s+gebracht|teruggekeken|nagekeken|uitgelezen|"
                         r"gesignaleerd|waargenomen)\b)")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n")
_CAMERA = re.compile(_terms_regex(CAMERA_TERMS), re.IGNORECASE)
_TAP = re.compile(r"(?i:taps?)")
_CITES_POWER = re.compile(r"126[a-z]", re.IGNORECASE)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence around text[start:end] (at most 300 characters each way)."""
    lo = max(0, start - 300)
    stops = list(_SENTENCE_END.finditer(text, lo, start))
    lo = stops[-1].end() if stops else lo
    hi_m = _SENTENCE_END.search(text, end, end + 300)
    hi = hi_m.end() if hi_m else min(len(text), end + 300)
    return lo, hi


class NlInvestigativeMethodRecognizer(NlPatternRecognizer):
    """Named investigative tactics. A keyword says nothing about whether the method was
    used in this case, so the score stays low and the default policy only proposes them.

    The span covers what a reviewer must remove to hide the method, not just the keyword:
    its legal basis in brackets, the article of a special power cited on its own, and for
    a placed device or recorded place where it went."""

    ENTITY = "INVESTIGATIVE_METHOD"
    PATTERNS = [
        Pattern("opsporingsmethode",
                _terms_regex([t for t in METHOD_TERMS if t not in AMBIGUOUS_METHOD_TERMS])
                + _LEGAL_BASIS, 0.5),
        Pattern("opsporingsmethode (meerduidig)",
                _terms_regex(AMBIGUOUS_METHOD_TERMS) + _LEGAL_BASIS, 0.3),
        Pattern("plaats van een geplaatst middel",
                _terms_regex(PLACED_METHOD_TERMS) + _PLACEMENT, 0.5),
        Pattern("tap op een lijn", _TAP_ON + _LEGAL_BASIS, 0.5),
        Pattern("tap (meerduidig)", _terms_regex(TAP_WORDS), 0.3),
        Pattern("camera (meerduidig)", _terms_regex(CAMERA_TERMS), 0.3),
        Pattern("artikel bijzondere opsporingsbevoegdheid", r"\b" + SPECIAL_POWER_ARTICLE, 0.5),
    ]
    CONTEXT = ["ingezet", "inzet", "toegepast", "toepassing", "bevel", "bevoegdheid",
               "126*", "Sv", "strafvordering", "officier", "OvJ", "rechter-commissaris",
               "machtiging", "politie*", "opsporing*", "geplaatst", "gebruikt", "verdachte*",
               "criminele", "crimineel", "recherche*"]
    WORDS_AFTER = 3
    # A stem of every term (test_method_stems_cover_every_term keeps them in step). "tap"
    # only at the start of a word or after "telefoon"/"internet"/"af": "stap" is everywhere.
    STEMS = ("imsi", "stingray", "stelselmatig", "observatie", "pseudo", "infiltra",
             "undercover", "inkijkoperatie", "peilbaken", "gps", " tap", "\ntap", "\ttap",
             "(tap", "'tap", '"tap', "\u2018tap", "\u201ctap", "\u201etap", "-tap", "/tap",
             "ontap", "ettap", "aftap", "afluister", "ovc", "ertrouwelijke",
             "inwinning", "steunzender", "lokfiets", "lokauto", "lokpakket", "lokmiddel",
             "hack", "binnendringen", "geautomatiseerd", "heimelijk", "opsporingsbevoegdhe",
             "kroongetuige", "afstap", "telecommunicatie", "verkeersgegevens", "interceptie",
             "sms", "zendmast", "volgapparatuur", "vorder", "126")
    # cameras count only on a page where something was traced
    CAMERA_STEMS = ("camera", "anpr", "bewaking")
    TRACE_STEMS = ("nagegaan", "gevolgd", "gereconstrueerd", "vastgesteld", "achterhaald",
                   "kaart", "teruggekeken", "nagekeken", "uitgelezen", "gesignaleerd",
                   "waargenomen")

    def has_stem(self, lowered: str) -> bool:
        lowered = "\n" + lowered  # a page may open with "Tapgesprek"
        return any(stem in lowered for stem in self.STEMS) or (
            any(stem in lowered for stem in self.CAMERA_STEMS)
            and any(stem in lowered for stem in self.TRACE_STEMS))

    def reject_in_text(self, text: str, start: int, end: int) -> bool:
        found = text[start:end]
        if _TAP.fullmatch(found):
            # "taps toelopend", "bier van de tap", "tapwater"
            if _NOT_A_TAP.match(text, end):
                return True
            return not self._tap_cue(text, start, end)
        if _CAMERA.fullmatch(found):
            return not self._traced(text, start, end)
        return False

    def structural_context(self, text: str, start: int, end: int) -> str:
        found = text[start:end]
        if _CITES_POWER.search(found):
            return "126"  # the span names its own legal basis
        if _TAP.fullmatch(found):
            return self._tap_cue(text, start, end)
        if _CAMERA.fullmatch(found):
            return self._traced(text, start, end)
        return ""

    @staticmethod
    def _tap_cue(text: str, start: int, end: int) -> str:
        cue = _TAP_CUE.search(text, max(0, start - 80), min(len(text), end + 80))
        return cue.group() if cue else ""

    @staticmethod
    def _traced(text: str, start: int, end: int) -> str:
        lo, hi = _sentence(text, start, end)
        noun = _TRACE_NOUN.search(text, lo, hi)
        verb = _TRACE_VERB.search(text, lo, hi)
        return f"{noun.group()} {verb.group()}" if noun and verb else ""
