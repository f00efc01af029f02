# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= demo.db

.PHONY: demo test venv lint bench soak clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/dossier --db $(DEMO_DB) ingest examples/reports
	$(BIN)/dossier --db $(DEMO_DB) summary

test: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy src/dossier
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src/dossier

bench: $(STAMP)
	$(BIN)/python bench/score_entities.py
	$(BIN)/python bench/score_extraction.py --corpus dev-tune
	$(BIN)/python bench/score_extraction.py --corpus dev-heldout
	$(BIN)/python bench/score_resolution.py
	$(BIN)/python bench/throughput.py --cold

soak: $(STAMP)
	DOSSIER_KILL_ROUNDS=100 $(BIN)/pytest -q tests/store/test_durability.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
