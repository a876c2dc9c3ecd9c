// The widget's stylesheet in the build that ships (the `stylesheet-file` feature, which
// scripts/build-release.sh turns on): the module does not carry the sheet's text, which
// pre-rendered pages already download as reading_widget.css. The glue imports this file, so the
// sheet is fetched while the page loads the glue; `loaded` settles once it has arrived, and
// src/api.js awaits it at the end of the bundled glue, so the glue's exports are all defined
// before it waits, and init() runs only once the sheet is in: a fresh mount() is styled from
// its first frame, as when the module carried it. (The wait is not here: a top-level await at
// the top of the bundle left WebKit's other importers of the glue a `ReadingWidget` still
// undefined while it waited.)
//
// scripts/build-release.sh bundles this file into the glue (esbuild), so `import.meta.url` is
// the glue's, pkg/reading_widget.js, next to pkg/reading_widget.css.
let sheet = null;
/** Settles once the sheet has its rules, or has failed to get them (never rejects). */
export let loaded = Promise.resolve();
// Not where there is no CSSOM (Node, when a tool imports the package): nothing to style there.
if (typeof CSSStyleSheet == 'function') {
  sheet = new CSSStyleSheet();
  // Asking for CSS, as a <link rel=stylesheet> does: Vite's dev server answers a .css request
  // without it with a JavaScript module (its CSS hot reload), which replaceSync would take for
  // a sheet with no rules.
  loaded = fetch(new URL('reading_widget.css', import.meta.url), { headers: { accept: 'text/css' } })
    .then((response) => {
      if (!response.ok) throw Error(`HTTP ${response.status}`);
      return response.text();
    })
    .then(
      (text) => sheet.replaceSync(text),
      // The widget still works, unstyled.
      (error) => console.warn(`reading-widget: no stylesheet (${error})`),
    );
}

/** The one constructed stylesheet every widget adopts, or null without a CSSOM. */
export const styles = () => sheet;
