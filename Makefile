# ancrage — `make run` and `make test` are all a fresh machine needs.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

UV_VERSION := 0.13.8
UV := .tools/bin/uv
BIN := .venv/bin
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/.venv
export UV_LINK_MODE := copy

HOST ?= 127.0.0.1
PORT ?= 8000
# The PostgreSQL server the tests use; a database of their own is created on it.
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
SQLITE_TEST_URL := sqlite:///$(CURDIR)/var/test/ancrage.db
PYTEST_ARGS ?=
# `make fuzz FUZZ_BACKENDS=sqlite` for one backend only.
FUZZ_BACKENDS ?= sqlite postgres

.PHONY: help install run migrate demo test lint typecheck test-sqlite test-postgres postgres \
        openapi clients bench bench-serve fuzz clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(UV):
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

.venv/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --quiet
	@touch $@

install: .venv/.synced ## create .venv and install the locked dependencies

migrate: install ## bring the database (DATABASE_URL, default var/ancrage.db) to the newest schema
	$(BIN)/alembic upgrade head

demo: migrate ## load the demo network when the database is empty
	$(BIN)/ancrage load-demo

run: demo ## install, migrate, load demo data and serve on http://$(HOST):$(PORT)
	@echo "Serving http://$(HOST):$(PORT) (API docs at /docs)"
	$(BIN)/ancrage serve --host $(HOST) --port $(PORT) --workers 1

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install ## mypy on api/ and bench/
	$(BIN)/mypy

test-sqlite: install ## API test suite on SQLite
	@echo "== API tests on SQLite =="
	@mkdir -p var/test
	TEST_DATABASE_URL=$(SQLITE_TEST_URL) $(BIN)/pytest -n 2 $(PYTEST_ARGS)

postgres: ## make sure PostgreSQL answers at 127.0.0.1:5432 (installs it if need be)
	@bash scripts/ensure-postgres.sh

test-postgres: install postgres ## API test suite on PostgreSQL
	@echo "== API tests on PostgreSQL =="
	TEST_DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 $(PYTEST_ARGS)

test: lint typecheck clients test-sqlite test-postgres ## install and run every check, on both backends
	@echo "== All checks passed; API test suite ran on: SQLite, PostgreSQL =="

openapi: install ## regenerate openapi/openapi.json from the app
	$(BIN)/ancrage openapi openapi/openapi.json

# Third-party generators, pinned: openapi-python-client in the dev group (uv.lock), openapi-typescript
# in openapi/clients (package-lock.json). A warning from either fails: it means a missing type.
CLIENTS := var/clients
NPM_TOOLS := openapi/clients

$(NPM_TOOLS)/node_modules/.installed: $(NPM_TOOLS)/package.json $(NPM_TOOLS)/package-lock.json
	cd $(NPM_TOOLS) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

clients: install $(NPM_TOOLS)/node_modules/.installed ## generate Python and TypeScript clients from openapi/openapi.json into var/clients; any warning fails
	@echo "== Clients generated from openapi/openapi.json =="
	@rm -rf $(CLIENTS) && mkdir -p $(CLIENTS)/python $(CLIENTS)/typescript
	$(BIN)/openapi-python-client generate --path openapi/openapi.json \
	    --output-path $(CLIENTS)/python/ancrage_client --meta none \
	    --config $(NPM_TOOLS)/python-client.yaml --fail-on-warning >$(CLIENTS)/python.log 2>&1 \
	    || { cat $(CLIENTS)/python.log; exit 1; }
	@if grep -qiE 'warning|error' $(CLIENTS)/python.log; then cat $(CLIENTS)/python.log; exit 1; fi
	$(NPM_TOOLS)/node_modules/.bin/openapi-typescript openapi/openapi.json \
	    -o $(CLIENTS)/typescript/schema.d.ts >$(CLIENTS)/typescript.log 2>&1 \
	    || { cat $(CLIENTS)/typescript.log; exit 1; }
	@if grep -qiE '⚠|warn|error' $(CLIENTS)/typescript.log; then cat $(CLIENTS)/typescript.log; exit 1; fi
	MYPYPATH=$(CLIENTS)/python $(BIN)/mypy --strict --follow-imports=silent $(NPM_TOOLS)/smoke.py
	$(NPM_TOOLS)/node_modules/.bin/tsc -p $(NPM_TOOLS)/tsconfig.json

bench: install postgres ## benchmarks (see bench/README.md), then bench-serve
	$(BIN)/python -m bench
	$(BIN)/python -m bench.serve

bench-serve: install postgres ## `ancrage serve`, 2 workers: 60 s mixed load, then PostgreSQL killed under writes
	$(BIN)/python -m bench.serve

fuzz: install postgres ## Schemathesis against a served app, SQLite then PostgreSQL (not in `make test`)
	PG_URL=$(PG_URL) bash scripts/fuzz.sh $(FUZZ_BACKENDS)

clean: ## remove the environments and local data
	rm -rf .venv .tools var .pytest_cache .mypy_cache .ruff_cache
