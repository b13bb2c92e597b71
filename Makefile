# The book's commands. Each creates .venv (Python 3.11) on first use and installs the pinned
# requirements into it; later runs reuse it and reinstall only when requirements.txt changes.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(shell find chapters appendices -name '*.ipynb' -not -path '*/.ipynb_checkpoints/*' | sort)
# Data loaders never touch the network when this is set (see utils/notebook.py).
export RNN_BOOK_OFFLINE := 1

.PHONY: book translations test test-seeds test-colab lab execute lint sync bench bench-unrolling lock clean

# TORCH_INDEX: an extra package index for PyTorch. On a fresh Linux machine the public index
# gives the CUDA build of torch (several GB); `make test TORCH_INDEX=https://download.pytorch.org/whl/cpu`
# takes PyTorch's CPU build instead (same version, "+cpu"). Unset, pip uses its own configuration.
TORCH_INDEX ?=

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11)' 2>/dev/null \
		|| { echo "Python 3.11 not found (PYTHON=$(PYTHON)): the pinned environment needs it"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt \
		$(if $(TORCH_INDEX),--extra-index-url $(TORCH_INDEX))
	@touch $(STAMP)

## make book: build the HTML book from the stored outputs into _build/html (no execution), and
## its Korean edition, from ko/ (see make translations), into _build/html/ko.
book: $(STAMP)
	$(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going --quiet
	$(BIN)/jupyter-book build ko --path-output _build/ko --warningiserror --nitpick --keep-going --quiet
	rm -rf _build/html/ko && cp -r _build/ko/_build/html _build/html/ko
	@echo "Book built: open file://$(CURDIR)/_build/html/index.html (Korean: _build/html/ko/index.html)"

## make translations: after editing English prose, bring the Korean catalogs in step
## (locales/ko/LC_MESSAGES: new messages empty, changed ones marked fuzzy with the old English
## beside them), then rewrite the Korean pages under ko/ from them. `python -m tools.i18n check`
## (run by make test) lists what is left to translate.
translations: $(STAMP)
	$(BIN)/python -m tools.i18n update
	$(BIN)/python -m tools.i18n build

## make test: unit and hygiene tests, nbval over every notebook, Colab simulation, browser test.
## PYTEST_ARGS adds pytest options, e.g. make test PYTEST_ARGS=--durations=0 (seconds per test).
# Two workers, one file (one notebook kernel) each at a time: on 2 cores this halves the wall time
# (measured: 546 s serial, 286 s with -n 2), since much of each notebook is single-threaded start-up.
test: book
	@bash tools/ensure_chromium.sh
	$(BIN)/python -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

## make test-seeds: every notebook under nbval-lax (each cell runs, each assert holds) with
## RNN_BOOK_SEED = 1, 2, 3, then a per-notebook pass/fail table and the wall time. The check
## before a release (it runs the book three times); not in CI. SEEDS="4 5" picks others.
SEEDS ?= 1 2 3
test-seeds: $(STAMP)
	$(BIN)/python -m tools.seeds --seeds $(SEEDS)

## make test-colab: every notebook in a Colab-like environment (versions in tools/colab_runtime.txt;
## built once, several GB, cached in ~/.cache/rnn-book/). The check before a course; not in CI.
test-colab:
	$(PYTHON) tools/colab_check.py

## make lab: open the book in JupyterLab (the notebooks are under chapters/).
lab: $(STAMP)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) --ServerApp.root_dir=.

## make execute: re-run every notebook in place in a clean kernel (offline) to refresh its outputs.
execute: $(STAMP)
	$(BIN)/python -m tools.execute $(NOTEBOOKS)

## make lint: ruff on the Python code and on the notebooks (ruff reads .ipynb natively).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## make sync: rewrite each notebook's Colab badge and setup cell from _config.yml (and the
## Korean twins under ko/, whose badges point at themselves).
## make sync REPO_URL=https://github.com/you/rnn-book [BRANCH=main] first sets that repository
## in _config.yml (the GitHub workflow does this with the repository it runs in).
sync: $(STAMP)
	$(BIN)/python -m tools.notebooks sync $(if $(REPO_URL),--url $(REPO_URL)) \
		$(if $(BRANCH),--branch $(BRANCH))
	$(BIN)/python -m tools.i18n build

## make bench: time the RNN layers (performance appendix); writes appendices/bench/cpu.json,
## or the file named by OUT (make bench OUT=appendices/bench/other.json).
bench: $(STAMP)
	$(BIN)/python -m tools.bench $(if $(OUT),--out $(OUT))

## make bench-unrolling: time unrolled against looped layers, T = 2..300 (chapter 2); writes
## chapters/02_unrolling/unrolling_costs.json, or the file named by OUT (a minute or two).
bench-unrolling: $(STAMP)
	$(BIN)/python -m tools.bench_unrolling $(if $(OUT),--out $(OUT))

## make lock: resolve requirements.in in a fresh venv and rewrite requirements.txt (pip freeze).
## Pins already in requirements.txt are kept where they still fit (pip's -c); UPGRADE=1 drops them
## so that everything resolves afresh. Then rebuild .venv (delete it) and run make test.
LOCK_VENV := .lock-venv
lock:
	rm -rf $(LOCK_VENV) && $(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.in \
		$(if $(UPGRADE),,-c requirements.txt) $(if $(TORCH_INDEX),--extra-index-url $(TORCH_INDEX))
	{ echo "# Pinned environment for Python 3.11: requirements.in resolved in a fresh venv by"; \
	  echo "# \`make lock\` (pip freeze). Do not edit by hand: edit requirements.in, then make lock."; \
	  $(LOCK_VENV)/bin/python -m pip freeze --all --exclude-editable \
		| grep -v -E '^(pip|setuptools|wheel)==' | sed 's/+cpu$$//'; } > requirements.txt.new
	mv requirements.txt.new requirements.txt
	rm -rf $(LOCK_VENV)
	@echo "requirements.txt rewritten from requirements.in: delete .venv, then make test"

clean:
	rm -rf _build .pytest_cache
