"""DiWoo metadata (KOOP's Woo metadata standard, version 0.9.8) for one released document:
a ``diwoo:Document`` holding one ``diwoo:DiWoo`` with identifier, publisher, official title,
information category, creation date, format and one document action.

The TOOI values used come from the 0.9.8 value lists (``diwoo-metadata-lijsten.xsd``): the
information category "Woo-verzoeken en -besluiten", the document action "vaststelling", the
EU file type PDF, and — where the publisher is a ministry we know — its TOOI URI. An
organisation we do not know is written with its name only (the ``resource`` attribute is
optional in ``organisatieType``).
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree import ElementTree as ET

NS = "https://standaarden.overheid.nl/diwoo/metadata/"
TOOI = "https://identifier.overheid.nl/tooi"
CATEGORY_WOO = (f"{TOOI}/def/thes/kern/c_3baef532", "Woo-verzoeken en -besluiten")
ACTION_VASTSTELLING = (f"{TOOI}/def/thes/kern/c_641ecd76", "vaststelling")
FORMAT_PDF = ("http://publications.europa.eu/resource/authority/file-type/PDF", "PDF")

# ministerielijst (rwc_ministeries_compleet, version 4) as in the 0.9.8 value lists
MINISTRIES = {
    "ministerie van Algemene Zaken": "mnre1010",
    "ministerie van Asiel en Migratie": "mnre1162",
    "ministerie van Binnenlandse Zaken en Koninkrijksrelaties": "mnre1034",
    "ministerie van Buitenlandse Zaken": "mnre1013",
    "ministerie van Defensie": "mnre1018",
    "ministerie van Economische Zaken": "mnre1045",
    "ministerie van Financiën": "mnre1090",
    "ministerie van Infrastructuur en Waterstaat": "mnre1130",
    "ministerie van Justitie en Veiligheid": "mnre1058",
    "ministerie van Klimaat en Groene Groei": "mnre1182",
    "ministerie van Landbouw, Natuur en Voedselkwaliteit": "mnre1150",
    "ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur": "mnre1153",
    "ministerie van Onderwijs, Cultuur en Wetenschap": "mnre1109",
    "ministerie van Sociale Zaken en Werkgelegenheid": "mnre1073",
    "ministerie van Verkeer en Waterstaat": "mnre0170",
    "ministerie van Volksgezondheid, Welzijn en Sport": "mnre1025",
    "ministerie van Volkshuisvesting en Ruimtelijke Ordening": "mnre1171",
    "ministerie van Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer": "mnre0180",
}
MINISTRY_URIS = {f"{TOOI}/id/ministerie/{code}" for code in MINISTRIES.values()}


def publisher_uri(name: str) -> str:
    """The TOOI URI of a ministry named like the value list does (case-insensitive)."""
    wanted = " ".join(name.split()).lower()
    for label, code in MINISTRIES.items():
        if label.lower() == wanted:
            return f"{TOOI}/id/ministerie/{code}"
    return ""


@dataclass(slots=True)
class Publisher:
    name: str
    uri: str = ""


def _el(parent, tag: str, text: str | None = None, resource: str = "") -> ET.Element:
    e = ET.SubElement(parent, f"{{{NS}}}{tag}")
    if resource:
        e.set("resource", resource)
    if text is not None:
        e.text = text
    return e


def document_xml(doc_id: str, title: str, created: str, publisher: Publisher) -> bytes:
    """``created`` is YYYY-MM-DD; the document action is its adoption on that day."""
    ET.register_namespace("diwoo", NS)
    root = ET.Element(f"{{{NS}}}Document")
    dw = _el(root, "DiWoo")
    _el(_el(dw, "identifiers"), "identifier", doc_id)
    _el(dw, "publisher", publisher.name, publisher.uri)
    _el(_el(dw, "titelcollectie"), "officieleTitel", title)
    cats = _el(_el(dw, "classificatiecollectie"), "informatiecategorieen")
    _el(cats, "informatiecategorie", CATEGORY_WOO[1], CATEGORY_WOO[0])
    _el(dw, "creatiedatum", created)
    _el(dw, "format", FORMAT_PDF[1], FORMAT_PDF[0])
    action = _el(_el(dw, "documenthandelingen"), "documenthandeling")
    _el(action, "soortHandeling", ACTION_VASTSTELLING[1], ACTION_VASTSTELLING[0])
    _el(action, "atTime", f"{created}T00:00:00")
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")
