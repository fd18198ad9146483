# Every target bootstraps .venv from requirements.lock when it is missing or its content changed
# (scripts/venv_stamp.py: a hash of requirements.lock and pyproject.toml, never file times).
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The Python that creates .venv: 3.12 or newer (Django 6.1, which the code samples
# run against, needs it). The one an existing .venv was made with, else the first of
# python3.13, python3.12, python3 that runs and is new enough, else the newest 3.12+
# under pyenv (PYENV_ROOT, `pyenv root` or ~/.pyenv); looked up once, when first
# needed. `make PYTHON=...` chooses one. A .venv made by an older Python is rebuilt.
PY_NEW_ENOUGH := import sys; assert sys.version_info >= (3, 12)
PY_NEEDED := needs Python 3.12 or newer: install one (e.g. pyenv install 3.12) \
	or run make PYTHON=/path/to/python3.12
PYTHON ?= $(eval PYTHON := $(shell $(FIND_PYTHON)))$(PYTHON)
FIND_PYTHON := home=$$(sed -n 's/^home *= *//p' $(VENV)/pyvenv.cfg 2>/dev/null); \
	for p in $${home:+"$$home/python3"} python3.13 python3.12 python3; do \
		$$p -c '$(PY_NEW_ENOUGH)' >/dev/null 2>&1 && { echo $$p; exit 0; }; \
	done; \
	for p in $$(ls -d "$${PYENV_ROOT:-$$(pyenv root 2>/dev/null)}"/versions/3.1[2-9]*/bin/python3 \
		"$(HOME)"/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -urV); do \
		"$$p" -c '$(PY_NEW_ENOUGH)' >/dev/null 2>&1 && { echo "$$p"; exit 0; }; \
	done
CHECK_PYTHON = { $(PYTHON) -c '$(PY_NEW_ENOUGH)' >/dev/null 2>&1 \
	|| { echo "make: $(PY_NEEDED)$(if $(PYTHON), (not $(PYTHON)))" >&2; exit 1; }; }
OLD_VENV := $(shell awk -F '[ =.]+' '/^version *=/ && $$2 == 3 && $$3 < 12 { print "old" }' \
	$(VENV)/pyvenv.cfg 2>/dev/null)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve build stage test check lint typecheck validate bench lock clean FORCE

# Checked on every run (it only reads two files and a stamp): reinstalls when the content changed,
# repairs an editable install that points at another checkout, refuses a borrowed venv.
$(STAMP): FORCE
	@$(CHECK_PYTHON)
	@$(if $(OLD_VENV),echo "make: $(VENV) was made by a Python older than 3.12; rebuilding it" \
		&& rm -rf $(VENV))
	@$(PYTHON) scripts/venv_stamp.py --venv $(VENV) --python $(PYTHON)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## Preview with live reload; rebuilds on changes under data/, macros/, overrides/ and content/.
serve: $(STAMP)
	$(BIN)/python scripts/editor-schemas
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --livereload --dev-addr $(HOST):$(PORT) \
		--watch data --watch macros --watch overrides

## Strict, atomic build into site/: a failed build leaves the last good site/ untouched.
build: $(STAMP)
	$(BIN)/comparison build

## The whole site as plain files and a plugin-free config, for a second engine:
## `.venv/bin/zensical build -f $(STAGE_DIR)/mkdocs.yml` (see README, "Second engine").
STAGE_DIR ?= .build/stage
stage: $(STAMP)
	$(BIN)/comparison stage $(STAGE_DIR)

## Check the data without building: every check of the build (macros/pipeline.py), the data
## read once. Both this and serve refresh the editor's schemas (.cache/editor-schemas/, with
## the data's ids). scripts/lint lists the same problems by check and repairs what is safe.
validate: $(STAMP)
	$(BIN)/comparison validate

lint: $(STAMP)
	$(BIN)/ruff check macros harness scripts tests
	$(BIN)/ruff format --check macros harness scripts tests

typecheck: $(STAMP)
	$(BIN)/mypy

## Every test: static checks, unit, golden, integration, browser, on every core
## (pytest-xdist: a test file on one worker, tests/deploy/ on one worker; tests/conftest.py).
## The quick loop without whole-site builds and browsers: make test PYTEST_ARGS='-m "not slow"'.
PYTEST_ARGS ?=
test: $(STAMP) node_modules/.installed
	$(BIN)/ruff check macros harness scripts tests
	$(BIN)/ruff format --check macros harness scripts tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -n auto --dist loadfile $(PYTEST_ARGS)

bench: $(STAMP) node_modules/.installed
	scripts/bench/run

## Refresh requirements.lock from pyproject.toml (needs network to PyPI).
lock:
	@$(CHECK_PYTHON)
	$(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet pip-tools
	.venv-lock/bin/pip-compile --quiet --all-extras --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links \
		-o requirements.lock pyproject.toml
	rm -rf .venv-lock

clean:
	rm -rf site .build $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
