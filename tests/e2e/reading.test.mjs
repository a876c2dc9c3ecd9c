// The reading experience, proven on the release build (`make dist`) in Debian's
// headless Chromium: accessibility, the keyboard, find-in-page, deep links, print, motion,
// persistence, RTL and the README screenshots. Every check is what a reader would notice (what
// is visible, where focus is, what is announced), never the widget's internals.
//
// The widget renders into an open shadow root on its host: locators pierce it, and code that
// runs in the page looks through `inPage`'s `deep` helpers (browser.mjs), never through
// `document.querySelector`, `document.activeElement` or `document.getAnimations()` alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import { start, openPage, openPreparedPage, inPage, settle, visibleCount, LIVE } from './browser.mjs';

const OUTPUT = new URL('./output/', import.meta.url).pathname;
const SLUG = 'ukraine-war-korean-war';
const SECTIONS = [
  'the-korean-war-could-reignite-in-ukraine',
  'the-dead-and-the-deserters',
  'did-north-korea-fall-for-a-putin-trap',
  'will-seoul-send-its-forces',
];
const PARAGRAPHS = 12; // in all four sections, as content/ukraine-war-korean-war.md has them
const MODE = 'button.rw-mode';
const ALL = 'button.rw-all';
/** What the reader sees once the full text is open with every section unfolded. */
const FULL_AND_ALL_OPEN = { mode: 'full', control: 'true', sections: ['true', 'true', 'true', 'true'] };
const sectionButton = (id) => `button[data-rw-section="${id}"]`;

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** The demo page, once the widget has replaced its placeholder; `owner` may be a context. */
async function openDemo(url = env.base, owner = env.browser) {
  const opened = await openPage(owner, url);
  await opened.page.locator(LIVE).waitFor({ timeout: 10_000 });
  return opened;
}

/**
 * A bare page that mounts one widget through the JavaScript API and keeps its handle in
 * `window.widget`, so a test can compare `state()` with what the reader sees. Served from the
 * same origin as dist/ (a route, not a file: dist/ is build output). `setup` runs right after
 * mounting, before the browser looks at the URL's fragment. `shadow: false` mounts it in the
 * light DOM.
 */
async function openApiPage(hash = '', setup = '', { shadow = true } = {}) {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>API host</title></head>
<body><main><div id="reader"></div></main><script type="module">
import init, { ReadingWidget } from './pkg/reading_widget.js';
await init();
window.widget = ReadingWidget.mount('#reader', { persist: false, shadow: ${shadow} });
${setup}
</script></body></html>`;
  const opened = await openPreparedPage(env.browser, `${env.base}api-host.html${hash}`, (page) =>
    page.route('**/api-host.html', (route) => route.fulfill({ contentType: 'text/html', body })),
  );
  await opened.page.waitForFunction(() => window.widget, null, { timeout: 10_000 });
  return opened;
}

/** visibleCount, once every transition (nested ones too) is over (see browser.mjs's settle). */
async function shownCount(page, selector) {
  await settle(page);
  return visibleCount(page, selector);
}

/** What the reader sees of the widget's state: the mode and each section button's aria-expanded. */
function shownState(page) {
  return inPage(
    page,
    ([mode, sections], deep) => ({
      mode: deep.one('article.rw').dataset.mode,
      control: deep.one(mode).getAttribute('aria-expanded'),
      sections: sections.map((id) => deep.one(`[data-rw-section="${id}"]`).getAttribute('aria-expanded')),
    }),
    [MODE, SECTIONS],
  );
}

/** How many paragraphs of one section's panel (found through its button's aria-controls) show. */
async function visibleParagraphsOf(page, id) {
  await settle(page);
  return inPage(
    page,
    (selector, deep) => {
      // aria-controls names an id in the button's own tree: its shadow root.
      const button = deep.one(selector);
      const panel = button.getRootNode().getElementById(button.getAttribute('aria-controls'));
      return [...panel.querySelectorAll('p')].filter((p) => p.checkVisibility()).length;
    },
    sectionButton(id),
  );
}

/** As a reader would: open the full text, fold these sections, and go back to the summary. */
async function foldThenSummary(page, ...ids) {
  await page.locator(MODE).click();
  for (const id of ids) await page.locator(sectionButton(id)).click();
  await page.locator(MODE).click();
}

/** The section is open, all 3 of its paragraphs show, and it starts in the top half of the view. */
async function assertOpenNearTop(page, id) {
  assert.equal((await shownState(page)).sections[SECTIONS.indexOf(id)], 'true');
  assert.equal(await visibleParagraphsOf(page, id), 3);
  const { top, viewport } = await sectionTop(page, id);
  assert.ok(top >= 0 && top < viewport / 2, `the section starts at ${top}px in a ${viewport}px viewport`);
}

/** Where a section starts, relative to the viewport. */
function sectionTop(page, id) {
  return inPage(
    page,
    (selector, deep) => ({
      top: deep.one(selector).closest('section').getBoundingClientRect().top,
      viewport: innerHeight,
    }),
    sectionButton(id),
  );
}

/**
 * The focused element, named the way the assertions talk about it, with its outline. Inside a
 * shadow root, `document.activeElement` is only the host: the element itself is the shadow
 * root's `activeElement`.
 */
function focused(page) {
  return inPage(page, (_, deep) => {
    const element = deep.active();
    const style = getComputedStyle(element);
    let name = element.tagName.toLowerCase();
    // The controls, known by their classes (the widget's parts carry no action strings).
    if (element.dataset.rwSection) name = `section:${element.dataset.rwSection}`;
    else if (element.classList.contains('rw-mode')) name = 'mode';
    else if (element.classList.contains('rw-all')) name = 'all';
    else if (element.parentElement?.classList.contains('rw-summary-heading')) name = 'summary';
    else if (element.classList.contains('rw-anchor')) name = `anchor:${element.getAttribute('href')}`;
    return { name, outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) };
  });
}

/** A keyboard user must see where focus is: a real outline, at least 2px wide. */
function assertFocusRing(focus) {
  assert.notEqual(focus.outlineStyle, 'none', `no focus outline on ${focus.name}`);
  assert.ok(focus.outlineWidth >= 2, `focus outline on ${focus.name} is ${focus.outlineWidth}px`);
}

/** axe's findings, readable in a failed assertion. */
function describeViolations(violations) {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .map((node) => `    ${node.target.join(' ')}\n      ${node.failureSummary.replaceAll('\n', '\n      ')}`)
        .join('\n');
      return `  ${violation.id} (${violation.impact}): ${violation.help}\n${nodes}`;
    })
    .join('\n');
}

// 1. axe-core on the widget alone (the demo page around it is not ours to audit), reached in
// its shadow root with axe's `fromShadowDom` selector.
const WIDGET_ROOT = { fromShadowDom: ['reading-widget', 'article.rw'] };
for (const colorScheme of ['light', 'dark']) {
  test(`axe-core finds no violations in summary and full mode, ${colorScheme} scheme`, async () => {
    // A context of its own: AxeBuilder opens a helper page in the page's context, which a
    // page from browser.newPage() does not allow.
    const context = await env.browser.newContext({ colorScheme });
    const { page, problems } = await openDemo(env.base, context);
    for (const mode of ['summary', 'full']) {
      if (mode === 'full') await page.locator(MODE).click();
      await settle(page); // contrast is judged on the final colours, not mid-fade
      assert.equal(await page.locator('article.rw').getAttribute('data-mode'), mode);
      const { violations, passes } = await new AxeBuilder({ page }).include(WIDGET_ROOT).analyze();
      // The control: axe did audit the widget (a selector that matched nothing would pass).
      const contrastChecked = passes.find((rule) => rule.id === 'color-contrast')?.nodes.length ?? 0;
      assert.ok(contrastChecked > 10, `axe checked the contrast of ${contrastChecked} elements`);
      assert.deepEqual(
        violations.map((violation) => violation.id),
        [],
        `axe, ${mode} mode, ${colorScheme}:\n${describeViolations(violations)}`,
      );
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

// 2. Only real key presses, from the top of the page.
test('a keyboard-only reader can reach, open, walk, fold and close the article', async () => {
  const { page, problems } = await openDemo();
  const status = page.locator('.rw-status[role="status"]');
  assert.equal(await status.textContent(), '', 'nothing is announced on load');

  // Tab from the top until the mode control: the summary box's button must come just before
  // it, and no section button (they are folded away in summary mode) may come first.
  const order = [];
  for (let presses = 0; presses < 30; presses++) {
    await page.keyboard.press('Tab');
    const focus = await focused(page);
    order.push(focus.name);
    if (focus.name === 'mode') break;
  }
  assert.equal(order.at(-1), 'mode', `Tab never reached the mode control: ${order.join(' → ')}`);
  assert.equal(order.at(-2), 'summary', `tab order: ${order.join(' → ')}`);
  assert.ok(!order.some((name) => name.startsWith('section:')), `tab order: ${order.join(' → ')}`);
  assertFocusRing(await focused(page));

  // Enter opens the full text, and says so.
  await page.keyboard.press('Enter');
  assert.equal(await page.locator(MODE).getAttribute('aria-expanded'), 'true');
  assert.equal(await shownCount(page, '.rw-section-heading'), SECTIONS.length);
  assert.equal(await shownCount(page, '.rw-panel p'), PARAGRAPHS);
  assert.equal(await status.textContent(), 'Full article shown, 4 sections');
  assert.equal((await focused(page)).name, 'mode', 'focus stays on the control');

  // Onwards: Expand/Collapse all, then the first section's header.
  for (const expected of ['all', `section:${SECTIONS[0]}`]) {
    await page.keyboard.press('Tab');
    const focus = await focused(page);
    assert.equal(focus.name, expected);
    assertFocusRing(focus);
  }

  // The APG accordion keys: Down and Up move (and wrap), Home and End jump.
  for (const [key, index] of [
    ['ArrowDown', 1],
    ['ArrowDown', 2],
    ['ArrowUp', 1],
    ['End', 3],
    ['ArrowDown', 0],
    ['ArrowUp', 3],
    ['Home', 0],
    ['ArrowDown', 1],
  ]) {
    await page.keyboard.press(key);
    const focus = await focused(page);
    assert.equal(focus.name, `section:${SECTIONS[index]}`, `after ${key}`);
    assertFocusRing(focus);
  }

  // Space folds the focused section (the second) and unfolds it again; focus stays put.
  const second = page.locator(sectionButton(SECTIONS[1]));
  const shownBefore = await visibleParagraphsOf(page, SECTIONS[1]);
  assert.ok(shownBefore > 0);
  await page.keyboard.press('Space');
  assert.equal(await second.getAttribute('aria-expanded'), 'false');
  assert.equal(await visibleParagraphsOf(page, SECTIONS[1]), 0);
  assert.equal((await focused(page)).name, `section:${SECTIONS[1]}`);
  await page.keyboard.press('Space');
  assert.equal(await second.getAttribute('aria-expanded'), 'true');
  assert.equal(await visibleParagraphsOf(page, SECTIONS[1]), shownBefore);

  // Shift+Tab back to the control (whatever links the first section holds), Enter: the
  // summary again, focus still on the control, and the change announced.
  const back = [];
  for (let presses = 0; presses < 15; presses++) {
    await page.keyboard.press('Shift+Tab');
    const focus = await focused(page);
    back.push(focus.name);
    if (focus.name === 'mode') break;
  }
  assert.deepEqual(back.slice(-3), [`section:${SECTIONS[0]}`, 'all', 'mode'], back.join(' ← '));
  await page.keyboard.press('Enter');
  assert.equal(await page.locator(MODE).getAttribute('aria-expanded'), 'false');
  assert.equal(await shownCount(page, '.rw-panel p'), 0);
  assert.equal((await focused(page)).name, 'mode', 'focus is not lost when the full text folds away');
  assert.equal(await status.textContent(), 'Summary shown');
  assertFocusRing(await focused(page));
  assert.deepEqual(problems, []);
  await page.close();
});

// 3. Find-in-page. A text directive must percent-encode '-' (it marks a prefix or suffix in
// the syntax): Chromium ignores `#:~:text=Park%20Sun-won` altogether, even on visible text,
// so the phrase is written `Park%20Sun%2Dwon`.
const TEXT_FRAGMENT = '#:~:text=Park%20Sun%2Dwon';

test('a text fragment into a folded section of the demo page opens the full text and the section', async () => {
  const { page, problems } = await openDemo();
  // Fold the second section and go back to the summary, as a reader would; it is remembered
  // for the tab, so the next load starts with the phrase folded away twice.
  await foldThenSummary(page, SECTIONS[1]);
  assert.deepEqual(await shownState(page), {
    mode: 'summary',
    control: 'false',
    sections: ['true', 'false', 'true', 'true'],
  });

  await page.goto('about:blank');
  await page.goto(env.base + TEXT_FRAGMENT);
  await page.locator(LIVE).waitFor();
  // Chromium looks for the text until about 0.5 s after load, into the shadow root too, and
  // fires beforematch when it reveals it; the widget also reads the directive from the
  // navigation entry when it mounts.
  await page
    .locator('article.rw[data-mode="full"]')
    .waitFor({ timeout: 5_000 })
    .catch(() => assert.fail('the text fragment did not open the full text (no beforematch reached the widget)'));
  await settle(page);
  assert.deepEqual(await shownState(page), FULL_AND_ALL_OPEN);
  const paragraph = page.locator('.rw-panel p', { hasText: 'Park Sun-won' });
  assert.equal(await paragraph.evaluate((p) => p.checkVisibility()), true, 'the phrase is visible');
  const box = await paragraph.boundingBox();
  const viewport = page.viewportSize();
  assert.ok(box.y < viewport.height && box.y + box.height > 0, `the phrase is scrolled into view (y ${box.y})`);

  // The widget's own state followed the browser: it remembers what the reader now sees.
  await page.goto(env.base);
  await page.locator(LIVE).waitFor();
  assert.deepEqual(await shownState(page), FULL_AND_ALL_OPEN);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a text fragment still opens its section when the module arrives after the browser stopped looking', async () => {
  let held = 0;
  const { page, problems } = await openPreparedPage(env.browser, env.base + TEXT_FRAGMENT, (page) =>
    // 1.5 s late: Chromium gives up on text fragments about 0.5 s after the load event. Any
    // module the page loads (its article's own, pkg/articles/<slug>.wasm).
    page.route('**/pkg/**/*.wasm', async (route) => {
      held += 1;
      await new Promise((done) => setTimeout(done, 1_500));
      await route.continue();
    }),
  );
  await page.locator(LIVE).waitFor({ timeout: 10_000 });
  assert.equal(held, 1, 'the module was held back');
  await settle(page);
  assert.deepEqual(await shownState(page), FULL_AND_ALL_OPEN);
  const paragraph = page.locator('.rw-panel p', { hasText: 'Park Sun-won' });
  assert.equal(await paragraph.evaluate((p) => p.checkVisibility()), true, 'the phrase is visible');
  const section = page.locator('.rw-section', { has: page.locator(sectionButton(SECTIONS[1])) });
  const box = await section.boundingBox();
  // At the top, below the 4rem the sticky control may take (scroll-margin-top).
  assert.ok(box.y >= 0 && box.y < 100, `its section is scrolled to the top (y ${box.y})`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('after a text fragment reveals folded text, state() matches what the reader sees', async () => {
  // Mounted in summary mode, so the phrase starts folded away in the full text.
  const { page, problems } = await openApiPage(TEXT_FRAGMENT);
  await page
    .waitForFunction(() => window.widget.state().mode === 'full', null, { timeout: 5_000 })
    .catch(() => assert.fail('the text fragment did not open the full text'));
  const state = await page.evaluate(() => window.widget.state());
  assert.equal(state.mode, 'full');
  assert.ok(state.expanded.includes(SECTIONS[1]), `expanded: ${state.expanded}`);
  const shown = await shownState(page);
  assert.equal(shown.mode, state.mode);
  assert.deepEqual(
    shown.sections,
    SECTIONS.map((id) => String(state.expanded.includes(id))),
  );
  assert.ok(await visibleParagraphsOf(page, SECTIONS[1]) > 0);
  assert.deepEqual(problems, []);
  await page.close();
});

// The browser reveals folded text by itself (beforematch), and the widget must follow. A
// fragment to an element id inside the folded text makes the browser do so only in the light
// DOM: ids inside a shadow root are not fragment targets (the first test below shows it). So the
// shadow root gets the honest equivalent, a text fragment, and the element-id case runs on a
// light-DOM widget (`shadow: false`).
const THIRD_PARAGRAPH = 'commitment is more solid'; // the third section's third paragraph

/** The widget's state and what its host saw while the browser revealed folded text. */
async function assertFollowedReveal(page, fired, selector) {
  await settle(page);
  const after = await page.evaluate(() => window.widget.state());
  assert.ok(fired.length > 0, 'Chromium fired beforematch');
  assert.equal(
    await page.locator(selector).evaluate((paragraph) => paragraph.checkVisibility()),
    true,
    'the target paragraph is visible',
  );
  assert.equal(after.mode, 'full');
  assert.ok(after.expanded.includes(SECTIONS[2]), `expanded: ${after.expanded}`);
  const shown = await shownState(page);
  assert.equal(shown.mode, 'full');
  assert.equal(shown.control, 'true');
  assert.deepEqual(shown.sections, SECTIONS.map((id) => String(after.expanded.includes(id))));

  // And the buttons do what they now say: one click folds the revealed section.
  await page.locator(sectionButton(SECTIONS[2])).click();
  assert.equal(await visibleParagraphsOf(page, SECTIONS[2]), 0);
  assert.ok(!(await page.evaluate(() => window.widget.state().expanded)).includes(SECTIONS[2]));
}

test('an element-id fragment cannot reach folded text in the shadow root (why the next test uses a text fragment)', async () => {
  // If this ever fails, Chromium resolves fragments into shadow roots, and the light-DOM
  // element-id test below can move into the shadow root.
  const { page, problems } = await openApiPage();
  const result = await inPage(
    page,
    async ([id, button], deep) => {
      window.widget.showSummary();
      window.widget.collapseSection(id);
      const fired = [];
      const root = deep.one('#reader').shadowRoot;
      root.addEventListener('beforematch', (event) => fired.push(event.target.className), true);
      const panel = root.getElementById(deep.one(button).getAttribute('aria-controls'));
      panel.querySelectorAll('p')[2].id = 'e2e-target';
      location.hash = 'e2e-target';
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      return { fired, state: window.widget.state() };
    },
    [SECTIONS[2], sectionButton(SECTIONS[2])],
  );
  assert.deepEqual(result.fired, [], 'no beforematch');
  assert.equal(result.state.mode, 'summary');
  assert.ok(!result.state.expanded.includes(SECTIONS[2]));
  assert.equal(await visibleParagraphsOf(page, SECTIONS[2]), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('when the browser reveals folded text in the shadow root (a text fragment), the widget follows', async () => {
  // Summary mode with the third section folded: the paragraph is behind two until-found
  // ancestors. The widget's own text-fragment handling runs as it mounts; the setup folds
  // everything again right after, so only the browser's beforematch can open anything now.
  // The listener sits on the shadow root: beforematch is not composed, so the document never
  // hears it.
  const setup = `
    window.fired = [];
    document.querySelector('#reader').shadowRoot.addEventListener(
      'beforematch', (event) => window.fired.push(event.target.className), true);
    window.widget.showSummary();
    window.widget.collapseSection(${JSON.stringify(SECTIONS[2])});
    window.before = window.widget.state();`;
  const { page, problems } = await openApiPage(`#:~:text=${encodeURIComponent(THIRD_PARAGRAPH)}`, setup);
  const before = await page.evaluate(() => window.before);
  assert.equal(before.mode, 'summary');
  assert.ok(!before.expanded.includes(SECTIONS[2]));
  await page
    .waitForFunction(() => window.widget.state().mode === 'full', null, { timeout: 5_000 })
    .catch(() => assert.fail('the browser did not reveal the folded text'));
  const fired = await page.evaluate(() => window.fired);
  // At the section's panel first; opening a section shows the full text too, so by the time
  // the browser reaches the outer ancestor it may no longer be hidden.
  assert.equal(fired[0], 'rw-panel', `beforematch at ${fired}`);
  await assertFollowedReveal(page, fired, `.rw-panel p >> text=${THIRD_PARAGRAPH}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('when the browser reveals folded text in a light-DOM widget (fragment to an element inside it), the widget follows', async () => {
  const { page, problems } = await openApiPage('', '', { shadow: false });
  // As above, but the target is a temporary id: it is not a section id, so only beforematch,
  // not the widget's own hash handling, can open anything.
  const result = await page.evaluate(
    async ([id, button]) => {
      window.widget.showSummary();
      window.widget.collapseSection(id);
      const before = window.widget.state();
      const fired = [];
      document.addEventListener('beforematch', (event) => fired.push(event.target.className), true);
      const panel = document.getElementById(document.querySelector(button).getAttribute('aria-controls'));
      panel.querySelectorAll('p')[2].id = 'e2e-target';
      location.hash = 'e2e-target';
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      return { before, fired };
    },
    [SECTIONS[2], sectionButton(SECTIONS[2])],
  );
  assert.equal(await page.locator('#reader').evaluate((host) => host.shadowRoot), null, 'in the light DOM');
  assert.equal(result.before.mode, 'summary');
  assert.ok(!result.before.expanded.includes(SECTIONS[2]));
  await assertFollowedReveal(page, result.fired, '#e2e-target');
  assert.deepEqual(problems, []);
  await page.close();
});

// 4. Deep links.
test('#section-id on load opens the full text and that section, scrolled into view', async () => {
  const { page, problems } = await openDemo();
  // Fold the section first (remembered for the tab): the link must win over the stored state.
  await foldThenSummary(page, SECTIONS[1]);
  await page.goto('about:blank');
  await page.goto(`${env.base}#${SECTIONS[1]}`);
  await page.locator(LIVE).waitFor();
  await settle(page);

  assert.equal((await shownState(page)).mode, 'full');
  await assertOpenNearTop(page, SECTIONS[1]);
  assert.deepEqual(problems, []);
  await page.close();
});

test('#section-id on hashchange opens the full text and that section, scrolled into view', async () => {
  const { page, problems } = await openDemo();
  const last = SECTIONS[3];
  await foldThenSummary(page, last);
  await page.evaluate(() => window.scrollTo(0, 0));
  assert.equal((await shownState(page)).mode, 'summary');

  await page.evaluate((id) => {
    location.hash = id;
  }, last);
  await page.locator('article.rw[data-mode="full"]').waitFor({ timeout: 2_000 });
  await settle(page);
  await assertOpenNearTop(page, last);
  assert.deepEqual(problems, []);
  await page.close();
});

// 5. Print.
test('printing shows every paragraph and no controls, and leaves the screen state alone', async () => {
  const { page, problems } = await openDemo();
  await foldThenSummary(page, SECTIONS[0], SECTIONS[2]);
  const onScreen = await shownState(page);
  assert.deepEqual(onScreen, { mode: 'summary', control: 'false', sections: ['false', 'true', 'false', 'true'] });
  assert.equal(await shownCount(page, '.rw-panel p'), 0);

  await page.emulateMedia({ media: 'print' });
  await settle(page); // the media switch starts the widget's transitions
  assert.equal(await shownCount(page, '.rw-panel p'), PARAGRAPHS, 'every paragraph prints');
  assert.equal(await shownCount(page, '.rw-section-heading'), SECTIONS.length);
  for (const control of [MODE, ALL, '.rw-anchor']) {
    assert.equal(await shownCount(page, control), 0, `${control} is not printed`);
  }

  await page.emulateMedia({ media: 'screen' });
  await settle(page);
  assert.deepEqual(await shownState(page), onScreen);
  assert.equal(await shownCount(page, '.rw-panel p'), 0);
  assert.equal(await shownCount(page, MODE), 1);
  assert.deepEqual(problems, []);
  await page.close();
});

// 6. Motion: count animations in a click listener on the document, which runs right after the
// widget's own (on its root, inside the shadow root: click is composed) has flipped the
// attributes, before any transition could end. The transitions run in the shadow root, whose
// animations `document.getAnimations()` does not list.
async function animationsAfterClicks(reducedMotion) {
  const { page, problems } = await openDemo();
  await page.emulateMedia({ reducedMotion });
  await inPage(page, (_, deep) => {
    window.animationsAfterClick = [];
    document.addEventListener('click', () => {
      const running = deep.animations().filter((animation) => animation.playState === 'running');
      window.animationsAfterClick.push(running.length);
    });
  });
  await page.locator(MODE).click(); // open the full text
  await page.locator(sectionButton(SECTIONS[1])).click(); // fold a section
  const counts = await page.evaluate(() => window.animationsAfterClick);
  assert.equal((await shownState(page)).sections[1], 'false', 'the clicks took effect');
  assert.deepEqual(problems, []);
  await page.close();
  return counts;
}

test('with prefers-reduced-motion nothing animates; without it, opening and folding do', async () => {
  assert.deepEqual(await animationsAfterClicks('reduce'), [0, 0], 'running animations after each click');
  // The control: the same clicks animate when motion is fine, so the check above can fail.
  const animated = await animationsAfterClicks('no-preference');
  assert.equal(animated.length, 2);
  assert.ok(animated.every((count) => count > 0), `running animations after each click: ${animated}`);
});

// 7. Persistence.
test('the mode and open sections survive a reload; persist: false and broken values are ignored', async () => {
  const { page, problems } = await openDemo();
  await page.locator(MODE).click();
  await page.locator(sectionButton(SECTIONS[2])).click();
  const chosen = await shownState(page);
  assert.deepEqual(chosen, { mode: 'full', control: 'true', sections: ['true', 'true', 'false', 'true'] });

  await page.reload();
  await page.locator(LIVE).waitFor();
  assert.deepEqual(await shownState(page), chosen);
  assert.equal(await shownCount(page, '.rw-panel p'), PARAGRAPHS - 4);

  // A widget mounted with persist: false starts from its options, whatever the tab stored;
  // one mounted with the default, on the same page, reads the stored state (the control).
  const mounted = await page.evaluate(async ([slug, first]) => {
    const { ReadingWidget } = await import('./pkg/reading_widget.js');
    const key = `reading-widget:${location.pathname}:${slug}`;
    const stored = sessionStorage.getItem(key);
    const mount = (persist) => {
      const host = document.createElement('div');
      document.body.append(host);
      const widget = ReadingWidget.mount(host, persist ? {} : { persist: false });
      return { widget, mode: host.shadowRoot.querySelector('article.rw').dataset.mode, state: widget.state() };
    };
    const off = mount(false);
    const on = mount(true);
    off.widget.showFull(); // and it writes nothing either
    off.widget.collapseSection(first);
    const storedAfter = sessionStorage.getItem(key);
    off.widget.destroy();
    on.widget.destroy();
    return { stored, storedAfter, off: [off.mode, off.state], on: [on.mode, on.state] };
  }, [SLUG, SECTIONS[0]]);
  assert.ok(mounted.stored?.startsWith('rw1'), `the tab stored the state: ${mounted.stored}`);
  assert.equal(mounted.off[0], 'summary');
  assert.equal(mounted.off[1].mode, 'summary');
  assert.deepEqual(mounted.off[1].expanded, SECTIONS);
  assert.equal(mounted.on[0], 'full', 'the control widget did read the stored state');
  assert.equal(mounted.storedAfter, mounted.stored, 'persist: false wrote nothing');

  // A broken or foreign value under the widget's key: a normal first visit, and no errors.
  for (const value of ['rw1f1x{broken', '{"mode":"full","expanded":[]}']) {
    await page.evaluate(([slug, value]) => {
      sessionStorage.setItem(`reading-widget:${location.pathname}:${slug}`, value);
    }, [SLUG, value]);
    await page.reload();
    await page.locator(LIVE).waitFor();
    assert.deepEqual(
      await shownState(page),
      { mode: 'summary', control: 'false', sections: ['true', 'true', 'true', 'true'] },
      `stored ${value}`,
    );
    assert.equal(await shownCount(page, '.rw-summary-list li'), 3);
    assert.equal(await shownCount(page, '.rw-panel p'), 0);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

// 8. Right to left: the summary box's accent rule sits on the reading side.
function summaryBorders(page) {
  return inPage(page, (_, deep) => {
    const style = getComputedStyle(deep.one('.rw-summary'));
    return {
      direction: style.direction,
      left: style.borderLeftWidth,
      right: style.borderRightWidth,
    };
  });
}

/** The demo page with dir="rtl" set on <html> as soon as the parser creates it, before the
 * module script loads. */
function openRtlDemo() {
  return openPreparedPage(env.browser, env.base, (page) =>
    page.addInitScript(() => {
      const observer = new MutationObserver(() => {
        if (document.documentElement) {
          document.documentElement.dir = 'rtl';
          observer.disconnect();
        }
      });
      observer.observe(document, { childList: true });
    }),
  );
}

test('under dir="rtl" the summary rule is on the right (and on the left otherwise)', async () => {
  const { page, problems } = await openRtlDemo();
  await page.locator(LIVE).waitFor();
  assert.deepEqual(await summaryBorders(page), { direction: 'rtl', left: '0px', right: '4px' });
  assert.deepEqual(problems, []);
  await page.close();

  const ltr = await openDemo();
  assert.deepEqual(await summaryBorders(ltr.page), { direction: 'ltr', left: '4px', right: '0px' });
  assert.deepEqual(ltr.problems, []);
  await ltr.page.close();
});

test('under dir="rtl" a folded section\'s chevron points to the reading side, in the shadow root as in the light DOM', async () => {
  // The light DOM widget is the reference. A `[dir="rtl"] …` selector would match the page's
  // <html dir="rtl"> there but not from inside a shadow root; styles.css uses `:dir(rtl)`,
  // which follows the inherited direction in both.
  const { page, problems } = await openRtlDemo();
  await page.locator(LIVE).waitFor();
  const chevrons = await inPage(
    page,
    async (id, deep) => {
      const { ReadingWidget } = await import('./pkg/reading_widget.js');
      const turned = {};
      for (const shadow of [true, false]) {
        const host = document.createElement('div');
        document.body.append(host);
        ReadingWidget.mount(host, { shadow, persist: false, mode: 'full' }).collapseSection(id);
        deep.finishAnimations();
        const button = (host.shadowRoot ?? host).querySelector(`[data-rw-section="${id}"]`);
        turned[shadow ? 'shadow' : 'light'] = getComputedStyle(button, '::before').transform;
      }
      return turned;
    },
    SECTIONS[1],
  );
  // rotate(135deg): the folded chevron points left, into the right-to-left text.
  assert.equal(chevrons.light, 'matrix(-0.707107, 0.707107, -0.707107, -0.707107, 0, 0)', 'the reference');
  assert.equal(chevrons.shadow, chevrons.light, 'the folded chevron in the shadow root');
  assert.deepEqual(problems, []);
  await page.close();
});

// 9. The README's screenshots: summary and full mode, light and dark.
test('screenshots of summary and full mode, light and dark', async () => {
  await mkdir(OUTPUT, { recursive: true });
  const shots = new Map();
  const backgrounds = {};
  for (const colorScheme of ['light', 'dark']) {
    const { page, problems } = await openPreparedPage(env.browser, env.base, async (page) => {
      await page.setViewportSize({ width: 900, height: 1100 });
      await page.emulateMedia({ colorScheme });
    });
    await page.locator(LIVE).waitFor();
    backgrounds[colorScheme] = await inPage(page, (_, deep) => {
      const [r, g, b] = getComputedStyle(deep.one('article.rw')).backgroundColor.match(/\d+/g).map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; // relative brightness, 0 to 1
    });
    await settle(page);
    shots.set(`summary-${colorScheme}`, await page.screenshot({ path: `${OUTPUT}summary-${colorScheme}.png` }));

    await page.locator(MODE).click();
    await settle(page);
    // Scrolled so the control sits at the top, with the first sections under it.
    await inPage(
      page,
      (mode, deep) => {
        const control = deep.one(mode);
        window.scrollTo(0, control.getBoundingClientRect().top + window.scrollY - 24);
      },
      MODE,
    );
    const controlTop = await page.locator(MODE).evaluate((control) => control.getBoundingClientRect().top);
    assert.ok(controlTop >= 0 && controlTop <= 40, `the control is at the top (${controlTop}px)`);
    assert.ok(await shownCount(page, '.rw-panel p') > 0, 'the full text is in the picture');
    shots.set(`full-${colorScheme}`, await page.screenshot({ path: `${OUTPUT}full-${colorScheme}.png` }));
    assert.deepEqual(problems, []);
    await page.close();
  }
  assert.ok(backgrounds.light > 0.8, `light background brightness ${backgrounds.light}`);
  assert.ok(backgrounds.dark < 0.2, `dark background brightness ${backgrounds.dark}`);
  for (const [name, png] of shots) {
    assert.ok((await stat(`${OUTPUT}${name}.png`)).size > 10_000, `${name}.png was written`);
    for (const [other, otherPng] of shots) {
      if (other !== name) assert.ok(!png.equals(otherPng), `${name} and ${other} differ`);
    }
  }
});
