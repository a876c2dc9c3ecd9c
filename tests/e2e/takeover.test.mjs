// The pre-rendered article and the module's take-over, on the release build (`make dist`) in
// Debian's headless Chromium. What a reader gets before and without the module: every word,
// styled, under the strict CSP too; with JavaScript off, with WebAssembly refused or missing,
// and with the module held back 2 s (text first, then the same nodes taken over, and nothing
// on the page moving: cumulative layout shift 0 on a phone and a desktop viewport). Markup the
// module would not render is reported once and rendered afresh.
//
// Pages are the built dist/ pages; a variant (another CSP, edited markup) is the same file
// served through a route, so it stays same-origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import { start, openPreparedPage, inPage } from './browser.mjs';

const ARTICLE = await readFile(new URL('../../content/ukraine-war-korean-war.md', import.meta.url), 'utf8');
/** The body's paragraphs and bullets, straight from the Markdown (the `- ` lines are bullets). */
const BODY = ARTICLE.split('+++')[2].split('\n').map((line) => line.trim()).filter(Boolean);
const PARAGRAPHS = BODY.filter((line) => !line.startsWith('- ') && !line.startsWith('## '));
const BULLETS = BODY.filter((line) => line.startsWith('- ')).map((line) => line.slice(2));
const TITLE = /^title = "(.*)"$/m.exec(ARTICLE)[1];
/** Markdown's emphasis and links as the reader sees them. */
const plain = (markdown) => markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]/g, '');

// Screenshots for the README land here (git-ignored); copy them to docs/ when the look changes.
const OUTPUT = new URL('./output/', import.meta.url).pathname;

const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1350, height: 940 },
];
const HOLD_MS = 2000;
// The module a page loads: its article's own (pkg/articles/<slug>.wasm), or every article's.
const WASM = '**/pkg/**/*.wasm';
/** docs/src/csp.md's policy without 'wasm-unsafe-eval': a page that refuses WebAssembly. */
const NO_WASM_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** Records layout shifts and the widget's ready event from before the page's first byte. */
function watch(page) {
  return page.addInitScript(() => {
    window.layoutShifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (!entry.hadRecentInput) window.layoutShifts.push(entry.value);
      }
    }).observe({ type: 'layout-shift', buffered: true });
    document.addEventListener('readingwidget:ready', () => {
      window.readyAt = performance.now();
    });
  });
}

/** The module's download, held back `ms` milliseconds. */
function holdBack(page, ms) {
  return page.route(WASM, async (route) => {
    await new Promise((done) => setTimeout(done, ms));
    await route.continue();
  });
}

/** `path` of dist/ served with its body passed through `edit`, and extra response headers. */
function serveEdited(page, path, { edit = (body) => body, headers = {} } = {}) {
  return page.route(`${env.base}${path}`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: edit(await response.text()), headers: { ...response.headers(), ...headers } });
  });
}

/** What the reader can see of the article: texts of the visible elements, by kind. */
function readable(page) {
  return inPage(page, (_, deep) => {
    const shown = (selector) =>
      deep.all(selector).filter((element) => element.checkVisibility({ visibilityProperty: true }));
    const seen = (selector) => shown(selector).map((element) => element.textContent.trim());
    return {
      title: seen('h1.rw-title'),
      bullets: seen('.rw-summary-list li'),
      paragraphs: seen('.rw-panel p'),
      // Buttons that can be used: a disabled one is a heading's text until the module runs.
      buttons: shown('button')
        .filter((button) => !button.disabled)
        .map((button) => button.innerText.trim()),
      anchors: seen('a.rw-anchor'),
      hasShadowRoot: document.querySelector('reading-widget')?.shadowRoot != null,
    };
  });
}

/** Opens the no-JS disclosure: the native <summary> of the full text, clicked like a reader. */
async function openDisclosure(page) {
  await page.locator('summary.rw-more-summary').click();
}

test('with JavaScript off, the page shows the article styled, and every paragraph is one native click away', async (t) => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(env.base);
  const before = await readable(page);
  assert.equal(before.hasShadowRoot, true, 'the declarative shadow root is parsed with no script');
  assert.deepEqual(before.title, [TITLE]);
  assert.deepEqual(before.bullets, BULLETS.map(plain));
  assert.deepEqual(before.paragraphs, [], 'the full text waits behind its disclosure, as the summary view');
  assert.deepEqual(before.buttons, [], 'no button that needs the module is shown');
  assert.deepEqual(before.anchors, []);
  // Styled from the linked stylesheet: the disclosure looks like the widget's control.
  const look = await page.locator('summary.rw-more-summary').evaluate((summary) => {
    const style = getComputedStyle(summary);
    return { radius: style.borderRadius, marker: style.display };
  });
  assert.equal(look.radius, '999px');
  assert.equal(look.marker, 'inline-flex');
  // For the README: what a reader without JavaScript sees.
  await mkdir(OUTPUT, { recursive: true });
  await page.setViewportSize({ width: 900, height: 1100 });
  await page.screenshot({ path: `${OUTPUT}no-javascript.png` });
  await openDisclosure(page);
  const after = await readable(page);
  assert.deepEqual(after.paragraphs, PARAGRAPHS.map(plain), 'every paragraph, in order');
  assert.deepEqual(after.buttons, [], 'section headings are text: their buttons are disabled until the module');
});

test('with JavaScript off, print shows every paragraph and no control', async (t) => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(env.base);
  await page.emulateMedia({ media: 'print' });
  const printed = await readable(page);
  assert.deepEqual(printed.paragraphs, PARAGRAPHS.map(plain), 'the closed <details> prints its content');
  assert.deepEqual(printed.bullets, BULLETS.map(plain));
  const summaryShown = await page.locator('summary.rw-more-summary').evaluate((summary) => summary.checkVisibility());
  assert.equal(summaryShown, false, 'no disclosure on paper');
});

test('without the module, axe-core finds no violations in the pre-rendered article, closed and open', async (t) => {
  // The markup a reader without JavaScript gets, with the module's download refused: axe needs
  // the page's scripts (it hangs with JavaScript off), and a context of its own.
  const context = await env.browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  await page.route(WASM, (route) => route.abort());
  const warned = new Promise((done) => page.on('console', (message) => message.text().startsWith('reading-widget:') && done()));
  await page.goto(env.base);
  await warned;
  for (const state of ['closed', 'open']) {
    if (state === 'open') await openDisclosure(page);
    const { violations, passes } = await new AxeBuilder({ page })
      .include({ fromShadowDom: ['reading-widget', 'article.rw'] })
      .analyze();
    const contrastChecked = passes.find((rule) => rule.id === 'color-contrast')?.nodes.length ?? 0;
    assert.ok(contrastChecked > 5, `axe checked the contrast of ${contrastChecked} elements`);
    assert.deepEqual(
      violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`),
      [],
      `disclosure ${state}`,
    );
  }
});

test('with JavaScript off, a text fragment opens the native disclosure at its words', async (t) => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(`${env.base}#:~:text=Park%20Sun%2Dwon`);
  await page.waitForFunction(() => document.querySelector('reading-widget').shadowRoot.querySelector('details').open, null, { timeout: 5000 });
  const { paragraphs } = await readable(page);
  assert.equal(paragraphs.length, PARAGRAPHS.length);
});

for (const [name, prepare] of [
  ['refused by the CSP (no wasm-unsafe-eval)', (page) => serveEdited(page, '', { headers: { 'content-security-policy': NO_WASM_POLICY } })],
  ['missing', (page) => page.addInitScript(() => delete globalThis.WebAssembly)],
]) {
  test(`with WebAssembly ${name}, the pre-rendered article stays, and the console says so once`, async (t) => {
    const messages = [];
    const { page, problems } = await openPreparedPage(env.browser, env.base, async (page) => {
      page.on('console', (message) => messages.push(message.text()));
      await prepare(page);
    });
    t.after(() => page.close());
    await page.waitForFunction(() => performance.now() > 1500);
    const ours = messages.filter((text) => text.startsWith('reading-widget:'));
    assert.equal(ours.length, 1, `one message of ours: ${JSON.stringify(messages)}`);
    assert.match(ours[0], /^reading-widget: the module could not start \(.+\)$/);
    assert.deepEqual(problems.filter((problem) => problem.startsWith('page error')), [], 'no uncaught error');
    const seen = await readable(page);
    assert.deepEqual(seen.title, [TITLE]);
    assert.deepEqual(seen.bullets, BULLETS.map(plain));
    assert.deepEqual(seen.buttons, []);
    await openDisclosure(page);
    assert.deepEqual((await readable(page)).paragraphs, PARAGRAPHS.map(plain));
  });
}

/** Marks the article's text elements, in the page, so the same objects can be found later. */
function markTextElements(page) {
  return inPage(page, (_, deep) => {
    const elements = deep.all('h1, .rw p, .rw li');
    elements.forEach((element, i) => (element.rwMark = i));
    return elements.length;
  });
}

/** How many of the marked elements are still the ones on the page, in order. */
function marksFound(page) {
  return inPage(page, (_, deep) => deep.all('h1, .rw p, .rw li').filter((element, i) => element.rwMark === i).length);
}

for (const viewport of VIEWPORTS) {
  test(`module held back ${HOLD_MS} ms at ${viewport.width}×${viewport.height}: text first, the same nodes taken over, no layout shift`, async (t) => {
    const { page, problems } = await openPreparedPage(env.browser, env.base, async (page) => {
      await page.setViewportSize(viewport);
      await watch(page);
      await holdBack(page, HOLD_MS);
    });
    t.after(() => page.close());
    await page.locator('h1.rw-title').waitFor({ state: 'visible', timeout: 1000 });
    const early = await readable(page);
    assert.equal(await page.evaluate(() => window.readyAt), undefined, 'the module has not run yet');
    assert.deepEqual(early.title, [TITLE]);
    assert.deepEqual(early.bullets, BULLETS.map(plain));
    const marked = await markTextElements(page);
    assert.ok(marked > 15, `marked ${marked} text elements`);
    // Below the fold too: a shift there is not counted by the browser until scrolled to, but
    // the next story under the widget would still jump.
    const hostHeight = () => page.locator('reading-widget').evaluate((host) => host.getBoundingClientRect().height);
    const heightBefore = await hostHeight();

    await page.waitForFunction(() => window.readyAt !== undefined, null, { timeout: 10_000 });
    // Two frames and a pause: any shift the take-over caused has been laid out and reported.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 300)))));
    assert.equal(await marksFound(page), marked, 'every text element is the node the page was served with');
    const shifts = await page.evaluate(() => window.layoutShifts);
    assert.deepEqual(shifts, [], 'cumulative layout shift 0');
    assert.equal(await hostHeight(), heightBefore, 'the widget is as tall as the page served it');
    const live = await readable(page);
    assert.deepEqual(live.buttons.slice(0, 2), ['What You Need to Know', 'Read the full article · 3 min'], 'the controls appeared');
    await page.locator('button.rw-mode').click();
    assert.equal((await readable(page)).paragraphs.length, PARAGRAPHS.length);
    assert.deepEqual(problems, []);
  });
}

test('strict.html is styled before the module, and neither it nor the take-over breaks the policy', async (t) => {
  const { page, problems } = await openPreparedPage(env.browser, `${env.base}strict.html`, async (page) => {
    await watch(page);
    await holdBack(page, 1000);
  });
  t.after(() => page.close());
  await page.locator('summary.rw-more-summary').waitFor({ state: 'visible', timeout: 1000 });
  const styled = await page.locator('summary.rw-more-summary').evaluate((summary) => getComputedStyle(summary).borderRadius);
  assert.equal(styled, '999px', 'the linked stylesheet applies inside the declarative shadow root');
  assert.equal(await page.evaluate(() => window.readyAt), undefined);
  await page.waitForFunction(() => window.readyAt !== undefined, null, { timeout: 10_000 });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.cspViolations), '0');
  // Styled by its own <link> before the module came, the taken-over root adopts no second copy.
  const sheets = await page.locator('reading-widget').first().evaluate((host) => [host.shadowRoot.styleSheets.length, host.shadowRoot.adoptedStyleSheets.length]);
  assert.deepEqual(sheets, [1, 0], 'one linked stylesheet, none adopted');
  assert.deepEqual(problems, []);
});

/** The start of a paragraph from the article, as the warning quotes this module's text. */
const EDITED = plain(PARAGRAPHS[3]).slice(0, 40);
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The pre-rendered markup inside the page's first template, edited by `edit`. */
const editMarkup = (edit) => (html) =>
  html.replace(/(<template shadowrootmode="open">)([\s\S]*?)(<\/template>)/, (_, open, markup, close) => open + edit(markup) + close);

for (const [name, edit, reason] of [
  [
    'an edited paragraph',
    (markup) => markup.replace(`<p>${EDITED}`, `<p>X${EDITED}`),
    new RegExp(`the page has "X${escapeRegExp(EDITED)}.* where this module has "${escapeRegExp(EDITED)}`),
  ],
  [
    'a missing section',
    (markup) => markup.replace(/<section class="rw-section"[\s\S]*?<\/section>/, ''),
    // The second section is where the first should be: its button's id is the first difference.
    // Both ids quoted, and not the same one.
    /the page has "id="(rwp1-h-[a-z0-9-]+)".* where this module has "id="(?!\1")rwp1-h-[a-z0-9-]+"/,
  ],
  ['a build of another version', (markup) => markup.replace(/data-rw-build="[0-9a-f]+"/, 'data-rw-build="0000000000000000"'), /pre-rendered by another build \(0000000000000000/],
]) {
  test(`${name} in the page is reported once and rendered afresh`, async (t) => {
    const warnings = [];
    const { page, problems } = await openPreparedPage(env.browser, env.base, async (page) => {
      page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
      await watch(page);
      await serveEdited(page, '', { edit: editMarkup(edit) });
    });
    t.after(() => page.close());
    await page.waitForFunction(() => window.readyAt !== undefined, null, { timeout: 10_000 });
    assert.equal(warnings.length, 1, JSON.stringify(warnings));
    assert.match(warnings[0], /^reading-widget: the pre-rendered article does not match this module, so it is rendered afresh: /);
    assert.match(warnings[0], reason);
    // The widget is the module's own: its ids, every section, and it works.
    const prefix = await page.locator('article.rw').getAttribute('aria-labelledby');
    assert.match(prefix, /^rw\d+-title$/);
    assert.equal(await page.locator('article.rw').count(), 1, 'never two, never half of one');
    assert.equal(await page.locator('button[data-rw-section]').count(), BODY.filter((line) => line.startsWith('## ')).length);
    await page.locator('button.rw-mode').click();
    assert.equal((await readable(page)).paragraphs.length, PARAGRAPHS.length);
    assert.deepEqual(problems, []);
  });
}
