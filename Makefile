# The two commands of the README. Everything they need is installed from this repository:
# uv (from PyPI, pinned, into .tools/ when it is not on PATH) and the locked environment (uv.lock).
SHELL := /bin/bash
UV_VERSION := 0.13.9
UV := $(shell command -v uv 2>/dev/null || echo $(CURDIR)/.tools/bin/uv)
# Trust the machine's certificate store (also where SSL_CERT_FILE is not passed on).
export UV_SYSTEM_CERTS ?= 1
YEAR ?= 2023
OUT ?= build/demo

.PHONY: demo test lint bench dev clean

$(CURDIR)/.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

.venv/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen
	touch $@

## demo: install everything and materialise one report year on the bundled synthetic demo snapshot
demo: .venv/.synced
	$(UV) run reformeval run --year $(YEAR) --demo --out $(OUT)

## test: install everything and run the whole test suite (what .ci/run calls)
test: .venv/.synced
	$(UV) run ruff check .
	$(UV) run pytest

lint: .venv/.synced
	$(UV) run ruff check .

## bench: speed and memory figures (not part of the tests)
bench: .venv/.synced
	$(UV) run python bench/run_bench.py

## dev: the Dagster UI on the demo snapshot (http://127.0.0.1:3000)
dev: .venv/.synced
	test -d build/demo-snapshot || $(UV) run reformeval demo-snapshot --year $(YEAR) --to build/demo-snapshot
	DAGSTER_HOME=$(CURDIR)/.dagster_home $(UV) run dagster dev -w workspace.yaml

clean:
	rm -rf build .venv .tools
