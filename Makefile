# The README's commands. A fresh machine needs only Python 3.11 or later.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: install run test lint format messages ci clean browser-tools bench lighthouse screenshots lock stack-test

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

## make run: install, migrate the embedded SQLite database, load the real content, serve.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_content
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## make test: install and run the whole test suite.
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## make browser-tools: axe-core and the Nu HTML Checker (npm) for the browser tests.
browser-tools:
	npm install --no-save --no-audit --no-fund --ignore-scripts --prefix .browser-tools axe-core@4 vnu-jar@26
	test -f .browser-tools/node_modules/axe-core/axe.min.js
	test -f .browser-tools/node_modules/vnu-jar/build/dist/vnu.jar

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## make messages: refresh locale/*/django.po from the code (needs GNU gettext).
messages: install
	$(BIN)/python manage.py makemessages --locale th --locale en --no-obsolete --add-location file --ignore '.venv/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

ci:
	bash .ci/run

## make bench: search latency on PostgreSQL with 100,000 generated stories (see bench/run.sh).
bench: install
	bash bench/run.sh

## make bench-serving: requests/s and CPU per request through Varnish, the page cache, uncached
## and an nginx floor, then a flash crowd with edits (see bench/serving.sh).
bench-serving: install
	bash bench/serving.sh

## make lighthouse: Lighthouse (mobile) scores of the home, a city and a story page in both
## languages, served by gunicorn with the production settings; fails below 95
## (LIGHTHOUSE_ARGS=--report-only to only report). Lighthouse 13 needs Node 22: 12.2.3 is pinned.
lighthouse: install
	npm install --no-save --no-audit --no-fund --ignore-scripts --prefix .lighthouse -E lighthouse@12.2.3
	test -f .lighthouse/node_modules/lighthouse/cli/index.js
	$(BIN)/python bench/lighthouse.py $(LIGHTHOUSE_ARGS)

## make screenshots: the phone screenshots in docs/screenshots/ (home, city, story with a pull
## quote, the quote's card, About; Thai and English), served as make lighthouse serves them.
screenshots: install
	$(BIN)/python bench/phone_screenshots.py

clean:
	rm -rf $(VENV) staticfiles .browser-tools .lighthouse

## make lock: pin requirements.lock (with hashes) for the container image from pyproject.toml.
lock: install
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes --quiet -o requirements.lock

## make stack-test: build the container images, start the whole stack (PostgreSQL, Redis,
## migrate, web, Varnish) with Docker or Podman, check it through Varnish, tear it down.
stack-test: install
	PATH="$(CURDIR)/$(BIN):$$PATH" sh docker/stack_test.sh
