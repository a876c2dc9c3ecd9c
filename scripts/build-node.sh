#!/usr/bin/env bash
# Builds the publisher's tools for Node (crates/node: the content compiler, the view and the
# pre-renderer as WebAssembly) into OUT_DIR/compiler/, for the npm package (`make package`):
#
#   scripts/build-node.sh OUT_DIR
#
# wasm32-unknown-unknown and wasm-bindgen's `web` target: an ES module the package's build.js
# starts with `initSync` from the bytes it reads beside itself, so it runs on any Node the
# package supports, on any platform, with no native binary and no CommonJS in an ES-module
# package. Built with the `node` profile (Cargo.toml): for speed rather than size, since a
# server compiles articles while it renders pages; on the default (stable) toolchain, in a
# target dir of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 1 ]; then
  echo "usage: scripts/build-node.sh OUT_DIR" >&2
  exit 2
fi
out=$1
CARGO_TARGET_DIR=target/node cargo build --quiet --locked --profile node -p reading-widget-node --target wasm32-unknown-unknown
rm -rf "$out/compiler"
mkdir -p "$out/compiler"
wasm-bindgen --target web --out-dir "$out/compiler" --out-name compiler \
  target/node/wasm32-unknown-unknown/node/reading_widget_node.wasm
# The package's build.js is what users import; the glue's own .d.ts files stay out.
rm -f "$out/compiler/"*.d.ts
