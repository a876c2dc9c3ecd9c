#!/usr/bin/env bash
# Prints what a page downloads to show the widget, raw and gzip -9, and fails when a budget is
# broken. Usage:
#   scripts/size-report.sh [dist] [budget in bytes] [--report-only]
#
# --report-only prints the sizes and holds no budget: for a build with another toolchain than
# the pinned one (SHIP_TOOLCHAIN), which is not what ships.
#
# The budgets: a page of one article, first visit, downloads the code (glue + code module) and
# the article's file, at most `budget` (32.5 KiB: 30 for the widget, 2 for serde-wasm-bindgen
# building what goes out to JavaScript, and 0.5 for checking an article file's release and
# checksum and saying why one is refused); each article's file alone is at most
# 5 KiB (all a second article's page fetches once the code is cached). Either over fails.
# Two targets, sizes to cut down to, are printed and not yet enforced (docs/src/performance.md
# "Budgets" says how far off they are): the code alone at most 26,880 B, and embed.js at most
# 1 KiB. Ceilings to cut back down from, not to fill.
set -euo pipefail
dist=${1:-dist}
budget=${2:-33280}
report_only=${3:-}
code_target=26880
article_budget=5120
embed_target=1024
# -n: no file name or time in the header, as a server's gzip encoding sends it (a name would
# count up to 38 bytes per file that no reader downloads).
gzip_size() { gzip -9 -n -c "$1" | wc -c; }
row() { printf '%-46s %10s %10s  %s\n' "$@"; }
over=0
check() { # what, bytes, budget
  if [ "$2" -gt "$3" ]; then
    echo "size-report: $1 is $2 bytes gzipped, over its $3-byte budget" >&2
    over=1
  fi
}
target() { # what, bytes, target
  if [ "$2" -gt "$3" ]; then
    echo "size-report: note: $1 is $2 bytes gzipped, $(( $2 - $3 )) over its $3-byte target (not yet enforced)" >&2
  fi
}

row "file" "raw" "gzip -9" ""
embed="$dist/embed.js"
row "embed.js" "$(wc -c < "$embed")" "$(gzip_size "$embed")" "(target $embed_target)"
target embed.js "$(gzip_size "$embed")" "$embed_target"

# The code, under the name embed.js asks for: the glue (with src/dom/sheet.js bundled in) and
# the code module, which holds no article.
glue=$(ls "$dist"/pkg/reading_widget.*.js)
wasm=$(ls "$dist"/pkg/reading_widget.*.wasm)
[ "$(echo "$glue" | wc -l)" -eq 1 ] && [ "$(echo "$wasm" | wc -l)" -eq 1 ] || {
  echo "size-report: expected one pkg/reading_widget.<hash>.js and one .wasm in $dist" >&2
  exit 1
}
row "${glue#"$dist"/}" "$(wc -c < "$glue")" "$(gzip_size "$glue")" ""
row "${wasm#"$dist"/}" "$(wc -c < "$wasm")" "$(gzip_size "$wasm")" ""
code=$(( $(gzip_size "$glue") + $(gzip_size "$wasm") ))
row "code: glue + code module" "" "$code" "(target $code_target; cached once for every article)"
target "the code (glue + code module)" "$code" "$code_target"

# The stylesheet is a file of its own: pre-rendered pages link it before the module arrives,
# and the glue fetches it (the same URL: with HTTP caching, a page downloads it once).
css="$dist/pkg/reading_widget.css"
row "${css#"$dist"/}" "$(wc -c < "$css")" "$(gzip_size "$css")" "(not in the budget: also a pre-rendered page's)"
all="$dist/pkg/reading_widget_bg.wasm"
row "${all#"$dist"/}" "$(wc -c < "$all")" "$(gzip_size "$all")" "(every article spliced in: for pages that call init() themselves)"

for file in "$dist"/pkg/articles/*.bin; do
  gz=$(gzip_size "$file")
  # <slug>.<build>.bin
  slug=$(basename "$file" .bin); slug=${slug%.*}
  row "${file#"$dist"/}" "$(wc -c < "$file")" "$gz" "first visit $((code + gz)) (budget $budget)"
  check "$slug's file" "$gz" "$article_budget"
  check "a first visit to a page of $slug (code + its article)" "$((code + gz))" "$budget"
done
if [ "$report_only" = --report-only ]; then
  [ "$over" -eq 0 ] || echo "size-report: not held to the budgets: this build is not the pinned toolchain's" >&2
  exit 0
fi
exit "$over"
