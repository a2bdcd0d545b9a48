"""A dossier's documents: every file, every zip member and every mail attachment becomes one
``SourceDoc`` with a stable ID, its output name, its family and thread, and — for a copy — the
ID of the document that is released instead.

``expand`` only unpacks and reads headers; converting to PDF is left to the worker that
processes the document (``inputs.convert``). Unpacked members and attachments are written,
content-addressed, to a private work folder, so a batch can hand them to workers and resume.
"""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from ..errors import BadInput
from . import ids
from .archive import ZipLimits, members, read_member, safe_name
from .dates import own_date
from .files import InputFile
from .formats import MAIL, ZIP, kind_of, suffix, supported_list
from .layout import local
from .mail import Mail, read_mail

ATTACHMENTS_SUFFIX = ".attachments"


@dataclass(slots=True)
class SourceDoc:
    key: str                 # its place in the dossier: "a/mail.eml/bijlage.docx", "b.zip/c.pdf"
    rel: str                 # output name below the output folder (".pdf"; ``base`` if it fails)
    kind: str                # formats kind, or "" when unsupported
    source: str              # file on disk with the original bytes
    sha256: str
    doc_id: str = ""
    family: str = ""
    thread: str = ""
    duplicate_of: str = ""
    duplicate_reason: str = ""   # "message_id" | "same_file" | "same_content"
    message_id: str = ""
    date: str = ""               # YYYY-MM-DD, or empty
    parent: str = ""             # key of the mail this is an attachment of
    error_kind: str = ""         # set: quarantine without processing
    error: str = ""
    # mail only: what ties it into a thread
    in_reply_to: str = ""
    references: list[str] = field(default_factory=list)
    subject: str = ""
    base: str = ""           # its place in the output tree with its own extension (quarantine)

    @property
    def path(self) -> str:
        """The original's path on disk (what an InputFile called ``path``)."""
        return self.source

    def info(self) -> dict:
        """What the logs and the publication package need to know about it."""
        return {k: getattr(self, k) for k in ("doc_id", "key", "rel", "kind", "family",
                                               "thread", "duplicate_of", "duplicate_reason",
                                               "date")}

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict) -> "SourceDoc":
        return cls(**{k: v for k, v in d.items() if k in cls.__slots__})


@dataclass(slots=True)
class Expansion:
    docs: list[SourceDoc]

    def processable(self) -> list[SourceDoc]:
        return [d for d in self.docs if not d.error_kind and not d.duplicate_of]

    def by_id(self) -> dict[str, SourceDoc]:
        return {d.doc_id: d for d in self.docs}


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class _Expander:
    def __init__(self, work: Path, limits: ZipLimits):
        self.work = work
        self.limits = limits
        self.docs: list[SourceDoc] = []

    def store(self, data: bytes, name: str) -> tuple[str, str]:
        sha = sha256_bytes(data)
        folder = self.work / "sources"
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = folder / f"{sha}{suffix(name)}"
        if not path.exists():
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        return str(path), sha

    def add_file(self, path: str, key: str, out_base: str, depth: int, parent: str,
                 fallback_date: str = "", sha: str | None = None) -> None:
        kind = kind_of(key) or ""
        try:
            sha = sha or _sha256_file(path)
        except OSError as e:
            self.docs.append(SourceDoc(key, out_base, kind, path, "", parent=parent,
                                       error_kind="unreadable", error=str(e), base=out_base))
            return
        doc = SourceDoc(key, _pdf_name(out_base), kind, path, sha, parent=parent, base=out_base)
        self.docs.append(doc)
        if not kind:
            self._fail(doc, "unsupported", f"unsupported file type {suffix(key) or '(none)'}; "
                                           f"supported: {supported_list()}")
            return
        if kind == ZIP:
            self._zip(doc, out_base, depth, parent, fallback_date)
            return
        if kind == MAIL:
            self._mail(doc, out_base, depth, parent)
            return
        doc.date = own_date(path, key) or fallback_date or (_mtime_date(path) if depth == 0
                                                            else "")

    def _fail(self, doc: SourceDoc, kind: str, reason: str) -> None:
        doc.error_kind, doc.error, doc.rel = kind, reason, doc.base

    def _zip(self, doc: SourceDoc, out_base: str, depth: int, parent: str,
             fallback_date: str) -> None:
        self.docs.remove(doc)  # a zip is a container, not a document; it reappears if bad
        if depth >= self.limits.max_depth:
            self.docs.append(doc)
            self._fail(doc, "zip_bomb", f"archives nested deeper than {self.limits.max_depth}")
            return
        base = out_base[:-len(suffix(out_base))] if suffix(out_base) else out_base
        try:
            found = list(members(doc.source, self.limits))
        except BadInput as e:
            self.docs.append(doc)
            self._fail(doc, e.kind, e.message)
            return
        for m in found:
            key = f"{doc.key}/{m.name}"
            when = _zip_date(m.info) or fallback_date
            try:
                data = read_member(doc.source, m.info)
            except BadInput as e:
                failed = SourceDoc(key, f"{base}/{m.name}", kind_of(key) or "", doc.source, "",
                                   parent=parent, date=when, base=f"{base}/{m.name}")
                self.docs.append(failed)
                self._fail(failed, e.kind, e.message)
                continue
            path, sha = self.store(data, m.name)
            self.add_file(path, key, f"{base}/{m.name}", depth + 1, parent, when, sha)

    def _mail(self, doc: SourceDoc, out_base: str, depth: int, parent: str) -> None:
        try:
            mail = read_mail(doc.source)
        except BadInput as e:
            self._fail(doc, e.kind, e.message)
            return
        doc.message_id, doc.in_reply_to = mail.message_id, mail.in_reply_to
        doc.references, doc.subject = list(mail.references), mail.subject
        doc.date = (local(mail.date).date().isoformat() if mail.date
                    else own_date(doc.source, doc.key))
        if not doc.date and depth == 0:
            doc.date = _mtime_date(doc.source)
        if not mail.attachments:
            return
        if depth >= self.limits.max_depth:
            self._fail(doc, "zip_bomb", f"attachments nested deeper than "
                                        f"{self.limits.max_depth}")
            return
        folder = (out_base[:-len(suffix(out_base))] if suffix(out_base) else out_base) \
            + ATTACHMENTS_SUFFIX
        used: set[str] = set()
        for att in mail.attachments:
            name = _unique(_attachment_name(att.name), used)
            data = att.data if att.mail is None else _as_eml(att.mail)
            if att.mail is not None and not name.lower().endswith(".eml"):
                name = _unique(name + ".eml", used)
            path, sha = self.store(data, name)
            self.add_file(path, f"{doc.key}/{name}", f"{folder}/{name}", depth + 1,
                          parent or doc.key, doc.date, sha)


def _mtime_date(path: str) -> str:
    try:
        return date.fromtimestamp(os.path.getmtime(path)).isoformat()
    except (OSError, ValueError, OverflowError):
        return ""


def _zip_date(info: zipfile.ZipInfo) -> str:
    try:
        return date(*info.date_time[:3]).isoformat() if info.date_time[0] > 1980 else ""
    except ValueError:
        return ""


def _attachment_name(name: str) -> str:
    base = safe_name(name).split("/")[-1] if safe_name(name) else ""
    base = re.sub(r"[\x00-\x1f]", "", base).strip() or "bijlage"
    return base[:150]


def _unique(name: str, used: set[str]) -> str:
    candidate, n = name, 1
    stem, ext = os.path.splitext(name)
    while candidate.lower() in used:
        n += 1
        candidate = f"{stem} ({n}){ext}"
    used.add(candidate.lower())
    return candidate


def _as_eml(mail: Mail) -> bytes:
    """An embedded Outlook message written out as an .eml, so that it is one document of its
    own like an attached .eml."""
    from email.message import EmailMessage
    from email.utils import format_datetime

    msg = EmailMessage()
    for header, value in (("From", mail.sender), ("To", mail.to), ("Cc", mail.cc),
                          ("Subject", mail.subject), ("Message-ID", mail.message_id),
                          ("In-Reply-To", mail.in_reply_to),
                          ("References", " ".join(mail.references))):
        if value:
            try:
                msg[header] = value
            except (ValueError, TypeError):  # a header value the policy refuses: keep it raw
                msg[header] = " ".join(str(value).split()).encode("ascii", "replace").decode()
    if mail.date:
        msg["Date"] = format_datetime(mail.date)
    msg.set_content(mail.body or "")
    for att in mail.attachments:
        data = att.data if att.mail is None else _as_eml(att.mail)
        msg.add_attachment(data, maintype="application", subtype="octet-stream",
                           filename=att.name)
    return msg.as_bytes()


def _pdf_name(out_base: str) -> str:
    ext = suffix(out_base)
    return out_base if ext == ".pdf" else (out_base[:-len(ext)] if ext else out_base) + ".pdf"


# -- families, threads, duplicates, IDs ---------------------------------------------------------
_PREFIX = re.compile(r"^\s*((re|fw|fwd|aw|wg|antw|antwoord|doorst|tr|sv|vs)\s*(\[\d+\])?\s*:\s*)+",
                     re.IGNORECASE)


def normalised_subject(subject: str) -> str:
    return " ".join(_PREFIX.sub("", subject or "").split()).lower()


class _Union:
    def __init__(self):
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def link(docs: list[SourceDoc]) -> None:
    """IDs, output-name clashes, families, threads and duplicates, all from the documents'
    keys and contents alone, so that a rerun gives the same answer."""
    numbers = ids.assign(ids.document_key(d.key, d.sha256) for d in docs)
    for d in docs:
        d.doc_id = numbers[ids.document_key(d.key, d.sha256)]
    _resolve_names(docs)
    by_key = {d.key: d for d in docs}
    heads = {d.parent for d in docs if d.parent}
    for d in docs:
        if d.parent and d.parent in by_key:
            d.family = by_key[d.parent].doc_id
        elif d.key in heads:
            d.family = d.doc_id
    _threads([d for d in docs if d.kind == MAIL and not d.error_kind])
    order = {d.key: i for i, d in enumerate(docs)}
    _mark_duplicates([d for d in docs if not d.error_kind], order)


def _resolve_names(docs: list[SourceDoc]) -> None:
    taken: dict[str, str] = {}
    for d in sorted(docs, key=lambda d: d.key):
        rel = d.rel
        if rel.lower() in taken and not d.error_kind:
            ext = suffix(d.key)
            rel = (d.rel[:-4] + ext + ".pdf") if ext and ext != ".pdf" else d.rel
            if rel.lower() in taken:
                rel = f"{d.rel[:-4]}-{d.doc_id}.pdf"
        taken[rel.lower()] = d.key
        d.rel = rel


def _threads(mails: list[SourceDoc]) -> None:
    u = _Union()
    for m in mails:
        own = m.message_id or f"key:{m.key}"
        u.find(own)
        for ref in [*m.references, m.in_reply_to]:
            if ref:
                u.union(own, ref)
        if not m.references and not m.in_reply_to and normalised_subject(m.subject):
            u.union(own, f"subject:{normalised_subject(m.subject)}")
    roots: dict[str, list[str]] = {}
    for m in mails:
        roots.setdefault(u.find(m.message_id or f"key:{m.key}"), []).append(m.key)
    for m in mails:
        root = u.find(m.message_id or f"key:{m.key}")
        m.thread = ids.thread_number(root)


def _mark_duplicates(docs: list[SourceDoc], order: dict[str, int]) -> None:
    first: dict[tuple[str, str], SourceDoc] = {}
    for d in sorted(docs, key=lambda d: order[d.key]):
        keys = [("same_file", d.sha256)]
        if d.kind == MAIL and d.message_id:
            keys.insert(0, ("message_id", d.message_id))
        for k in keys:
            if k in first and first[k] is not d:
                original = first[k]
                while original.duplicate_of:  # always point at the released copy
                    original = next(x for x in docs if x.doc_id == original.duplicate_of)
                d.duplicate_of, d.duplicate_reason = original.doc_id, k[0]
                break
        for k in keys:
            first.setdefault(k, d)


def expand(files: list[InputFile], work: str | Path, limits: ZipLimits | None = None
           ) -> Expansion:
    ex = _Expander(Path(work), limits or ZipLimits())
    for f in files:
        key = PurePosixPath(*Path(f.rel).parts).as_posix()
        ex.add_file(f.path, key, key, 0, "")
    link(ex.docs)
    return Expansion(ex.docs)


def mark_content_duplicates(docs: list[SourceDoc], content: dict[str, str]) -> list[SourceDoc]:
    """Documents whose converted text is the same as an earlier one's (``content``: doc_id →
    content key); returns the ones newly marked as a copy."""
    first: dict[str, SourceDoc] = {}
    marked = []
    for d in docs:
        key = content.get(d.doc_id)
        if not key or d.duplicate_of or d.error_kind:
            continue
        if key in first:
            d.duplicate_of, d.duplicate_reason = first[key].doc_id, "same_content"
            marked.append(d)
        else:
            first[key] = d
    return marked


__all__ = ["SourceDoc", "Expansion", "expand", "link", "mark_content_duplicates",
           "normalised_subject", "ATTACHMENTS_SUFFIX"]
