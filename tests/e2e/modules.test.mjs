// One article, one download: `make dist` builds the module once, as a shell with no article,
// and splices each article into a module of its own (src/splice.rs, pkg/articles/<slug>.wasm);
// embed.js loads the one its page names. Checked on the fixture build, whose module holds two
// articles, so that "only its article" is a difference the test can see.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { start, openPreparedPage, LIVE } from './browser.mjs';

const SLUG = 'ukraine-war-korean-war';
const FIXTURE = 'fixture-second-article';
const SITE = new URL('../../target/fixture-dist/', import.meta.url).pathname;

let fixtures;
before(async () => {
  fixtures = await start({ site: 'fixtures' });
});
after(async () => {
  await fixtures?.close();
});

/** The page at `path`, with every WebAssembly module it fetched, by path. */
async function open(path, prepare = async () => {}) {
  const modules = [];
  const { page, problems } = await openPreparedPage(fixtures.browser, `${fixtures.base}${path}`, async (page) => {
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.endsWith('.wasm')) modules.push(url.pathname);
    });
    await prepare(page);
  });
  return { page, problems, modules };
}

const listed = (page) =>
  page.evaluate(async () => {
    const { ReadingWidget } = await import('./pkg/reading_widget.js');
    return ReadingWidget.articles().map((article) => article.slug);
  });

test('a page of one article downloads that article and the shared code, not every article', async (t) => {
  const { page, problems, modules } = await open('index.html');
  t.after(() => page.close());
  await page.locator(LIVE).waitFor({ timeout: 10_000 });
  assert.deepEqual(modules, [`/pkg/articles/${SLUG}.wasm`]);
  assert.deepEqual(await listed(page), [SLUG], 'the module holds the one article');
  await page.locator('button.rw-mode').click();
  assert.equal(await page.locator('button.rw-mode').getAttribute('aria-expanded'), 'true');
  assert.deepEqual(problems, []);

  // And it is smaller by the other article: what a reader of this page no longer pays for.
  const own = (await stat(`${SITE}pkg/articles/${SLUG}.wasm`)).size;
  const every = (await stat(`${SITE}pkg/reading_widget_bg.wasm`)).size;
  const other = (await stat(`${SITE}pkg/articles/${FIXTURE}.wasm`)).size;
  assert.ok(own < every && other < every, `${own} and ${other} bytes, against ${every} with both`);
});

test('a page of several articles, or a script of its own, gets the module of every article', async (t) => {
  const { page, problems, modules } = await open('several.html');
  t.after(() => page.close());
  await page.locator(`#reader-${FIXTURE} ${LIVE}`).waitFor({ timeout: 10_000 });
  assert.deepEqual(modules, ['/pkg/reading_widget_bg.wasm']);
  assert.deepEqual(await listed(page), [SLUG, FIXTURE]);
  assert.deepEqual(problems, []);
});

test('a placeholder naming an article with no module of its own falls back to every article, and says which exist', async (t) => {
  const html = (await readFile(`${SITE}index.html`, 'utf8')).replace(`data-reading-widget="${SLUG}"`, 'data-reading-widget="no-such-article"');
  assert.match(html, /data-reading-widget="no-such-article"/);
  const { page, problems, modules } = await open('index.html', (page) =>
    page.route('**/index.html', (route) => route.fulfill({ contentType: 'text/html', body: html })),
  );
  t.after(() => page.close());
  const said = () => problems.filter((problem) => problem.includes('reading-widget:'));
  for (let waited = 0; said().length === 0 && waited < 10_000; waited += 100) await page.waitForTimeout(100);
  assert.deepEqual(modules, ['/pkg/articles/no-such-article.wasm', '/pkg/reading_widget_bg.wasm']);
  // The message, then the placeholder it is about (console.error's second argument).
  assert.deepEqual(
    said().map((message) => message.replace(/ JSHandle@node$/, '')),
    [`console: reading-widget: unknown article 'no-such-article'; the compiled-in articles are: ${SLUG}, ${FIXTURE}`],
  );
  // The pre-rendered article stays readable.
  assert.equal(await page.locator('h1.rw-title').count(), 1);
});
