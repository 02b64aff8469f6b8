# Atelier ALL — two commands from a fresh clone:
#   make build    set up .venv (pinned packages) and build everything from inputs/
#   make test     set up .venv and run the tests
# Other targets: make check (validate inputs only), make bench, make lint, make clean,
#   make accept-proofs (the current proofs become the visual-regression references),
#   make watch (rebuild on save, live proofs on http://127.0.0.1:8000/),
#   make deliver (build, then record the pack as delivered in deliveries/last/).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build test check lint bench clean report accept-proofs watch deliver

PLUGIN := plugins/snakemake-logger-plugin-atelier

$(STAMP): pyproject.toml requirements.lock $(PLUGIN)/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pip install --quiet --no-deps ./$(PLUGIN)
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/snakemake

watch: $(STAMP)
	$(BIN)/atelier watch

deliver: build
	$(BIN)/atelier deliver

check: $(STAMP)
	$(BIN)/snakemake check

test: $(STAMP) lint
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check atelier tests bench rules/scripts tools
	$(BIN)/snakefmt --check Snakefile rules/*.smk
	$(BIN)/lint-imports
	$(BIN)/snakemake --lint

accept-proofs: $(STAMP)
	$(BIN)/snakemake labels menus signage
	$(BIN)/python tools/accept_proofs.py

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf build .snakemake
