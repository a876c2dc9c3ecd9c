# The two commands a newcomer needs:
#   make serve   build the release widget and serve the demo at http://127.0.0.1:8080/
#   make test    install what is missing, then run every check and test
# Each target installs what it needs first (scripts/install-tools.sh skips what is there).
# The reference is a book: `make docs` builds docs/ into target/book.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
# npm's wasm-opt first: Debian's binaryen breaks wasm-bindgen output (see DEVELOPERS.md).
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
PORT ?= 8080
# The fuzzer's toolchain: the shipped build's, as Cargo.toml pins it ([package.metadata.ship];
# scripts/install-tools.sh installs it). SHIP_TOOLCHAIN changes the shipped build's only.
NIGHTLY := $(shell scripts/ship-pin.sh toolchain)
# Module + glue + the article, gzip -9, that a page of one article may download: 32.5 KiB (30 KiB
# for the widget, 2 KiB for serde-wasm-bindgen building what goes out to JavaScript, and 0.5 KiB
# for article files that say what they are: the release and checksum checked, each refusal said).
# Most of it is shared code; each article adds its own text (`make dist` prints both shares).
SIZE_BUDGET ?= 33280
# The shipped build's CARGO_TARGET_DIR: one per toolchain, so neither rebuilds the other's.
SHIP_TARGET := target/ship$(if $(SHIP_TOOLCHAIN),-$(SHIP_TOOLCHAIN))
WASM_TARGET := wasm32-unknown-unknown
# The demo site's files besides its pages, copied next to the package by dist and fixture-dist.
# The element (src/element.js, the site's embed.js) ships with the code, so it lives in src/.
# The pages (www/*.html) are written by the pre-renderer (crates/site/src/bin/prerender.rs), with the widget
# in their placeholders, pkg/reading_widget.css and the publisher fragments in embed/.
WWW_FILES := $(addprefix www/,site.css hostile.css several.js csp-violations.js favicon.svg)
PRERENDER := cargo run --quiet -p reading-widget-site --bin prerender --
# Each article into a file of its own (pkg/articles/<slug>.<build>.bin), and every article spliced
# into pkg/reading_widget_bg.wasm: the articles of the same content folders the pages show.
SPLICE := cargo run --quiet -p reading-widget-site --bin splice --
# The build id (16 hex characters) article files are named by and embed.js asks for.
BUILD_ID := cargo run --quiet -p reading-widget-site --bin build-id
# The fixture build: the test-only article compiled in next to the real one, in its own target.
FIXTURE_ENV := READING_WIDGET_CONTENT=content:tests/fixtures/content CARGO_TARGET_DIR=target/fixtures

.PHONY: reproducible serve serve-site serve-shell test docs docs-check dist fixture-dist package tools tools-build lint native-tests supply-chain audit fuzz fuzz-smoke fuzz-seeds browser-tests chrome firefox webkit release-test model-test check new bench-serve size bench-loading bench bench-site tools-docs clean

# Serve mode (scripts/watch.mjs): a site of its own in target/serve, rebuilt on every save and
# reloaded in the open pages; failed builds show as an overlay. Started from dist/'s build.
SERVE := target/serve
serve: dist
	rm -rf $(SERVE)
	mkdir -p $(SERVE)
	cp -r $(SHIP_TARGET)/shell-pkg $(SERVE)/shell-pkg
	cp -r dist $(SERVE)/site
	node scripts/watch.mjs $(PORT)

# What serve mode runs on a save. serve-site: the articles spliced into the shell built last and
# the pages pre-rendered, into SERVE_OUT (no wasm-pack: about 1.5 s). serve-shell: the module
# again, for a change in src/. Each in target dirs of its own, so a `make test` running beside
# it never waits for or undoes its builds.
serve-site:
	rm -rf $(SERVE_OUT)
	mkdir -p $(SERVE_OUT)
	cp -r $(SERVE)/shell-pkg $(SERVE_OUT)/pkg
	$(call site-from-shell,$(SERVE_OUT),CARGO_TARGET_DIR=target/serve-native)

serve-shell:
	rm -rf $(SERVE)/shell-next
	READING_WIDGET_SHELL=1 scripts/build-release.sh $(SERVE)/shell-next target/serve-ship
	rm -rf $(SERVE)/shell-pkg
	mv $(SERVE)/shell-next $(SERVE)/shell-pkg

# A site in $(1), built in the environment $(2), with the module's nightly build in the
# CARGO_TARGET_DIR $(3) (its own: stable's target/ and the nightly one never rebuild each other).
# scripts/build-release.sh writes the shell (the code without any article) to $(1)/pkg: nightly
# std without panic messages, wasm-opt, then import and export names shortened and the glue
# minified to match. A copy of it is kept in $(3)/shell-pkg for sites that splice other
# articles into the same shell. Then `site-from-shell`.
define build-site
	rm -rf $(1)
	$(2) READING_WIDGET_SHELL=1 scripts/build-release.sh $(1)/pkg $(3)
	rm -rf $(3)/shell-pkg
	cp -r $(1)/pkg $(3)/shell-pkg
	$(call site-from-shell,$(1),$(2))
endef

# The rest of a site in $(1) whose $(1)/pkg holds the shell, with the articles of the
# environment $(2): the demo's files, the code under a name of its bytes' hash, each article
# in a file of its own named by the build, the pages.
define site-from-shell
	cp $(WWW_FILES) $(1)/
	@# Every page downloads embed.js, the element (src/element.js): minified like the glue (its
	@# comments stay in the source), by the recipe the npm package's copy is made with.
	node scripts/embed.mjs src/element.js $(1)/embed.js
	@# The code (glue and shell), named by its hash: no article changes it, so a CDN may keep
	@# it for a year. embed.js asks for it by that name, and for the site's only article (if it
	@# has one) when a widget names none. pkg/reading_widget.js, for pages that import the glue
	@# by its usual name, re-exports it: one module instance, whichever name a page uses.
	code=$$(cat $(1)/pkg/reading_widget.js $(1)/pkg/reading_widget_bg.wasm | sha256sum | cut -c1-16); \
	  mv $(1)/pkg/reading_widget.js $(1)/pkg/reading_widget.$$code.js; \
	  cp $(1)/pkg/reading_widget_bg.wasm $(1)/pkg/reading_widget.$$code.wasm; \
	  printf "export * from './reading_widget.%s.js';\nexport { default } from './reading_widget.%s.js';\n" $$code $$code > $(1)/pkg/reading_widget.js; \
	  sed -i "s/__CODE__/$$code/g" $(1)/embed.js
	$(2) $(SPLICE) $(1)/pkg
	@# Article files are named by the build (pkg/articles/<slug>.<build>.bin): a new release
	@# never asks for a file a CDN or a browser kept from another one.
	build=$$($(2) $(BUILD_ID)); \
	  set -- $(1)/pkg/articles/*.$$build.bin; only=; if [ $$# -eq 1 ]; then only=$$(basename "$$1" .$$build.bin); fi; \
	  sed -i "s/__ONLY__/$$only/g; s/__BUILD__/$$build/g" $(1)/embed.js
	$(2) $(PRERENDER) www $(1)
endef

# SHIP_TOOLCHAIN=stable (or another) builds with that toolchain instead of the pinned one, in a
# target dir of its own ($(SHIP_TARGET)), and prints its sizes without holding them to the budgets.
dist: tools-build
	$(call build-site,dist,,$(SHIP_TARGET))
	scripts/size-report.sh dist $(SIZE_BUDGET) $(if $(SHIP_TOOLCHAIN),--report-only)

# The npm package in pkg/, copied from dist/pkg (the build the site ships and the e2e suite
# tests) with its own package.json and README; publish with `cd pkg && npm publish`.
package: dist
	scripts/build-node.sh target/node-pkg
	node scripts/package.mjs

# ANCHOR: test (docs/src/testing.md includes the lines up to ANCHOR_END)
test: tools lint docs-check native-tests supply-chain fuzz-smoke browser-tests validate-html release-test reproducible
	@echo "make test: all green"
# ANCHOR_END: test

# The book (docs/book.toml, docs/src/), into target/book: open target/book/index.html.
docs: tools-docs
	mdbook build docs

# What `make test` asks of the book: it builds, every include finds its file and anchor (mdBook
# only logs one that does not), and every link in it and in README.md resolves: to a chapter, a
# heading's anchor, or a file of the repository (scripts/check-book.mjs, which lists each
# broken one as file:line: link).
docs-check: docs
	node scripts/check-book.mjs docs/src target/book README.md

lint: tools-build
	cargo fmt --check --all
	cargo fmt --check --manifest-path fuzz/Cargo.toml
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --all-targets --target $(WASM_TARGET) -- -D warnings
	@# The shipped build's one feature (the stylesheet fetched, not carried: src/dom/sheet.rs).
	cargo clippy --lib --target $(WASM_TARGET) --features stylesheet-file -- -D warnings

# The dependencies' licences, duplicate versions and sources (deny.toml; docs/src/testing.md
# "Supply chain"), and npm's advisories for what the npm package ships (it has no dependencies).
supply-chain: tools
	cargo deny check licenses bans sources
	npm audit --omit=dev

# The same, plus RustSec's advisories, which cargo-deny fetches from GitHub: not reachable from
# every machine this runs on, so not part of `make test`.
audit: supply-chain
	cargo deny check advisories

# Coverage-guided fuzzing (cargo-fuzz, libFuzzer, on nightly; fuzz/): the content compiler on
# any bytes, and the text-fragment parser on any URL. The compiler starts from the articles in
# content/ and tests/fixtures/content/ and every case of crates/site/tests/content.rs. A crash stops the run
# and leaves the input in fuzz/artifacts/<target>/; `cargo +nightly fuzz run <target> <file>`
# replays it. `make fuzz FUZZ_SECONDS=3600` runs longer; the corpus grows in fuzz/corpus/.
# The compile target leaks its decoded models on purpose (they are 'static, as in the module),
# so the leak check is off and a long run forks (-fork=2: each job's memory starts afresh).
FUZZ_SECONDS ?= 300
fuzz: tools fuzz-seeds
	$(call fuzz-run,$(FUZZ_SECONDS),-fork=2)

# What `make test` runs: each target for 30 s.
fuzz-smoke: tools fuzz-seeds
	$(call fuzz-run,30,)

fuzz-seeds:
	rm -rf fuzz/seeds
	mkdir -p fuzz/seeds/compile fuzz/seeds/fragment
	cp content/*.md tests/fixtures/content/*.md fuzz/seeds/compile/
	FUZZ_SEEDS=$(CURDIR)/fuzz/seeds/compile cargo test --quiet -p reading-widget-site --test content
	printf '%s' 'https://x/a#intro:~:text=in%20June-,Moscow,pact,-.&text=Seoul' > fuzz/seeds/fragment/directives
	printf '%s' 'https://x/a#:~:text=%E2%80%9CPutin%20trap%E2%80%9D&text=%ZZ%' > fuzz/seeds/fragment/encoded
	{ printf '%s' 'https://x/a#:~:text='; head -c 100000 /dev/zero | tr '\0' 'x'; printf '%s' ',-%E0%A4%A&text=%'; } > fuzz/seeds/fragment/huge

# $(1): seconds per target; $(2): more libFuzzer options. The fragment parser gets inputs up to
# 128 KiB (libFuzzer's default would stop at its largest seed): URLs with 100 KB directives.
define fuzz-run
	for target in compile fragment; do \
	  mkdir -p fuzz/corpus/$$target; \
	  if [ $$target = fragment ]; then max_len="-max_len=131072 -len_control=0"; else max_len=; fi; \
	  cargo +$(NIGHTLY) fuzz run $$target fuzz/corpus/$$target fuzz/seeds/$$target -- \
	    -max_total_time=$(1) -print_final_stats=1 $$max_len $(2) 2>&1 | \
	    grep -E '^#[0-9]+:?[[:space:]]*(INITED|DONE|cov)|^Done|^stat::|INFO: exiting|panicked|ERROR|SUMMARY|artifact'; \
	done
endef

native-tests:
	cargo test --workspace

browser-tests: chrome firefox webkit

chrome: tools
	wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver

firefox: tools
	wasm-pack test --headless --firefox --geckodriver "$$(command -v geckodriver)"

# WebKitGTK's MiniBrowser stands in for Safari; it needs an X server, hence xvfb-run.
webkit: tools
	xvfb-run -a wasm-pack test --headless --safari --safaridriver /usr/bin/WebKitWebDriver

# The same site with the test-only fixture article compiled in next to the real one, for the
# e2e tests of a page with two different articles; pre-rendered from the same articles as the
# module it ships with. Its code is built again, with the fixture's folder among the content
# folders, in target dirs of its own (so it never replaces the build behind dist/), and must
# be dist's, byte for byte: adding an article changes no byte of the code a CDN caches.
fixture-dist: dist
	$(call build-site,target/fixture-dist,$(FIXTURE_ENV),target/fixture-ship)
	@for file in dist/pkg/reading_widget.*.js dist/pkg/reading_widget.*.wasm; do \
	  cmp "$$file" "target/fixture-dist/pkg/$${file##*/}" || { \
	    echo "fixture-dist: the code built with the fixture article is not dist's ($${file##*/}): an article changed the code" >&2; exit 1; }; \
	done
	@echo "fixture-dist: the code is dist's, byte for byte, with an article more"

# Every page and publisher fragment both sites hold, through the W3C Nu Html Checker (npm's
# vnu-jar, on Java): a fragment inside a minimal page, errors fail, warnings do not.
validate-html: dist fixture-dist
	node scripts/validate-html.mjs dist target/fixture-dist

# wasm-pack test runs debug builds without wasm-opt: only loading dist/ proves the release.
# The shipped site is a function of the source: `make dist` again from a copy of the source in
# another folder gives the same bytes, every file of dist/ (scripts/reproducible.sh).
reproducible: dist
	scripts/reproducible.sh dist

release-test: dist fixture-dist package
	node --test tests/e2e/*.test.mjs
	@# The published TypeScript types, checked against an example that uses every part.
	tsc -p tests/types/tsconfig.json

# The articles checked with the compiler build.rs uses, without building the module
# (crates/site/src/bin/check.rs): every problem as `file:line:col: message; fix`, exit 1 if any. FORMAT=json
# prints them as JSON, one object per problem (docs/src/editing.md "Check the content"). The
# site tools do not build the widget, so a broken article never stops them from building; in a
# target dir of their own, so `make test` and `make dist` never rebuild for them.
FORMAT ?= text
NATIVE_TOOL := CARGO_TARGET_DIR=target/check cargo run --quiet -p reading-widget-site --bin
check:
	@$(NATIVE_TOOL) check -- --format $(FORMAT)

# A new article: `make new TITLE="The headline"` writes content/<slug>.md (SLUG=… to choose the
# slug) with every field and placeholders the build refuses until they are written
# (crates/site/src/bin/new.rs, crates/content/src/scaffold.rs). It never replaces a file. The title reaches the program
# as it was typed ("$40 Billion", quotes): through the environment, unexpanded by make, and never
# parsed by the shell.
new: export NEW_TITLE := $(value TITLE)
new: export NEW_SLUG := $(value SLUG)
new:
	@test -n "$$NEW_TITLE" || { echo 'usage: make new TITLE="The headline" [SLUG=the-headline]'; exit 2; }
	@$(NATIVE_TOOL) new -- "$$NEW_TITLE" --slug "$$NEW_SLUG"

# Model-based random testing at length (tests/e2e/model.test.mjs, which `make test` runs with
# 2 seeds of 1,500 steps per engine): MODEL_SEEDS random seeds of MODEL_STEPS steps in
# Chromium, Firefox and WebKit. A failure prints its seed: `make model-test MODEL_SEED=n
# MODEL_ENGINES=WebKit` replays it.
MODEL_SEEDS ?= 10
MODEL_STEPS ?= 5000
model-test: fixture-dist
	MODEL_SEEDS=$(MODEL_SEEDS) MODEL_STEPS=$(MODEL_STEPS) node --test tests/e2e/model.test.mjs

# The editor's loop (bench/serve.mjs): the median time from saving a one-word content change to
# the reloaded page in serve mode, held to a budget of 3 s (over it, the run fails).
# `make bench-serve ROUNDS=5`.
bench-serve: dist
	node bench/serve.mjs

# What is big in the module: the shipped build again (nightly, wasm-opt), with names kept for
# twiggy.
size: dist
	command -v twiggy >/dev/null || cargo install twiggy --locked
	scripts/build-release.sh target/size-pkg $(SHIP_TARGET) --profiling
	twiggy top -n 25 target/size-pkg/reading_widget_bg.wasm

# How fast a reader sees the article (bench/loading.mjs): navigation to the first headline on
# screen and to readingwidget:ready, pre-rendered or not, the module held back 2 s or not, at
# 4x CPU throttling, and on a phone profile (1.6 Mbit/s, 150 ms, CPU 4x); a Markdown table of
# medians (min–max). `make bench-loading ROUNDS=5`.
bench-loading: dist
	node bench/loading.mjs

# The performance report: sizes, the module against a plain-JavaScript baseline in one page,
# memory, loading on a phone profile, generated articles at 10x and 100x and 100 articles;
# prints the summary (each budget, pass or fail) and writes BENCHMARKS.md. About 5-10 minutes
# (bench builds are cached in target/bench/sites). `make bench ROUNDS=5` for a quicker look.
# Not part of `make test`. The fixture site (two articles, each with its page) is where a second
# article's page is measured with the cache warm.
bench: fixture-dist package
	node bench/run.mjs

# One bench build, for bench/sites.mjs: the dist recipe on the articles in BENCH_CONTENT (folders,
# as READING_WIDGET_CONTENT), into BENCH_SITE, in target dirs of its own.
bench-site:
	$(call build-site,$(BENCH_SITE),READING_WIDGET_CONTENT=$(BENCH_CONTENT) CARGO_TARGET_DIR=target/bench-build,target/bench-ship)

tools:
	scripts/install-tools.sh all

tools-build:
	scripts/install-tools.sh rust npm

tools-docs:
	scripts/install-tools.sh docs

clean:
	cargo clean
	rm -rf dist node_modules
