"""Turn spaCy's `model-best` output into the shipped pipeline folder.

    python models/package_model.py models/build/nl_woo_ner [models/corpus]

Writes a descriptive meta.json (name, licence, data sources, and under `build` what the build
depended on: corpus and lock checksums, library versions, BLIS kernel) and drops what the
pipeline does not need at run time: the training paths in config.cfg would point at build output, and
the string store carries every token seen in training, which the hash embeddings do not use.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import spacy

from buildinfo import collect

SOURCES = [
    {
        "name": "Generated Woo-style and newspaper-style Dutch text (models/training_templates)",
        "license": "EUPL-1.2 (templates); filled from Faker nl_NL first names (MIT), Statbel Flemish "
        "names, Meertens surnames (CC0), BAG place and street names (CC0/MIT)",
    },
    {
        "name": "ParlaMint-NL silver NER sample",
        "url": "https://github.com/clarin-eric/ParlaMint",
        "license": "CC BY 4.0",
        "author": "ParlaMint project (CLARIN ERIC); annotation by INT",
    },
    {
        "name": "Europeana Newspapers NER corpus, Dutch (KB)",
        "url": "https://github.com/EuropeanaNewspapers/ner-corpora",
        "license": "CC0 1.0",
        "author": "Europeana Newspapers Project",
    },
]


CHECK_TEXTS = [
    "Van: Jansen, Jan <j.jansen@minbzk.nl>\nAan: mw. S. El Idrissi (JenV)",
    "Minister De Jonge sprak met de burgemeester van Utrecht over het rapport van Rijkswaterstaat.",
    "Met vriendelijke groet,\n\nmr. drs. A.B. (Anouk) de Wit\nSenior beleidsmedewerker",
]


def package(path: Path, corpus: Path | None) -> None:
    nlp = spacy.load(path)
    before = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(CHECK_TEXTS)]
    nlp.meta.update(
        name="woo_ner",
        version="0.1.0",
        description="Dutch person/organisation/location NER for Woo redaction (CPU, no vectors)",
        license="EUPL-1.2",
        author="woo-redact",
        sources=SOURCES,
    )
    if corpus is not None:
        nlp.meta["build"] = collect(corpus)
    nlp.config["paths"]["train"] = None
    nlp.config["paths"]["dev"] = None
    nlp.to_disk(path)
    # The string store holds every token seen in training (names from the build lists among
    # them); the hashed features do not need it, so only the labels are kept.
    labels = sorted(nlp.get_pipe("ner").labels)
    (path / "vocab" / "strings.json").write_text(json.dumps(labels), encoding="utf-8")

    after = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in spacy.load(path).pipe(CHECK_TEXTS)]
    if before != after:
        sys.exit(f"packaged model predicts differently: {before} != {after}")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: package_model.py MODEL_DIR [CORPUS_DIR]")
    package(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) == 3 else None)
