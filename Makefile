# Simpul — two commands: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test install install-test assets messages system-deps lint typecheck pytest clean-demo

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Front-end assets from npm, copied into the app's static files (served by WhiteNoise, never a CDN).
assets: node_modules/.installed
	$(BIN)/python scripts/vendor_assets.py

messages: $(VENV)/.installed
	$(BIN)/python -m simpul.core.i18n

system-deps:
	bash scripts/system-deps.sh

demo: install assets messages
	SIMPUL_DEMO=1 SIMPUL_INSECURE_HTTP=1 $(BIN)/simpul demo

lint: install-test
	$(BIN)/ruff check simpul tests bench conftest.py
	$(BIN)/lint-imports --no-cache
	$(BIN)/python scripts/i18n_check.py

typecheck: install-test
	$(BIN)/mypy simpul

pytest: install-test assets messages
	$(BIN)/pytest $(PYTEST_ARGS)

# The whole suite: lint, types, translations, unit/API/access tests and browser tests.
# With DATABASE_URL=postgres://... the same suite runs on PostgreSQL.
test: system-deps install-test assets messages lint typecheck
	$(BIN)/pytest $(PYTEST_ARGS)

clean-demo:
	rm -rf var/
