"""Base class for the Dutch pattern recognizers.

Presidio's own context enhancer compares context words with spaCy *lemmas*. A Dutch
pipeline without a lemmatizer (``spacy.blank("nl")``, or a trained NER-only pipeline) gives
empty lemmas, so that enhancer never fires and every context word would be dead weight.
These recognizers therefore read their context from the raw text around the match, in
``enhance_using_context`` (the recognizer-level hook Presidio calls first), and mark each
result as handled so the lemma enhancer does not score it a second time. Behaviour is thus
the same whichever spaCy pipeline sits behind the analyzer.

Case-sensitive parts of a regex are wrapped in ``(?-i:...)`` rather than relying on
``global_regex_flags``: Presidio's registry overwrites that attribute with its own flags when
it instantiates recognizers itself.
"""

from __future__ import annotations

from typing import ClassVar, Iterable, Optional

import regex as re
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

ENHANCED = RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY


def cs(pattern: str) -> str:
    """Make a regex fragment case-sensitive whatever flags it is compiled with."""
    return f"(?-i:{pattern})"


def words_regex(words: Iterable[str], leading_boundary: bool = True) -> Optional[re.Pattern]:
    """Compile context words into one case-insensitive regex.

    A word must start at a word boundary. ``"tel*"`` matches any word starting with "tel";
    ``"tel"`` only the whole word. A space in a word matches any run of whitespace, so
    "geboren op" also matches across a line break. A word written in capitals is an
    abbreviation and matches only in capitals: "OM" is the Openbaar Ministerie, "om" a
    preposition.

    ``leading_boundary=False`` drops the test before the word: a window cut out of the text
    may start inside a word, so only this looser regex is sure to match the text wherever
    the strict one matches a window.
    """
    alternatives = []
    for word in words:
        prefix = word.endswith("*")
        core = word.rstrip("*")
        body = r"\s+".join(re.escape(part) for part in core.split())
        if not prefix and re.match(r"\w", core[-1]):
            body += r"(?!\w)"
        if len(core) > 1 and core.isupper():
            body = f"(?-i:{body})"
        alternatives.append(body)
    if not alternatives:
        return None
    # Longest first so "geboren op" wins over "geboren" in the explanation.
    alternatives.sort(key=len, reverse=True)
    start = r"(?<!\w)" if leading_boundary else ""
    return re.compile(start + r"(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


# A word of the context windows: a run of non-space characters holding a word character
# (one regex pass instead of a test per run).
_WORD_TOKEN = re.compile(r"(?<!\S)[^\s\w]*+\w\S*+")
_LEADING_WORD = re.compile(r"^\S*")


class NlPatternRecognizer(PatternRecognizer):
    """A ``PatternRecognizer`` for Dutch text with raw-text context handling.

    Subclasses set ``ENTITY``, ``PATTERNS`` and ``CONTEXT`` and may override
    ``validate_result`` / ``invalidate_result`` (on the matched text) and
    ``reject_in_text`` (on the match with its surroundings).
    """

    ENTITY: ClassVar[str] = ""
    PATTERNS: ClassVar[list[Pattern]] = []
    #: words near the match that raise the score
    CONTEXT: ClassVar[list[str]] = []
    #: words before the match that lower the score when no CONTEXT word is present
    NEGATIVE_CONTEXT: ClassVar[list[str]] = []
    #: every match needs a context word (e.g. a date is a date of birth only after "geboren")
    CONTEXT_REQUIRED: ClassVar[bool] = False
    #: names of patterns whose matches need a context word
    CONTEXT_REQUIRED_PATTERNS: ClassVar[frozenset[str]] = frozenset()
    #: the words that satisfy the requirement; defaults to CONTEXT
    REQUIRED_CONTEXT: ClassVar[Optional[list[str]]] = None
    #: a regex (string: case-sensitive) found in every text in which PATTERNS, with CONTEXT,
    #: yield a result; a page without it is skipped without running the patterns
    PRECHECK: ClassVar[Optional[str | re.Pattern]] = None
    #: lower-case word stems, one of which every text with a result holds, tested as plain
    #: substrings of the lower-cased page: a case-insensitive alternation of a dozen words
    #: costs the engine more per page than the patterns it guards (it cannot skip ahead to
    #: one literal, as it does for "@"); ``str.__contains__`` over the page does not
    STEMS: ClassVar[tuple[str, ...]] = ()
    WORDS_BEFORE: ClassVar[int] = 5
    WORDS_AFTER: ClassVar[int] = 0
    #: context before the last match of this regex is ignored (e.g. an earlier date)
    WINDOW_STOP: ClassVar[Optional[str]] = None
    CONTEXT_BOOST: ClassVar[float] = 0.35
    MIN_SCORE_WITH_CONTEXT: ClassVar[float] = 0.4
    NEGATIVE_CONTEXT_SCORE: ClassVar[float] = 0.2

    def __init__(
        self,
        patterns: Optional[list[Pattern]] = None,
        context: Optional[list[str]] = None,
        supported_language: str = "nl",
        supported_entity: Optional[str] = None,
        name: Optional[str] = None,
    ) -> None:
        source = patterns if patterns is not None else self.PATTERNS
        # Fresh Pattern objects: Presidio caches the compiled regex on them.
        own_patterns = [Pattern(p.name, p.regex, p.score) for p in source]
        context_words = list(context if context is not None else self.CONTEXT)
        self._context_re = words_regex(context_words)
        self._required_re = (
            words_regex(self.REQUIRED_CONTEXT) if self.REQUIRED_CONTEXT is not None
            else self._context_re
        )
        # PRECHECK holds for the class's own patterns and words, not for ones passed in.
        own = patterns is None and context is None
        self._precheck = re.compile(self.PRECHECK) if self.PRECHECK and own else None
        self._negative_re = words_regex(self.NEGATIVE_CONTEXT)
        self._window_stop = re.compile(self.WINDOW_STOP) if self.WINDOW_STOP else None
        super().__init__(
            supported_entity=supported_entity or self.ENTITY,
            name=name,
            supported_language=supported_language,
            patterns=own_patterns,
            # Kept on the recognizer as Presidio expects (to_dict, introspection); the
            # matching itself is done in enhance_using_context below.
            context=[w.rstrip("*") for w in context_words],
        )

    # -- hooks -------------------------------------------------------------------------

    def reject_in_text(self, text: str, start: int, end: int) -> bool:
        """Reject a match because of what surrounds it (``invalidate_result`` sees only
        the match itself)."""
        return False

    def negative_context_applies(self, text: str, start: int, end: int) -> bool:
        """Whether NEGATIVE_CONTEXT may lower this match (a match of a shape nothing else
        has may be exempt)."""
        return True

    def structural_context(self, text: str, start: int, end: int) -> str:
        """Supportive context that is not a word (e.g. a street address just before a
        postcode); its description, or ""."""
        return ""

    # -- context -------------------------------------------------------------------------

    def window_before(self, text: str, start: int, words: Optional[int] = None) -> str:
        n = self.WORDS_BEFORE if words is None else words
        if n <= 0:
            return ""
        begin = max(0, start - 30 * n - 30)
        chunk = text[begin:start]
        if begin > 0 and text[begin - 1].isalnum():
            # drop the cut-off word so its tail cannot pose as a context word
            chunk = _LEADING_WORD.sub("", chunk)
        if self._window_stop is not None:
            stops = list(self._window_stop.finditer(chunk))
            if stops:
                chunk = chunk[stops[-1].end():]
        tokens = list(_WORD_TOKEN.finditer(chunk))
        if len(tokens) > n:
            chunk = chunk[tokens[-n].start():]
        return chunk

    def window_after(self, text: str, end: int, words: Optional[int] = None) -> str:
        n = self.WORDS_AFTER if words is None else words
        if n <= 0:
            return ""
        chunk = text[end:end + 30 * n + 30]
        tokens = list(_WORD_TOKEN.finditer(chunk))
        if len(tokens) > n:
            chunk = chunk[:tokens[n - 1].end()]
        return chunk

    def context_word(
        self, text: str, start: int, end: int, regex: Optional[re.Pattern] = None
    ) -> str:
        """The first context word found around ``text[start:end]``, or ""."""
        if regex is None:
            structural = self.structural_context(text, start, end)
            if structural:
                return structural
            regex = self._context_re
        if regex is None:
            return ""
        for window in (self.window_before(text, start), self.window_after(text, end)):
            found = None
            for found in regex.finditer(window):
                pass  # the nearest word before the match is the last one
            if found is not None:
                return found.group()
        return ""

    # -- Presidio API --------------------------------------------------------------------

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: Optional[NlpArtifacts] = None,
        regex_flags: Optional[int] = None,
    ) -> list[RecognizerResult]:
        # The patterns are the costly part, and most pages hold no e-mail address, no IBAN
        # and no birth word at all.
        if self._precheck is not None and not self._precheck.search(text):
            return []
        if self.STEMS and not self.has_stem(text.lower()):
            return []
        return self._analyze_page(text, entities, nlp_artifacts, regex_flags)

    def has_stem(self, lowered: str) -> bool:
        return any(stem in lowered for stem in self.STEMS)

    def _analyze_page(self, text: str, entities: list[str],
                      nlp_artifacts: Optional[NlpArtifacts],
                      regex_flags: Optional[int]) -> list[RecognizerResult]:
        """The patterns, the rejections and the required context, once a page passed the
        pre-checks."""
        return self.keep_results(text, super().analyze(text, entities, nlp_artifacts,
                                                       regex_flags))

    def keep_results(self, text: str, results: list[RecognizerResult]
                     ) -> list[RecognizerResult]:
        """The pattern matches that survive the rejections and the required context (the
        compiled page scan, ``woo_redact.scan``, calls this on its own matches)."""
        kept = []
        for result in results:
            if self.reject_in_text(text, result.start, result.end):
                continue
            pattern_name = getattr(result.analysis_explanation, "pattern_name", "")
            needs_context = self.CONTEXT_REQUIRED or pattern_name in self.CONTEXT_REQUIRED_PATTERNS
            if needs_context and not self.context_word(
                    text, result.start, result.end, self._required_re):
                continue
            kept.append(result)
        return kept

    def enhance_using_context(
        self,
        text: str,
        raw_recognizer_results: list[RecognizerResult],
        other_raw_recognizer_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        context: Optional[list[str]] = None,
    ) -> list[RecognizerResult]:
        external = " ".join(context or [])
        for result in raw_recognizer_results:
            metadata = result.recognition_metadata or {}
            if metadata.get(ENHANCED):
                continue
            explanation = result.analysis_explanation
            word = self.context_word(text, result.start, result.end)
            if not word and external and self._context_re is not None:
                hit = self._context_re.search(external)
                word = hit.group() if hit else ""
            if word:
                result.score = min(
                    max(result.score + self.CONTEXT_BOOST, self.MIN_SCORE_WITH_CONTEXT), 1.0)
                if explanation is not None:
                    explanation.set_supportive_context_word(word)
                    explanation.set_improved_score(result.score)
            elif self._negative_re is not None and self.negative_context_applies(
                    text, result.start, result.end):
                hit = None
                for hit in self._negative_re.finditer(self.window_before(text, result.start)):
                    pass
                if hit is not None:
                    result.score = min(result.score, self.NEGATIVE_CONTEXT_SCORE)
                    if explanation is not None:
                        explanation.append_textual_explanation_line(
                            f"score lowered by context word '{hit.group()}'")
                        explanation.set_improved_score(result.score)
            # Scored against context here; the engine's lemma enhancer must not add to it.
            metadata[ENHANCED] = True
            result.recognition_metadata = metadata
        return raw_recognizer_results
