"""Names in the lists and labelled lines of minutes and notes.

Reads the initials in a paraph block or before an action ("Opsteller: WB", "Actie JHdV:"),
the names under "Aanwezig:", "Afwezig:", "Notulist:" and similar labels (lower-case ones
too: "jan smit"), and the speaker who opens a line of minutes ("Jansen: dat klopt.").
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from woo_redact import gazetteer as gazetteer_mod
from woo_redact.gazetteer import INITIALS_ABBREV_RE, NAMEWORD_RE, Gazetteer
from woo_redact.recognizers.names.base import (
    ANY_LABEL,
    NOT_FIRST_NAMES,
    NameRecognizer,
    parse_name,
)
from woo_redact.recognizers.names.organisation_context import INSTITUTION_NOUNS, ORG_WORDS


# --- paraph and action initials ------------------------------------------------------------

# Abbreviations that stand for organisations, laws and documents in government text, never
# for the person whose initials they happen to be ("Peter Verbeek" is no "PV").
NOT_PERSON_INITIALS = frozenset({
    "AZ", "BZ", "BZK", "DEF", "EZ", "EZK", "FIN", "IenW", "IenM", "JenV", "LNV", "OCW", "SZW",
    "VWS", "KGG", "VRO", "AIVD", "MIVD", "NCTV", "NCSC", "OM", "IND", "COA", "DJI", "CJIB", "KMar",
    "RWS", "RVO", "RIVM", "GGD", "GHOR", "UWV", "SVB", "CBS", "CPB", "SCP", "AP", "ACM", "AFM",
    "DNB", "NZa", "IGJ", "ILT", "NVWA", "NFI", "VNG", "IPO", "EU", "VN", "VS", "NL", "NAVO", "WHO",
    "CDA", "VVD", "PVV", "SP", "GL", "PvdA", "PvdD", "CU", "SGP", "DENK", "BBB", "FvD", "NSC",
    "PV", "BVH", "AVG", "WOO", "Woo", "Wob", "Awb", "Sv", "Sr", "WvSr", "WvSv", "BW", "BSN", "KvK",
    "BV", "NV", "VOF", "ZZP", "MKB", "CEO", "CFO", "HR", "ICT", "IT", "PR", "PDF", "FAQ", "MT",
    "DG", "SG", "pSG", "DGA", "MR", "OR", "AO", "TK", "EK", "RvS", "ABRvS", "CRvB", "CBb",
    "OK", "NB", "PS", "CC", "BCC", "RE", "FW", "ID", "TBS", "OV", "NS", "KLM", "WO",
})

# "Paraaf MT: KdJ", "Opsteller: WB": the initials of whoever wrote or initialled a note
_PARAPH = re.compile(
    r"(?im)(?<![\w])(?P<label>paraaf|parafen|parafering|geparafeerd|opsteller|steller|"
    r"behandelaar|behandeld[ \t]+door|initialen)(?:[ \t]+[\p{L}.]{1,12})?[ \t]*:[ \t]*"
    rf"(?P<ini>(?-i:{INITIALS_ABBREV_RE}))(?![\p{{L}}\d.])")


# "Actie JHdV: uitzoeken …": the initials of whoever takes the action
_ACTION_BY = re.compile(
    r"(?<![\w])(?i:actie(?:houder)?|actiepunt|wie)[ \t]+"
    rf"(?P<ini>(?-i:{INITIALS_ABBREV_RE}))[ \t]*:")


class ParaphInitialsRecognizer(NameRecognizer):
    """Initials in a paraph block ("Opsteller: WB", "Paraaf MT: KdJ") or before an action
    ("Actie JHdV: uitzoeken"). Abbreviations of organisations, roles and laws ("Paraaf:
    DG", "Actie MT:") are not someone's initials."""

    EXPLANATION = "initials in a paraph block"

    def find(self, text: str) -> Iterator[tuple[int, int, float, str]]:
        for m in _PARAPH.finditer(text):
            if m.group("ini") in NOT_PERSON_INITIALS:
                continue
            yield m.start("ini"), m.end("ini"), 0.75, f"after '{m.group('label')}:'"
        for m in _ACTION_BY.finditer(text):
            if m.group("ini") not in NOT_PERSON_INITIALS:
                yield m.start("ini"), m.end("ini"), 0.75, "whose action ('Actie JHdV:')"


# --- attendee lists ------------------------------------------------------------------------

_ATTENDEE_LABEL = re.compile(
    r"(?im)^[ \t]*(?P<label>aanwezig(?:en)?|afwezig(?:en)?|met[ \t]+kennisgeving[ \t]+afwezig|"
    r"verslag(?:legging)?|notulist(?:e)?|notulen|voorzitter|deelnemers?|genodigden|"
    r"gesprekspartners?|contactpersoon|behandelaar|opsteller|auteur|steller|kopie[ \t]+aan)"
    r"[ \t]*:[ \t]*")
_BULLET = re.compile(r"(?m)^[ \t]*(?:[-–—•·●▪◦*o°]|\d{1,2}[.)])[ \t]+")
_LIST_SEP = re.compile(r"[,;]|[ \t]+en[ \t]+|[ \t]+/[ \t]+|[ \t]+[-–][ \t]+")


_LOWER_WORD = re.compile(r"[\p{Ll}][\p{Ll}'’-]*")


def lower_case_name(text: str, start: int, end: int, gaz: Gazetteer) -> tuple[int, int] | None:
    """A name typed in lower case at the start of a list item ("jan smit (secretaris)",
    "pieter de groot"): a listed first name, interfixes, and a listed surname; nothing else
    in the item may come between them."""
    words = []
    pos = start
    while pos < end:
        while pos < end and text[pos] in " \t":
            pos += 1
        m = _LOWER_WORD.match(text, pos, end)
        if not m:
            break
        words.append((m.start(), m.end(), m.group()))
        pos = m.end()
    if len(words) < 2 or not gaz.is_first_name(words[0][2]) or words[0][2] in NOT_FIRST_NAMES:
        return None
    k = 1
    while k < len(words) - 1 and gaz.is_interfix(words[k][2]):
        k += 1
    last = words[k][2]
    if not gaz.is_surname(last) or gaz.is_interfix(last) or last in ORG_WORDS:
        return None
    return words[0][0], words[k][1]


class AttendeeListRecognizer(NameRecognizer):
    """Names under "Aanwezig:", "Afwezig:", "Verslag:", "Notulist:" and similar labels."""

    EXPLANATION = "attendee list"
    MAX_LINES = 30

    def find(self, text: str) -> Iterator[tuple[int, int, float, str]]:
        for m in _ATTENDEE_LABEL.finditer(text):
            label = m.group("label").lower()
            for ls, le in self._lines(text, m.end()):
                b = _BULLET.match(text, ls, le)
                s = b.end() if b else ls
                for part_s, part_e in self._parts(text, s, le):
                    span = (parse_name(text, part_s, part_e, self.gaz)
                            or lower_case_name(text, part_s, part_e, self.gaz))
                    if span:
                        yield span[0], span[1], 0.8, f"'{label}:'"

    def _lines(self, text: str, pos: int) -> Iterator[tuple[int, int]]:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if text[pos:end].strip():
            yield pos, end
            if not text[pos:end].rstrip().endswith((",", ";")):
                # "Voorzitter: Jan Jansen" on one line; a list goes on only with bullets
                follow_needs_bullet = True
            else:
                follow_needs_bullet = False
        else:
            follow_needs_bullet = False
        blank_run, n = 0, 0
        while end < len(text) and n < self.MAX_LINES:
            nxt = text.find("\n", end + 1)
            nxt = len(text) if nxt < 0 else nxt
            line = text[end + 1:nxt]
            end = nxt
            n += 1
            if not line.strip():
                blank_run += 1
                if blank_run > 2:
                    return
                continue
            blank_run = 0
            stripped = line.strip()
            if ANY_LABEL.match(line) or stripped.endswith(":"):
                return
            if follow_needs_bullet and not _BULLET.match(line):
                return
            if len(stripped.split()) > 12 or stripped.endswith((".", "?", "!")):
                return  # running prose: the list has ended
            yield end - len(line), end

    @staticmethod
    def _parts(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        s = start
        for m in _LIST_SEP.finditer(text, start, end):
            if text[s:m.start()].strip():
                yield s, m.start()
            s = m.end()
        if text[s:end].strip():
            yield s, end


# --- speakers in minutes and chat logs --------------------------------------------------------

_SPEAKER = re.compile(
    rf"(?m)^[ \t]*(?P<name>(?:(?:Van[ \t]+(?:der|den|de)|Van|De|Den|Ter|Ten|El|Al)[ \t]+)?"
    rf"{NAMEWORD_RE}(?:-{NAMEWORD_RE})?)[ \t]?:[ \t]+(?=[\p{{L}}\"'“‘„])")
# Labels that open a line of a mail, a form or a memo and are not Dutch dictionary words.
_LINE_LABELS = frozenset({
    "subject", "from", "sent", "to", "date", "cc", "bcc", "attachments", "importance", "re",
    "fw", "fwd", "tel", "fax", "mob", "mobiel", "email", "e-mail", "web", "ref", "nb", "ps",
    "bijlagen", "agendapunt", "actiepunt", "actiepunten", "besluitpunt", "zaaknummer",
    "dossiernummer", "telefoonnummer", "locatie", "tijd", "status", "type", "item", "let",
    # headers of forwarded mail and calendar items
    "received", "attachment", "priority", "sensitivity", "reply-to", "return-path",
    "organizer", "location", "required", "optional",
    # roles at a meeting that word lists lack
    "notulist", "notulisten", "notulant", "notulering", "verslaglegging", "gespreksleider",
    "paraaf", "parafen", "parafering", "akkoord", "gezien",
})


def _plural_label(word: str, gaz: Gazetteer) -> bool:
    """"Verbalisanten:", "Getuigen:": the plural of a word or a role opens a form's field."""
    low = word.lower()
    for cut in (2, 1):
        stem = low[:-cut] if low.endswith(("en", "s")[2 - cut]) else ""
        if len(stem) >= 4 and (gaz.is_dictionary_word(stem) or stem.endswith(
                ("ant", "ent", "eur", "ist", "aar", "er"))):
            return True
    return False


class SpeakerRecognizer(NameRecognizer):
    """The speaker who opens a line of minutes or a chat log: "Jansen: dat klopt.",
    "De Vries: ...". Labels that open lines ("Onderwerp:", "Datum:") are ordinary words;
    a surname is not."""

    EXPLANATION = "speaker in minutes"

    def find(self, text: str) -> Iterator[tuple[int, int, float, str]]:
        gaz = self.gaz
        for m in _SPEAKER.finditer(text):
            name = m.group("name")
            last = name.split()[-1]
            parts = last.split("-")
            low = last.lower()
            if low in _LINE_LABELS or low in ORG_WORDS or low in NOT_FIRST_NAMES:
                continue
            if gaz.is_place(name) or (" " not in name and gaz.is_place(last)):
                continue  # "Den Haag:", "Utrecht:"; but "De Vries" is no village
            if " " in name and gaz.is_surname(last) and low not in INSTITUTION_NOUNS:
                pass  # "De Vries:": a listed surname after its interfix, though also a word
            elif any(gaz.is_dictionary_word(p) for p in parts):
                continue  # "Onderwerp:", "De Voorzitter:"
            listed = gaz.is_surname(parts[0]) or gaz.is_first_name(parts[0])
            if not listed and (gaz.zipf(parts[0]) >= 4.0
                               or gazetteer_mod.looks_like_derived_word(parts[0])
                               or gazetteer_mod.looks_like_street(last)):
                continue  # a brand, a term or a street, not a person
            if not listed and (gazetteer_mod.is_compound(parts[0].lower(), gaz, strict=True)
                               or gazetteer_mod.looks_like_agent_noun(parts[0], gaz)
                               or _plural_label(parts[0], gaz)):
                continue  # "Bezoekadres:", "Opsteller:": a form's field label
            yield m.start("name"), m.end("name"), 0.6, "speaker opening a line"
