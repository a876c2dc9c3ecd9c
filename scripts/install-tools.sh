#!/usr/bin/env bash
# Installs every tool `make` needs, and only what is missing, so running it twice is harmless.
# A bare Debian machine with rustup, cargo, node and npm needs nothing else.
#
# Usage: scripts/install-tools.sh [rust|browsers|npm|docs|all]...
set -euo pipefail
cd "$(dirname "$0")/.."

# Keep in step with the `wasm-bindgen = "=…"` pin in Cargo.toml: the CLI must match exactly.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p; s/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml | head -n 1)
WASM_PACK_VERSION=0.15.1
GECKODRIVER_VERSION=0.37.1
# `make supply-chain` (licences, bans, sources: deny.toml) and `make fuzz-smoke` (fuzz/).
CARGO_DENY_VERSION=0.20.2
CARGO_FUZZ_VERSION=0.13.2
# `make docs` and `make docs-check` (the book in docs/). A tool, not a dependency: MPL-2.0.
MDBOOK_VERSION=0.5.4
# The toolchain of the shipped build and of the fuzzer, as Cargo.toml pins it
# ([package.metadata.ship]; scripts/build-release.sh checks its rustc against the pin).
NIGHTLY=$(scripts/ship-pin.sh toolchain)
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$CARGO_BIN:$PATH"

say() { printf '==> %s\n' "$*" >&2; }

install_rust_tools() {
  # libfuzzer-sys (make fuzz-smoke) compiles libFuzzer's C++ sources.
  apt_install g++
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  # The release that ships is built on nightly (scripts/build-release.sh: -Zbuild-std with
  # panic=immediate-abort); stable stays the default for everything else.
  local host
  host=$(rustc -vV | sed -n 's/^host: //p')
  if ! rustup toolchain list | grep -q "^$NIGHTLY-$host\b"; then
    say "installing the $NIGHTLY toolchain (the shipped build's)"
    rustup toolchain install "$NIGHTLY" --profile minimal --component rust-src --target wasm32-unknown-unknown
  fi
  if ! rustup component list --toolchain "$NIGHTLY" --installed | grep -qx 'rust-src'; then
    say "adding rust-src to $NIGHTLY (for -Zbuild-std)"
    rustup component add rust-src --toolchain "$NIGHTLY"
  fi
  if ! rustup target list --toolchain "$NIGHTLY" --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target to $NIGHTLY"
    rustup target add wasm32-unknown-unknown --toolchain "$NIGHTLY"
  fi
  # Another toolchain for the shipped build (SHIP_TOOLCHAIN=stable make dist) needs the target.
  if [ -n "${SHIP_TOOLCHAIN:-}" ] && ! rustup target list --toolchain "$SHIP_TOOLCHAIN" --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target to $SHIP_TOOLCHAIN"
    rustup target add wasm32-unknown-unknown --toolchain "$SHIP_TOOLCHAIN"
  fi
  # Pinned, so a clean clone builds with the tools it was tested with.
  if ! wasm-pack --version 2>/dev/null | grep -q " $WASM_PACK_VERSION\$"; then
    say "installing wasm-pack $WASM_PACK_VERSION (about 2.5 minutes)"
    cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked --force
  fi
  if [ -z "$WASM_BINDGEN_VERSION" ]; then
    echo "install-tools: cannot read the wasm-bindgen pin from Cargo.toml" >&2
    exit 1
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4.5 minutes)"
    # --locked fails for this crate; --force replaces a CLI of another version.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
  if ! geckodriver --version 2>/dev/null | grep -q "^geckodriver $GECKODRIVER_VERSION"; then
    say "installing geckodriver $GECKODRIVER_VERSION (about 2.5 minutes)"
    cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked --force
  fi
  if ! cargo deny --version 2>/dev/null | grep -q " $CARGO_DENY_VERSION\$"; then
    say "installing cargo-deny $CARGO_DENY_VERSION (about 5.5 minutes)"
    cargo install cargo-deny --version "$CARGO_DENY_VERSION" --locked --force
  fi
  if ! cargo fuzz --version 2>/dev/null | grep -q " $CARGO_FUZZ_VERSION\$"; then
    say "installing cargo-fuzz $CARGO_FUZZ_VERSION (about 1.5 minutes)"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --force
  fi
}

install_docs_tools() {
  if ! mdbook --version 2>/dev/null | grep -q " v$MDBOOK_VERSION\$"; then
    say "installing mdbook $MDBOOK_VERSION (about 3.5 minutes)"
    cargo install mdbook --version "$MDBOOK_VERSION" --locked --force
  fi
}

apt_updated=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-tools: need root or sudo to install ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  if [ $apt_updated -eq 0 ]; then
    $sudo apt-get update -qq
    apt_updated=1
  fi
  say "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

install_browsers() {
  # Chromium and Firefox for wasm-pack test and the e2e suite; WebKitGTK's MiniBrowser and
  # its WebDriver under a virtual X server stand in for Safari.
  apt_install chromium chromium-driver firefox-esr webkit2gtk-driver xvfb xauth
  # Never Debian's binaryen: its wasm-opt 108 breaks wasm-bindgen 0.2.130 output.
  if dpkg-query -W -f='${Status}' binaryen 2>/dev/null | grep -q 'install ok installed'; then
    echo "install-tools: Debian's binaryen is installed; its wasm-opt breaks the release build." >&2
    echo "               Remove it (apt-get remove binaryen); npm's binaryen is used instead." >&2
    exit 1
  fi
}

npm_tools_current() {
  [ -x node_modules/.bin/wasm-opt ] && [ -f node_modules/.package-lock.json ] &&
    ! [ package-lock.json -nt node_modules/.package-lock.json ]
}

install_npm_tools() {
  # vnu-jar (`make validate-html`) runs on Java. First: without a `java` on PATH, its npm
  # postinstall would download a runtime of its own from GitHub.
  command -v java >/dev/null || apt_install default-jre-headless
  # wasm-opt (npm's binaryen) and playwright-core, pinned by package-lock.json. `npm ci` starts
  # by deleting node_modules, so two makes at once (a second terminal, a helper) must not both
  # run it: the second waits on the lock, then finds the tools there.
  npm_tools_current && return 0
  (
    flock 9
    if ! npm_tools_current; then
      say "installing npm packages (npm ci)"
      npm ci --no-audit --no-fund --loglevel=error
    fi
  ) 9<package-lock.json
}

[ $# -eq 0 ] && set -- all
for what in "$@"; do
  case "$what" in
    rust) install_rust_tools ;;
    browsers) install_browsers ;;
    npm) install_npm_tools ;;
    docs) install_docs_tools ;;
    all) install_rust_tools; install_browsers; install_npm_tools; install_docs_tools ;;
    *) echo "install-tools: unknown group '$what' (rust, browsers, npm, docs or all)" >&2; exit 2 ;;
  esac
done
