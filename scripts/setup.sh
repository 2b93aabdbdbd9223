#!/usr/bin/env bash
# Installs everything the build and the tests need, idempotently: a Rust toolchain with the wasm32
# target, wasm-bindgen-cli (pinned to the crate's exact version), wasm-pack, Chromium + chromedriver
# and the npm packages (wasm-opt from binaryen, Playwright, axe-core). See README.md, "Set-up".
# When everything is present it only checks, in a few seconds.
# Writes target/toolchain.env, which the other scripts source to use the toolchain chosen here
# without changing the machine's default.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }
fail() { printf '\033[31m[setup] error:\033[0m %s\n' "$*" >&2; exit 1; }

wasm_bindgen_version=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p; s/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml | head -n1)
[ -n "$wasm_bindgen_version" ] || fail "Cargo.toml must pin wasm-bindgen with '=' (e.g. wasm-bindgen = \"=0.2.130\")."
wasm_pack_version=0.15.1
debian_toolchain=latest-playground-debian
target=wasm32-unknown-unknown

mkdir -p target
env_file=target/toolchain.env
cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$cargo_bin:$PATH"

# ---------------------------------------------------------------- apt helper
apt_updated=
apt_install() {
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo_cmd=sudo; else
      fail "Debian packages needed: $*. Run as root: apt-get update && apt-get install -y --no-install-recommends $*"
    fi
  else sudo_cmd=; fi
  command -v apt-get >/dev/null || fail "needs $* but this is not a Debian-like system; install their equivalents and rerun."
  if [ -z "$apt_updated" ]; then
    step "apt-get update (once)…"
    $sudo_cmd apt-get update -qq >/dev/null || fail "apt-get update failed; check the package mirror."
    apt_updated=1
  fi
  step "apt-get install $* …"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
    || fail "apt-get install $* failed."
}

# ---------------------------------------------------------------- Rust with wasm32
with_toolchain() { if [ -n "$1" ]; then RUSTUP_TOOLCHAIN="$1" "${@:2}"; else "${@:2}"; fi; }
has_wasm_std() { # $1: toolchain name or "" for the active one
  local libdir
  libdir=$(with_toolchain "$1" rustc --print target-libdir --target "$target" 2>/dev/null) || return 1
  compgen -G "$libdir/libcore-*.rlib" >/dev/null
}
# clippy and rustfmt are part of `make test`, so the chosen toolchain must have them too.
has_lints() { with_toolchain "$1" cargo clippy --version >/dev/null 2>&1 && with_toolchain "$1" cargo fmt --version >/dev/null 2>&1; }
# The browser build compiles the standard library itself (build-std in wasm-pack.toml): it needs
# the toolchain's own source.
has_std_src() { [ -d "$(with_toolchain "$1" rustc --print sysroot 2>/dev/null)/lib/rustlib/src/rust/library/std" ]; }
complete() { has_wasm_std "$1" && has_lints "$1" && has_std_src "$1"; }

toolchain=
if [ -f "$env_file" ]; then toolchain=$(sed -n 's/^export RUSTUP_TOOLCHAIN=//p' "$env_file"); fi
if [ -n "$toolchain" ] && complete "$toolchain"; then
  : # chosen before and still complete
elif command -v rustc >/dev/null && complete ""; then
  toolchain=
elif command -v rustup >/dev/null && step "trying 'rustup target add $target' and 'rustup component add rust-src' (30 s limit each)…" \
     && timeout 30 rustup target add "$target" >/dev/null 2>&1 && timeout 30 rustup component add rust-src >/dev/null 2>&1 \
     && complete ""; then
  toolchain=
else
  step "no wasm32 standard library with its source is reachable through rustup; building one from Debian's rustc-web sources."
  command -v rustup >/dev/null || fail "rustup is needed to select the Debian toolchain for this project only (https://rustup.rs)."
  if ! [ -x /usr/bin/rustc ] || ! /usr/bin/rustc --version | grep -q . || ! [ -d /usr/lib/rustlib/src/rust/library ] \
     || ! [ -x /usr/bin/cargo-clippy ] || ! [ -x /usr/bin/rustfmt ] || ! [ -x /usr/lib/llvm-22/bin/lld ]; then
    apt_install rustc-web cargo-web rust-web-src rust-web-clippy rustfmt-web lld-22
  fi
  sysroot=$(/usr/bin/rustc --print sysroot)
  host=$(/usr/bin/rustc -vV | sed -n 's/^host: //p')
  wasm_lib="$sysroot/lib/rustlib/$target/lib"
  if ! compgen -G "$wasm_lib/libcore-*.rlib" >/dev/null; then
    step "building the wasm32 standard library with -Zbuild-std (about a minute)…"
    scratch=$(mktemp -d)
    mkdir -p "$scratch/src"
    printf '[package]\nname = "wasm_std_builder"\nversion = "0.0.0"\nedition = "2021"\n[lib]\npath = "src/lib.rs"\n' > "$scratch/Cargo.toml"
    : > "$scratch/src/lib.rs"
    (cd "$scratch" && PATH="/usr/bin:$PATH" RUSTUP_TOOLCHAIN= RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 \
      RUSTFLAGS=-Zforce-unstable-if-unmarked /usr/bin/cargo build -q --release --target "$target" \
      -Zbuild-std=std,panic_abort,test) || fail "building the wasm32 standard library failed (see above)."
    mkdir -p "$wasm_lib"
    find "$scratch/target/$target/release/deps" -name 'lib*.rlib' ! -name 'libwasm_std_builder-*' -exec cp {} "$wasm_lib/" \;
    rm -rf "$scratch"
  fi
  # rustc links wasm with rust-lld, which Debian does not ship; LLVM's lld is the same linker.
  lld_link="$sysroot/lib/rustlib/$host/bin/rust-lld"
  if ! [ -e "$lld_link" ]; then mkdir -p "$(dirname "$lld_link")"; ln -sf /usr/lib/llvm-22/bin/lld "$lld_link"; fi
  rustup toolchain link "$debian_toolchain" "$sysroot" >/dev/null
  toolchain=$debian_toolchain
  has_wasm_std "$toolchain" || fail "the Debian toolchain still has no wasm32 standard library under $wasm_lib."
  has_lints "$toolchain" || fail "the Debian toolchain lacks clippy or rustfmt (packages rust-web-clippy, rustfmt-web)."
  has_std_src "$toolchain" || fail "the Debian toolchain has no standard library source (package rust-web-src)."
fi
if [ -n "$toolchain" ]; then echo "export RUSTUP_TOOLCHAIN=$toolchain" > "$env_file"; else : > "$env_file"; fi
echo "export PATH=\"$cargo_bin:$root/node_modules/.bin:\$PATH\"" >> "$env_file"
step "Rust: $(with_toolchain "$toolchain" rustc --version) with $target${toolchain:+ (toolchain '$toolchain', for this project only)}"

# ---------------------------------------------------------------- wasm-bindgen-cli, wasm-pack
# Host tools are built with the machine's default toolchain; only the project's crate needs wasm32.
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wasm_bindgen_version" ] \
   || [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" != "wasm-bindgen-test-runner $wasm_bindgen_version" ]; then
  step "cargo install wasm-bindgen-cli $wasm_bindgen_version (about 3 minutes, once)…"
  # Not --locked: its lockfile names a webpki-roots release the registry no longer serves.
  cargo install -q --force wasm-bindgen-cli --version "$wasm_bindgen_version" || fail "cargo install wasm-bindgen-cli failed."
fi
if [ "$(wasm-pack --version 2>/dev/null)" != "wasm-pack $wasm_pack_version" ]; then
  step "cargo install wasm-pack $wasm_pack_version (about 3 minutes, once)…"
  cargo install -q --force wasm-pack --version "$wasm_pack_version" || fail "cargo install wasm-pack failed."
fi

# ---------------------------------------------------------------- Chromium
if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]; then
  apt_install chromium chromium-driver
fi

# ---------------------------------------------------------------- npm packages
stamp=node_modules/.package-lock.sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  step "npm ci (wasm-opt, Playwright, axe-core, TypeScript, linkedom, esbuild)…"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null || fail "npm ci failed."
  echo "$want" > "$stamp"
fi
step "ready: $(wasm-pack --version), $(wasm-bindgen --version), wasm-opt $(node_modules/.bin/wasm-opt --version | grep -o '[0-9]\+' | head -n1), $(/usr/bin/chromium --version 2>/dev/null | head -n1)"
