"""Which kinds of file a dossier may hold, by file-name extension.

The kind decides how a file becomes a PDF: ``pdf`` goes through as it is; ``mail`` is laid
out by us in the printed-mail form; ``office`` is converted by LibreOffice; ``image`` becomes
one page per frame (the scan path reads it); ``text`` and ``csv`` are laid out by us;
``zip`` is a container whose members are documents of their own.
"""

from __future__ import annotations

import os

PDF, MAIL, OFFICE, IMAGE, TEXT, CSV, ZIP = "pdf", "mail", "office", "image", "text", "csv", "zip"

KINDS = {
    ".pdf": PDF,
    ".eml": MAIL, ".msg": MAIL,
    ".docx": OFFICE, ".doc": OFFICE, ".odt": OFFICE, ".rtf": OFFICE,
    ".xlsx": OFFICE, ".xls": OFFICE, ".ods": OFFICE,
    ".pptx": OFFICE, ".ppt": OFFICE, ".odp": OFFICE,
    ".csv": CSV, ".txt": TEXT,
    ".jpg": IMAGE, ".jpeg": IMAGE, ".png": IMAGE, ".tif": IMAGE, ".tiff": IMAGE,
    ".zip": ZIP,
}

# Office formats that are zip packages inside (OOXML, ODF): their unpacked size is checked
# against the zip limits before LibreOffice opens them.
ZIP_PACKAGES = {".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"}


def suffix(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def kind_of(name: str) -> str | None:
    """The kind of a file by its name, or None when it is not a supported format."""
    return KINDS.get(suffix(name))


def supported_list() -> str:
    return ", ".join(sorted(KINDS))
