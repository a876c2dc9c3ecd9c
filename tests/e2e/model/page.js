// The page's half: the hosts, each step done to the page as a script or a reader would do it,
// and the lookups that find a widget's parts. It records what the page did (what each call
// returned or threw, the element's `ready`) and decides nothing: what should happen is the
// model's, whether it did is the checks'.
import { mountAll, ReadingWidget } from '/pkg/reading_widget.js';
import { ARTICLES, current } from './shared.js';

/** The paragraphs made focusable for a step that focuses text: the last is the one focused. */
export const probes = [];

/** The hosts: two in shadow roots (one with an id), one in the light DOM, the pre-rendered
 * placeholder init() took over, a <reading-widget> (not in the document yet; its article and
 * whether it has an id chosen by the seed), and two that refuse a shadow root. */
export function makeHosts(rng) {
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

/** What `op` does on the page, as the model's `predict` says it. */
export function perform(op) {
  const { hosts, handles, E } = current;
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
  const { hosts, refusing, handles, E } = current;
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
        current.outcomes.push(perform(op.op));
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
  const { hosts, E } = current;
  const el = hosts[E].el;
  const watched = { done: false, value: undefined };
  current.ready = watched;
  el.ready.then(
    (state) => Object.assign(watched, { done: true, value: { state } }),
    (error) => Object.assign(watched, { done: true, value: { error: error?.constructor === Error ? error.message : String(error) } }),
  );
  if (op.early) current.outcomes.push(perform({ kind: 'api', host: E, method: op.early }));
}

/** The live widget's <article> in host `h`: the one whose mode button shows. */
export function article(h) {
  const host = current.hosts[h];
  const root = host.shadow ? host.el.shadowRoot : host.el;
  const live = [...(root?.querySelectorAll('article.rw') ?? [])].filter((a) => a.querySelector(':scope > button.rw-mode:not([hidden])'));
  return live.length === 1 ? live[0] : null;
}

export function part(h, name, i) {
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

export function deepActive() {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active === document.body ? null : active;
}

/** What every host hears (readingwidget:change and readingwidget:ready), for the checks. */
export function listen(hosts) {
  for (const [h, host] of hosts.entries()) {
    for (const type of ['readingwidget:change', 'readingwidget:ready']) {
      host.el.addEventListener(type, (e) => current.events.push({ host: h, type, detail: e.detail }));
    }
  }
}
