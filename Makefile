# The two commands of the README: `make run` and `make test`.
# Both create the virtual environment when it is missing and reinstall only when pyproject.toml changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
POSTGRES_TESTS := tests/test_app_skeleton.py tests/test_public_forms.py tests/test_coordinator.py \
	tests/test_statistics.py tests/test_jobs.py tests/test_migrations.py tests/test_backup.py \
	tests/test_doctor.py
SITE_SOURCES := mkdocs.yml $(shell find docs overrides -type f 2>/dev/null)

.PHONY: run test lint format site db clean

run: $(VENV)/.installed-run site/index.html db
	@# No gunicorn access log: it would print concrete paths, and status tokens travel in paths.
	@# The app logs route patterns instead (forms_service/access_log.py).
	$(BIN)/gunicorn --workers 1 --threads 4 --bind $(HOST):$(PORT) 'forms_service:create_app()'

test: $(VENV)/.installed-test
	bash scripts/install-system-packages.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest $(PYTEST_ARGS)
	@# The database-touching tests once more, on PostgreSQL with Redis rate-limit storage.
	$(BIN)/python tests/services.py $(BIN)/pytest -q $(PYTEST_ARGS) $(POSTGRES_TESTS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

site: site/index.html

site/index.html: $(VENV)/.installed-run $(SITE_SOURCES)
	$(BIN)/mkdocs build --strict --quiet
	@touch $@

db: $(VENV)/.installed-run
	$(BIN)/flask --app forms_service db upgrade

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed-run

clean:
	rm -rf site .pytest_cache .ruff_cache .hypothesis
