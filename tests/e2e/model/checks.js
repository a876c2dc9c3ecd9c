// The checks after each step: the page must agree with the model in everything a reader or a
// page's script would notice (state(), the attributes, focus, the events, what each call returned
// or threw, the console), and every error must be one docs/src/errors.md documents. A mismatch
// is a Mismatch, so a failure says which of these it was and not that the runner broke.
import { ReadingWidget } from '/pkg/reading_widget.js';
import { ARTICLES_JSON, current, same } from './shared.js';
import { article, deepActive, part, probes } from './page.js';

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

const PROBLEMS = () => window.__readingWidgetProblems ?? [];

export class Mismatch extends Error {}

export function expect(ok, what) {
  if (!ok) throw new Mismatch(what);
}

function expectSame(actual, expected, what) {
  expect(same(actual, expected), `${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

export function check() {
  const { model, hosts, events, outcomes, perWidget } = current;
  expectSame(PROBLEMS(), model.problems, 'the page reported problems (an uncaught error, a trap, a console error or warning)');
  expectSame(outcomes, model.outcomes, 'what the calls returned or threw');
  for (const { error } of outcomes.filter((o) => o?.error !== undefined)) {
    expect(DOCUMENTED.some((re) => re.test(error)), `an undocumented error: ${error}`);
  }
  expectSame(events, model.events, 'the events the hosts heard');
  expect(window.__pwned === undefined, `markup ran: __pwned = ${window.__pwned}`);
  expect(ReadingWidget.liveListeners() === model.live.length * perWidget, `liveListeners() is ${ReadingWidget.liveListeners()} for ${model.live.length} widgets (the model has them on hosts ${model.liveHosts().join(', ') || 'none'}; get() finds one on hosts ${hosts.flatMap((host, h) => (ReadingWidget.get(host.el) ? [h] : [])).join(', ') || 'none'}; out of the document: ${[...model.out].join(', ') || 'none'})`);
  expect(JSON.stringify(ReadingWidget.articles()) === ARTICLES_JSON, 'articles() changed');
  hosts.forEach((_, h) => checkHost(h));
  checkFocus();
}

function checkHost(h) {
  const { model, hosts } = current;
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
  const { model } = current;
  const active = deepActive();
  const f = model.focus;
  if (f?.kind === 'gone') {
    // The widget that held focus was destroyed: focus is nowhere hidden, and in no other widget
    // (a pre-rendered host taken over again in the same step may have it back).
    expect(!active || (active.isConnected && !active.closest('[hidden]')), 'focus after destroy() is left somewhere hidden');
    for (const h of model.liveHosts()) expect(!active || h === f.host || !article(h).contains(active), 'focus after destroy() is in another widget');
    active?.blur();
    model.focus = null;
    return;
  }
  if (!f) {
    for (const h of model.liveHosts()) expect(!active || !article(h).contains(active), `focus is in host ${h}'s widget, the model has it nowhere`);
    return;
  }
  const expected = f.kind === 'panelText' || f.kind === 'summaryText' ? probes.at(-1) : part(f.host, f.kind, f.i);
  expect(active === expected, `focus is on ${describe(active)}, expected host ${f.host}'s ${f.kind}${f.i === undefined ? '' : ` ${f.i}`}`);
}

export function describe(el) {
  if (!el) return 'nothing';
  return `<${el.localName}${el.className ? ` class="${el.className}"` : ''}${el.dataset?.rwSection ? ` data-rw-section="${el.dataset.rwSection}"` : ''}>`;
}

/** Before the first step: the fixture article's text holds markup (tests/fixtures/content), and
 * a widget must show it as words. */
export function checkArticleText() {
  expect(customElements.get('reading-widget') !== undefined, 'embed.js did not define <reading-widget>');
  const probe = document.createElement('div');
  document.getElementById('stage').append(probe);
  const fixture = ReadingWidget.mount(probe, { article: 'fixture-second-article', persist: false });
  const words = probe.shadowRoot.querySelector('.rw-summary-list').textContent;
  fixture.destroy();
  probe.remove();
  expect(words.includes('<img src=x onerror="window.__pwned = \'article\'">'), `the fixture's markup is not shown as text: ${words}`);
}

/** After the last destroy(): no listener left, and every host as it was before the run. */
export function checkAllGone() {
  expect(ReadingWidget.liveListeners() === 0, `liveListeners() is ${ReadingWidget.liveListeners()} after the last destroy()`);
  for (const [h, host] of current.hosts.entries()) {
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
}
