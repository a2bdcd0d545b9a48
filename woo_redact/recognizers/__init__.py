"""All detectors of woo-redact, as Presidio recognizers for language ``nl``.

``detect.build_registry`` registers the ones whose entity the policy enables.
"""

from ..passages.recognizers import PASSAGE_RECOGNIZERS
from .names_registry import NAME_RECOGNIZERS
from .patterns_registry import PATTERN_RECOGNIZERS

ALL_RECOGNIZERS: list[type] = [*PATTERN_RECOGNIZERS, *NAME_RECOGNIZERS, *PASSAGE_RECOGNIZERS]
