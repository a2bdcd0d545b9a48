"""Names by the written form of a Dutch name.

Reads initials with a surname ("J.M. van der Berg", "W.J. (Wim) Wouters"), the surname-first
form of registers and judgments ("Berg, A.M. van den") and a capitalised interfix before a
listed surname ("Van den Berg stelt", "met De Vries").
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from woo_redact.gazetteer import INITIALS_RE, INTERFIX_RE, NAMEWORD_RE
from woo_redact.recognizers.names.base import NEXT_WORD, NameRecognizer
from woo_redact.recognizers.names.organisation_context import (
    COMPANY_FORMS,
    INSTITUTION_NOUNS,
    ORG_WORDS,
)


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
