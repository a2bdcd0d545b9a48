"""The conversion stage, before extract: one dossier document to the PDF that is redacted and
verified. The original is never modified; the PDF is written (under a temporary name, then
renamed) to a private folder, named by the original's hash, so that a second pass or a
resumed batch reuses it."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import BadInput
from . import formats
from .archive import ZipLimits, check_package
from .dossier import SourceDoc
from .images import image_pdf
from .layout import csv_pdf, mail_pdf, text_pdf
from .mail import read_mail
from .office import OfficeConverter

CONVERTED = "converted"


def converted_path(work: str | Path, doc: SourceDoc) -> Path:
    return Path(work) / CONVERTED / f"{doc.sha256}-{doc.kind}.pdf"


def to_pdf(doc: SourceDoc, work: str | Path, office: OfficeConverter | None = None, *,
           max_bytes: int = 500 << 20, limits: ZipLimits | None = None) -> str:
    """The path of the PDF to process for ``doc``; raises ``BadInput`` when it cannot be made
    (the document is then quarantined with that reason)."""
    if doc.error_kind:
        raise BadInput(doc.error_kind, doc.error)
    if doc.kind == formats.PDF:
        return doc.source
    try:
        size = os.path.getsize(doc.source)
    except OSError as e:
        raise BadInput("unreadable", f"cannot read file: {e.strerror or e}") from e
    if size > max_bytes:
        raise BadInput("too_large", f"file is {size / 1e6:.0f} MB "
                                    f"(limit {max_bytes / 1e6:.0f} MB)")
    dest = converted_path(work, doc)
    if dest.is_file() and dest.stat().st_size > 0:
        return str(dest)
    dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        if doc.kind == formats.OFFICE:
            if formats.suffix(doc.source) in formats.ZIP_PACKAGES:
                check_package(doc.source, limits or ZipLimits())
            (office or OfficeConverter()).convert(doc.source, str(tmp))
        else:
            data = _convert_bytes(doc)
            tmp.write_bytes(data)
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    return str(dest)


def _convert_bytes(doc: SourceDoc) -> bytes:
    if doc.kind == formats.MAIL:
        return mail_pdf(read_mail(doc.source))
    with open(doc.source, "rb") as f:
        data = f.read()
    if doc.kind == formats.IMAGE:
        return image_pdf(data)
    if doc.kind == formats.CSV:
        return csv_pdf(data)
    if doc.kind == formats.TEXT:
        return text_pdf(data)
    raise BadInput("unsupported", f"no converter for {doc.kind or 'this file type'}")
