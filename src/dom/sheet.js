// The widget's stylesheet in the build that ships (the `stylesheet-file` feature, which
// scripts/build-release.sh turns on): the module does not carry the sheet's text, which
// pre-rendered pages already download as reading_widget.css. The glue imports this file, so the
// sheet is fetched while the page loads the glue, and the top-level `await` holds init() until
// it has arrived: a fresh mount() is styled from its first frame, as when the module carried it.
//
// scripts/build-release.sh bundles this file into the glue (esbuild), so `import.meta.url` is
// the glue's, pkg/reading_widget.js, next to pkg/reading_widget.css.
let sheet = null;
// Not where there is no CSSOM (Node, when a tool imports the package): nothing to style there.
if (typeof CSSStyleSheet == 'function') {
  sheet = new CSSStyleSheet();
  try {
    const response = await fetch(new URL('reading_widget.css', import.meta.url));
    if (!response.ok) throw Error(`HTTP ${response.status}`);
    sheet.replaceSync(await response.text());
  } catch (error) {
    // The widget still works, unstyled; a failed import would have left nothing to read.
    console.warn(`reading-widget: no stylesheet (${error})`);
  }
}

/** The one constructed stylesheet every widget adopts, or null without a CSSOM. */
export const styles = () => sheet;
