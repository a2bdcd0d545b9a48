"""Small readers over PyMuPDF's object API: references in a dictionary, keys through indirect
objects. Shared by the hidden-content and hygiene modules."""

from __future__ import annotations

import re

import pymupdf

_REF = re.compile(r"(\d+)\s+\d+\s+R\b")
_ENTRY = re.compile(r"/([^\s/\[\]()<>{}%]+)\s*(\d+)\s+\d+\s+R\b")


def refs(text: str) -> list[int]:
    """Object numbers referenced in a piece of PDF syntax."""
    return [int(m.group(1)) for m in _REF.finditer(text)]


def name_refs(text: str) -> dict[str, int]:
    """``/Name N 0 R`` entries of a dictionary's source."""
    return {_unescape(m.group(1)): int(m.group(2)) for m in _ENTRY.finditer(text)}


def _unescape(name: str) -> str:
    return re.sub(r"#([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), name)


def get(doc: pymupdf.Document, xref: int, path: str) -> tuple[str, str]:
    """``xref_get_key`` that follows indirect objects along a slash-separated path."""
    keys = path.split("/")
    kind, value = "xref", f"{xref} 0 R"
    for k in keys:
        if kind != "xref":
            # a direct dictionary: let PyMuPDF walk the rest of the path from the holder
            return "null", "null"
        target = int(value.split()[0])
        kind, value = doc.xref_get_key(target, k)
        if kind == "null":
            return kind, value
    return kind, value


def resource_refs(doc: pymupdf.Document, holder: int, category: str) -> dict[str, int]:
    """Name → object number of one resource category (Font, XObject, Properties...) of a
    page or form XObject, following an indirect /Resources and an indirect category."""
    kind, value = doc.xref_get_key(holder, "Resources")
    if kind == "xref":
        res = int(value.split()[0])
        kind, value = doc.xref_get_key(res, category)
    elif kind == "dict":
        kind, value = doc.xref_get_key(holder, f"Resources/{category}")
    else:
        return {}
    if kind == "xref":
        value = doc.xref_object(int(value.split()[0]), compressed=True)
    elif kind != "dict":
        return {}
    return name_refs(value)


def delete_key(doc: pymupdf.Document, xref: int, key: str) -> None:
    """Remove ``key`` from the dictionary of ``xref`` (``xref_set_key(..., "null")`` leaves
    ``/key null`` in the file)."""
    from pymupdf import mupdf

    obj = mupdf.pdf_load_object(pymupdf._as_pdf_document(doc), xref)
    if not (mupdf.pdf_is_stream(obj) or mupdf.pdf_is_dict(obj)):
        return
    try:
        mupdf.pdf_dict_dels(obj, key)
    except TypeError:  # a name that is no valid UTF-8 (a damaged file): find it by index
        raw = key.encode("utf-8", "surrogateescape")
        for i in reversed(range(mupdf.pdf_dict_len(obj))):
            k = mupdf.pdf_dict_get_key(obj, i)
            if mupdf.pdf_to_name(k).encode("utf-8", "surrogateescape") == raw:
                mupdf.pdf_dict_del(obj, k)


def type_of(doc: pymupdf.Document, xref: int) -> str:
    kind, value = doc.xref_get_key(xref, "Type")
    return value.lstrip("/") if kind == "name" else ""
