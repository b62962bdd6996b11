# Two commands set up a fresh Debian machine: `make run` runs the study on the real
# data, `make test` runs the test suite. Both build .venv from the pinned requirements.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORES ?= all
DATASET_DIR := /usr/share/datasets/fashion-mnist

.PHONY: run test bench dataset dag clean

$(BIN)/snakemake: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# Debian's package where apt-get can install it; elsewhere the fetch_data rule
# downloads the files from the configured mirrors and verifies them.
dataset:
	@if [ -f $(DATASET_DIR)/train-images-idx3-ubyte.gz ]; then \
		echo "dataset found in $(DATASET_DIR)"; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		(apt-get update -qq && apt-get install -y -qq dataset-fashion-mnist) \
		|| echo "apt-get could not install dataset-fashion-mnist; the workflow will download it"; \
	else \
		echo "no $(DATASET_DIR); the workflow will download the dataset"; \
	fi

run: $(BIN)/snakemake dataset
	$(BIN)/snakemake --cores $(CORES)

# -rs prints why a test skipped: the SLURM tests do where SLURM cannot be installed.
test: $(BIN)/snakemake
	$(BIN)/python -m pytest -rs tests

# Several full runs of the study in scratch copies (about an hour on 2 cores); writes
# results/bench/report.md. BENCH_ARGS passes options, e.g. --config, --cores.
BENCH_ARGS ?=
bench: $(BIN)/snakemake dataset
	$(BIN)/python bench/run_benchmarks.py --out results/bench $(BENCH_ARGS)

dag: $(BIN)/snakemake
	$(BIN)/snakemake --rulegraph | dot -Tsvg > dag.svg

clean:
	rm -rf results logs benchmarks
