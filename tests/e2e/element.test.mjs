// <reading-widget>, the custom element embed.js defines: it mounts when connected, keeps its
// widget through a move, lets it go when it leaves the document, mounts again when it comes
// back, follows its attributes, and keeps a property set before it was defined.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { start, openPreparedPage, LIVE } from './browser.mjs';

const SLUG = 'ukraine-war-korean-war';
const SECTION = 'the-dead-and-the-deserters';

let site;
before(async () => {
  site = await start();
});
after(async () => {
  await site?.close();
});

/**
 * A page of `body` and embed.js; `script`, a classic script after `body`, runs before embed.js.
 * `prepare(page)` runs before the page loads.
 */
async function open(t, body, script = '', prepare = async () => {}) {
  const { page, problems } = await openPreparedPage(site.browser, `${site.base}index.html`, async (page) => {
    await prepare(page);
    await page.route('**/element.html', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>element</title>
<script type="module" src="./embed.js"></script></head>
<body><main id="one">${body}</main><aside id="two"></aside><script>${script}</script></body></html>`,
      }),
    );
  });
  t.after(() => page.close());
  await page.goto(`${site.base}element.html`);
  await page.evaluate(() => customElements.whenDefined('reading-widget'));
  return { page, problems };
}

/** Runs `fn(element, ReadingWidget)` in the page on the first <reading-widget>. */
const onElement = (page, fn, arg) =>
  page.evaluate(
    async ([source, arg]) => {
      const { ReadingWidget } = await import('./pkg/reading_widget.js');
      // Kept on the window: a removed element is still the one the test is about.
      const element = (window.element ??= document.querySelector('reading-widget'));
      // eslint-disable-next-line no-new-func -- a test's own code, sent from Node
      return new Function('element', 'ReadingWidget', 'arg', `return (${source})(element, ReadingWidget, arg)`)(
        element,
        ReadingWidget,
        arg,
      );
    },
    [fn.toString(), arg],
  );

/** How the element's `ready` settles once its attribute `name` is set to `value`: 'resolved', or the Error's message. */
const settledAfter = (page, name, value) =>
  onElement(
    page,
    async (element, ReadingWidget, [name, value]) => {
      element.setAttribute(name, value);
      return element.ready.then(
        () => 'resolved',
        (error) => error.message,
      );
    },
    [name, value],
  );

test('connected, it mounts and ready resolves to the state; its methods and events are the handle\'s', async (t) => {
  const { page, problems } = await open(t, `<reading-widget article="${SLUG}" mode="full"></reading-widget>`);
  const [state, sections] = await onElement(page, async (element, ReadingWidget) => [
    await element.ready,
    ReadingWidget.articles()[0].sections.map((section) => section.id),
  ]);
  assert.deepEqual(state, { article: SLUG, mode: 'full', expanded: sections }, 'the full text opens every section');
  await page.locator(LIVE).waitFor();
  const heard = await onElement(
    page,
    (element, _, section) => {
      const heard = [];
      element.addEventListener('readingwidget:change', (event) => heard.push(event.detail.cause + ':' + event.detail.section));
      element.collapseSection(section);
      element.showSummary();
      return { heard, state: element.state() };
    },
    SECTION,
  );
  assert.deepEqual(heard, {
    heard: [`api:${SECTION}`, 'api:null'],
    state: { article: SLUG, mode: 'summary', expanded: sections.filter((id) => id !== SECTION) },
  });
  assert.deepEqual(problems, []);
});

test('moved within the document, it keeps its widget and state; removed, it lets go; back, it mounts again', async (t) => {
  const { page, problems } = await open(t, `<reading-widget article="${SLUG}" id="reader"></reading-widget>`);
  const moved = await onElement(page, async (element, ReadingWidget) => {
    await element.ready;
    const perWidget = ReadingWidget.liveListeners();
    element.showFull();
    const handle = ReadingWidget.get(element);
    document.getElementById('two').append(element);
    await Promise.resolve();
    await new Promise((done) => setTimeout(done));
    return {
      perWidget,
      same: ReadingWidget.get(element) !== undefined && handle.state().mode === 'full',
      listeners: ReadingWidget.liveListeners(),
      mode: element.state().mode,
    };
  });
  assert.ok(moved.perWidget > 0);
  assert.deepEqual(moved, { perWidget: moved.perWidget, same: true, listeners: moved.perWidget, mode: 'full' });

  const removed = await onElement(
    page,
    async (element, ReadingWidget, section) => {
      const heard = [];
      element.addEventListener('readingwidget:change', (event) => heard.push(event.detail.cause));
      element.remove();
      await new Promise((done) => setTimeout(done));
      const after = { gone: ReadingWidget.get(element) === undefined, listeners: ReadingWidget.liveListeners() };
      location.hash = section;
      await new Promise((done) => addEventListener('hashchange', done, { once: true }));
      await new Promise((done) => setTimeout(done));
      let threw = null;
      try {
        element.showFull();
      } catch (error) {
        threw = error.message;
      }
      return { ...after, heard, threw };
    },
    SECTION,
  );
  assert.deepEqual(removed, {
    gone: true,
    listeners: 0,
    heard: [],
    threw: 'not mounted yet; await ready',
  });

  const back = await onElement(page, async (element) => {
    history.replaceState(null, '', location.pathname);
    document.getElementById('one').append(element);
    return element.ready;
  });
  assert.equal(back.mode, 'full', 'the state remembered for the tab');
  assert.deepEqual(problems, []);
});

test('its attributes: mode is applied as state (any value but full is the summary), a new article is shown', async (t) => {
  const { page, problems } = await open(t, `<reading-widget article="${SLUG}"></reading-widget>`);
  const modes = await onElement(page, async (element) => {
    await element.ready;
    const seen = [];
    element.setAttribute('mode', 'full');
    seen.push(element.state().mode);
    element.setAttribute('mode', 'summary');
    seen.push(element.state().mode);
    element.setAttribute('mode', 'full');
    element.setAttribute('mode', 'sideways');
    seen.push(element.state().mode);
    return seen;
  });
  assert.deepEqual(modes, ['full', 'summary', 'summary']);
  assert.deepEqual(problems, []);
  const other = await settledAfter(page, 'article', 'no-such-article');
  assert.equal(other, "unknown article 'no-such-article' (404)");

  // An article set just after the element was connected, before its first mount is done,
  // is the one it shows.
  const late = await page.evaluate(async () => {
    const element = document.createElement('reading-widget');
    document.body.append(element);
    element.setAttribute('article', 'no-such-article');
    return element.ready.then(
      () => 'resolved',
      (error) => error.message,
    );
  });
  assert.equal(late, "unknown article 'no-such-article' (404)");
});

test("its base names the folder the article's file is under, relative to the page; a placeholder's data-base too", async (t) => {
  const articles = new URL('../../dist/pkg/articles/', import.meta.url).pathname;
  const [file] = (await readdir(articles)).filter((name) => name.startsWith(`${SLUG}.`));
  const requested = [];
  const { page, problems } = await open(
    t,
    `<reading-widget article="${SLUG}" base="./elsewhere/"></reading-widget>
<div id="placeholder" data-reading-widget="${SLUG}" data-base="elsewhere/"></div>`,
    '',
    async (page) => {
      // The site has no elsewhere/: only a base that is followed finds the file.
      await page.route('**/elsewhere/pkg/articles/**', (route) => route.fulfill({ path: `${articles}${file}` }));
      // This page's (open() loads index.html first, which fetches its article).
      page.on('request', (request) => {
        if (request.url().endsWith('.bin') && request.frame().url().endsWith('/element.html')) requested.push(request.url());
      });
    },
  );
  const mounted = await onElement(page, async (element, ReadingWidget) => {
    const state = await element.ready;
    const placeholder = document.getElementById('placeholder');
    for (let i = 0; i < 100 && !ReadingWidget.get(placeholder); i++) await new Promise((done) => setTimeout(done, 20));
    return [state.article, ReadingWidget.get(placeholder)?.state().article];
  });
  assert.deepEqual(mounted, [SLUG, SLUG], 'the element and the placeholder mounted');
  // One file for both: the same URL, however the base was written.
  assert.deepEqual(requested, [`${site.base}elsewhere/pkg/articles/${file}`]);
  assert.deepEqual(problems, []);

  // A new base mounts the article from there: not found there, ready says so.
  const moved = await settledAfter(page, 'base', '/nowhere/');
  assert.equal(moved, `unknown article '${SLUG}' (404)`);
  assert.equal(requested.at(-1), `${site.base}nowhere/pkg/articles/${file}`);
});

test('created and given labels before embed.js defined it, it upgrades and keeps them', async (t) => {
  const { page, problems } = await open(
    t,
    `<reading-widget article="${SLUG}"></reading-widget>`,
    `window.undefinedThen = !customElements.get('reading-widget');
     document.querySelector('reading-widget').labels = { readFull: 'Everything' };`,
  );
  const label = await onElement(page, async (element) => {
    await element.ready;
    return [window.undefinedThen, element.labels?.readFull, element.shadowRoot.querySelector('button.rw-mode').textContent];
  });
  assert.equal(label[0], true, 'the property was set before the element was defined');
  // Equal labels in a fresh object (a framework's next render) change nothing; others remount.
  const again = await onElement(page, async (element) => {
    let readies = 0;
    element.addEventListener('readingwidget:ready', () => readies++);
    element.labels = { readFull: 'Everything' };
    await new Promise((done) => setTimeout(done, 50));
    const equal = readies;
    element.labels = { readFull: 'All of it' };
    await element.ready;
    return [equal, readies, element.shadowRoot.querySelector('button.rw-mode').textContent];
  });
  assert.deepEqual(again.slice(0, 2), [0, 1], 'no remount for equal labels, one for new ones');
  assert.match(again[2], /All of it/);
  assert.equal(label[1], 'Everything');
  assert.match(label[2], /Everything/);
  assert.deepEqual(problems, []);
});
