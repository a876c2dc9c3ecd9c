#!/usr/bin/env bash
# `make reproducible`: the shipped site is a function of the source alone. Builds `make dist`
# again from a copy of this checkout's source files in another folder (another path, another
# length, its own target dir and node_modules, nothing shared but the installed tools), then
# compares the two dist/ folders byte for byte, and fails naming every file that differs.
#
#   scripts/reproducible.sh [DIST]    (DIST: this checkout's build, dist unless given)
#
# The copy is the files git knows and the new ones it does not ignore, as they are on disk, so
# uncommitted changes are compared too. SHIP_TOOLCHAIN passes through to both builds.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${1:-dist}
if [ ! -d "$dist/pkg" ]; then
  echo "reproducible: no $dist/pkg; build it first (make dist)" >&2
  exit 2
fi
# Another folder, at another depth, so a path that leaked into the bytes would show.
other=$(mktemp -d "${TMPDIR:-/tmp}/reading-widget-reproducible.XXXXXX")/elsewhere/reading-widget
mkdir -p "$other"
trap 'rm -rf "${other%/elsewhere/reading-widget}"' EXIT
git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' file; do [ -e "$file" ] && printf '%s\0' "$file"; done |
  tar --null -T - -cf - | tar -xf - -C "$other"
echo "reproducible: building dist again in $other" >&2
if ! make -C "$other" dist > "$other.log" 2>&1; then
  tail -n 30 "$other.log" >&2
  echo "reproducible: the second build failed (its log above)" >&2
  exit 1
fi
if ! diff -r -q "$dist" "$other/dist" >&2; then
  echo "reproducible: two builds of the same source, from two folders, differ (the files above)" >&2
  exit 1
fi
echo "reproducible: $(find "$dist" -type f | wc -l) files of $dist, byte-identical from $other" >&2
