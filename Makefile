# Opbouw: `make run` starts the app with demo data, `make test` runs the test suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
SCALE  ?= city
PYTEST_ARGS ?=

.PHONY: run test e2e lint bench install migrate demo reset check-deploy messages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py demo_data --if-empty --scale $(SCALE)

run: demo
	@echo "Opbouw draait op http://$(HOST):$(PORT)/  (stoppen: Ctrl+C)"
	$(PY) manage.py runserver --noreload $(HOST):$(PORT)

test: install
	$(PY) -m pytest -m "not e2e" $(PYTEST_ARGS)

e2e: install
	$(PY) -m pytest -m e2e e2e $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check opbouw config bench e2e testing conftest.py
	$(PY) -m mypy

bench: install
	$(PY) bench/demo_data.py
	$(PY) bench/pages.py tiny city
	$(PY) bench/exports.py city
	$(PY) bench/reports.py city national

reset:
	rm -f var/opbouw.sqlite3 var/opbouw.sqlite3-wal var/opbouw.sqlite3-shm

messages: install
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=var --ignore=e2e --ignore=bench
	$(PY) manage.py compilemessages -l en

check-deploy: install
	DEBUG=0 HTTPS=1 SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	  ALLOWED_HOSTS=opbouw.example.nl $(PY) manage.py check --deploy --fail-level WARNING
