# woo-redact: `make run` redacts the sample documents, `make test` runs the test suite.
# Both set everything up first (system packages, .venv, the package and its dependencies).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= out
# `make model` builds in its own venv from an exact lock, apart from the run-time .venv
BUILD_VENV  := models/.venv-build
BUILD_STAMP := $(BUILD_VENV)/.installed-stamp

.PHONY: setup run test model bench eval eval-unseen eval-real clean

$(STAMP): pyproject.toml scripts/setup-system.sh
	bash scripts/setup-system.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,review,ray]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	rm -rf $(OUT)
	$(BIN)/woo-redact redact fixtures/docs fixtures/scanned --out $(OUT)

test: setup
	$(BIN)/python -m pytest -q

$(BUILD_STAMP): models/requirements-build.lock
	rm -rf $(BUILD_VENV)
	$(PYTHON) -m venv $(BUILD_VENV)
	$(BUILD_VENV)/bin/python -m pip install -q --no-deps --only-binary=:all: -r models/requirements-build.lock
	$(BUILD_VENV)/bin/python -m pip check
	touch $(BUILD_STAMP)

# SHIP=1 replaces the shipped model with the new one; without it the build only compares.
model: $(BUILD_STAMP)
	PYTHON=$(BUILD_VENV)/bin/python SHIP=$(SHIP) bash models/build.sh

eval: setup
	$(BIN)/woo-redact eval --docs fixtures/docs fixtures/scanned --truth fixtures/truth --out eval-report

# Synthetic sets by writers who never read the code (fixtures/unseen/*/README.md), each set
# its own dossier, then the totals; which sets are held out is in docs/evaluation.md
UNSEEN := $(notdir $(patsubst %/,%,$(sort $(dir $(wildcard fixtures/unseen/*/docs/)))))
eval-unseen: setup
	@mkdir -p eval-unseen; for s in $(UNSEEN); do \
	  echo "== $$s"; \
	  $(BIN)/woo-redact eval --docs fixtures/unseen/$$s/docs --truth fixtures/unseen/$$s/truth \
	      --out eval-unseen/$$s --no-conll --no-peers > eval-unseen/$$s.log 2>&1 || exit 1; \
	done
	$(BIN)/python scripts/eval_summary.py eval-unseen/*/eval.json

# Real released Woo/Wob documents beside the repository (../shared/real-dev): over-redaction,
# office holders kept, quarantines; not recall (the bodies removed the personal data already)
REAL_DEV ?= ../shared/real-dev
eval-real: setup
	$(BIN)/woo-redact eval --docs $(REAL_DEV)/pdf $(REAL_DEV)/rendered --truth fixtures/real-dev \
	    --out eval-real --no-conll --no-peers
	$(BIN)/python scripts/eval_summary.py eval-real/eval.json

# BENCH_ARGS=--scale-10k adds the 10,000-document scale row (about 20 more minutes)
BENCH_ARGS ?=
bench: setup
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(OUT) eval-report eval-unseen eval-real .pytest_cache
