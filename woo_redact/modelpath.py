"""Where the Dutch NER model is, found without loading spaCy (a run checks it before its
models load in the background)."""

from __future__ import annotations

import os
from pathlib import Path

MODEL_ENV = "WOO_REDACT_MODEL"
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = REPO_ROOT / "models" / "nl_woo_ner"


class ModelMissingError(FileNotFoundError):
    """The trained Dutch pipeline is not where we look for it."""


def model_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The model directory: argument, else $WOO_REDACT_MODEL, else models/nl_woo_ner."""
    chosen = path if path is not None else os.environ.get(MODEL_ENV) or DEFAULT_MODEL
    resolved = Path(chosen).expanduser().resolve()
    if not (resolved / "config.cfg").is_file():
        raise ModelMissingError(
            f"Dutch NER model not found at {resolved}. Build it with `make model`, "
            f"or point {MODEL_ENV} at a trained spaCy pipeline directory."
        )
    return resolved
