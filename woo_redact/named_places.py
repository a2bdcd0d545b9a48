"""Words the document itself uses as the name of a place or an organisation.

No name list knows every municipality, village, neighbourhood or company, but documents say
what they are: "gemeente Zuiderwaard", "4730 BA Zuiderwaard", "gevestigd te Numansdorp",
"info@zuiderwaard.nl" beside "l.zandbergen@zuiderwaard.nl". A word written so names a place or
an organisation wherever it stands alone in that document (or dossier), not a person: a
detector that reads it as a surname is wrong there, and propagation must not spread it.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

import regex as re

from .recognizers.names.organisation_context import ORG_TYPE_ENDINGS, is_type_compound

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

_NAME = r"\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?"
# What kind of place or firm a word names, by its ending ("Noodopvang", "Grondwerken").
VENUE_ENDINGS = ("huis", "centrum", "school", "kerk", "moskee", "café", "restaurant", "hotel",
                 "opvang", "zorg", "verblijf", "hal", "theater", "bibliotheek", "museum",
                 "winkel", "praktijk", "apotheek", "garage", "club", "werken", "kwekerij",
                 "boerderij", "camping", "bakkerij", "park", "kantoor", "bedrijf", "stichting",
                 "vereniging", "buurt", "plein", "salon", "studio", "kliniek", "dagverblijf")
# what follows these is a place, a region or the organisation they name
_PLACE_CUES = (
    # a postcode: "4730 BA Zuiderwaard"
    r"\b\d{4}[ \t]?[A-Z]{2}[ \t]+"
    # "gemeente Zuiderwaard", "Veiligheidsregio Hollands Midden", "Politiebureau Zuiderwaard"
    r"|(?i:\b(?:gemeente|gemeentehuis|stadhuis|stadskantoor|provincie|provinciehuis|"
    r"waterschap|hoogheemraadschap|veiligheidsregio|regio|politiebureau|politie-eenheid|"
    r"brandweer(?:kazerne)?|stadsdeel|wijk|dorp|kern|stad|omroep|voedselbank|"
    r"gemeentebestuur|raad\s+van|burgemeester\s+van|college\s+van)[ \t]+)"
    # "woonachtig te Utrecht", "gevestigd te Numansdorp" (not the interfix of "Jan te Velde")
    r"|(?<=(?<!\p{L})\p{Ll}+[ \t]+)te[ \t]+"
    # a venue or firm named with an article: "Buurthuis De Vonk", "park De Esch", "Thuiszorg
    # Het Gooi", "OBS De Regenboog". A surname's particle "De" follows a first name or a
    # title, not the kind of place; "Het" and "'t" are no one's particle.
    rf"|(?i:\b\p{{L}}*(?:{'|'.join(VENUE_ENDINGS)})|\b(?:OBS|CBS|PCBS|RKBS|KBS|SBO))"
    r"[ \t]+(?=(?:De|Het|Den)[ \t]+\p{Lu})"
)
_BODY_CUED = re.compile(
    r"(?i:\b(?:bureau|wet|loket|team|afdeling|programma|project|dienst|regeling|stichting|"
    r"vereniging|fonds|platform|netwerk|coöperatie|cooperatie)[ \t]+)"
    rf"(?P<name>{_NAME}(?:[ \t]+{_NAME})?)")
_CUED = re.compile(rf"(?P<cue>{_PLACE_CUES})(?P<name>{_NAME}(?:[ \t]+{_NAME})?)")
# "Zorggroep Wâldhiem", "Fundashon Kas di Kuido", "Kalverhouderij De Wielewaal": a kind of
# organisation (checked in code: is_type_compound or the kind's own word), then its name,
# whose small words ("di", "van", "of") stay inside it
_PARTICLE = r"(?:di|da|do|de|der|den|van|het|'t|of|the|for|and|en|voor|op|aan)"
_KIND_CUED = re.compile(
    rf"(?<![\w-])(?P<cue>\p{{Lu}}\p{{Ll}}+)[ \t]+(?P<name>(?:'t[ \t]+)?{_NAME}"
    rf"(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_NAME}){{0,3}})")
_ARTICLE = re.compile(r"^(?:De|Het|Den|'t)[ \t]+(?=\p{Lu})")
# a company by its legal form: "Kronenburg Softwaregroep B.V."
_COMPANY = re.compile(r"(?<![\w.-])(?P<name>\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+){0,2})"
                      r"[ \t]+(?:B\.V\.|N\.V\.|BV|NV)(?![\w])")
_FOREIGN_JOIN = re.compile(r"[ \t](?:di|da|do|of|the|for|and|en|voor|op|aan)[ \t]")
# a sports club after its form: "RKSV Spaarnevogels", "ZMHC De Reigers", "FC Utrecht"
_CLUB_CUED = re.compile(rf"(?<![\w-])(?-i:RKSV|RKVV|RKAVV|VV|SV|FC|HC|MHC|ZMHC|KV|HV|ZV|TC|LTC|"
                        rf"AV|GHC|VVV|SC)[ \t]*\n?[ \t]*(?P<name>{_NAME}(?:[ \t]+{_NAME})?)")
# a Frisian house or place name: "It Heechhôf", "Nij Smellinghe"
_FRISIAN_CUED = re.compile(rf"(?<![\w-])(?-i:It|Nij|Âld|Alde|Âlde)[ \t]+(?P<name>{_NAME})")
# cues that are part of the organisation's own name ("Omroep Zuiderwaard")
_NAMED_TYPES = re.compile(r"(?i)omroep|voedselbank|politiebureau|stadskantoor|gemeentehuis|"
                          r"stadhuis|provinciehuis|brandweer(?:kazerne)?|veiligheidsregio|"
                          r"waterschap|hoogheemraadschap|gemeente|provincie")
_ADDRESS = re.compile(r"(?i:\b(?:info|post|woo|wob|contact|communicatie|secretariaat|"
                      r"gemeente|klantcontact|receptie|noreply|no-reply|pers)"
                      r")@(?P<label>[a-z][a-z-]{2,})\.[a-z]{2,4}\b"
                      r"|\bwww\.(?P<web>[a-z][a-z-]{2,})\.[a-z]{2,4}\b")
_MAILBOX = re.compile(r"\b[\w.'-]+@(?P<label>[a-z][a-z-]{2,})\.[a-z]{2,4}\b", re.IGNORECASE)
# domains that say nothing of the writer's organisation
_FREE_MAIL = frozenset({"gmail", "hotmail", "outlook", "live", "yahoo", "icloud", "ziggo",
                        "kpnmail", "planet", "xs4all", "home", "chello", "upcmail", "telfort",
                        "casema", "quicknet", "online", "tele2", "hetnet", "msn", "protonmail"})


def learn(text: str, gaz: Gazetteer | None = None) -> frozenset[str]:
    """Names (lower case, single-spaced) this text uses for a place or an organisation.

    A mail domain counts only when it is no one's name in the name lists: "info@bakker.nl"
    is a shop, and the text's Mevrouw Bakker is still a person.
    """
    out: set[str] = set()
    for m in _CUED.finditer(text):
        name = " ".join(m.group("name").split())
        out.add(name.lower())
        cue = m.group("cue").strip()
        if _NAMED_TYPES.fullmatch(cue) or (cue[:1].isupper()
                                           and cue.lower().endswith(VENUE_ENDINGS)):
            out.add(f"{cue} {name}".lower())  # "Buurthuis De Vonk" is its whole name too
        bare = _ARTICLE.sub("", name)
        if gaz is not None and bare != name and not any(gaz.is_name(w) for w in bare.split()):
            # "obs De Kreekrug", later "Werkbezoek Kreekrug": the name without its article,
            # unless that is someone's name too ("De Vonk", "Mevrouw Vonk")
            out.add(bare.lower())
    out.update(a.lower() for a in organisation_acronyms(text, gaz))
    if gaz is not None:
        # "Bureau Bibob", "Wet Bibob", "programma Samen Sterk": a name no name list knows,
        # after the kind of body, law or programme it names
        for m in _BODY_CUED.finditer(text):
            name = " ".join(m.group("name").split())
            if not any(gaz.is_name(w) or gaz.is_first_name(w) for w in name.split()):
                out.add(name.lower())
        for m in _KIND_CUED.finditer(text):
            cue = m.group("cue")
            if not (is_type_compound(cue) or (cue.lower() in ORG_TYPE_ENDINGS
                                              and not gaz.is_name(cue))):
                continue
            name = " ".join(m.group("name").split())
            words = [w for w in name.split() if w[:1].isupper()]
            # a name's words known as people's names make it a foundation named after
            # someone, unless a small word no Dutch name has joins them ("Kas di Kuido")
            if (not any(gaz.is_first_name(w) or gaz.is_name(w) for w in words)
                    or _FOREIGN_JOIN.search(name)):
                out.add(name.lower())
                out.add(f"{cue} {name}".lower())
        out.update(m.group("name").lower() for m in _FRISIAN_CUED.finditer(text))
        for m in _COMPANY.finditer(text):
            # "Kronenburg Softwaregroep B.V.", later "Kronenburg ligt achter": the company's
            # name, and its first word alone when a word of its trade follows that one
            words = m.group("name").split()
            if gaz.is_first_name(words[0]):
                continue  # "Jan Bakker B.V.": his firm, and Jan Bakker still a person
            out.add(" ".join(words).lower())
            if len(words) >= 2:
                out.add(words[0].lower())
        out.update(" ".join(m.group("name").split()).lower() for m in _CLUB_CUED.finditer(text))
    domains: dict[str, set[str]] = {}
    for m in _MAILBOX.finditer(text):
        label = m.group("label").lower()
        local = m.group().split("@")[0].lower()
        domains.setdefault(label, set()).add(local)
    for m in _ADDRESS.finditer(text):
        label = (m.group("label") or m.group("web")).lower()
        domains.setdefault(label, set()).add("*")
    for label, locals_ in domains.items():
        # one organisation's domain: several people or a functional box write from it
        if (label not in _FREE_MAIL and (len(locals_) > 1 or "*" in locals_)
                and not (gaz is not None and gaz.is_name(label))):
            out.add(label)
    return frozenset(out)


# An organisation's unit: "afdeling SBK", "de beleidsafdeling van UWV, SBK, heeft ..."
_UNIT = (r"(?i:\b\w*(?:afdeling|directie|divisie|dienst|cluster|sector|bureau|staf|eenheid|"
         r"team|unit|programma|stafafdeling))")
_ACRONYM = r"(?-i:[A-Z][A-Za-z]{0,2}[A-Z]{1,4})"
_UNIT_ACRONYM = re.compile(
    _UNIT + r"(?:[ \t]+" + r"(?P<a>" + _ACRONYM + r")(?![\w-])|"
    r"(?:[ \t]+(?:van|bij)[ \t]+\S+)?[ \t]*,[ \t]*(?P<b>" + _ACRONYM + r")[ \t]*,)")
# "Staf Bestuurszaken en Kwaliteit (SBK)": the capitals spell the words' initials
_DEFINED = re.compile(r"(?P<words>(?:\p{Lu}[\p{L}-]*[ \t]+(?:(?:en|van|voor|de|het)[ \t]+)*)"
                      r"{1,6})\((?P<a>" + _ACRONYM + r")\)")


def organisation_acronyms(text: str, gaz: Gazetteer | None = None) -> set[str]:
    """Abbreviations the text defines as an organisation or one of its units."""
    out = {m.group("a") or m.group("b") for m in _UNIT_ACRONYM.finditer(text)}
    for m in _DEFINED.finditer(text):
        words = [w for w in m.group("words").split() if w[:1].isupper()]
        caps = [w[0] for w in words]
        acronym = m.group("a").upper()
        # the last capitalised words spell it ("... de Staf Bestuurszaken en Kwaliteit"),
        # and they are no one's name ("Jan Jansen (JJ)")
        for k in range(len(caps) - 1):
            if ("".join(caps[k:]).startswith(acronym[:2])
                    and set(acronym) <= set("".join(caps[k:]))):
                if gaz is None or not any(gaz.is_first_name(w) for w in words[k:]):
                    out.add(m.group("a"))
                break
    return out


def names_a_place(name: str, places: frozenset[str] | set[str]) -> bool:
    """Is a found "name" what the text calls a place or an organisation ("Zuiderwaard",
    "van Omroep Zuiderwaard", "ZUIDERWAARD")? Lower-case words around it ("van") do not
    count; a first name or initials in it make it someone ("Jan Zuiderwaard")."""
    if not places:
        return False
    words = [w.strip(".,;:()'’") for w in name.split()]
    while words and not words[0][:1].isupper():
        words.pop(0)
    while words and not words[-1][:1].isupper():
        words.pop()
    if not words:
        return False
    name = " ".join(words).lower()
    # a mail domain writes "Wâldhiem" as "waldhiem"
    return name in places or _ascii(name) in places


def _ascii(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(ch))


# the domain of a mail or web address, its organisation's name as the text writes it
_DOMAIN_NAME = re.compile(r"(?i)(?:@|\bwww\.|https?://)(?:[\w-]+\.)*?([\w-]{3,})\."
                          r"(?:nl|com|org|eu|net|frl|be|info|nu)\b")


def domain_names(text: str) -> frozenset[str]:
    """The names the text's mail and web addresses give their organisations ("waldhiem" of
    "@waldhiem.nl", "zuiderhaven" of "www.zuiderhaven.nl"), folded for comparison."""
    return frozenset(fold(m.group(1)) for m in _DOMAIN_NAME.finditer(text))


def fold(word: str) -> str:
    """Lower case without accents, spaces or hyphens: "Wâldhiem" → "waldhiem"."""
    return "".join(ch for ch in _ascii(word) if ch.isalnum()).lower()


def names_a_domain(name: str, domains: frozenset[str]) -> bool:
    """A single unlisted word that is the name of one of the text's mail or web domains
    ("Wâldhiem" beside bestuurssecretariaat@waldhiem.nl): the organisation, not a person.
    A listed surname stays a person's: someone may write from their own domain."""
    from . import gazetteer

    word = name.strip(" .,;:'\"")
    if not domains or " " in word or fold(word) not in domains:
        return False
    return not gazetteer.load().is_name(word)


def organisation_account(value: str, domains: frozenset[str]) -> bool:
    """A profile link or handle that carries the name of one of the text's own web or mail
    domains ("x.com/douane_nl" beside www.douane.nl, "@RDW_nl"): the organisation's
    account, not a person's."""
    handle = fold(re.split(r"[/@]", value.rstrip("/"))[-1])
    return any(len(label) >= 3 and label in handle for label in domains)


_TITLE_BEFORE = re.compile(r"(?i)(?:\b(?:de\s+heer|heer|meneer|mevrouw|mevr|mw|mej|dhr|hr|drs|dr|"
                           r"mr|ir|ing|prof)\.?|\b\p{Lu}\.)[ \t]*$")


_WORDS_BEFORE = re.compile(r"(?:(?:\p{Lu}[\p{L}'’-]*|" + _PARTICLE + r")[ \t\n]+){1,4}$")


def is_place_finding(text: str, start: int, end: int, places: frozenset[str] | set[str]
                     ) -> bool:
    """A found PERSON that is one of the text's places or organisations, unless a title or an
    initial right before it makes it someone of that name ("mevrouw Zuiderwaard")."""
    if _TITLE_BEFORE.search(text, max(0, start - 12), start):
        return False
    if names_a_place(text[start:end], places):
        return True
    # the found word ends a longer name of the text's: "Buurthuis De |Vonk|"
    before = _WORDS_BEFORE.search(text, max(0, start - 40), start)
    if before and places:
        words = before.group().split()
        for k in range(1, len(words) + 1):
            if names_a_place(" ".join(words[-k:]) + " " + text[start:end], places):
                return True
    return False


def spread_onto_a_place(name: str) -> bool:
    """A single word spread from a name found elsewhere that the place lists know and the
    surname lists do not ("Saba", "Eustatius"): where it is spread to, it is the place (the
    document's own detectors still find a person of that name after a title)."""
    from . import gazetteer

    word = name.strip()
    gaz = gazetteer.load()
    if " " in word or gaz.is_surname(word):
        return False
    if word.lower() in gazetteer.KINGDOM_CARIBBEAN:
        return True  # "Saba", "Bonaire": a public body of the Kingdom before a first name
    # "Zwolle", "Eustatius" of "Sint Eustatius"; not "Lies", "Jet" or "Maarten" (of "Sint
    # Maarten"), first names as well as places
    return ((gaz.is_place(word) or word.lower() in _place_tails())
            and not gaz.is_first_name(word))


@lru_cache(maxsize=1)
def _place_tails() -> frozenset[str]:
    """The last words of the listed places of more than one word ("Sint |Eustatius|")."""
    from . import gazetteer

    return frozenset(p.split()[-1] for p in gazetteer.load().places if " " in p)


# Organisms named the Latin way, an initial for the genus: "E. coli", "S. aureus", "L.
# monocytogenes" look like an initial and a surname
_SPECIES = re.compile(
    r"\p{Lu}\.[ \t]?(?i:coli|aureus|epidermidis|pneumoniae|pyogenes|faecalis|faecium|"
    r"difficile|monocytogenes|typhimurium|enteritidis|typhi|jejuni|pylori|cereus|botulinum|"
    r"perfringens|aeruginosa|baumannii|legionella|pneumophila|tuberculosis|marcescens|"
    r"cloacae|mirabilis|albicans|auris|fumigatus|sapiens|gondii|vivax|falciparum|vulgaris|"
    r"cholerae|burgdorferi|anthracis|sonnei|flexneri|trachomatis|gonorrhoeae|meningitidis)")


_INITIALS_SHAPE = re.compile(r"(?:\p{Lu}\p{Ll}?){1,4}")


def names_an_institution(name: str) -> bool:
    """A care institution or hospital the lists know, taken for a person ("Parnassia",
    "Amphia", "Nij Smellinghe"), or one of them with its place ("Antonius Sneek"). A listed
    institution that is also a first name or surname ("Antonius", "Voorhoeve") counts only
    with its place after it."""
    from . import gazetteer

    gaz = gazetteer.load()
    words = name.strip(" .,;:").split()
    if not words or any(w.endswith(".") for w in words):
        return False  # an initial makes it a person: "A. Parnassia"
    if any(_INITIALS_SHAPE.fullmatch(w) and sum(c.isupper() for c in w) >= 2 for w in words):
        return False  # initials ("SBo", "AH"): the lists hold abbreviations of that shape too
    if gaz.is_institution(" ".join(words)) and not any(gaz.is_first_name(w) or gaz.is_surname(w)
                                                        for w in words):
        return True
    # "Antonius Sneek": the institution's name and a place that is no surname
    return (len(words) >= 2 and gaz.is_institution(" ".join(words[:-1]))
            and gaz.is_place(words[-1]) and not gaz.is_surname(words[-1]))


def names_an_organism(name: str) -> bool:
    """"E. coli" and its kin: a genus initial and a species name, no person."""
    return _SPECIES.fullmatch(name.strip(" .,;:")) is not None
