# Two commands: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test check audit bench soak eval calibrate urgency-model clean install-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools

# Reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

# The check first, as staff run it before publishing: it shows what is wrong with the content and
# builds what serving loads (var/cache/), so serve starts from the cache. Its errors do not stop
# serve, which then serves the last good copy of the content, or refuses to start without one.
run: $(VENV)/.installed
	-$(BIN)/taxbot faq check
	$(BIN)/taxbot serve

test: $(VENV)/.installed-test
	$(BIN)/ruff check bot tests bench
	$(BIN)/mypy bot
	$(BIN)/taxbot faq check
	$(BIN)/python -m pytest -n auto

check: $(VENV)/.installed
	$(BIN)/taxbot faq check

bench: $(VENV)/.installed
	$(BIN)/python bench/match_bench.py
	$(BIN)/python bench/worst_case_bench.py

# How well it answers messages written apart from the FAQ: per set and per language (README, "Answer quality").
eval: $(VENV)/.installed
	$(BIN)/python bench/quality.py

# Choose the [matcher] thresholds on tests/data/calibration (prints them; changes nothing).
calibrate: $(VENV)/.installed
	$(BIN)/python bench/calibrate.py

# Train the learned urgency net on the sets the word lists were grown on (writes locales/urgency-model.npz).
urgency-model: $(VENV)/.installed
	$(BIN)/python bench/urgency_model.py

# Known vulnerabilities in the installed packages (.ci/run runs it after the tests).
audit: $(VENV)/.installed-test
	$(BIN)/python .ci/audit.py

# The wheel installed into a fresh virtual environment outside the checkout, as docs/deploy.md installs
# it: faq check, ask, and serve (/healthz and the page) from there (.ci/run runs it beside the tests).
install-check: $(VENV)/.installed-test
	$(BIN)/python .ci/install_check.py

# Minutes of signed SMS webhooks against `taxbot serve` on SQLite and on Redis.
soak: $(VENV)/.installed
	$(BIN)/python bench/load_soak.py

clean:
	rm -rf $(VENV) build *.egg-info
