"""Rule-based PERSON recognizers for Dutch government documents.

Each class finds names in one kind of place where Dutch documents put them; each module holds
the rules for one kind of evidence:

- ``headers``: e-mail header fields and signature blocks;
- ``titles``: forms of address, salutations and "@name" mentions;
- ``lists``: paraph and action initials, attendee lists, speakers in minutes;
- ``chats``: user names in chat exports;
- ``forms``: initials + surname, surname-first, capitalised interfix + surname;
- ``email_address``: names spelled out in e-mail addresses;
- ``gazetteer_pairs``: first name + surname pairs from the name lists;
- ``organisation_context``: the words around a name that make it an organisation's;
- ``base``: the shared base class and ``parse_name``.

They complement the statistical NER: the rules are precise where layout or a title tells us
a name follows, the NER covers names in running prose. ``names_registry`` orders them.

Spans never include the title ("mevrouw", "dhr.", "drs."): the title stays readable and only
the name is removed, as Woo practice does.
"""

from woo_redact.recognizers.names.chats import ChatHandleRecognizer
from woo_redact.recognizers.names.email_address import EmailDerivedNameRecognizer
from woo_redact.recognizers.names.forms import (
    CapitalisedInterfixRecognizer,
    InitialsNameRecognizer,
)
from woo_redact.recognizers.names.gazetteer_pairs import GazetteerNameRecognizer
from woo_redact.recognizers.names.headers import (
    EmailHeaderNameRecognizer,
    SignatureBlockRecognizer,
)
from woo_redact.recognizers.names.lists import (
    AttendeeListRecognizer,
    ParaphInitialsRecognizer,
    SpeakerRecognizer,
)
from woo_redact.recognizers.names.titles import SalutationRecognizer, TitleNameRecognizer

__all__ = [
    "AttendeeListRecognizer",
    "CapitalisedInterfixRecognizer",
    "ChatHandleRecognizer",
    "EmailDerivedNameRecognizer",
    "EmailHeaderNameRecognizer",
    "GazetteerNameRecognizer",
    "InitialsNameRecognizer",
    "ParaphInitialsRecognizer",
    "SalutationRecognizer",
    "SignatureBlockRecognizer",
    "SpeakerRecognizer",
    "TitleNameRecognizer",
]
