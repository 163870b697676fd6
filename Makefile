# ancrage — `make run` and `make test` are all a fresh machine needs.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

UV_VERSION := 0.13.8
UV := .tools/bin/uv
BIN := .venv/bin
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/.venv
export UV_LINK_MODE := copy
# Every process (pytest's workers, each CLI or server a test starts, the clients' generators)
# would compile the project and its dependencies again, 2 s of CPU each, where the environment
# forbids writing bytecode: keep it, out of the source tree.
unexport PYTHONDONTWRITEBYTECODE
export PYTHONPYCACHEPREFIX := $(CURDIR)/var/pycache

HOST ?= 127.0.0.1
PORT ?= 8000
# The PostgreSQL server the tests use; a database of their own is created on it.
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
SQLITE_TEST_URL := sqlite:///$(CURDIR)/var/test/ancrage.db
PYTEST_ARGS ?=
# `make fuzz FUZZ_BACKENDS=sqlite` for one backend only.
FUZZ_BACKENDS ?= sqlite postgres

.PHONY: help install run migrate demo test lint typecheck test-sqlite test-postgres postgres \
        openapi clients bench bench-serve fuzz clean frontend frontend-check test-browser chromium dev

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

run: demo frontend ## install, migrate, load demo data, build the SPA, serve both on http://$(HOST):$(PORT) and run the webhook worker (Ctrl-C stops both)
	@echo "Serving http://$(HOST):$(PORT) (the SPA at /, API docs at /docs), webhook worker beside it"
	$(BIN)/ancrage worker & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT; \
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

test: lint typecheck clients frontend-check test-browser test-sqlite test-postgres ## install and run every check, on both backends and in Chromium
	@echo "== All checks passed; API test suite ran on: SQLite, PostgreSQL; SPA in Chromium =="

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

# The SPA (frontend/, see its README section): pinned in package-lock.json, installed by `npm ci`.
FRONTEND := frontend
NPM_RUN := cd $(FRONTEND) && npm run --silent
CHROMIUM := /usr/bin/chromium

$(FRONTEND)/node_modules/.installed: $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

frontend: $(FRONTEND)/node_modules/.installed ## build the SPA into frontend/dist (served at / by the API)
	$(NPM_RUN) build

frontend-check: $(FRONTEND)/node_modules/.installed ## SPA: generated API types up to date, biome, tsc, vitest
	@echo "== SPA: API types, lint, types, unit tests =="
	@mkdir -p var/frontend
	$(FRONTEND)/node_modules/.bin/openapi-typescript openapi/openapi.json \
	    -o var/frontend/schema.d.ts >var/frontend/types.log 2>&1 || { cat var/frontend/types.log; exit 1; }
	@cmp -s var/frontend/schema.d.ts $(FRONTEND)/src/api/schema.d.ts || { \
	    echo "frontend/src/api/schema.d.ts is stale: run 'cd frontend && npm run types' and commit it"; exit 1; }
	$(NPM_RUN) lint
	$(NPM_RUN) typecheck
	$(NPM_RUN) test

chromium: ## Debian's Chromium for the browser suite, installed when missing (no browser download)
	@test -x $(CHROMIUM) || { echo "Installing Debian's chromium"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test-browser: install frontend chromium ## browser suite: the SPA on the demo network in headless Chromium, axe, screenshots, budgets
	@echo "== SPA in Chromium (axe: WCAG 2.1 A and AA) =="
	$(NPM_RUN) e2e

dev: demo $(FRONTEND)/node_modules/.installed ## the API on $(PORT) and Vite's dev server (http://127.0.0.1:5173) proxying to it
	$(BIN)/ancrage serve --host $(HOST) --port $(PORT) --workers 1 & api=$$!; \
	trap 'kill $$api' EXIT; cd $(FRONTEND) && ANCRAGE_API=http://$(HOST):$(PORT) npx vite --host 127.0.0.1

clean: ## remove the environments and local data
	rm -rf .venv .tools var .pytest_cache .mypy_cache .ruff_cache $(FRONTEND)/node_modules $(FRONTEND)/dist
