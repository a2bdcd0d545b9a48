"""A document's own date, as ``YYYY-MM-DD``, from what the file says about itself: a PDF's
creation date, an Office file's ``created`` property, a photo's EXIF date. Empty when the
file says nothing (the caller may fall back to a family's or the file's date)."""

from __future__ import annotations

import re
import zipfile
from datetime import date

from .formats import suffix

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_PDF = re.compile(r"D:(\d{4})(\d{2})(\d{2})")
_EXIF = re.compile(r"(\d{4}):(\d{2}):(\d{2})")


def _valid(y: str, m: str, d: str) -> str:
    try:
        return date(int(y), int(m), int(d)).isoformat() if 1900 < int(y) < 2200 else ""
    except ValueError:
        return ""


def own_date(path: str, name: str) -> str:
    ext = suffix(name)
    try:
        if ext == ".pdf":
            return _pdf_date(path)
        if ext in (".docx", ".xlsx", ".pptx"):
            return _package_date(path, "docProps/core.xml", "dcterms:created")
        if ext in (".odt", ".ods", ".odp"):
            return _package_date(path, "meta.xml", "meta:creation-date")
        if ext in (".jpg", ".jpeg", ".tif", ".tiff", ".png"):
            return _exif_date(path)
    except Exception:  # a date is a nicety: an unreadable one is simply not there
        return ""
    return ""


def _pdf_date(path: str) -> str:
    import pymupdf

    with pymupdf.open(path) as pdf:
        meta = pdf.metadata or {}
    for field in ("creationDate", "modDate"):
        m = _PDF.search(meta.get(field) or "")
        if m and _valid(*m.groups()):
            return _valid(*m.groups())
    return ""


def _package_date(path: str, member: str, tag: str) -> str:
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
        if info.file_size > (1 << 20):
            return ""
        text = zf.read(info).decode("utf-8", "replace")
    m = re.search(rf"<{re.escape(tag)}[^>]*>([^<]+)<", text)
    found = _ISO.search(m.group(1)) if m else None
    return _valid(*found.groups()) if found else ""


def _exif_date(path: str) -> str:
    from PIL import Image

    with Image.open(path) as img:
        exif = img.getexif()
        value = exif.get(36867) or exif.get(306)  # DateTimeOriginal, DateTime
        if not value:
            value = exif.get_ifd(0x8769).get(36867) if hasattr(exif, "get_ifd") else None
    m = _EXIF.search(str(value or ""))
    return _valid(*m.groups()) if m else ""
