# SAKIP — two commands for a fresh Debian machine: `make run` and `make test`.
SHELL := /bin/bash
PY := .venv/bin/python
UV := .venv/bin/uv
STAMP := .venv/.installed-$(shell cat requirements/dev.lock 2>/dev/null | sha1sum | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000

# Debian packages: WeasyPrint's libraries and fonts with every glyph (runtime); Chromium and
# poppler for the browser and PDF tests.
APT_RUNTIME := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
	fonts-liberation2 fonts-noto-core
APT_TEST := chromium libatomic1 poppler-utils

.PHONY: install install-system install-system-test run serve worker demo test test-fast lint check bench clean

install: install-system $(STAMP)

install-system:
	@bash scripts/apt-ensure.sh $(APT_RUNTIME)

install-system-test:
	@bash scripts/apt-ensure.sh $(APT_RUNTIME) $(APT_TEST)

$(STAMP): requirements/dev.lock
	@test -x $(PY) || python3 -m venv .venv
	@test -x $(UV) || $(PY) -m pip install -q uv
	$(UV) pip install -q --python $(PY) -r requirements/dev.lock
	@rm -f .venv/.installed-* && touch $(STAMP)

run: install
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py demo
	@echo ""
	@echo "SAKIP berjalan di http://$(HOST):$(PORT)/  (hentikan dengan Ctrl+C)"
	@echo "Akun demo (kata sandi: sakip-demo): admin, perencana, kepala, inspektorat, staf.rehsos, staf.linjamsos"
	@echo ""
	@trap 'kill 0' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py sakip_worker --queue-name '*' >var/worker.log 2>&1 & \
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# --- Production on one machine (README "Menjalankan di server") ---
# DEBUG off; refuses to start without SECRET_KEY; DATABASE_URL=postgres://… (SQLite only for a
# trial, with a warning); HOST/PORT; collectstatic + migrate, then gunicorn
# (deploy/gunicorn.conf.py) and the task worker, stopped together by Ctrl+C.
serve: install
	@# On PostgreSQL, `manage.py backup`/`restore` need pg_dump/pg_restore on this machine.
	@case "$${DATABASE_URL:-}" in postgres*) bash scripts/apt-ensure.sh postgresql-client;; esac
	HOST=$(HOST) PORT=$(PORT) $(PY) scripts/serve.py

# The task worker alone (systemd runs it as deploy/sakip-worker.service).
worker: install
	DEBUG=0 $(PY) manage.py sakip_worker --queue-name '*' --no-reload

demo: install
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py demo

# pytest-xdist: one worker per core, each with its own test database holding the demo office
# (tests/conftest.py). `make test PYTEST_ARGS="-n 0"` runs in one process.
PYTEST_WORKERS ?= auto

test: install install-system-test $(STAMP)
	$(PY) -m ruff check .
	.venv/bin/lint-imports --no-cache
	SAKIP_TESTING=1 $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Unit, service and page tests: no browser, no PDF layout (markers in pyproject.toml).
test-fast: install
	$(PY) -m pytest -n $(PYTEST_WORKERS) -m "not browser and not slow" $(PYTEST_ARGS)

lint: $(STAMP)
	$(PY) -m ruff check .
	.venv/bin/lint-imports --no-cache

bench: install
	$(PY) bench/run.py

clean:
	rm -rf .venv db.sqlite3 var .pytest_cache .ruff_cache
