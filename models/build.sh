#!/usr/bin/env bash
# Rebuild the Dutch NER pipeline from scratch: training data, training on one core, packaging,
# then a comparison with the shipped model (models/check_model.py). Called by `make model`,
# which first makes models/.venv-build from models/requirements-build.lock; run from the
# repository root. Needs the shared NER data beside the repository (../shared) or in
# $WOO_SHARED_DIR. The result goes to models/build/nl_woo_ner; the shipped models/nl_woo_ner is
# replaced only with SHIP=1 (or `check_model.py --ship` afterwards).
set -euo pipefail

PYTHON="${PYTHON:-models/.venv-build/bin/python}"
# One thread and a fixed hash seed: the build must not depend on the machine's load or on
# Python's per-process string hashing (the corpus is byte-identical either way; this keeps it so).
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 BLIS_NUM_THREADS=1 PYTHONHASHSEED=0

"$PYTHON" models/build_training_data.py --out models/corpus
(cd models/corpus && sha256sum train.spacy dev.spacy)

rm -rf models/training
"$PYTHON" -m spacy train models/config.cfg \
    --output models/training \
    --paths.train models/corpus/train.spacy \
    --paths.dev models/corpus/dev.spacy

rm -rf models/build/nl_woo_ner
mkdir -p models/build
cp -r models/training/model-best models/build/nl_woo_ner
"$PYTHON" models/package_model.py models/build/nl_woo_ner models/corpus
du -sh models/build/nl_woo_ner
"$PYTHON" models/check_model.py ${SHIP:+--ship}
