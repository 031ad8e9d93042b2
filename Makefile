# The two front-door commands (see README): `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install install-test run test regenerate translations

# What serving needs, and nothing else (`make run`).
$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --constraint constraints.txt --editable .
	touch $@

# The test tool-chain on top (`make test`, `make regenerate`): pytest, Playwright, linkml, ruff, mypy, ...
$(BIN)/.installed-test: $(BIN)/.installed
	$(BIN)/pip install --quiet --constraint constraints.txt --editable '.[test]'
	touch $@

install: $(BIN)/.installed

install-test: $(BIN)/.installed-test

# Build the graph from data/ and serve it at http://$(HOST):$(PORT)/ (e.g. `make run PORT=8123`).
run: install
	$(BIN)/lires build
	$(BIN)/lires serve --host $(HOST) --port $(PORT)

test: install-test
	scripts/test.sh

regenerate: install-test
	$(BIN)/python -m ontology.generate

# Re-extract the pages' texts and merge them into the Dutch catalogue; then translate the new entries
# (empty msgstr) in viz/locale/nl/LC_MESSAGES/messages.po. Nothing is compiled: viz.i18n reads the .po.
translations: install
	mkdir -p .cache
	$(BIN)/pybabel extract -F babel.cfg --sort-output --no-location -o .cache/messages.pot .
	$(BIN)/pybabel update -i .cache/messages.pot -d viz/locale -D messages -l nl --no-fuzzy-matching --no-wrap --ignore-obsolete
