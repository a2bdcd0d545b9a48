"""What the VWS Woo publication platform (open.minvws.nl, source ``minvws/nl-rdo-woo-web``)
accepts in a productierapport, written down as our own rules from its reader code:

- ``src/Service/Inventory/Reader/InventoryReaderFactory.php``: the column names per field
  and which fields are required (document, ground, id, judgement, matter);
- ``src/Service/FileReader/ExcelReaderFactory.php``: only the first sheet, headers in row 1,
  matched after lower-casing, trimming and stripping leading digits;
- ``src/Service/Inventory/Reader/InventoryReader.php``: a file name of at most 500 bytes, a
  remark of at most 1000 characters, Family and Email Thread ID read as integers that must be
  at least 1, the date parsed from text (``Y-m-d`` first);
- ``src/ValueObject/DocumentId.php``: an ID of 1-170 characters ``[a-zA-Z0-9.-]``, stored
  lower-cased; ``src/ValueObject/DocumentMatter.php``: a matter ``[a-zA-Z0-9-._~]``, 1-255;
- ``src/Service/Inventory/InventoryDataHelper.php``: grounds ``;``-separated, dotted forms
  such as ``5.1.2.e`` normalised to ``5.1.2e``; ``isTrue`` for Opgeschort;
- ``src/Domain/Publication/Dossier/Type/WooDecision/Judgement.php``: the four judgements
  (anything else silently becomes "niet openbaar", so we require the exact words);
- ``src/Domain/Upload/Process/DocumentNumberExtractor.php``: an uploaded file is matched to
  its row by the leading ``[a-zA-Z0-9-]+`` of its file name;
- the Family and thread IDs are stored in 32-bit integer columns (``?int`` Doctrine columns
  of the Document entity), so they stay below 2**31.
"""

from __future__ import annotations

import re

HEADERS = ["ID", "Document", "Datum", "Beoordeling", "Beoordelingsgrond", "Toelichting",
           "Family", "Email Thread ID", "Opgeschort", "Matter"]
# field → (required, accepted header names), as the platform's reader factory lists them
FIELDS = {
    "date": (False, ["date", "datum"]),
    "document": (True, ["document", "document id", "documentnr", "document nr", "documentnr.",
                        "document nr.", "nr.", "omschrijving"]),
    "family": (False, ["family", "familie", "family id"]),
    "ground": (True, ["beoordelingsgrond", "grond", "tagmulti006",
                      "beoordelingsgrond (; gescheiden)"]),
    "id": (True, ["id"]),
    "judgement": (True, ["beoordeling", "openbaarmaking"]),
    "threadid": (False, ["thread id", "email thread id", "email thread"]),
    "suspended": (False, ["opgeschort", "suspended", "tag015"]),
    "remark": (False, ["toelichting", "opmerking"]),
    "matter": (True, ["matter", "matter / marjoleinnummer"]),
}
JUDGEMENTS = {"Openbaar": "public", "Deels openbaar": "partial_public",
              "Reeds openbaar": "already_public", "Niet openbaar": "not_public"}
RELEASED = ("Openbaar", "Deels openbaar")
DUPLICATE_GROUND = "dubbel"
ID_RE = re.compile(r"^[a-zA-Z0-9.\-]{1,170}$")
OUR_ID_RE = re.compile(r"^[A-Za-z0-9]+$")  # ours: purely alphanumeric
MATTER_RE = re.compile(r"^[a-zA-Z0-9\-._~]{1,255}$")
FILE_ID_RE = re.compile(r"^([a-zA-Z0-9\-]+)")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
GROUND_RE = re.compile(r"^(5\.1\.1[a-e]|5\.1\.2[a-i]|5\.1\.[4-6]|5\.2|10\.1[a-d]|10\.2[a-g])$")
DOTTED_GROUND_RE = re.compile(r"^\d+(\.\d+)*\.[a-i]$")
MAX_DOCUMENT_BYTES = 500
MAX_REMARK_CHARS = 1000
MAX_INT = 2**31 - 1
TRUE_WORDS = {"true", "ja", "yes", "1", "y", "j"}
FALSE_WORDS = {"", "false", "nee", "no", "0", "n"}


def header_key(cell) -> str:
    """A header cell as the platform compares it: lower case, trimmed, leading digits gone."""
    return str(cell if cell is not None else "").strip().lower().lstrip("0123456789").strip()


def file_id(name: str) -> str:
    m = FILE_ID_RE.match(name.rsplit("/", 1)[-1])
    return m.group(1) if m else ""
