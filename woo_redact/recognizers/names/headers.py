"""Names in the head and foot of an e-mail or letter.

Reads the Van/Aan/CC/BCC/Namens header fields (wrapped recipient lists too), the mailbox
owner's "Achternaam, Voornaam" line that tops a printed e-mail, and the name line under a
closing such as "Met vriendelijke groet," or "Hoogachtend,".
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from woo_redact.gazetteer import INTERFIX_RE, NAMEWORD_RE, is_task_word
from woo_redact.recognizers.names.base import (
    ANY_LABEL,
    INITIAL_TOKEN,
    NOT_FIRST_NAMES,
    SINGLE_INTERFIX_WORDS,
    NameRecognizer,
    is_title_token,
    parse_name,
)


# --- e-mail headers ------------------------------------------------------------------------

_HEADER_LABEL = re.compile(
    r"(?im)^[ \t>]*(?P<label>Van|From|Aan|To|CC|BCC|Namens|Verzonden\s+namens|"
    r"Sent\s+on\s+behalf\s+of|Afzender|Geadresseerden?|Ontvangers?)[ \t]*:[ \t]*")

_OUTLOOK_LINE = re.compile(
    rf"(?m)^[ \t]*(?P<name>{NAMEWORD_RE}(?:[ \t]+{NAMEWORD_RE})?,[ \t]*{NAMEWORD_RE}"
    rf"(?:[ \t]+{NAMEWORD_RE})?(?:[ \t]+{INTERFIX_RE})?)[ \t]*$")


class EmailHeaderNameRecognizer(NameRecognizer):
    """Names in Van/Aan/CC/BCC/Namens header fields, including wrapped recipient lists, and
    the mailbox owner's "Achternaam, Voornaam" line that tops a printed e-mail."""

    EXPLANATION = "e-mail header field"

    def find(self, text: str) -> Iterator[tuple[int, int, float, str]]:
        for m in _OUTLOOK_LINE.finditer(text):
            first = m.group("name").split(",")[1].split()[0]
            if self.gaz.is_first_name(first) and first.lower() not in NOT_FIRST_NAMES:
                span = parse_name(text, m.start("name"), m.end("name"), self.gaz)
                if span:
                    yield span[0], span[1], 0.8, "'Achternaam, Voornaam' line"
        for m in _HEADER_LABEL.finditer(text):
            label = " ".join(m.group("label").lower().split())
            for vs, ve in self._value_lines(text, m.end()):
                for s, e in self._items(text, vs, ve):
                    span = parse_name(text, s, e, self.gaz)
                    if span:
                        yield span[0], span[1], 0.85, f"'{label}:'"

    @staticmethod
    def _value_lines(text: str, pos: int) -> Iterator[tuple[int, int]]:
        """The value on the label's line plus wrapped continuation lines."""
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        yield pos, end
        value = text[pos:end].strip()
        # "Aan:" alone on its line (PDF column layout): the value is the next non-blank line
        wrap = not value or value.endswith((";", ","))
        lines = 0
        while end < len(text) and lines < 40:
            nxt = text.find("\n", end + 1)
            nxt = len(text) if nxt < 0 else nxt
            line = text[end + 1:nxt]
            stripped = line.strip()
            if not stripped:
                if value:
                    return
                end = nxt
                lines += 1
                continue
            if ANY_LABEL.match(line) or not (wrap or (";" in line or "@" in line)
                                             and line[:1] in " \t"):
                return
            yield end + 1, nxt
            value = stripped
            wrap = stripped.endswith((";", ","))
            end = nxt
            lines += 1

    def _items(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        for s, e in _split(text, start, end, ";"):
            # the display name comes before "<address>", "[mailto:" or "(address)"
            cut = e
            for marker in ("<", "[mailto", "[", "(", " | "):
                k = text.find(marker, s, cut)
                if k >= 0:
                    cut = k
            if "@" in text[s:cut]:
                continue  # a bare address; the e-mail recognizers deal with it
            words = text[s:cut].split()
            if words and is_task_word(words[0].strip(",'\""), self.gaz):
                continue  # a shared mailbox: "Bestuurssecretariaat Wâldhiem <…>"
            commas = text.count(",", s, cut)
            if commas == 1 and self._outlook_form(text, s, cut):
                yield s, cut
            else:
                yield from _split(text, s, cut, ",")

    def _outlook_form(self, text: str, s: int, e: int) -> bool:
        """"Jansen, Jan" / "Vries, J. de" (one person) rather than "A Jansen, B Bakker"."""
        left, right = text[s:e].split(",", 1)
        lw = [w for w in left.split() if w.lower() not in SINGLE_INTERFIX_WORDS]
        rw = [w for w in right.split() if w.lower() not in SINGLE_INTERFIX_WORDS]
        if len(lw) != 1 or not 1 <= len(rw) <= 3:
            return False
        return bool(INITIAL_TOKEN.fullmatch(rw[0]) or self.gaz.is_first_name(rw[0]))


def _split(text: str, start: int, end: int, sep: str) -> Iterator[tuple[int, int]]:
    s = start
    while s <= end:
        k = text.find(sep, s, end)
        k = end if k < 0 else k
        if text[s:k].strip():
            yield s, k
        s = k + 1


# --- signature blocks ----------------------------------------------------------------------

_CLOSING = re.compile(
    r"(?im)^[ \t]*(?:(?:met[ \t]+)?(?:vriendelijke|hartelijke|collegiale|beste|warme|"
    r"fijne)[ \t]+groet(?:en)?|hoogachtend|groet(?:en|jes)?|mvg|m\.v\.g\.?|vr\.?[ \t]*gr\.?|"
    r"(?:with[ \t]+)?(?:kind|best|warm)[ \t]+regards|regards)[ \t]*[,.!]?[ \t]*(?P<rest>[^\n]*)$")
_ROLE_LINE = re.compile(
    r"(?i)^[ \t]*(?:namens\b|i\.?[oa]\.?\b|voor[ \t]+deze\b|w\.g\.|(?-i:De|Het)[ \t]+\p{Ll}|"
    r"\[?handtekening)")


class SignatureBlockRecognizer(NameRecognizer):
    """The name line under "Met vriendelijke groet," / "Hoogachtend," (not the function lines)."""

    EXPLANATION = "signature block"
    MAX_LINES = 6

    def find(self, text: str) -> Iterator[tuple[int, int, float, str]]:
        for m in _CLOSING.finditer(text):
            rest = m.group("rest")
            if rest.strip():
                span = parse_name(text, m.start("rest"), m.end("rest"), self.gaz)
                if span and text[span[1]:m.end("rest")].strip(" ,.") == "":
                    yield span[0], span[1], 0.85, "name after closing"
                continue
            pos, seen = m.end(), 0
            while pos < len(text) and seen < self.MAX_LINES:
                nl = text.find("\n", pos + 1)
                nl = len(text) if nl < 0 else nl
                ls, le = pos + 1 if text[pos:pos + 1] == "\n" else pos, nl
                line = text[ls:le]
                pos = nl
                if not line.strip():
                    continue
                seen += 1
                if _ROLE_LINE.match(line) or all(is_title_token(t) for t in line.split()):
                    continue
                span = parse_name(text, ls, le, self.gaz)
                if span:
                    yield span[0], span[1], 0.85, "name line after closing"
                break
