"""E-mail files (.eml, .msg) read into one ``Mail``: the printed headers, the body as text,
the attachments as files, and the identifiers that tie a message to its thread.

.eml is read with the standard library's ``email`` package; .msg (Outlook) with
``extract-msg``. An attached message stays one attachment (saved as .eml bytes, or as the
parsed ``Mail`` of an embedded .msg) and becomes a document of its own.
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

from ..errors import BadInput
from .htmltext import html_to_text


@dataclass(slots=True)
class Attachment:
    name: str
    data: bytes = b""
    mail: "Mail | None" = None  # an embedded Outlook message, already parsed


@dataclass(slots=True)
class Mail:
    sender: str = ""
    to: str = ""
    cc: str = ""
    subject: str = ""
    date: datetime | None = None
    message_id: str = ""
    in_reply_to: str = ""
    references: list[str] = field(default_factory=list)
    body: str = ""
    attachments: list[Attachment] = field(default_factory=list)


_MSGID = re.compile(r"<[^<>\s]+>")


def message_ids(value: str | None) -> list[str]:
    """Message-IDs in a References/In-Reply-To value, normalised (angle brackets, lower
    case), in order."""
    if not value:
        return []
    found = _MSGID.findall(str(value))
    if not found and str(value).strip():
        found = [f"<{str(value).strip().strip('<>')}>"]
    return [f.lower() for f in found]


def read_mail(path: str) -> Mail:
    if path.lower().endswith(".msg"):
        return read_msg(path)
    with open(path, "rb") as f:
        return read_eml(f.read())


# -- .eml ------------------------------------------------------------------------------------
def read_eml(data: bytes) -> Mail:
    try:
        msg = BytesParser(policy=policy.default).parsebytes(data)
    except Exception as e:  # the parser is lenient; this is a real fault in the bytes
        raise BadInput("corrupt", f"unreadable e-mail: {e}") from e
    if not any(msg.get(h) for h in ("From", "To", "Subject", "Date", "Message-ID")):
        raise BadInput("corrupt", "not an e-mail message (no From, To, Subject, Date or "
                                  "Message-ID header)")
    mail = Mail(sender=_header(msg, "From"), to=_header(msg, "To"), cc=_header(msg, "Cc"),
                subject=_header(msg, "Subject"), date=_date(msg),
                message_id=(message_ids(_header(msg, "Message-ID")) or [""])[0],
                in_reply_to=(message_ids(_header(msg, "In-Reply-To")) or [""])[0],
                references=message_ids(_header(msg, "References")))
    bodies: list[str] = []
    _walk(msg, mail, bodies, top=True)
    mail.body = "\n\n".join(b for b in bodies if b.strip())
    return mail


def _header(msg: EmailMessage, name: str) -> str:
    try:
        value = msg.get(name)
    except Exception:  # a malformed header the policy cannot parse: take it raw
        value = msg.get_all(name, [""])[0] if hasattr(msg, "get_all") else ""
    return " ".join(str(value or "").split())


def _date(msg: EmailMessage) -> datetime | None:
    raw = _header(msg, "Date")
    if not raw:
        return None
    try:
        return parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None


def _walk(part: EmailMessage, mail: Mail, bodies: list[str], top: bool = False) -> None:
    ctype = part.get_content_type()
    if ctype == "message/rfc822" and not top:
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else inner
        data = inner.as_bytes() if hasattr(inner, "as_bytes") else bytes(part.get_payload(
            decode=True) or b"")
        name = part.get_filename() or _subject_name(inner) or "bijgevoegd bericht"
        mail.attachments.append(Attachment(_with_ext(name, ".eml"), data))
        return
    if part.is_multipart():
        subs = list(part.iter_parts())
        if ctype == "multipart/alternative":
            texts = [s for s in subs if s.get_content_type() in ("text/plain", "text/html")
                     and not _is_attachment(s)]
            chosen = (next((s for s in texts if s.get_content_type() == "text/plain"), None)
                      or (texts[0] if texts else None))
            if chosen is not None:
                bodies.append(_text_of(chosen))
            for s in subs:
                if s not in texts:
                    _walk(s, mail, bodies)
            return
        for s in subs:
            _walk(s, mail, bodies)
        return
    if ctype in ("text/plain", "text/html") and not _is_attachment(part):
        bodies.append(_text_of(part))
        return
    data = part.get_payload(decode=True) or b""
    name = part.get_filename() or f"bijlage-{len(mail.attachments) + 1}"
    if "." not in name:
        name += mimetypes.guess_extension(ctype) or ".bin"
    mail.attachments.append(Attachment(name, data))


def _is_attachment(part: EmailMessage) -> bool:
    return part.get_content_disposition() == "attachment" or bool(part.get_filename())


def _text_of(part: EmailMessage) -> str:
    try:
        text = part.get_content()
    except (LookupError, UnicodeError, AssertionError):  # unknown charset: read it as Latin-1
        text = (part.get_payload(decode=True) or b"").decode("latin-1")
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return html_to_text(text) if part.get_content_type() == "text/html" else text


def _subject_name(inner) -> str:
    try:
        return " ".join(str(inner.get("Subject") or "").split())[:80]
    except Exception:
        return ""


def _with_ext(name: str, ext: str) -> str:
    return name if name.lower().endswith(ext) else name + ext


# -- .msg ------------------------------------------------------------------------------------
def read_msg(path: str) -> Mail:
    try:
        import extract_msg
        msg = extract_msg.openMsg(path)
    except BadInput:
        raise
    except Exception as e:  # extract-msg raises its own error types for damaged files
        raise BadInput("corrupt", f"unreadable Outlook message: {type(e).__name__}: {e}") from e
    try:
        return _from_msg(msg)
    except Exception as e:
        raise BadInput("corrupt", f"unreadable Outlook message: {type(e).__name__}: {e}") from e
    finally:
        msg.close()


def _from_msg(msg) -> Mail:
    header = getattr(msg, "header", None)
    refs = header.get("References") if header is not None else None
    date = getattr(msg, "date", None)
    mail = Mail(sender=_s(getattr(msg, "sender", "")), to=_s(getattr(msg, "to", "")),
                cc=_s(getattr(msg, "cc", "")), subject=_s(getattr(msg, "subject", "")),
                date=date if isinstance(date, datetime) else None,
                message_id=(message_ids(_s(getattr(msg, "messageId", ""))) or [""])[0],
                in_reply_to=(message_ids(_s(getattr(msg, "inReplyTo", ""))) or [""])[0],
                references=message_ids(refs))
    body = getattr(msg, "body", None)
    if not (body and str(body).strip()):
        html = getattr(msg, "htmlBody", None)
        if html:
            body = html_to_text(html.decode("utf-8", "replace") if isinstance(html, bytes)
                                else str(html))
    mail.body = str(body or "")
    for i, att in enumerate(getattr(msg, "attachments", []) or []):
        name = (getattr(att, "longFilename", None) or getattr(att, "shortFilename", None)
                or f"bijlage-{i + 1}")
        data = getattr(att, "data", None)
        if isinstance(data, (bytes, bytearray)):
            mail.attachments.append(Attachment(str(name), bytes(data)))
        elif data is not None and hasattr(data, "attachments"):  # an embedded message
            inner = _from_msg(data)
            title = inner.subject or str(name)
            mail.attachments.append(Attachment(_with_ext(title[:80], ".msg"), mail=inner))
    return mail


def _s(value) -> str:
    return " ".join(str(value or "").split())
