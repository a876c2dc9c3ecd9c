// The whole embed: load the module, which mounts every [data-reading-widget] element and takes
// over any pre-rendered one in place. Where WebAssembly cannot run (refused by the page's CSP,
// or missing), init() fails: that is said once on the console, rather than thrown, and a
// pre-rendered article stays as it is, readable.
//
// A page whose placeholders all name one article downloads that article's module
// (pkg/articles/<slug>.wasm: the shared code and that article only); any other page, or one
// whose article has no module of its own, downloads the module of every article.
import init from './pkg/reading_widget.js';

const named = new Set(
  Array.from(document.querySelectorAll('[data-reading-widget]'), (host) => host.getAttribute('data-reading-widget')),
);
const [only] = named;
const own = named.size === 1 && only ? new URL(`./pkg/articles/${encodeURIComponent(only)}.wasm`, import.meta.url) : null;

try {
  try {
    await init(own ? { module_or_path: own } : undefined);
  } catch (error) {
    if (!own) throw error;
    await init();
  }
} catch (error) {
  console.warn(`reading-widget: the module could not start (${error}); pre-rendered articles stay as they are`);
}
