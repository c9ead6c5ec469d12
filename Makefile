# Parley: `make demo` builds the graph of the seed articles; `make test` runs the tests.
# Both set everything up on a fresh machine: the virtual environment, the package with
# its spaCy model, and for the tests Playwright with Debian's chromium.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-test browser clean

demo: install
	$(BIN)/kg build seeds/ --out output/
	$(BIN)/kg query rejections

test: install-test browser
	$(BIN)/python -m pytest

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Browser tests drive Debian's chromium through Playwright (its own browser download
# does not work offline). Installing needs root and apt; where that fails the browser
# tests skip and say why.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "warning: could not install chromium; browser tests will be skipped"; \
	  else echo "warning: chromium missing and cannot apt-get install it; browser tests will be skipped"; fi; }

clean:
	rm -rf $(VENV) output/graph.* output/store
