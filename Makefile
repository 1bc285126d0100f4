# Two commands: `make run` and `make test`. Everything else is a helper of those.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
LANGS := en ar uk tr fa ps ti ku ru so fr ro
PLUGINS := events orgdirectory
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install messages compilemessages migrate demo serve lint bench ci clean publish-scheduled backup restore

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt requirements-test.txt events/pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

install: $(VENV)/.installed

compilemessages: install
	$(MANAGE) compilemessages --ignore=.venv $(foreach p,$(PLUGINS),--ignore=$(p)) -v0

migrate: compilemessages
	$(MANAGE) migrate --no-input -v0

# The admin login is printed last, right above the server's own lines, where it is seen.
demo: migrate
	$(MANAGE) load_demo_content
	$(MANAGE) ensure_example_users
	WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT) $(MANAGE) ensure_admin

serve:
	$(MANAGE) runserver $(HOST):$(PORT)

# Scheduled publishing: publish_scheduled runs every minute beside the server.
run: demo
	@echo "Website:   http://$(HOST):$(PORT)/"
	@(while sleep 60; do $(MANAGE) publish_scheduled >/dev/null; done) & \
	  trap "kill $$! 2>/dev/null" EXIT INT TERM; \
	  WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT) $(MANAGE) runserver $(HOST):$(PORT)

test: compilemessages
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .

# Extract new interface strings into every catalogue (German is the source language).
# The plugins keep their own catalogues (events/locale, orgdirectory/locale, German included) and ship them compiled.
messages: install
	$(MANAGE) makemessages $(foreach l,$(LANGS),-l $(l)) --ignore=.venv --ignore=staticfiles --ignore=tests --ignore=bench $(foreach p,$(PLUGINS),--ignore=$(p)) --add-location=file -v0
	$(MANAGE) fix_plural_forms
	for plugin in $(PLUGINS); do \
	  (cd $$plugin && DJANGO_SETTINGS_MODULE=$$plugin.tests.settings ../$(BIN)/django-admin makemessages -l de $(foreach l,$(LANGS),-l $(l)) --ignore=tests --ignore=build --add-location=file -v0 \
	    && ../$(BIN)/django-admin compilemessages -v0) || exit 1; \
	done
	$(MANAGE) terms_in_new_strings

bench: install
	@if [ -f bench/run.py ]; then $(PY) bench/run.py; fi
	$(PY) bench/load.py
	$(PY) bench/editing.py

# Dated archive of database and uploads in backups/; `make restore FILE=backups/ak-backup-....tar.gz`.
backup: install
	$(MANAGE) backup_site

restore: install
	@test -n "$(FILE)" || (echo "usage: make restore FILE=backups/ak-backup-....tar.gz" && exit 2)
	$(MANAGE) restore_site "$(FILE)"

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
