"""The owner of an exported phone: a chat export says whose device it was ("toestel:
burgemeester", "telefoon van de wethouder") and shows the other party in its header; the
one sender who is not that party is the owner, and holds the office the header names.

A WhatsApp export of a mayor's phone names the mayor only as a sender ("Hester Ravenhorst"
above her messages): no role stands beside the name, yet it is the burgemeester's name.
"""

from __future__ import annotations

import regex as re

from .model import Finding
from .office_holders import role_pattern

# "toestel: burgemeester", "Toestel van de burgemeester", "telefoon van wethouder"
_DEVICE_OF = re.compile(
    r"(?i)\b(?:toestel|telefoon|device|mobiel)(?:[ \t]*:[ \t]*|[ \t]+van[ \t]+(?:de[ \t]+|het[ \t]+)?)"
    + role_pattern() + r"\b")
HEAD_CHARS = 600
HEADER_LINES = 4
MIN_MESSAGES = 2


def keep_owner(text: str, findings: list[Finding]) -> None:
    """Keep the exported phone's owner's name wherever it stands as a sender."""
    device = _DEVICE_OF.search(text, 0, min(len(text), HEAD_CHARS))
    if device is None:
        return
    head_end = 0
    for _ in range(HEADER_LINES):
        head_end = text.find("\n", head_end + 1)
        if head_end < 0:
            return
    # the other party, as the export's header shows them
    contact = {f.text for f in findings if f.entity_type == "PERSON" and f.start < head_end}
    senders: dict[str, list[Finding]] = {}
    for f in findings:
        if f.entity_type == "PERSON" and f.action != "keep" and _alone_on_line(text, f):
            senders.setdefault(f.text, []).append(f)
    owners = [name for name, fs in senders.items()
              if len(fs) >= MIN_MESSAGES and name not in contact
              and not any(name in c or c in name for c in contact)]
    if len(owners) != 1:
        return  # no sender, or more than one: whose phone it is stays unclear
    role = " ".join(device.group("role").split()).lower()
    for f in senders[owners[0]]:
        f.action, f.reason = "keep", f"office holder: role context '{role}' (the exported " \
                                     "phone's owner)"


def _alone_on_line(text: str, f: Finding) -> bool:
    start = text.rfind("\n", 0, f.start) + 1
    end = text.find("\n", f.end)
    return not text[start:f.start].strip() and not text[f.end:end if end >= 0 else None].strip()
