# Two commands on a fresh clone: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint setup messages compose-check bench clean backup restore

# Development settings for manage.py on this machine (git-ignored; production sets real variables).
local.env:
	printf '# Written by make setup for local development. Production sets real environment variables.\nDEBUG=true\n' > $@

$(VENV)/.installed: requirements.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

# Install, compile the Chinese catalogues.
setup: $(VENV)/.installed local.env
	DEBUG=true $(BIN)/python manage.py compilemessages --ignore=.venv -v 0

# The app with demo data. SQLite and an embedded (filesystem) Celery broker unless DATABASE_URL /
# REDIS_URL say otherwise. A worker with beat runs beside the web server; Ctrl-C stops all three.
run: setup
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py migrate --no-input -v 0
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py load_demo
	@mkdir -p var/broker/out var/broker/processed var/broker/control
	@echo "Starting on http://$(HOST):$(PORT)/  (worker and beat in the background; logs in var/celery.log)"
	@DEBUG=$${DEBUG:-true} bash -c '\
	  $(BIN)/celery -A yangcheng_projects worker --beat --loglevel=INFO --concurrency=1 \
	    --schedule=var/celerybeat-schedule >var/celery.log 2>&1 & celery_pid=$$!; \
	  trap "kill $$celery_pid 2>/dev/null" EXIT INT TERM; \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT)'

# The lint gate first, then the suite. scripts/test_env.sh says which database and Redis it uses.
test: lint
	@eval "$$(scripts/test_env.sh)"; \
	  DEBUG=false $(BIN)/python -m pytest $(PYTEST_ARGS)
	@$(MAKE) --no-print-directory compose-check

# The lint and type gate (pyproject.toml; the layers of ARCHITECTURE.md). .pre-commit-config.yaml runs the same.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/lint-imports

# Validates docker-compose.yml where a compose binary exists (no engine needed).
compose-check:
	@if command -v docker-compose >/dev/null 2>&1; then \
	  SECRET_KEY=x POSTGRES_PASSWORD=x docker-compose -f docker-compose.yml config -q && echo "docker-compose.yml is valid"; \
	else echo "docker-compose not installed: docker-compose.yml not validated"; fi

# Regenerate the one zh-hans catalogue (locale/) after changing user-facing strings, then fill in msgstr
# (scripts/po_untranslated.py lists what is missing, scripts/po_fill.py fills it from a JSON map).
messages: setup
	DEBUG=true $(BIN)/python manage.py makemessages -l zh_Hans --no-obsolete -v 0 \
	  --ignore=.venv --ignore=tests --ignore=var --ignore=staticfiles --ignore=bench

# A backup of the PostgreSQL database (pg_dump, custom format) and the uploads, with SHA-256 checksums, in
# BACKUP_DIR (default var/backups), keeping the newest BACKUP_KEEP (14). Needs DATABASE_URL. See README.
backup:
	scripts/backup.sh

# Restore one: `make restore BACKUP=var/backups/yangcheng-20250101-020000` (checksums checked first).
restore:
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/yangcheng-YYYYmmdd-HHMMSS"; exit 2; }
	scripts/restore.sh "$(BACKUP)"

bench: setup
	DEBUG=true $(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var staticfiles db.sqlite3 local.env
