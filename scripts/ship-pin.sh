#!/usr/bin/env bash
# Prints one field of the shipped build's toolchain pin, Cargo.toml's [package.metadata.ship]:
# `toolchain` (the rustup name), `release` or `commit-hash` (as `rustc -vV` prints them).
# The Makefile, scripts/install-tools.sh and scripts/build-release.sh read the pin through it.
#
#   scripts/ship-pin.sh FIELD
set -euo pipefail
cd "$(dirname "$0")/.."
value=$(sed -n "/^\[package\.metadata\.ship\]/,/^\[/ s/^$1 = \"\(.*\)\"/\1/p" Cargo.toml)
if [ -z "$value" ]; then
  echo "ship-pin: no '$1' in Cargo.toml's [package.metadata.ship]" >&2
  exit 1
fi
echo "$value"
