# The two front-door commands (see README): `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install run test regenerate

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
