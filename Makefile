# latest-playground. `make serve` and `make test` set everything up themselves (scripts/setup.sh):
# the first run on a fresh machine takes minutes, later runs seconds.
SHELL := /bin/bash
PORT ?= 8000
# The toolchain chosen by setup (possibly a project-only one), and our tools on PATH.
WITH_ENV := source target/toolchain.env &&

.PHONY: setup build serve test dist bench fuzz clean

setup:
	@scripts/setup.sh

build: setup
	@$(WITH_ENV) node scripts/build.mjs

serve: build
	@node scripts/serve.mjs www $(PORT)

test: build
	@$(WITH_ENV) scripts/test.sh

# A folder for any static host: only what the page loads, all URLs relative.
dist: build
	@node scripts/dist.mjs

# Sizes (raw and gzipped, against the budgets of wasm-pack.toml), what each size setting buys, and
# the core on 10,000 events that keep 1,000,000 tasks running, natively and in wasm (Node).
bench: dist
	@$(WITH_ENV) node scripts/check-size.mjs
	@node scripts/big-scenario.mjs > target/big-scenario.json
	@node scripts/big-fleet.mjs > target/big-fleet.json
	@$(WITH_ENV) node scripts/size-levers.mjs target/big-scenario.json
	@$(WITH_ENV) node scripts/size-anatomy.mjs
	@$(WITH_ENV) cargo run -q --release --example load -- src/builtin/blog-timeline.json
	@$(WITH_ENV) node scripts/bench-wasm.mjs src/builtin/blog-timeline.json
	@$(WITH_ENV) cargo run -q --release --example load -- target/big-scenario.json
	@$(WITH_ENV) cargo run -q --release --example import_fleet -- target/big-fleet.json
	@node scripts/bench-scaling.mjs
	@$(WITH_ENV) node scripts/bench-wasm.mjs target/big-scenario.json target/big-fleet.json
	@node scripts/bench-steps.mjs www/pkg target/big-fleet.json
	@node scripts/bench-load-ratio.mjs src/builtin/blog-timeline.json
	@node scripts/bench-load-ratio.mjs target/big-scenario.json
	@$(WITH_ENV) cargo run -q --release --example simulate -- blog-timeline --shared > target/blog-shared.json
	@node scripts/bench-trace.mjs
	@node scripts/bench-page.mjs
	@node scripts/bench-phone.mjs

# A short smoke of every fuzz target (FUZZ_SECONDS each); FUZZ_RUNS=10000000 for a long run.
fuzz: setup
	@scripts/fuzz.sh

clean:
	rm -rf target www/pkg dist node_modules
