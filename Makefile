# Everything a fresh machine needs: `make serve` and `make test` set up .venv themselves.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint unit build-tests browser-tests fuzz bench assets audit audit-plain browser messages check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The stamps re-run the install when pyproject.toml changes.
$(VENV)/.site-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.site-installed

serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.site-installed
	$(BIN)/mkdocs build --strict --site-dir site

# Debian's chromium where we can install it, Playwright's own download otherwise.
browser: $(VENV)/.test-installed
	bash tools/install-browser.sh $(BIN)

lint: $(VENV)/.test-installed
	$(BIN)/ruff check plugins tests tools
	$(BIN)/ruff format --check plugins tests tools
	$(BIN)/mypy

unit: $(VENV)/.test-installed
	$(BIN)/pytest tests/unit -q

build-tests: $(VENV)/.test-installed
	$(BIN)/pytest tests/build -q

browser-tests: browser
	$(BIN)/pytest tests/browser -q

test: browser lint
	$(BIN)/pytest tests -q

# The loaders fuzzed for longer than `make test` does (tests/fuzz: HYPOTHESIS_PROFILE=long).
fuzz: $(VENV)/.test-installed
	HYPOTHESIS_PROFILE=long $(BIN)/pytest tests/fuzz -q

# The minified lesson script (assets/lessons.min.js), after any edit of assets/js: needs npm.
assets: $(VENV)/.site-installed
	npm ci --prefix tools/js --silent --no-audit --no-fund
	$(BIN)/python tools/minify.py

bench: $(VENV)/.test-installed
	$(BIN)/python tools/bench.py

audit: browser
	bash tools/audit.sh

# The yardstick for the seed lesson's score: the same Markdown on a plain Material page, at the
# same path, built without the lessons plugin (tools/audit_plain.py writes it under .audit/plain).
audit-plain: browser
	config=$$($(BIN)/python tools/audit_plain.py) && AUDIT_CONFIG=$$config bash tools/audit.sh

# The authors' guide's table of every message, regenerated from the code.
messages: $(VENV)/.test-installed
	$(BIN)/python tools/messages.py --write

# The example site's sources, checked without a build.
check: $(VENV)/.test-installed
	$(BIN)/mkdocs-lessons check

clean:
	rm -rf site .bench .audit .pytest_cache .mypy_cache .ruff_cache
