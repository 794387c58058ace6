# The two commands of the README. Everything they need is installed from this repository:
# uv (from PyPI, pinned, into .tools/ when it is not on PATH) and the locked environment (uv.lock).
SHELL := /bin/bash
UV_VERSION := 0.13.9
UV := $(shell command -v uv 2>/dev/null || echo $(CURDIR)/.tools/bin/uv)
# Trust the machine's certificate store (also where SSL_CERT_FILE is not passed on).
export UV_SYSTEM_CERTS ?= 1
YEAR ?= 2023
OUT ?= build/demo

.PHONY: demo test lint bench dev clean chromium

$(CURDIR)/.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

.venv/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen
	touch $@

## chromium: headless Chromium (Debian package) for the report's PDF and the browser test. Installed when
## missing and apt-get is usable (root, or sudo without a password); else the PDF and the browser test are
## skipped, and this says why. Never fails the target that needs it.
chromium:
	@if command -v chromium >/dev/null 2>&1 || [ -n "$$REFORMEVAL_CHROMIUM" ]; then :; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
	  echo "reformeval: Chromium is not installed and there is no apt-get: the report's PDF and the browser test are skipped"; \
	else \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO=none; fi; \
	  if [ "$$SUDO" = none ]; then \
	    echo "reformeval: Chromium is not installed and apt-get needs root (no password-less sudo): the report's PDF and the browser test are skipped"; \
	  else \
	    echo "reformeval: installing Chromium (Debian package chromium) for the report's PDF and the browser test"; \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 || { $$SUDO apt-get update -q >/dev/null 2>&1 && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1; } \
	      || echo "reformeval: apt-get could not install chromium: the report's PDF and the browser test are skipped"; \
	  fi; \
	fi

## demo: install everything and materialise one report year on the bundled synthetic demo snapshot; the run ends
## by printing where the report document (index.html) and its PDF are
demo: .venv/.synced chromium
	$(UV) run reformeval run --year $(YEAR) --demo --out $(OUT)

## test: install everything and run the whole test suite (what .ci/run calls)
test: .venv/.synced chromium
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
