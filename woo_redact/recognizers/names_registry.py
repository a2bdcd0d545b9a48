"""Every detector of PERSON names, in the order their results are most trusted."""

from .names import (
    AttendeeListRecognizer,
    CapitalisedInterfixRecognizer,
    ChatHandleRecognizer,
    EmailDerivedNameRecognizer,
    EmailHeaderNameRecognizer,
    GazetteerNameRecognizer,
    InitialsNameRecognizer,
    ParaphInitialsRecognizer,
    SalutationRecognizer,
    SignatureBlockRecognizer,
    SpeakerRecognizer,
    TitleNameRecognizer,
)
from .ner import DutchNerRecognizer

NAME_RECOGNIZERS: list[type] = [
    EmailHeaderNameRecognizer,
    SignatureBlockRecognizer,
    TitleNameRecognizer,
    SalutationRecognizer,
    AttendeeListRecognizer,
    ParaphInitialsRecognizer,
    SpeakerRecognizer,
    ChatHandleRecognizer,
    InitialsNameRecognizer,
    EmailDerivedNameRecognizer,
    CapitalisedInterfixRecognizer,
    GazetteerNameRecognizer,
    DutchNerRecognizer,
]
