"""The registry's recognizers over one page in one pass: the detection hot path.

Presidio's engine asks the registry for its recognizers on every page, times and logs every
pattern, and filters the results per recognizer. Here the registry is read once, when the
detector is built, into a plan: each pattern recognizer's compiled patterns (the page is
lower-cased once for all their word stems), their checksums (``validate_result`` and
``invalidate_result``) and rejections applied to the matches as post-filters, the context
words weighed by each recognizer's own ``enhance_using_context`` as the engine does, then the
engine's score thresholds and duplicate removal. Any other recognizer, or one that changes
how its patterns are run (an ``analyze`` of its own), is called through its own ``analyze``:
a recognizer added to the registry works without being known here.

The result is the engine's result, list for list; ``Detector.analyze(doc, reference=True)``
still runs Presidio's ``AnalyzerEngine`` so that a test can compare the two on every run.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import regex as re
from presidio_analyzer import (AnalysisExplanation, EntityRecognizer, PatternRecognizer,
                               RecognizerResult)
from presidio_analyzer.nlp_engine import NlpArtifacts

from .recognizers.pattern_base import NlPatternRecognizer

# Presidio's own limit per pattern and page (the same variable it reads).
REGEX_TIMEOUT_SECONDS = int(os.environ.get("REGEX_TIMEOUT_SECONDS", 60))
_NAME = RecognizerResult.RECOGNIZER_NAME_KEY
_ID = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY


def compiles(rec: EntityRecognizer) -> bool:
    """Does the scan run this recognizer's patterns itself? Only when the recognizer runs
    them exactly as Presidio's ``PatternRecognizer`` does (through ``NlPatternRecognizer``'s
    pre-checks and filters, or directly)."""
    cls = type(rec)
    if isinstance(rec, NlPatternRecognizer):
        return (cls.analyze is NlPatternRecognizer.analyze
                and cls._analyze_page is NlPatternRecognizer._analyze_page)
    return isinstance(rec, PatternRecognizer) and cls.analyze is PatternRecognizer.analyze


class PageScan:
    """The recognizers of a registry that support ``entities``, planned once."""

    def __init__(self, recognizers: Sequence[EntityRecognizer], entities: list[str],
                 enhance, default_threshold: float = 0.0) -> None:
        wanted = set(entities)
        self.recognizers = [r for r in recognizers if wanted & set(r.supported_entities)]
        self.entities = entities
        self.compiled = {id(r) for r in self.recognizers if compiles(r)}
        self._enhance = enhance  # the engine's context step, results of all recognizers
        self._thresholds = {r.id: r.score_thresholds for r in self.recognizers}
        self._default = default_threshold
        for r in self.recognizers:
            if not r.is_loaded:
                r.load()
                r.is_loaded = True
            if isinstance(r, PatternRecognizer):
                for p in r.patterns:
                    _compiled(p, r.global_regex_flags)

    def analyze(self, text: str, artifacts: NlpArtifacts) -> list[RecognizerResult]:
        """What ``AnalyzerEngine.analyze(text, "nl", entities, nlp_artifacts=artifacts)``
        returns, without its per-page overhead."""
        lowered = None
        results: list[RecognizerResult] = []
        for rec in self.recognizers:
            if id(rec) in self.compiled:
                if isinstance(rec, NlPatternRecognizer):
                    if rec._precheck is not None and not rec._precheck.search(text):
                        continue
                    if rec.STEMS:
                        if lowered is None:
                            lowered = text.lower()
                        if not rec.has_stem(lowered):
                            continue
                    found = rec.keep_results(text, match_patterns(rec, text))
                else:
                    found = match_patterns(rec, text)
            else:
                found = rec.analyze(text=text, entities=self.entities,
                                    nlp_artifacts=artifacts)
                for r in found or ():
                    meta = r.recognition_metadata
                    if meta is None:
                        r.recognition_metadata = meta = {}
                    meta.setdefault(_ID, rec.id)
                    meta.setdefault(_NAME, rec.name)
            if found:
                results.extend(found)
        results = self._enhance(text, results, artifacts, self.recognizers)
        results = [r for r in results if r.score >= self._threshold(r)]
        return EntityRecognizer.remove_duplicates(results)

    def _threshold(self, r: RecognizerResult) -> float:
        own = self._thresholds.get((r.recognition_metadata or {}).get(_ID))
        if own is None:
            return self._default
        t = own.get(r.entity_type)
        if t is None:
            t = own.get("default")
        return self._default if t is None else t


def _compiled(pattern, flags: int):
    if not pattern.compiled_regex or pattern.compiled_with_flags != flags:
        pattern.compiled_with_flags = flags
        pattern.compiled_regex = re.compile(pattern.regex, flags=flags)
    return pattern.compiled_regex


def match_patterns(rec: PatternRecognizer, text: str) -> list[RecognizerResult]:
    """``PatternRecognizer.analyze``: every pattern's matches, scored by the recognizer's
    checksums (``validate_result`` raises a match to 1.0 or drops it, ``invalidate_result``
    drops it), then the recognizer's duplicates removed."""
    flags = rec.global_regex_flags
    entity = rec.supported_entities[0]
    results = []
    for pattern in rec.patterns:
        rx = _compiled(pattern, flags)
        try:
            for m in rx.finditer(text, timeout=REGEX_TIMEOUT_SECONDS):
                start, end = m.span()
                if start == end:
                    continue
                current = text[start:end]
                validation = rec.validate_result(current)
                score = pattern.score
                if validation is not None:
                    score = EntityRecognizer.MAX_SCORE if validation else EntityRecognizer.MIN_SCORE
                if rec.invalidate_result(current):
                    score = EntityRecognizer.MIN_SCORE
                if score <= EntityRecognizer.MIN_SCORE:
                    continue
                explanation = AnalysisExplanation(
                    recognizer=rec.name, original_score=pattern.score,
                    pattern_name=pattern.name, pattern=pattern.regex,
                    validation_result=validation, regex_flags=flags,
                    textual_explanation=f"Detected by `{rec.name}` using pattern "
                                        f"`{pattern.name}`")
                explanation.score = score
                results.append(RecognizerResult(
                    entity_type=entity, start=start, end=end, score=score,
                    analysis_explanation=explanation,
                    recognition_metadata={_NAME: rec.name, _ID: rec.id}))
        except TimeoutError:
            continue  # as Presidio: the pattern is skipped on this page
    return EntityRecognizer.remove_duplicates(results)
