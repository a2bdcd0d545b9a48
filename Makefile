# woo-redact: `make run` redacts the sample documents, `make test` runs the test suite.
# Both set everything up first (system packages, .venv, the package and its dependencies).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= out

.PHONY: setup run test model bench eval clean

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

model: setup
	PYTHON=$(BIN)/python bash models/build.sh

eval: setup
	$(BIN)/woo-redact eval --docs fixtures/docs fixtures/scanned --truth fixtures/truth --out eval-report

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(OUT) eval-report .pytest_cache
