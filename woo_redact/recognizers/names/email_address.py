"""Names spelled out in e-mail addresses.

Reads the local part of every address in a text ("jan.jansen@", "j.m.vanderberg@") as a
first name or initials, interfix and surname, then finds that person's name written out
elsewhere in the same text.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from woo_redact.gazetteer import INITIALS_RE, Gazetteer, is_sentence_start
from woo_redact.recognizers.names.base import SINGLE_INTERFIX_WORDS, NameRecognizer
from woo_redact.textnorm import find_all

_LOCAL_SEP = re.compile(r"[._-]+")
_TRAILING_DIGITS = re.compile(r"\d+$")

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
