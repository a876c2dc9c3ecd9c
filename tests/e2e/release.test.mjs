// The release build, loaded for real: `make dist` output served on loopback in headless
// Chromium. wasm-pack test only runs debug builds without wasm-opt, so this is the one test
// that catches a broken release or wasm-opt step. The widget renders into an open shadow root
// on its host: locators pierce it, page code goes through browser.mjs's `inPage`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { start, openPage, inPage, visibleCount, LIVE } from './browser.mjs';

// Screenshots for the README land here (git-ignored); copy them to docs/ when the look changes.
const OUTPUT = new URL('./output/', import.meta.url).pathname;

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

test('the demo page takes over the pre-rendered article in its placeholder and toggles', async () => {
  const { page, problems } = await openPage(env.browser, env.base);
  await page.locator(`reading-widget ${LIVE}`).waitFor({ state: 'visible', timeout: 10_000 });

  await assert.doesNotReject(page.locator('h1', { hasText: 'The Ukraine War Could Be the Spark to Restart the Korean War' }).waitFor());
  // The pre-rendered widget is in the placeholder's declarative shadow root, and only there.
  assert.equal(await page.locator('reading-widget article.rw').count(), 1);
  assert.equal(await page.evaluate(() => document.querySelector('reading-widget').children.length), 0);
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
  await inPage(page, (_, deep) => window.scrollTo(0, deep.one('.rw-mode').offsetTop - 24));
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
  await page.locator(LIVE).waitFor();
  const result = await page.evaluate(async () => {
    const { ReadingWidget } = await import('./pkg/reading_widget.js');
    const host = document.createElement('div');
    host.textContent = 'placeholder';
    document.body.append(host);
    const before = host.outerHTML;
    // What the reader sees of the host: its rendered text (unslotted children render none).
    const shown = () => host.innerText.trim();
    const widget = ReadingWidget.mount(host, { mode: 'full' });
    const mounted = {
      inShadow: host.shadowRoot?.querySelector('article.rw') != null,
      lightDom: host.innerHTML,
      placeholderShown: shown().includes('placeholder'),
    };
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
    return {
      mounted,
      state,
      collapsed,
      error,
      restored: host.outerHTML === before,
      shadowAfter: host.shadowRoot.innerHTML,
      shownAfter: shown(),
    };
  });
  assert.deepEqual(result.mounted, { inShadow: true, lightDom: 'placeholder', placeholderShown: false });
  assert.equal(result.state.mode, 'full');
  assert.equal(result.state.expanded.length, 4);
  assert.equal(result.collapsed, 3);
  assert.deepEqual(result.error, [true, "unknown mode 'sideways'; use 'summary' or 'full'"]);
  assert.equal(result.restored, true);
  // A shadow root cannot be removed: destroy() leaves a default <slot>, which renders the
  // host's own children again.
  assert.equal(result.shadowAfter, '<slot data-reading-widget-slot=""></slot>');
  assert.equal(result.shownAfter, 'placeholder');
  assert.deepEqual(problems, []);
  await page.close();
});

test('1,000 mount → toggle → destroy cycles on the release build leave no trace and no growth', async () => {
  const { page, problems } = await openPage(env.browser, env.base);
  await page.locator(LIVE).waitFor();
  const result = await page.evaluate(async () => {
    const module = await import('./pkg/reading_widget.js');
    const { ReadingWidget } = module;
    // init() again only returns the instance the page already started, its memory included
    // (under a shortened name in the release build: scripts/minify-names.mjs).
    const memory = Object.values(await module.default()).find((value) => value instanceof WebAssembly.Memory);
    // The page's own widget goes first, so the listener count below is the loop's alone.
    const withDemo = ReadingWidget.liveListeners();
    ReadingWidget.get('reading-widget').destroy();
    const withoutDemo = ReadingWidget.liveListeners();
    const host = document.createElement('div');
    host.innerHTML = '<p>placeholder</p>';
    document.body.append(host);
    const before = host.outerHTML;
    const whileMounted = new Set();
    const cycle = () => {
      const widget = ReadingWidget.mount(host, { persist: false });
      widget.toggle();
      widget.collapseSection('the-dead-and-the-deserters');
      whileMounted.add(ReadingWidget.liveListeners());
      widget.destroy();
    };
    const started = performance.now();
    for (let i = 0; i < 100; i++) cycle();
    const warmed = memory.buffer.byteLength;
    for (let i = 0; i < 900; i++) cycle();
    return {
      ms: Math.round(performance.now() - started),
      withDemo,
      withoutDemo,
      whileMounted: [...whileMounted],
      after: ReadingWidget.liveListeners(),
      warmed,
      grown: memory.buffer.byteLength,
      restored: host.outerHTML === before,
      shadow: [...host.shadowRoot.childNodes].map((node) => node.nodeName),
      sheets: host.shadowRoot.adoptedStyleSheets.length,
    };
  });
  console.log(
    `1,000 cycles in ${result.ms} ms; memory ${result.warmed} bytes after warm-up, ${result.grown} after 900 ` +
      `more; listeners: ${result.withDemo} with the demo widget, ${result.withoutDemo} without, ` +
      `${result.whileMounted.length === 1 ? result.whileMounted[0] : 'changing counts'} while mounted, ` +
      `${result.after} after`,
  );
  assert.ok(result.withDemo > 0, `the demo widget holds listeners (${result.withDemo})`);
  assert.equal(result.withoutDemo, 0, 'destroying the demo widget removed its listeners');
  assert.equal(result.whileMounted.length, 1, `one count in every cycle: ${result.whileMounted}`);
  assert.equal(result.whileMounted[0], result.withDemo, 'a mounted widget holds as many as the demo one did');
  assert.equal(result.after, 0, 'listeners left after 1,000 destroy() calls');
  assert.equal(result.grown, result.warmed, 'memory grew after warm-up');
  assert.equal(result.restored, true, 'host.outerHTML is as it was');
  assert.deepEqual(result.shadow, ['SLOT'], 'the shadow root holds only a <slot>');
  assert.equal(result.sheets, 0, 'the stylesheet is no longer adopted');
  assert.deepEqual(problems, []);
  await page.close();
});
