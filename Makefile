# newsdesk: `make run` serves the demo newsroom, `make test` runs the whole suite.
# Every target installs what it needs into .venv, so a fresh clone needs nothing else.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NEWSDESK := $(BIN)/newsdesk
PORT ?= 8000
# Where PostgreSQL is reachable, `make test` runs the suite on it too.
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/newsdesk
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
# The suite runs in parallel processes (pytest-xdist), one per core; `make test TEST_WORKERS=0`
# runs it in one process. Extra pytest arguments: `make test-sqlite PYTEST_ARGS="-k feeds"`.
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
PARALLEL := $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadfile)

.PHONY: run install bytecode install-test frontend system-packages migrate demo serve test test-sqlite test-postgres \
        lint format check screenshot clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# The newsroom's body editor (frontend/): npm packages pinned by package-lock.json, bundled by
# esbuild into the articles app's static files. The bundle is built, never committed.
FRONTEND_BUNDLE := newsdesk/articles/static/articles/editor/editor.js
FRONTEND_SOURCES := $(wildcard frontend/src/*) frontend/build.mjs

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(FRONTEND_BUNDLE): frontend/node_modules/.installed $(FRONTEND_SOURCES)
	cd frontend && node build.mjs

frontend: $(FRONTEND_BUNDLE)

# The Nu HTML Checker (vnu-jar) and Lighthouse, bench-only npm packages: the suite checks
# rendered reader pages with the Nu checker (newsdesk/core/tests/test_html_valid.py).
bench/lighthouse/node_modules/.installed: bench/lighthouse/package.json bench/lighthouse/package-lock.json
	cd bench/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Byte-compiled once here, so that no command compiles the project as it starts: where
# PYTHONDONTWRITEBYTECODE is set, every `newsdesk` command and worker compiled its 160 modules
# again (0.12 s of each start). Files that did not change are skipped.
bytecode: $(VENV)/.installed
	@$(BIN)/python -m compileall -q newsdesk

install: $(VENV)/.installed $(FRONTEND_BUNDLE) bytecode

install-test: $(VENV)/.installed-test $(FRONTEND_BUNDLE) bytecode bench/lighthouse/node_modules/.installed system-packages

# Debian packages the tests drive: chromium for browser tests (Playwright never downloads a
# browser of its own), varnish with the xkey vmod for the purge integration test, nginx for the
# test that deploy/nginx.conf serves baked feeds with their feed type, Java for the Nu checker.
TEST_DEBIAN_PACKAGES := chromium varnish varnish-modules nginx-light openjdk-17-jre-headless
system-packages:
	@missing=""; for pkg in $(TEST_DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages for the tests:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing Debian packages:$$missing (needs root and apt): their tests will be skipped."; \
	  fi; \
	fi

migrate: install
	$(NEWSDESK) migrate --noinput

demo: migrate
	$(NEWSDESK) demo

# Share and canonical links use the address the site is served at, unless set otherwise.
export NEWSDESK_BASE_URL ?= http://127.0.0.1:$(PORT)

serve: install
	$(NEWSDESK) collectstatic --noinput -v0
	@echo ""
	@echo "  newsdesk runs at http://127.0.0.1:$(PORT)/"
	@echo "  Newsroom login:  http://127.0.0.1:$(PORT)/newsroom/"
	@echo "    demo accounts: redaktion / demo-redaktion-2026 (Redaktion), autorin / demo-autorin-2026 (Autor)"
	@echo "  Your own account: $(NEWSDESK) createsuperuser"
	@echo "  An editor account: $(NEWSDESK) create-editor NAME --role Redaktion  (Autor, Redaktion, Moderation, Admin)"
	@echo "  A task worker runs beside the app server: $(NEWSDESK) tasks list"
	@echo ""
	@# gthread: a browser's idle keep-alive connections wait in a poller instead of holding a
	@# sync worker for its 30 s timeout each (two idle tabs stalled the newsroom).
	$(BIN)/gunicorn newsdesk.wsgi:application --bind 127.0.0.1:$(PORT) --workers 2 \
	  --worker-class gthread --threads 4 --keep-alive 5 \
	  --access-logfile - --forwarded-allow-ips 127.0.0.1 -c python:newsdesk.taskqueue.embedded

run: demo serve

test: install-test
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory check
	$(MAKE) --no-print-directory test-sqlite
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(TEST_POSTGRES_URL)'.rsplit('/',1)[0] + '/postgres', connect_timeout=3).close()" 2>/dev/null; then \
	  $(MAKE) --no-print-directory test-postgres; \
	else \
	  echo "PostgreSQL is not reachable at $(TEST_POSTGRES_URL): the PostgreSQL run is skipped."; \
	fi

test-sqlite: install-test
	@echo "== Test suite on SQLite =="
	$(BIN)/pytest $(PARALLEL) $(PYTEST_ARGS)

test-postgres: install-test
	@if $(BIN)/python -c "import redis; redis.Redis.from_url('$(TEST_REDIS_URL)', socket_connect_timeout=3).ping()" 2>/dev/null; then \
	  echo "== Test suite on PostgreSQL with Redis =="; \
	  DATABASE_URL=$(TEST_POSTGRES_URL) CACHE_URL=$(TEST_REDIS_URL) $(BIN)/pytest $(PARALLEL) $(PYTEST_ARGS); \
	else \
	  echo "== Test suite on PostgreSQL (Redis not reachable at $(TEST_REDIS_URL)) =="; \
	  DATABASE_URL=$(TEST_POSTGRES_URL) $(BIN)/pytest $(PARALLEL) $(PYTEST_ARGS); \
	fi

lint: install-test
	$(BIN)/ruff check newsdesk
	$(BIN)/ruff format --check newsdesk

format: install-test
	$(BIN)/ruff check --fix newsdesk
	$(BIN)/ruff format newsdesk

check: install
	DJANGO_SETTINGS_MODULE=newsdesk.settings.test $(NEWSDESK) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=newsdesk.settings.test $(NEWSDESK) makemigrations --check --dry-run --noinput

# Retakes docs/showcase.png and the pictures of docs/newsroom.md from the browser tests.
screenshot: install-test
	NEWSDESK_SCREENSHOT=docs/showcase.png $(BIN)/pytest -m browser -k showcase
	NEWSDESK_SCREENSHOT_DIR=docs/newsroom $(BIN)/pytest -m browser newsdesk/newsroom/tests/test_docs_browser.py \
		newsdesk/desk/tests/test_corrections_browser.py

# Benchmarks (bench/README.md): builds its own database newsdesk_bench and Redis db 14, runs
# about 15 minutes, prints every figure, writes bench/results/latest.{json,md}.
# BENCH_ARGS=--quick for a smoke run of a few minutes.
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache frontend/node_modules newsdesk/articles/static/articles/editor
