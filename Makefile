# Overseas Work Registry: `make run` serves it, `make test` checks it. Both set up what they need.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgresql://postgres@127.0.0.1:5432/postgres
CHROMIUM ?= /usr/bin/chromium
DEMO_PLACEMENTS ?= 6000
# Generated examples per operation and role in the contract fuzzing: `make test`, `make test-long`.
FUZZ_EXAMPLES ?= 10
LONG_FUZZ_EXAMPLES ?= 300
FRONTEND_SOURCES := $(shell find frontend/src frontend/index.html frontend/vite.config.ts frontend/tsconfig.json frontend/public frontend/scripts -type f 2>/dev/null)

.PHONY: run test setup lint typecheck test-backend test-backend-sqlite test-backend-postgres \
        test-fuzz test-long test-long-sqlite test-long-fuzz test-long-postgres \
        test-frontend test-browser guide-images openapi openapi-check frontend chromium clean help \
        bench bench-full bench-pg

help:
	@echo "make run     - set up and serve the API and the web app on http://$(HOST):$(PORT) (SQLite)"
	@echo "make test    - lint, types, backend tests (SQLite and PostgreSQL), frontend and browser tests"
	@echo "make test-long - the long live tests (crash recovery, two servers, load) on both databases"
	@echo "make bench  - the app next to the bare driver: reads and exports (minutes; PostgreSQL)"
	@echo "make bench-full - the same on 200,000 placements, more runs, and the ingest benchmark"
	@echo "make openapi - regenerate openapi/openapi.json and the frontend's client"

# --- setup -------------------------------------------------------------------------------

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

frontend/dist/index.html: frontend/node_modules/.installed $(FRONTEND_SOURCES)
	cd frontend && npm run build

frontend: frontend/dist/index.html

setup: $(BIN)/.installed frontend

# A local settings file with a fresh secret, made once.
.env:
	sed "s/^OVERSEAS_SECRET_KEY=.*/OVERSEAS_SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(32))')/" .env.example > .env

chromium:
	@command -v $(CHROMIUM) >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	  || { echo "could not install chromium; install it (apt-get install chromium)"; exit 1; }; }

# --- run ---------------------------------------------------------------------------------

run: setup .env
	$(BIN)/overseas db upgrade
	@test -f var/.demo-loaded || { $(BIN)/overseas demo load --placements $(DEMO_PLACEMENTS) && touch var/.demo-loaded; }
	@$(BIN)/overseas demo logins
	@echo "Serving on http://$(HOST):$(PORT)  (API docs at /docs)"
	$(BIN)/overseas serve --host $(HOST) --port $(PORT)

# --- checks ------------------------------------------------------------------------------

test: lint typecheck test-backend test-frontend test-browser

lint: $(BIN)/.installed
	$(BIN)/ruff check backend tests migrations bench
	$(BIN)/ruff format --check backend tests migrations bench
	$(BIN)/lint-imports

typecheck: $(BIN)/.installed
	$(BIN)/mypy

test-backend: test-backend-sqlite test-fuzz test-backend-postgres

# The tests marked `long` (minutes each) run apart, with `make test-long`; the contract
# fuzzing (marked `fuzz`) is a step of its own, on SQLite only.
test-backend-sqlite: $(BIN)/.installed
	OVERSEAS_TEST_DATABASE_URL= $(BIN)/pytest -q -m "not long and not fuzz"

# Every operation of the OpenAPI document, FUZZ_EXAMPLES generated requests per role.
test-fuzz: $(BIN)/.installed
	OVERSEAS_TEST_DATABASE_URL= OVERSEAS_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q -m "fuzz and not long"

# PostgreSQL when OVERSEAS_TEST_DATABASE_URL names one, or when one answers locally.
test-backend-postgres: $(BIN)/.installed
	@url="$${OVERSEAS_TEST_DATABASE_URL:-}"; \
	if [ -z "$$url" ] && $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  url="$(PG_URL)"; fi; \
	if [ -n "$$url" ]; then \
	  echo "Backend tests on PostgreSQL"; OVERSEAS_TEST_DATABASE_URL="$$url" $(BIN)/pytest -q -m "not long and not fuzz"; \
	else echo "No PostgreSQL answers at $(PG_URL) and OVERSEAS_TEST_DATABASE_URL is unset: PostgreSQL tests not run"; fi

# The long live tests: a server killed in the middle of batches, two servers on one
# database, and a minute of load; on SQLite, then on PostgreSQL as above.
test-long: test-long-sqlite test-long-fuzz test-long-postgres

test-long-sqlite: $(BIN)/.installed
	OVERSEAS_TEST_DATABASE_URL= $(BIN)/pytest -q -m long tests/live

# The contract fuzzing with LONG_FUZZ_EXAMPLES per operation and role, and every boundary case.
test-long-fuzz: $(BIN)/.installed
	OVERSEAS_TEST_DATABASE_URL= OVERSEAS_FUZZ_EXAMPLES=$(LONG_FUZZ_EXAMPLES) $(BIN)/pytest -q -m fuzz tests/test_fuzz.py

test-long-postgres: $(BIN)/.installed
	@url="$${OVERSEAS_TEST_DATABASE_URL:-}"; \
	if [ -z "$$url" ] && $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  url="$(PG_URL)"; fi; \
	if [ -n "$$url" ]; then \
	  echo "Long tests on PostgreSQL"; OVERSEAS_TEST_DATABASE_URL="$$url" $(BIN)/pytest -q -m long tests/live; \
	else echo "No PostgreSQL answers at $(PG_URL) and OVERSEAS_TEST_DATABASE_URL is unset: PostgreSQL long tests not run"; fi

test-frontend: frontend/node_modules/.installed openapi-check
	cd frontend && npm run typecheck && npm test

test-browser: setup chromium
	CHROMIUM_PATH=$(CHROMIUM) bash tests/browser/run.sh

# Refresh the user guide's screenshots (docs/images) from a browser test run.
guide-images: setup chromium
	OVERSEAS_GUIDE_IMAGES=1 CHROMIUM_PATH=$(CHROMIUM) bash tests/browser/run.sh

# --- benchmarks (bench/RESULTS.md) ----------------------------------------------------------

# Each benchmark makes a database overseas_bench_<random> of its own and drops it at the end.
BENCH_PLACEMENTS ?= 20000
BENCH_FULL_PLACEMENTS ?= 200000

bench-pg: $(BIN)/.installed
	@$(BIN)/python -c "import psycopg; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" \
	|| { echo "the benchmarks need PostgreSQL at $(PG_URL) (set PG_URL)"; exit 1; }

bench: bench-pg
	BENCH_PG_URL=$(subst postgresql://,postgresql+psycopg://,$(PG_URL)) $(BIN)/python bench/reads.py --placements $(BENCH_PLACEMENTS) --runs 3 --seconds 3
	BENCH_PG_URL=$(subst postgresql://,postgresql+psycopg://,$(PG_URL)) $(BIN)/python bench/export.py --placements $(BENCH_PLACEMENTS) --runs 3
	$(BIN)/python bench/sqlite_reads.py --placements $(BENCH_PLACEMENTS) --runs 3 --seconds 5

bench-full: bench-pg
	BENCH_PG_URL=$(subst postgresql://,postgresql+psycopg://,$(PG_URL)) $(BIN)/python bench/reads.py --placements $(BENCH_FULL_PLACEMENTS) --runs 5 --seconds 5
	BENCH_PG_URL=$(subst postgresql://,postgresql+psycopg://,$(PG_URL)) $(BIN)/python bench/export.py --placements $(BENCH_FULL_PLACEMENTS) --runs 3
	BENCH_PG_URL=$(subst postgresql://,postgresql+psycopg://,$(PG_URL)) $(BIN)/python bench/batch_ingest.py --db postgresql --rows 20000 --preload 100000
	$(BIN)/python bench/batch_ingest.py --db sqlite --rows 20000 --preload 100000
	$(BIN)/python bench/sqlite_reads.py --placements $(BENCH_FULL_PLACEMENTS) --runs 5 --seconds 10

# --- OpenAPI -----------------------------------------------------------------------------

openapi: $(BIN)/.installed frontend/node_modules/.installed
	OVERSEAS_ENV=development $(BIN)/overseas openapi --output openapi/openapi.json
	cd frontend && npm run generate

# The committed client (types and enum value arrays) must be what the committed OpenAPI
# document generates; `npm run generate` and `generate:check` share the one command line.
openapi-check: frontend/node_modules/.installed
	@cd frontend && npm run --silent generate:check >/dev/null 2>&1 \
	|| { echo "frontend/src/api/schema.ts is stale: run 'make openapi' and commit"; exit 1; }

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist .mypy_cache .ruff_cache .pytest_cache
