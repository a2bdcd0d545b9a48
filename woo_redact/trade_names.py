"""A sole trader named with the business: "A. Kowalczyk h.o.d.n. Kalverhouderij De
Wielewaal" ("handelend onder de naam") names the owner, a person, and then the name the
business trades under. Detection cuts the owner's name there, the policy keeps a trade name
that repeats the owner's name as the owner's, and a listed politician's name before the
phrase is a namesake at work."""

from __future__ import annotations

import re

_PHRASE = r"(?:h\.[ \t]?o\.[ \t]?d\.[ \t]?n\.?|handelend(?:e)?[ \t]+onder[ \t]+de[ \t]+naam)"
TRADES_AS = re.compile(r"(?i)\b" + _PHRASE)
# a legal person's form: the business is not its owner
LEGAL_FORM = re.compile(r"\b(?:B\.[ \t]?V\.?|N\.[ \t]?V\.?|BV|NV|(?i:stichting|vereniging|"
                        r"co[öo]peratie|holding))(?!\w)")
# what says that a business is one person: its numbers and address are then theirs
SOLE_TRADER = re.compile(r"(?i)\b(?:eenmanszaak|eenmanszaken|sole[ \t]+proprietorship|"
                         r"sole[ \t]+trader|zzp(?:['’]?er)?|v\.o\.f\.?|" + _PHRASE + r")(?!\w)")
# right after a name: "L. Westerveld h.o.d.n. …", "… , handelend onder de naam …"
TRADES_AS_AFTER = re.compile(r"(?i)[ \t,]*" + _PHRASE)
_WORD = re.compile(r"[^\W\d_]{3,}")


def words_of(text: str) -> set[str]:
    """The words (three letters or more) of an owner's name, in lower case."""
    return {w.lower() for w in _WORD.findall(text)}


def repeats_owner(span: str, owner: set[str]) -> bool:
    """Does a word of ``span`` repeat a word of the owner's name?"""
    return any(w.lower() in owner for w in _WORD.findall(span))


def word_matches(text: str) -> list[re.Match]:
    """The words of ``text`` with their places, to find the owner's among them."""
    return list(_WORD.finditer(text))
