// The reading widget in its live phase, written by hand in plain JavaScript: the baseline
// `make bench` measures the WebAssembly widget against (bench/run.mjs, bench/page.mjs). Same
// markup, same behaviour: the summary disclosure, the one mode button (summary ⇄ full), the
// section accordion with Expand all / Collapse all, Arrow/Home/End between section buttons,
// folded text `hidden="until-found"` (find-in-page reveals it: `beforematch`), aria-expanded,
// the polite status line, focus kept on screen, `#section` links, and the `readingwidget:ready`
// and `readingwidget:change` events. A shadow root with the adopted sheet, or the light DOM.
//
// Its data is a tree of plain objects made by `prepare` before anything is timed, from a live
// widget's `<article class="rw">` (the bench renders the module's once); `mount` builds DOM
// nodes from it with createElement / setAttribute / createTextNode / append, never innerHTML,
// writing each switched attribute from the state as the module's view does. Toggles write only
// what changes. If the widget's markup or behaviour changes, so must this file: the bench
// compares the two widgets' markup after every kind of change and stops at a difference.

/** The attributes a part switches; `prepare` leaves them out and `mount` writes them. */
const SWITCHED = {
  root: ['data-mode'],
  mode: ['aria-expanded'],
  full: ['hidden'],
  summaryButton: ['aria-expanded'],
  summaryList: ['hidden'],
  allLabel: ['hidden'],
  button: ['aria-expanded'],
  panel: ['hidden'],
};
/** Attributes holding element ids, which get each widget's own prefix. */
const ID_REFS = ['id', 'aria-controls', 'aria-labelledby'];
const LABELS = { fullShown: 'Full article shown, {n} sections', summaryShown: 'Summary shown' };

/** Which part `element` is, read from the markup; `index` counts sections and labels. */
function partOf(element, count) {
  const is = (selector) => element.matches(selector);
  if (is('article.rw')) return { part: 'root' };
  if (is('button.rw-mode')) return { part: 'mode' };
  if (is('div.rw-full')) return { part: 'full' };
  if (is('.rw-summary-heading > button')) return { part: 'summaryButton' };
  if (is('ul.rw-summary-list')) return { part: 'summaryList' };
  if (is('button.rw-all')) return { part: 'all' };
  if (is('.rw-all > span')) return { part: 'allLabel', index: count.allLabel++ };
  if (is('section.rw-section')) return { part: 'section', index: count.section++ };
  if (is('button[data-rw-section]')) return { part: 'button', index: count.section - 1 };
  if (is('div.rw-panel')) return { part: 'panel', index: count.section - 1 };
  if (is('p.rw-status')) return { part: 'status' };
  return { part: null };
}

/**
 * Untimed: the article under the live `<article class="rw">` as this widget's data, `slug`
 * being its article. A node is a string (text) or `{ tag, attrs, part, index, children }`; an
 * attribute holding ids has them as a list, without the rendering widget's prefix.
 */
export function prepare(article, slug) {
  const prefix = article.getAttribute('aria-labelledby').replace(/title$/, '');
  const count = { allLabel: 0, section: 0 };
  const sections = [];
  const convert = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.data;
    const { part, index } = partOf(node, count);
    const skip = SWITCHED[part] ?? [];
    const attrs = [];
    for (const { name, value } of node.attributes) {
      if (skip.includes(name)) continue;
      attrs.push([name, ID_REFS.includes(name) ? value.split(' ').map((id) => id.slice(prefix.length)) : value]);
    }
    if (part === 'button') sections.push(node.getAttribute('data-rw-section'));
    // The status line starts empty: nothing is announced on load.
    const children = part === 'status' ? [] : [...node.childNodes].map(convert);
    return { tag: node.localName, attrs, part, index, children };
  };
  return { slug, root: convert(article), sections };
}

let widgets = 0;
let listeners = 0;
/** Light-DOM widgets per scope (document or shadow root) with the sheet adopted there. */
const lightScopes = new Map();

/** Event listeners the plain widgets hold: 0 once all are destroyed. */
export function liveListeners() {
  return listeners;
}

function listen(target, type, handler, capture = false) {
  target.addEventListener(type, handler, capture);
  listeners++;
  return () => {
    target.removeEventListener(type, handler, capture);
    listeners--;
  };
}

/** The switched attributes of `part` (number `index`) in `state`; null removes one. */
function attrsFor(part, index, state) {
  const open = (flag) => (flag ? 'true' : 'false');
  const findable = (shown) => (shown ? null : 'until-found');
  const full = state.mode === 'full';
  switch (part) {
    case 'root': return [['data-mode', state.mode]];
    case 'mode': return [['aria-expanded', open(full)]];
    case 'full': return [['hidden', findable(full)]];
    case 'summaryButton': return [['aria-expanded', open(state.summaryOpen)]];
    case 'summaryList': return [['hidden', findable(state.summaryOpen)]];
    // "Expand all" (0) shows while a section is folded, "Collapse all" (1) when none is.
    case 'allLabel': return [['hidden', allOpen(state) === (index === 1) ? null : '']];
    case 'button': return [['aria-expanded', open(state.open[index])]];
    case 'panel': return [['hidden', findable(state.open[index])]];
    default: return [];
  }
}

function allOpen(state) {
  return state.open.every(Boolean);
}

function write(element, [name, value]) {
  if (value === null) element.removeAttribute(name);
  else element.setAttribute(name, value);
}

/** Builds `node` and what under it, noting the parts in `parts`. */
function build(node, prefix, state, parts, shadow) {
  if (typeof node === 'string') return document.createTextNode(node);
  const element = document.createElement(node.tag);
  for (const [name, value] of node.attrs) {
    // `part` names only in a shadow root, as the widget writes them (::part() cannot reach the
    // light DOM).
    if (name === 'part' && !shadow) continue;
    if (typeof value === 'string') element.setAttribute(name, value);
    else element.setAttribute(name, value.length === 1 ? prefix + value[0] : value.map((id) => prefix + id).join(' '));
  }
  if (node.part) {
    for (const attr of attrsFor(node.part, node.index, state)) if (attr[1] !== null) element.setAttribute(attr[0], attr[1]);
    if (node.index === undefined) parts[node.part] = element;
    else (parts[node.part] ??= [])[node.index] = element;
  }
  for (const child of node.children) element.append(build(child, prefix, state, parts, shadow));
  return element;
}

/**
 * Renders `data` (from `prepare`) into `host`: into a new open shadow root with `sheet`
 * adopted, or with `{ shadow: false }` into the host itself, the sheet adopted around it.
 * Returns the handle: `toggle()`, `state()`, `destroy()`.
 */
export function mount(host, data, { sheet, shadow = true } = {}) {
  const prefix = `pj${++widgets}-`;
  const state = { mode: 'summary', summaryOpen: true, open: data.sections.map(() => true) };
  const parts = {};
  const root = build(data.root, prefix, state, parts, shadow);
  let container;
  let scope;
  if (shadow) {
    container = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    container.replaceChildren();
    scope = container;
    scope.adoptedStyleSheets = [...scope.adoptedStyleSheets, sheet];
  } else {
    container = host;
    scope = host.getRootNode();
    const users = lightScopes.get(scope) ?? 0;
    if (users === 0) scope.adoptedStyleSheets = [...scope.adoptedStyleSheets, sheet];
    lightScopes.set(scope, users + 1);
  }
  container.append(root);

  const tell = (type, detail) => host.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  const expanded = () => data.sections.filter((_, i) => state.open[i]);
  const owner = (hidden) => {
    if (hidden === parts.full) return parts.mode;
    if (hidden === parts.summaryList) return parts.summaryButton;
    const i = parts.panel.indexOf(hidden);
    return i >= 0 ? parts.button[i] : null;
  };
  const rescueFocus = () => {
    const active = scope.activeElement;
    const hidden = active && root.contains(active) && active.closest('[hidden]');
    if (hidden) owner(hidden)?.focus();
  };

  /** Applies `change` to the state, writes what it changed, and tells the host. */
  const update = (cause, change) => {
    const before = { mode: state.mode, summaryOpen: state.summaryOpen, open: [...state.open], all: allOpen(state) };
    change();
    if (state.mode !== before.mode) {
      for (const part of ['root', 'mode', 'full']) for (const attr of attrsFor(part, 0, state)) write(parts[part], attr);
      const full = state.mode === 'full';
      parts.status.textContent = full ? LABELS.fullShown.replace('{n}', data.sections.length) : LABELS.summaryShown;
      if (!full && parts.mode.getBoundingClientRect().top < 0) parts.mode.scrollIntoView(true);
    }
    if (state.summaryOpen !== before.summaryOpen) {
      write(parts.summaryButton, attrsFor('summaryButton', 0, state)[0]);
      write(parts.summaryList, attrsFor('summaryList', 0, state)[0]);
    }
    let changed = null;
    let count = 0;
    state.open.forEach((open, i) => {
      if (open === before.open[i]) return;
      write(parts.button[i], attrsFor('button', i, state)[0]);
      write(parts.panel[i], attrsFor('panel', i, state)[0]);
      changed = i;
      count++;
    });
    if (allOpen(state) !== before.all) parts.allLabel.forEach((label, i) => write(label, attrsFor('allLabel', i, state)[0]));
    rescueFocus();
    if (state.mode !== before.mode || count > 0) {
      const section = count === 1 ? data.sections[changed] : null;
      tell('readingwidget:change', { article: data.slug, mode: state.mode, expanded: expanded(), section, cause });
    }
  };
  const setSection = (i, open) => {
    state.open[i] = open;
    if (open) state.mode = 'full';
  };
  const actions = {
    toggleMode: () => (state.mode = state.mode === 'full' ? 'summary' : 'full'),
    toggleSummary: () => (state.summaryOpen = !state.summaryOpen),
    toggleAll: () => state.open.fill(!allOpen(state)),
  };

  const onClick = (event) => {
    const button = event.target.closest('button');
    if (!button || !root.contains(button)) return;
    if (button === parts.mode) update('user', actions.toggleMode);
    else if (button === parts.summaryButton) update('user', actions.toggleSummary);
    else if (button === parts.all) update('user', actions.toggleAll);
    else {
      const i = parts.button.indexOf(button);
      if (i >= 0) update('user', () => setSection(i, !state.open[i]));
    }
  };
  const onKeydown = (event) => {
    const i = parts.button.indexOf(event.target);
    const last = parts.button.length - 1;
    const next = { ArrowDown: i >= last ? 0 : i + 1, ArrowUp: i === 0 ? last : i - 1, Home: 0, End: last }[event.key];
    if (i < 0 || next === undefined) return;
    event.preventDefault();
    parts.button[next].focus();
  };
  const onBeforematch = (event) => {
    if (event.target === parts.full) update('find', () => (state.mode = 'full'));
    else if (event.target === parts.summaryList) update('find', () => (state.summaryOpen = true));
    else {
      const i = parts.panel.indexOf(event.target);
      if (i >= 0) update('find', () => setSection(i, true));
    }
  };
  const followHash = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    const i = id ? data.sections.indexOf(id) : -1;
    if (i < 0) return;
    update('hash', () => setSection(i, true));
    parts.section[i].scrollIntoView(true);
  };
  // A `#:~:text=` link into folded text opens the section that holds its start text.
  const followTextFragments = () => {
    const url = performance.getEntriesByType('navigation')[0]?.name ?? '';
    const found = url.match(/:~:text=([^&,]+)/);
    if (!found) return;
    const text = decodeURIComponent(found[1]).toLowerCase();
    const i = parts.panel.findIndex((panel) => panel.textContent.toLowerCase().includes(text));
    if (i >= 0) update('find', () => setSection(i, true));
  };
  const unlisten = [
    listen(root, 'click', onClick),
    listen(root, 'keydown', onKeydown),
    listen(root, 'beforematch', onBeforematch, true),
    listen(window, 'hashchange', followHash),
  ];
  followHash();
  followTextFragments();
  tell('readingwidget:ready', { article: data.slug, mode: state.mode, expanded: expanded() });

  return {
    root,
    toggle: () => update('api', actions.toggleMode),
    state: () => ({ article: data.slug, mode: state.mode, expanded: expanded() }),
    destroy() {
      unlisten.forEach((remove) => remove());
      root.remove();
      if (shadow) {
        // A shadow root cannot be taken off: it renders the host's children again.
        scope.adoptedStyleSheets = scope.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
        container.append(document.createElement('slot'));
      } else {
        const users = lightScopes.get(scope) - 1;
        lightScopes.set(scope, users);
        if (users === 0) scope.adoptedStyleSheets = scope.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
      }
    },
  };
}
