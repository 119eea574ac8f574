# The README's commands. `make run` opens the dashboard; `make test` runs lint and every test.
# Installs are stamped: re-running on a ready machine takes seconds, not minutes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
PORT   ?= 8501
ARTICLES ?= 1000
JOBS   ?= 2
ROUNDS ?= 1

.PHONY: run test lint preprocess bench chromium clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test]"
	@touch $@

## run: install, build data/processed from data/raw when missing or stale, serve at http://localhost:$(PORT)
run: $(VENV)/.installed
	$(BIN)/pledge-explorer serve --raw data/raw --data data/processed --port $(PORT)

## chromium: Debian's Chromium for the browser test (root only; otherwise the browser tests skip and say why)
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser test..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	else \
		echo "NOTE: /usr/bin/chromium is missing and this user cannot install it (not root):"; \
		echo "      the browser tests will be SKIPPED. Install Debian's 'chromium' package to run them."; \
	fi

lint: $(VENV)/.installed-test
	$(BIN)/ruff check dashboard tests
	$(BIN)/mypy

## test: install with test dependencies, Chromium if possible, then lint and the whole test suite
test: $(VENV)/.installed-test chromium lint
	$(BIN)/pytest

## preprocess: rebuild data/processed from data/raw
preprocess: $(VENV)/.installed
	$(PY) -m dashboard.preprocess data/raw --out data/processed --jobs $(JOBS)

## bench: the performance benchmark (ARTICLES=1000 JOBS=2 ROUNDS=1 by default)
bench: $(VENV)/.installed-test
	$(PY) -m dashboard.bench --articles $(ARTICLES) --jobs $(JOBS) --rounds $(ROUNDS) --out bench-results/bench-$(ARTICLES).json

clean:
	rm -rf data/processed data/uploads .pytest_cache .ruff_cache .mypy_cache
