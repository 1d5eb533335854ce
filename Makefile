# Two commands on a fresh machine:
#   make run   - create .venv, install, start the app on the demo data (http://localhost:8501)
#   make test  - create .venv, install dev requirements, Chromium and PostgreSQL, run the whole suite
# While working: make test-fast - everything but the browser tests and the slow tests
# (large generated data, kill -9 at random moments, the benchmarks' smoke runs; markers in pyproject.toml).
# Benchmarks: make bench - ratios in one run; make bench-scaling - the scaling curve (bench/README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
CHROMIUM := /usr/bin/chromium
# Tests run in parallel (pytest-xdist): one worker per core by default; TEST_WORKERS=0 runs them in one process.
# Work stealing keeps both cores busy to the end; tests that share a server or
# Chromium share it within a worker (tests/conftest.py, tests/browser.py).
TEST_WORKERS ?= auto
PYTEST := $(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal

.PHONY: run test test-fast test-busy-core bench screenshots chromium system-packages clean-venv

$(VENV)/.runtime: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .  # the `portfolio` command
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime
	$(PY) -m streamlit run dashboard.py --server.port $(PORT)

# Debian packages the tests use: Chromium for the browser tests (never
# `playwright install`: it cannot download here) and PostgreSQL for the
# scale-out store's tests (their fixtures start their own servers on free
# ports; SeaweedFS comes from pip, requirements-dev.txt).
system-packages:
	@missing=""; \
	[ -x $(CHROMIUM) ] || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing; \
	fi

chromium: system-packages

test: $(VENV)/.dev system-packages
	$(PYTEST) --durations=15

test-fast: $(VENV)/.dev
	$(PYTEST) -m "not browser and not slow"

# The browser tests while another process keeps one core busy (issue 23: a
# loaded machine makes them slower, never wrong).
test-busy-core: $(VENV)/.dev system-packages
	$(PY) -c "while True: pass" & busy=$$!; trap "kill $$busy" EXIT; $(PYTEST) -m browser

clean-venv:
	rm -rf $(VENV)

# Benchmarks (not part of `make test`, which runs only a smoke run): ratios in one run
bench: $(VENV)/.dev chromium
	$(PY) bench/run.py

# Issue 20, item 4: three pages warm and cold at 1 000-100 000 initiatives and 1-260 snapshots
# (bench/scaling.json, bench/scaling.svg); generates the data into bench/out once
.PHONY: bench-scaling
bench-scaling: $(VENV)/.dev
	$(PY) bench/scaling.py

# The user guide's screenshots (docs/img/*.png), taken of the app on a copy of the demo data
screenshots: $(VENV)/.dev chromium
	$(PY) -m tools.screenshots
