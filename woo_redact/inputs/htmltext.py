"""HTML (an e-mail's HTML body) to plain text with its paragraphs, line breaks, list items
and table rows kept; scripts, styles and the head are dropped, images are not fetched."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = {"p", "div", "section", "article", "header", "footer", "blockquote", "pre",
          "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "hr"}
_SKIP = {"script", "style", "head", "title", "template"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.cell = False

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        elif tag == "br":
            self.out.append("\n")
        elif tag in _BLOCK or tag == "tr":
            self.out.append("\n")
            self.cell = False
        elif tag == "li":
            self.out.append("\n- ")
        elif tag in ("td", "th"):
            if self.cell:
                self.out.append(" | ")
            self.cell = True

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK or tag == "tr":
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    p = _Text()
    try:
        p.feed(html)
        p.close()
    except Exception:  # malformed markup: keep what was read
        pass
    lines = [ln.strip() for ln in "".join(p.out).splitlines()]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
