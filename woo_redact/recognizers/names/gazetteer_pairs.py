"""Names by the name lists alone.

Reads a listed first name followed by a surname (on one line, wrapped in a table cell or at
a line end, or in capitals) and, as weak evidence, a distinctive listed surname on its own,
stronger after a word such as "collega" or "verzoeker".
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from woo_redact import gazetteer as gazetteer_mod
from woo_redact.gazetteer import INTERFIX_RE, NAMEWORD_RE, is_sentence_start
from woo_redact.recognizers.names.base import (
    NOT_FIRST_NAMES,
    SINGLE_INTERFIX_WORDS,
    NameRecognizer,
)
from woo_redact.recognizers.names.organisation_context import ORG_WORDS

# Words just before a listed surname that make it a person: "collega Leijten", "verzoeker
# Yilmaz". Matched as whole words on the same line (Presidio's own enhancer matches
# substrings, so "heer" would fire on "beheer").
PERSON_CONTEXT = re.compile(
    r"(?i)(?<!\w)(?:collega|contactpersoon|medewerker|medewerkster|behandelaar|naam|"
    r"verzoeker|verzoekster|aanvrager|aanvraagster|melder|beller|klager|klaagster|"
    r"betrokkene|cliënt|client|ambtenaar|gesproken\s+met|gebeld\s+met|overleg\s+met)"
    r"(?!\w)[^\n]{0,30}$")

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
