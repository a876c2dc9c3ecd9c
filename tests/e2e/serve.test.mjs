// `make serve`'s editor loop (scripts/watch.mjs), in headless Chromium: an article edited in a
// temporary copy of content/ while the page is open reloads with the new text; a broken field
// shows an overlay naming the file and line, accessible and within strict.html's CSP; fixing it
// removes the overlay. And nothing of serve mode is in dist/ or the npm package.
// The time from a save to the reloaded page is measured by bench/serve.mjs, not here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { LIVE } from './browser.mjs';
import { startServe } from './serving.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let serving;
before(async () => {
  serving = await startServe();
});
after(async () => {
  await serving?.close();
});

/** The text of every summary bullet of the widget on `page`. */
function bullets(page) {
  return page.locator('.rw-summary-list li').allTextContents();
}

test('a saved edit reloads the open page with the new text; a broken field shows an accessible overlay with its line, and fixing it removes it', async (t) => {
  const { page, file, problems } = await serving.open(t, 'index.html');
  const original = await readFile(file, 'utf8');
  const [first] = await bullets(page);
  assert.ok(first.length > 0, 'the page shows the summary');

  // One word changed, saved three times within a second, once as most editors save (a new file
  // renamed over the old): one rebuild, and the page reloads with it.
  const builds = () => Number(serving.output().match(/\(build (\d+)\)/g)?.at(-1)?.match(/\d+/)[0] ?? 0);
  const before = builds();
  const edited = original.replace(/^- \S+/m, '- Reportedly,');
  assert.notEqual(edited, original);
  await writeFile(file, edited);
  await new Promise((done) => setTimeout(done, 450));
  await writeFile(`${file}.new`, edited);
  await rename(`${file}.new`, file);
  await new Promise((done) => setTimeout(done, 450));
  await writeFile(file, edited);
  await page.waitForFunction(() => {
    const root = document.querySelector('reading-widget')?.shadowRoot;
    return root?.querySelector('.rw-summary-list li')?.textContent.startsWith('Reportedly,');
  }, null, { timeout: 30_000 });
  await page.locator(LIVE).waitFor();
  await new Promise((done) => setTimeout(done, 1_000));
  assert.equal(builds(), before + 1, `one rebuild for three saves:\n${serving.output()}`);

  // A broken date: the last good page stays, under an overlay naming the file and the line.
  await writeFile(file, edited.replace(/^date = (\d{4}-\d{2}-\d{2})$/m, 'date = "$1"'));
  const overlay = page.locator('dialog.serve-overlay');
  await overlay.waitFor({ timeout: 30_000 });
  assert.equal(await overlay.getAttribute('open'), '', 'shown');
  assert.match(await overlay.locator('h2').textContent(), /^The last build failed: 1 problem$/);
  const item = await overlay.locator('li').textContent();
  assert.ok(item.includes(`${file}:4:8`), item);
  assert.match(item, /'date' must be a date written as YYYY-MM-DD without quotes/);
  assert.match(item, /Fix: write it like date = 2024-10-23/);
  assert.ok((await bullets(page))[0].startsWith('Reportedly,'), 'the last good article is still there');
  const axe = await new AxeBuilder({ page }).include('dialog.serve-overlay').analyze();
  assert.deepEqual(axe.violations.map((v) => v.id), [], 'axe-core finds nothing in the overlay');
  // A page opened now shows it too.
  const { page: later } = await serving.open(t, 'index.html');
  await later.locator('dialog.serve-overlay').waitFor({ timeout: 10_000 });

  // Fixed: the overlay goes, with the next build.
  await writeFile(file, original);
  await page.waitForFunction(() => !document.querySelector('dialog.serve-overlay'), null, { timeout: 30_000 });
  await page.locator(LIVE).waitFor();
  assert.equal((await bullets(page))[0], first);
  assert.deepEqual(problems, []);
});

test("under strict.html's Content Security Policy the overlay shows, with no violation", async (t) => {
  const { page, file } = await serving.open(t, 'strict.html');
  const original = await readFile(file, 'utf8');
  t.after(() => writeFile(file, original));
  await writeFile(file, original.replace(/^date = (\d{4}-\d{2}-\d{2})$/m, 'date = "$1"'));
  await page.locator('dialog.serve-overlay').waitFor({ timeout: 30_000 });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.cspViolations), '0');
  assert.deepEqual(await page.evaluate(() => window.cspViolations ?? []), []);
  await writeFile(file, original);
  await page.waitForFunction(() => !document.querySelector('dialog.serve-overlay'), null, { timeout: 30_000 });
});

/** Resolves once `check()` is true, polling for up to 30 s. */
async function until(check, what) {
  const end = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what}, within 30 s:\n${serving.output()}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

test('an article added while serving is built in, and with several the start page is articles.html', async (t) => {
  const added = join(serving.content, 'fixture-second-article.md');
  t.after(() => rm(added, { force: true }));
  const start = () => fetch(serving.base, { redirect: 'manual' });
  assert.equal((await start()).status, 200, 'one article: the demo page');
  await cp(join(ROOT, 'tests/fixtures/content/fixture-second-article.md'), added);
  await until(async () => (await start()).status === 302, 'the start page did not become articles.html');
  assert.equal((await start()).headers.get('location'), '/articles.html');
  const { page } = await serving.open(t, '');
  assert.equal(new URL(page.url()).pathname, '/articles.html');
  assert.deepEqual(await page.locator('article.index-entry code').allTextContents(), ['fixture-second-article', 'ukraine-war-korean-war']);
  await rm(added);
  await until(async () => (await start()).status === 200, 'the start page did not come back');
});

test('nothing of serve mode is in dist/ or in the npm package', async () => {
  const found = [];
  const walk = async (dir) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if ((await readFile(path)).includes('__serve')) found.push(path);
    }
  };
  await walk(join(ROOT, 'dist'));
  // The npm package is dist/pkg with its own package.json and README (scripts/package.mjs).
  const files = JSON.parse(await readFile(join(ROOT, 'dist/pkg/package.json'), 'utf8')).files ?? [];
  assert.ok(!files.some((name) => name.includes('serve')), `package files: ${files}`);
  assert.deepEqual(found, []);
});
