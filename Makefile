# OCOP — the two set-up commands: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEV_ENV := DEBUG=1

.PHONY: run test lint browser demo-national check-deploy clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

## run: install, migrate, load reference + demo data into SQLite, serve on http://127.0.0.1:$(PORT)
run: $(VENV)/.installed
	@mkdir -p var
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput -v 0
	PORT=$(PORT) $(DEV_ENV) $(BIN)/python manage.py setup_demo
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Browser tests drive Debian's Chromium (never a downloaded browser).
browser:
	@command -v chromium >/dev/null || { echo "Installing Debian's chromium for the browser tests…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## test: the whole suite (set DATABASE_URL to run it on PostgreSQL)
test: $(VENV)/.installed-dev browser
	OCOP_TESTING=1 $(BIN)/python -m pytest -n 2 -q

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## demo-national: the national-scale demo set (~20,000 products, 10,000 producers) for benchmarks
demo-national: $(VENV)/.installed
	@mkdir -p var
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput -v 0
	$(DEV_ENV) $(BIN)/python manage.py load_admin_units
	$(DEV_ENV) $(BIN)/python manage.py load_taxonomy
	$(DEV_ENV) $(BIN)/python manage.py generate_demo --size national

check-deploy: $(VENV)/.installed
	SECRET_KEY=check-deploy-$$(date +%s)-a-long-random-string-for-the-check-only ALLOWED_HOSTS=ocop.example.gov.vn \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf var staticfiles .pytest_cache
