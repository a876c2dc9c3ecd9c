// The bench page's side of `make bench` (bench/run.mjs drives it): the WebAssembly widget of
// the site it is served from (`/pkg/`) and the plain-JavaScript baseline (bench/plain.js),
// side by side in one page. Each export measures one side once (one round); run.mjs
// alternates the sides and rotates their order. Nothing here decides whether a figure is
// good: it measures, and it throws when a measurement cannot be trusted.
import * as glue from '/pkg/reading_widget.js';
import * as plain from '/__bench/plain.js';

const stage = document.getElementById('stage');
let exports;
let sheet;
let data;
let fragment;
let slug;

const { ReadingWidget } = glue;

/**
 * Loads what a page of `article` loads, as its embed.js does: the code module (`code`, no
 * article in it) and then the article's file (`articleFile`, handed to `addArticles`), or one
 * `module` with the article in it (an older build's); and the baseline's data. Resolves to
 * what the page knows of the site.
 */
export async function setup({ article, module, code, articleFile }) {
  slug = article;
  if (code) {
    exports = await glue.start({ module_or_path: code });
    const response = await fetch(articleFile);
    if (!response.ok) throw new Error(`${articleFile}: HTTP ${response.status}`);
    ReadingWidget.addArticles(new Uint8Array(await response.arrayBuffer()));
  } else {
    exports = await glue.default({ module_or_path: module });
  }
  const articles = ReadingWidget.articles();
  const css = await (await fetch('/pkg/reading_widget.css')).text();
  sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  // The publisher fragment, as pasted into a page: the placeholder with its declarative
  // shadow root (the comment and the module script left out: only the markup is timed).
  const text = await (await fetch(`/embed/${slug}.html`)).text();
  fragment = text.replace(/<!--[\s\S]*?-->/g, '').replace(/<script[\s\S]*?<\/script>/g, '').trim();
  // The baseline's data: the module's own live render of the article, read into plain
  // objects once, before anything is timed.
  const host = place();
  const handle = ReadingWidget.mount(host, { article: slug, persist: false });
  data = plain.prepare(host.shadowRoot.querySelector('article.rw'), slug);
  handle.destroy();
  host.remove();
  return { slug, module: module ?? code, articleFile, articles: articles.length, sections: data.sections.length, crossOriginIsolated };
}

function place() {
  const host = document.createElement('div');
  stage.append(host);
  return host;
}

function mountSide(side, host, shadow) {
  if (side === 'wasm') return ReadingWidget.mount(host, shadow ? { article: slug, persist: false } : { article: slug, shadow: false, persist: false });
  return plain.mount(host, data, { sheet, shadow });
}

/** The widget's article element, wherever it renders. */
function rootOf(host) {
  return (host.shadowRoot ?? host).querySelector('article.rw');
}

/**
 * `n` fresh mounts into empty placeholders, ms per mount: each with the layout it causes
 * (forced by reading offsetHeight), or with `layout: false` the script alone (the page is laid
 * out once afterwards, untimed).
 */
export function mount({ side, shadow = true, n, layout = true }) {
  const hosts = Array.from({ length: n }, place);
  stage.offsetHeight;
  const handles = [];
  const start = performance.now();
  for (const host of hosts) {
    handles.push(mountSide(side, host, shadow));
    if (layout) host.offsetHeight;
  }
  const each = (performance.now() - start) / n;
  stage.offsetHeight;
  handles.forEach((handle) => handle.destroy());
  hosts.forEach((host) => host.remove());
  return each;
}

/**
 * Placeholders holding the pre-rendered fragment, parsed (declarative shadow root) and laid
 * out; with `styled`, once each shadow root's `<link>` to the stylesheet has loaded, as on a
 * served page, where that file comes with the page and long before the module. Without it, the
 * sheets are still loading (the module then adopts its own copy).
 */
async function prerendered(n, styled) {
  const wrappers = Array.from({ length: n }, () => {
    const wrapper = place();
    wrapper.setHTMLUnsafe(fragment);
    return wrapper;
  });
  const hosts = wrappers.map((wrapper) => wrapper.firstElementChild);
  if (styled) {
    await Promise.all(hosts.map((host) => linked(host.shadowRoot)));
  } else if (hosts.some((host) => host.shadowRoot.querySelector('link[rel="stylesheet"]')?.sheet)) {
    throw new Error('a linked stylesheet had already loaded: this figure is of a take-over before it has');
  }
  stage.offsetHeight;
  return hosts;
}

/** Resolves once the shadow root's `<link rel="stylesheet">` has loaded; throws if it fails or takes over 10 s. */
function linked(root) {
  const link = root.querySelector('link[rel="stylesheet"]');
  if (!link) throw new Error('the pre-rendered fragment has no stylesheet link');
  if (link.sheet) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the stylesheet ${link.href} took over 10 s`)), 10_000);
    link.addEventListener('load', () => resolve(clearTimeout(timer)), { once: true });
    link.addEventListener('error', () => reject(new Error(`the stylesheet ${link.href} did not load`)), { once: true });
  });
}

/**
 * `n` take-overs of the pre-rendered article (wasm), ms per take-over, with layout or the
 * script alone as for `mount`; for 'plain', its fresh render, which is what the take-over is
 * compared with. `styled: false` takes over before the page's stylesheet has loaded.
 */
export async function takeover({ side, n, layout = true, styled = true }) {
  if (side === 'plain') return mount({ side, n, layout });
  const hosts = await prerendered(n, styled);
  const handles = [];
  const start = performance.now();
  for (const host of hosts) {
    handles.push(ReadingWidget.mount(host, { article: slug, persist: false }));
    if (layout) host.offsetHeight;
  }
  const each = (performance.now() - start) / n;
  // Styled by the page's own file, the module adds no second copy; racing it, it does.
  const adopted = hosts.filter((host) => host.shadowRoot.adoptedStyleSheets.length > 0).length;
  if (adopted !== (styled ? 0 : n)) throw new Error(`${adopted} of ${n} taken-over shadow roots adopted the module's stylesheet`);
  stage.offsetHeight;
  handles.forEach((handle) => handle.destroy());
  hosts.forEach((host) => host.parentElement.remove());
  return each;
}

/** Untimed: a take-over claims the parsed nodes in place; throws if it rendered afresh. */
export async function checkTakeover() {
  const [host] = await prerendered(1, true);
  const before = rootOf(host);
  const paragraph = before.querySelector('.rw-panel p');
  const handle = ReadingWidget.mount(host, { article: slug, persist: false });
  const after = rootOf(host);
  const claimed = after === before && after.querySelector('.rw-panel p') === paragraph;
  const live = !after.querySelector('button.rw-mode').hidden;
  handle.destroy();
  host.parentElement.remove();
  if (!claimed || !live) throw new Error(`the take-over did not claim the pre-rendered nodes in place (same article node: ${after === before}, live: ${live})`);
}

/** Runs `action` at the start of a frame; resolves once that frame's rendering is done. */
function inFrame(action) {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const start = performance.now();
      action();
      const sync = performance.now() - start;
      // A message posted from a frame callback is handled after that frame's style, layout and
      // paint: the time to it is the time to the next frame, without waiting for vsync.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve({ sync, frame: performance.now() - start });
      channel.port2.postMessage(null);
    }),
  );
}

const CONTROLS = {
  mode: (root) => root.querySelector('button.rw-mode'),
  section: (root) => root.querySelector('button[data-rw-section]'),
  all: (root) => root.querySelector('button.rw-all'),
  summary: (root) => root.querySelector('.rw-summary-heading > button'),
};

/**
 * `samples` there-and-back clicks on `control` ('mode': summary → full → summary; 'section':
 * the first section folded and unfolded, in full mode; 'all': Collapse all then Expand all),
 * each click in its own frame; the median of each direction, script alone (`sync`) and to the
 * next frame (`frame`), in ms.
 */
export async function toggle({ side, control, samples }) {
  const host = place();
  const handle = mountSide(side, host, true);
  const root = rootOf(host);
  if (control !== 'mode') CONTROLS.mode(root).click();
  const button = CONTROLS[control](root);
  await inFrame(() => {});
  const there = [];
  const back = [];
  for (let i = 0; i < samples; i++) {
    there.push(await inFrame(() => button.click()));
    back.push(await inFrame(() => button.click()));
  }
  handle.destroy();
  host.remove();
  const median = (values) => values.sort((a, b) => a - b)[values.length >> 1];
  const pick = (list, key) => median(list.map((sample) => sample[key]));
  return { thereSync: pick(there, 'sync'), thereFrame: pick(there, 'frame'), backSync: pick(back, 'sync'), backFrame: pick(back, 'frame') };
}

/** The mutation records one click on `control` makes, there and back, by kind. */
export function writes({ side, control }) {
  const host = place();
  const handle = mountSide(side, host, true);
  const root = rootOf(host);
  if (control !== 'mode') CONTROLS.mode(root).click();
  const button = CONTROLS[control](root);
  const observer = new MutationObserver(() => {});
  const options = { attributes: true, childList: true, characterData: true, subtree: true };
  observer.observe(host, options);
  observer.observe(host.shadowRoot, options);
  const count = () => {
    const records = observer.takeRecords();
    const kinds = {};
    for (const record of records) {
      const kind = record.type === 'attributes' ? `@${record.attributeName}` : record.type;
      kinds[kind] = (kinds[kind] ?? 0) + 1;
    }
    return { records: records.length, kinds };
  };
  button.click();
  const there = count();
  button.click();
  const back = count();
  observer.disconnect();
  handle.destroy();
  host.remove();
  return { there, back };
}

/** The markup with each widget's id prefix written alike, to compare the two widgets. */
function markup(root) {
  return root.outerHTML.replace(/\b(rw|pj)\d+-/g, 'ID-');
}

function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at character ${i}:\n  wasm:  …${a.slice(Math.max(0, i - 80), i + 80)}…\n  plain: …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

/**
 * Untimed: both widgets, fresh, in the shadow root and in the light DOM, have the same markup,
 * and still have after each kind of change (clicks, keys, find-in-page); the same events come
 * out of both. Throws at the first difference.
 */
export function checkSameWidget() {
  stage.tabIndex = -1;
  for (const shadow of [true, false]) {
    const sides = ['wasm', 'plain'].map((side) => {
      const host = place();
      const events = [];
      const listener = (event) => {
        const detail = { type: event.type, ...event.detail };
        events.push(JSON.stringify(detail, Object.keys(detail).sort()));
      };
      host.addEventListener('readingwidget:ready', listener);
      host.addEventListener('readingwidget:change', listener);
      const handle = mountSide(side, host, shadow);
      return { side, host, handle, root: rootOf(host), events };
    });
    const where = shadow ? 'in a shadow root' : 'in the light DOM';
    const compare = (step, [wasmFocus, jsFocus] = []) => {
      const [wasm, js] = sides.map(({ root }) => markup(root));
      if (wasm !== js) throw new Error(`bench/plain.js no longer renders what the widget does ${where}, ${step}, ${firstDifference(wasm, js)}`);
      const [wasmEvents, jsEvents] = sides.map(({ events }) => events.join('\n'));
      if (wasmEvents !== jsEvents) throw new Error(`bench/plain.js sends other events than the widget ${where}, ${step}:\n  wasm:  ${wasmEvents}\n  plain: ${jsEvents}`);
      if (wasmFocus !== jsFocus) throw new Error(`focus differs ${where}, ${step}: wasm ${wasmFocus}, plain ${jsFocus}`);
    };
    // Focus is the page's, one element at a time: where it is is read right after each side acts.
    const focus = ({ host, root }) => {
      const active = (host.shadowRoot ?? document).activeElement;
      return active && root.contains(active) ? markup(active).slice(0, 160) : 'outside the widget';
    };
    const each = (action) => sides.map((side) => {
      stage.focus();
      action(side.root);
      return focus(side);
    });
    const buttons = (root) => [...root.querySelectorAll('button[data-rw-section]')];
    const key = (target, key) => {
      target.focus();
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
    };
    compare('after mounting');
    const steps = [
      ['after the mode button', (root) => CONTROLS.mode(root).click()],
      ['after folding the first section', (root) => CONTROLS.section(root).click()],
      ['after Expand all', (root) => CONTROLS.all(root).click()],
      ['after Collapse all', (root) => CONTROLS.all(root).click()],
      ['after the last section button', (root) => buttons(root).at(-1).click()],
      ['after folding the summary', (root) => CONTROLS.summary(root).click()],
      ['after find-in-page revealed the summary', (root) => root.querySelector('ul.rw-summary-list').dispatchEvent(new Event('beforematch', { bubbles: true }))],
      ['after find-in-page revealed the first section', (root) => root.querySelector('.rw-panel').dispatchEvent(new Event('beforematch', { bubbles: true }))],
      // Each step that needs focus takes it first: focus is the page's, one element at a time.
      ['after ArrowUp on the first section button', (root) => key(buttons(root)[0], 'ArrowUp')],
      ['after Home on the last', (root) => key(buttons(root).at(-1), 'Home')],
      ['after ArrowDown on the first', (root) => key(buttons(root)[0], 'ArrowDown')],
      ['after End on the first', (root) => key(buttons(root)[0], 'End')],
      ['after the mode button, focus in the full text', (root) => {
        buttons(root)[0].focus();
        CONTROLS.mode(root).click();
      }],
      ['after the mode button again', (root) => CONTROLS.mode(root).click()],
    ];
    for (const [step, action] of steps) compare(step, each(action));
    for (const { handle, host } of sides) {
      handle.destroy();
      host.remove();
    }
  }
}

/** `n` mount/destroy cycles of the wasm widget, each in a new placeholder. */
export function cycles({ n }) {
  for (let i = 0; i < n; i++) {
    const host = place();
    const handle = ReadingWidget.mount(host, { article: slug, persist: false });
    handle.destroy();
    host.remove();
  }
}

let toggled;
/** `n` toggles of one wasm widget, mounted on the first call: mode, sections, all, in turn. */
export function toggles({ n }) {
  if (!toggled) {
    const host = place();
    toggled = { host, handle: ReadingWidget.mount(host, { article: slug, persist: false }), root: null, i: 0 };
    toggled.root = rootOf(host);
    toggled.buttons = [...toggled.root.querySelectorAll('button[data-rw-section]')];
    toggled.all = CONTROLS.all(toggled.root);
  }
  for (let k = 0; k < n; k++, toggled.i++) {
    const i = toggled.i;
    if (i % 3 === 0) toggled.handle.toggle();
    else if (i % 3 === 1) toggled.buttons[i % toggled.buttons.length].click();
    else toggled.all.click();
  }
}

export function endToggles() {
  toggled?.handle.destroy();
  toggled?.host.remove();
  toggled = undefined;
}

/**
 * The wasm module's linear memory, in bytes: the export that is a `WebAssembly.Memory` (the
 * shipped build shortens export names, so `memory` may be called something else).
 */
export function wasmMemory() {
  const memory = Object.values(exports).find((value) => value instanceof WebAssembly.Memory);
  if (!memory) throw new Error(`the module exports no WebAssembly.Memory (exports: ${Object.keys(exports).join(', ')})`);
  return memory.buffer.byteLength;
}

/** Listeners the widgets of each side still hold, and what is left on the stage. */
export function leftovers() {
  return { wasm: ReadingWidget.liveListeners(), plain: plain.liveListeners(), stage: stage.childElementCount };
}
