// The in-page half of tests/e2e/model.test.mjs: seeded random sequences of what a page and a
// reader can do to widgets, each step predicted by a plain model of the documented behaviour
// (docs/src/api.md, docs/src/reader.md) and then checked against the page.
// The model is written here, from the book (docs/src/), not taken from crates/view/src/state.rs.
//
// The test serves this file as /__model.js on a page of its own (the release build's glue and
// module, the fixture site: two articles) and drives it through WebDriver:
//   __model.start(seed)   sets up the hosts and the model
//   __model.run(n)        runs up to n steps in the page; stops early at a step that needs real
//                         input (a click or a key through WebDriver), returned as `pending`
//   __model.settled()     after that input: whether the page has caught up with the model
//   __model.finish()      the pending step's check, then (finish(true)) destroy everything
// Every result says { ok, steps, failure, log }: a failure names the seed, the step and the
// steps before it, enough to replay the run with MODEL_SEED.
import { start, mountAll, ReadingWidget } from '/pkg/reading_widget.js';

// Whichever starts first, this or the page's embed.js (the code module, or the module of every
// article), every article of the site is in before anything is mounted or listed.
await start();
await Promise.all(
  window.__articles.map(async (slug) =>
    ReadingWidget.addArticles(new Uint8Array(await (await fetch(`/pkg/articles/${slug}.bin`)).arrayBuffer())),
  ),
);
mountAll();

/** The messages docs/src/errors.md documents, and nothing else. */
const DOCUMENTED = [
  /^no element matches '.*'$/s,
  /^'.*' is not a valid CSS selector$/s,
  /^(mount|get) needs an Element or a CSS selector, got (null|undefined|something else)$/,
  /^options must be an object like \{ mode: 'full' \} \(got \w+\)$/,
  /^the '\w+' label must be a string \(got \w+\)$/,
  /^unknown label '.*'; the labels are: /s,
  /^the '(persist|shadow)' option must be true or false \(got \w+\)$/,
  /^the '(mode|article)' option must be a string \(got \w+\)$/,
  /^the 'labels' option must be an object of strings \(got \w+\)$/,
  /^unknown option '.*'; the options are: mode, article, labels, persist, shadow$/s,
  /^a <button> cannot hold a shadow root; mount into a <div> or a <section>, or pass \{ shadow: false \}$/,
  /^this element already has a shadow root of its own; mount into an element inside it, or pass \{ shadow: false \}$/,
  /^unknown mode '.*'; use 'summary' or 'full'$/s,
  /^unknown article '.*'; the compiled-in articles are: /s,
  /^several articles are compiled in; choose one with the 'article' option: /,
  /^this element already hosts a reading widget; destroy\(\) it first$/,
  /^unknown section '.*'; the sections are: /s,
  /^the section id must be a string$/,
  /^this reading widget was destroyed; mount a new one$/,
  // <reading-widget>'s own (docs/src/embedding.md "The element").
  /^not mounted yet; await ready$/,
  /^unknown article '.*' \(404\)$/s,
];

const ARTICLES = ReadingWidget.articles().map(({ slug, sections }) => ({ slug, sections: sections.map((s) => s.id) }));
const ARTICLES_JSON = JSON.stringify(ReadingWidget.articles());
const PROBLEMS = () => window.__readingWidgetProblems ?? [];
/** Labels with markup in them: it must come out as text. */
const MARKUP = ['<img src=x onerror="window.__pwned = \'label\'">', '"><script>window.__pwned = 1</script>', '꼭 <b>알아야</b> 할 것'];
const JUNK_SELECTORS = ['#nowhere', '##', 'div[', '#model-a >>> p'];
const JUNK_HASHES = ['nope', '', '%ZZ', 'x'.repeat(5000), 'the-dead', 'THE-DEAD-AND-THE-DESERTERS', 'rw1-title', '%F0%9F', 'first-fixture-section-'];
const JUNK_STORED = ['rw1f', 'rw1x1111111', '{"mode":"full"}', 'rw1f1' + '1'.repeat(40), '', 'rw0f111111'];
const KEYS = ['ArrowDown', 'ArrowUp', 'Home', 'End', 'Enter', 'a'];
const METHODS = ['showFull', 'showSummary', 'toggle', 'expandSection', 'collapseSection', 'state'];
/** Values of the element's `mode` attribute (null: removed); any but 'full' means the summary. */
const MODE_VALUES = ['full', 'summary', 'junk', null, 'FULL'];
/** A mount() fails on these only after it has let go of the widgets whose hosts left the
 * document. docs/src/api.md "Lifetime" says "when the page next mounts a widget" and leaves a mount()
 * that throws open: this follows src/lib.rs (the target and options were taken, then the
 * sweep), the one rule here not taken from the book. */
const SWEEPING = /^(unknown article|several articles|this element already hosts|a <\w+> cannot hold|this element already has a shadow root)/;

/** mulberry32: small, seeded, the same sequence in every engine. */
function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)], chance: (p) => next() < p };
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// ---------------------------------------------------------------------------------------------
// The model: the state the book describes, per host; sessionStorage; the URL's fragment; focus.

class Model {
  constructor() {
    /** Live widgets in mount order (the order their hashchange listeners run in). */
    this.live = [];
    this.storage = new Map();
    this.hash = '';
    /** { host, kind: 'mode' | 'summary' | 'all' | 'section' | 'anchor' | 'panelText' | 'summaryText', i } */
    this.focus = null;
    this.events = [];
    this.outcomes = [];
    /** host index → the ops its one-shot readingwidget:change listeners run, in order. */
    this.armed = new Map();
    /** host index → the widget whose handle the page holds for it (the last mount() there that
     * returned). */
    this.handles = new Map();
    /** Hosts out of the document (docs/src/api.md "Lifetime": their widgets act on nothing, and are let
     * go at the next mount or hash change). The element starts out of it. */
    this.out = new Set();
    /** The <reading-widget>'s host index and attributes ({ article, mode, id }). */
    this.element = null;
    /** While the element's widget mounts, its methods still throw (its handle comes after). */
    this.elementMounting = false;
    /** What the page has said on the console so far, as the book says it does (an element
     * whose article cannot be fetched names it). */
    this.problems = [];
    /** What the page must be waited for after this step: 'ready' (the element's promise), 'drop'
     * (the microtask after the element left), or null. */
    this.wait = null;
  }

  widget(host) {
    return this.live.find((w) => w.host === host);
  }

  /** The widget of the page's handle for `host`, if it is still live. */
  handled(host) {
    const w = this.handles.get(host);
    return this.live.includes(w) ? w : undefined;
  }

  /** What state() returns. */
  view(w) {
    return { article: w.slug, mode: w.mode, expanded: w.sections.filter((_, i) => w.open[i]) };
  }

  emit(w, type, detail) {
    this.events.push({ host: w.host, type, detail });
    // Each armed listener runs once, at the first change its host hears (a change it causes
    // itself is heard by the listeners still armed).
    const armed = type === 'readingwidget:change' ? (this.armed.get(w.host) ?? []) : [];
    while (armed.length > 0) this.outcomes.push(this.predict(armed.shift()));
  }

  /** A change to widget `w` (docs/src/api.md: state, events, storage, focus); none while its host is out
   * of the document. */
  apply(w, change, cause) {
    if (this.out.has(w.host)) return void count('changes refused out of the document');
    const before = { mode: w.mode, summaryOpen: w.summaryOpen, open: [...w.open] };
    change(w);
    const after = { mode: w.mode, summaryOpen: w.summaryOpen, open: w.open };
    if (same(before, after)) return;
    this.rescueFocus(w);
    if (w.persist) this.storage.set(w.key, { mode: w.mode, summaryOpen: w.summaryOpen, open: [...w.open] });
    if (before.mode === after.mode && same(before.open, after.open)) return; // the summary box alone
    this.emit(w, 'readingwidget:change', { ...this.view(w), section: changedSection(w, before.open, after.open), cause });
  }

  /** Opening a section shows the full text; folding does not change the mode. */
  setSection(i, open) {
    return (w) => {
      w.open[i] = open;
      if (open) w.mode = 'full';
    };
  }

  /** Focus inside something that got hidden moves to the control that hid it. */
  rescueFocus(w) {
    const f = this.focus;
    if (!f || f.host !== w.host) return;
    const full = w.mode === 'full';
    if (f.kind === 'panelText' && !w.open[f.i]) this.focus = { host: f.host, kind: 'section', i: f.i };
    else if (['panelText', 'section', 'anchor', 'all'].includes(f.kind) && !full) this.focus = { host: f.host, kind: 'mode' };
    else if (f.kind === 'summaryText' && !w.summaryOpen) this.focus = { host: f.host, kind: 'summary' };
  }

  /** The section the URL's fragment names in `w`'s article, decoded as a URL is. */
  hashSection(w) {
    if (this.hash === '') return -1;
    let id;
    try {
      id = decodeURIComponent(this.hash);
    } catch {
      return -1;
    }
    return w.sections.indexOf(id);
  }

  /** Lets go of every widget whose host is out of the document, as destroy() would. */
  sweep() {
    for (const w of [...this.live]) {
      if (!this.out.has(w.host)) continue;
      this.live.splice(this.live.indexOf(w), 1);
      count('widgets let go');
    }
  }

  followHash(w) {
    const i = this.hashSection(w);
    if (i >= 0) this.apply(w, this.setSection(i, true), 'hash');
  }

  /** The outcome of `op`: null, { error } (the message of the Error it throws), { state } (what
   * state() returned) or { skipped } (an op on a host that never had a handle). */
  predict(op) {
    if (op.kind === 'api' && op.host === this.element?.host) return this.elementApi(op);
    if ((op.kind === 'destroy' || op.kind === 'api') && !this.handles.has(op.host)) return { skipped: true };
    switch (op.kind) {
      case 'mount':
        return this.mount(op);
      case 'destroy': {
        const w = this.handled(op.host);
        if (!w) return { error: DESTROYED };
        this.live.splice(this.live.indexOf(w), 1);
        if (this.focus?.host === op.host) this.focus = { host: op.host, kind: 'gone' };
        return null;
      }
      case 'api':
        return this.api(op);
      case 'click':
      case 'realClick':
      case 'realKey':
        return this.input(op);
      case 'key': {
        const w = this.widget(op.host);
        this.focus = { host: op.host, kind: 'section', i: op.i };
        const n = w.sections.length;
        const next = { ArrowDown: (op.i + 1) % n, ArrowUp: (op.i + n - 1) % n, Home: 0, End: n - 1 }[op.key];
        if (next !== undefined) this.focus.i = next;
        return null;
      }
      case 'focus':
        this.focus = { host: op.host, kind: op.target, i: op.i };
        return null;
      case 'blur':
        this.focus = null;
        return null;
      case 'hash': {
        // The browser fires hashchange only when the fragment changes.
        if (op.value === this.hash) return null;
        this.hash = op.value;
        // Each widget's listener, in mount order: the first one out of the document lets go of
        // every such widget (itself too).
        for (const w of [...this.live]) {
          if (!this.live.includes(w)) continue;
          if (this.out.has(w.host)) this.sweep();
          else this.followHash(w);
        }
        return null;
      }
      case 'beforematch': {
        const w = this.widget(op.host);
        if (op.target === 'full') this.apply(w, (w) => (w.mode = 'full'), 'find');
        if (op.target === 'summaryList') this.apply(w, (w) => (w.summaryOpen = true), 'find');
        if (op.target === 'panel') this.apply(w, this.setSection(op.i, true), 'find');
        return null;
      }
      case 'junkStorage':
        this.storage.set(op.key, 'junk');
        return null;
      case 'arm':
        this.armed.set(op.host, [...(this.armed.get(op.host) ?? []), op.op]);
        return null;
      case 'get':
        if (op.keep) {
          // get(host) gives the page a handle of a widget mountAll() mounted, say.
          const w = this.widget(op.host);
          if (w) this.handles.set(op.host, w);
          return null;
        }
        if (op.error) return { error: op.error };
        return this.missing(op.target) ? { error: `no element matches '${op.target}'` } : null;
      case 'remove':
      case 'move':
        // Focus in a host that leaves the document (for a moment, too) goes nowhere.
        if (this.focus?.host === op.host) this.focus = null;
        // The element mounts whenever it is connected without a widget (its article was not
        // found): a move connects it.
        if (op.kind === 'move') return op.host === this.element?.host && !this.widget(op.host) ? this.elementMount() : null;
        this.out.add(op.host);
        if (op.host === this.element?.host) {
          // A microtask later, still out: the element lets go of its widget.
          const w = this.widget(op.host);
          if (w) this.live.splice(this.live.indexOf(w), 1);
          this.wait = 'drop';
        }
        return null;
      case 'insert':
        this.out.delete(op.host);
        if (this.widget(op.host)) count('widgets back in the document');
        if (op.host !== this.element?.host) return null;
        if (op.early) this.outcomes.push({ error: NOT_MOUNTED });
        return this.elementMount();
      case 'mountAll': {
        // Mounts the placeholders holding no widget, in the document; none: no mount at all.
        const pre = hosts.findIndex((host) => host.prerendered);
        if (this.out.has(pre) || this.widget(pre)) return null;
        const outcome = this.mount({ kind: 'mount', host: pre, hostId: '', target: 'element', options: { article: hosts[pre].el.dataset.readingWidget }, noHandle: true });
        if (outcome !== null) throw new Error(`mountAll's mount would fail: ${JSON.stringify(outcome)}`);
        return null;
      }
      case 'elementMode': {
        const old = this.element.mode;
        this.element.mode = op.value;
        const w = this.widget(this.element.host);
        if (!w || old === op.value) return null;
        this.apply(w, (w) => (w.mode = op.value === 'full' ? 'full' : 'summary'), 'api');
        return null;
      }
      case 'elementArticle': {
        this.element.article = op.value;
        if (this.out.has(this.element.host)) return null;
        // Connected: its widget goes (as destroy()), and one of the other article comes.
        const w = this.widget(this.element.host);
        if (w) this.live.splice(this.live.indexOf(w), 1);
        else count('element articles set while it showed nothing');
        if (w && this.focus?.host === w.host) this.focus = { host: w.host, kind: 'gone' };
        if (op.early) this.outcomes.push({ error: NOT_MOUNTED });
        return this.elementMount();
      }
      default:
        throw new Error(`the model has no op '${op.kind}'`);
    }
  }

  /** Whether `target`, a host's `#id`, names a host out of the document. */
  missing(target) {
    return typeof target === 'string' && hosts.some((host, h) => host.el.id && `#${host.el.id}` === target && this.out.has(h));
  }

  /** The element's mount (connected, or its article changed): its outcome is what `ready`
   * resolves to. */
  elementMount() {
    const { host, article, mode, id } = this.element;
    this.wait = 'ready';
    if (!ARTICLES.some((a) => a.slug === article)) {
      // The site has no such file: nothing mounts (nothing is let go), and it is said.
      const message = `unknown article '${article}' (404)`;
      this.problems.push(`error: reading-widget: ${message} [object HTMLElement]`);
      count('element articles not found');
      return { error: message };
    }
    this.elementMounting = true;
    const outcome = this.mount({ kind: 'mount', host, hostId: id, target: 'element', options: { article, mode: mode === 'full' ? 'full' : 'summary' }, noHandle: true });
    this.elementMounting = false;
    count(`element mounts (${article})`);
    return outcome ?? { state: this.view(this.widget(host)) };
  }

  /** The element's methods: its widget's handle once mounted, a documented throw before. */
  elementApi(op) {
    const w = this.elementMounting ? undefined : this.widget(op.host);
    if (!w) count('element methods before ready');
    if (!w || this.out.has(op.host)) return { error: NOT_MOUNTED };
    return this.api(op, w);
  }

  mount(op) {
    // Mounting into a host out of the document: the book does not say; not done.
    if (op.target === 'element' && this.out.has(op.host)) return { skipped: true };
    // A fault in the options or the target, known when made; only those found after the target
    // and options were taken let go of the widgets out of the document first.
    if (op.error && !SWEEPING.test(op.error)) return { error: op.error };
    if (this.missing(op.target)) return { error: `no element matches '${op.target}'` };
    this.sweep();
    if (op.error) return { error: op.error };
    const slug = op.options.article ?? (ARTICLES.length === 1 ? ARTICLES[0].slug : null);
    if (slug === null) return { error: `several articles are compiled in; choose one with the 'article' option: ${ARTICLES.map((a) => a.slug).join(', ')}` };
    if (this.widget(op.host)) return { error: 'this element already hosts a reading widget; destroy() it first' };
    const { sections } = ARTICLES.find((a) => a.slug === slug);
    const persist = op.options.persist ?? true;
    const w = {
      host: op.host,
      slug,
      sections,
      persist,
      key: `reading-widget:${location.pathname}:${slug}${op.hostId ? `#${op.hostId}` : ''}`,
      labels: op.options.labels,
      mode: op.options.mode ?? 'summary',
      summaryOpen: true,
      open: sections.map(() => true),
    };
    this.live.push(w);
    // Restored for the tab (a valid stored value only), then the URL's section, then ready.
    const stored = persist ? this.storage.get(w.key) : undefined;
    if (stored && stored !== 'junk') {
      const initial = [...w.open];
      const initialMode = w.mode;
      Object.assign(w, { mode: stored.mode, summaryOpen: stored.summaryOpen, open: [...stored.open] });
      if (initialMode !== w.mode || !same(initial, w.open)) {
        this.emit(w, 'readingwidget:change', { ...this.view(w), section: changedSection(w, initial, w.open), cause: 'restore' });
      }
    }
    if (this.live.includes(w)) this.followHash(w);
    if (this.live.includes(w)) this.emit(w, 'readingwidget:ready', this.view(w));
    if (!op.noHandle) this.handles.set(op.host, w); // mount() returns, to the page
    return null;
  }

  api(op, w = this.handled(op.host)) {
    if (!w) return { error: DESTROYED };
    const { method, arg } = op;
    if (method === 'state') return { state: this.view(w) };
    if (method === 'showFull') this.apply(w, (w) => (w.mode = 'full'), 'api');
    if (method === 'showSummary') this.apply(w, (w) => (w.mode = 'summary'), 'api');
    if (method === 'toggle') this.apply(w, (w) => (w.mode = w.mode === 'full' ? 'summary' : 'full'), 'api');
    if (method === 'expandSection' || method === 'collapseSection') {
      if (typeof arg !== 'string') return { error: 'the section id must be a string' };
      const i = w.sections.indexOf(arg);
      if (i < 0) return { error: `unknown section '${arg}'; the sections are: ${w.sections.join(', ')}` };
      this.apply(w, this.setSection(i, method === 'expandSection'), 'api');
    }
    return null;
  }

  /** A click or a key on a control: what the reader's input does. */
  input(op) {
    const w = this.widget(op.host);
    const key = op.kind === 'realKey' ? op.key : 'click';
    if (op.kind !== 'click') this.focus = { host: op.host, kind: op.target, i: op.i };
    if (op.target === 'anchor') {
      // Following a link to #id: a hashchange (later, from the browser) when the fragment changes.
      if (key === 'click' && this.hash !== w.sections[op.i]) return this.predict({ kind: 'hash', value: w.sections[op.i] });
      return null;
    }
    if (key === 'click' || key === 'Enter' || key === ' ') {
      if (op.target === 'mode') this.apply(w, (w) => (w.mode = w.mode === 'full' ? 'summary' : 'full'), 'user');
      if (op.target === 'summary') this.apply(w, (w) => (w.summaryOpen = !w.summaryOpen), 'user');
      if (op.target === 'all') {
        const open = !w.open.every(Boolean);
        this.apply(w, (w) => (w.open = w.open.map(() => open)), 'user');
      }
      if (op.target === 'section') this.apply(w, this.setSection(op.i, !w.open[op.i]), 'user');
      return null;
    }
    return this.predict({ kind: 'key', host: op.host, i: op.i, key });
  }
}

const DESTROYED = 'this reading widget was destroyed; mount a new one';

/** How often the run met what the new steps are about, for the test's diagnostics (a run that
 * never lets a widget go tests little of it). */
let counts = {};
function count(what) {
  counts[what] = (counts[what] ?? 0) + 1;
}
const NOT_MOUNTED = 'not mounted yet; await ready';

/** The one section folded or unfolded, if exactly one was: the event's `section`. */
function changedSection(w, before, after) {
  const changed = w.sections.filter((_, i) => before[i] !== after[i]);
  return changed.length === 1 ? changed[0] : null;
}

// ---------------------------------------------------------------------------------------------
// The page: hosts, the calls themselves, and what the page shows.

/** The hosts: two in shadow roots (one with an id), one in the light DOM, the pre-rendered
 * placeholder init() took over, a <reading-widget> (not in the document yet; its article and
 * whether it has an id chosen by the seed), and two that refuse a shadow root. */
function makeHosts() {
  const stage = document.getElementById('stage');
  const div = (id, html) => {
    const host = document.createElement('div');
    if (id) host.id = id;
    host.innerHTML = html;
    stage.append(host);
    return host;
  };
  const prerendered = document.querySelector('[data-reading-widget]');
  const hosts = [
    { el: div('model-a', '<p>Host A’s own text</p>'), shadow: true },
    { el: div('', '<p>Host B’s own <em>text</em></p>'), shadow: true },
    { el: div('model-c', '<p>Host C, light DOM</p>'), shadow: false },
    { el: prerendered, shadow: true, prerendered: true },
  ];
  const element = document.createElement('reading-widget');
  element.setAttribute('article', rng.pick(ARTICLES).slug);
  if (rng.chance(0.5)) element.id = 'model-e';
  hosts.push({ el: element, shadow: true, element: true });
  for (const host of hosts) host.html = host.el.innerHTML;
  const button = document.createElement('button');
  button.textContent = 'not a host';
  const closed = div('model-closed', '');
  closed.attachShadow({ mode: 'closed' });
  stage.append(button);
  return { hosts, refusing: [button, closed] };
}

let rng;
let model;
let hosts;
let refusing;
let handles;
let events;
let outcomes;
let log;
let seed;
let stepCount;
let perWidget;
let pending = null;
let probes = [];
let hashchanges = 0;
/** The element's host index. */
let E;
/** The element's pending `ready`: { done, value } (the outcome: { state } or { error }). */
let ready = null;

/** What `op` does on the page, as the model's `predict` says it. */
function perform(op) {
  if ((op.kind === 'destroy' || op.kind === 'api') && handles[op.host] === undefined && op.host !== E) return { skipped: true };
  if (op.kind === 'mount' && op.target === 'element' && !hosts[op.host].el.isConnected) return { skipped: true };
  try {
    return performUnchecked(op);
  } catch (error) {
    // Only a plain Error passes the check, with a documented message; a trap is a RuntimeError.
    return { error: error?.constructor === Error ? error.message : `${error?.constructor?.name}: ${error}` };
  }
}

function performUnchecked(op) {
  const host = hosts[op.host];
  switch (op.kind) {
    case 'mount': {
      const target = op.target === 'element' ? host.el : op.target === 'refusing' ? refusing[op.refusing] : op.target;
      handles[op.host] = op.noOptions ? ReadingWidget.mount(target) : ReadingWidget.mount(target, op.rawOptions ?? op.options);
      return null;
    }
    case 'destroy':
      handles[op.host].destroy();
      return null;
    case 'api': {
      // The element's methods are the element's own.
      const handle = op.host === E ? host.el : handles[op.host];
      const result = op.arg === undefined ? handle[op.method]() : handle[op.method](op.arg);
      return op.method === 'state' ? { state: result } : null;
    }
    case 'click':
      part(op.host, op.target, op.i).click();
      return null;
    case 'key': {
      const button = part(op.host, 'section', op.i);
      button.focus();
      button.dispatchEvent(new KeyboardEvent('keydown', { key: op.key, bubbles: true, composed: true, cancelable: true }));
      return null;
    }
    case 'focus':
      focusable(op).focus();
      return null;
    case 'blur':
      deepActive()?.blur();
      return null;
    case 'hash':
      // A real navigation: the browser fires hashchange later, if the fragment changed.
      location.hash = op.value;
      return null;
    case 'beforematch': {
      const target = op.target === 'panel' ? part(op.host, 'panel', op.i) : part(op.host, op.target);
      target.dispatchEvent(new Event('beforematch', { bubbles: true }));
      return null;
    }
    case 'junkStorage':
      sessionStorage.setItem(op.key, op.value);
      return null;
    case 'arm': {
      const el = host.el;
      const listener = () => {
        el.removeEventListener('readingwidget:change', listener);
        outcomes.push(perform(op.op));
      };
      el.addEventListener('readingwidget:change', listener);
      return null;
    }
    case 'get': {
      if (!op.keep) {
        ReadingWidget.get(op.target);
        return null;
      }
      const handle = ReadingWidget.get(host.el);
      if (handle) handles[op.host] = handle;
      return null;
    }
    case 'remove':
      host.el.remove();
      return null;
    case 'move': {
      // Out and back in, in one task.
      const mounted = ReadingWidget.get(host.el) !== undefined;
      host.el.remove();
      insert(host.el, op.at);
      if (op.host === E && !mounted) watchReady(op);
      return null;
    }
    case 'insert':
      insert(host.el, op.at);
      if (op.host === E) watchReady(op);
      return null;
    case 'mountAll':
      mountAll();
      return null;
    case 'elementMode':
      if (op.value === null) host.el.removeAttribute('mode');
      else host.el.setAttribute('mode', op.value);
      return null;
    case 'elementArticle': {
      host.el.setAttribute('article', op.value);
      if (host.el.isConnected) watchReady(op);
      return null;
    }
    default:
      throw new Error(`no op '${op.kind}'`);
  }
}

/** Inserts `el` into the stage, before the child `at` (0 to 1) points at, or last. */
function insert(el, at) {
  const stage = document.getElementById('stage');
  const children = [...stage.children];
  stage.insertBefore(el, children[Math.floor(at * (children.length + 1))] ?? null);
}

/** The element started mounting: a method called at once throws (`early`), and what its
 * `ready` settles to is the step's outcome (pushed by finish()). */
function watchReady(op) {
  const el = hosts[E].el;
  const watched = { done: false, value: undefined };
  ready = watched;
  el.ready.then(
    (state) => Object.assign(watched, { done: true, value: { state } }),
    (error) => Object.assign(watched, { done: true, value: { error: error?.constructor === Error ? error.message : String(error) } }),
  );
  if (op.early) outcomes.push(perform({ kind: 'api', host: E, method: op.early }));
}

/** The live widget's <article> in host `h`: the one whose mode button shows. */
function article(h) {
  const host = hosts[h];
  const root = host.shadow ? host.el.shadowRoot : host.el;
  const live = [...(root?.querySelectorAll('article.rw') ?? [])].filter((a) => a.querySelector(':scope > button.rw-mode:not([hidden])'));
  return live.length === 1 ? live[0] : null;
}

function part(h, name, i) {
  const a = article(h);
  if (!a) throw new Error(`host ${h} shows no live widget`);
  switch (name) {
    case 'mode':
      return a.querySelector(':scope > button.rw-mode');
    case 'summary':
      return a.querySelector('.rw-summary-heading > button');
    case 'summaryList':
      return a.querySelector('.rw-summary-list');
    case 'full':
      return a.querySelector('.rw-full');
    case 'all':
      return a.querySelector('button.rw-all');
    case 'section':
      return a.querySelectorAll('button[data-rw-section]')[i];
    case 'anchor':
      return a.querySelectorAll('a.rw-anchor')[i];
    case 'panel':
      return a.querySelectorAll('.rw-panel')[i];
    default:
      throw new Error(`no part '${name}'`);
  }
}

/** Something to focus: a control, or a paragraph of the text made focusable (as a link in it
 * would be). Only on widgets this run created: the pre-rendered one is compared to its template
 * when it is taken over again. */
function focusable(op) {
  if (op.target === 'panelText' || op.target === 'summaryText') {
    const text = op.target === 'panelText' ? part(op.host, 'panel', op.i).querySelector('p') : part(op.host, 'summaryList').querySelector('li');
    text.tabIndex = -1;
    probes.push(text);
    return text;
  }
  return part(op.host, op.target, op.i);
}

function deepActive() {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active === document.body ? null : active;
}

// ---------------------------------------------------------------------------------------------
// Random steps.

function liveHosts() {
  return model.live.map((w) => w.host);
}

/** Live widgets whose hosts are in the document: the reader can see them, focus them. */
function visible() {
  return model.live.filter((w) => !model.out.has(w.host));
}

/** A visible control of a live widget, or null: `targets` narrows which; `anywhere` takes
 * widgets out of the document too (a script's click still reaches them). */
function control(targets = ['mode', 'summary', 'all', 'section', 'anchor'], anywhere = false) {
  const widgets = anywhere ? model.live : visible();
  if (widgets.length === 0) return null;
  const w = rng.pick(widgets);
  const shown = targets.filter((t) => w.mode === 'full' || t === 'mode' || t === 'summary');
  const target = rng.pick(shown);
  const i = target === 'section' || target === 'anchor' ? rng.int(w.sections.length) : undefined;
  return { host: w.host, target, i };
}

function options(h) {
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
  const roll = rng.next();
  const at = rng.next();
  if (roll < 0.5) {
    const el = hosts[E].el;
    // The other article; now and then one the site does not have.
    const current = el.getAttribute('article');
    const other = current !== 'nope' && rng.chance(0.1) ? 'nope' : ARTICLES.map((a) => a.slug).find((slug) => slug !== current);
    const early = rng.chance(0.3) ? rng.pick(METHODS) : undefined;
    const r = rng.next();
    // One that shows nothing mostly leaves, and gets an article it can show.
    if (current === 'nope' && rng.chance(0.5)) return model.out.has(E) ? { kind: 'elementArticle', host: E, value: other } : { kind: 'remove', host: E };
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
  const held = liveHosts().filter((h) => h !== E && !model.out.has(h));
  const h = out.length && rng.chance(0.7) ? rng.pick(out) : held.length && rng.chance(0.7) ? rng.pick(held) : rng.int(E);
  if (model.out.has(h)) return { kind: 'insert', host: h, at };
  return { kind: rng.chance(0.6) ? 'remove' : 'move', host: h, at };
}

function apiOp(h) {
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
function randomOp({ nested = false } = {}) {
  if (!nested && rng.chance(0.12)) return domOp();
  const roll = rng.next();
  // Any plain host (mount and destroy are not the element's), and any host at all.
  const anyHost = rng.int(E);
  const anyListener = rng.int(hosts.length);
  if (roll < 0.3) {
    if (model.live.length === 0) return mountOp(anyHost);
    return apiOp(rng.pick(liveHosts()));
  }
  if (roll < 0.4) return mountOp(anyHost);
  if (roll < 0.47) {
    if (handles[anyHost] === undefined) return mountOp(anyHost);
    return { kind: 'destroy', host: anyHost };
  }
  if (roll < 0.5 && handles[anyHost] && !model.handled(anyHost)) return apiOp(anyHost); // a stale handle
  if (nested) return apiOp(rng.pick(liveHosts().length ? liveHosts() : [anyHost])) ;
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

// ---------------------------------------------------------------------------------------------
// Checks.

class Mismatch extends Error {}

function expect(ok, what) {
  if (!ok) throw new Mismatch(what);
}

function expectSame(actual, expected, what) {
  expect(same(actual, expected), `${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

function check() {
  expectSame(PROBLEMS(), model.problems, 'the page reported problems (an uncaught error, a trap, a console error or warning)');
  expectSame(outcomes, model.outcomes, 'what the calls returned or threw');
  for (const { error } of outcomes.filter((o) => o?.error !== undefined)) {
    expect(DOCUMENTED.some((re) => re.test(error)), `an undocumented error: ${error}`);
  }
  expectSame(events, model.events, 'the events the hosts heard');
  expect(window.__pwned === undefined, `markup ran: __pwned = ${window.__pwned}`);
  expect(ReadingWidget.liveListeners() === model.live.length * perWidget, `liveListeners() is ${ReadingWidget.liveListeners()} for ${model.live.length} widgets (the model has them on hosts ${liveHosts().join(', ') || 'none'}; get() finds one on hosts ${hosts.flatMap((host, h) => (ReadingWidget.get(host.el) ? [h] : [])).join(', ') || 'none'}; out of the document: ${[...model.out].join(', ') || 'none'})`);
  expect(JSON.stringify(ReadingWidget.articles()) === ARTICLES_JSON, 'articles() changed');
  hosts.forEach((_, h) => checkHost(h));
  checkFocus();
}

function checkHost(h) {
  const w = model.widget(h);
  const handle = ReadingWidget.get(hosts[h].el);
  expect((handle !== undefined) === Boolean(w), `host ${h}: get() says ${handle ? 'a' : 'no'} widget, the model ${w ? 'one' : 'none'}`);
  if (!w) return;
  expectSame(handle.state(), model.view(w), `host ${h}: state()`);
  const a = article(h);
  expect(a !== null, `host ${h}: one live article`);
  expect(a.querySelector('img, script') === null, `host ${h}: markup in a label or in the text made an element`);
  const attr = (el, name) => el.getAttribute(name);
  const full = w.mode === 'full';
  expectSame(attr(a, 'data-mode'), w.mode, `host ${h}: data-mode`);
  expectSame(attr(part(h, 'mode'), 'aria-expanded'), String(full), `host ${h}: the mode button's aria-expanded`);
  expectSame(attr(part(h, 'full'), 'hidden'), full ? null : 'until-found', `host ${h}: the full text's hidden`);
  expectSame(attr(part(h, 'summary'), 'aria-expanded'), String(w.summaryOpen), `host ${h}: the summary button's aria-expanded`);
  expectSame(attr(part(h, 'summaryList'), 'hidden'), w.summaryOpen ? null : 'until-found', `host ${h}: the summary list's hidden`);
  w.sections.forEach((id, i) => {
    const button = part(h, 'section', i);
    expectSame(attr(button, 'data-rw-section'), id, `host ${h}: section ${i}'s id`);
    expectSame(attr(button, 'aria-expanded'), String(w.open[i]), `host ${h}: section ${id}'s aria-expanded`);
    expectSame(attr(part(h, 'panel', i), 'hidden'), w.open[i] ? null : 'until-found', `host ${h}: section ${id}'s hidden`);
  });
  const [expand, collapse] = part(h, 'all').children;
  const allOpen = w.open.every(Boolean);
  expectSame([expand.hidden, collapse.hidden], [allOpen, !allOpen], `host ${h}: which of Expand all / Collapse all shows`);
  for (const [name, text] of Object.entries(w.labels ?? {})) {
    const el = { summaryHeading: part(h, 'summary'), readFull: part(h, 'mode').firstElementChild, backToSummary: part(h, 'mode').lastElementChild, expandAll: expand }[name];
    expect(el.textContent.includes(text), `host ${h}: the ${name} label reads ${JSON.stringify(el.textContent)}`);
    expect(el.children.length === 0, `host ${h}: the ${name} label made elements`);
  }
}

function checkFocus() {
  const active = deepActive();
  const f = model.focus;
  if (f?.kind === 'gone') {
    // The widget that held focus was destroyed: focus is nowhere hidden, and in no other widget
    // (a pre-rendered host taken over again in the same step may have it back).
    expect(!active || (active.isConnected && !active.closest('[hidden]')), 'focus after destroy() is left somewhere hidden');
    for (const h of liveHosts()) expect(!active || h === f.host || !article(h).contains(active), 'focus after destroy() is in another widget');
    active?.blur();
    model.focus = null;
    return;
  }
  if (!f) {
    for (const h of liveHosts()) expect(!active || !article(h).contains(active), `focus is in host ${h}'s widget, the model has it nowhere`);
    return;
  }
  const expected = f.kind === 'panelText' || f.kind === 'summaryText' ? probes.at(-1) : part(f.host, f.kind, f.i);
  expect(active === expected, `focus is on ${describe(active)}, expected host ${f.host}'s ${f.kind}${f.i === undefined ? '' : ` ${f.i}`}`);
}

function describe(el) {
  if (!el) return 'nothing';
  return `<${el.localName}${el.className ? ` class="${el.className}"` : ''}${el.dataset?.rwSection ? ` data-rw-section="${el.dataset.rwSection}"` : ''}>`;
}

// ---------------------------------------------------------------------------------------------
// The driver's entry points.

function failure(error) {
  return {
    ok: false,
    seed,
    steps: stepCount,
    failure: `seed ${seed}, step ${stepCount}: ${error instanceof Mismatch ? '' : 'the runner threw: '}${error.message}`,
    log: log.slice(-40),
  };
}

function step(op) {
  stepCount += 1;
  if (['remove', 'insert', 'move', 'mountAll', 'elementMode', 'elementArticle'].includes(op.kind)) count(`${op.kind}${op.host === E ? ' (element)' : ''}`);
  log.push(op);
  model.events = [];
  model.outcomes = [];
  model.wait = null;
  events = [];
  outcomes = [];
  model.outcomes.push(model.predict(op));
}

window.__model = {
  start(runSeed) {
    seed = runSeed;
    rng = random(seed);
    ({ hosts, refusing } = makeHosts());
    E = hosts.findIndex((host) => host.element);
    model = new Model();
    model.out.add(E);
    model.element = { host: E, article: hosts[E].el.getAttribute('article'), mode: null, id: hosts[E].el.id };
    ready = null;
    counts = {};
    handles = [];
    log = [];
    stepCount = 0;
    events = [];
    outcomes = [];
    sessionStorage.clear();
    history.replaceState(null, '', location.pathname);
    for (const [h, host] of hosts.entries()) {
      for (const type of ['readingwidget:change', 'readingwidget:ready']) {
        host.el.addEventListener(type, (e) => events.push({ host: h, type, detail: e.detail }));
      }
    }
    // The placeholder init() took over: summary, persisted, no id.
    const pre = hosts.findIndex((host) => host.prerendered);
    handles[pre] = ReadingWidget.get(hosts[pre].el);
    addEventListener('hashchange', () => (hashchanges += 1));
    // Whether WebDriver's input reached the pending step's control at all (WebKitGTK's driver
    // now and then loses a click before the page gets it: that is retried, not a widget bug).
    for (const type of ['click', 'keydown']) {
      addEventListener(type, (e) => {
        if (!pending?.el) return;
        const target = e.composedPath()[0];
        if (pending.el.contains(target)) pending.delivered = true;
        else pending.stray ??= `${type} on ${describe(target)}`;
      }, true);
    }
    const slug = hosts[pre].el.dataset.readingWidget;
    model.live.push({
      host: pre, slug, sections: ARTICLES.find((a) => a.slug === slug).sections, persist: true,
      key: `reading-widget:${location.pathname}:${slug}`, mode: 'summary', summaryOpen: true,
      open: ARTICLES.find((a) => a.slug === slug).sections.map(() => true),
    });
    model.handles.set(pre, model.live[0]);
    perWidget = ReadingWidget.liveListeners();
    try {
      expect(customElements.get('reading-widget') !== undefined, 'embed.js did not define <reading-widget>');
      // The fixture article's text holds markup (tests/fixtures/content): it shows as words.
      const probe = document.createElement('div');
      document.getElementById('stage').append(probe);
      const fixture = ReadingWidget.mount(probe, { article: 'fixture-second-article', persist: false });
      const words = probe.shadowRoot.querySelector('.rw-summary-list').textContent;
      fixture.destroy();
      probe.remove();
      expect(words.includes('<img src=x onerror="window.__pwned = \'article\'">'), `the fixture's markup is not shown as text: ${words}`);
      check();
      return { ok: true, perWidget, articles: ARTICLES.length };
    } catch (error) {
      return failure(error);
    }
  },

  run(n) {
    try {
      for (let k = 0; k < n; k += 1) {
        const op = randomOp();
        const hashBefore = model.hash;
        step(op);
        if (op.kind === 'hash') {
          pending = { op, hashchanges, hashBefore };
          perform(op); // its outcome (null) comes last, after what the hashchange's listeners did
          return { ok: true, steps: stepCount, pending: { kind: 'wait' } };
        }
        if (model.wait) {
          // The element mounts after a promise (its article fetched if need be), and lets go of
          // its widget a microtask after it left: the outcome (what `ready` resolved to) comes
          // last, after what its events' listeners did.
          ready = null;
          pending = { op, hashchanges, hashBefore, wait: model.wait };
          const outcome = perform(op);
          if (outcome !== null) outcomes.push(outcome); // the step itself threw
          return { ok: true, steps: stepCount, pending: { kind: 'wait' } };
        }
        if (op.kind === 'realClick' || op.kind === 'realKey') {
          // The widget's folds are transitions: the driver must aim at the page at rest (on a busy
          // machine a section still moving took a click meant for the button under it).
          for (const root of [document, ...hosts.map((host) => host.el.shadowRoot).filter(Boolean)]) {
            for (const animation of root.getAnimations()) animation.finish();
          }
          const el = part(op.host, op.target, op.i);
          el.scrollIntoView({ block: 'center' });
          el.focus();
          pending = { op, el, hashchanges, hashBefore };
          return { ok: true, steps: stepCount, pending: { kind: op.kind, key: op.key } };
        }
        outcomes.push(perform(op));
        check();
      }
      return { ok: true, steps: stepCount };
    } catch (error) {
      return failure(error);
    }
  },

  /** The element the pending real input goes to. */
  target() {
    return pending.el;
  },

  /** Whether the pending input reached its control. */
  delivered() {
    return pending.delivered === true || pending.stray !== undefined;
  },

  /** Whether the page has heard what the model expects from the pending input. */
  settled() {
    if (pending.wait === 'ready' && !ready?.done) return false;
    if (pending.wait === 'drop' && ReadingWidget.get(hosts[E].el) !== undefined) return false;
    const navigated = pending.op.kind === 'hash' || pending.op.target === 'anchor';
    if (navigated && model.hash !== pending.hashBefore && hashchanges === pending.hashchanges) return false;
    return events.length >= model.events.length && same(liveHosts().map((h) => ReadingWidget.get(hosts[h].el)?.state()), model.live.map((w) => model.view(w)));
  },

  finish(destroyAll = false) {
    try {
      if (pending) {
        // The driver aimed elsewhere (a page that moved under it): said as such, not retried.
        expect(pending.stray === undefined, `WebDriver's input landed on something else first: ${pending.stray}`);
        if (pending.wait === 'ready') {
          expect(ready?.done, `the element's ready has not settled (5 s after ${pending.op.kind})${ready ? '' : ' (it never started mounting)'}`);
          outcomes.push(ready.value);
        } else outcomes.push(null);
        pending = null;
        check();
      }
      if (destroyAll) {
        // Everything back in the document; the element leaves it (and is waited for).
        for (const h of [...model.out]) {
          if (h === E) continue;
          const op = { kind: 'insert', host: h, at: 1 };
          step(op);
          outcomes.push(perform(op));
          check();
        }
        if (!model.out.has(E)) {
          const op = { kind: 'remove', host: E };
          step(op);
          pending = { op, wait: model.wait, hashchanges, hashBefore: model.hash };
          const outcome = perform(op);
          if (outcome !== null) outcomes.push(outcome);
          return { ok: true, steps: stepCount, pending: { kind: 'wait' } };
        }
        for (const h of liveHosts()) {
          if (model.handled(h) !== model.widget(h)) {
            // Mounted by mountAll(): the page takes its handle first.
            step({ kind: 'get', host: h, keep: true });
            outcomes.push(perform({ kind: 'get', host: h, keep: true }));
            check();
          }
          step({ kind: 'destroy', host: h });
          outcomes.push(perform({ kind: 'destroy', host: h }));
          check();
        }
        expect(ReadingWidget.liveListeners() === 0, `liveListeners() is ${ReadingWidget.liveListeners()} after the last destroy()`);
        for (const [h, host] of hosts.entries()) {
          if (host.element) {
            const root = host.el.shadowRoot;
            expectSame(host.el.innerHTML, '', 'the element\'s own content after it left');
            expect(!root || (root.children.length === 1 && root.firstElementChild.localName === 'slot'), 'the element\'s shadow root holds only the slot after it left');
          } else if (host.prerendered) {
            // The pre-rendered article is static again: readable, its own disclosure back.
            const root = host.el.shadowRoot;
            expect(root.querySelector('button.rw-mode').hidden, 'the pre-rendered host is static again (mode button hidden)');
            expect(!root.querySelector('summary.rw-more-summary').hidden, 'the pre-rendered host has its disclosure back');
            expect([...root.querySelectorAll('button[data-rw-section]')].every((b) => b.disabled && !b.hasAttribute('aria-expanded')), 'its section buttons are static');
          } else {
            expectSame(host.el.innerHTML, host.html, `host ${h}'s own content after the last destroy()`);
            const root = host.el.shadowRoot;
            expect(!root || (root.children.length === 1 && root.firstElementChild.localName === 'slot'), `host ${h}'s shadow root holds only the slot for its own content`);
          }
        }
        history.replaceState(null, '', location.pathname);
        return { ok: true, steps: stepCount, counts };
      }
      return { ok: true, steps: stepCount };
    } catch (error) {
      return failure(error);
    }
  },
};

// The page's JSON.parse (tests/e2e/model.test.mjs): replaced from the start, except where the
// engine's WebDriver parses its own arguments with the page's JSON.parse (WebKitGTK's does):
// there it is the page's while the page's own code runs (these calls) and the built-in one
// while the driver talks to the page.
const parse = window.__jsonParse;
if (parse?.duringStepsOnly) {
  for (const name of ['start', 'run', 'settled', 'finish']) {
    const call = window.__model[name];
    window.__model[name] = (...args) => {
      JSON.parse = parse.page;
      try {
        return call(...args);
      } finally {
        JSON.parse = parse.builtin;
      }
    };
  }
}
