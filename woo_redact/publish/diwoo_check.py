"""Our own check of a DiWoo 0.9.8 metadata file, written from the published XSD
(``diwoo-metadata.xsd`` and ``diwoo-metadata-lijsten.xsd``, version 0.9.8) — not a copy of
it. Rules covered:

1. the root is ``diwoo:Document`` in namespace https://standaarden.overheid.nl/diwoo/metadata/;
   its content is a sequence: one ``DiWoo`` (the choice we use; MDTO is not), then any number
   of ``extraMetadata``, in that order;
2. ``DiWoo`` (an ``xs:all``): only the 21 declared children, each at most once; required are
   ``publisher``, ``titelcollectie``, ``classificatiecollectie`` and ``documenthandelingen``;
3. ``titelcollectie``: exactly one ``officieleTitel`` (non-empty), at most one of
   ``verkorteTitels`` and ``alternatieveTitels``, nothing else;
4. ``classificatiecollectie``: exactly one ``informatiecategorieen`` with one or more
   ``informatiecategorie``; at most one each of ``documentsoorten``, ``themas``,
   ``trefwoorden``;
5. ``documenthandelingen``: one or more ``documenthandeling``, each (``xs:all``) with exactly
   one ``soortHandeling`` and one ``atTime`` (``xs:dateTime``), at most one
   ``wasAssociatedWith``;
6. ``identifiers``: one or more ``identifier``;
7. ``creatiedatum`` is an ``xs:date``;
8. TOOI code lists: a ``resource`` attribute on ``informatiecategorie``, ``soortHandeling``,
   ``format`` and an organisation (``publisher``, ``verantwoordelijke``, ``opsteller``,
   ``wasAssociatedWith``) must be a value of its list — checked for the values this package
   writes (the Woo information categories, the three document actions, the EU file types we
   use, the ministry list; other organisation lists by the form of their URIs); ``resource``
   is the only attribute allowed on these elements.
Not covered: the contents of ``extraMetadata``, ``geldigheid``, ``documentrelaties``,
``hasParts``/``isPartOf`` and the MDTO alternative (we never write them).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from xml.etree import ElementTree as ET

from .diwoo import MINISTRY_URIS, NS, TOOI

DIWOO_CHILDREN = ["identifiers", "publisher", "verantwoordelijke", "medeverantwoordelijken",
                  "opsteller", "naamOpsteller", "titelcollectie", "omschrijvingen",
                  "classificatiecollectie", "creatiedatum", "geldigheid", "language", "format",
                  "aggregatiekenmerk", "isPartOf", "hasParts", "documenthandelingen",
                  "documentrelaties", "redenVerwijderingVervanging"]
REQUIRED = {"publisher", "titelcollectie", "classificatiecollectie", "documenthandelingen"}
ORGANISATIONS = {"publisher", "verantwoordelijke", "opsteller"}
KERN = f"{TOOI}/def/thes/kern/"
# scw_woo_informatiecategorieen (version 4), the values read from the 0.9.8 list
CATEGORIES = {KERN + c for c in ("c_3baef532", "c_99a836c7", "c_3a248e3a", "c_89ee6784",
                                 "c_46a81018", "c_8c840238", "c_8fc2335c", "c_816e508d",
                                 "c_c6cd1213", "c_a870c43d", "c_fdaee95e", "c_759721e2")}
# ccw_plooi_documenthandelingen: ondertekening, ontvangst, vaststelling
ACTIONS = {KERN + c for c in ("c_e1ec050e", "c_dfcee535", "c_641ecd76")}
FILE_TYPES = {f"http://publications.europa.eu/resource/authority/file-type/{t}"
              for t in ("PDF", "DOCX", "DOC", "ODT", "XLSX", "ODS", "HTML", "TXT", "ZIP")}
ORG_URI = re.compile(rf"^{re.escape(TOOI)}/id/(gemeente|provincie|oorg|so|waterschap|zbo|col)"
                     r"/[a-z]{2,4}\d+$")


def _name(e: ET.Element) -> str:
    return e.tag.split("}", 1)[1] if e.tag.startswith(f"{{{NS}}}") else e.tag


def _children(e: ET.Element) -> list[ET.Element]:
    return list(e)


def _counts(e: ET.Element) -> dict[str, int]:
    out: dict[str, int] = {}
    for c in e:
        out[_name(c)] = out.get(_name(c), 0) + 1
    return out


def check_diwoo(data: bytes) -> list[str]:
    problems: list[str] = []
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        return [f"not well-formed XML: {e}"]
    if root.tag != f"{{{NS}}}Document":
        return [f"root element is {root.tag}, not diwoo:Document"]
    for e in root.iter():
        if not e.tag.startswith(f"{{{NS}}}"):
            problems.append(f"element {e.tag} is not in the DiWoo namespace")
    kids = [_name(c) for c in root]
    if not kids or kids[0] != "DiWoo" or kids.count("DiWoo") != 1:
        problems.append(f"diwoo:Document must start with one DiWoo, found {kids}")
    if any(k not in ("DiWoo", "extraMetadata") for k in kids) or \
            ("extraMetadata" in kids and kids.index("extraMetadata") < kids.index("DiWoo")
             if "DiWoo" in kids else False):
        problems.append(f"diwoo:Document content out of order or unknown: {kids}")
    dw = next((c for c in root if _name(c) == "DiWoo"), None)
    if dw is None:
        return problems
    counts = _counts(dw)
    for name, n in counts.items():
        if name not in DIWOO_CHILDREN:
            problems.append(f"DiWoo: unknown element {name}")
        elif n > 1:
            problems.append(f"DiWoo: {name} occurs {n} times (at most once)")
    for name in sorted(REQUIRED - set(counts)):
        problems.append(f"DiWoo: required element {name} missing")
    for c in dw:
        name = _name(c)
        if name in ORGANISATIONS:
            problems += _organisation(c, f"DiWoo/{name}")
        elif name == "titelcollectie":
            problems += _titles(c)
        elif name == "classificatiecollectie":
            problems += _classification(c)
        elif name == "documenthandelingen":
            problems += _actions(c)
        elif name == "identifiers":
            ids = [i for i in c if _name(i) == "identifier"]
            if not ids or len(ids) != len(c) or any(not (i.text or "").strip() for i in ids):
                problems.append("identifiers: one or more non-empty identifier, nothing else")
        elif name == "creatiedatum":
            if not _is_date(c.text):
                problems.append(f"creatiedatum {c.text!r} is not an xs:date")
        elif name == "format":
            problems += _resource(c, FILE_TYPES, "format")
    return problems


def _titles(c: ET.Element) -> list[str]:
    out = []
    counts = _counts(c)
    if counts.get("officieleTitel") != 1:
        out.append("titelcollectie: exactly one officieleTitel")
    elif not (next(t for t in c if _name(t) == "officieleTitel").text or "").strip():
        out.append("titelcollectie: officieleTitel is empty")
    for name, n in counts.items():
        if name not in ("officieleTitel", "verkorteTitels", "alternatieveTitels") or n > 1:
            out.append(f"titelcollectie: {name} not allowed (or more than once)")
    return out


def _classification(c: ET.Element) -> list[str]:
    out = []
    counts = _counts(c)
    if counts.get("informatiecategorieen") != 1:
        out.append("classificatiecollectie: exactly one informatiecategorieen")
    for name, n in counts.items():
        if name not in ("informatiecategorieen", "documentsoorten", "themas", "trefwoorden") \
                or n > 1:
            out.append(f"classificatiecollectie: {name} not allowed (or more than once)")
    for cats in (x for x in c if _name(x) == "informatiecategorieen"):
        items = list(cats)
        if not items or any(_name(i) != "informatiecategorie" for i in items):
            out.append("informatiecategorieen: one or more informatiecategorie, nothing else")
        for i in items:
            out += _resource(i, CATEGORIES, "informatiecategorie")
    return out


def _actions(c: ET.Element) -> list[str]:
    out = []
    items = list(c)
    if not items or any(_name(i) != "documenthandeling" for i in items):
        out.append("documenthandelingen: one or more documenthandeling, nothing else")
    for a in items:
        counts = _counts(a)
        if counts.get("soortHandeling") != 1 or counts.get("atTime") != 1:
            out.append("documenthandeling: exactly one soortHandeling and one atTime")
        for name, n in counts.items():
            if name not in ("soortHandeling", "atTime", "wasAssociatedWith") or n > 1:
                out.append(f"documenthandeling: {name} not allowed (or more than once)")
        for x in a:
            if _name(x) == "soortHandeling":
                out += _resource(x, ACTIONS, "soortHandeling")
            elif _name(x) == "atTime" and not _is_datetime(x.text):
                out.append(f"atTime {x.text!r} is not an xs:dateTime")
            elif _name(x) == "wasAssociatedWith":
                out += _organisation(x, "wasAssociatedWith")
    return out


def _organisation(e: ET.Element, where: str) -> list[str]:
    out = []
    if len(e):
        out.append(f"{where}: has child elements (a label with a resource attribute only)")
    if not (e.text or "").strip():
        out.append(f"{where}: no name")
    extra = set(e.attrib) - {"resource"}
    if extra:
        out.append(f"{where}: unknown attributes {sorted(extra)}")
    uri = e.get("resource")
    if uri is not None and uri not in MINISTRY_URIS and not ORG_URI.match(uri):
        out.append(f"{where}: resource {uri!r} is not in the TOOI organisation lists")
    return out


def _resource(e: ET.Element, allowed: set[str], what: str) -> list[str]:
    out = []
    if set(e.attrib) - {"resource"}:
        out.append(f"{what}: unknown attributes {sorted(set(e.attrib) - {'resource'})}")
    uri = e.get("resource")
    if uri is not None and uri not in allowed:
        out.append(f"{what}: resource {uri!r} is not a value of its TOOI list")
    if not (e.text or "").strip():
        out.append(f"{what}: no label")
    return out


def _is_date(text: str | None) -> bool:
    t = (text or "").strip()
    if not re.fullmatch(r"-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?", t):
        return False
    try:
        date.fromisoformat(t[:10])
        return True
    except ValueError:
        return False


def _is_datetime(text: str | None) -> bool:
    t = (text or "").strip()
    if not re.fullmatch(r"-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?", t):
        return False
    try:
        datetime.fromisoformat(t.replace("Z", "+00:00"))
        return True
    except ValueError:
        return False
