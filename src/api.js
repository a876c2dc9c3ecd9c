// The package's entry, `pkg/reading_widget.js`: the glue wasm-bindgen writes (every export of
// the module, `ReadingWidget` first), and the part of the JavaScript API that is better
// written here than carried in the module: `mountAll()` is a loop over the page's
// placeholders and a `mount()` each, about 150 B of JavaScript against 500 B of wasm (gzip),
// and `init()`, which runs it once the module has started.
// scripts/build-release.sh bundles this file and the glue into one (esbuild); `./glue.js` is
// the glue's name during that step.
import glueInit, { initSync as glueInitSync, ReadingWidget } from './glue.js';
// src/dom/sheet.js, the glue's snippet: scripts/build-release.sh points esbuild at it.
import { loaded } from 'reading-widget-sheet';

export * from './glue.js';

/**
 * Mounts every element carrying `data-reading-widget` that does not hold a widget yet (its
 * value, if any, is the article's slug; `data-mode="full"` opens the full text;
 * `data-shadow="false"` renders into the light DOM). One bad placeholder is reported on the
 * console, naming it, and does not stop the others.
 */
export function mountAll() {
  for (const host of document.querySelectorAll('[data-reading-widget]')) {
    if (ReadingWidget.get(host)) continue;
    // Attributes, not `dataset`: a missing key there would be looked up on a polluted
    // Object.prototype.
    const data = (name) => host.getAttribute(`data-${name}`) ?? undefined;
    try {
      ReadingWidget.mount(host, { article: data('reading-widget') || undefined, mode: data('mode'), shadow: data('shadow') !== 'false' });
    } catch (error) {
      console.error(`reading-widget: ${error.message}`, host);
    }
  }
}

// Until the module has started, the glue's statics would fail inside it with a TypeError
// ("reading properties of undefined"): each throws an Error saying what to await instead. Every
// static function of the class, so a new one is covered without a list to keep.
let started;
for (const name of Object.getOwnPropertyNames(ReadingWidget)) {
  const call = ReadingWidget[name];
  if (typeof call == 'function')
    ReadingWidget[name] = (...args) => {
      if (started) return call(...args);
      throw Error(`ReadingWidget.${name}() before the module started; await init() first`);
    };
}
const begin = (output) => ((started = 1), output);

/**
 * Loads and starts the module (wasm-bindgen's own `init`), mounting nothing: for the code
 * module, whose articles come after it (`addArticles`), as embed.js loads it.
 */
export const start = async (options) => begin(await glueInit(options));

/** Loads and starts the module, then mounts the page's placeholders (`mountAll`). */
export default async function init(options) {
  const output = await start(options);
  mountAll();
  return output;
}

/** `init`, synchronously, from a module or its bytes. */
export function initSync(options) {
  const output = begin(glueInitSync(options));
  mountAll();
  return output;
}

// Last in the bundle, once every export above is defined: the glue, and so init(), waits for
// the stylesheet (src/dom/sheet.js says why here).
await loaded;
