# dateline: `make demo` runs the pipeline on the sample corpus; `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

WEB := src/dateline/web

.PHONY: demo test check install dev web train eval bench clean

$(BIN)/dateline: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

install: $(BIN)/dateline

$(VENV)/.dev: $(BIN)/dateline
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

dev: $(VENV)/.dev

# The web UI's front-end libraries and map data (Leaflet, clusters, outlines, place names) from npm, never committed.
$(WEB)/node_modules/.package-lock.json: $(WEB)/package.json $(WEB)/package-lock.json
	cd $(WEB) && npm ci --no-audit --no-fund --loglevel=error

web: $(WEB)/node_modules/.package-lock.json

demo: install web
	$(BIN)/dateline ingest samples/corpus --db dateline.db --published 2024-05-20 || test $$? -eq 1
	$(BIN)/dateline events --db dateline.db --limit 60

test: dev web
	$(BIN)/python -m pytest

# Lint and type-check (settings in pyproject.toml: [tool.ruff], [tool.mypy]).
check: dev
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

# Refits the shipped event model and the stories' word frequencies from the training corpus (deterministic;
# about 8 minutes on 2 cores).
train: dev
	$(BIN)/python -m dateline.classify.train training/corpus --config training/config.json \
		--out src/dateline/classify --report training/REPORT.md
	$(BIN)/python -m dateline.consolidate.background training/corpus --out src/dateline/data/background_df.json

# Scores against the gold dev sets. They live outside this repository; without them this says so and stops.
eval: install
	@test -d $(SHARED)/eval || { echo "make eval: $(SHARED)/eval not found; the scorers and gold sets are not part of this repository"; exit 2; }
	$(PYTHON) $(SHARED)/eval/score_plover.py $(SHARED)/gold/plover/PLOVER_GSR_CAMEO.txt | tail -n 1
	$(PYTHON) $(SHARED)/eval/score_case.py $(SHARED)/gold/case2021/case2021_dev.tsv | tail -n 1
	$(PYTHON) $(SHARED)/eval/score_ucdp.py $(SHARED)/gold/ucdp/ucdp_iraq_dev.csv | tail -n 1
	$(PYTHON) $(SHARED)/eval/score_geo.py $(SHARED)/gold/geo/lgl.xml | tail -n 1
	$(PYTHON) $(SHARED)/eval/score_geo.py $(SHARED)/gold/geo/GWN.xml | tail -n 1
	$(PYTHON) $(SHARED)/eval/score_stories.py $(SHARED)/gold/semeval2022/en_en_pairs_dev.csv | tail -n 1
	$(PYTHON) $(SHARED)/eval/score_acled.py samples/acled_style_notes.csv | tail -n 1
	$(PYTHON) $(SHARED)/eval/score_articles.py $(SHARED)/gold/articles/gwn_events.jsonl | tail -n 1
	$(PYTHON) $(SHARED)/eval/score_articles.py $(SHARED)/gold/articles/semeval_dev_events.jsonl | tail -n 1

bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/stages.py
	$(BIN)/python bench/stories.py
	$(BIN)/python bench/query.py
	$(BIN)/python bench/memory.py

clean:
	rm -rf $(VENV) $(WEB)/node_modules dateline.db dateline.db-wal dateline.db-shm
