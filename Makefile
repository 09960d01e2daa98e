# The two commands a newcomer needs are `make run` and `make test`; both create the
# virtual environment on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup run test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# Ingest is a no-op for issues already stored unchanged; then serve on http://127.0.0.1:8000.
run: setup
	$(BIN)/gongbao ingest
	$(BIN)/gongbao summary
	$(BIN)/gongbao serve

test: setup
	sh scripts/ensure-chromium.sh
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests bench

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build .pytest_cache
