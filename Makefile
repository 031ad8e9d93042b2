# The two front-door commands (see README): `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install run test regenerate translations

$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --constraint constraints.txt --editable '.[test]'
	touch $@

install: $(BIN)/.installed

run: install
	$(BIN)/lires build
	$(BIN)/lires serve

test: install
	scripts/test.sh

regenerate: install
	$(BIN)/python -m ontology.generate

# Re-extract the pages' texts and merge them into the Dutch catalogue; then translate the new entries
# (empty msgstr) in viz/locale/nl/LC_MESSAGES/messages.po. Nothing is compiled: viz.i18n reads the .po.
translations: install
	mkdir -p .cache
	$(BIN)/pybabel extract -F babel.cfg --sort-output --no-location -o .cache/messages.pot .
	$(BIN)/pybabel update -i .cache/messages.pot -d viz/locale -D messages -l nl --no-fuzzy-matching --no-wrap --ignore-obsolete
