// One code module, cached; each article fetched when a widget needs it. `make dist` builds the
// code once, with no article in it, and names it by its hash (pkg/reading_widget.<hash>.wasm and
// .js); each article is a file of its own (pkg/articles/<slug>.bin). Checked on the fixture
// build, which has two articles, so that "only its article" is a difference the test can see.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { start, openPreparedPage, LIVE } from './browser.mjs';

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
    [`/pkg/articles/${SLUG}.bin`],
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
  assert.deepEqual(downloaded(from), [`/pkg/articles/${FIXTURE}.bin`], 'the code was not downloaded again');
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
  assert.deepEqual(downloaded(from), [`/pkg/articles/${FIXTURE}.bin`]);
  // A second widget of an article the page has: nothing more is fetched.
  from = fixtures.requests.length;
  assert.equal((await addElement(page, FIXTURE)).state?.article, FIXTURE);
  // And a widget whose article attribute changes shows the new one.
  const changed = await page.evaluate(async (slug) => {
    const element = document.querySelector('reading-widget');
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

test('an article that cannot be fetched rejects ready and says why; a placeholder of it stays readable', async (t) => {
  const html = (await readFile(`${SITE}index.html`, 'utf8')).replace(`data-reading-widget="${SLUG}"`, 'data-reading-widget="no-such-article"');
  assert.match(html, /data-reading-widget="no-such-article"/);
  const { page, problems } = await openPreparedPage(fixtures.browser, `${fixtures.base}index.html`, (page) =>
    page.route('**/index.html', (route) => route.fulfill({ contentType: 'text/html', body: html })),
  );
  t.after(() => page.close());
  const said = () => problems.filter((problem) => problem.includes('reading-widget:'));
  for (let waited = 0; said().length === 0 && waited < 10_000; waited += 100) await page.waitForTimeout(100);
  // The message, then the placeholder it is about (console.error's second argument).
  assert.deepEqual(
    said().map((message) => message.replace(/ JSHandle@node$/, '')),
    [`console: reading-widget: unknown article 'no-such-article' (404)`],
  );
  // The pre-rendered article stays readable.
  assert.equal(await page.locator('h1.rw-title').count(), 1);

  const failed = await addElement(page, 'no-such-article');
  assert.equal(failed.error, "unknown article 'no-such-article' (404)");
});
