"""The Dutch spaCy pipeline behind Presidio, loaded from a local path only.

Two views of the one trained pipeline (``models/nl_woo_ner``: tok2vec + ner):

* ``build_nlp_engine`` gives Presidio a *token-only* engine: the model's tokenizer with every
  trained component excluded: the recognizers need only tokens (they weigh context words
  on the raw text themselves). Running the NER on every page would cost ~100-150 ms per page.
* ``load_ner_pipeline`` gives the full pipeline, cached per process, which
  ``recognizers.ner.DutchNerRecognizer`` runs on small windows of text only.

The model is read from disk once per process: the token-only engine is a view of the full
pipeline (its tokenizer and vocabulary, no components), not a second load (a load is most of
a process's start-up).

Nothing is ever downloaded: a missing model is an error that says how to build it.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import spacy
from presidio_analyzer.nlp_engine import NlpArtifacts, NerModelConfiguration, SpacyNlpEngine
from spacy.language import Language
from spacy.tokens import Doc

from .modelpath import (DEFAULT_MODEL, MODEL_ENV, REPO_ROOT,  # noqa: F401 - the API
                        ModelMissingError, model_path)

LANGUAGE = "nl"
# Whole documents go through the tokenizer at once; without the parser/NER, memory stays
# linear in the text, so spaCy's 1M-character guard only gets in the way of long dossiers.
MAX_LENGTH = 20_000_000

LABEL_TO_ENTITY = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION"}


def load_token_pipeline(path: str | os.PathLike[str] | None = None) -> Language:
    """The model's tokenizer (and vocab, stop words) with every trained component excluded."""
    resolved = model_path(path)
    config = spacy.util.load_config(resolved / "config.cfg")
    components = list(config["nlp"].get("pipeline", []))
    nlp = spacy.load(resolved, exclude=components)
    nlp.max_length = MAX_LENGTH
    return nlp


def token_view(nlp: Language) -> Language:
    """The pipeline's tokenizer and vocabulary without any of its components: what
    ``load_token_pipeline`` loads, made from a pipeline already in memory."""
    view = type(nlp)(vocab=nlp.vocab)
    view.tokenizer = nlp.tokenizer
    view.max_length = MAX_LENGTH
    return view


_ner_lock = threading.Lock()
_ner_cache: dict[Path, Language] = {}


def load_ner_pipeline(path: str | os.PathLike[str] | None = None) -> Language:
    """The full NER pipeline, loaded once per process and model path."""
    resolved = model_path(path)
    with _ner_lock:
        nlp = _ner_cache.get(resolved)
        if nlp is None:
            nlp = spacy.load(resolved)
            nlp.max_length = MAX_LENGTH
            _ner_cache[resolved] = nlp
        return nlp


class LocalSpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine over a local pipeline directory; never downloads."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.model_dir = model_path(path)
        super().__init__(
            models=[{"lang_code": LANGUAGE, "model_name": str(self.model_dir)}],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping=dict(LABEL_TO_ENTITY),
                labels_to_ignore=["MISC"],
            ),
        )

    def load(self) -> None:
        self.nlp = {LANGUAGE: token_view(load_ner_pipeline(self.model_dir))}

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        """Tokens only: the recognizers score their own context on the raw text, and the
        NER runs on its own windows, so lemmas, keywords and page-level entities would be
        computed for nothing (they were a fifth of detection time)."""
        art = NlpArtifacts(entities=[], tokens=doc, tokens_indices=[], lemmas=[],
                           nlp_engine=None, language=language)
        art.nlp_engine = self
        return art


def build_nlp_engine(path: str | os.PathLike[str] | None = None) -> LocalSpacyNlpEngine:
    """A loaded token-only Presidio engine for language "nl"."""
    engine = LocalSpacyNlpEngine(path)
    engine.load()
    return engine
