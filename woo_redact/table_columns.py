"""Person tables read by column header: the header is every cell's label.

A message table's "Van" and "Aan" columns hold people ("Yoes", "Jojo A'pen", nicknames no
name list knows), a spreadsheet's "Beoord." column their initials ("JvK"), its "Postcode"
column the applicants' postcodes. Read cell by cell, as the text flattens them, nothing says
so; read by column, the header does. Each cell under a person column is a person unless it
is an organisation, a role or a placeholder; each cell under a value column ("Postcode",
"Geboortedatum", "Kenteken") is that value when it has the value's shape.
"""

from __future__ import annotations

import regex as re

from . import gazetteer
from .gazetteer import TITLE_RE
from .model import Document, Finding
from .recognizers.names.organisation_context import ORG_TYPE_ENDINGS, is_type_compound
from .recognizers.checksums import elfproef, iban_is_valid
from .recognizers.dates import parse_date
from .tables import Cell, Table, tables
from .trade_names import SOLE_TRADER, TRADES_AS

DETECTOR = "TableColumnRecognizer"
SCORE = 0.8

_PERSON_HEADER = re.compile(
    r"(?i)^(?:(?:naam|namen)(?:\s*\((?:voor|achter)?naam[^)]*\))?"
    r"(?:\s+(?!(?:organisatie|bedrijf|instelling|school|project|"
    r"document|bestand|locatie|vereniging)\b)\p{L}+)?|volledige\s+naam|voornaam|achternaam|van|aan|cc|afzender|"
    r"ontvanger|deelnemer|deelnemers|weergavenaam(?:\s+in\s+\w+)?|toegeschreven\s+aan.*|"
    r"gebruiker|aanvrager|indiener|verzoeker|melder|klager|bewoner|huurder|cli[eë]nt|"
    r"pati[eë]nt|verdachte|betrokkene|getuige|contactpersoon|behandelaar|behandeld\s+door|"
    r"medewerker|beoordelaar|beoord\.?|beh\.?|initialen|paraaf|actiehouder|actie\s+door|wie|door|"
    r"uitvoerder|verbalisant|waarnemer|opsteller|auteur|notulist|eigenaar|houder|"
    r"sender|from|to|name|owner|assignee|initials|handler)\s*:?$")

# header -> (entity, shape test of the cell)
_POSTCODE = re.compile(r"^\d{4}\s?[A-Z]{2}$")
_PLATE = re.compile(r"^(?=.*[A-Z])(?=.*\d)[A-Z0-9]{1,3}-[A-Z0-9]{2,3}-[A-Z0-9]{1,3}$")
_PHONE = re.compile(r"^[+(]?[\d ()-]{9,18}$")
_CODE = re.compile(r"^[A-Z]{0,4}-?\d{4,12}$")
# a contract or policy number may come in groups: "40213-024", "PK-7730218-04"
_GROUPED_CODE = re.compile(r"^(?=(?:\D*\d){5})[A-Z]{0,4}-?\d{2,20}(?:[-/.]\d{1,8}){0,3}$")
_ADDRESS = re.compile(r"^\p{L}[\p{L}'’. -]{2,40}\s\d{1,5}(?:\s?[a-zA-Z]{1,2}\b|[-/]\d{1,4})?$")


def _phone(text: str) -> bool:
    return bool(_PHONE.match(text)) and sum(ch.isdigit() for ch in text) >= 9


_VALUE_HEADERS: list[tuple[re.Pattern, str, object]] = [
    (re.compile(r"(?i)^postcode$"), "NL_POSTCODE", _POSTCODE.match),
    (re.compile(r"(?i)^(?:geboortedatum|geb\.?\s*datum|geboren|geb\.|dob|date\s+of\s+birth)$"),
     "DATE_OF_BIRTH",
     lambda t: parse_date(t) is not None),
    (re.compile(r"(?i)^kenteken(?:s)?$"), "NL_LICENSE_PLATE", _PLATE.match),
    (re.compile(r"(?i)^(?:bsn|burgerservicenummer)$"), "NL_BSN", elfproef),
    (re.compile(r"(?i)^(?:iban|rekeningnummer|bankrekening(?:nummer)?)$"), "IBAN_CODE",
     iban_is_valid),
    (re.compile(r"(?i)^(?:telefoon(?:nummer)?|tel\.?|mobiel(?:\s+nummer)?|06-nummer|nummer)$"),
     "PHONE_NUMBER", _phone),
    (re.compile(r"(?i)^(?:(?:woon|huis|post)?adres|straat(?:\s+en\s+huisnummer)?)$"),
     "NL_ADDRESS", _ADDRESS.match),
    (re.compile(r"(?i)^(?:personeels?(?:nummer|nr\.?)|pers\.?\s?nr\.?|pnr\.?|"
                r"dienst(?:nummer|nr\.?)|stam(?:nummer|nr\.?)|"
                r"medewerkers?(?:nummer|nr\.?))$"), "NL_PERSONNEL_NUMBER", _CODE.match),
    (re.compile(r"(?i)^(?:(?:klant|relatie|pas|polis|(?:huur)?contract|lid|cli[eë]nt|cjib-?)"
                r"(?:nummer|nr\.?)|polis|(?:huur)?contract|betalingskenmerk)$"),
     "NL_CLIENT_NUMBER", _GROUPED_CODE.match),
    # the number of a file about one person, in a table that lists people (see table_findings)
    (re.compile(r"(?i)^(?:dossier|zaak|aanvraag|klacht|bezwaar)(?:nummer|nr\.?)$"),
     "NL_FILE_REFERENCE", _GROUPED_CODE.match),
    # a log-in an application form or an account list gives someone
    (re.compile(r"(?i)^(?:gebruikersnaam|gebruikers-?id|inlognaam|account(?:naam)?|"
                r"user(?:name|\s?id)?|login)$"), "USERNAME",
     re.compile(r"^[a-z][a-z0-9._-]{2,24}$").match),
    # a company's registration, personal data of a sole trader only (see _legal_person_row)
    (re.compile(r"(?i)^(?:kvk|kvk-?(?:nummer|nr\.?)|kamer\s+van\s+koophandel)$"),
     "NL_KVK_NUMBER", re.compile(r"^\d{8}$").match),
]
# a row that shows a legal person's form: its KvK number is the company's, not someone's
# ("Veldwerk Sportinfra B.V., Apeldoorn": the form need not end the cell)
_LEGAL_PERSON = re.compile(r"(?i)^(?:stichting|vereniging|co[öo]peratie\w*|holding)\b|"
                           r"^(?:b\.?v\.?|n\.?v\.?|u\.?a\.?)$|\b(?:b\.v\.|n\.v\.|bv|nv)(?![\w.])")

# What a person column may hold that is no person
_PLACEHOLDERS = frozenset({"eigenaar", "onbekend", "n.v.t.", "nvt", "n.v.t", "-", "–", "—",
                           "allen", "iedereen", "alle", "team", "niemand", "nb", "n.b.",
                           "ja", "nee", "zie", "idem", "ibid", "x", "?", "pm", "p.m."})
_ORG_WORDS = re.compile(
    r"(?i)\b(?:stichting|vereniging|b\.?v\.?|n\.?v\.?|v\.o\.f\.?|coöperatie|cooperatie|"
    r"gemeente|ministerie|provincie|waterschap|politie|rechtbank|inspectie|dienst|"
    r"afdeling|team|directie|bureau|instituut|centrum|school|ziekenhuis|zorg\w*|holding|"
    r"groep|fonds|bank|verzekeraar|omroep|raad|college|secretariaat|kabinet|griffie)\b")
_LETTERS = re.compile(r"\p{L}")
# a log-in: lower-case letters with a number ("kroesh01", "vliett02")
_USER_ID = re.compile(r"[a-z][a-z.]{2,11}\d{1,3}")
_INITIALS_IN_CAPITALS = re.compile(r"\p{Lu}{2,4}")
# titles stay readable, as everywhere: "mr. G. Öztürk" loses "G. Öztürk"
_LEADING_TITLE = re.compile(rf"^(?:{TITLE_RE}\.?\s+)+")
_TRAILING_NOTE = re.compile(r"\s*\((?:[^()]*)\)?\s*$")


def table_findings(doc: Document) -> list[Finding]:
    """Findings for the cells of person and value columns of the document's tables."""
    gaz = gazetteer.load()
    out: list[Finding] = []
    for table in _tables(doc):
        kinds = [_column_kind(c.header) for c in table.columns]
        # a file number is personal data where the table lists people (a name, a BSN, a
        # date of birth beside it), not in a list of companies' applications
        of_people = any(k == "PERSON" or (k and k[0] in ("NL_BSN", "DATE_OF_BIRTH"))
                        for k in kinds)
        for row in table.rows:
            company = any(_LEGAL_PERSON.search(" ".join(c.text.split())) for c in row.values())
            for k, cell in row.items():
                kind = kinds[k]
                if kind is None or (company and kind != "PERSON"
                                    and kind[0] in ("NL_KVK_NUMBER", "NL_FILE_REFERENCE")):
                    continue
                if kind != "PERSON" and kind[0] == "NL_FILE_REFERENCE" and not of_people:
                    continue
                f = (_person(doc, cell, gaz) if kind == "PERSON"
                     else _value(doc, cell, *kind))
                if f is not None:
                    out.append(f)
    return out


def organisation_rows(doc: Document) -> list[list[tuple[int, int]]]:
    """The cells (as text spans) of each row whose person column names an organisation: in
    a complaints export, the row of "Bakkerij Van Vliet" holds the bakery's address and
    number, not a caller's."""
    gaz = gazetteer.load()
    out: list[list[tuple[int, int]]] = []
    for table in _tables(doc):
        persons = [k for k, c in enumerate(table.columns) if _column_kind(c.header) == "PERSON"]
        for row in table.rows:
            texts = [" ".join(c.text.split()) for c in row.values()]
            if any(SOLE_TRADER.search(t) for t in texts):
                continue  # "G.J. van de Kamp h.o.d.n. Veehouderij …": the farm is his home
            if any(k in row and _organisation_cell(" ".join(row[k].text.split()), gaz)
                   for k in persons):
                out.append([sp for cell in row.values() if (sp := _span(doc, cell))])
    return out


_ORGANISATION_HEADER = re.compile(r"(?i)^(?:organisatie|instelling|instantie|bedrijf|"
                                  r"organisation|company|werkgever|partner|zorgaanbieder|"
                                  r"hulpverlener|school)\s*:?$")


def rows_with_an_organisation(doc: Document) -> list[list[tuple[int, int]]]:
    """The cells of each row of a table with an organisation column ("Organisatie |
    Contactpersoon | Telefoon") whose organisation cell is filled: a contact list of the
    organisations involved, where a round landline is the organisation's number."""
    out: list[list[tuple[int, int]]] = []
    for table in _tables(doc):
        orgs = [k for k, c in enumerate(table.columns)
                if _ORGANISATION_HEADER.match(" ".join(c.header.split()))]
        for row in table.rows:
            if any(k in row and _LETTERS.search(row[k].text) for k in orgs):
                out.append([sp for cell in row.values() if (sp := _span(doc, cell))])
    return out


def _organisation_cell(core: str, gaz: gazetteer.Gazetteer) -> bool:
    """"Stichting …", "… B.V.", "Huisartsenpraktijk De Kreek", "Bakkerij Van Vliet": a word
    of the organisation's kind that is no one's name."""
    if _ORG_WORDS.search(core) or _LEGAL_PERSON.search(core):
        return True
    return any(w[:1].isupper() and (is_type_compound(w) or w.lower().endswith(ORG_TYPE_ENDINGS))
               and not gaz.is_name(w) for w in core.split())


# The tables of the last document read: detection and the keep decisions both ask. Keyed
# by the document, not holding it (a table keeps word indexes and text only).
_LAST: dict[tuple, list[Table]] = {}


def _tables(doc: Document) -> list[Table]:
    key = (id(doc), doc.sha256, len(doc.words), len(doc.text))
    if key not in _LAST:
        _LAST.clear()
        _LAST[key] = list(tables(doc, _known_header))
    return _LAST[key]


def _known_header(text: str) -> bool:
    return _column_kind(text) is not None


def _column_kind(header: str):
    h = " ".join(header.split()).strip(" :")
    if _PERSON_HEADER.match(h):
        return "PERSON"
    for pattern, entity, shape in _VALUE_HEADERS:
        if pattern.match(h):
            return entity, shape
    return None


def _span(doc: Document, cell: Cell) -> tuple[int, int] | None:
    """The cell's text span, when its words stand together in the document text."""
    idx = sorted(cell.words)
    if idx != list(range(idx[0], idx[-1] + 1)):
        return None
    first, last = idx[0], idx[-1]
    start = doc.word_start[first]
    end = doc.word_start[last] + doc.word_text_len[last]
    return (start, end) if start >= 0 and end > start else None


def _person(doc: Document, cell: Cell, gaz: gazetteer.Gazetteer) -> Finding | None:
    span = _span(doc, cell)
    if span is None:
        return None
    start, end = span
    text = doc.text[start:end]
    # "Hoekstra, D. (namens moeder)": the note in brackets is no part of the name
    note = _TRAILING_NOTE.search(text)
    if note and note.start() > 0 and not note.group().strip(" ()").istitle():
        end = start + note.start()
        text = doc.text[start:end]
    # "G.J. van de Kamp h.o.d.n. Veehouderij 't Hooghe Land": the trade name after the
    # owner's is the business's (the trade-name rules weigh it), not the person's name
    trading = TRADES_AS.search(text)
    if trading and trading.start() > 0:
        end = start + trading.start()
        text = doc.text[start:end]
    core = _LEADING_TITLE.sub("", text.strip(" ()[],;:.'\""))
    if not _LETTERS.search(core) or core.lower() in _PLACEHOLDERS or _known_header(core):
        return None
    if ((_organisation_cell(core, gaz) and not SOLE_TRADER.search(core)) or "@" in core
            or sum(ch.isdigit() for ch in core) > 2):
        return None
    words = core.split()
    # plain words of the language ("Eigenaar", "toegekend") are no one's name; initials
    # in capitals ("AH") are, though "ah" is a word
    if all(gaz.is_common_word(w.lower().strip(".,")) and not gaz.is_name(w.strip(".,"))
           and not _INITIALS_IN_CAPITALS.fullmatch(w) for w in words):
        return None
    # a staff member's log-in in the handler's column ("kroesh01", "vliett02")
    if _USER_ID.fullmatch(core) and not gaz.is_common_word(core):
        lead = text.find(core)
        a, b = start + lead, start + lead + len(core)
        return Finding("USERNAME", a, b, doc.text[a:b], SCORE, DETECTOR)
    # a lower-case word no list holds as a name is a label's ("Nieuwe diplomatermijn", a
    # form's left column under its "Naam" row), not part of someone's name
    if any(w[:1].islower() and not gaz.is_interfix(w) and not gaz.is_name(w.strip(".,"))
           for w in words):
        return None
    lead = text.find(core)
    a, b = start + lead, start + lead + len(core)
    return Finding("PERSON", a, b, doc.text[a:b], SCORE, DETECTOR)


def _value(doc: Document, cell: Cell, entity: str, shape) -> Finding | None:
    span = _span(doc, cell)
    if span is None:
        return None
    start, end = span
    text = doc.text[start:end].strip()
    if not text or not shape(text):
        return None
    a = start + doc.text[start:end].find(text)
    return Finding(entity, a, a + len(text), text, SCORE, DETECTOR)
