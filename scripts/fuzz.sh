#!/usr/bin/env bash
# `make fuzz`: every fuzz target for FUZZ_SECONDS seconds (default 20) — the smoke CI runs. For a
# long run: `FUZZ_RUNS=10000000 make fuzz` (libFuzzer's -runs), which prints executions per target.
# cargo-fuzz needs a nightly compiler: rustup's nightly where there is one (with AddressSanitizer),
# else the Debian toolchain that setup.sh prepares, unlocked with RUSTC_BOOTSTRAP (no sanitizer).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "[fuzz] cargo install cargo-fuzz (once, about 2 minutes)…" >&2
  cargo install -q cargo-fuzz --version 0.13.2
fi
if ! cargo +nightly --version >/dev/null 2>&1 && ! grep -q RUSTUP_TOOLCHAIN target/toolchain.env 2>/dev/null; then
  echo "[fuzz] trying 'rustup toolchain install nightly' (60 s limit)…" >&2
  timeout 60 rustup toolchain install nightly --profile minimal >/dev/null 2>&1 || true
fi
if cargo +nightly --version >/dev/null 2>&1; then
  run=(cargo +nightly fuzz run)
else
  toolchain=$(sed -n 's/^export RUSTUP_TOOLCHAIN=//p' target/toolchain.env 2>/dev/null)
  [ -n "$toolchain" ] || { echo "[fuzz] needs rustup's nightly toolchain or the Debian toolchain of scripts/setup.sh" >&2; exit 1; }
  export RUSTC_BOOTSTRAP=1
  run=(cargo "+$toolchain" fuzz run --sanitizer none)
fi
limits=(-rss_limit_mb=2048 -timeout=10)
if [ -n "${FUZZ_RUNS:-}" ]; then limits+=("-runs=$FUZZ_RUNS"); else limits+=("-max_total_time=${FUZZ_SECONDS:-20}"); fi
for target in scenario command fleet decimal; do
  echo "[fuzz] $target: ${FUZZ_RUNS:+$FUZZ_RUNS runs}${FUZZ_RUNS:-${FUZZ_SECONDS:-20} s}" >&2
  "${run[@]}" --fuzz-dir fuzz "$target" "fuzz/corpus/$target" -- "${limits[@]}" 2>&1 | tee "target/fuzz-$target.log" | grep -E "^Done [0-9]+ runs|ERROR|panicked|SUMMARY" || true
  grep -qE "^Done [0-9]+ runs" "target/fuzz-$target.log" || { echo "[fuzz] $target failed; see target/fuzz-$target.log" >&2; exit 1; }
done
