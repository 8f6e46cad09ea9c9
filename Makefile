# The SESLIP website. `make run` serves it with demo content; `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# The virtualenv's Python: Debian's own (/usr/bin/python3) where it is 3.11 or newer and can make
# a virtualenv, else the first python3 on the PATH. Debian builds its Python with profile-guided
# and link-time optimisation; a Python built from source without them (pyenv's default) starts
# Django and runs the tests some 10-15% slower. `make install PYTHON=python3.13` chooses another.
SYSTEM_PYTHON := /usr/bin/python3
PYTHON ?= $(shell $(SYSTEM_PYTHON) -c 'import sys, ensurepip; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && echo $(SYSTEM_PYTHON) || echo python3)
PORT ?= 8000
DEV_SMTP_PORT ?= 1025
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
UV_VERSION := 0.13.9
SCSS := $(shell find static/src/scss -name '*.scss' 2>/dev/null)
CSS := static/dist/css/main.css

.PHONY: help install run stop serve test lint format lock bench bench-serve bench-email backup restore clean-db system-deps

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# --compile-bytecode: each process (the server's workers, a command, every test's subprocess)
# then reads the packages' bytecode instead of compiling them again; about half of Django's start
# where PYTHONDONTWRITEBYTECODE is set, as it is on some machines and in many containers.
$(VENV)/.installed: requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -r requirements.lock
	@touch $@

# --ignore-scripts: no package needs its install step here, and those of the HTTP Observatory
# (a dev tool for tests/seslip/test_observatory.py) download lists from the internet and compile
# a PostgreSQL client it does not use. Its HSTS preload list starts empty: no local host is on it.
OBSERVATORY_HSTS := node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json

node_modules/.installed: package-lock.json
	@command -v npm >/dev/null || { echo "Node.js and npm are needed for the front-end build."; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@test -f $(OBSERVATORY_HSTS) || echo '{}' > $(OBSERVATORY_HSTS)
	@touch $@

$(CSS): node_modules/.installed $(SCSS) static/src/copy-assets.mjs
	npm run --silent build

install: $(VENV)/.installed $(CSS) ## Install Python and front-end dependencies, build the CSS

run: install ## Start the database, migrate, load demo content and serve on http://127.0.0.1:$(PORT)
	@export WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-http://127.0.0.1:$(PORT)}" DEV_SMTP_PORT=$(DEV_SMTP_PORT); \
	trap 'kill $$scheduler $$worker $$mailserver 2>/dev/null; wait $$worker 2>/dev/null; $(PY) -m core.database release $$$$' EXIT; \
	$(PY) -m core.database hold $$$$ >/dev/null && \
	$(MANAGE) migrate --noinput -v0 && \
	$(MANAGE) load_demo_content && \
	$(MANAGE) import_benchmarking && \
	$(MANAGE) ensure_demo_accounts && \
	{ $(MANAGE) run_scheduler & scheduler=$$!; } && \
	{ $(MANAGE) run_dev_smtp & mailserver=$$!; } && \
	{ $(MANAGE) run_worker & worker=$$!; } && \
	echo "Email the site sends is kept in .mail/ (one .eml file per message)." && \
	echo "Serving on http://127.0.0.1:$(PORT)/ (admin at /admin/). Ctrl-C stops them all, and the database unless another command still uses it." && \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

stop: ## Stop the embedded database, even while another command holds it
	@$(PY) -m core.database stop

# `make serve TLS_CERT=cert.pem TLS_KEY=key.pem` serves over HTTPS with that certificate.
TLS_CERT ?=
TLS_KEY ?=
TLS_ARGS := $(if $(TLS_CERT),--ssl-certificate $(TLS_CERT) --ssl-keyfile $(TLS_KEY))
# The web server (docs/deployment.md says why Granian): two processes, each answering requests in
# threads, behind Granian's own HTTP front that waits for slow clients without holding a thread.
WEB_SERVER ?= $(VENV)/bin/granian --interface wsgi --host 127.0.0.1 --port $(PORT) \
  --workers 2 --blocking-threads 32 --backpressure 64 --respawn-failed-workers --no-ws \
  seslip.wsgi:application $(TLS_ARGS)

serve: install ## Run the production configuration locally (Granian, collected static files)
	@export DJANGO_SETTINGS_MODULE=seslip.settings.production \
	  SECRET_KEY="$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	  ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	  WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-$(if $(TLS_CERT),https://localhost,http://127.0.0.1):$(PORT)}" \
	  SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-$(if $(TLS_CERT),true,false)}"; \
	trap '$(PY) -m core.database release $$$$' EXIT; \
	$(PY) -m core.database hold $$$$ >/dev/null || exit 1; \
	export DATABASE_URL="$${DATABASE_URL:-$$($(PY) -m core.database url)}"; \
	$(MANAGE) collectstatic --noinput -v0 && $(MANAGE) migrate --noinput -v0 && \
	$(WEB_SERVER)

# Install with apt (as root) the Debian packages whose commands are missing, or say which to
# install: $(call apt_ensure,command:package …).
apt_ensure = missing=""; \
	for need in $(1); do command -v $${need%%:*} >/dev/null || missing="$$missing $${need\#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Please install:$$missing (e.g. sudo apt-get install$$missing)"; exit 1; fi; \
	fi

system-deps: ## Install Chromium, Java, Redis and wrk for the tests (as root, with apt)
	@$(call apt_ensure,chromium:chromium java:default-jre-headless redis-server:redis-server wrk:wrk)

test: install system-deps ## Install everything and run the whole test suite, browser tests beside the rest
	@trap '$(PY) -m core.database release $$$$ >/dev/null' EXIT; \
	$(PY) -m core.database hold $$$$ >/dev/null && $(PY) -m tests.parallel

lint: $(VENV)/.installed ## Check Python with ruff and templates with djhtml
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates

format: $(VENV)/.installed ## Format Python and templates
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

# The benchmarks' content: the demo and 600 updates of 10 items, in the scratch database `seslip_bench`
# (its address exported in DATABASE_URL for the commands that follow).
SCALE_DATA = export DATABASE_URL=$$($(PY) -m core.database recreate seslip_bench) && \
	$(MANAGE) migrate --noinput -v0 && $(MANAGE) load_demo_content && \
	$(MANAGE) generate_scale_data --updates 600 --items 10

bench: install ## Build 600 updates of 10 items in a scratch database and print page figures (no page cache)
	@$(SCALE_DATA) && SESLIP_PAGE_CACHE=off $(MANAGE) bench_pages

bench-serve: install ## Serve that data as `make serve` does; load pages with wrk, page cache on and off
	@$(call apt_ensure,wrk:wrk)
	@$(SCALE_DATA) && $(PY) -m bench.serve

bench-email: install ## Send an update to 5,000 subscribers through a local SMTP server; print the time
	@export DATABASE_URL=$$($(PY) -m core.database recreate seslip_bench_email) && \
	$(MANAGE) migrate --noinput -v0 && $(MANAGE) load_demo_content >/dev/null && \
	$(MANAGE) bench_send --subscribers 5000

backup: install ## Write the database and media to backups/seslip-<date>.tar (or OUTPUT=file)
	@$(MANAGE) backup $(if $(OUTPUT),--output "$(OUTPUT)")

restore: install ## Restore BACKUP=file into an empty database (DATABASE_URL, or a new embedded one)
	@test -n "$(BACKUP)" || { echo "Say which file: make restore BACKUP=backups/seslip-….tar"; exit 2; }
	@$(MANAGE) restore "$(BACKUP)"

lock: $(VENV)/.installed ## Re-resolve requirements.lock from pyproject.toml
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

clean-db: stop ## Delete the local database (asks first)
	@read -p "Delete .pgdata/ and all local content? [y/N] " ok && [ "$$ok" = y ] && rm -rf .pgdata
