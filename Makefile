# Two commands on a fresh machine: `make run` and `make test`. Needs only python3 and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test sweep lint format install migrate starter messages screenshots bench smoke graph clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): $(PY) requirements.txt requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

starter: migrate
	$(PY) manage.py load_initial_data --demo
	$(PY) manage.py sessions_generate

run: starter
	$(PY) manage.py runserver 127.0.0.1:8000

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: lint
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest
	@if [ -n "$$RANGKUL_TEST_POSTGRES_URL" ]; then \
		echo "Booking and buddy suites on PostgreSQL (concurrency races included):"; \
		DATABASE_URL="$$RANGKUL_TEST_POSTGRES_URL" $(VENV)/bin/pytest tests/booking tests/buddies tests/staff tests/security; \
	else \
		echo "RANGKUL_TEST_POSTGRES_URL is not set: the PostgreSQL run (and its race test) was skipped; .ci/run sets it."; \
	fi

# The booking, buddy, staff and support suites again with the clock set to each moment of the
# sweep (tests/clock.py names them; RANGKUL_TEST_CLOCK=<name or ISO time> runs any suite at one),
# and the browser journeys at the moments that cross an afternoon session and a year's end
# (the browser suite alone takes about five minutes a moment; CI has 90).
SWEEP ?= monday-0600 tuesday-1459 friday-2330 sunday-2000 new-year-eve-2350 before-christmas
SWEEP_SUITES ?= tests/booking tests/buddies tests/staff tests/support
SWEEP_BROWSER ?= tuesday-1459 new-year-eve-2350
sweep: install
	@for moment in $(SWEEP); do \
		started=$$(date +%s); \
		suites="$(SWEEP_SUITES)"; \
		case " $(SWEEP_BROWSER) " in *" $$moment "*) suites="$$suites tests/browser";; esac; \
		echo "Clock sweep at $$moment: $$suites"; \
		RANGKUL_TEST_CLOCK=$$moment $(VENV)/bin/pytest -q $$suites || exit 1; \
		echo "Clock sweep at $$moment took $$(( $$(date +%s) - started )) s"; \
	done

# Update the Indonesian catalog from the code, then compile it. Translate the new
# entries in locale/id/LC_MESSAGES/django.po and run `make messages` again.
messages: install
	$(PY) manage.py makemessages --locale id --ignore '.venv/*' --ignore 'static_collected/*' --no-obsolete
	$(PY) manage.py compilemessages --ignore '.venv/*'

# The key pages at 375 and 1280 px, for README.md (needs Debian's chromium).
screenshots: install
	RANGKUL_SCREENSHOTS=docs/screenshots RANGKUL_BROWSER_TESTS=1 $(VENV)/bin/pytest -q tests/browser/test_screenshots.py

# Page queries and times, throughput through gunicorn, session generation, booking under load, and
# every staff screen at a school year's data and ten times it: writes bench/RESULTS.md.
bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) db.sqlite3 var media static_collected

# Production processes (gunicorn, email worker, PostgreSQL, Redis, an SMTP sink) started and
# used over HTTP. Needs RANGKUL_TEST_POSTGRES_URL and Debian's redis-server; .ci/run has both.
# The app and module import graph, read from the code.
graph: install
	$(PY) manage.py import_graph

smoke: install
	$(PY) tests/smoke/production_smoke.py
