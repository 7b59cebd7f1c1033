# The two commands: `make site` builds site/ from seeds/; `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# mkdocs is pinned below 2 on purpose (pyproject.toml): Material's notice about it is noise.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test lint clean bench

site: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --dirty  # renders only the pages a change rewrote (see README, Search)

test: $(VENV)/.installed-test
	scripts/ensure-chromium
	$(BIN)/ruff check build tests
	$(BIN)/python -m pytest

# Not part of `make test`: ~8 min on 2 cores, ~22 with --mkdocs-max 10000. BENCH_ARGS="--sizes 100,1000" for a quick run.
bench: $(VENV)/.installed
	nice -n 10 $(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check build tests

clean:
	rm -rf site docs/zh docs/zh-Hant docs/corpus.json .cache test-artifacts .*.zhdocs-*

$(VENV)/.installed: pyproject.toml
	@# Debian's python3 lacks venv's ensurepip until python3-venv is installed.
	$(PYTHON) -c 'import ensurepip' 2>/dev/null || scripts/apt-install python3-venv
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@
