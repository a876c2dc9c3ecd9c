// The whole embed: load the module, which mounts every [data-reading-widget] element and takes
// over any pre-rendered one in place. Where WebAssembly cannot run (refused by the page's CSP,
// or missing), init() fails: that is said once on the console, rather than thrown, and a
// pre-rendered article stays as it is, readable.
//
// A page whose placeholders all name one article downloads that article's module
// (pkg/articles/<slug>.wasm: the shared code and that article only); any other page, or one
// whose article has no module of its own, downloads the module of every article.
//
// The module is fetched and compiled first, while the glue loads: the glue holds its own
// evaluation until the stylesheet it fetches has arrived (src/dom/sheet.js), so init() then
// only has to instantiate the module. Where that compile fails (no module of its own for the
// slug, a server that does not send application/wasm, no streaming compilation), init() fetches
// the module of every article its own way, and reports what stops it.
const named = new Set(
  Array.from(document.querySelectorAll('[data-reading-widget]'), (host) => host.getAttribute('data-reading-widget')),
);
const [only] = named;
const own = named.size === 1 && only ? new URL(`./pkg/articles/${encodeURIComponent(only)}.wasm`, import.meta.url) : null;
const url = own ?? new URL('./pkg/reading_widget_bg.wasm', import.meta.url);
const compiling = globalThis.WebAssembly?.compileStreaming?.(fetch(url)).catch(() => undefined);

try {
  const { default: init } = await import('./pkg/reading_widget.js');
  const module = await compiling;
  await init(module ? { module_or_path: module } : undefined);
} catch (error) {
  console.warn(`reading-widget: the module could not start (${error}); pre-rendered articles stay as they are`);
}
