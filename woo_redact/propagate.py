"""Once a name is found, find every other mention of that person.

A detector that sees "Jan de Vries" in a signature may miss "De Vries belde" three pages on,
or "mevrouw Bakker" in another document of the same dossier. Propagation searches the text
for each found name's forms:

* the full name as found (line breaks between its words allowed);
* interfix + surname with or without first name or initials ("de Vries", "De Vries",
  "J. de Vries");
* the bare surname when it has no interfix ("Jansen", "mevrouw Jansen"); a surname that is also
  an ordinary word ("Bakker", "Visser") only when capitalised inside a sentence;
* the first name alone, only when one person in the document has it and it is not an
  ordinary word.

``NameBook`` carries names across the documents of one run (dossier-wide propagation). It is
plain picklable data: workers fill their own books and the caller merges them. Names of
office holders are never propagated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import regex as re

from woo_redact import gazetteer as gazetteer_mod
from woo_redact.gazetteer import INITIALS_RE, INTERFIX_RE, TITLES, Gazetteer, is_sentence_start
from woo_redact.named_places import names_a_place
from woo_redact.model import CONTEXTUAL_TYPES
from woo_redact.occurrences import key as occurrence_key
from woo_redact.recognizers.names.lists import NOT_PERSON_INITIALS
from woo_redact.organisations import owner_in_trade_name
from woo_redact.recognizers.names.organisation_context import (INSTITUTION_NOUNS,
                                                               organisation_around)
from woo_redact.spans import SpanIndex

_INTERFIX_ALONE = re.compile(rf"(?:{INTERFIX_RE})")
from woo_redact.textnorm import find_all, text_words

if TYPE_CHECKING:
    from woo_redact.model import Document, Finding
    from woo_redact.office_holders import OfficeHolders

ENTITY = "PERSON"
# a removed value this short ("12", "AB") is too common to remove from other documents
MIN_VALUE_CHARS = 4
# Findings scoring lower than this are evidence only: they do not seed propagation and do
# not stop a propagated span from being added over them.
MIN_SOURCE_SCORE = 0.5
SCORES = {"full": 0.85, "surname+": 0.8, "interfix": 0.75, "surname": 0.7, "first": 0.6,
          "initials": 0.6}
# Initials that stand for several people are read only where a document uses the form for
# more than one person: two capitals alone ("AV", "JV") are too often something else.
MIN_INITIALS_FOR_TWO_LETTERS = 2
# A derived form that is this frequent as a word ("EN", "OP", "DE") is not read as initials;
# rarer ones ("RV", "TL", "AS") are, written in capitals as their own word.
INITIALS_WORD_ZIPF = 5.5

_CAPITALISED = re.compile(r"\p{Lu}\p{Ll}")
_INITIAL = re.compile(r"(?:(?:Chr|Ch|Th|Ph|IJ|\p{Lu})\.)+")
_INTERFIX_WORD = re.compile(rf"(?:{INTERFIX_RE})")
# Interfixes that cannot be a first name, so a name may start with them ("Van der Linden");
# "Ben", "El", "Al" can ("Ben Jansen").
_LEADING_INTERFIXES = frozenset({"van", "de", "den", "der", "ter", "ten", "te", "in", "op",
                                 "uit", "aan", "bij", "'t", "von", "vd", "vander"})
_NOT_FIRST = frozenset({"hoi", "hallo", "beste", "dag", "lieve", "geachte", "van", "de", "aan"})


@dataclass(frozen=True, slots=True)
class PersonName:
    """A name split into the parts propagation searches for."""

    full: str  # as normalised: "Jan de Vries", "J.M. van der Berg", "Jansen"
    first: str = ""  # "Jan" (empty when only initials or nothing)
    initials: str = ""  # "J.M."
    interfix: str = ""  # "de", "van der" (lower case)
    surname: str = ""  # "Vries", "Berg", "Jansen-de Vries"

    @property
    def key(self) -> str:
        return " ".join(self.full.casefold().split())


# The same names are parsed for every document of a dossier, in both passes.
@lru_cache(maxsize=16384)
def parse_person(name: str, gaz: Gazetteer | None = None) -> PersonName | None:
    """Split a detected name; "Jansen, Jan" and "Vries, J. de" are put in reading order."""
    text = " ".join(name.replace("’", "'").split()).strip(" ,;:.'\"")
    if text.count(",") == 1:
        sur, rest = (p.strip() for p in text.split(","))
        parts = rest.split()
        trailing_ix: list[str] = []
        while len(parts) > 1 and _INTERFIX_WORD.fullmatch(parts[-1]):
            trailing_ix.insert(0, parts.pop())
        text = " ".join(parts + trailing_ix + [sur])
    words = text.split()
    while words:
        if [w.lower() for w in words[:2]] == ["de", "heer"]:
            words = words[2:]
        elif words[0].lower().rstrip(".") in TITLES:
            words = words[1:]
        else:
            break
    if not words or not any(c.isalpha() for c in "".join(words)):
        return None
    words = _join_double_surnames(words)
    initials = ""
    while words and _INITIAL.fullmatch(words[0]):
        initials += words.pop(0)
    if not words:
        return None
    # the surname starts at the first interfix that follows a first name or initials (or
    # opens the name: "Van der Linden"), else it is the last word
    start = len(words) - 1
    for i in range(len(words) - 1):
        if _INTERFIX_WORD.fullmatch(words[i]) and (i > 0 or initials or
                                                   words[i].lower() in _LEADING_INTERFIXES):
            start = i
            break
    firsts = words[:start]
    rest = words[start:]
    ix_words = []
    while len(rest) > 1 and _INTERFIX_WORD.fullmatch(rest[0]):
        ix_words.append(rest.pop(0))
    surname = " ".join(rest)
    first = " ".join(firsts)
    if sum(c.isalpha() for c in surname) < 2:
        # a single letter is an initial or a label ("Eenmanszaak B", "Scenario A"), never a
        # surname: spread, it would take every "B" of every "B.V." with it
        return None
    if not firsts and not initials and not ix_words and gaz is not None:
        # a lone word: a first name ("Fatima") when the lists know it only as one
        if gaz.is_first_name(surname) and not gaz.is_surname(surname):
            first, surname = surname, ""
    full = " ".join(p for p in (initials, first, " ".join(ix_words), surname) if p)
    ix_words = [w.lower() for w in ix_words]
    return PersonName(full=full, first=first, initials=initials, interfix=" ".join(ix_words),
                      surname=surname)


def _join_double_surnames(words: list[str]) -> list[str]:
    """["Jan", "Jansen-de", "Vries"] -> ["Jan", "Jansen-de Vries"]."""
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        while i + 1 < len(words) and "-" in w and _INTERFIX_WORD.fullmatch(w.rsplit("-", 1)[1]):
            i += 1
            w = f"{w} {words[i]}"
        out.append(w)
        i += 1
    return out


@dataclass(slots=True)
class NameBook:
    """Names found in the documents of one run; plain data, picklable, merged by the caller."""

    names: dict[str, PersonName] = field(default_factory=dict)
    # what the run's documents call places or organisations (``named_places``): never a name
    places: set[str] = field(default_factory=set)
    # people shown to hold public office (full name -> why), from ``office_mentions``
    holders: dict[str, str] = field(default_factory=dict)
    # other removed values (an operation's name, a plate, a number) -> (entity, ground):
    # the same value is removed wherever it stands in the run's documents
    values: dict[str, tuple[str, str]] = field(default_factory=dict)
    # numbers, mailboxes and addresses kept as an organisation's (occurrence keys): the
    # organisation's in every document of the run
    contacts: set[str] = field(default_factory=set)
    # keys by (surname, interfix): only those can be the same person (see _same_person);
    # a scan of the whole book per added name made a large dossier quadratic
    _by_surname: dict[tuple[str, str], list[str]] = field(default_factory=dict, repr=False,
                                                          compare=False)
    # keys by the first word of the surname, lower case, and every key's place in the book;
    # built when first needed
    _by_word: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)
    _order: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    # the values by their letters and digits (``occurrences.key``), for as many values as
    # the book had when it was built (values are only ever added)
    _streams: tuple[int, dict[str, list[str]], int] | None = field(default=None, repr=False,
                                                                   compare=False)

    def __post_init__(self) -> None:
        if self.names and not self._by_surname:
            for key, p in self.names.items():
                self._by_surname.setdefault((p.surname, p.interfix), []).append(key)

    def add(self, name: str, gaz: Gazetteer | None = None) -> PersonName | None:
        person = parse_person(name, gaz)
        if person is None or not (person.surname or person.first):
            return None
        if _INTERFIX_ALONE.fullmatch(person.surname):
            return None  # "D. van" cut from its line's end: "van" is everyone's word
        if (person.surname and not person.interfix
                and person.surname.lower() in gazetteer_mod.STOP_WORDS):
            # "Klik op" (an OCR'd "Klikop" read again with its space): spread through the
            # dossier, it would take every "op" of every document
            return None
        same = self._by_surname.setdefault((person.surname, person.interfix), [])
        # a fuller form of the same person wins ("Jan de Vries" over "de Vries")
        for key in list(same) if person.surname else ():
            known = self.names[key]
            if _same_person(known, person):
                if len(person.full) > len(known.full):
                    del self.names[key]
                    same.remove(key)
                    break
                return known
        if person.key in self.names:
            # the same spelling under another surname split: replace it in its own group
            old = self.names[person.key]
            self._by_surname[(old.surname, old.interfix)].remove(person.key)
        self.names[person.key] = person
        same.append(person.key)
        self._by_word = None
        return person

    def add_findings(self, findings: Iterable[Finding], text: str = "") -> None:
        """Names from a document's decided findings, except those the policy keeps visible.

        ``text`` (the document text) is accepted for symmetry with ``propagate``; the
        findings carry their own text.
        """
        for f in findings:
            if (f.entity_type == ENTITY and f.action != "keep" and f.status != "rejected"
                    and f.score >= MIN_SOURCE_SCORE):
                self.add(f.text)

    def merge(self, other: NameBook) -> None:
        for person in other.names.values():
            self.add(person.full)
        self.places |= other.places
        self.holders.update(other.holders)
        for text, v in other.values.items():
            self.values.setdefault(text, v)
        self.contacts |= other.contacts

    def add_values(self, findings: Iterable[Finding]) -> None:
        """Removed values other than names and signatures, to cover in every document."""
        for f in findings:
            if (f.entity_type not in (ENTITY, "SIGNATURE") and f.status == "accepted"
                    and f.entity_type not in CONTEXTUAL_TYPES
                    and len(occurrence_key(f.text)) >= MIN_VALUE_CHARS):
                self.values.setdefault(f.text, (f.entity_type, f.ground or ""))

    def add_contacts(self, findings: Iterable[Finding]) -> None:
        """Contact values a document keeps as an organisation's (see contact_blocks)."""
        from woo_redact.contact_blocks import kept_contacts

        self.contacts |= kept_contacts(findings)

    def could_occur_in(self, text: str) -> Iterator[PersonName]:
        """The people whose surname stands in ``text`` as a word (alone or with a genitive
        s): only they can match there. In book order."""
        words = text_words(text)
        if words is None:
            folded = text.casefold()
            keys = {k for k, p in self.names.items()
                    if p.surname and p.surname.split()[0].casefold() in folded}
        else:
            # the text's words look up the book, not the book the text: the cost of a
            # document does not grow with the names the run has found
            if self._by_word is None:
                self._by_word = {}
                for key, p in self.names.items():
                    first = _FIRST_WORD.search(p.surname)
                    if first:
                        self._by_word.setdefault(first.group().lower(), []).append(key)
                self._order = {key: i for i, key in enumerate(self.names)}
            index = self._by_word
            keys = set()
            for w in words:
                keys.update(index.get(w, ()))
                if w.endswith("s"):
                    keys.update(index.get(w[:-1], ()))
            for key in sorted(keys, key=self._order.__getitem__):
                yield self.names[key]
            return
        for key, p in self.names.items():
            if key in keys:
                yield p

    def value_streams(self) -> tuple[dict[str, list[str]], int]:
        """The removed values by their letters and digits in lower case (what an occurrence
        of them spells), and the longest such spelling."""
        if self._streams is None or self._streams[0] != len(self.values):
            streams: dict[str, list[str]] = {}
            for text in self.values:
                streams.setdefault(occurrence_key(text), []).append(text)
            self._streams = (len(self.values), streams, max(map(len, streams), default=0))
        return self._streams[1], self._streams[2]

    def __len__(self) -> int:
        return len(self.names)

    def __iter__(self) -> Iterator[PersonName]:
        return iter(self.names.values())


_FIRST_WORD = re.compile(r"\w+")


def _same_person(a: PersonName, b: PersonName) -> bool:
    if not a.surname or a.surname != b.surname or a.interfix != b.interfix:
        return False
    if a.first and b.first and a.first != b.first:
        return False
    if a.initials and b.initials and a.initials[0] != b.initials[0]:
        return False
    if a.first and b.initials and a.first[0] != b.initials[0]:
        return False
    return not (b.first and a.initials and b.first[0] != a.initials[0])


# --- searching ---------------------------------------------------------------------------
# A name is looked up as a literal through the text's word index (``textnorm.find_all``,
# one pass for all names of a document); case and the characters around each hit are then
# checked here. A regex per name cost more to compile (~0.5 ms each, new names in every
# document) than all the searching.

# no name starts right after these ("jan.jansen@", "Bakker-Jansen", "’t")
_BAD_BEFORE = re.compile(r"[\w@'’]|(?<=[\w@'’])-")
# the genitive ("Mulders eerste klus", "Jansens brief", "De Vries' advies", "Bakker's"),
# and no name ends in a word, an address or a double name
_GENITIVE_END = re.compile(r"(?:'s|s(?=\s)|'(?=\s))?(?![\w@]|-\p{L})")
_END = re.compile(r"(?![\w@]|-\p{L})")
# "ton.ter.haar@": a part of an address, not the word written in a sentence
_GLUED_AFTER = re.compile(r"[.@_]\w")
_INITIALS_LEAD = re.compile(rf"(?<![\w@'’-])(?:{INITIALS_RE})\s*$")
_FOLLOWED_BY_NAME = re.compile(rf"[ \t]+(?:(?:{INTERFIX_RE})\s+)?\p{{Lu}}\p{{Ll}}")
_NEXT_WORD = re.compile(r"[ \t]+(\p{Lu}[\p{L}'’-]+|\p{Ll}+)")


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    name: str
    form: str  # a key of SCORES
    source: str = "document"  # or "dossier"

    @property
    def score(self) -> float:
        return SCORES[self.form]


def _free_before(text: str, start: int) -> bool:
    return start == 0 or not _BAD_BEFORE.match(text, start - 1)


def _hits(found: dict[str, list[tuple[int, int]]], text: str,
          needle: str) -> Iterator[tuple[int, int]]:
    """Where ``needle`` stands as written (the lookup ignores case) with nothing name-like
    right before it."""
    want = needle.split()
    for a, b in found.get(needle, ()):
        if text[a:b].split() == want and _free_before(text, a):
            yield a, b


# "1 jan 2024": a lower-case word between numbers is a date's, not a name
_NUMBER_AROUND = re.compile(r"\d[ \t]*\||\|[ \t]*\d")


def typed_in_lower_case(name: str, gaz: Gazetteer) -> bool:
    """May the name be taken where it is typed in lower case ("bij de wasstraat van hasan")?
    Only when no word of it is an ordinary word: "bakker" and "kooi" are words first."""
    words = [w for w in name.replace("-", " ").split() if not gaz.is_interfix(w.lower())]
    return bool(words) and all(len(w) >= 3 and not gaz.is_dictionary_word(w)
                               and not gaz.is_common_word(w) for w in words)


def _lower_hits(found: dict[str, list[tuple[int, int]]], text: str,
                needle: str) -> Iterator[tuple[int, int]]:
    want = needle.lower().split()
    for a, b in found.get(needle, ()):
        if (text[a:b].split() == want and _free_before(text, a)
                and not _GLUED_AFTER.match(text, b) and not _NUMBER_AROUND.search(
                    text[max(0, a - 4):a] + "|" + text[b:b + 4])):
            yield a, b


def _lead_start(text: str, start: int, first: str) -> int | None:
    """Start of the initials or the person's first name right before a surname."""
    lo = max(0, start - 40)
    m = _INITIALS_LEAD.search(text, lo, start)
    best = m.start() if m else None
    if first:
        j = start
        while j > lo and text[j - 1].isspace():
            j -= 1
        k = j - len(first)
        if j < start and k >= lo and text.startswith(first, k) and _free_before(text, k):
            best = k if best is None else min(best, k)
    return best


def _surname_forms(person: PersonName) -> tuple[str, list[list[str]]]:
    """The needle for a surname (after its interfix) and the word lists it may be written
    as: the interfix in any case, the surname as written or in capitals ("JANSEN")."""
    words = person.surname.split()
    ix = person.interfix.split()
    core = " ".join(ix + words)
    return core, [words, [w.upper() for w in words]]


def initials_forms(person: PersonName) -> list[str]:
    """How minutes and action lists abbreviate a person: "Jan de Vries" as "JdV" and "JDV",
    "Pieter-Jan Hoogendijk" as "PJH"; nothing for a name without a first name or initials."""
    if not person.surname or not (person.first or person.initials):
        return []
    lead = [c for c in person.initials if c.isupper()]
    for word in person.first.split():
        lead.append(word[0].upper())
    # "Jan-Willem van den Berg" is "JWvdB" or, as often, "JvdB"
    leads = {tuple(lead)}
    if len(lead) > 1:
        leads.add(tuple(lead[:1]))  # "J.P.M. Coenen" signs as "JC" as often as "JPMC"
    if "-" in person.first:
        leads.add(tuple(c for w in person.first.split() for c in
                        (w[0].upper(), *(p[0].upper() for p in w.split("-")[1:] if p))))
    ix = [w[0] for w in person.interfix.split() if w[:1].isalpha()]
    sur = [w[0].upper() for w in person.surname.replace("-", " ").split()
           if w[:1].isalpha() and not _INTERFIX_WORD.fullmatch(w)]
    if not sur or not all(c.isalpha() for c in [*lead, *sur]):
        return []
    forms = set()
    for lead_letters in leads:
        forms.add("".join([*lead_letters, *ix, *sur]))
        forms.add("".join([*lead_letters, *(c.upper() for c in ix), *sur]))
    return sorted(f for f in forms if 2 <= len(f) <= 5 and f not in NOT_PERSON_INITIALS)


# "Jan de Vries (JdV)", "Aylin Demir (AD, gemeente Almelo)": the text defines the abbreviation
_DEFINED_ABBREVIATION = re.compile(r"[ \t]*\((?P<abbr>\p{Lu}[\p{Lu}\p{Ll}]{1,4})[,;)]")


# a legend of a table's abbreviations: "Behandelaars: YBo = Y. Bouhali; TSa = T. Sarmo"
_LEGEND_ABBREVIATION = re.compile(r"(?:^|(?<=[\s;,(]))(?P<abbr>\p{Lu}[\p{Lu}\p{Ll}]{1,4})"
                                  r"[ \t]*=[ \t]*$")


def defined_initials(text: str, spans: Iterable[tuple[int, int, str]]) -> dict[str, str]:
    """Abbreviations the text defines for a found name: in brackets right after it ("Jan
    de Vries (JdV)") or in a legend before it ("YBo = Y. Bouhali"). Only letters that could
    be the person's initials count (capitals first and last, all of the name's initials among
    them, a tail in lower case only as the start of the surname: "YBo", "TSa"), so "Jan Smit
    (BZK)" defines nothing."""
    out: dict[str, str] = {}
    for s, e, name in spans:
        m = (_DEFINED_ABBREVIATION.match(text, e)
             or _LEGEND_ABBREVIATION.search(text, max(0, s - 12), s))
        if m is None:
            continue
        abbr = m.group("abbr")
        if _abbreviates(abbr, name) and abbr not in NOT_PERSON_INITIALS:
            out.setdefault(abbr, name)
    return out


def _abbreviates(abbr: str, name: str) -> bool:
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()
             and not _INTERFIX_WORD.fullmatch(w)]
    letters = [w[0].upper() for w in words]
    head = abbr.rstrip("abcdefghijklmnopqrstuvwxyz")
    tail = abbr[len(head):]
    caps = [c for c in head if c.isupper()]
    if not (caps and letters and caps[0] == letters[0] and caps[-1] == letters[-1]):
        return False
    # "YBo" for "Y. Bouhali": the lower-case tail goes on spelling the surname
    return not tail or words[-1][1:1 + len(tail)].lower() == tail


def _initials_matches(text: str, people: list[PersonName], gaz: Gazetteer,
                      found: dict[str, list[tuple[int, int]]],
                      defined: dict[str, str]) -> list[Match]:
    """Mentions of found people by their initials ("Actie: JdV"), written exactly so, as a
    word of their own; a derived form must not be a word of the language in capitals ("EN",
    "OP"), a form the text defined ("(AD, gemeente Almelo)") is taken as defined."""
    owners: dict[str, set[str]] = {}
    for p in people:
        for f in initials_forms(p):
            owners.setdefault(f, set()).add(p.full)
    for abbr, name in defined.items():
        owners[abbr] = {name}
    hits: dict[str, list[tuple[int, int, str]]] = {}
    for form, names in owners.items():
        if len(names) > 1 or (form not in defined and gaz.zipf(form.lower()) >= INITIALS_WORD_ZIPF):
            continue  # two people with the same initials: which one is meant is unknown
        for a, b in found.get(form, ()):
            if (text[a:b] == form and (a == 0 or text[a - 1] not in "-@._")
                    and (b >= len(text) or text[b] not in "-@_")
                    and not _in_capitals(text, a, b)
                    and not _ARTICLE_BEFORE.search(text, max(0, a - 8), a)):
                hits.setdefault(form, []).append((a, b, next(iter(names))))
    out = []
    for form, spans in hits.items():
        if len(form) == 2 and form not in defined and len(hits) < MIN_INITIALS_FOR_TWO_LETTERS:
            continue
        out.extend(Match(a, b, name, "initials") for a, b, name in spans)
    return out


_CAPS_WORD = re.compile(r"\p{Lu}{3,}")
# "het IB", "de DG": an article makes an abbreviation a thing, not a person
_ARTICLE_BEFORE = re.compile(r"(?i)\b(?:het|de|een|der|des|the)[ \t]+$")


def _in_capitals(text: str, start: int, end: int) -> bool:
    """"VERSLAG EN BESLUITEN": a word between words in capitals is part of a heading (a
    table cell beside an acronym, "FIOD\nTL\nEsra", is not)."""
    before = text[max(0, start - 30):start].split()
    after = text[end:end + 30].split()
    return bool(before and _CAPS_WORD.fullmatch(before[-1].strip(":,.")) and
                after and _CAPS_WORD.fullmatch(after[0].strip(":,.")))


def needles(person: PersonName, first_name_ok: bool | str) -> list[str]:
    """The literals ``_matches`` looks up for a person."""
    out = []
    if person.surname:
        core, _ = _surname_forms(person)
        out += [core, core + "s"]
        if not person.interfix:
            main = person.surname.split("-")[0].split()[0].lower()
            out += [main, main + "s"]
    if len(person.full.split()) > 1:
        out.append(person.full)
    if first_name_ok and person.first and " " not in person.first:
        out.append(person.first)
    return out


def _surname_hits(text: str, person: PersonName,
                  found: dict[str, list[tuple[int, int]]],
                  lower_ok: bool = False) -> Iterator[tuple[int, int]]:
    core, forms = _surname_forms(person)
    lower = [w.lower() for w in person.surname.split()] if lower_ok else None
    n = len(person.surname.split())

    def written_as_surname(a: int, b: int, genitive_s: bool) -> bool:
        words = text[a:b - 1 if genitive_s else b].split()
        if not _free_before(text, a):
            return False
        if words[len(words) - n:] in forms:
            return True
        # typed in lower case: not inside a mail address, not between numbers
        return (lower is not None and words[len(words) - n:] == lower
                and not _GLUED_AFTER.match(text, b) and not _NUMBER_AROUND.search(
                    text[max(0, a - 4):a] + "|" + text[b:b + 4]))

    for a, b in found.get(core, ()):
        if written_as_surname(a, b, False):
            m = _GENITIVE_END.match(text, b)
            if m:
                yield a, m.end()
    # "Jansens brief": the genitive s makes another word
    for a, b in found.get(core + "s", ()):
        if (text[b - 1] == "s" and b < len(text) and text[b].isspace()
                and written_as_surname(a, b, True)):
            yield a, b


def _matches(text: str, person: PersonName, gaz: Gazetteer, first_name_ok: bool | str,
             found: dict[str, list[tuple[int, int]]],
             source: str = "document") -> Iterator[Match]:
    """Mentions of a person; ``found`` holds the hits of the person's ``needles``."""
    if person.surname:
        common = False
        if not person.interfix:
            main = person.surname.split("-")[0].split()[0]
            # a surname that is also a word ("Bakker") is taken at a sentence start only when
            # the document never uses it as the word ("de bakker"): then it is a name here
            low = main.lower()
            common = (gaz.is_common_word(main) and not gaz.is_distinctive_name(main)
                      and any(not _GLUED_AFTER.match(text, b) for needle in (low, low + "s")
                              for _a, b in _hits(found, text, needle)))
        # "de Koning", "De Raad": alone, an institution far more often than this person
        institution = person.surname.split()[0].lower() in INSTITUTION_NOUNS
        for a, b in sorted(_surname_hits(text, person, found,
                                         typed_in_lower_case(person.surname, gaz))):
            lead = _lead_start(text, a, person.first)
            if lead is not None:
                yield Match(lead, b, person.full, "surname+", source)
            elif person.interfix:
                if not institution:
                    yield Match(a, b, person.full, "interfix", source)
            elif not common or not is_sentence_start(text, a):
                yield Match(a, b, person.full, "surname", source)
    if len(person.full.split()) > 1:
        for a, b in _hits(found, text, person.full):
            if _END.match(text, b):
                yield Match(a, b, person.full, "full", source)
    if first_name_ok and person.first and " " not in person.first:
        hits = list(_hits(found, text, person.first))
        if first_name_ok == "any" and typed_in_lower_case(person.first, gaz):
            hits += _lower_hits(found, text, person.first)
        for a, b in sorted(hits):
            if not _END.match(text, b):
                continue
            if first_name_ok == "vocative" and not (
                    text.startswith(",", b) and is_sentence_start(text, a)):
                continue  # "Ton," opening a sentence; "een ton" or "de Mark" is no name
            if _FOLLOWED_BY_NAME.match(text, b):
                # "Jan Pietersen": another Jan, or the full name (found above); only on the
                # same line: a sign-off "Jan" above a header "Van:" is this Jan.
                continue
            yield Match(a, b, person.full, "first", source)


def _unambiguous_first_names(text: str, people: list[PersonName],
                             gaz: Gazetteer) -> dict[str, str]:
    """First names that one person in the document has, each with where it may be taken:
    "any" for a name that is no ordinary word, "vocative" for one that is ("Ton", "Mark"):
    only when it opens a sentence and a comma follows ("Ton, kun jij ...").

    Another person with the same first name may have escaped detection, so a first name
    written before a surname other than the found person's makes it ambiguous too.
    """
    count: dict[str, int] = {}
    for p in people:
        if p.first and " " not in p.first and p.surname:
            count[p.first] = count.get(p.first, 0) + 1
    for p in people:
        # "Ruud" found alone is the Ruud whose full name was found, not another person
        if p.first and " " not in p.first and not p.surname:
            count.setdefault(p.first, 1)
    surnames = {p.surname for p in people}
    candidates = {}
    for first, n in count.items():
        low = first.lower()
        if n != 1 or first in surnames or low in _NOT_FIRST:
            continue
        if not (gaz.is_common_word(low) or gaz.is_surname(low)):
            candidates[first] = "any"
        elif _CAPITALISED.match(first):
            candidates[first] = "vocative"
    found = find_all(text, candidates)
    ok = {}
    for first, mode in candidates.items():
        own = {p.interfix.split()[0] if p.interfix else p.surname.split()[0]
               for p in people if p.first == first and p.surname}
        own_low = {o.lower() for o in own}
        ambiguous = False
        for _a, b in _hits(found, text, first):
            m = _NEXT_WORD.match(text, b)
            if m and m.group(1).lower() not in own_low and (
                    m.group(1)[0].isupper() or _INTERFIX_WORD.fullmatch(m.group(1))):
                ambiguous = True
                break
        if not ambiguous:
            ok[first] = mode
    return ok


@lru_cache(maxsize=16384)
def usable_source(name: str, gaz: Gazetteer) -> bool:
    """Is a found name safe to search for everywhere? A wrongly tagged "Den Haag", "is" or
    "Postbus" would otherwise be removed all over the document."""
    person = parse_person(name, gaz)
    if person is None:
        return False
    parts = [p for p in (person.first, person.surname) if p]
    if not parts or not any(_CAPITALISED.match(p) for p in parts):
        return False
    if gaz.is_place(person.full):
        return False
    if not (person.first or person.initials) and gaz.is_place(
            f"{person.interfix} {person.surname}".strip()):
        return False  # "Den Haag" alone; "Bart ter Haar" and "Jan de Boer" are people
    if (person.surname and not person.interfix
            and person.surname.lower() in gazetteer_mod.STOP_WORDS):
        return False  # "B.V. Uit", "J. Van": a misread, and spread it would take every "uit"
    words = person.full.split()
    if len(words) == 1:
        w = words[0]
        # one word: a listed name, or a rare word that is not shaped like a Dutch word
        # ("Ouahabi" yes; "Curatieve", "Dierenbeschermers" that a model mistook, no)
        if gaz.is_name(w):
            return True
        return gaz.zipf(w) < 2.0 and not gazetteer_mod.looks_like_derived_word(w) and len(w) > 2
    return True


def find_mentions(text: str, person_spans: list[tuple[int, int, str]],
                  dossier: NameBook | None = None, *,
                  is_office_holder: Callable[[str], bool] | None = None,
                  known_spans: Iterable[tuple[int, int]] = (),
                  gazetteer: Gazetteer | None = None,
                  dossier_only: bool = False,
                  places: frozenset[str] | set[str] = frozenset()) -> list[Match]:
    """Every new mention of the found (and dossier) names, non-overlapping, best first.

    ``dossier_only``: the document's own names were propagated before (the first pass of a
    dossier run); only names from other documents are looked for.
    """
    gaz = gazetteer if gazetteer is not None else gazetteer_mod.load()
    holder = is_office_holder or (lambda _name: False)

    def skip(name: str) -> bool:
        return holder(name) or names_a_place(name, places)

    local = NameBook()
    sources = []
    for span in person_spans:
        if not skip(span[2]) and usable_source(span[2], gaz):
            local.add(span[2], gaz)
            sources.append(span)
    people = list(local)
    plan = []
    if not dossier_only:
        firsts = _unambiguous_first_names(text, people, gaz)
        plan = [(p, firsts.get(p.first, ""), "document") for p in people]
    if dossier is not None:
        # A dossier name can only match where its surname stands: checking that first
        # keeps a large dossier from looking up every name in every document.
        for p in dossier.could_occur_in(text):
            if p.key not in local.names and not skip(p.full):
                plan.append((p, "", "dossier"))
    defined: dict[str, str] = {}
    abbreviations: list[str] = []
    if not dossier_only:
        defined = defined_initials(text, sources)
        abbreviations = [f for p in people for f in initials_forms(p)] + list(defined)
    hits = find_all(text, [n for p, ok, _src in plan for n in needles(p, ok)] + abbreviations)
    found: list[Match] = []
    for p, ok, src in plan:
        found.extend(_matches(text, p, gaz, ok, hits, src))
    if abbreviations:
        found.extend(_initials_matches(text, people, gaz, hits, defined))
    covered = SpanIndex({(s, e) for s, e, _ in person_spans} | set(known_spans))
    found.sort(key=lambda m: (m.start, -(m.end - m.start), -m.score))
    out: list[Match] = []
    for m in found:
        if covered.contains(m.start, m.end):
            continue  # already found by a detector
        if ((organisation_around(text, m.start, m.end)
                or organisation_around(text, _capitalised_lead(text, m.start), m.end))
                and not owner_in_trade_name(text, m.start, m.end)):
            # "werkt bij Albert Heijn", "Slachterij Vos & Zn.": not the person; but "J.
            # Schoonhoven h.o.d.n. Melkveebedrijf Schoonhoven" names its owner twice
            continue
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


_CAPITALISED_BEFORE = re.compile(r"(?:\p{Lu}[\p{L}'’-]*[ \t]+){1,2}$")


def _capitalised_lead(text: str, start: int) -> int:
    """Start of the capitalised words written right before ``start`` on its line ("Albert"
    before "Heijn"): the organisation's name a surname may be the end of."""
    m = _CAPITALISED_BEFORE.search(text, max(0, start - 40), start)
    return m.start() if m else start


def propagate(text: str, person_spans: list[tuple[int, int, str]],
              dossier: NameBook | None = None, *,
              is_office_holder: Callable[[str], bool] | None = None,
              gazetteer: Gazetteer | None = None) -> list[tuple[int, int, str]]:
    """Extra (start, end, source name) spans: other mentions of the found persons."""
    return [(m.start, m.end, m.name) for m in find_mentions(
        text, person_spans, dossier, is_office_holder=is_office_holder, gazetteer=gazetteer)]


def propagate_findings(doc: Document, findings: list[Finding], dossier: NameBook | None,
                       office_holders: OfficeHolders | None = None, *,
                       dossier_only: bool = False,
                       places: frozenset[str] | set[str] = frozenset()) -> list[Finding]:
    """``findings`` plus a new PERSON finding for every further mention of a found name.

    Existing findings are returned unchanged. A name is not spread when the office-holder
    check keeps any of its found mentions (the person acts in public office here).
    """
    from woo_redact.extract import boxes_for_span
    from woo_redact.model import LOW_OCR, Finding

    text = doc.text
    persons = [f for f in findings if f.entity_type == ENTITY]
    sources = [f for f in persons if f.score >= MIN_SOURCE_SCORE and f.action != "keep"
               and not f.detector.endswith(LOW_OCR)]
    public: set[str] = set()
    if office_holders is not None:
        for f in sources:
            if office_holders.reason_to_keep(text, f.start, f.end, f.text):
                public.add(f.text)

    def is_public(name: str) -> bool:
        return name in public or (office_holders is not None
                                  and office_holders.is_office_holder(name))

    matches = find_mentions(text, [(f.start, f.end, f.text) for f in sources], dossier,
                            is_office_holder=is_public,
                            known_spans=[(f.start, f.end) for f in persons
                                         if f.score >= MIN_SOURCE_SCORE],
                            dossier_only=dossier_only, places=places)
    out = list(findings)
    for m in matches:
        detector = "NamePropagation" if m.source == "document" else "DossierPropagation"
        f = Finding(ENTITY, m.start, m.end, text[m.start:m.end], m.score, detector,
                    boxes=boxes_for_span(doc, m.start, m.end))
        f.assign_id(doc.sha256)
        out.append(f)
    return out
