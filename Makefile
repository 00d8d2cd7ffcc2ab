# duban: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-browser test-all lint format bench corpus fuzz soak messages echarts clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	mkdir -p var
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py demo
	@echo ""
	@echo "  duban is at http://$(HOST):$(PORT)/   (Ctrl-C stops it)"
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT) --noreload

test: $(STAMP)
	$(BIN)/python -m pytest

# End-to-end tests in Debian's Chromium (apt-get install chromium); .ci/run runs these too.
# axe-core (WCAG checks in the browser tests) comes from the npm registry.
AXE_VERSION := 4.10.3
var/axe.min.js:
	mkdir -p var/axe-pkg
	cd var/axe-pkg && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null && tar xzf axe-core-$(AXE_VERSION).tgz
	cp var/axe-pkg/package/axe.min.js var/axe.min.js

test-browser: $(STAMP) var/axe.min.js
	$(BIN)/python -m pytest -m browser -p no:cacheprovider

test-all: test test-browser

lint: $(STAMP)
	$(BIN)/ruff check duban tests bench
	$(BIN)/ruff format --check duban tests bench
	$(BIN)/mypy duban

format: $(STAMP)
	$(BIN)/ruff check --fix duban tests bench
	$(BIN)/ruff format duban tests bench

# Over 100,000 generated inputs in all: 35,000 for each of the three fuzz tests (CI runs it).
FUZZ_EXAMPLES ?= 35000
fuzz: $(STAMP)
	DUBAN_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/security/test_fuzz.py -p no:cacheprovider

# gunicorn on loopback under mixed traffic: no server error, no memory growth (CI: 60 s).
SOAK_SECONDS ?= 600
soak: $(STAMP)
	SOAK_SECONDS=$(SOAK_SECONDS) $(BIN)/python bench/soak.py

# Figures, not pass/fail: parsing, import, pages, downloads, then the same pages at 10, 100
# and 1,000 synthetic plans, database size, load against a static file, worker memory.
# The first run makes the databases (var/bench/, about 20 minutes and 3.5 GB for 1,000
# plans); later runs reuse them. BENCH_PLANS=10,100 for a quicker run; DATABASE_URL for
# PostgreSQL; wrk (Debian package) drives the load when installed.
bench: $(STAMP)
	$(BIN)/python -m bench

# The report reader on real material: the 16 labelled lists (exact rows, field agreement) and
# the 705 reports of ../shared/corpus against its index (found, stated count, false lists, s).
corpus: $(STAMP)
	$(BIN)/python bench/corpus.py

# Regenerate translations after changing user-facing strings (needs gettext).
messages: $(STAMP)
	cd duban && ../$(BIN)/django-admin makemessages -l zh_Hans --no-obsolete
	cd duban && ../$(BIN)/django-admin compilemessages

# The dashboard's ECharts, only the modules it uses, from npm (the result is committed).
echarts:
	tools/echarts/build.sh

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache .mypy_cache
