#!/usr/bin/env bash
# Every test layer, each of which must run at least one test: lints, native core tests, the binding
# in Node and in Chromium (wasm-bindgen-test), the optimised package from Node, its TypeScript
# types against what it returns, size budgets, and
# the browser end-to-end suite. Run through `make test`, which builds first.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp -d)
total=0
layer() { printf '\n\033[1m== %s\033[0m\n' "$1" >&2; }
# count NAME FILE REGEX: sums the first capture group of REGEX over FILE; fails on zero.
count() {
  local n
  n=$(grep -aoP "$3" "$2" | grep -oP '\d+' | awk '{ s += $1 } END { print s + 0 }')
  if [ "$n" -eq 0 ]; then echo "[test] $1 ran no tests: failing (a skipped layer must not pass silently)" >&2; exit 1; fi
  echo "[test] $1: $n passed" >&2
  total=$((total + n))
}

layer "format and lints"
cargo fmt --check
cargo clippy -q --all-targets -- -D warnings
cargo clippy -q --target wasm32-unknown-unknown --lib --tests -- -D warnings

layer "core (cargo test)"
cargo test -q 2>&1 | tee "$log/cargo"
count "cargo test" "$log/cargo" 'test result: ok\. \d+ passed'

layer "binding in Node (wasm-pack test --node)"
wasm-pack test --node -- --test binding_node 2>&1 | tee "$log/node"
count "wasm-pack test --node" "$log/node" 'test result: ok\. \d+ passed'

layer "binding in Chromium (wasm-pack test --headless --chrome)"
wasm-pack test --headless --chrome -- --test binding_browser 2>&1 | tee "$log/chrome"
count "wasm-pack test --chrome" "$log/chrome" 'test result: ok\. \d+ passed'

layer "optimised package from Node (node --test)"
node --test --test-reporter=spec tests/node/ 2>&1 | tee "$log/pkg"
count "node --test tests/node" "$log/pkg" 'ℹ pass \d+'

layer "TypeScript types against the package (tsc, then node --test)"
rm -rf target/types
node_modules/.bin/tsc -p tests/types/tsconfig.json
node --test --test-reporter=spec target/types/ 2>&1 | tee "$log/types"
count "types" "$log/types" 'ℹ pass \d+'

layer "size budgets"
node scripts/check-size.mjs

layer "browser end-to-end (Playwright in Chromium)"
make -s dist # the end-to-end tests also serve dist/ under a sub-path
node --test --test-concurrency=1 --test-reporter=spec tests/e2e/ 2>&1 | tee "$log/e2e"
count "end-to-end" "$log/e2e" 'ℹ pass \d+'

echo
echo "all layers: $total passed, 0 failed"
