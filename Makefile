# OCOP — the two set-up commands: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEV_ENV := DEBUG=1

.PHONY: run test lint browser pdf-libs demo-national check-deploy clean

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
run: $(VENV)/.installed pdf-libs
	@mkdir -p var
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput -v 0
	PORT=$(PORT) $(DEV_ENV) $(BIN)/python manage.py setup_demo
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Debian packages the project needs: Chromium for the browser tests (never a downloaded browser),
# Pango and DejaVu fonts for WeasyPrint's PDFs with Vietnamese text.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
define apt_ensure
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "Installing Debian packages: $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi
endef

pdf-libs:
	$(call apt_ensure,$(PDF_PACKAGES))

browser: pdf-libs
	$(call apt_ensure,chromium)

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
