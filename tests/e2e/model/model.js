// The model: what the book (docs/src/api.md, docs/src/reader.md, docs/src/embedding.md) says a
// page holds after each step, per host; sessionStorage; the URL's fragment; focus. Written from
// the book, not taken from crates/view/src/state.rs: a model copied from the code would agree
// with the code's mistakes.
import { ARTICLES, count, current, same } from './shared.js';

const DESTROYED = 'this reading widget was destroyed; mount a new one';
const NOT_MOUNTED = 'not mounted yet; await ready';

/** A mount() fails on these only after it has let go of the widgets whose hosts left the
 * document. docs/src/api.md "Lifetime" says "when the page next mounts a widget" and leaves a mount()
 * that throws open: this follows src/lib.rs (the target and options were taken, then the
 * sweep), the one rule here not taken from the book. */
const SWEEPING = /^(unknown article|several articles|this element already hosts|a <\w+> cannot hold|this element already has a shadow root)/;

export class Model {
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

  /** The widget init() made of the pre-rendered placeholder before the run: summary, persisted,
   * no id; the page holds its handle. */
  takenOver(host, slug) {
    const { sections } = ARTICLES.find((a) => a.slug === slug);
    this.live.push({
      host, slug, sections, persist: true,
      key: `reading-widget:${location.pathname}:${slug}`, mode: 'summary', summaryOpen: true,
      open: sections.map(() => true),
    });
    this.handles.set(host, this.live.at(-1));
  }

  widget(host) {
    return this.live.find((w) => w.host === host);
  }

  /** The hosts of the live widgets, in mount order. */
  liveHosts() {
    return this.live.map((w) => w.host);
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
        const { hosts } = current;
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
    return typeof target === 'string' && current.hosts.some((host, h) => host.el.id && `#${host.el.id}` === target && this.out.has(h));
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

/** The one section folded or unfolded, if exactly one was: the event's `section`. */
function changedSection(w, before, after) {
  const changed = w.sections.filter((_, i) => before[i] !== after[i]);
  return changed.length === 1 ? changed[0] : null;
}
