# The two commands of the README: `make run` and `make test`.
# Both create the virtual environment when it is missing, install the locked versions (with their
# hashes) from requirements/*.txt, and reinstall only when the lock or pyproject.toml changed.
# `make lock` refreshes the lock files from pyproject.toml.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
SITE_SOURCES := mkdocs.yml $(shell find docs overrides -type f 2>/dev/null)
# pip-tools lives in its own environment, so it never changes the locked versions in .venv.
LOCK_VENV := .venv-lock
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --no-emit-trusted-host --upgrade

.PHONY: run test lint format site db lock clean base-url

run: $(VENV)/.installed-run site/index.html db
	@# No gunicorn access log: it would print concrete paths, and status tokens travel in paths.
	@# The app logs route patterns instead (forms_service/access_log.py).
	@# Links in e-mails use NORRSKEN_BASE_URL: it follows HOST and PORT unless it is configured.
	NORRSKEN_BASE_URL="$$($(MAKE) -s --no-print-directory base-url)" \
	$(BIN)/gunicorn --workers 1 --threads 4 --bind $(HOST):$(PORT) 'forms_service:create_app()'

# The service's public address: NORRSKEN_BASE_URL from the environment or .env, else this server.
base-url:
	@url="$${NORRSKEN_BASE_URL:-$$(sed -n 's/^NORRSKEN_BASE_URL=//p' .env 2>/dev/null | tail -n 1)}"; \
	echo "$${url:-http://$(HOST):$(PORT)}"

test: $(VENV)/.installed-test
	bash scripts/install-system-packages.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest $(PYTEST_ARGS)
	@# Every test marked `db` (conftest.py marks those using the app fixtures) once more, on a
	@# throwaway PostgreSQL with Redis rate-limit storage.
	$(BIN)/python tests/services.py $(BIN)/pytest -q -m db $(PYTEST_ARGS)

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

# The locked dependencies with hash checking, then the project itself without dependencies.
$(VENV)/.installed-run: pyproject.toml requirements/run.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/run.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml requirements/test.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/test.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@ $(VENV)/.installed-run

# Newest versions allowed by pyproject.toml, pinned with hashes, for Python 3.11:
#   run.txt         the service and the site tool-chain (make run)
#   test.txt        that plus the test tools (make test)
#   production.txt  the service with PostgreSQL and Redis, no site tool-chain (README, Production)
lock:
	test -x $(LOCK_VENV)/bin/pip-compile || ($(PYTHON) -m venv $(LOCK_VENV) && \
		$(LOCK_VENV)/bin/pip install --quiet 'pip-tools>=7.4,<8')
	$(PIP_COMPILE) --extra site --output-file requirements/run.txt pyproject.toml
	$(PIP_COMPILE) --extra site --extra test --output-file requirements/test.txt pyproject.toml
	$(PIP_COMPILE) --extra postgres --extra redis --output-file requirements/production.txt \
		pyproject.toml

clean:
	rm -rf site .pytest_cache .ruff_cache .hypothesis
