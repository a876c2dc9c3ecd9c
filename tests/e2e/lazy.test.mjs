// <reading-widget loading="lazy">, pre-rendered: the module and the article are fetched at the
// first of these: the widget comes near the viewport, the reader focuses or presses inside it,
// or the URL names one of its sections or a text fragment. Until then nothing is downloaded,
// and the pre-rendered article is the page's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { start, articlePath, LIVE } from './browser.mjs';

const SLUG = 'ukraine-war-korean-war';
const SECTION = 'the-dead-and-the-deserters';
const DIST = new URL('../../dist/', import.meta.url).pathname;
/** What the widget downloads: the glue, the code module, an article. */
const WIDGET_FILES = /^\/pkg\/(reading_widget\.[0-9a-f]{16}\.(js|wasm)|articles\/.*\.bin)$/;

let site;
before(async () => {
  site = await start();
});
after(async () => {
  await site?.close();
});

/**
 * A page with the publisher fragment, made lazy, under `above` of text, opened at `hash`.
 * `hold`, when given, is a promise the glue's response waits for.
 */
async function open(t, { above = '300vh', hash = '', hold } = {}) {
  // Made lazy as docs/src/embedding.md "The element" says: the attribute added, the preload links (which would start
  // the downloads at once) taken out.
  const served = await readFile(`${DIST}embed/${SLUG}.html`, 'utf8');
  const fragment = served
    .replace(`<reading-widget article="${SLUG}">`, `<reading-widget article="${SLUG}" loading="lazy">`)
    .replace(/<link rel="(module)?preload"[^>]*>/g, '');
  assert.match(fragment, /<reading-widget article="[^"]+" loading="lazy"><template shadowrootmode="open">/);
  assert.equal(served.match(/<link rel="(module)?preload"/g)?.length, 3, 'the fragment preloads the glue, the code and the article');
  const page = await site.browser.newPage();
  t.after(() => page.close());
  const problems = [];
  page.on('console', (message) => ['error', 'warning'].includes(message.type()) && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  await page.route('**/lazy.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>lazy</title></head>
<body><p style="height: ${above}">Above the widget.</p>${fragment}</body></html>`,
    }),
  );
  if (hold) await page.route(/reading_widget\.[0-9a-f]{16}\.js$/, async (route) => (await hold, route.continue()));
  // The nodes the HTML parser made, noted before any script of the page runs.
  await page.addInitScript(() =>
    document.addEventListener('readystatechange', () => {
      window.__served ??= document.querySelector('reading-widget')?.shadowRoot?.querySelector('article.rw');
    }),
  );
  const from = site.requests.length;
  await page.goto(`${site.base}lazy.html${hash}`);
  await page.evaluate(() => customElements.whenDefined('reading-widget'));
  const fetched = () => site.requests.slice(from).map(({ path }) => path).filter((path) => WIDGET_FILES.test(path));
  return { page, problems, fetched };
}

/** The element's `ready`, or 'pending' if it has not settled within `ms`. */
const readyWithin = (page, ms) =>
  page.evaluate(
    (ms) =>
      Promise.race([
        document.querySelector('reading-widget').ready.then((state) => state.mode),
        new Promise((resolve) => setTimeout(() => resolve('pending'), ms)),
      ]),
    ms,
  );

/** Whether the widget's root is still the node the parser made. */
const sameNodes = (page) =>
  page.evaluate(() => document.querySelector('reading-widget').shadowRoot.querySelector('article.rw') === window.__served);

test('a lazy widget the reader never scrolls to downloads no code and no article; scrolled to, it is taken over in place', async (t) => {
  const { page, problems, fetched } = await open(t);
  assert.equal(await readyWithin(page, 1500), 'pending');
  assert.deepEqual(fetched(), [], 'nothing of the widget was downloaded');
  // Readable as it was served, and its heading is on the page.
  assert.equal(await page.locator('reading-widget h1.rw-title').count(), 1);

  await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
  assert.equal(await readyWithin(page, 10_000), 'summary');
  assert.equal(fetched().filter((path) => path.endsWith('.wasm')).length, 1, `${fetched()}`);
  assert.ok(fetched().includes(articlePath(SLUG)), `${fetched()}`);
  assert.equal(await sameNodes(page), true);
  assert.deepEqual(problems, []);
});

test('a lazy widget within a viewport of the fold loads at once; one far below does not until it comes near', async (t) => {
  const near = await open(t, { above: '150vh' });
  assert.equal(await readyWithin(near.page, 10_000), 'summary', 'within one viewport of the fold');
  const far = await open(t, { above: '250vh' });
  assert.equal(await readyWithin(far.page, 1000), 'pending');
  await far.page.evaluate(() => scrollTo(0, innerHeight * 0.6));
  assert.equal(await readyWithin(far.page, 10_000), 'summary', 'scrolled to within a viewport of it');
  assert.deepEqual([...near.problems, ...far.problems], []);
});

test('a lazy widget whose native disclosure the reader opens before the module arrives keeps it open', async (t) => {
  let release;
  const hold = new Promise((resolve) => (release = resolve));
  const { page, problems, fetched } = await open(t, { hold });
  assert.deepEqual(fetched(), []);
  // The click scrolls to the widget and presses inside it: both start the module, held here.
  await page.locator('reading-widget details.rw-more > summary').click();
  assert.equal(await page.locator('reading-widget details.rw-more').evaluate((details) => details.open), true);
  assert.equal(await readyWithin(page, 500), 'pending', 'the module is held back');
  release();
  assert.equal(await readyWithin(page, 10_000), 'full', 'what the reader opened is the state');
  assert.equal(await page.locator('reading-widget button.rw-mode').getAttribute('aria-expanded'), 'true');
  assert.equal(await sameNodes(page), true);
  assert.deepEqual(problems, []);
});

test('a lazy widget loads when the reader tabs into it', async (t) => {
  const { page, problems } = await open(t);
  assert.equal(await readyWithin(page, 500), 'pending');
  // Focus inside its shadow root, as Tab would put it there, but without scrolling: the focus
  // alone must bring the module, not the widget coming near.
  await page.evaluate(() =>
    document.querySelector('reading-widget').shadowRoot.querySelector('details.rw-more > summary').focus({ preventScroll: true }),
  );
  assert.equal(await page.evaluate(() => scrollY), 0, 'still at the top of the page');
  assert.equal(await readyWithin(page, 10_000), 'summary');
  assert.deepEqual(problems, []);
});

test('a lazy widget loads when the URL names one of its sections, at load or later, and opens it', async (t) => {
  const opened = await open(t, { hash: `#${SECTION}` });
  assert.equal(await readyWithin(opened.page, 10_000), 'full', 'opened at the section');
  assert.equal(
    await opened.page.locator(`reading-widget [data-rw-section="${SECTION}"]`).evaluate((button) => button.getBoundingClientRect().top < innerHeight),
    true,
    'scrolled to the section',
  );
  const later = await open(t);
  assert.equal(await readyWithin(later.page, 500), 'pending');
  await later.page.evaluate((section) => (location.hash = section), SECTION);
  assert.equal(await readyWithin(later.page, 10_000), 'full', 'a link to the section, followed later');
  const other = await open(t, { hash: '#no-such-section' });
  assert.equal(await readyWithin(other.page, 1000), 'pending', 'a fragment that names nothing in it');
  assert.deepEqual([...opened.problems, ...later.problems, ...other.problems], []);
});

test('a lazy widget loads when a text fragment names words in its folded full text', async (t) => {
  const { page, problems } = await open(t, { hash: '#:~:text=Park%20Sun%2Dwon' });
  assert.equal(await readyWithin(page, 10_000), 'full', 'the browser scrolled to the words; the module came');
  assert.deepEqual(problems, []);
});

test('a lazy widget removed before it loaded downloads nothing and holds no observer', async (t) => {
  const { page, problems, fetched } = await open(t);
  await page.evaluate(() => document.querySelector('reading-widget').remove());
  // Where it was is in view now; nothing there to load.
  await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
  await page.evaluate(() => (location.hash = 'the-dead-and-the-deserters'));
  await page.waitForTimeout(1000);
  assert.deepEqual(fetched(), []);
  assert.deepEqual(problems, []);
});
