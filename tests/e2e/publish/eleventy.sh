# A publisher's Eleventy site, built as docs/src/publishing.md shows it; tests/e2e/publish.test.mjs
# runs these lines in a scratch project where `npm install reading-widget @11ty/eleventy` ran.
# ANCHOR: build
npx @11ty/eleventy --input=src --output=_site --quiet
npx reading-widget build articles --out _site/reading-widget --base /reading-widget/
npx reading-widget prerender _site
# ANCHOR_END: build
