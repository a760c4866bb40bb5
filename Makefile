# make run: set up .venv and open the app on the demo audit.  make test: set up .venv and run every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# Debian packages: a real Qt window needs the first list; the offscreen GUI tests the second.
GUI_DEBS := libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3
TEST_DEBS := libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3

.PHONY: run test lint bench install sysdeps-gui sysdeps-test clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP) sysdeps-gui
	$(BIN)/python main.py $(AUDIT)

test: $(STAMP) sysdeps-test lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check app tests bench tools main.py
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

# Installs missing Debian packages when it can (root with apt-get); otherwise says what is missing.
sysdeps-gui:
	@bash tools/sysdeps.sh $(GUI_DEBS)

sysdeps-test:
	@bash tools/sysdeps.sh $(TEST_DEBS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
