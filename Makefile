# Every target that needs .venv runs `uv sync --locked` first (a few tenths of a second when
# nothing changed): uv installs uv.lock (universal, hash-pinned) with the dev, docs-engine
# and browser groups and this checkout (editable), removes what the lock does not hold, and
# re-points the editable install of a .venv copied along with its checkout. The code samples
# have their own project and lock in samples/ (`make samples`, README "Code samples").
# `make VENV=.venv-3.13 PYTHON=python3.13 build` keeps a second environment (.ci/run does).
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# uv, pinned and hashed in uv-requirements.txt, installed once into .tools/ with pip from the
# Python below (README, "Set-up"); `make UV=uv` uses one already on the PATH. uv never
# downloads a Python here.
UV_VERSION := 0.13.8
UV_HOME := .tools/uv-$(UV_VERSION)
UV ?= $(UV_HOME)/bin/uv
export UV_PYTHON_DOWNLOADS := never
UV_SYNC = UV_PROJECT_ENVIRONMENT=$(CURDIR)/$(1) $(UV) sync --locked --quiet

# $(call find_python,MINOR,VENV): the Python that makes VENV, 3.MINOR or newer: the one VENV
# was made with, else the first of python3, python3.14 ... python3.11 that runs and is new
# enough, else the newest one under pyenv (PYENV_ROOT or ~/.pyenv). A pyenv shim for a
# version that is not selected exits 127, so every candidate is run, not just looked up.
PY_AT_LEAST = import sys; assert sys.version_info >= (3, $(1))
find_python = home=$$(sed -n 's/^home *= *//p' $(2)/pyvenv.cfg 2>/dev/null); \
	for p in $${home:+"$$home/python3"} python3 python3.14 python3.13 python3.12 python3.11; do \
		$$p -c '$(PY_AT_LEAST)' >/dev/null 2>&1 && { echo $$p; exit 0; }; \
	done; \
	for p in $$(ls -d "$${PYENV_ROOT:-$(HOME)/.pyenv}"/versions/3.*/bin/python3 2>/dev/null \
		| sort -urV); do \
		"$$p" -c '$(PY_AT_LEAST)' >/dev/null 2>&1 && { echo "$$p"; exit 0; }; \
	done

# The site tool runs on Python 3.11 or newer; `make PYTHON=/path/to/python3.11 ...` picks one
# (an existing .venv made by another Python is then remade by uv). Looked up once, when needed.
PYTHON ?= $(eval PYTHON := $(shell $(call find_python,11,$(VENV))))$(PYTHON)
CHECK_PYTHON = { $(PYTHON) -c '$(call PY_AT_LEAST,11)' >/dev/null 2>&1 \
	|| { echo "make: needs Python 3.11 or newer: install one (e.g. apt-get install python3, \
	or pyenv install 3.13) or run make PYTHON=/path/to/python3$(if $(PYTHON), (not $(PYTHON)))" >&2; \
	exit 1; }; }
# A .venv that is a link to (or inside) a folder outside this checkout belongs to another
# checkout: syncing it would re-point its editable install here and break that checkout.
CHECK_OWN_VENV = owner=$$(cd $(VENV) 2>/dev/null && pwd -P); \
	if [ -n "$$owner" ] && [ "$$owner" != "$$(pwd -P)/$(VENV)" ]; then \
		echo "make: $(VENV) is borrowed from $$owner; syncing it would re-point it at this \
	checkout: give this checkout its own: rm $(VENV) && make" >&2; exit 1; fi

# The code samples' Python: 3.12 or newer (Django 6.1). `make SAMPLES_PYTHON=...` picks one.
SAMPLES_VENV := samples/.venv
SAMPLES_PYTHON ?= $(eval SAMPLES_PYTHON := \
	$(shell $(call find_python,12,$(SAMPLES_VENV))))$(SAMPLES_PYTHON)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve build stage test check lint typecheck validate bench lock samples clean FORCE

NO_PIP = $(PYTHON) has no pip to install uv with: install it (Debian: apt-get install \
	python3-pip), or install uv and run make UV=uv
# The pinned uv, installed with pip when missing; a UV given on the command line is used as is.
ENSURE_UV = $(if $(filter $(UV_HOME)/%,$(UV)),test -x $(UV) || { $(CHECK_PYTHON) \
	&& { $(PYTHON) -m pip --version >/dev/null 2>&1 || { echo "make: $(NO_PIP)" >&2; exit 1; }; } \
	&& echo "make: installing uv $(UV_VERSION) into $(UV_HOME)" \
	&& $(PYTHON) -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
		--upgrade --require-hashes --target $(UV_HOME) -r uv-requirements.txt; },true)

# Checked on every run: uv reinstalls only what differs from uv.lock (content, not file times).
$(STAMP): FORCE
	@$(CHECK_PYTHON)
	@$(CHECK_OWN_VENV)
	@$(ENSURE_UV)
	@$(call UV_SYNC,$(VENV)) --python $(PYTHON)
	@touch $(STAMP)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Lighthouse (make bench only) has its own package.json and lock in scripts/bench/: its
# 200 packages would triple what `make test` installs. Installed under .tools/.
BENCH_NODE := .tools/bench-node
$(BENCH_NODE)/node_modules/.installed: scripts/bench/package.json scripts/bench/package-lock.json
	@mkdir -p $(BENCH_NODE)
	cp scripts/bench/package.json scripts/bench/package-lock.json $(BENCH_NODE)/
	npm ci --prefix $(BENCH_NODE) --no-audit --no-fund --loglevel=error
	@touch $@

## Preview with live reload; rebuilds on changes under data/, macros/, overrides/ and content/.
serve: $(STAMP)
	$(BIN)/python scripts/editor-schemas
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m mkdocs serve --livereload --dev-addr $(HOST):$(PORT) \
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
	$(BIN)/python -m mypy

## Every test: static checks, unit, golden, integration, browser, on every core
## (pytest-xdist: a test file on one worker, tests/deploy/ on one worker; tests/conftest.py),
## then the code samples in their own environment (make samples).
## The quick loop without whole-site builds and browsers: make test PYTEST_ARGS='-m "not slow"'.
PYTEST_ARGS ?=
test: $(STAMP) node_modules/.installed
	$(BIN)/ruff check macros harness scripts tests
	$(BIN)/ruff format --check macros harness scripts tests
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest -n auto --dist loadfile $(PYTEST_ARGS)
	@$(MAKE) --no-print-directory samples

## The code samples (tests/content/test_samples.py) against the exact releases the site
## describes, in their own environment: samples/.venv from samples/uv.lock, on Python 3.12+
## (Django 6.1). Without such a Python: one line saying what to install, and the samples are
## not run; with REQUIRE_SAMPLES=1 (CI) that is an error.
# Each sample starts its framework and computes the whole time: one worker per core
# (16 s -> 11 s on 2 cores).
CORES := $(shell getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
SAMPLES_NEEDED := the code samples need Python 3.12 or newer (Django 6.1): install one \
	(e.g. pyenv install 3.13) or run make SAMPLES_PYTHON=/path/to/python3.12
samples:
	@if [ -z "$(SAMPLES_PYTHON)" ]; then \
		if [ -n "$$REQUIRE_SAMPLES" ]; then echo "make: $(SAMPLES_NEEDED)" >&2; exit 1; fi; \
		echo "make: $(SAMPLES_NEEDED); not run here (CI runs them)" >&2; exit 0; \
	fi; \
	$(ENSURE_UV) && $(call UV_SYNC,$(SAMPLES_VENV)) --project samples --python $(SAMPLES_PYTHON) \
	&& $(SAMPLES_VENV)/bin/python -m pytest -q -n $(CORES) tests/content/test_samples.py $(PYTEST_ARGS)

bench: $(STAMP) node_modules/.installed $(BENCH_NODE)/node_modules/.installed
	scripts/bench/run

## Refresh uv.lock (the site tool) and samples/uv.lock (the code samples) from their
## pyproject.toml files (needs network to PyPI). Locked versions that still fit are kept;
## `make lock LOCK_ARGS='--upgrade-package NAME'` moves one.
LOCK_ARGS ?=
lock:
	@$(CHECK_PYTHON)
	@$(ENSURE_UV)
	$(UV) lock --python $(PYTHON) $(LOCK_ARGS)
	@[ -n "$(SAMPLES_PYTHON)" ] || { echo "make: $(SAMPLES_NEEDED)" >&2; exit 1; }
	$(UV) lock --project samples --python $(SAMPLES_PYTHON) $(LOCK_ARGS)

clean:
	rm -rf site .build $(VENV) $(SAMPLES_VENV) .tools node_modules .pytest_cache .mypy_cache \
		.ruff_cache
