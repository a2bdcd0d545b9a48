"""A person's address on the internet: the IP address a citizen or an employee logged in
from ("vanaf IP-adres 84.107.22.193", "src=84.241.17.203" in a log) points to their home
connection as surely as a street address does.

A dotted quad is also a version number or a section ("versie 10.2.0.1"), so a word for a
connection must stand near it; an organisation's internal network (10.x, 192.168.x and the
like) and the loopback address name no one.
"""

from __future__ import annotations

import ipaddress
from typing import Optional

from presidio_analyzer import Pattern

from .pattern_base import NlPatternRecognizer


class IpAddressRecognizer(NlPatternRecognizer):
    ENTITY = "IP_ADDRESS"
    PATTERNS = [
        Pattern("IPv4", r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?!\w|\.\d)", 0.4),
        Pattern("IPv6", r"(?<![\w:])(?=[0-9a-fA-F:]*:[0-9a-fA-F]*:)(?:[0-9a-fA-F]{1,4}:){2,7}"
                        r"(?::|(?::[0-9a-fA-F]{1,4}){1,6}|[0-9a-fA-F]{1,4})(?![\w:])", 0.4),
    ]
    CONTEXT = ["ip", "ip-adres*", "ipadres*", "src", "source", "bron", "client", "vanaf",
               "ingelogd", "inlog*", "login", "verbinding", "adres"]
    CONTEXT_REQUIRED = True
    WORDS_BEFORE = 4
    PRECHECK = r"\d\.\d|:[0-9a-fA-F]{1,4}:"

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        try:
            ip = ipaddress.ip_address(pattern_text)
        except ValueError:
            return False
        if ip.is_private or ip.is_loopback or ip.is_unspecified or ip.is_link_local:
            # an organisation's own network: names a machine, not anyone's home; the
            # documentation ranges (192.0.2.0/24 and the like) stand for any address
            return False if not _documentation(ip) else None
        return None


def _documentation(ip) -> bool:
    nets = ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")
    return any(ip in ipaddress.ip_network(n) for n in nets)
