# Two commands from a fresh clone (see README):
#   make run    set up a venv and open the app on the demo company (http://localhost:8501)
#   make test   set up a venv with the test tools and run every test
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip install -q --disable-pip-version-check

.PHONY: run test sample-data clean

$(VENV)/.runtime: requirements.txt constraints.txt
	[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PIP) -r requirements-dev.txt -c constraints.txt
	touch $@

run: $(VENV)/.runtime
	$(PY) serve.py --server.address 127.0.0.1

test: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(PY) -m pytest

sample-data: $(VENV)/.runtime
	$(PY) sample_data/generate.py

clean:
	rm -rf $(VENV) .pytest_cache artifacts
