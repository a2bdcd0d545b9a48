"""Shared helpers: small real PDFs made with PyMuPDF for the tests that need a precise layout."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
POLICY = ROOT / "woo_redact" / "data" / "default_policy.yaml"
# the score each entity must reach for the default policy to act on it
MIN_SCORE = {name: float(rule.get("min_score", 0.5))
             for name, rule in yaml.safe_load(POLICY.read_text())["entities"].items()}


def make_pdf(path: Path, pages: list[list[tuple[float, float, str]]], fontsize: float = 10,
             **meta) -> Path:
    """Write a PDF with text lines placed exactly: one list of (x, y, text) per page."""
    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page()
        for x, y, text in lines:
            page.insert_text((x, y), text, fontsize=fontsize, fontname="helv")
    if meta:
        doc.set_metadata(meta)
    doc.save(path)
    doc.close()
    return path


@pytest.fixture(scope="session")
def pipeline():
    from woo_redact.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def analyzer(tmp_path_factory):
    """Presidio's engine with every pattern recognizer, on a blank Dutch tokenizer: the
    pattern tests need no trained model."""
    import spacy
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    from woo_redact.recognizers.patterns_registry import PATTERN_RECOGNIZERS

    model_dir = tmp_path_factory.mktemp("nl_blank")
    spacy.blank("nl").to_disk(model_dir)
    nlp_engine = SpacyNlpEngine(models=[{"lang_code": "nl", "model_name": str(model_dir)}])
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=["nl"])
    for cls in PATTERN_RECOGNIZERS:
        registry.add_recognizer(cls())
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["nl"])


def found(analyzer, text: str, entity: str) -> list[str]:
    """Span texts of ``entity`` that the default policy would act on."""
    return [text[r.start:r.end] for r in analyzer.analyze(text, language="nl")
            if r.entity_type == entity and r.score >= MIN_SCORE[entity]]
