// The release build, loaded for real: `make dist` output served on loopback in headless
// Chromium. wasm-pack test only runs debug builds without wasm-opt, so this is the one test
// that catches a broken release or wasm-opt step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { start, openPage, visibleCount } from './browser.mjs';

// Screenshots for the README land here (git-ignored); copy them to docs/ when the look changes.
const OUTPUT = new URL('./output/', import.meta.url).pathname;

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

test('the demo page mounts the article from its placeholder and toggles', async () => {
  const { page, problems } = await openPage(env.browser, env.base);
  const article = page.locator('[data-reading-widget] article.rw');
  await article.waitFor({ state: 'visible', timeout: 10_000 });

  await assert.doesNotReject(page.locator('h1', { hasText: 'The Ukraine War Could Be the Spark to Restart the Korean War' }).waitFor());
  assert.equal(await page.locator('.loading').count(), 0, 'the loading message is set aside');
  assert.equal(await visibleCount(page, '.rw-summary-list li'), 3);
  assert.equal(await visibleCount(page, '.rw-panel p'), 0);

  await mkdir(OUTPUT, { recursive: true });
  await page.setViewportSize({ width: 900, height: 1100 });
  await page.screenshot({ path: `${OUTPUT}summary.png` });

  const control = page.locator('button.rw-mode');
  assert.equal(await control.innerText(), 'Read the full article · 3 min');
  await control.click();
  assert.equal(await control.getAttribute('aria-expanded'), 'true');
  assert.equal(await control.innerText(), 'Back to the summary');
  assert.equal(await visibleCount(page, '.rw-section-heading'), 4);
  assert.equal(await visibleCount(page, '.rw-panel p'), 12);
  await page.evaluate(() => window.scrollTo(0, document.querySelector('.rw-mode').offsetTop - 24));
  await page.screenshot({ path: `${OUTPUT}full.png` });
  await page.evaluate(() => window.scrollTo(0, 0));

  await page.locator('button[data-rw-section="the-dead-and-the-deserters"]').click();
  assert.equal(await visibleCount(page, '.rw-panel p'), 9);

  await control.click();
  assert.equal(await control.getAttribute('aria-expanded'), 'false');
  assert.equal(await visibleCount(page, '.rw-panel p'), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the API works on the release build: mount, state, bad input, destroy', async () => {
  const { page, problems } = await openPage(env.browser, env.base);
  await page.locator('article.rw').waitFor();
  const result = await page.evaluate(async () => {
    const { ReadingWidget } = await import('./pkg/reading_widget.js');
    const host = document.createElement('div');
    host.textContent = 'placeholder';
    document.body.append(host);
    const before = host.outerHTML;
    const widget = ReadingWidget.mount(host, { mode: 'full' });
    const state = widget.state();
    widget.collapseSection('will-seoul-send-its-forces');
    const collapsed = widget.state().expanded.length;
    let error = null;
    try {
      ReadingWidget.mount(host, { mode: 'sideways' });
    } catch (e) {
      error = [e instanceof Error, e.message];
    }
    widget.destroy();
    return { state, collapsed, error, restored: host.outerHTML === before };
  });
  assert.equal(result.state.mode, 'full');
  assert.equal(result.state.expanded.length, 4);
  assert.equal(result.collapsed, 3);
  assert.deepEqual(result.error, [true, "unknown mode 'sideways'; use 'summary' or 'full'"]);
  assert.equal(result.restored, true);
  assert.deepEqual(problems, []);
  await page.close();
});

test('1,000 mount → toggle → destroy cycles on the release build leave no trace and no growth', async () => {
  const { page, problems } = await openPage(env.browser, env.base);
  await page.locator('article.rw').waitFor();
  const result = await page.evaluate(async () => {
    const module = await import('./pkg/reading_widget.js');
    // init() again only returns the instance the page already started, memory included.
    const { memory } = await module.default();
    const host = document.createElement('div');
    host.innerHTML = '<p>placeholder</p>';
    document.body.append(host);
    const before = host.outerHTML;
    const cycle = () => {
      const widget = module.ReadingWidget.mount(host, { persist: false });
      widget.toggle();
      widget.collapseSection('the-dead-and-the-deserters');
      widget.destroy();
    };
    for (let i = 0; i < 100; i++) cycle();
    const warmed = memory.buffer.byteLength;
    for (let i = 0; i < 900; i++) cycle();
    return { warmed, after: memory.buffer.byteLength, restored: host.outerHTML === before };
  });
  assert.equal(result.after, result.warmed, 'memory grew after warm-up');
  assert.equal(result.restored, true);
  assert.deepEqual(problems, []);
  await page.close();
});
