// The whole embed: defines <reading-widget>, loads the code module once, fetches each article
// when a widget first needs it, and mounts every [data-reading-widget] placeholder the page
// was served with. `make dist` minifies this file into the site's embed.js and fills in the
// code's hash (__CODE__), the only article (__ONLY__) and the build (__BUILD__);
// scripts/package.mjs makes the npm package's element.js of that.
//
// The code (pkg/reading_widget.<hash>.js and .wasm) is named by a hash of its bytes, which no
// article changes: a CDN may cache it for a year. Its URLs are literals, `new URL('./…',
// import.meta.url)` and `import('./…')`, because that is what Vite, webpack and esbuild follow:
// a path built from a variable makes them copy the whole folder, or nothing.
//
// The articles are the publisher's, not the code's: each is a file of its own
// (pkg/articles/<slug>.<build>.bin under a base, written at build time, handed to the module as
// it is: nothing is parsed here). The base is a widget's `base` attribute (a placeholder's
// `data-base`), or else BASE. The articles the page names are fetched at once, beside the code;
// any other when a widget of it mounts. Where WebAssembly cannot run (refused by the page's
// CSP, or missing), that is said once on the console, and pre-rendered articles stay as they
// are, readable.
//
// The slug of the site's only article, or '': what a widget that names none shows.
const ONLY = '__ONLY__';
// The folder this file is served from, as a site is built (embed.js beside pkg/). A bundler
// moves the npm package's element.js away from the articles, so there it is the documented
// '/reading-widget/' (scripts/package.mjs writes it in).
const BASE = new URL('./', import.meta.url);
// The build the code is, which names the article files it reads: another release's are never
// asked for.
const BUILD = '__BUILD__';
/** An article's file. `base` is relative to the page, as any URL an attribute holds. */
const file = (slug, base) => new URL(`pkg/articles/${slug}.${BUILD}.bin`, new URL(base || BASE, document.baseURI));
// Compiled as it downloads, beside the glue (which waits for the stylesheet): `start` then only
// instantiates it. Where that fails (no streaming compilation, a server that does not send
// application/wasm), the glue fetches it its own way.
// Started by the first widget that needs it: at once for most, later for a lazy one.
let glue;
let failed;
const start = () => {
  if (glue) return glue;
  const code = new URL('./pkg/reading_widget.__CODE__.wasm', import.meta.url);
  const compiling = globalThis.WebAssembly?.compileStreaming?.(fetch(code)).catch(() => {});
  glue = import('./pkg/reading_widget.__CODE__.js').then(async (glue) => {
    await glue.start({ module_or_path: (await compiling) ?? code });
    return glue;
  });
  // Said once; widgets and placeholders then say nothing more of it (their `ready` rejects).
  glue.catch((error) => console.warn(`reading-widget: the module could not start (${(failed = error)})`));
  return glue;
};

/**
 * Each article file's bytes, handed to the module once; its promise resolves to the glue. The
 * code starts downloading at the same time as the article, not after it.
 */
const loaded = Object.create(null);
const load = (slug, base, code = start(), url = slug && file(slug, base)) =>
  slug
    ? (loaded[url] ??= fetch(url)
        .then((response) =>
          response.ok
            ? response.arrayBuffer()
            : Promise.reject(Error(`unknown article '${slug}' (${response.status})`)),
        )
        .then(
          async (bytes) => {
            const { ReadingWidget } = await code;
            try {
              ReadingWidget.addArticles(new Uint8Array(bytes));
            } catch (error) {
              // Refused (another release's file, a damaged one): said with the article's name.
              throw Error(`article '${slug}': ${error.message}`);
            }
            return code;
          },
          (error) => {
            // Tried again by the next widget that needs it.
            delete loaded[url];
            throw error;
          },
        ))
    : code;

/** A promise and its settling functions; never an unhandled rejection. */
const deferred = () => {
  const settle = Promise.withResolvers();
  settle.promise.catch(() => {});
  return settle;
};

customElements.get('reading-widget') ||
  customElements.define(
    'reading-widget',
    class extends HTMLElement {
      // `mode` is the reader's state: a change is applied, as showFull() or showSummary() would.
      // Any value but 'full' means the summary, as an enumerated HTML attribute falls back to
      // its default.
      static observedAttributes = ['article', 'base', 'mode'];
      #widget;
      #ready = deferred();
      #labels;
      #widgets;
      // Waiting lazily: what stops the waiting.
      #unwait;
      // Mounting or mounted, from connection (or a lazy widget's cue) until it leaves.
      #live;

      constructor() {
        super();
        // Labels set before the element was defined are kept (Lit's lazy properties): the own
        // property that hid the setter goes, and its value goes through the setter.
        const labels = this.labels;
        delete this.labels;
        this.labels = labels;
      }

      /** Resolves to the state once the widget has mounted or taken over; rejects if it cannot. */
      get ready() {
        return this.#ready.promise;
      }
      get labels() {
        return this.#labels;
      }
      set labels(labels) {
        // Labels equal to the ones shown change nothing: a framework sets a fresh object on
        // every render, and a remount each time would never settle.
        const old = this.#labels ?? {};
        this.#labels = labels;
        labels ??= {};
        const same = Object.keys({ ...old, ...labels }).every((key) => old[key] === labels[key]);
        if (this.#widget && !same) this.#mount();
      }

      connectedCallback() {
        // Moved within the document: the widget is still there, with its state.
        if (this.#widget && this.#widgets.get(this)) return;
        if (this.getAttribute('loading') === 'lazy') this.#wait();
        else this.#mount();
      }

      disconnectedCallback() {
        // A move disconnects and connects again in the same task: only a widget still out of
        // the document a microtask later goes (Vue's custom elements do the same).
        queueMicrotask(() => {
          if (this.isConnected) return;
          this.#unwait?.();
          this.#live = false;
          this.#drop();
        });
      }

      // loading="lazy", as on <img> and <iframe>: nothing is fetched until the widget comes
      // within a viewport's height of the viewport, the reader focuses or presses inside it,
      // or the URL names an element in it (a section's link). A text fragment scrolls to its
      // text, which brings the widget into view. Until then its pre-rendered markup is the
      // page's, and what the reader opens there is kept when the module takes it over.
      #wait() {
        if (this.#unwait) return;
        const go = () => this.#mount();
        // `#<section>`: its button names it.
        const named = () => {
          try {
            const id = decodeURIComponent(location.hash.slice(1));
            if (id && (this.shadowRoot ?? this).querySelector(`[data-rw-section="${CSS.escape(id)}"]`)) go();
          } catch {
            // A malformed escape names nothing.
          }
        };
        const near = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && go(), {
          rootMargin: '100%',
        });
        const stop = new AbortController();
        const { signal } = stop;
        near.observe(this);
        this.addEventListener('focusin', go, { signal });
        this.addEventListener('pointerdown', go, { signal });
        addEventListener('hashchange', named, { signal });
        this.#unwait = () => {
          this.#unwait = null;
          near.disconnect();
          stop.abort();
        };
        named();
      }

      attributeChangedCallback(name, old, value) {
        if (old === value) return;
        // A new article (or base) while the first mount is still fetching replaces that mount
        // too. On an upgrade this runs before `connectedCallback`, which mounts (or waits).
        if (name !== 'mode') {
          if (this.#live) this.#mount();
        } else if (value === 'full') this.#widget?.showFull();
        else this.#widget?.showSummary();
      }

      #drop() {
        try {
          this.#widget?.destroy();
        } catch {
          // Let go already: a mount found this element out of the document.
        }
        this.#widget = null;
      }

      async #mount() {
        this.#unwait?.();
        this.#live = true;
        this.#drop();
        // Whoever holds the previous promise gets this one's outcome; a mount that a later one
        // replaced, or whose element left, stops when its article is in.
        const ready = deferred();
        this.#ready.resolve(ready.promise);
        this.#ready = ready;
        const slug = this.getAttribute('article') || ONLY;
        const not = (name) => this.getAttribute(name) !== 'false';
        try {
          this.#widgets = (await load(slug, this.getAttribute('base'))).ReadingWidget;
          if (ready !== this.#ready || !this.isConnected) return;
          this.#widget = this.#widgets.mount(this, {
            article: slug || undefined,
            mode: this.getAttribute('mode') === 'full' ? 'full' : 'summary',
            persist: not('persist'),
            shadow: not('shadow'),
            labels: this.#labels,
          });
          ready.resolve(this.#widget.state());
        } catch (error) {
          // Said unless the module could not start (said once) or the widget did mount, and only
          // its state could not be read: `ready` rejects alike.
          if (error !== failed && !this.#widget) console.error(`reading-widget: ${error.message}`, this);
          ready.reject(error);
        }
      }

      static {
        // The handle's methods, on the element.
        for (const name of ['showFull', 'showSummary', 'toggle', 'expandSection', 'collapseSection', 'state']) {
          this.prototype[name] = function (...args) {
            if (!this.#widget) throw Error('not mounted yet; await ready');
            return this.#widget[name](...args);
          };
        }
      }
    },
  );

// The placeholders the page was served with, each once its article is in.
for (const host of document.querySelectorAll('[data-reading-widget]')) {
  load(host.getAttribute('data-reading-widget') || ONLY, host.getAttribute('data-base')).then(
    (glue) => glue.mountAll(),
    (error) => error === failed || console.error(`reading-widget: ${error.message}`, host),
  );
}
