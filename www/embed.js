// The whole embed: load the module, which mounts every [data-reading-widget] element and takes
// over any pre-rendered one in place. Where WebAssembly cannot run (refused by the page's CSP,
// or missing), init() fails: that is said once on the console, rather than thrown, and a
// pre-rendered article stays as it is, readable.
//
// A page whose placeholders all name one article downloads that article's module
// (pkg/articles/<slug>.wasm: the shared code and that article only); any other page, or one
// whose article has no module of its own, downloads the module of every article.
//
// The module's download starts first, before the glue is imported: the glue holds its own
// evaluation until the stylesheet it fetches has arrived (src/dom/sheet.js), and the three
// downloads overlap rather than wait on each other.
const named = new Set(
  Array.from(document.querySelectorAll('[data-reading-widget]'), (host) => host.getAttribute('data-reading-widget')),
);
const [only] = named;
const own = named.size === 1 && only ? new URL(`./pkg/articles/${encodeURIComponent(only)}.wasm`, import.meta.url) : null;
const module = fetch(own ?? new URL('./pkg/reading_widget_bg.wasm', import.meta.url));
// Handled below, through init(); this only keeps a failure before then from being reported twice.
module.catch(() => {});

try {
  const { default: init } = await import('./pkg/reading_widget.js');
  try {
    await init({ module_or_path: module });
  } catch (error) {
    if (!own) throw error;
    await init();
  }
} catch (error) {
  console.warn(`reading-widget: the module could not start (${error}); pre-rendered articles stay as they are`);
}
