"""User names in a chat export.

Reads the sender's handle after a time stamp ("[21:02] dion.verhagen:") and "@a.tjon-a-fat"
mentions whose parts are listed names, then every other occurrence of those handles.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from woo_redact.recognizers.names.base import NameRecognizer

# "[2024-05-04 21:02] dion.verhagen: …", "09:14 kees.w: …": a chat export's sender handle
_CHAT_TIME = r"(?:\[[^\]\n]{4,25}\][ \t]*|\d{1,2}[:.]\d{2}(?::\d{2})?[ \t]+)"
_HANDLE = r"[\p{Ll}][\p{Ll}\d]*(?:[._-][\p{Ll}\d]+)+"
_CHAT_SENDER = re.compile(rf"(?m)^[ \t]*{_CHAT_TIME}(?P<h>{_HANDLE}):")
_HANDLE_MENTION = re.compile(rf"(?<![\w@.])@(?P<h>{_HANDLE})")


class ChatHandleRecognizer(NameRecognizer):
    """User names in a chat export: the sender after the time stamp ("[21:02] dion.verhagen:")
    and "@a.tjon-a-fat" mentions, which a name with a dot, hyphen or underscore makes
    personal; every other occurrence of a sender's handle on the page goes with it."""

    EXPLANATION = "chat user name"

    def find(self, text: str) -> Iterator[tuple[int, int, float, str]]:
        handles = {m.group("h") for m in _CHAT_SENDER.finditer(text)}
        handles |= {m.group("h") for m in _HANDLE_MENTION.finditer(text)
                    if self._names_someone(m.group("h"))}
        if not handles:
            return
        for m in re.finditer(r"(?<![\w.])(?<![\w.]@)(?:" + "|".join(
                re.escape(h) for h in sorted(handles, key=len, reverse=True)) + r")(?![\w@]|\.\w)",
                text):
            yield m.start(), m.end(), 0.8, "chat user name"

    def _names_someone(self, handle: str) -> bool:
        parts = [p for p in re.split(r"[._-]", handle) if p]
        gaz = self.gaz
        return any((gaz.is_first_name(p) or gaz.is_surname(p))
                   and not (gaz.is_dictionary_word(p) or gaz.is_common_word(p)
                            or gaz.zipf(p) >= 3.5) for p in parts)
