// <reading-widget> in a React 19 app that routes on the client between two articles, 500 times:
// each route shows its article, React hears the element's events, every element React removed
// is let go (no widget, no listener, no event on a hash change), and the wasm memory does not
// grow. The app (tests/e2e/react/app.jsx) is bundled here with the pinned esbuild and served,
// with its page, through Playwright routes next to the fixture site, which has two articles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { start, openPreparedPage } from './browser.mjs';

const SLUGS = ['ukraine-war-korean-war', 'fixture-second-article'];
const ROUTES = 500;
const WARM_UP = 50;
const BATCH = 50;
// How each route renders the element, in turn (app.jsx): 'key' and 'wrapper' put a new element
// in, and so does the 'attribute' after 'wrapper'; the second 'attribute' in a row keeps the
// element and changes its `article`. The app opens with 'attribute', the last of the four.
const HOWS = ['key', 'wrapper', 'attribute', 'attribute'];

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>React</title>
<script type="module" src="./embed.js"></script>
<script type="module" src="./__react/app.js"></script></head>
<body><div id="root"></div></body></html>`;

let site;
let app;
before(async () => {
  // React's development build: its warnings (keys, props, events) are console errors here.
  const bundled = await build({
    entryPoints: [new URL('react/app.jsx', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"development"' },
    write: false,
    logLevel: 'silent',
  });
  app = bundled.outputFiles[0].text;
  site = await start({ site: 'fixtures' });
});
after(async () => {
  await site?.close();
});

/** Runs `fn(ReadingWidget, memory, arg)` in the page, with the glue embed.js loaded. */
const inApp = (page, fn, arg) =>
  page.evaluate(
    async ([source, arg]) => {
      const module = await import('./pkg/reading_widget.js');
      // init() again returns the instance the page started (release.test.mjs does the same).
      const memory = Object.values(await module.default()).find((value) => value instanceof WebAssembly.Memory);
      // eslint-disable-next-line no-new-func -- a test's own code, sent from Node
      return new Function('ReadingWidget', 'memory', 'arg', `return (${source})(ReadingWidget, memory, arg)`)(
        module.ReadingWidget,
        memory,
        arg,
      );
    },
    [fn.toString(), arg],
  );

test('a React 19 app routing between two articles 500 times', async (t) => {
  const { page, problems } = await openPreparedPage(site.browser, `${site.base}react.html`, async (page) => {
    await page.route('**/react.html', (route) => route.fulfill({ contentType: 'text/html', body: PAGE }));
    await page.route('**/__react/app.js', (route) => route.fulfill({ contentType: 'text/javascript', body: app }));
  });
  t.after(() => page.close());
  await page.waitForFunction(() => window.__route && document.querySelector('reading-widget'));
  // The first route's widget alone: what one widget holds.
  const first = await inApp(page, async (ReadingWidget) => {
    const element = document.querySelector('reading-widget');
    window.__elements = new Set([element]);
    const state = await element.ready;
    return {
      article: state.article,
      perWidget: ReadingWidget.liveListeners(),
      attributes: element.getAttributeNames(),
      labels: element.labels,
      button: element.shadowRoot.querySelector('button.rw-mode').textContent,
    };
  });
  assert.equal(first.article, SLUGS[0]);
  // React 19 set `article` as an attribute (the element has no such property), `labels` as a
  // property (it has one), and took `onreadingwidget:change` for a listener.
  assert.deepEqual(first.attributes, ['article']);
  assert.deepEqual(first.labels, { readFull: 'Read it all' });
  assert.match(first.button, /^Read it all/);
  assert.ok(first.perWidget > 0, `a widget holds listeners (${first.perWidget})`);

  await t.test('each route shows its article; the element stays or is new as the route renders it', async () => {
    const started = Date.now();
    const batches = [];
    for (let from = 0; from < ROUTES; from += BATCH) {
      batches.push(
        await inApp(
          page,
          async (ReadingWidget, memory, { from, count, slugs, hows }) => {
            const wrong = [];
            const listeners = new Set();
            let previous = hows[(from + hows.length - 1) % hows.length];
            for (let i = from; i < from + count; i++) {
              // Route 0 goes to the second article: the app opened on the first.
              const slug = slugs[(i + 1) % 2];
              const how = hows[i % hows.length];
              const before = document.querySelector('reading-widget');
              window.__route(slug, how);
              const elements = document.querySelectorAll('reading-widget');
              const element = elements[0];
              window.__elements.add(element);
              const state = await element.ready;
              const title = element.shadowRoot?.querySelector('h1')?.textContent.trim();
              const expected = ReadingWidget.articles().find((article) => article.slug === slug)?.title;
              const kept = how === 'attribute' && previous === 'attribute';
              const problem = [
                elements.length !== 1 && `${elements.length} elements`,
                state.article !== slug && `ready gave ${state.article}`,
                (!expected || title !== expected) && `headline '${title}', not '${expected}'`,
                (element === before) !== kept && (kept ? 'a new element' : 'the same element'),
              ].filter(Boolean);
              if (problem.length > 0) wrong.push(`route ${i} (${how} to ${slug}): ${problem.join('; ')}`);
              listeners.add(ReadingWidget.liveListeners());
              previous = how;
            }
            return { wrong, listeners: [...listeners], memory: memory.buffer.byteLength };
          },
          { from, count: Math.min(BATCH, ROUTES - from), slugs: SLUGS, hows: HOWS },
        ),
      );
    }
    const memory = batches.map((batch) => batch.memory);
    console.log(
      `${ROUTES} routes in ${Date.now() - started} ms; wasm memory ${memory[0]} bytes after ${WARM_UP} routes, ` +
        `${memory.at(-1)} after ${ROUTES} (after each ${BATCH}: ${memory.join(', ')}); ` +
        `${first.perWidget} listeners per widget`,
    );
    const wrong = batches.flatMap((batch) => batch.wrong);
    assert.deepEqual({ wrong: wrong.length, first: wrong.slice(0, 5) }, { wrong: 0, first: [] });
    assert.deepEqual(
      [...new Set(batches.flatMap((batch) => batch.listeners))],
      [first.perWidget],
      'after every route, the listeners of one widget',
    );
    assert.equal(WARM_UP, BATCH, 'the first batch is the warm-up');
    assert.equal(memory.at(-1), memory[0], `wasm memory grew after the warm-up: ${memory.join(', ')}`);
    assert.deepEqual(problems, []);
  });

  await t.test('only the mounted widget is left: every element React removed is let go', async () => {
    const left = await inApp(page, async (ReadingWidget) => {
      await new Promise((done) => setTimeout(done));
      const mounted = document.querySelector('reading-widget');
      const removed = [...window.__elements].filter((element) => element !== mounted);
      return {
        removed: removed.length,
        connected: removed.filter((element) => element.isConnected).length,
        stillRegistered: removed.filter((element) => ReadingWidget.get(element) !== undefined).length,
        mounted: ReadingWidget.get(mounted) !== undefined,
        listeners: ReadingWidget.liveListeners(),
      };
    });
    // Three of every four routes put a new element in.
    assert.deepEqual(left, {
      removed: (ROUTES / HOWS.length) * 3,
      connected: 0,
      stillRegistered: 0,
      mounted: true,
      listeners: first.perWidget,
    });
    assert.deepEqual(problems, []);
  });

  await t.test('a hash change reaches the mounted widget only', async () => {
    const heard = await inApp(page, async (ReadingWidget) => {
      const mounted = document.querySelector('reading-widget');
      const shown = (await mounted.ready).article;
      const section = (slug) => ReadingWidget.articles().find((article) => article.slug === slug).sections.at(-1).id;
      const other = ReadingWidget.articles().find((article) => article.slug !== shown).slug;
      const heard = [];
      const hear = (event) =>
        heard.push({ mounted: event.target === mounted, article: event.detail.article, cause: event.detail.cause });
      document.addEventListener('readingwidget:change', hear);
      const go = async (id) => {
        const changed = new Promise((done) => addEventListener('hashchange', done, { once: true }));
        location.hash = id;
        await changed;
        await new Promise((done) => setTimeout(done));
      };
      await go(section(other));
      const afterOther = heard.length;
      await go(section(shown));
      document.removeEventListener('readingwidget:change', hear);
      history.replaceState(null, '', location.pathname);
      return { shown, afterOther, heard };
    });
    assert.deepEqual(
      { events: heard.afterOther, first: heard.heard.slice(0, Math.min(heard.afterOther, 3)) },
      { events: 0, first: [] },
      'the other article\'s section: nothing',
    );
    assert.ok(heard.heard.length > 0, 'the shown article\'s section opened');
    assert.deepEqual(
      heard.heard.filter((event) => !event.mounted || event.article !== heard.shown || event.cause !== 'hash'),
      [],
      'every event came from the mounted widget, for the hash',
    );
    assert.deepEqual(problems, []);
  });

  await t.test('a listener React attached hears readingwidget:change', async () => {
    const before = Number(await page.locator('#heard').getAttribute('data-count'));
    const shown = await page.evaluate(() => document.querySelector('reading-widget').state());
    // The section the hash opened, folded again: the mode button now opens the full text.
    await page.evaluate(() => document.querySelector('reading-widget').showSummary());
    await page.locator('reading-widget button.rw-mode').click();
    await page.waitForFunction(
      (count) => Number(document.getElementById('heard').dataset.count) >= count + 2,
      before,
      { timeout: 5_000 },
    );
    assert.deepEqual(JSON.parse(await page.locator('#heard').textContent()), {
      article: shown.article,
      mode: 'full',
      cause: 'user',
    });
    assert.deepEqual(problems, []);
  });

  // After each route above, the next mount lets go of an element that left the document
  // (docs/src/api.md "Lifetime"), so a widget that failed to let go would not show there; here nothing
  // mounts after it.
  await t.test('routed to a page without the widget, its element is let go and hears no hash', async () => {
    const home = await inApp(page, async (ReadingWidget) => {
      const last = document.querySelector('reading-widget');
      const article = (await last.ready).article;
      window.__route(null);
      await new Promise((done) => setTimeout(done));
      const left = {
        elements: document.querySelectorAll('reading-widget').length,
        registered: ReadingWidget.get(last) !== undefined,
        listeners: ReadingWidget.liveListeners(),
      };
      const heard = [];
      const hear = (event) => heard.push(event.detail);
      document.addEventListener('readingwidget:change', hear);
      const changed = new Promise((done) => addEventListener('hashchange', done, { once: true }));
      location.hash = ReadingWidget.articles().find((known) => known.slug === article).sections.at(-1).id;
      await changed;
      await new Promise((done) => setTimeout(done));
      document.removeEventListener('readingwidget:change', hear);
      history.replaceState(null, '', location.pathname);
      return { ...left, heard };
    });
    assert.deepEqual(home, { elements: 0, registered: false, listeners: 0, heard: [] });
    assert.deepEqual(problems, []);
  });
});
