# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= demo.db

.PHONY: demo test venv lint bench soak fuzz clean web chromium screenshots roles event-nouns relation-model entity-retyper trigger-pairs

# Web UI (docs/web.md): third-party browser libraries from web/package-lock.json, copied into the package
# (gitignored, never committed). Debian's chromium drives the end-to-end tests.
VENDOR := src/dossier/serve/static/vendor
VENDOR_FILES := cytoscape/dist/cytoscape.min.js cytoscape-svg/cytoscape-svg.js \
	topojson-client/dist/topojson-client.min.js world-atlas/countries-110m.json \
	swagger-ui-dist/swagger-ui-bundle.js swagger-ui-dist/swagger-ui.css

# Every extra (web, ftm, parquet, ray: the `test` extra includes them), so every feature is tested;
# tests/test_install.py checks what a bare `pip install dossier` gives.
$(STAMP): pyproject.toml
	@# PyICU (the ftm extra: followthemoney/rigour name normalisation) builds from source against the system ICU
	@pkg-config --exists icu-uc 2>/dev/null || (apt-get update && apt-get install -y --no-install-recommends \
		libicu-dev pkg-config g++) || echo "dossier: warning: install libicu-dev, pkg-config and g++ for PyICU"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

web: $(VENDOR)/.built

$(VENDOR)/.built: web/package.json web/package-lock.json
	cd web && npm ci --ignore-scripts --no-audit --no-fund
	mkdir -p $(VENDOR)
	for f in $(VENDOR_FILES); do cp web/node_modules/$$f $(VENDOR)/; done
	for p in cytoscape cytoscape-svg topojson-client world-atlas swagger-ui-dist; do \
		cp web/node_modules/$$p/LICENSE $(VENDOR)/LICENSE.$$p; done
	touch $@

chromium:
	@test -x /usr/bin/chromium || (apt-get update && apt-get install -y --no-install-recommends chromium)

screenshots: $(STAMP) web chromium
	$(BIN)/python scripts/screenshots.py --out docs/screenshots

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/dossier --db $(DEMO_DB) ingest examples/reports
	$(BIN)/dossier --db $(DEMO_DB) summary
	@echo "--- cross-checked: events told by at least two independent sources (dossier facts events --min-sources 2)"
	@$(BIN)/dossier --db $(DEMO_DB) facts events --min-sources 2 | grep -v '^    ' || true
	@echo "--- where the sources disagree: dossier --db $(DEMO_DB) discrepancies"

# tests/test_architecture.py (in the suite, and alone in `make lint`): import-linter contracts, no SQL outside
# store/, no dead code (vulture)
test: $(STAMP) web chromium
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy src/dossier
	$(BIN)/pytest -q -n 2 --dist loadgroup

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy src/dossier
	$(BIN)/pytest -q -p no:cacheprovider tests/test_architecture.py

bench: $(STAMP)
	$(BIN)/python bench/score_entities.py
	$(BIN)/python bench/score_extraction.py --corpus dev-tune
	$(BIN)/python bench/score_extraction.py --corpus dev-heldout
	$(BIN)/python bench/score_resolution.py
	$(BIN)/python bench/throughput.py --cold

# The relation classifier (docs/relations.md, "The learned second source"), trained on half a of Re-DocRED dev
# only, plus pairs of places in unlabelled news (ECB+ train topics, MEANTIME, ISAF dev) labelled by GeoNames;
# writes src/dossier/data/relation_model.json.gz. About four minutes on two cores, two of them reading the news.
relation-model: $(STAMP)
	PYTHONPATH=src:bench $(BIN)/python bench/train_relation_model.py

# The learned entity re-typer (docs/entities.md), trained on half a of Re-DocRED dev only; writes
# src/dossier/data/entity_retyper.json.gz. About two minutes on two cores. Run it before relation-model.
entity-retyper: $(STAMP)
	PYTHONPATH=src:bench $(BIN)/python bench/train_entity_retyper.py

# Eventive nouns for open event triggers, induced from the ECB+ training topics (docs/events.md).
event-nouns: $(STAMP)
	PYTHONPATH=src $(BIN)/python scripts/induce_event_nouns.py

# Trigger lemma pairs that tell one event across reports, learned from the ECB+ training topics (docs/events.md).
trigger-pairs: $(STAMP)
	PYTHONPATH=src $(BIN)/python scripts/learn_trigger_pairs.py

# kill -9 x 500 at random moments (50 ms to 6 s into an ingest); about an hour on two cores (docs/store.md)
soak: $(STAMP)
	DOSSIER_KILL_ROUNDS=500 DOSSIER_KILL_EARLIEST=0.05 $(BIN)/pytest -q -p no:cacheprovider \
		tests/store/test_durability.py -k kill_9

# the fuzz targets of tests/reliability/test_fuzz.py with 100,000 examples each (a few hundred in `make test`)
fuzz: $(STAMP)
	DOSSIER_FUZZ_EXAMPLES=100000 $(BIN)/pytest -q -p no:cacheprovider --timeout=0 tests/reliability/test_fuzz.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm

# The open class of role nouns (extract/relations/open_roles.py), induced from half a of Re-DocRED dev.
roles: $(STAMP)
	PYTHONPATH=src $(BIN)/python bench/induce_roles.py
