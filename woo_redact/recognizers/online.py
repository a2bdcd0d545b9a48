"""A person's presence online: user names and handles, and links to their own profile.

"@rafa_rmdn" on Instagram, "DUO\\p.ramsaran" as a log-in, "snapchat: kwabs.010", and
"linkedin.com/in/daan-vermeulen-4b21a7" name one person as surely as their name does.
An organisation's account ("@Rijksoverheid", "facebook.com/gemeenteutrecht") is told apart
by the policy's allow list and the organisation checks, not here.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from .. import gazetteer
from .pattern_base import NlPatternRecognizer, cs


class UserNameRecognizer(NlPatternRecognizer):
    ENTITY = "USERNAME"
    PATTERNS = [
        # a handle as social media write it, with a digit or an underscore in it: a plain
        # "@Fatima" is a name (the name detectors' work) and "@gemeente" a mention of a body
        Pattern("handle met @", cs(r"(?<![\w@.])@[A-Za-z][\w.]*(?:_|\d)[\w.]*[A-Za-z0-9]"
                                   r"(?![\w@-])"), 0.6),
        # a Windows log-in: DOMAIN\user. The user part alone is the person's (and found
        # again wherever the text writes it without its domain); the domain is the
        # organisation's
        Pattern("domein\\gebruiker",
                cs(r"(?<![\w\\])[A-Z][A-Z0-9-]{1,15}\\\K[a-z][\w.-]{1,30}(?![\w\\])"), 0.6),
        # after the name of a platform or a label: "snapchat: kwabs.010", "insta @x"
        Pattern("gebruikersnaam na platform",
                r"(?i:\b(?:gebruikersnaam|gebruiker|username|user\s?id|account(?:naam)?|inlognaam|"
                r"snapchat|snap|insta(?:gram)?|tiktok|telegram|signal|twitter|x|facebook|"
                r"discord|skype)\b)[ \t]*[:=]?[ \t]*@?\K"
                + cs(r"[A-Za-z0-9][\w.-]{2,30}[A-Za-z0-9](?![\w@-])"), 0.5),
        # who printed or exported the document, as a system signs it: "geëxporteerd
        # 22-10-2026 19:03 door zieliag", "Afgedrukt door hofmani"
        Pattern("log-in na afgedrukt/geëxporteerd door",
                r"(?i:\b(?:gegenereerd|ge[eë]xporteerd|afgedrukt|geprint|aangemaakt|"
                r"gedownload|opgeslagen|printed|exported|generated)\b[^\n]{0,30}?\b(?:door|by))"
                r"[ \t]+\K" + cs(r"[a-z][a-z0-9._-]{2,24}[a-z0-9](?![\w@.-])"), 0.6),
        # a log-in in brackets after its owner's name: "S. Ramdin (ramds03)"
        Pattern("log-in achter naam",
                cs(r"(?<=\p{Lu}[\p{L}'’-]+[ \t]?\()[a-z][a-z0-9._-]{2,20}\d{1,3}(?=\))"), 0.6),
    ]
    CONTEXT = ["gebruikersnaam*", "gebruiker", "account*", "profiel*", "handle", "insta*", "snapchat",
               "tiktok", "telegram", "twitter", "facebook", "inlog*"]
    PRECHECK = (r"[@\\:=]|\w\d\)|(?i:gebruiker|snap|insta|tiktok|telegram|signal|twitter|facebook|"
                r"discord|skype|door|\bby\b)")

    def invalidate_result(self, pattern_text: str) -> bool:
        # "x: 12" or "account: nee": a value that is a plain word or number is no handle
        core = pattern_text.lstrip("@")
        if core.isdigit() or (core.isalpha() and core.islower() and len(core) < 4):
            return True
        # "zijn Facebook even bekeken", "via Mijn DUO": a plain word of the language after
        # the platform's name is the sentence going on, not a handle
        return core.isalpha() and gazetteer.load().is_common_word(core.lower())


class PersonalUrlRecognizer(NlPatternRecognizer):
    """A link to one person's profile on a platform that gives people their own page."""

    ENTITY = "URL"
    PATTERNS = [
        Pattern("profiellink",
                r"(?i:(?:https?://)?(?:[a-z]{2,3}\.)?(?:www\.)?"
                r"(?:linkedin\.com/in|facebook\.com|instagram\.com|twitter\.com|x\.com|"
                r"tiktok\.com/@|github\.com|youtube\.com/@|threads\.net/@)"
                r"/?[\w.%-]{2,80}/?)(?![\w/])", 0.6),
    ]
    CONTEXT = ["profiel*", "account*", "cv", "pagina", "link"]
    PRECHECK = r"(?i:linkedin|facebook|instagram|twitter|x\.com|tiktok|github|youtube|threads)"
