"""Text that we lay out ourselves as a PDF: e-mails in the printed-mail form, plain text
files and CSV tables. PyMuPDF's Story flows HTML over as many A4 pages as it needs; every
value is escaped, so nothing in a file is read as markup. No metadata is written."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import datetime
from email.utils import getaddresses

import pymupdf

from .mail import Mail

A4 = pymupdf.paper_rect("a4")
MARGIN = 56
CSS = """
body { font-family: sans-serif; font-size: 10pt; }
p { margin: 0; }
.who { font-size: 13pt; font-weight: bold; margin-bottom: 8pt; }
td { vertical-align: top; padding: 1pt 4pt 1pt 0; }
td.k { font-weight: bold; width: 80pt; }
.hdr { margin-bottom: 10pt; }
table.grid td { border: 0.5pt solid #888; padding: 1pt 3pt; font-size: 8pt; }
"""
DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december"]


def local(d: datetime) -> datetime:
    """A mail's time as a Dutch reader's mail program shows it."""
    if d.tzinfo is None:
        return d
    try:
        from zoneinfo import ZoneInfo
        return d.astimezone(ZoneInfo("Europe/Amsterdam"))
    except Exception:  # no time-zone data on this machine: the mail's own offset
        return d


def dutch_datetime(d: datetime) -> str:
    d = local(d)
    return f"{DAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year} {d:%H:%M}"


def html_pdf(body: str, landscape: bool = False) -> bytes:
    page = pymupdf.paper_rect("a4-l") if landscape else A4
    story = pymupdf.Story(html=body, user_css=CSS)
    buf = io.BytesIO()
    writer = pymupdf.DocumentWriter(buf)
    where = page + (MARGIN, MARGIN, -MARGIN, -MARGIN)
    more, pages = 1, 0
    while more:
        dev = writer.begin_page(page)
        more, _ = story.place(where)
        story.draw(dev)
        writer.end_page()
        pages += 1
        if pages > 5000:  # a table cell taller than a page never fits: stop, do not loop
            break
    writer.close()
    return buf.getvalue()


def _lines(text: str) -> str:
    out = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        out.append(f"<p>{html.escape(line) if line.strip() else '&#160;'}</p>")
    return "".join(out)


def _display_name(addresses: str) -> str:
    """The first sender's name as a mail program shows it above the message; a name written
    "Achternaam, Voornaam" without quotes is kept whole."""
    m = re.match(r'\s*"?([^"<]*?)"?\s*<', addresses)
    if m and m.group(1).strip():
        return m.group(1).strip()
    pairs = getaddresses([addresses])
    name, addr = pairs[0] if pairs else ("", "")
    return name or addr


def mail_pdf(mail: Mail) -> bytes:
    """The familiar printed-mail page: sender on top, then Van, Verzonden, Aan, CC,
    Onderwerp (and Bijlagen), then the body."""
    rows = [("Van:", mail.sender),
            ("Verzonden:", dutch_datetime(mail.date) if mail.date else ""),
            ("Aan:", mail.to)]
    if mail.cc:
        rows.append(("CC:", mail.cc))
    rows.append(("Onderwerp:", mail.subject))
    if mail.attachments:
        rows.append(("Bijlagen:", "; ".join(a.name for a in mail.attachments)))
    table = "".join(f'<tr><td class="k">{k}</td><td>{html.escape(v)}</td></tr>'
                    for k, v in rows)
    who = html.escape(_display_name(mail.sender)) if mail.sender else "&#160;"
    return html_pdf(f'<p class="who">{who}</p><table class="hdr">{table}</table>'
                    f'{_lines(mail.body)}')


def decode_text(data: bytes) -> str:
    for enc in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else (
            "utf-8-sig",):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            pass
    return data.decode("cp1252", "replace")


def text_pdf(data: bytes) -> bytes:
    return html_pdf(_lines(decode_text(data)) or "<p>&#160;</p>")


def csv_pdf(data: bytes) -> bytes:
    text = decode_text(data)
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:  # one column, or too little to tell: the more frequent separator
        class dialect(csv.excel):
            delimiter = ";" if sample.count(";") > sample.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), dialect))
    width = max((len(r) for r in rows), default=0)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>"
                   for r in rows)
    return html_pdf(f'<table class="grid">{body}</table>' if rows else "<p>&#160;</p>",
                    landscape=width > 6)
