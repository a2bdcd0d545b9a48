"""Organisation around a name: the words that make a name-shaped phrase a firm's, an
institution's or an employer's rather than a person's.

Reads the words right before a name (a type of organisation, "werkt bij", "gunning aan"),
inside it (a legal form, a foundation), right after it (a legal form, "Instituut", a trade
after a lone surname) and its neighbours in a list ("Aedes en het Interprovinciaal Overleg").
Every name recognizer drops a span these checks call an organisation; the NER recognizer and
name propagation ask the same questions.
"""

from __future__ import annotations

import regex as re

from woo_redact import gazetteer as gazetteer_mod

# First words of organisation units and functional mailboxes: "Secretariaat DGO",
# "Team Woo", "Postbus Klachten" are not people even when a name-like word follows.
ORG_WORDS = frozenset({
    "secretariaat", "postbus", "team", "afdeling", "directie", "ministerie", "bureau", "info",
    "servicedesk", "helpdesk", "cluster", "programma", "project", "projectteam", "dienst",
    "kabinet", "gemeente", "provincie", "stichting", "inspectie", "raad", "mailbox", "woo",
    "wob", "pers", "persvoorlichting", "communicatie", "redactie", "staf", "sectie", "eenheid",
    "unit", "college", "commissie", "kamer", "tweede", "eerste", "rijksoverheid", "politie",
    "werkgroep", "overleg", "coördinatie", "coordinatie", "crisisteam", "kernteam", "griffie",
    "loket", "expertisecentrum", "landelijk", "nationaal", "nationale", "regionaal", "algemeen",
    "centrale", "centraal", "functionaris", "klantcontact", "juridische", "dg", "dgo", "hr",
    # German neighbours' authorities in cross-border reports
    "landkreis", "gesundheitsamt", "gemeinde", "bezirksregierung",
    # the same in Frisian, an official language in Fryslân: province, water board,
    # municipality, broadcaster
    "provinsje", "wetterskip", "gemeente", "omrop", "riedshûs",
    # English, as the Caribbean public bodies and their services name themselves ("Public
    # Entity Saba", "Public Health Department Statia")
    "entity", "department", "authority", "government", "ministry", "office", "council",
})

# Words that name what kind of organisation the next words are ("Bouwbedrijf Van Wijnen",
# "firma Jansen", "Stichting De Vries", "kinderdagverblijf De Kleine Reus", Papiamento
# "Fundashon Mariadal"): by their ending, so compounds count too.
ORG_TYPE_ENDINGS = ("bedrijf", "stichting", "vereniging", "firma", "organisatie", "kantoor",
                    "bureau", "corporatie", "instelling", "instituut", "fonds", "coöperatie",
                    "maatschappij", "holding", "supermarkt", "fabriek", "uitgeverij",
                    "omroep", "federatie", "bond", "fundashon", "ziekenhuis", "dagverblijf",
                    "kinderopvang", "leverancier", "slachterij", "kliniek", "studio", "salon",
                    "lounge", "restaurant", "café", "winkel", "garage", "bakkerij",
                    # Frisian: province, water board, broadcaster
                    "provinsje", "wetterskip", "omrop",
                    # "Agrarisch Collectief Noardlike Fryske Wâlden"
                    "collectief",
                    # farms and care groups: "Varkenshouderij De Hooge Hoeve", "Zorggroep
                    # Wâldhiem", "Zorgboerderij De Eshof"
                    "houderij", "boerderij", "kwekerij", "zorggroep",
                    # "Huisartsenpraktijk De Kreek", "Apotheek Zuid"
                    "praktijk", "apotheek",
                    # English names of the Caribbean bodies and of foreign partners:
                    # "Ministry of Health, Welfare and Sport", "Saba Health Care Foundation"
                    "ministry", "department", "authority", "agency", "foundation")
# Words after a name that make it a company's or an institute's: "Verwey-Jonker Instituut",
# "Jansen B.V.". Not "Advocaten" or "Notarissen": a partnership's name is its partners'.
ORG_SUFFIX_WORDS = frozenset({
    "instituut", "institute", "groep", "group", "holding", "b.v.", "bv", "n.v.", "nv",
    "v.o.f.", "vof", "c.v.", "fonds", "foundation", "bouw",
    "installatietechniek", "infra", "transport", "logistiek", "consultancy",
    "ziekenhuis", "kliniek", "zorggroep",
    # a school or college named after someone: "Gwendoline van Putten School"
    "school", "college", "lyceum", "academie", "academy", "university", "universiteit",
    # a building or venue: "Mazinga Complex", "Johan Cruijff Arena"
    "complex", "gebouw", "building", "centre", "center", "plaza", "arena", "stadion",
    "paviljoen", "kazerne",
})
# the company forms and trades among them: "Jan Jansen Bouw" may be Jan's own firm
COMPANY_WORDS = frozenset({"b.v.", "bv", "n.v.", "nv", "v.o.f.", "vof", "c.v.", "bouw",
                           "installatietechniek", "infra", "transport", "logistiek",
                           "consultancy", "groep", "group", "holding"})
# what may stand between a first name and the word that makes it an institution's name:
# the rest of the person's name it is named after ("Gwendoline |van Putten| School")
_NAME_THEN_SUFFIX = re.compile(
    r"(?:[ \t]+(?:van|de|der|den|ter|ten|\p{Lu}[\p{L}'’-]*)){1,3}?[ \t]+(?P<w>(?i:"
    + "|".join(sorted(ORG_SUFFIX_WORDS - COMPANY_WORDS, key=len, reverse=True)) + r"))\b")
# Legal forms that close a company's name, dots dropped: "Visser Vastgoed B.V.", "Vos & Zn.".
COMPANY_FORMS = frozenset({"bv", "nv", "vof", "cv", "zn"})
# Trades a surname names a firm after ("Koning Catering", "Groen Hoveniers", "Sabbagh
# Advocatuur"), by their ending. A government department ("Communicatie", "Financiën")
# is no trade: a name in a table row before one is still a person.
SECTOR_ENDINGS = ("vastgoed", "vastgoedbeheer", "catering", "hoveniers", "hovenier",
                  "schoonmaak", "transport", "techniek", "advocatuur", "arbeidsrecht",
                  "letselschade", "makelaardij", "makelaars", "accountants", "logistiek",
                  "consultancy", "installaties", "verhuur", "bouw", "infra", "dredging",
                  "medical", "detachering", "uitzendbureau", "schilders", "loodgieters")
# A name's run of capitalised words up to a company form: " Sport & Spel B.V.", " & Zn.".
_COMPANY_TAIL = re.compile(
    r"(?:[ \t]+(?:\p{Lu}[\p{L}'-]*|&)){0,3}[ \t]*(?:&[ \t]*)?"
    r"(?P<form>B\.?V\.?|N\.?V\.?|V\.?O\.?F\.?|Zn\.?)(?![\p{L}\d])")
_LONE_SURNAME = re.compile(r"(?:(?:Van|De|Den|Der|Ter|Ten|Te)[ \t]+)*\p{Lu}[\p{L}'’-]*")
# Capitalised words that name an organisation the model may take for a person in Dutch
# texts: a Papiamento foundation, a legal form.
ORG_NAME_WORDS_INSIDE = frozenset({"fundashon", "stichting", "b.v.", "n.v.", "v.o.f.", "bv",
                                   "nv", "zn.", "institute", "instituut", "university",
                                   "universiteit", "center", "centre", "hospital",
                                   "foundation", "department"})
# An institution's name in English on its own line ("Julius Center for Health Sciences and
# Primary Care", "Athena Institute"): every word of it is the institution's
_ENGLISH_INSTITUTION = re.compile(
    r"(?i:\b(?:institute|center|centre|university|department|hospital|foundation|agency|"
    r"council|school|college|laboratory|laboratories)\b)")
_TITLE_CASE_LINE = re.compile(r"[ \t|]*(?:\p{Lu}[\p{L}'’&-]*|for|of|and|the|en|voor|van|de|"
                              r"in|on|[(),&|-])(?:[ \t]+(?:\p{Lu}[\p{L}'’&-]*|for|of|and|"
                              r"the|en|voor|van|de|in|on|\(\p{Lu}[\p{L}]*\)|[(),&|-]))*[ \t|]*")
# Capitalised words that make a list's neighbour an organisation: "Aedes en het
# Interprovinciaal Overleg", "Humanitas en Stichting Schuldhulpmaatje".
ORG_NAME_WORDS = frozenset({
    "stichting", "vereniging", "overleg", "raad", "instituut", "inspectie", "ministerie",
    "gemeente", "gemeenten", "provincie", "provincies", "bond", "federatie", "unie", "college",
    "commissie", "dienst", "directie", "autoriteit", "agentschap", "bureau", "fonds",
    "universiteit", "hogeschool", "kamer", "politie", "corporatie", "coöperatie",
})
# Where the next words name an employer or a contractor: "werkt 12 uur per week bij",
# "de gunning aan", "in dienst bij".
_EMPLOYER_BEFORE = re.compile(
    r"(?i)(?<!\w)(?:(?:werk(?:t|en|te|ten)?|werkzaam)(?!\w)[^\n.;:!?()]{0,25}?(?<!\w)bij|"
    r"in[ \t]+dienst[ \t]+bij|(?:gegund|gunning|gegunde[ \t]+opdracht)(?!\w)"
    r"[^\n.;:!?()]{0,15}?(?<!\w)aan)[ \t]+$")
_WORD_BEFORE = re.compile(r"(?<![\w-])(?P<w>[\p{L}-]+)[ \t]+$")
# "het Landelijk Bureau\nBibob": a capitalised type of organisation ending the line before
_TYPE_WORD_WRAPPED = re.compile(r"(?<![\w-])(?P<w>\p{Lu}[\p{L}-]+)[ \t]*\n[ \t]*$")
_WORD_AFTER = re.compile(r"[ \t]*(?:\n[ \t]*)?(?P<w>[\p{L}][\p{L}.&]*)")


def is_type_compound(word: str) -> bool:
    """"Melkveebedrijf", "Zorggroep", "Kalverhouderij": a capitalised compound that ends in
    a kind of organisation, or a kind no one is named after, opens an organisation's name
    (a lone "Winkel" or "Bond" may be a surname)."""
    low = word.lower()
    return word[:1].isupper() and (low in _KIND_WORDS or any(
        low.endswith(e) and len(low) >= len(e) + 3 for e in ORG_TYPE_ENDINGS))


# kinds of organisation that are no one's surname, so the word alone opens a name
_KIND_WORDS = frozenset({"stichting", "vereniging", "zorggroep", "fundashon", "coöperatie",
                         "ziekenhuis", "kliniek", "kinderopvang", "instituut", "instelling",
                         "federatie", "maatschappij", "uitgeverij", "provinsje", "wetterskip",
                         "omrop"})


def is_sector(word: str) -> bool:
    return word[:1].isupper() and word.lower().endswith(SECTOR_ENDINGS)


def company_around(text: str, start: int, end: int) -> bool:
    """Is the name at text[start:end] a company's or institution's by its own words and the
    words right around it (a type of organisation before it, a legal form or a trade after
    a lone surname)? Unlike an employer's place, this says the words are a firm's name
    wherever they recur."""
    lo = max(0, start - 60)
    before = _WORD_BEFORE.search(text, lo, start) or _TYPE_WORD_WRAPPED.search(text, lo, start)
    if before and before.group("w").lower().endswith(ORG_TYPE_ENDINGS):
        return True
    if _type_word_further_back(text, start) or _with_a_partner_word(text, start, end):
        return True
    if _object_of_an_organisation(text, start, end):
        return True
    if _CAR_MAKE_BEFORE.search(text, max(0, start - 20), start):
        return True  # "Toyota Corolla": a make's model, no one's name
    words = text[start:end].split()
    if any(w.lower() in ORG_NAME_WORDS_INSIDE for w in words):
        return True  # "Visser Vastgoed B.V.", "Fundashon Mariadal" tagged whole
    if len(words) > 1 and is_type_compound(words[0]):
        return True  # "Melkveebedrijf De Hooge Esch" tagged whole
    if "\n" not in text[start:end] and _in_institution_line(text, start, end):
        return True
    lone = _LONE_SURNAME.fullmatch(text, start, end) is not None
    if len(words) > 1 and is_sector(words[-1]) and _LONE_SURNAME.fullmatch(
            " ".join(words[:-1])):
        return True  # "Koning Catering" tagged whole
    after = _WORD_AFTER.match(text, end, min(len(text), end + 40))
    # "Instituut" on the next line continues a wrapped sentence, not a name alone on its
    # line: under a signature's name the next line is the employer
    if after and "\n" in text[end:after.start("w")] and not text[
            text.rfind("\n", 0, start) + 1:start].strip():
        after = None
    if after:
        w = after.group("w")
        low = w.lower().rstrip(",")
        if (w[:1].isupper() or low in ("b.v.", "bv", "n.v.", "nv")) and (
                low in ORG_SUFFIX_WORDS or low.rstrip(".") in ORG_SUFFIX_WORDS
                or low.replace(".", "") in COMPANY_FORMS):
            return True
        if lone and "\n" not in text[end:after.start("w")] and is_sector(w):
            return True  # "Groen Hoveniers"; not "Jan Groen\nAdviseur"
    named = _NAME_THEN_SUFFIX.match(text, end, min(len(text), end + 50))
    if named and named.group("w")[:1].isupper():
        return True  # "Gwendoline van Putten School": an institution named after someone
    if lone:
        # a surname that opens a firm's name up to its legal form: "Bakker Sport & Spel B.V."
        tail = _COMPANY_TAIL.match(text, end, min(len(text), end + 60))
        if tail and "\n" not in tail.group():
            return True
    return False


# "Shine & |Go|", "|Smit| & Zonen": the other side of an ampersand
_AMP_BEFORE = re.compile(r"(?P<w>\p{Lu}[\p{L}'’-]*)[ \t]*&[ \t]*$")
_AMP_AFTER = re.compile(r"[ \t]*&[ \t]*(?P<w>\p{Lu}[\p{L}'’-]*)")


_CAR_MAKE_BEFORE = re.compile(
    r"(?i)\b(?:audi|bmw|mercedes(?:-benz)?|volkswagen|vw|opel|ford|renault|peugeot|"
    r"citro[eë]n|toyota|kia|hyundai|nissan|mazda|volvo|skoda|seat|fiat|tesla|suzuki|honda|"
    r"mitsubishi|dacia|porsche|lexus|iveco|daf|scania)[ \t]+$")
# "Vereniging van |Banken|", "Staatstoezicht op de |Mijnen|", "inspecteur-generaal der
# |Mijnen|": a particle between an organisation's word and what it is of
_PARTICLE_BEFORE = re.compile(r"(?<![\w-])(?P<w>[\p{L}-]+)\s+(?P<p>van|voor|op|der|tegen|"
                              r"van\s+de|voor\s+de|op\s+de|van\s+het|voor\s+het)[ \t]+$")


def _object_of_an_organisation(text: str, start: int, end: int) -> bool:
    """A plain plural word the name lists also hold ("Banken", "Mijnen"), after an
    organisation's word and a particle, is what the organisation is of: "Nederlandse
    Vereniging van Banken". So is a plain word after a genitive "der" that follows no "van"
    ("inspecteur-generaal der Mijnen", not "Van der Berg")."""
    found = text[start:end]
    if " " in found.strip():
        return False
    gaz = gazetteer_mod.load()
    if not gaz.is_common_word(found):
        return False
    m = _PARTICLE_BEFORE.search(text, max(0, start - 60), start)
    if m is None:
        return False
    w = m.group("w").lower()
    if m.group("p").lower() == "der":
        return w not in ("van", "ter", "in", "op")
    return (w in ORG_NAME_WORDS or w.endswith(ORG_TYPE_ENDINGS)
            or gazetteer_mod.looks_like_organisation(w))


_BEFORE_BRACKET = re.compile(r"((?:[\p{L}-]+[ \t\n]+){1,8})\($")


def abbreviation_defined(text: str, start: int, end: int) -> bool:
    """"Algemene wet inkomensafhankelijke regelingen (|Awir|)": a word in brackets whose
    letters are the initials of the words right before it is their abbreviation."""
    abbr = text[start:end]
    if not (2 <= len(abbr) <= 8 and abbr.isalpha() and text[end:end + 1] == ")"):
        return False
    m = _BEFORE_BRACKET.search(text, max(0, start - 120), start)
    if m is None:
        return False
    words = m.group(1).split()
    initials = "".join(w[0] for w in words).lower()
    return initials.endswith(abbr.lower()) or "".join(
        w[0] for w in words if w[0].isupper()).lower().endswith(abbr.lower())


def _not_a_name(word: str) -> bool:
    gaz = gazetteer_mod.load()
    return not (gaz.is_first_name(word) or gaz.is_surname(word) or gaz.is_name(word))


def _type_word_further_back(text: str, start: int) -> bool:
    """"Nagelstudio Glamour |Nails|": the type of business, then the first words of its
    name (no one's name) before the found word."""
    line_start = text.rfind("\n", 0, start) + 1
    words = text[max(line_start, start - 80):start].split()
    for k in (1, 2):
        if len(words) <= k:
            return False
        between = words[-k:]
        if not all(w[:1].isupper() and _not_a_name(w.strip(".,;:()")) for w in between):
            return False
        if words[-k - 1].strip("(").lower().endswith(ORG_TYPE_ENDINGS):
            return True
    return False


def _with_a_partner_word(text: str, start: int, end: int) -> bool:
    """A firm's name joins words with "&"; when the other side is no one's name ("Shine &
    Go"), the found word is part of the firm's name too. Partners' names ("Smit & Bos")
    stay names."""
    m = (_AMP_BEFORE.search(text, max(0, start - 40), start)
         or _AMP_AFTER.match(text, end, min(len(text), end + 40)))
    return bool(m) and _not_a_name(m.group("w"))


def _in_institution_line(text: str, start: int, end: int) -> bool:
    """The name's line, or its cell between separators ("Senior epidemiologist | Centre
    for Infectious Disease Control (CIb)"), is an institution's name in English."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    cell_start = max(line_start, text.rfind("|", line_start, start) + 1)
    cell_end = text.find("|", end, line_end)
    line = text[cell_start:line_end if cell_end < 0 else cell_end]
    return (len(line.split()) <= 12 and bool(_ENGLISH_INSTITUTION.search(line))
            and _TITLE_CASE_LINE.fullmatch(line) is not None)


def organisation_around(text: str, start: int, end: int) -> bool:
    """Is the name at text[start:end] an organisation's, by the words around it: a type of
    organisation just before ("Bouwbedrijf Van Wijnen"), a company form or "Instituut" just
    after ("Verwey-Jonker Instituut"), or an employer's place ("werkt bij Albert Heijn")."""
    return company_around(text, start, end) or employer_before(text, start)


def employer_before(text: str, start: int) -> bool:
    """Do the words before ``start`` name an employer's or contractor's place?"""
    lo = max(0, start - 60)
    window = text[lo:start].lower()
    if "bij" not in window and "aan" not in window:
        return False  # every form ends in one of these: skip the slower pattern
    return _EMPLOYER_BEFORE.search(text, lo, start) is not None


_NEXT_CONJUNCT = re.compile(
    r"[ \t]*(?:,|en|of)[ \t\n]+(?:(?:de|het|De|Het)[ \t\n]+)?"
    r"(?P<c>\p{Lu}[\p{L}-]*(?:[ \t]+\p{Lu}[\p{L}-]*){0,2})")
_PREV_CONJUNCT = re.compile(r"(?P<c>[^,.;:!?()\n]*?)[ \t]*(?:,|\ben)[ \t]*$")


def listed_with_organisation(text: str, start: int, end: int) -> bool:
    """Does the word at text[start:end] stand in a list next to an organisation's name
    ("De Vereniging van Nederlandse Gemeenten, Aedes en het Interprovinciaal Overleg")?"""
    nxt = _NEXT_CONJUNCT.match(text, end, min(len(text), end + 80))
    if nxt and _names_organisation(nxt.group("c")):
        return True
    if _NEXT_KIND.match(text, end, min(len(text), end + 60)):
        return True  # "Vewin en de drinkwaterbedrijven"
    if (nxt and _ORG_ABBREVIATION.fullmatch(nxt.group("c"))
            and not gazetteer_mod.load().is_name(text[start:end])):
        return True  # "Vitens en WMD": beside an abbreviation, a word no name list knows
    prev = _PREV_CONJUNCT.search(text, max(0, start - 80), start)
    if prev:
        conj = re.split(r"\ben\b", prev.group("c"))[-1]
        return _names_organisation(conj)
    return False


# The kinds of organisation in the plural: "Vewin en de drinkwaterbedrijven"
ORG_TYPE_PLURALS = ("bedrijven", "organisaties", "instellingen", "stichtingen", "verenigingen",
                    "instituten", "fondsen", "corporaties", "kantoren", "bureaus",
                    "ziekenhuizen", "gemeenten", "provincies", "waterschappen", "ministeries")
# An organisation's abbreviation in capitals ("Vitens en WMD"); not initials like "JdV"
_ORG_ABBREVIATION = re.compile(r"\p{Lu}{2,6}")
_NEXT_KIND = re.compile(r"[ \t]*(?:,|en|of)[ \t\n]+(?:de|het|andere|overige)[ \t\n]+"
                        r"\p{Ll}+(?:" + "|".join(ORG_TYPE_PLURALS) + r")\b")


def _names_organisation(words: str) -> bool:
    split = words.split()
    return any(w[:1].isupper() and (w.lower() in ORG_NAME_WORDS
                                    or gazetteer_mod.looks_like_organisation(w)
                                    or w.lower().endswith(ORG_TYPE_ENDINGS))
               for w in split)


# Nouns that follow a capitalised "De" as institutions far more often than as surnames:
# "De Kamer heeft ..." is the House, not Mr De Kamer.
INSTITUTION_NOUNS = frozenset({
    "kamer", "raad", "staat", "heer", "koning", "koningin", "minister", "regering", "rechter",
    "rechtbank", "bank", "wet", "zaak", "man", "vrouw", "tijd", "weg", "zee", "brug", "kant",
    "hoop", "haag", "bilt", "meern", "lier", "klerk", "voorzitter", "gemeente", "provincie",
})
