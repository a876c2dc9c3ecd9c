#!/usr/bin/env bash
# Prints what a page downloads to show the widget, raw and gzip -9, and fails if a page of one
# article downloads more module and glue than the budget. Usage:
#   scripts/size-report.sh [dist] [budget in bytes]
set -euo pipefail
dist=${1:-dist}
# 30 KiB: issue 9's budget for the module and its glue, for a page
# of one article (pkg/articles/<slug>.wasm). Issue 2 set 36 KiB for everything; issue 4's
# shadow root, events, get/articles and serde-wasm-bindgen took the widget to 43 KiB, and
# issue 8's take-over of pre-rendered markup to 46.5 KiB. Issue 9's release pipeline and
# compiler flags (scripts/build-release.sh), the stylesheet as a file and the state written as
# JSON by hand brought it under 30 KiB (README "Size" says what each saved). A ceiling to cut
# back down from, not to fill.
budget=${2:-30720}
gzip_size() { gzip -9 -c "$1" | wc -c; }
row() { printf '%-42s %10s %10s  %s\n' "$@"; }

row "file" "raw" "gzip -9" ""
# The code every page loads: embed.js and the glue (with src/dom/sheet.js bundled in).
for file in "$dist/embed.js" "$dist/pkg/reading_widget.js"; do
  row "${file#"$dist"/}" "$(wc -c < "$file")" "$(gzip_size "$file")" ""
done
code_gzip=$(gzip_size "$dist/pkg/reading_widget.js")
# The stylesheet is a file of its own: pre-rendered pages link it before the module arrives,
# and the glue fetches it (the same URL: with HTTP caching, a page downloads it once).
css="$dist/pkg/reading_widget.css"
row "${css#"$dist"/}" "$(wc -c < "$css")" "$(gzip_size "$css")" "(not in the budget: also a pre-rendered page's)"
all="$dist/pkg/reading_widget_bg.wasm"
row "${all#"$dist"/}" "$(wc -c < "$all")" "$(gzip_size "$all")" "(every article: pages of several)"

# A page of one article downloads its own module (embed.js picks it): each must fit. The
# shell (the module without an article, kept by `make dist` in target/ship/shell-pkg) tells
# the shared code's share from the article's.
shell=${SHELL_WASM:-target/ship/shell-pkg/reading_widget_bg.wasm}
if [ -f "$shell" ]; then
  shared=$(( $(gzip_size "$shell") + code_gzip ))
  row "shared: the shell module + glue" "" "$shared" "(what every page pays, whatever its article)"
fi
over=0
for module in "$dist"/pkg/articles/*.wasm; do
  gz=$(gzip_size "$module")
  total=$((gz + code_gzip))
  row "${module#"$dist"/}" "$(wc -c < "$module")" "$gz" "module + glue $total (budget $budget)"
  if [ "$total" -gt "$budget" ]; then
    slug=$(basename "$module" .wasm)
    echo "size-report: a page of $slug downloads $total bytes of module and glue gzipped, over the $budget-byte budget" >&2
    if [ -n "${shared:-}" ]; then
      echo "size-report: the shared code is $shared of them and $slug's own data $((total - shared)): if the article is simply longer, raise SIZE_BUDGET in the Makefile" >&2
    fi
    over=1
  fi
done
exit "$over"
