// One code module, cached; each article fetched when a widget needs it. `make dist` builds the
// code once, with no article in it, and names it by its hash (pkg/reading_widget.<hash>.wasm and
// .js); each article is a file of its own (pkg/articles/<slug>.<build>.bin). Checked on the fixture
// build, which has two articles, so that "only its article" is a difference the test can see.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { start, openPreparedPage, articlePath, LIVE } from './browser.mjs';

const SLUG = 'ukraine-war-korean-war';
const FIXTURE = 'fixture-second-article';
const SITE = new URL('../../target/fixture-dist/', import.meta.url).pathname;
const CODE = /^\/pkg\/reading_widget\.[0-9a-f]{16}\.(js|wasm)$/;

let fixtures;
before(async () => {
  fixtures = await start({ site: 'fixtures' });
});
after(async () => {
  await fixtures?.close();
});

/** The paths the server answered with a body (200) since `from`, the code's and the articles'. */
const downloaded = (from) =>
  fixtures.requests
    .slice(from)
    .filter(({ path, status }) => status === 200 && /^\/pkg\/.*\.(js|wasm|bin)$/.test(path))
    .map(({ path }) => path);

const listed = (page) =>
  page.evaluate(async () => {
    const { ReadingWidget } = await import('./pkg/reading_widget.js');
    return ReadingWidget.articles().map((article) => article.slug);
  });

/** A `<reading-widget>` added to the page, and what its `ready` gave. */
const addElement = (page, slug) =>
  page.evaluate(async (slug) => {
    const element = document.createElement('reading-widget');
    element.setAttribute('article', slug);
    document.body.append(element);
    try {
      return { state: await element.ready, title: element.shadowRoot?.querySelector('h1')?.textContent };
    } catch (error) {
      return { error: error.message };
    }
  }, slug);

test('a page of one article downloads the code and that article, and nothing else', async (t) => {
  const from = fixtures.requests.length;
  const { page, problems } = await openPreparedPage(fixtures.browser, `${fixtures.base}index.html`, async () => {});
  t.after(() => page.close());
  await page.locator(LIVE).waitFor({ timeout: 10_000 });
  const got = downloaded(from);
  assert.equal(got.filter((path) => CODE.test(path)).length, 2, `the glue and the code module: ${got}`);
  assert.deepEqual(
    got.filter((path) => !CODE.test(path)),
    [articlePath(SLUG, 'fixtures')],
    'its own article, and no module of every article',
  );
  assert.deepEqual(await listed(page), [SLUG], 'the module knows the one article it was given');
  await page.locator('button.rw-mode').click();
  assert.equal(await page.locator('button.rw-mode').getAttribute('aria-expanded'), 'true');
  assert.deepEqual(problems, []);
});

/** A page in a browser context of its own (its own HTTP cache), recording problems. */
async function inContext(t, path) {
  const context = await fixtures.browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${fixtures.base}${path}`);
  await page.locator(LIVE).first().waitFor({ timeout: 10_000 });
  return { page, problems };
}

test('with the cache warm, the next article\'s page downloads that article only', async (t) => {
  const { page, problems } = await inContext(t, 'index.html');
  // A full navigation to the other article's page in the same browser: the code comes from
  // the cache. (Not a routed page: Playwright turns the HTTP cache off for pages it routes.)
  const from = fixtures.requests.length;
  await page.goto(`${fixtures.base}article-${FIXTURE}.html`);
  await page.locator(LIVE).waitFor({ timeout: 10_000 });
  assert.deepEqual(downloaded(from), [articlePath(FIXTURE, 'fixtures')], 'the code was not downloaded again');
  assert.deepEqual(
    fixtures.requests.slice(from).filter(({ path }) => CODE.test(path)),
    [],
    'the code, kept for a year under its hash, was not even asked for again',
  );
  assert.deepEqual(await listed(page), [FIXTURE]);
  assert.deepEqual(problems, []);
});

test('a client-side route to another article fetches that article only, once', async (t) => {
  const { page, problems } = await inContext(t, 'index.html');
  let from = fixtures.requests.length;
  const routed = await addElement(page, FIXTURE);
  assert.equal(routed.state?.article, FIXTURE, JSON.stringify(routed));
  assert.match(routed.title ?? '', /\S/, 'the routed article shows its headline');
  assert.deepEqual(downloaded(from), [articlePath(FIXTURE, 'fixtures')]);
  // A second widget of an article the page has: nothing more is fetched.
  from = fixtures.requests.length;
  assert.equal((await addElement(page, FIXTURE)).state?.article, FIXTURE);
  // And a widget whose article attribute changes shows the new one.
  const changed = await page.evaluate(async (slug) => {
    // The last one added, not the page's own.
    const element = [...document.querySelectorAll('reading-widget')].at(-1);
    element.setAttribute('article', slug);
    return [(await element.ready).article, element.shadowRoot.querySelector('h1').textContent];
  }, SLUG);
  assert.equal(changed[0], SLUG);
  assert.deepEqual(
    fixtures.requests.slice(from).filter(({ path }) => path.startsWith('/pkg/')),
    [],
    'nothing fetched: both articles are in',
  );
  assert.deepEqual(await listed(page), [SLUG, FIXTURE]);
  assert.deepEqual(problems, []);
});

test('a server-rendered element is taken over in place; routed to the other article, it fetches and renders that one, and routed back takes over its markup again', async (t) => {
  const context = await fixtures.browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const said = [];
  page.on('console', (message) => ['error', 'warning'].includes(message.type()) && said.push(message.text()));
  page.on('pageerror', (error) => said.push(error.message));
  // The nodes the HTML parser made, noted before any script of the page runs.
  await page.addInitScript(() =>
    document.addEventListener('readystatechange', () => {
      window.__served ??= document.querySelector('reading-widget')?.shadowRoot?.querySelector('article.rw');
    }),
  );
  await page.goto(`${fixtures.base}index.html`);
  const shown = () =>
    page.evaluate(async () => {
      const element = document.querySelector('reading-widget');
      const state = await element.ready;
      const root = element.shadowRoot.querySelector('article.rw');
      return { article: state.article, title: root.querySelector('h1').textContent, served: root === window.__served, roots: element.shadowRoot.querySelectorAll('article.rw').length };
    });
  const first = await shown();
  assert.equal(first.article, SLUG);
  assert.equal(first.served, true, 'the served nodes were taken over, not rendered again');
  assert.equal(first.roots, 1);

  let from = fixtures.requests.length;
  await page.evaluate((slug) => document.querySelector('reading-widget').setAttribute('article', slug), FIXTURE);
  const routed = await shown();
  assert.equal(routed.article, FIXTURE);
  assert.notEqual(routed.title, first.title);
  assert.equal(routed.served, false, 'the other article is rendered afresh');
  assert.equal(routed.roots, 1, 'the served article is set aside, not shown beside it');
  assert.deepEqual(downloaded(from), [articlePath(FIXTURE, 'fixtures')]);

  from = fixtures.requests.length;
  await page.evaluate((slug) => document.querySelector('reading-widget').setAttribute('article', slug), SLUG);
  const back = await shown();
  assert.deepEqual(back, first, 'back to the served article: its own nodes, taken over again');
  assert.deepEqual(downloaded(from), []);
  await page.locator('button.rw-mode').click();
  assert.equal(await page.locator('button.rw-mode').getAttribute('aria-expanded'), 'true');
  assert.deepEqual(said, [], 'no error, and no warning of a mismatch');
});

test('an article that cannot be fetched rejects ready and says why; a pre-rendered element or placeholder of it stays readable', async (t) => {
  const served = await readFile(`${SITE}index.html`, 'utf8');
  const element = served.replace(`<reading-widget article="${SLUG}">`, '<reading-widget article="no-such-article">');
  const placeholder = element
    .replace('<reading-widget article=', '<div data-reading-widget=')
    .replace('</reading-widget>', '</div>');
  assert.match(element, /<reading-widget article="no-such-article"><template/);
  assert.match(placeholder, /<div data-reading-widget="no-such-article"><template[^]*<\/template><\/div>/);
  for (const html of [element, placeholder]) {
    const { page, problems } = await openPreparedPage(fixtures.browser, `${fixtures.base}index.html`, (page) =>
      page.route('**/index.html', (route) => route.fulfill({ contentType: 'text/html', body: html })),
    );
    t.after(() => page.close());
    const said = () => problems.filter((problem) => problem.includes('reading-widget:'));
    for (let waited = 0; said().length === 0 && waited < 10_000; waited += 100) await page.waitForTimeout(100);
    // The message, then the host it is about (console.error's second argument).
    assert.deepEqual(
      said().map((message) => message.replace(/ JSHandle@node$/, '')),
      [`console: reading-widget: unknown article 'no-such-article' (404)`],
    );
    // The pre-rendered article stays readable.
    assert.equal(await page.locator('h1.rw-title').count(), 1);
    if (html === element) {
      const ready = await page.evaluate(() => document.querySelector('reading-widget').ready.then(() => 'resolved', (error) => error.message));
      assert.equal(ready, "unknown article 'no-such-article' (404)");
    } else {
      const failed = await addElement(page, 'no-such-article');
      assert.equal(failed.error, "unknown article 'no-such-article' (404)");
    }
  }
});
