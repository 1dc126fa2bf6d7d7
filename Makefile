# planc: `make demo` builds the bundled plans; `make test` runs lint and the test suite.
# Both create .venv on first use and need only Python 3.11+ and make.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-dev
RUNSTAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck build check docs schemas grammar textmate bench fuzz clean

$(RUNSTAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(RUNSTAMP)

demo: $(RUNSTAMP)
	$(BIN)/planc build plans/ --out build/

check: $(RUNSTAMP)
	$(BIN)/planc check plans/

test: $(STAMP) lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check diagnostics dsl compiler targets driver tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/planc fmt --check plans/

# Regenerate committed, generated files (tests fail when they drift).
docs: $(STAMP) grammar
	$(BIN)/python -m driver.devtools docs
schemas: $(STAMP)
	$(BIN)/python -m driver.devtools schemas
grammar: $(STAMP)
	$(BIN)/python -m driver.devtools grammar
textmate: $(STAMP)
	$(BIN)/python -m driver.devtools textmate

# Benchmarks: planc vs YAML/JSON + validation; writes build/bench.json (never part of `make test`).
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench.run

# The long fuzzing campaign (the test suite runs a bounded one).
fuzz: $(STAMP)
	PLANC_FUZZ_EXAMPLES=$${PLANC_FUZZ_EXAMPLES:-100000} $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py tests/test_fuzz_data.py \
		tests/driver/test_lsp_frames.py -k 'any_bytes or every_request'

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
