#!/usr/bin/env bash
# Builds the release package that ships (dist/pkg; the fixture site splices into a copy of the
# same shell): the module and its glue, as small as the pipeline can make them. `make dist`
# runs this, so the build the e2e suite tests is the build that ships.
#
#   scripts/build-release.sh OUT_DIR TARGET_DIR [--profiling]    (e.g. dist/pkg target/ship)
#
# 1. wasm-pack on the pinned nightly toolchain (below), std rebuilt for the module (-Zbuild-std) with
#    panic=immediate-abort, no panic locations and no Debug formatting: a panic is already a
#    trap that kills the module (panic = "abort"), so the message and location code that
#    stable Rust keeps for it is dead weight. wasm-pack still runs wasm-opt with the flags in
#    Cargo.toml's [package.metadata.wasm-pack.profile.release].
# 2. scripts/minify-names.mjs: import, export and module names shortened by wasm-opt, the
#    glue made to follow its mapping and minified by terser, the .d.ts files renamed to match.
# 3. esbuild bundles the package's entry (src/api.js), the glue and its snippet (below).
#
# TARGET_DIR is this build's own CARGO_TARGET_DIR: nightly artifacts never replace the stable
# ones that `cargo test`, clippy and `wasm-pack test` use, and each keeps its cache.
# The environment passes through (READING_WIDGET_CONTENT for the fixture build).
#
# --profiling (`make size`): the same build with its function names kept for twiggy, so it
# lists what ships; step 2 is skipped (it renames nothing twiggy reports on).
set -euo pipefail
cd "$(dirname "$0")/.."

usage="usage: scripts/build-release.sh OUT_DIR TARGET_DIR [--profiling]"
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "$usage" >&2
  exit 2
fi
out=$1
target_dir=$2
profile=--release
case "${3:-}" in
  '') ;;
  --profiling) profile=--profiling ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
# The toolchain: the one Cargo.toml pins ([package.metadata.ship], by rustc's release and
# commit), which scripts/install-tools.sh installs with rust-src and the wasm32 target. Another
# is refused, since it ships other bytes (or fails on the unstable flags below), unless
# SHIP_TOOLCHAIN names it; then this says what it used. A stable toolchain builds without the
# nightly-only steps: std as rustup ships it, with its panic messages and formatting.
pinned="$(scripts/ship-pin.sh release) ($(scripts/ship-pin.sh commit-hash))"
toolchain=${SHIP_TOOLCHAIN:-$(scripts/ship-pin.sh toolchain)}
if ! version=$(rustc +"$toolchain" -vV 2>/dev/null); then
  echo "build-release: no rustc for the toolchain '$toolchain' (scripts/install-tools.sh installs the pinned one)" >&2
  exit 1
fi
used="$(sed -n 's/^release: //p' <<<"$version") ($(sed -n 's/^commit-hash: //p' <<<"$version"))"
if [ "$used" = "$pinned" ]; then
  echo "build-release: rustc $used, the toolchain Cargo.toml pins" >&2
elif [ -z "${SHIP_TOOLCHAIN:-}" ]; then
  echo "build-release: the shipped build is made with rustc $pinned (Cargo.toml, [package.metadata.ship]), and '$toolchain' is rustc $used; install that one, or build with this one anyway, other bytes, with SHIP_TOOLCHAIN=$toolchain" >&2
  exit 1
else
  echo "build-release: rustc $used (SHIP_TOOLCHAIN=$SHIP_TOOLCHAIN), not the pinned $pinned: these are not the bytes that were tested" >&2
fi

# Set here, not taken from the environment: these are part of what ships. They apply to the
# module and to the std built for it, not to build scripts (cargo builds those for the host).
# -reference-types: JavaScript values cross the boundary as indices into the glue's own array
# of them, rather than through a table of externrefs the module manages (its allocation code is
# bigger than the glue's; BENCHMARKS.md, "What the code's choices saved", has each flag's saving).
# -Zcross-crate-inline-threshold=always -Zmir-opt-level=3: every function of every crate (std
# and web-sys included) keeps its MIR, so rustc can inline and simplify it into its callers
# before LLVM sees it; most of what the module calls is a thin wrapper that then folds away
# (docs/src/performance.md "The build that ships").
# On stable, std comes as rustup ships it, compiled with reference types: the flags stay off,
# or wasm-bindgen finds the module half one way and half the other.
export RUSTFLAGS=
nightly_only=()
if [[ $used == *-nightly* ]]; then
  RUSTFLAGS="-Ctarget-feature=-reference-types -Zlocation-detail=none -Zfmt-debug=none -Zcross-crate-inline-threshold=always -Zmir-opt-level=3"
  nightly_only=(-Zbuild-std=std,panic_abort -Zpanic-immediate-abort --config 'profile.release.panic="immediate-abort"')
fi
RUSTUP_TOOLCHAIN=$toolchain CARGO_TARGET_DIR=$target_dir \
  wasm-pack build "$profile" --target web --out-dir "$out" . -- "${nightly_only[@]}" --features stylesheet-file

if [ "$profile" = --release ]; then
  node scripts/minify-names.mjs "$out"
  # 3. The package's entry (src/api.js: the glue's exports, and mountAll and init written in
  #    JavaScript), the glue and its one snippet (src/dom/sheet.js, which fetches the
  #    stylesheet) bundled into one file by esbuild, so a page waits for one download less
  #    before init() can run (a round trip: about 150 ms on bench/loading.mjs's phone profile).
  mv "$out/reading_widget.js" "$out/glue.js"
  cp src/api.js "$out/api.js"
  sheet=$(realpath "$out"/snippets/*/src/dom/sheet.js)
  esbuild "$out/api.js" --bundle --format=esm --minify --log-level=warning --outfile="$out/reading_widget.js" \
    --alias:reading-widget-sheet="$sheet"
  rm -r "$out/snippets" "$out/glue.js" "$out/api.js"
  if grep -Eq '(^|[;}])\s*import\s*[{*"]|\bimport\s*\(' "$out/reading_widget.js"; then
    echo "build-release: the bundled glue still imports something" >&2
    exit 1
  fi
fi
