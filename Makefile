# Atelier ALL — two commands from a fresh clone:
#   make build    set up .venv (pinned packages) and build everything from inputs/
#   make test     set up .venv and run the tests
# Other targets: make check (validate inputs only), make bench, make lint, make clean,
#   make accept-proofs (the current proofs become the visual-regression references).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build test check lint bench clean report accept-proofs

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/snakemake

check: $(STAMP)
	$(BIN)/snakemake check

test: $(STAMP) lint
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check atelier tests bench rules/scripts tools
	$(BIN)/snakefmt --check Snakefile rules/*.smk
	$(BIN)/snakemake --lint

accept-proofs: $(STAMP)
	$(BIN)/snakemake labels menus signage
	$(BIN)/python tools/accept_proofs.py

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf build .snakemake
