// The steps: what a page's script and a reader may do to widgets, chosen by the seed. Each step
// is a plain object (JSON, so a failure can print the steps that led to it), chosen from what the
// model says is on the page now, so that most steps act on a live widget and a few on nothing.
import { ARTICLES, current } from './shared.js';

/** Labels with markup in them: it must come out as text. */
const MARKUP = ['<img src=x onerror="window.__pwned = \'label\'">', '"><script>window.__pwned = 1</script>', '꼭 <b>알아야</b> 할 것'];
const JUNK_SELECTORS = ['#nowhere', '##', 'div[', '#model-a >>> p'];
const JUNK_HASHES = ['nope', '', '%ZZ', 'x'.repeat(5000), 'the-dead', 'THE-DEAD-AND-THE-DESERTERS', 'rw1-title', '%F0%9F', 'first-fixture-section-'];
const JUNK_STORED = ['rw1f', 'rw1x1111111', '{"mode":"full"}', 'rw1f1' + '1'.repeat(40), '', 'rw0f111111'];
const KEYS = ['ArrowDown', 'ArrowUp', 'Home', 'End', 'Enter', 'a'];
const METHODS = ['showFull', 'showSummary', 'toggle', 'expandSection', 'collapseSection', 'state'];
/** Values of the element's `mode` attribute (null: removed); any but 'full' means the summary. */
const MODE_VALUES = ['full', 'summary', 'junk', null, 'FULL'];

/** Live widgets whose hosts are in the document: the reader can see them, focus them. */
function visible() {
  const { model } = current;
  return model.live.filter((w) => !model.out.has(w.host));
}

/** A visible control of a live widget, or null: `targets` narrows which; `anywhere` takes
 * widgets out of the document too (a script's click still reaches them). */
function control(targets = ['mode', 'summary', 'all', 'section', 'anchor'], anywhere = false) {
  const { rng, model } = current;
  const widgets = anywhere ? model.live : visible();
  if (widgets.length === 0) return null;
  const w = rng.pick(widgets);
  const shown = targets.filter((t) => w.mode === 'full' || t === 'mode' || t === 'summary');
  const target = rng.pick(shown);
  const i = target === 'section' || target === 'anchor' ? rng.int(w.sections.length) : undefined;
  return { host: w.host, target, i };
}

function options(h) {
  const { rng, hosts } = current;
  const o = {};
  if (ARTICLES.length > 1 || rng.chance(0.5)) o.article = rng.pick(ARTICLES).slug;
  if (rng.chance(0.5)) o.mode = rng.pick(['summary', 'full']);
  if (rng.chance(0.5)) o.persist = rng.chance(0.7);
  if (!hosts[h].shadow) o.shadow = false;
  else if (rng.chance(0.2)) o.shadow = true;
  if (rng.chance(0.15)) o.labels = { [rng.pick(['summaryHeading', 'readFull', 'backToSummary', 'expandAll'])]: rng.pick(MARKUP) };
  return o;
}

/** A mount with one thing wrong, and the documented message for it. */
function badMount(h) {
  const { rng } = current;
  const o = options(h);
  const faults = [
    [5, "options must be an object like { mode: 'full' } (got number)"],
    [['full'], "options must be an object like { mode: 'full' } (got array)"],
    [{ ...o, mode: 'wide' }, "unknown mode 'wide'; use 'summary' or 'full'"],
    [{ ...o, mode: 5 }, "the 'mode' option must be a string (got number)"],
    [{ ...o, persist: 'no' }, "the 'persist' option must be true or false (got string)"],
    [{ ...o, colour: 'red' }, "unknown option 'colour'; the options are: mode, article, labels, persist, shadow"],
    [{ ...o, labels: { readFull: 5 } }, "the 'readFull' label must be a string (got number)"],
    [{ ...o, labels: 'Korean' }, "the 'labels' option must be an object of strings (got string)"],
    [{ ...o, article: 'nope' }, `unknown article 'nope'; the compiled-in articles are: ${ARTICLES.map((a) => a.slug).join(', ')}`],
  ];
  const [rawOptions, error] = rng.pick(faults);
  return { kind: 'mount', host: h, target: 'element', rawOptions, error };
}

function mountOp(h) {
  const { rng, hosts } = current;
  const roll = rng.next();
  if (roll < 0.2) return badMount(h);
  if (roll < 0.3) {
    const selector = rng.pick(JUNK_SELECTORS);
    let error = `no element matches '${selector}'`;
    try {
      document.querySelector(selector);
    } catch {
      error = `'${selector}' is not a valid CSS selector`;
    }
    return { kind: 'mount', host: h, target: selector, options: options(h), error };
  }
  if (roll < 0.35) {
    const which = rng.int(2);
    const error = which === 0
      ? 'a <button> cannot hold a shadow root; mount into a <div> or a <section>, or pass { shadow: false }'
      : 'this element already has a shadow root of its own; mount into an element inside it, or pass { shadow: false }';
    return { kind: 'mount', host: h, target: 'refusing', refusing: which, options: { article: ARTICLES[0].slug }, error };
  }
  if (roll < 0.38) return { kind: 'mount', host: h, target: null, options: {}, error: 'mount needs an Element or a CSS selector, got null' };
  if (roll < 0.4 && ARTICLES.length > 1) return { kind: 'mount', host: h, target: 'element', noOptions: true, options: {} };
  const target = hosts[h].el.id && rng.chance(0.3) ? `#${hosts[h].el.id}` : 'element';
  return { kind: 'mount', host: h, hostId: hosts[h].el.id, target, options: options(h) };
}

/** A host leaves the document, comes back, or moves (out and in, one task); the element's
 * attributes; mountAll(). */
function domOp() {
  const { rng, model, hosts, E } = current;
  const roll = rng.next();
  const at = rng.next();
  if (roll < 0.5) {
    const el = hosts[E].el;
    // The other article; now and then one the site does not have.
    const article = el.getAttribute('article');
    const other = article !== 'nope' && rng.chance(0.1) ? 'nope' : ARTICLES.map((a) => a.slug).find((slug) => slug !== article);
    const early = rng.chance(0.3) ? rng.pick(METHODS) : undefined;
    const r = rng.next();
    // One that shows nothing mostly leaves, and gets an article it can show.
    if (article === 'nope' && rng.chance(0.5)) return model.out.has(E) ? { kind: 'elementArticle', host: E, value: other } : { kind: 'remove', host: E };
    if (model.out.has(E)) {
      if (r < 0.6) return { kind: 'insert', host: E, at, early };
      if (r < 0.75) return { kind: 'elementMode', host: E, value: rng.pick(MODE_VALUES) };
      if (r < 0.85) return { kind: 'elementArticle', host: E, value: other };
      return apiOp(E);
    }
    if (r < 0.2) return { kind: 'remove', host: E };
    if (r < 0.4) return { kind: 'move', host: E, at };
    if (r < 0.65) return { kind: 'elementMode', host: E, value: rng.pick(MODE_VALUES) };
    if (r < 0.8) return { kind: 'elementArticle', host: E, value: other, early };
    return apiOp(E);
  }
  if (roll < 0.6) return { kind: 'mountAll' };
  // A host out of the document mostly comes back soon: before the next mount lets its widget go.
  const out = [...model.out].filter((h) => h !== E);
  const held = model.liveHosts().filter((h) => h !== E && !model.out.has(h));
  const h = out.length && rng.chance(0.7) ? rng.pick(out) : held.length && rng.chance(0.7) ? rng.pick(held) : rng.int(E);
  if (model.out.has(h)) return { kind: 'insert', host: h, at };
  return { kind: rng.chance(0.6) ? 'remove' : 'move', host: h, at };
}

function apiOp(h) {
  const { rng, model } = current;
  const method = rng.pick(['showFull', 'showSummary', 'toggle', 'expandSection', 'collapseSection', 'expandSection', 'collapseSection', 'state']);
  const w = model.widget(h) ?? { sections: ARTICLES[0].sections };
  let arg;
  if (method === 'expandSection' || method === 'collapseSection') {
    const roll = rng.next();
    arg = roll < 0.8 ? rng.pick(w.sections) : roll < 0.9 ? rng.pick(['nope', '', ARTICLES[1]?.sections[0] ?? 'x', '<img src=x>']) : rng.pick([5, null, undefined, {}]);
  }
  return { kind: 'api', host: h, method, arg };
}

/** One random op (real input stays for WebDriver: `pending`). */
export function randomOp({ nested = false } = {}) {
  const { rng, model, hosts, handles, E } = current;
  if (!nested && rng.chance(0.12)) return domOp();
  const roll = rng.next();
  // Any plain host (mount and destroy are not the element's), and any host at all.
  const anyHost = rng.int(E);
  const anyListener = rng.int(hosts.length);
  if (roll < 0.3) {
    if (model.live.length === 0) return mountOp(anyHost);
    return apiOp(rng.pick(model.liveHosts()));
  }
  if (roll < 0.4) return mountOp(anyHost);
  if (roll < 0.47) {
    if (handles[anyHost] === undefined) return mountOp(anyHost);
    return { kind: 'destroy', host: anyHost };
  }
  if (roll < 0.5 && handles[anyHost] && !model.handled(anyHost)) return apiOp(anyHost); // a stale handle
  if (nested) return apiOp(rng.pick(model.liveHosts().length ? model.liveHosts() : [anyHost]));
  if (roll < 0.62) {
    const c = control(['mode', 'summary', 'all', 'section'], true);
    return c ? { kind: 'click', ...c } : mountOp(anyHost);
  }
  if (roll < 0.67) {
    const w = visible().length ? rng.pick(visible()) : null;
    if (!w || w.mode !== 'full') return { kind: 'hash', value: rng.pick(ARTICLES.flatMap((a) => a.sections)) };
    return { kind: 'key', host: w.host, i: rng.int(w.sections.length), key: rng.pick(KEYS) };
  }
  if (roll < 0.72) {
    const w = visible().length ? rng.pick(visible()) : null;
    if (!w) return { kind: 'blur' };
    const texts = [];
    if (!hosts[w.host].prerendered) {
      if (w.summaryOpen) texts.push({ target: 'summaryText' });
      if (w.mode === 'full') w.open.forEach((open, i) => open && texts.push({ target: 'panelText', i }));
    }
    const c = texts.length && rng.chance(0.4) ? { host: w.host, ...rng.pick(texts) } : control();
    return { kind: 'focus', ...c };
  }
  if (roll < 0.74) return { kind: 'blur' };
  if (roll < 0.79) {
    const value = rng.chance(0.6) ? rng.pick(ARTICLES.flatMap((a) => a.sections)) : rng.pick(JUNK_HASHES);
    return { kind: 'hash', value };
  }
  if (roll < 0.84) {
    if (model.live.length === 0) return { kind: 'blur' };
    const w = rng.pick(model.live);
    const target = rng.pick(['full', 'summaryList', 'panel']);
    return { kind: 'beforematch', host: w.host, target, i: target === 'panel' ? rng.int(w.sections.length) : undefined };
  }
  if (roll < 0.86) {
    const slug = rng.pick(ARTICLES).slug;
    const id = rng.pick(['', ...hosts.map((h) => h.el.id).filter(Boolean)]);
    return { kind: 'junkStorage', key: `reading-widget:${location.pathname}:${slug}${id ? `#${id}` : ''}`, value: rng.pick(JUNK_STORED) };
  }
  if (roll < 0.92) return { kind: 'arm', host: anyListener, op: randomOp({ nested: true }) };
  if (roll < 0.94) {
    if (rng.chance(0.3)) return { kind: 'get', host: anyHost, keep: true };
    const [target, error] = rng.pick([
      [null, 'get needs an Element or a CSS selector, got null'],
      [undefined, 'get needs an Element or a CSS selector, got undefined'],
      [5, 'get needs an Element or a CSS selector, got something else'],
      ['#nowhere', "no element matches '#nowhere'"],
      ['##', "'##' is not a valid CSS selector"],
      ['#model-a', null],
    ]);
    return { kind: 'get', target, error };
  }
  // Real input, through WebDriver.
  const c = control();
  if (!c) return mountOp(anyHost);
  const keys = c.target === 'section' ? ['Enter', ' ', 'ArrowDown', 'ArrowUp', 'Home', 'End'] : c.target === 'anchor' ? [] : ['Enter', ' '];
  if (keys.length && rng.chance(0.5)) return { kind: 'realKey', ...c, key: rng.pick(keys) };
  return { kind: 'realClick', ...c };
}
