#!/usr/bin/env bash
# Rebuild the shipped Dutch NER pipeline (models/nl_woo_ner) from scratch: training data,
# training on one core, packaging. Called by `make model`; run from the repository root.
# Needs the shared NER data beside the repository (../shared) or in $WOO_SHARED_DIR.
set -euo pipefail

PYTHON="${PYTHON:-.venv/bin/python}"
# One thread keeps the build within its time budget on a shared machine and makes it repeatable.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

"$PYTHON" models/build_training_data.py --out models/corpus

rm -rf models/training
"$PYTHON" -m spacy train models/config.cfg \
    --output models/training \
    --paths.train models/corpus/train.spacy \
    --paths.dev models/corpus/dev.spacy

rm -rf models/nl_woo_ner
cp -r models/training/model-best models/nl_woo_ner
"$PYTHON" models/package_model.py models/nl_woo_ner
du -sh models/nl_woo_ner
