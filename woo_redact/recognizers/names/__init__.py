"""Rule-based PERSON recognizers for Dutch government documents.

Each class finds names in one kind of place where Dutch documents put them: e-mail header
fields, signature blocks, forms of address, attendee lists, initials + surname, names spelled
out in e-mail addresses, capitalised interfixes, and first name + surname pairs from the name
lists. They complement the statistical NER: the rules are precise where layout or a title
tells us a name follows, the NER covers names in running prose. Their base class and
``parse_name`` live in ``base``; the checks that a name is an organisation's, in
``organisation_context``.

Spans never include the title ("mevrouw", "dhr.", "drs."): the title stays readable and only
the name is removed, as Woo practice does.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from woo_redact import gazetteer as gazetteer_mod
from woo_redact.textnorm import find_all
from woo_redact.gazetteer import (
    INITIALS_ABBREV_RE,
    INITIALS_RE,
    INTERFIX_RE,
    NAMEWORD_RE,
    SURNAME_RE,
    TITLE_RE,
    Gazetteer,
    is_sentence_start,
)
from woo_redact.recognizers.names.base import (
    ANY_LABEL,
    INITIAL_TOKEN,
    NAMEWORD_TOKEN,
    NEXT_WORD,
    NOT_FIRST_NAMES,
    SINGLE_INTERFIX_WORDS,
    NameRecognizer,
    is_title_token,
    parse_name,
)
from woo_redact.recognizers.names.organisation_context import (
    COMPANY_FORMS,
    INSTITUTION_NOUNS,
    ORG_WORDS,
    is_sector,
)

# Words just before a listed surname that make it a person: "collega Leijten", "verzoeker
# Yilmaz". Matched as whole words on the same line (Presidio's own enhancer matches
# substrings, so "heer" would fire on "beheer").
PERSON_CONTEXT = re.compile(
    r"(?i)(?<!\w)(?:collega|contactpersoon|medewerker|medewerkster|behandelaar|naam|"
    r"verzoeker|verzoekster|aanvrager|aanvraagster|melder|beller|klager|klaagster|"
    r"betrokkene|cliënt|client|ambtenaar|gesproken\s+met|gebeld\s+met|overleg\s+met)"
    r"(?!\w)[^\n]{0,30}$")

_LOCAL_SEP = re.compile(r"[._-]+")
_TRAILING_DIGITS = re.compile(r"\d+$")


# --- e-mail headers ------------------------------------------------------------------------

_HEADER_LABEL = re.compile(
    r"(?im)^[ \t>]*(?P<label>Van|From|Aan|To|CC|BCC|Namens|Verzonden\s+namens|"
    r"Sent\s+on\s+behalf\s+of|Afzender|Geadresseerden?|Ontvangers?)[ \t]*:[ \t]*")


_OUTLOOK_LINE = re.compile(
    rf"(?m)^[ \t]*(?P<name>{NAMEWORD_RE}(?:[ \t]+{NAMEWORD_RE})?,[ \t]*{NAMEWORD_RE}"
    rf"(?:[ \t]+{NAMEWORD_RE})?(?:[ \t]+{INTERFIX_RE})?)[ \t]*$")


class EmailHeaderNameRecognizer(NameRecognizer):
    """Names in Van/Aan/CC/BCC/Namens header fields, including wrapped recipient lists, and
    the mailbox owner's "Achternaam, Voornaam" line that tops a printed e-mail."""

    EXPLANATION = "e-mail header field"

    def find(self, text: str) -> Iterator[tuple[int, int, float, str]]:
        for m in _OUTLOOK_LINE.finditer(text):
            first = m.group("name").split(",")[1].split()[0]
            if self.gaz.is_first_name(first) and first.lower() not in NOT_FIRST_NAMES:
                span = parse_name(text, m.start("name"), m.end("name"), self.gaz)
                if span:
                    yield span[0], span[1], 0.8, "'Achternaam, Voornaam' line"
        for m in _HEADER_LABEL.finditer(text):
            label = " ".join(m.group("label").lower().split())
            for vs, ve in self._value_lines(text, m.end()):
                for s, e in self._items(text, vs, ve):
                    span = parse_name(text, s, e, self.gaz)
                    if span:
                        yield span[0], span[1], 0.85, f"'{label}:'"

    @staticmethod
    def _value_lines(text: str, pos: int) -> Iterator[tuple[int, int]]:
        """The value on the label's line plus wrapped continuation lines."""
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        yield pos, end
        value = text[pos:end].strip()
        # "Aan:" alone on its line (PDF column layout): the value is the next non-blank line
        wrap = not value or value.endswith((";", ","))
        lines = 0
        while end < len(text) and lines < 40:
            nxt = text.find("\n", end + 1)
            nxt = len(text) if nxt < 0 else nxt
            line = text[end + 1:nxt]
            stripped = line.strip()
            if not stripped:
                if value:
                    return
                end = nxt
                lines += 1
                continue
            if ANY_LABEL.match(line) or not (wrap or (";" in line or "@" in line)
                                             and line[:1] in " \t"):
                return
            yield end + 1, nxt
            value = stripped
            wrap = stripped.endswith((";", ","))
            end = nxt
            lines += 1

    def _items(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        for s, e in _split(text, start, end, ";"):
            # the display name comes before "<address>", "[mailto:" or "(address)"
            cut = e
            for marker in ("<", "[mailto", "[", "(", " | "):
                k = text.find(marker, s, cut)
                if k >= 0:
                    cut = k
            if "@" in text[s:cut]:
                continue  # a bare address; the e-mail recognizers deal with it
            commas = text.count(",", s, cut)
            if commas == 1 and self._outlook_form(text, s, cut):
                yield s, cut
            else:
                yield from _split(text, s, cut, ",")

    def _outlook_form(self, text: str, s: int, e: int) -> bool:
        """"Jansen, Jan" / "Vries, J. de" (one person) rather than "A Jansen, B Bakker"."""
        left, right = text[s:e].split(",", 1)
        lw = [w for w in left.split() if w.lower() not in SINGLE_INTERFIX_WORDS]
        rw = [w for w in right.split() if w.lower() not in SINGLE_INTERFIX_WORDS]
        if len(lw) != 1 or not 1 <= len(rw) <= 3:
            return False
        return bool(INITIAL_TOKEN.fullmatch(rw[0]) or self.gaz.is_first_name(rw[0]))


def _split(text: str, start: int, end: int, sep: str) -> Iterator[tuple[int, int]]:
    s = start
    while s <= end:
        k = text.find(sep, s, end)
        k = end if k < 0 else k
        if text[s:k].strip():
            yield s, k
        s = k + 1


# --- signature blocks ----------------------------------------------------------------------

_CLOSING = re.compile(
    r"(?im)^[ \t]*(?:(?:met[ \t]+)?(?:vriendelijke|hartelijke|collegiale|beste|warme|"
    r"fijne)[ \t]+groet(?:en)?|hoogachtend|groet(?:en|jes)?|mvg|m\.v\.g\.?|vr\.?[ \t]*gr\.?|"
    r"(?:with[ \t]+)?(?:kind|best|warm)[ \t]+regards|regards)[ \t]*[,.!]?[ \t]*(?P<rest>[^\n]*)$")
_ROLE_LINE = re.compile(
    r"(?i)^[ \t]*(?:namens\b|i\.?[oa]\.?\b|voor[ \t]+deze\b|w\.g\.|(?-i:De|Het)[ \t]+\p{Ll}|"
    r"\[?handtekening)")


class SignatureBlockRecognizer(NameRecognizer):
    """The name line under "Met vriendelijke groet," / "Hoogachtend," (not the function lines)."""

    EXPLANATION = "signature block"
    MAX_LINES = 6

    def find(self, text: str) -> Iterator[tuple[int, int, float, str]]:
        for m in _CLOSING.finditer(text):
            rest = m.group("rest")
            if rest.strip():
                span = parse_name(text, m.start("rest"), m.end("rest"), self.gaz)
                if span and text[span[1]:m.end("rest")].strip(" ,.") == "":
                    yield span[0], span[1], 0.85, "name after closing"
                continue
            pos, seen = m.end(), 0
            while pos < len(text) and seen < self.MAX_LINES:
                nl = text.find("\n", pos + 1)
                nl = len(text) if nl < 0 else nl
                ls, le = pos + 1 if text[pos:pos + 1] == "\n" else pos, nl
                line = text[ls:le]
                pos = nl
                if not line.strip():
                    continue
                seen += 1
                if _ROLE_LINE.match(line) or all(is_title_token(t) for t in line.split()):
                    continue
                span = parse_name(text, ls, le, self.gaz)
                if span:
                    yield span[0], span[1], 0.85, "name line after closing"
                break


# --- forms of address --------------------------------------------------------------------

_TITLE_NAME = re.compile(
    rf"(?<![\w.])(?<!\d[ \t])(?P<title>{TITLE_RE})(?P<gap>[ \t]+|[ \t]*\n[ \t]*)"
    rf"(?P<name>(?:{INITIALS_RE}[ \t]*)?(?:{NAMEWORD_RE}[ \t]+(?=(?:{INTERFIX_RE}[ \t]+)?"
    rf"{NAMEWORD_RE}))?{SURNAME_RE})")


_TOKEN = re.compile(r"\S+")
# Functions that follow a form of address ("mevrouw de Voorzitter", "heer Minister").
ROLE_NOUNS = frozenset({
    "voorzitter", "voorzitster", "minister", "staatssecretaris", "premier", "directeur",
    "secretaris", "burgemeester", "wethouder", "president", "commissaris", "griffier",
    "ambassadeur", "consul", "rector", "decaan", "professor", "dokter", "collega", "collega's",
    "officier", "rechter", "advocaat", "notaris", "senator", "gedeputeerde", "gouverneur",
    "inspecteur", "hoofdinspecteur", "ombudsman", "lid", "leden", "kamerleden",
})
_ADDRESSING = re.compile(r"(?i:geachte|beste|lieve|hooggeachte)[ \t]+(?:\S+[ \t]+)?$")


class TitleNameRecognizer(NameRecognizer):
    """A name after a title or form of address: "de heer Jansen", "mw. drs. A. de Vries"."""

    EXPLANATION = "title before name"

    def find(self, text: str) -> Iterator[tuple[int, int, float, str]]:
        for m in _TITLE_NAME.finditer(text):
            title = m.group("title")
            if title.isupper() and "." not in title and len(title) > 1:
                continue  # "ING Bank", "500 MW": an acronym or a unit, not a title
            name = m.group("name")
            end = m.start("name") + self._own_name_length(name, text[m.end("name"):
                                                                     m.end("name") + 60])
            name = text[m.start("name"):end]
            words = [w for w in name.split() if NAMEWORD_TOKEN.fullmatch(w)]
            if words and words[-1].lower() in ORG_WORDS:
                continue
            if len(words) == 1 and not INITIAL_TOKEN.match(name):
                w = words[0].split("-")[0]
                if w.lower() in ROLE_NOUNS or w.lower() in INSTITUTION_NOUNS:
                    continue  # "Geachte mevrouw Voorzitter": a role, not a surname
                if (self.gaz.zipf(w.lower()) >= 4.0 and not self.gaz.is_name(w)
                        and not self._surname_in_prose(text, m, name, end)):
                    continue  # "Geachte mevrouw Voorzitter", "Oude Heer van de Openbaar"
            yield m.start("name"), end, 0.85, f"after '{title.strip()}'"

    @staticmethod
    def _surname_in_prose(text: str, m: re.Match, name: str, end: int) -> bool:
        """An ordinary word is a surname right after a form of address in a sentence ("de
        heer Moet vond ..."): the title in lower case, the word alone on the title's line,
        no interfix, no salutation before, and no capitalised word after it."""
        if "\n" in m.group("gap") or not m.group("title")[:1].islower():
            return False
        if len(name.split()) != 1 or _ADDRESSING.search(text, max(0, m.start() - 12),
                                                        m.start()):
            return False
        nxt = NEXT_WORD.match(text, end)
        return not (nxt and nxt.group("w")[:1].isupper())

    def _own_name_length(self, name: str, after: str) -> int:
        """Where the person's name ends: "de heer Willemsen van de Openbaar Ministerie" is
        Willemsen of an organisation. An interfix after a surname continues the name
        ("mevrouw Jansen van der Meer") unless an organisation word follows it, or an
        ordinary word that is no surname and is followed by another capitalised word."""
        tokens = [t.group().strip(".,;:()") for t in _TOKEN.finditer(name)]
        ends = [t.end() for t in _TOKEN.finditer(name)]
        tail = [t.strip(".,;:()") for t in after.split()[:1]]
        for k in range(1, len(tokens) - 1):
            if not self.gaz.is_interfix(tokens[k]):
                continue
            before = tokens[k - 1]
            if not before[:1].isupper() or self.gaz.is_interfix(before):
                continue  # "Van den Berg": the interfix opens the surname
            j = k
            while j < len(tokens) and self.gaz.is_interfix(tokens[j]):
                j += 1
            rest = (tokens[j:] + tail)[:2]
            if not rest:
                continue
            # "mr. Vermeulen van Vermeulen Arbeidsrecht": the firm he is of
            org = any(w.lower() in ORG_WORDS for w in rest) or any(
                is_sector(w) or w.lower().replace(".", "") in COMPANY_FORMS for w in rest[1:])
            nxt = rest[0]
            ordinary = (self.gaz.is_dictionary_word(nxt) or self.gaz.is_common_word(nxt)) \
                and not self.gaz.is_surname(nxt)
            if org or (ordinary and len(rest) > 1 and rest[1][:1].isupper()):
                return ends[k - 1]
        return len(name)


# at a line's start, or a chat message's: "[12-03 09:14] Sanne: Hoi Mo, ..."
_SALUTATION = re.compile(
    rf"(?m)(?:^|(?<=\S:))[ \t]*(?P<greet>Beste|Hoi|Hallo|Hai|Dag|Lieve|Goedemorgen|Goedemiddag|Goedenavond|"
    rf"Geachte)[ \t]+(?P<name>{NAMEWORD_RE}(?:[ \t]+{SURNAME_RE})?)[ \t]*(?:[,!]|$)")


_BARE_SALUTATION = re.compile(rf"(?m)^[ \t]*(?P<name>{NAMEWORD_RE})[ \t]*,[ \t]*$")


# A person called by name in a chat: "@Fatima kun jij ..." (not an address: no domain after)
_MENTION = re.compile(rf"(?<![\w@.])@(?P<name>{NAMEWORD_RE})(?![\w@-]|\.\w)")


class SalutationRecognizer(NameRecognizer):
    """The addressee in an opening line: "Beste Jan," / "Hoi Fatima," / "Annelies,"; and
    a person called by name in a chat: "@Fatima"."""

    EXPLANATION = "salutation"

    def find(self, text: str) -> Iterator[tuple[int, int, float, str]]:
        if "@" in text:
            for m in _MENTION.finditer(text):
                w = m.group("name")
                if (self.gaz.is_first_name(w) or self.gaz.is_surname(w)) and \
                        w.lower() not in NOT_FIRST_NAMES and w.lower() not in ORG_WORDS:
                    yield m.start("name"), m.end("name"), 0.75, "called by name in a chat"
        for m in _BARE_SALUTATION.finditer(text):
            w = m.group("name")
            # a first name alone on a line, closed by a comma, opens a mail
            if self.gaz.is_first_name(w) and not self.gaz.is_common_word(w) and \
                    w.lower() not in NOT_FIRST_NAMES:
                yield m.start("name"), m.end("name"), 0.7, "first name opening a message"
        for m in _SALUTATION.finditer(text):
            first = m.group("name").split()[0]
            if first.lower() in ORG_WORDS:
                continue
            if self.gaz.is_common_word(first) and not self.gaz.is_first_name(first):
                continue  # "Geachte Voorzitter,", "Beste Collega's,"
            yield m.start("name"), m.end("name"), 0.8, f"after '{m.group('greet')}'"


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


# --- chat handles ---------------------------------------------------------------------------

# "[2024-05-04 21:02] dion.verhagen: …", "09:14 kees.w: …": a chat export's sender handle
_CHAT_TIME = r"(?:\[[^\]\n]{4,25}\][ \t]*|\d{1,2}[:.]\d{2}(?::\d{2})?[ \t]+)"
_HANDLE = r"[\p{Ll}][\p{Ll}\d]*(?:[._-][\p{Ll}\d]+)+"
_CHAT_SENDER = re.compile(rf"(?m)^[ \t]*{_CHAT_TIME}(?P<h>{_HANDLE}):")
_HANDLE_MENTION = re.compile(rf"(?<![\w@.])@(?P<h>{_HANDLE})")


class ChatHandleRecognizer(NameRecognizer):
    """User names in a chat export: the sender after the time stamp ("[21:02] dion.verhagen:")
    and "@a.tjon-a-fat" mentions, which a name with a dot, hyphen or underscore makes
    personal; every other occurrence of a sender's handle on the page goes with it."""

    EXPLANATION = "chat user name"

    def find(self, text: str) -> Iterator[tuple[int, int, float, str]]:
        handles = {m.group("h") for m in _CHAT_SENDER.finditer(text)}
        handles |= {m.group("h") for m in _HANDLE_MENTION.finditer(text)
                    if self._names_someone(m.group("h"))}
        if not handles:
            return
        for m in re.finditer(r"(?<![\w.])(?<![\w.]@)(?:" + "|".join(
                re.escape(h) for h in sorted(handles, key=len, reverse=True)) + r")(?![\w@]|\.\w)",
                text):
            yield m.start(), m.end(), 0.8, "chat user name"

    def _names_someone(self, handle: str) -> bool:
        parts = [p for p in re.split(r"[._-]", handle) if p]
        gaz = self.gaz
        return any((gaz.is_first_name(p) or gaz.is_surname(p))
                   and not (gaz.is_dictionary_word(p) or gaz.is_common_word(p)
                            or gaz.zipf(p) >= 3.5) for p in parts)


# --- initials + surname --------------------------------------------------------------------

# "W.J. (Wim) Wouters": the name someone goes by may stand in brackets after the initials
_INITIALS_NAME = re.compile(
    rf"(?<![\w.])(?P<init>{INITIALS_RE})(?:[ \t]*|[ \t]*\n[ \t]*)"
    rf"(?:\([ \t]*{NAMEWORD_RE}[ \t]*\)[ \t]+)?(?:(?P<ix>{INTERFIX_RE})[ \t]+)?"
    rf"(?P<sur>{NAMEWORD_RE}(?:-(?:{INTERFIX_RE}[ \t]+)?{NAMEWORD_RE})*)(?![\p{{L}}\d])")
# Surname first, as registers and judgments write it in running text: "Berg, A.M. van den
# (hierna: eiseres)". Not when a capitalised word follows the initials: "Utrecht, C. Jansen"
# is a place and then the name.
_SURNAME_FIRST = re.compile(
    rf"(?<![\w.-])(?P<sur>{NAMEWORD_RE}(?:-{NAMEWORD_RE})*),[ \t]+(?P<init>{INITIALS_RE})"
    rf"(?:[ \t]+(?P<ix>{INTERFIX_RE}))?(?![ \t]*\p{{Lu}})(?![\p{{L}}\d])")


class InitialsNameRecognizer(NameRecognizer):
    """Initials with a surname: "J.M. van der Berg", "A. El Idrissi", "Th. Jansen-de Vries"."""

    EXPLANATION = "initials + surname"

    def find(self, text: str) -> Iterator[tuple[int, int, float, str]]:
        for m in _INITIALS_NAME.finditer(text):
            if m.group("init").replace(".", "").replace(" ", "").lower() in COMPANY_FORMS:
                continue  # "B.V. KvK", "N.V. Nederlandse": a legal form, not initials
            n_init = m.group("init").count(".")
            sur = m.group("sur").split("-")[0]
            if sur.lower() in ORG_WORDS:
                continue
            if n_init == 1 and not m.group("ix"):
                # "zie bijlage B. Daarnaast ...", "A. Inleiding": a list letter, not initials
                if self.gaz.is_common_word(sur) and not self.gaz.is_surname(sur):
                    continue
                score = 0.8 if self.gaz.is_surname(sur) else 0.65
            else:
                score = 0.85
            yield m.start(), m.end(), score, "initials"
        for m in _SURNAME_FIRST.finditer(text):
            sur = m.group("sur")
            low = sur.split("-")[0].lower()
            if m.group("init").replace(".", "").lower() in COMPANY_FORMS or low in ORG_WORDS:
                continue
            # "Berg, A.M. van den": the trailing interfix makes even a word or a village a
            # surname; without it, "Utrecht, A." or "Markt, B." are no names
            if not m.group("ix") and (self.gaz.is_place(sur) or (
                    self.gaz.is_common_word(low) and not self.gaz.is_surname(low))):
                continue
            yield m.start(), m.end(), 0.8, "surname, initials"


# --- names spelled out in e-mail addresses -------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])(?P<local>[A-Za-z][A-Za-z0-9._'-]{1,63})@"
                    r"(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
_FUNCTIONAL = frozenset({
    "info", "woo", "wob", "post", "postbus", "secretariaat", "communicatie", "pers", "helpdesk",
    "servicedesk", "contact", "noreply", "no-reply", "privacy", "fg", "webmaster", "redactie",
    "kcc", "afdeling", "team", "support", "admin", "mail", "office", "receptie", "planning",
})


def names_from_email(local: str, gaz: Gazetteer) -> tuple[str, str, str] | None:
    """(first name or initials, interfix, surname) spelled out in an address's local part.

    "jan.jansen" -> ("Jan", "", "Jansen"); "j.m.vanderberg" -> ("J.M.", "van der", "Berg");
    "jan.de.vries" -> ("Jan", "de", "Vries"). None for functional mailboxes and
    unreadable locals.
    """
    parts = [p for p in _LOCAL_SEP.split(_TRAILING_DIGITS.sub("", local.lower())) if p]
    if len(parts) < 2 or any(p in _FUNCTIONAL for p in parts):
        return None
    firsts: list[str] = []
    while parts and len(parts[0]) == 1:
        firsts.append(parts.pop(0).upper() + ".")
    if not firsts and parts:
        first = parts.pop(0)
        if not gaz.is_first_name(first):
            return None
        firsts.append(first.capitalize())
    if not parts:
        return None
    interfix_words: list[str] = []
    while len(parts) > 1 and parts[0] in SINGLE_INTERFIX_WORDS:
        interfix_words.append(parts.pop(0))
    if len(parts) != 1:
        return None
    surname = parts[0]
    if not interfix_words:
        # "vanderberg" written as one word: peel off the longest interfix that leaves a
        # listed surname (or at least a plausible word)
        for ix in sorted(gaz.interfixes, key=len, reverse=True):
            glued = ix.replace(" ", "").replace("'", "")
            if surname.startswith(glued) and len(surname) - len(glued) >= 3:
                rest = surname[len(glued):]
                if gaz.is_surname(rest):
                    interfix_words, surname = ix.split(), rest
                    break
    if len(surname) < 3 or not surname.isalpha():
        return None
    if not (gaz.is_surname(surname) or not gaz.is_common_word(surname)):
        return None
    first = "".join(firsts) if firsts[0].endswith(".") else firsts[0]
    return first, " ".join(interfix_words), surname.capitalize()


class EmailDerivedNameRecognizer(NameRecognizer):
    """The person behind "voornaam.achternaam@..." wherever the name is written out."""

    EXPLANATION = "name spelled in an e-mail address"

    def find(self, text: str) -> Iterator[tuple[int, int, float, str]]:
        emails = []
        derived = {}
        for m in _EMAIL.finditer(text):
            emails.append((m.start(), m.end()))
            got = names_from_email(m.group("local"), self.gaz)
            if got:
                derived[got] = None
        # The surnames are looked up through the text's word index in one pass and what
        # stands before each is checked here: a regex per derived name cost ~0.5 ms to
        # compile.
        found = find_all(text, [surname for _f, _i, surname in derived])
        for first, interfix, surname in derived:
            for s, e, score in self._occurrences(text, first, interfix, surname,
                                                 found[surname]):
                if any(a <= s < b or a < e <= b for a, b in emails):
                    continue
                yield s, e, score, "derived from an address in this document"

    def _occurrences(self, text: str, first: str, interfix: str, surname: str,
                     hits: list[tuple[int, int]]) -> Iterator[tuple[int, int, float]]:
        distinctive = not self.gaz.is_common_word(surname)
        forms = (surname, surname.upper())
        for a, b in hits:
            if text[a:b] not in forms or text.startswith("@", b):
                continue
            p = _words_before(text, a, interfix.split()) if interfix else a
            if p is None:
                continue
            lead = _lead_before(text, p, first)
            if lead is not None:
                yield lead, b, 0.8
            elif not _free_start(text, p):
                continue
            elif interfix:
                yield p, b, 0.7
            elif distinctive or not is_sentence_start(text, p):
                yield p, b, 0.6 if distinctive else 0.5


_INITIALS_BEFORE = re.compile(rf"(?:{INITIALS_RE})[ \t]*\Z")
_NAME_GLUE = re.compile(r"[\w@.]")


def _free_start(text: str, start: int) -> bool:
    """Nothing glued before a name ("jan.jansen@", "x@jansen")."""
    return start == 0 or not _NAME_GLUE.match(text, start - 1)


def _blanks_before(text: str, end: int) -> int:
    j = end
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    return j


def _words_before(text: str, end: int, words: list[str]) -> int | None:
    """Start of ``words`` (any case, blanks between) written just before ``end``."""
    j = end
    for w in reversed(words):
        k = _blanks_before(text, j)
        if k == j or text[k - len(w):k].lower() != w.lower():
            return None
        j = k - len(w)
    return j


def _lead_before(text: str, end: int, first: str) -> int | None:
    """Start of the initials, or of ``first`` (any case) and a blank, right before ``end``;
    the leftmost that starts free, as a regex scan would find it."""
    lo = max(0, end - 40)
    starts = []
    m = _INITIALS_BEFORE.search(text, lo, end)
    while m is not None and not _free_start(text, m.start()):
        m = _INITIALS_BEFORE.search(text, m.start() + 1, end)
    if m is not None:
        starts.append(m.start())
    if first and not first.endswith("."):
        k = _blanks_before(text, end)
        s = k - len(first)
        if k < end and s >= 0 and text[s:k].lower() == first.lower() and _free_start(text, s):
            starts.append(s)
    return min(starts) if starts else None


# --- capitalised interfix ("Van den Berg stelt ...", "minister De Jonge") -------------------

_CAP_INTERFIX = re.compile(
    rf"(?<![\w'’])(?P<ix>Van[ \t]+(?:der|den|de|het|'t|Der|Den|De)|In[ \t]+'t|Op[ \t]+de|"
    rf"Uit[ \t]+de|Van|De|Den|Der|Ter|Ten|Te|El|Al|Ben|Abu|Ait)[ \t]+"
    rf"(?P<sur>{NAMEWORD_RE}(?:-(?:{INTERFIX_RE}[ \t]+)?{NAMEWORD_RE})*)")
_LEAD_NAME = re.compile(rf"(?:(?P<init>{INITIALS_RE})|(?P<first>{NAMEWORD_RE}))[ \t]+$")


class CapitalisedInterfixRecognizer(NameRecognizer):
    """A capitalised interfix + listed surname: "Van den Berg stelt", "met De Vries"."""

    EXPLANATION = "capitalised interfix + surname"

    def find(self, text: str) -> Iterator[tuple[int, int, float, str]]:
        for m in _CAP_INTERFIX.finditer(text):
            sur = m.group("sur").split("-")[0]
            low = sur.lower()
            if not (low in self.gaz.interfix_surnames or low in self.gaz.surnames):
                continue
            if low in INSTITUTION_NOUNS or self.gaz.is_place(f"{m.group('ix')} {sur}"):
                continue
            ix_words = m.group("ix").split()
            start = m.start()
            lead = _LEAD_NAME.search(text, max(0, start - 40), start)
            if lead and (lead.group("init") or self.gaz.is_first_name(lead.group("first") or "")):
                start = lead.start()
            elif (len(ix_words) == 1 and self.gaz.is_common_word(sur)
                  and not self._verb_follows(text, m.end())):
                continue  # "De Jong" only when a name-like sentence continues after it
            yield start, m.end(), 0.75, f"'{m.group('ix')}' + listed surname"

    @staticmethod
    def _verb_follows(text: str, end: int) -> bool:
        nxt = NEXT_WORD.match(text[end:end + 40])
        if not nxt:
            return False
        w = nxt.group("w")
        return not w or not w[0].isalpha() or w[0].islower()


# --- gazetteer: first name + surname -------------------------------------------------------

_PAIR = re.compile(
    rf"(?<!\w)(?<!\w-)(?P<first>{NAMEWORD_RE})(?:-(?P<first2>{NAMEWORD_RE}))?[ \t]+"
    rf"(?:(?P<ix>{INTERFIX_RE})[ \t]+)?"
    rf"(?P<sur>{NAMEWORD_RE}(?:-(?:{INTERFIX_RE}(?:[ \t]+|[ \t]*\n[ \t]*))?{NAMEWORD_RE})*)")
# A name wrapped in a table cell: the first name (and interfix) on one line, the surname
# alone on the next ("Kwame\nMensah", "Gerrit van\nBeek").
_CELL_PAIR = re.compile(
    rf"(?m)^[ \t]*(?P<first>{NAMEWORD_RE}(?:-{NAMEWORD_RE})?)(?:[ \t]+(?P<ix>{INTERFIX_RE}))?"
    rf"[ \t]*\n[ \t]*(?P<sur>{NAMEWORD_RE}(?:-(?:{INTERFIX_RE}[ \t]+)?{NAMEWORD_RE})*)[ \t]*$")
# A name wrapped in running text: the first name ends one line, the surname opens the
# next ("de getuigen Jurgen Pos en Samira\nHaddou zijn …")
_PROSE_WRAP_PAIR = re.compile(
    rf"(?<=[\p{{Ll}},;][ \t]+)(?P<first>{NAMEWORD_RE})[ \t]*\n[ \t]*"
    rf"(?:(?P<ix>{INTERFIX_RE})[ \t]+)?(?P<sur>{NAMEWORD_RE}(?:-{NAMEWORD_RE})?)(?![\w'’])")
# A name in capitals, as a banner or a police form prints it: "RENSKE VAN DER LAAN-OKAFOR"
_CAPS_PAIR = re.compile(
    r"(?<![\p{L}\d'’-])(?P<first>\p{Lu}{2,}(?:-\p{Lu}{2,})?)[ \t]+"
    r"(?:(?P<ix>(?:VAN|DE|DER|DEN|TER|TEN|TE|EL|AL|OP|IN)(?:[ \t]+(?:DER|DEN|DE|HET))?)[ \t]+)?"
    r"(?P<sur>\p{Lu}{2,}(?:-(?:(?:VAN|DE|DER|DEN|TER)[ \t]+)?\p{Lu}{2,})?)(?![\p{L}\d'’])")
_HOUSE_NUMBER_AFTER = re.compile(r"[ \t]+\d")
_SINGLE = re.compile(rf"(?<![\w'’-]){NAMEWORD_RE}(?![\w'’-])")


class GazetteerNameRecognizer(NameRecognizer):
    """Listed first name + surname pairs; a distinctive listed surname alone is weak evidence.

    A surname that is also an ordinary word (Bakker, Visser, Koning) never counts on its
    own; with a listed first name before it, it does.
    """

    EXPLANATION = "name lists"
    SINGLE_SCORE = 0.4  # below the default threshold: evidence, unless a context word
    SINGLE_WITH_CONTEXT = 0.75

    def _cell_name(self, m: re.Match) -> bool:
        gaz = self.gaz
        first, sur = m.group("first").split("-")[0], m.group("sur").split("-")[0]
        low = first.lower()
        if (not gaz.is_first_name(first) or low in ORG_WORDS or low in NOT_FIRST_NAMES
                or low in SINGLE_INTERFIX_WORDS or sur.lower() in ORG_WORDS):
            return False
        if gaz.is_place(sur) or gazetteer_mod.looks_like_street(sur):
            return False
        # "Anna\nPetra" are two people in a column; "Ruud\nBakker" one
        return gaz.is_surname(sur) or not (gaz.is_common_word(sur) or gaz.is_first_name(sur))

    def _caps_name(self, m: re.Match) -> bool:
        """Both words must read as a name once lower-cased: a distinctive listed first
        name that is no ordinary word, and a listed surname that is none either
        ("MARK RUTTE" yes; "GROTE MARKT", "JAN STEEN STRAAT" no)."""
        gaz = self.gaz
        first = m.group("first").split("-")[0].capitalize()
        sur = m.group("sur").split("-")[0].capitalize()
        if not gaz.is_distinctive_name(first) or gaz.is_common_word(first) or \
                gaz.is_dictionary_word(first):
            return False
        if sur.lower() in ORG_WORDS or gaz.is_place(sur) or gazetteer_mod.looks_like_street(sur):
            return False
        return gaz.is_surname(sur) and not gaz.is_common_word(sur) or (
            m.group("ix") is not None and gaz.is_surname(sur))

    def _wrapped_name(self, m: re.Match) -> bool:
        gaz = self.gaz
        first, sur = m.group("first"), m.group("sur").split("-")[0]
        if not gaz.is_distinctive_name(first) or gaz.is_common_word(first) or \
                first.lower() in NOT_FIRST_NAMES or first.lower() in ORG_WORDS:
            return False
        if (sur.lower() in ORG_WORDS or gaz.is_place(sur) or gaz.is_common_word(sur)
                or gaz.is_first_name(sur) or gazetteer_mod.looks_like_street(sur)):
            return False
        return gaz.is_surname(sur) or gaz.zipf(sur) < 2.5

    def find(self, text: str) -> Iterator[tuple[int, int, float, str]]:
        gaz = self.gaz
        taken: list[tuple[int, int]] = []
        for m in _PAIR.finditer(text, overlapped=True):
            first, sur = m.group("first"), m.group("sur").split("-")[0]
            if (not gaz.is_first_name(first) or first.lower() in ORG_WORDS
                    or first.lower() in NOT_FIRST_NAMES
                    or first.lower() in SINGLE_INTERFIX_WORDS):
                continue
            if sur.lower() in ORG_WORDS or gaz.is_place(f"{first} {m.group('sur')}"):
                continue
            listed = gaz.is_surname(sur)
            last = m.group("sur").split("-")[-1].split()[-1]
            if gazetteer_mod.looks_like_street(last) and (
                    not gaz.is_surname(last) or _HOUSE_NUMBER_AFTER.match(text, m.end())):
                continue  # "Antonie van Leeuwenhoeklaan"; "Jan Hoogendijk" is a name
            if not listed and gaz.is_common_word(sur):
                continue  # an unlisted ordinary word after a first name: "Jan Zegt" is no name
            strong = gaz.is_distinctive_name(first) and (listed and not gaz.is_common_word(sur))
            score = 0.8 if strong else 0.65 if listed else 0.6
            if any(s <= m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            yield m.start(), m.end(), score, "first name + surname"
        for m in _CELL_PAIR.finditer(text, overlapped=True):
            if not any(s <= m.start("first") < e for s, e in taken) and self._cell_name(m):
                taken.append((m.start("first"), m.end()))
                yield m.start("first"), m.end(), 0.65, "first name + surname wrapped in a cell"
        for m in _CAPS_PAIR.finditer(text, overlapped=True):
            if not any(s <= m.start() < e for s, e in taken) and self._caps_name(m):
                taken.append((m.start(), m.end()))
                yield m.start(), m.end(), 0.7, "first name + surname in capitals"
        for m in _PROSE_WRAP_PAIR.finditer(text):
            if not any(s <= m.start() < e for s, e in taken) and self._wrapped_name(m):
                taken.append((m.start(), m.end()))
                yield m.start(), m.end(), 0.65, "first name + surname wrapped at a line end"
        for m in _SINGLE.finditer(text):
            w = m.group()
            if any(s <= m.start() < e for s, e in taken):
                continue
            if not gaz.is_surname(w) or gaz.is_common_word(w) or gaz.is_first_name(w):
                continue
            if is_sentence_start(text, m.start()):
                continue
            ctx = PERSON_CONTEXT.search(text, max(0, m.start() - 60), m.start())
            if ctx:
                word = ctx.group().split()[0].lower()
                yield m.start(), m.end(), self.SINGLE_WITH_CONTEXT, f"listed surname after '{word}'"
            else:
                yield m.start(), m.end(), self.SINGLE_SCORE, "listed surname"
