"""Every mention of a person shown to be an office holder stays, wherever it stands.

A document says the role once ("wethouder Verhoef", "burgemeester H.J. Brinkman-Oudshoorn",
a table row "Anneke Dijkstra | AD | wethouder Sociaal Domein") and then names the person
without it: "Verhoef, Rob" in an agenda, "Rob Verhoef:" sending a chat message, "AD" in the
action list, "Anneke" greeting a group. Other documents of the dossier do the same. Each
person kept for a role is an identity; every other mention that can only be that person is
kept too:

* a fuller form of the same name (same surname; first name or initials that agree);
* the surname alone, when no one else in the document bears it and it is not a frequent
  surname (a citizen "De Vries" may share the alderman's);
* the first name alone, or the person's initials ("AD"), when no one else in the document
  has them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from . import gazetteer
from .model import Finding
from .propagate import PersonName, initials_forms
from .propagate import parse_person as _parse


def parse_person(name: str) -> PersonName | None:
    # with the name lists, a lone "Rob" is a first name, not a surname
    return _parse(name, gazetteer.load())

ENTITY = "PERSON"
KEPT_AS_HOLDER = "office holder"


@dataclass(frozen=True, slots=True)
class Holder:
    person: PersonName
    reason: str


def _surname_key(p: PersonName) -> str:
    return f"{p.interfix} {p.surname}".strip().casefold()


def _surname_parts(p: PersonName) -> set[str]:
    """"Brinkman-Oudshoorn" is also named "Brinkman" (the first part of a double name)."""
    key = _surname_key(p)
    first_part = p.surname.split("-")[0].casefold()
    return {key, f"{p.interfix} {first_part}".strip()} if "-" in p.surname else {key}


def _agree(a: PersonName, b: PersonName) -> bool:
    """First names and initials do not contradict each other."""
    if a.first and b.first and a.first.casefold() != b.first.casefold():
        return False
    lead_a = (a.first or a.initials)[:1].upper()
    lead_b = (b.first or b.initials)[:1].upper()
    return not (lead_a and lead_b and lead_a != lead_b)


def _same_named(p: PersonName, holder: PersonName) -> bool:
    """A mention with its own first name or initials is the holder's only under the
    holder's whole surname, or under part of a double name when the holder's first name or
    initials are known and agree: "Sander de Graaf" is not the member De Graaf-Kuiper."""
    if not (p.first or p.initials) or holder.first or holder.initials:
        return True
    return _surname_key(p) == _surname_key(holder)


def _fullest(people: Iterable[PersonName]) -> PersonName:
    return max(people, key=lambda p: (bool(p.first), bool(p.initials), len(p.full)))


def holders_of(findings: Iterable[Finding]) -> list[Holder]:
    """The identities the findings keep for a role, each in its fullest form: a surname kept
    for its role ("wethouder Verhoef") takes the first name of the one other mention with
    that surname ("Verhoef, Rob")."""
    kept: list[Holder] = []
    others: list[PersonName] = []
    for f in findings:
        if f.entity_type != ENTITY:
            continue
        p = parse_person(f.text)
        if p is None or not p.surname:
            continue
        if f.action == "keep" and f.reason.startswith(KEPT_AS_HOLDER):
            kept.append(Holder(p, f.reason))
        else:
            others.append(p)
    # the other mentions by surname, once: a long document keeps thousands of mentions
    by_surname: dict[str, list[PersonName]] = {}
    for p in others:
        by_surname.setdefault(_surname_key(p), []).append(p)
    out: dict[str, Holder] = {}
    for h in kept:
        same = [p for key in _surname_parts(h.person) for p in by_surname.get(key, ())
                if _agree(p, h.person)]
        named = [p for p in same if p.first or p.initials]
        # every fuller mention is one person ("Verhoef, Rob", "R. Verhoef"): that is who
        if (named and not (h.person.first or h.person.initials)
                and all(_agree(a, b) for a in named for b in named)):
            h = Holder(_fullest(named), h.reason)
        key = h.person.key
        if key not in out or len(h.person.full) > len(out[key].person.full):
            out[key] = h
    return list(out.values())


def keep_mentions(findings: list[Finding], holders: Iterable[Holder], *,
                  frequent: Callable[[str], bool] = lambda _surname: False) -> int:
    """Keep every PERSON finding that can only be one of ``holders``; returns how many
    were changed. A surname alone counts only when it is not ``frequent``."""
    holders = list(holders)
    if not holders:
        return 0
    people = [(f, parse_person(f.text)) for f in findings if f.entity_type == ENTITY]
    people = [(f, p) for f, p in people if p is not None]
    everyone = [q for _g, q in people]
    changed = 0
    for f, p in people:
        if f.action == "keep" or f.status == "rejected":
            continue
        h = _the_holder(p, holders, everyone, frequent)
        if h is not None:
            f.action, f.status = "keep", "rejected"
            f.reason = f"{h.reason}, the same person named elsewhere"
            changed += 1
    return changed


def _the_holder(p: PersonName, holders: list[Holder], everyone: list[PersonName],
                frequent: Callable[[str], bool]) -> Holder | None:
    if p.surname and not (p.first or p.initials or p.interfix) and " " not in p.surname:
        # one word: the lists may know "Rob" as a surname too; a holder's first name wins
        if any(h.person.first.casefold() == p.surname.casefold() for h in holders):
            p = PersonName(full=p.full, first=p.surname)
    if p.surname:
        cands = [h for h in holders if _surname_key(p) in _surname_parts(h.person)
                 and _agree(p, h.person) and _same_named(p, h.person)]
        # several forms of one person ("R. Verhoef", "Rob Verhoef") are one identity
        if not cands or any(not _agree(a.person, b.person) for a in cands for b in cands):
            return None
        h = max(cands, key=lambda c: (bool(c.person.first), len(c.person.full)))
        if p.first or p.initials:
            return h
        # the surname alone: no one else in the document bears it
        rivals = [q for q in everyone if _surname_key(q) == _surname_key(p)
                  and (q.first or q.initials) and not _agree(q, h.person)]
        if rivals or frequent(p.surname.split("-")[0]):
            return None
        return h
    if p.first:
        cands = [h for h in holders if h.person.first.casefold() == p.first.casefold()]
        others = [q for q in everyone if q.first.casefold() == p.first.casefold()
                  and q.surname and not any(_surname_key(q) in _surname_parts(h.person)
                                            for h in cands)]
        return cands[0] if len(cands) == 1 and not others else None
    return None


def keep_initials(findings: list[Finding], holders: Iterable[Holder]) -> int:
    """Initials ("AD") that stand for exactly one office holder and no one else found."""
    forms: dict[str, list[Holder]] = {}
    for h in holders:
        for form in initials_forms(h.person):
            forms.setdefault(form, []).append(h)
    taken: set[str] = set()
    for f in findings:
        if f.entity_type == ENTITY and f.action != "keep":
            p = parse_person(f.text)
            if p is not None and p.surname and (p.first or p.initials):
                taken.update(initials_forms(p))
    changed = 0
    for f in findings:
        hs = forms.get(f.text.strip())
        if (f.entity_type == ENTITY and f.action != "keep" and hs and len(hs) == 1
                and f.text.strip() not in taken):
            f.action, f.status = "keep", "rejected"
            f.reason = f"{hs[0].reason}, the same person's initials"
            changed += 1
    return changed


def dossier_holders(book_holders: dict[str, str]) -> list[Holder]:
    out = []
    for name, reason in book_holders.items():
        p = parse_person(name)
        if p is not None and p.surname:
            out.append(Holder(p, reason))
    return out
