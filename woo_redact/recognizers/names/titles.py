"""Names a form of address points at.

Reads a title or form of address before a name ("de heer Jansen", "mw. drs. A. de Vries"),
the addressee of an opening line ("Beste Jan,", "Hoi Fatima,", "Annelies,") and a person
called by name in a chat ("@Fatima"). The title itself stays out of the span.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from woo_redact.gazetteer import (INITIALS_RE, INTERFIX_RE, NAMEWORD_RE, SURNAME_RE, TITLE_RE,
                                  looks_like_organisation)
from woo_redact.recognizers.names.base import (
    INITIAL_TOKEN,
    NAMEWORD_TOKEN,
    NEXT_WORD,
    NOT_FIRST_NAMES,
    NameRecognizer,
)
from woo_redact.recognizers.names.organisation_context import (
    COMPANY_FORMS,
    INSTITUTION_NOUNS,
    ORG_WORDS,
    is_sector,
    is_type_compound,
)


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


# A street named after a titled person, with its house number
_STREET_NAMED_AFTER = re.compile(
    r"(?:\p{Lu}[\p{L}.'’-]*[ \t]+){0,3}\p{Lu}[\p{L}'’-]*(?:straat|laan|weg|plein|singel|"
    r"gracht|kade|dreef|hof|park|dijk|pad|steeg)[ \t]+\d")


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
            if words and (words[-1].lower() in ORG_WORDS or looks_like_organisation(words[0])
                          or is_type_compound(words[0])):
                continue  # "Dhr.\nVeiligheidsregio Kennemerland": a page's running head
            if _STREET_NAMED_AFTER.match(text, m.start("name")):
                continue  # "Ds. Kuyperstraat 9", "Dr. Lelylaan 12": a street named after someone
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


# --- salutations and mentions ------------------------------------------------------------

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
