# Two commands: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test check bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/taxbot serve

test: $(VENV)/.installed-test
	$(BIN)/ruff check bot tests bench
	$(BIN)/mypy bot
	$(BIN)/taxbot faq check
	$(BIN)/python -m pytest

check: $(VENV)/.installed
	$(BIN)/taxbot faq check

bench: $(VENV)/.installed
	$(BIN)/python bench/match_bench.py

clean:
	rm -rf $(VENV) build *.egg-info
