"""The content grounds as Presidio recognizers: one per ground, registered like every other
detector, each proposing passages of the page text.

Whether a ground applies depends on the document, not the page (5.2.1 never in a letter to
parliament): the detector tells each recognizer the document's kind before its pages are
analysed (``for_document``).
"""

from __future__ import annotations

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from .doc_kind import INTERNAL, document_kind
from .grounds import (AccessCode, Ground, InspectionPlan, InvestigationDetail, PersonalOpinion,
                      PrivateLife, SecurityDetail, SpecialPersonalData, SystemWeakness)
from .segment import passages

# Presidio drops analysis explanations from its results unless asked for the whole decision
# process; the cue travels in the result's metadata instead
EXPLANATION_KEY = "explanation"


class PassageRecognizer(EntityRecognizer):
    GROUND: type[Ground]

    def __init__(self, supported_language: str = "nl") -> None:
        self.ground = self.GROUND()
        self.kind = INTERNAL
        super().__init__(supported_entities=[self.ground.ENTITY], name=type(self).__name__,
                         supported_language=supported_language, context=[])

    def load(self) -> None:
        pass

    def for_document(self, text: str) -> None:
        """Judge the document's kind once, before its pages are analysed."""
        self.kind = document_kind(text)

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        if entities and self.ground.ENTITY not in entities:
            return []
        elsewhere = not self.ground.applies_in(self.kind)
        if (elsewhere and self.ground.ELSEWHERE_WHEN is None) or not self.ground.CUES.search(text):
            return []
        out = []
        for a, b in passages(text):
            if elsewhere and not self.ground.ELSEWHERE_WHEN.search(text, a, b):
                continue
            for start, end, why in self.ground.find(text, a, b):
                out.append(self._result(start, end, why))
        return out

    def _result(self, start: int, end: int, why: str) -> RecognizerResult:
        text = f"art. {self.ground.GROUND}: cue {why}"
        explanation = AnalysisExplanation(recognizer=self.name, original_score=self.ground.SCORE,
                                          textual_explanation=text)
        return RecognizerResult(
            entity_type=self.ground.ENTITY, start=start, end=end, score=self.ground.SCORE,
            analysis_explanation=explanation,
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                                  EXPLANATION_KEY: text})


class SpecialPersonalDataPassages(PassageRecognizer):
    GROUND = SpecialPersonalData


class PersonalOpinionPassages(PassageRecognizer):
    GROUND = PersonalOpinion


class SecurityPassages(PassageRecognizer):
    GROUND = SecurityDetail


class SystemWeaknessPassages(PassageRecognizer):
    GROUND = SystemWeakness


class InspectionPlanPassages(PassageRecognizer):
    GROUND = InspectionPlan


class InvestigationPassages(PassageRecognizer):
    GROUND = InvestigationDetail


class AccessCodes(PassageRecognizer):
    GROUND = AccessCode


class PrivateLifePassages(PassageRecognizer):
    GROUND = PrivateLife


PASSAGE_RECOGNIZERS: list[type[PassageRecognizer]] = [
    SpecialPersonalDataPassages, PersonalOpinionPassages, SecurityPassages,
    SystemWeaknessPassages, InspectionPlanPassages, InvestigationPassages, AccessCodes,
    PrivateLifePassages]
PASSAGE_ENTITIES = frozenset(r.GROUND.ENTITY for r in PASSAGE_RECOGNIZERS)
