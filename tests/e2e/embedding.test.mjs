// The widget as a guest on other people's pages, on the release builds in Debian's headless
// Chromium: a hostile global stylesheet (www/hostile.html), theming from outside the shadow
// root, several widgets on one page (www/several.html, on dist and on the fixture build with a
// second article), the events a host page hears, and misuse of the API.
//
// The widget renders into an open shadow root on its host: locators pierce it, page code goes
// through browser.mjs's `inPage` and its `deep` helpers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { start, openPage, openPreparedPage, inPage, settle, visibleCount, LIVE } from './browser.mjs';

const SLUG = 'ukraine-war-korean-war';
const FIXTURE = 'fixture-second-article';
const SECTIONS = [
  'the-korean-war-could-reignite-in-ukraine',
  'the-dead-and-the-deserters',
  'did-north-korea-fall-for-a-putin-trap',
  'will-seoul-send-its-forces',
];
const FIXTURE_SECTIONS = ['first-fixture-section', 'second-fixture-section'];
const MODE = 'button.rw-mode';
const SECTION = 'button[data-rw-section]';
const sectionButton = (id) => `${SECTION}[data-rw-section="${id}"]`;
const DEMO_HOST = 'reading-widget';
const ACCENT = 'rgb(164, 22, 26)'; // --rw-accent's default, light scheme (crates/view/styles.css)

let dist;
let fixtures;
before(async () => {
  [dist, fixtures] = await Promise.all([start(), start({ site: 'fixtures' })]);
});
after(async () => {
  await Promise.all([dist?.close(), fixtures?.close()]);
});

/** A page of `env` (in a context of its own, which axe needs) once `ready` widgets mounted. */
async function openSite(env, path, { widgets = 1, prepare = () => {}, colorScheme = 'light' } = {}) {
  const context = await env.browser.newContext({ colorScheme, viewport: { width: 900, height: 1100 } });
  const opened = await openPreparedPage(context, env.base + path, prepare);
  await opened.page.locator(LIVE).nth(widgets - 1).waitFor({ timeout: 10_000 });
  return { ...opened, close: () => context.close() };
}

/** Records every readingwidget:* event the document hears, from before the module loads. */
function recordEvents(page) {
  return page.addInitScript(() => {
    window.heard = [];
    for (const type of ['readingwidget:ready', 'readingwidget:change']) {
      document.addEventListener(type, (event) => {
        window.heard.push({ type: type.slice('readingwidget:'.length), host: event.target.id, ...event.detail });
      });
    }
    // beforematch is not composed: a listener outside the shadow root never hears it.
    window.heardBeforematch = 0;
    document.addEventListener('beforematch', () => window.heardBeforematch++, true);
  });
}

/** The events heard since the last call, then forgets them. */
function takeEvents(page) {
  return page.evaluate(() => window.heard.splice(0));
}

// 1. A hostile page.

// Each element (the first match inside the widget) and the properties compared between
// index.html and hostile.html: every element kind the widget renders, and the properties a
// careless stylesheet changes.
const COMPARED = [
  'article.rw',
  '.rw-kicker',
  '.rw-kicker > span',
  '.rw-title',
  '.rw-dek',
  '.rw-byline',
  '.rw-author',
  '.rw-tags',
  '.rw-tags li',
  'header',
  '.rw-summary',
  '.rw-summary h2',
  '.rw-summary-heading button',
  '.rw-summary-list',
  '.rw-summary-list li',
  MODE,
  '.rw-full',
  'button.rw-all',
  'section.rw-section',
  '.rw-section-heading',
  SECTION,
  '.rw-time',
  '.rw-anchor',
  '.rw-panel',
  '.rw-panel p',
  '.rw-footer',
  '.rw-bio',
  '.rw-footer h2',
  '.rw-footer p',
  '.rw-credit',
  'time',
];
const PROPERTIES = [
  'display',
  'visibility',
  'font-size',
  'font-family',
  'font-style',
  'font-weight',
  'line-height',
  'color',
  'background-color',
  'letter-spacing',
  'word-spacing',
  'text-transform',
  'text-align',
  'text-indent',
  'text-shadow',
  'text-decoration-line',
  'margin-top',
  'margin-right',
  'margin-bottom',
  'margin-left',
  'padding-left',
  'width',
  'list-style-type',
  'cursor',
];

/**
 * The computed styles of COMPARED in the widget hosted by `host` (in its shadow root, or in
 * the host itself for a light-DOM widget), plus the ::before and ::after of a few elements.
 */
function widgetStyles(page, host) {
  return inPage(
    page,
    ([host, selectors, properties], deep) => {
      deep.finishAnimations();
      const element = document.querySelector(host);
      const scope = element.shadowRoot?.querySelector('article.rw') ? element.shadowRoot : element;
      const styles = {};
      for (const selector of selectors) {
        const target = scope.querySelector(selector);
        if (!target) {
          styles[selector] = 'missing';
          continue;
        }
        const style = getComputedStyle(target);
        styles[selector] = Object.fromEntries(properties.map((name) => [name, style.getPropertyValue(name)]));
        for (const pseudo of ['::before', '::after']) {
          const generated = getComputedStyle(target, pseudo);
          styles[selector][pseudo] = `${generated.content} ${generated.transform}`;
        }
      }
      return styles;
    },
    [host, COMPARED, PROPERTIES],
  );
}

/**
 * The article's `margin: 0 auto` resolves to whatever centres it in the width the page gives
 * the host: that is the page's layout, not its CSS reaching in (on hostile.html, `all: unset`
 * made <main> inline, so the host spans the body). Its width is compared instead.
 */
const PAGE_LAYOUT = ['article.rw margin-right', 'article.rw margin-left'];

/** Where two `widgetStyles` results differ, as "selector property: a ≠ b" lines. */
function differences(a, b) {
  const found = [];
  for (const selector of Object.keys(a)) {
    if (typeof a[selector] === 'string' || typeof b[selector] === 'string') {
      if (a[selector] !== b[selector]) found.push(`${selector}: ${JSON.stringify(a[selector])} ≠ ${JSON.stringify(b[selector])}`);
      continue;
    }
    for (const property of Object.keys(a[selector])) {
      if (PAGE_LAYOUT.includes(`${selector} ${property}`)) continue;
      if (a[selector][property] !== b[selector][property]) {
        found.push(`${selector} ${property}: ${a[selector][property]} ≠ ${b[selector][property]}`);
      }
    }
  }
  return found;
}

/** axe's findings inside the widget hosted by `host`, with a check that it audited anything. */
async function auditWidget(page, host) {
  const { violations, passes } = await new AxeBuilder({ page })
    .include({ fromShadowDom: [host, 'article.rw'] })
    .analyze();
  const contrastChecked = passes.find((rule) => rule.id === 'color-contrast')?.nodes.length ?? 0;
  assert.ok(contrastChecked > 10, `axe checked the contrast of ${contrastChecked} elements`);
  return violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' | ')}`);
}

test('on a page with a hostile global stylesheet the widget looks exactly as on the demo page', async () => {
  const demo = await openSite(dist, 'index.html');
  const hostile = await openSite(dist, 'hostile.html');

  // The hostile stylesheet is loaded and active on the page itself.
  const page = await hostile.page.evaluate(() => ({
    body: getComputedStyle(document.body).textTransform,
    spacing: getComputedStyle(document.body).letterSpacing,
    host: getComputedStyle(document.querySelector('reading-widget')).color,
    footer: getComputedStyle(document.querySelector('.site-footer p')).marginTop,
  }));
  assert.deepEqual(page, { body: 'uppercase', spacing: '8px', host: 'rgb(0, 255, 0)', footer: '70px' });

  for (const mode of ['summary', 'full']) {
    if (mode === 'full') {
      await demo.page.locator(MODE).click();
      await hostile.page.locator(MODE).click();
    }
    const expected = await widgetStyles(demo.page, DEMO_HOST);
    const got = await widgetStyles(hostile.page, DEMO_HOST);
    assert.ok(!JSON.stringify(expected).includes('missing'), 'every compared element is there');
    assert.deepEqual(differences(expected, got), [], `${mode} mode, computed styles`);
    // And to the pixel. In full mode the control is sticky, so where it sits in the article
    // depends on the page's scroll, which the two pages' layouts make differ: both articles are
    // put at the top of the viewport first. A full-mode difference was seen in two fresh-clone
    // runs out of about ten, and never alone: a page still settling, it seems. So the pair is
    // taken again, three times at most, and a hostile rule that reaches in (which would differ
    // every time) still fails; the last pair is kept in target/e2e-screenshots/ to look at.
    let shots;
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      for (const { page: each } of [demo, hostile]) {
        await each.locator('article.rw').evaluate((article) => article.scrollIntoView({ block: 'start' }));
        await settle(each);
      }
      shots = await Promise.all([
        demo.page.locator('article.rw').screenshot({ animations: 'disabled' }),
        hostile.page.locator('article.rw').screenshot({ animations: 'disabled' }),
      ]);
      if (shots[0].equals(shots[1])) break;
    }
    if (!shots[0].equals(shots[1])) {
      const folder = fileURLToPath(new URL('../../target/e2e-screenshots/', import.meta.url));
      await mkdir(folder, { recursive: true });
      await writeFile(`${folder}${mode}-demo.png`, shots[0]);
      await writeFile(`${folder}${mode}-hostile.png`, shots[1]);
      assert.fail(`${mode} mode: the widget's screenshots differ, three times (target/e2e-screenshots/${mode}-*.png)`);
    }
  }
  assert.deepEqual(demo.problems, []);
  assert.deepEqual(hostile.problems, []);
  await demo.close();
  await hostile.close();
});

test('the control: a light-DOM widget ({ shadow: false }) on the hostile page is hit by its CSS', async () => {
  const demo = await openSite(dist, 'index.html');
  const hostile = await openSite(dist, 'hostile.html');
  await hostile.page.evaluate(async () => {
    const { ReadingWidget } = await import('./pkg/reading_widget.js');
    const host = document.createElement('div');
    host.id = 'light';
    document.querySelector('main').append(host);
    ReadingWidget.mount(host, { shadow: false, persist: false });
  });
  const shadowed = await widgetStyles(demo.page, DEMO_HOST);
  const light = await widgetStyles(hostile.page, '#light');
  const found = differences(shadowed, light);
  for (const expected of [
    // (The root itself keeps display: block: its own `.rw` rule outranks `article { … }`.)
    '.rw-title display: block ≠ inline', // * { all: unset }
    'section.rw-section display: block ≠ none', // section { display: none !important }
    '.rw-panel color: rgb(29, 29, 31) ≠ rgb(0, 255, 0)', // div { color: lime !important }
    '.rw-panel p margin-top: 18px ≠ 90px', // p { margin: 5em }
    '.rw-title ::before: none none ≠ "X" none', // *::before { content: "X" }
  ]) {
    assert.ok(found.includes(expected), `expected "${expected}" among:\n${found.join('\n')}`);
  }
  // The shadow-root widget on the same page is still untouched by it.
  assert.deepEqual(differences(shadowed, await widgetStyles(hostile.page, DEMO_HOST)), []);
  assert.deepEqual(hostile.problems, []);
  await demo.close();
  await hostile.close();
});

test('on the hostile page the widget works by mouse and keyboard, and axe finds no violations in it', async () => {
  const { page, problems, close } = await openSite(dist, 'hostile.html');
  assert.deepEqual(await auditWidget(page, DEMO_HOST), [], 'axe, summary mode');
  assert.equal(await visibleCount(page, '.rw-summary-list li'), 3);
  assert.equal(await visibleCount(page, SECTION), 0);

  const control = page.locator(MODE);
  await control.click();
  assert.equal(await control.getAttribute('aria-expanded'), 'true');
  assert.equal(await visibleCount(page, SECTION), 4);
  assert.equal(await visibleCount(page, '.rw-panel p'), 12);
  assert.deepEqual(await auditWidget(page, DEMO_HOST), [], 'axe, full mode');

  const second = page.locator(sectionButton(SECTIONS[1]));
  await second.click();
  assert.equal(await second.getAttribute('aria-expanded'), 'false');
  assert.equal(await visibleCount(page, '.rw-panel p'), 9);

  // The keyboard: ArrowDown moves on from the folded section, Space folds that one too,
  // Enter on the control goes back to the summary.
  await second.focus();
  await page.keyboard.press('ArrowDown');
  const focused = () =>
    inPage(page, (_, deep) => deep.active().dataset.rwSection ?? (deep.active().classList.contains('rw-mode') ? 'mode' : null));
  assert.equal(await focused(), SECTIONS[2]);
  await page.keyboard.press('Space');
  assert.equal(await page.locator(sectionButton(SECTIONS[2])).getAttribute('aria-expanded'), 'false');
  assert.equal(await visibleCount(page, '.rw-panel p'), 5); // the third section has 4
  await control.focus();
  await page.keyboard.press('Enter');
  assert.equal(await control.getAttribute('aria-expanded'), 'false');
  assert.equal(await focused(), 'mode');
  assert.equal(await visibleCount(page, SECTION), 0);
  assert.equal(await visibleCount(page, '.rw-summary-list li'), 3);
  assert.deepEqual(problems, []);
  await close();
});

// 2. Theming from outside the shadow root.

test('--rw-* custom properties on :root or the host, and ::part() rules, style the widget from outside', async () => {
  const { page, problems, close } = await openSite(dist, 'index.html');
  const look = () =>
    inPage(page, (_, deep) => {
      const mode = getComputedStyle(deep.one('button.rw-mode'));
      const title = getComputedStyle(deep.one('.rw-title'));
      return {
        button: mode.backgroundColor,
        radius: mode.borderTopLeftRadius,
        rule: getComputedStyle(deep.one('.rw-summary')).borderLeftColor,
        title: title.color,
        titleTransform: title.textTransform,
      };
    });
  const defaults = await look();
  assert.deepEqual(defaults, {
    button: ACCENT,
    radius: '999px',
    rule: ACCENT,
    title: 'rgb(29, 29, 31)',
    titleTransform: 'none',
  });

  // A page's plain selectors do not reach into the shadow root...
  const sheet = await page.evaluateHandle(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('.rw-title, .rw-mode { color: rgb(255, 0, 0) !important; border-radius: 0 !important; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return sheet;
  });
  assert.deepEqual(await look(), defaults, 'plain selectors stay outside');

  // ...custom properties do, on :root and (nearer, so winning) on the host...
  await page.evaluate(() => document.documentElement.style.setProperty('--rw-accent', 'rgb(0, 90, 50)'));
  assert.deepEqual(await look(), { ...defaults, button: 'rgb(0, 90, 50)', rule: 'rgb(0, 90, 50)' });
  await page.evaluate(() => document.querySelector('reading-widget').style.setProperty('--rw-accent', 'rgb(20, 40, 160)'));
  assert.deepEqual(await look(), { ...defaults, button: 'rgb(20, 40, 160)', rule: 'rgb(20, 40, 160)' });
  // ...in either colour scheme (the dark defaults do not override the page's choice).
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.equal((await look()).button, 'rgb(20, 40, 160)');
  await page.emulateMedia({ colorScheme: 'light' });

  // ...and ::part() rules reach the named elements.
  await sheet.evaluate((sheet) =>
    sheet.replaceSync(
      '::part(title) { color: rgb(0, 128, 0); text-transform: lowercase; } ' +
        'reading-widget::part(mode-button) { border-radius: 0; }',
    ),
  );
  assert.deepEqual(await look(), {
    button: 'rgb(20, 40, 160)',
    radius: '0px',
    rule: 'rgb(20, 40, 160)',
    title: 'rgb(0, 128, 0)',
    titleTransform: 'lowercase',
  });
  assert.deepEqual(problems, []);
  await close();
});

// 3. Several widgets on one page.

/** Every id on the page, in the light DOM and in every shadow root, and idrefs that miss. */
function idsOnPage(page) {
  return inPage(page, (_, deep) => {
    const ids = [];
    const dangling = [];
    for (const root of deep.roots()) {
      for (const element of root.querySelectorAll('[id]')) ids.push(element.id);
      // aria-* idrefs resolve in the element's own tree, never across a shadow boundary.
      for (const element of root.querySelectorAll('[aria-controls], [aria-labelledby], [aria-describedby]')) {
        for (const name of ['aria-controls', 'aria-labelledby', 'aria-describedby']) {
          for (const id of (element.getAttribute(name) ?? '').split(/\s+/).filter(Boolean)) {
            if (!root.getElementById(id)) dangling.push(`${name}=${id}`);
          }
        }
      }
    }
    const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
    return { count: ids.length, repeated, dangling };
  });
}

/** Each host's shadow root markup and state(), by host id. */
function snapshot(page, hosts) {
  return page.evaluate(async (hosts) => {
    const { ReadingWidget } = await import('./pkg/reading_widget.js');
    return Object.fromEntries(
      hosts.map((id) => {
        const host = document.getElementById(id);
        return [id, { markup: host.shadowRoot.innerHTML, state: ReadingWidget.get(host).state() }];
      }),
    );
  }, hosts);
}

const FIXTURE_HOSTS = { reader: SLUG, [`reader-${SLUG}`]: SLUG, [`reader-${FIXTURE}`]: FIXTURE };

test('several widgets of two articles: distinct ids, independent state, their own events and handles', async () => {
  const { page, problems, close } = await openSite(fixtures, 'several.html', { widgets: 3, prepare: recordEvents });
  const hosts = Object.keys(FIXTURE_HOSTS);

  const articles = await page.evaluate(async () => {
    const { ReadingWidget } = await import('./pkg/reading_widget.js');
    return ReadingWidget.articles().map((article) => [article.slug, article.sections.map((section) => section.id)]);
  });
  assert.deepEqual(articles, [
    [SLUG, SECTIONS],
    [FIXTURE, FIXTURE_SECTIONS],
  ]);

  // No id twice on the whole page, and every idref found in its own tree.
  const ids = await idsOnPage(page);
  assert.ok(ids.count > 30, `${ids.count} ids on the page`); // the widgets' own: 32
  assert.deepEqual(ids.repeated, [], 'ids used twice');
  assert.deepEqual(ids.dangling, [], 'idrefs to nothing');

  // One ready event per widget, from its own host, with its own article.
  const ready = (await takeEvents(page)).filter((event) => event.type === 'ready');
  assert.deepEqual(
    ready.map(({ host, article, mode }) => [host, article, mode]).sort(),
    [
      ['reader', SLUG, 'full'],
      [`reader-${FIXTURE}`, FIXTURE, 'summary'],
      [`reader-${SLUG}`, SLUG, 'summary'],
    ],
  );

  // get(host) finds each widget, auto-mounted or not; undefined where there is none.
  const handles = await page.evaluate(async (hosts) => {
    const { ReadingWidget } = await import('./pkg/reading_widget.js');
    const found = hosts.map((id) => [id, ReadingWidget.get(document.getElementById(id)).state().article]);
    return { found, none: ReadingWidget.get('#more-readers') === undefined };
  }, hosts);
  assert.deepEqual(handles, { found: Object.entries(FIXTURE_HOSTS), none: true });

  // Clicks in one widget change that widget alone, and its events carry its own article.
  for (const [host, toggled] of [
    [`reader-${FIXTURE}`, [MODE, sectionButton(FIXTURE_SECTIONS[0])]],
    [`reader-${SLUG}`, [MODE, sectionButton(SECTIONS[3])]],
    ['reader', [sectionButton(SECTIONS[0]), MODE]],
  ]) {
    const before = await snapshot(page, hosts);
    for (const selector of toggled) await page.locator(`#${host} ${selector}`).click();
    const afterClicks = await snapshot(page, hosts);
    for (const other of hosts) {
      if (other === host) assert.notDeepEqual(afterClicks[other], before[other], `#${host} changed`);
      else assert.deepEqual(afterClicks[other], before[other], `#${other} untouched by clicks in #${host}`);
    }
    const heard = await takeEvents(page);
    assert.equal(heard.length, 2, JSON.stringify(heard));
    for (const event of heard) {
      assert.deepEqual([event.type, event.host, event.article, event.cause], ['change', host, FIXTURE_HOSTS[host], 'user']);
    }
  }

  // A handle from get() drives its own widget alone.
  const before = await snapshot(page, hosts);
  await page.evaluate(async (id) => {
    const { ReadingWidget } = await import('./pkg/reading_widget.js');
    ReadingWidget.get(`#${id}`).expandSection('first-fixture-section');
  }, `reader-${FIXTURE}`);
  const afterApi = await snapshot(page, hosts);
  assert.deepEqual(afterApi.reader, before.reader);
  assert.deepEqual(afterApi[`reader-${SLUG}`], before[`reader-${SLUG}`]);
  assert.deepEqual(afterApi[`reader-${FIXTURE}`].state.expanded, FIXTURE_SECTIONS);
  assert.deepEqual(
    (await takeEvents(page)).map(({ host, article, cause, section }) => [host, article, cause, section]),
    [[`reader-${FIXTURE}`, FIXTURE, 'api', FIXTURE_SECTIONS[0]]],
  );

  // The page's own log shows the events as text.
  const log = await page.locator('#event-log li').allTextContents();
  assert.equal(log.length, 7);
  assert.equal(log[0], `#reader-${FIXTURE}: ${FIXTURE} · api · full · ${FIXTURE_SECTIONS[0]}`);
  assert.ok(log.includes(`#reader-${SLUG}: ${SLUG} · user · full · no section`), log.join('\n'));
  assert.deepEqual(problems, []);
  await close();
});

test('on the shipped build, two widgets of the same article share a page and remember their own state', async () => {
  const { page, problems, close } = await openSite(dist, 'several.html', { widgets: 2, prepare: recordEvents });
  const hosts = ['reader', `reader-${SLUG}`];
  assert.equal(await page.locator('article.rw').count(), 2);
  const ids = await idsOnPage(page);
  assert.deepEqual([ids.repeated, ids.dangling], [[], []]);
  assert.deepEqual(
    (await takeEvents(page)).map(({ type, host, mode }) => [type, host, mode]).sort(),
    [['ready', 'reader', 'full'], ['ready', `reader-${SLUG}`, 'summary']],
  );

  // Fold a section in the first (shown in full), open the second; each changes alone.
  const before = await snapshot(page, hosts);
  await page.locator(`#reader ${sectionButton(SECTIONS[2])}`).click();
  const between = await snapshot(page, hosts);
  assert.deepEqual(between[hosts[1]], before[hosts[1]]);
  await page.locator(`#${hosts[1]} ${MODE}`).click();
  const chosen = await snapshot(page, hosts);
  assert.deepEqual(chosen.reader, between.reader);
  assert.equal(chosen[hosts[1]].state.mode, 'full');
  assert.deepEqual(chosen.reader.state.expanded, SECTIONS.filter((id) => id !== SECTIONS[2]));

  // Each is remembered under its host's id, and comes back as it was left.
  const keys = await page.evaluate(() => Object.keys(sessionStorage).sort());
  assert.deepEqual(keys, [`reading-widget:/several.html:${SLUG}#reader`, `reading-widget:/several.html:${SLUG}#reader-${SLUG}`]);
  await page.reload();
  await page.locator(LIVE).nth(1).waitFor();
  const reloaded = await snapshot(page, hosts);
  for (const host of hosts) assert.deepEqual(reloaded[host].state, chosen[host].state, `#${host} after a reload`);
  assert.deepEqual(problems, []);
  await close();
});

// 4. Events.

test('readingwidget:change says why: user (clicks, keys), api, hash, restore; ready fires once', async () => {
  const { page, problems, close } = await openSite(dist, 'index.html', { prepare: recordEvents });
  await page.waitForTimeout(300); // time for a stray event to arrive
  const initial = { article: SLUG, mode: 'summary', expanded: SECTIONS };
  assert.deepEqual(await takeEvents(page), [{ type: 'ready', host: '', ...initial }], 'only ready on a first visit');
  const change = (cause, mode, expanded, section = null) => ({
    type: 'change',
    host: '',
    article: SLUG,
    mode,
    expanded,
    section,
    cause,
  });
  const without = (...ids) => SECTIONS.filter((id) => !ids.includes(id));

  // The reader: a click, then keys (Space on a section button, Enter on the control).
  await page.locator(MODE).click();
  await page.locator(sectionButton(SECTIONS[1])).focus();
  await page.keyboard.press('Space');
  await page.locator(MODE).focus();
  await page.keyboard.press('Enter');
  assert.deepEqual(await takeEvents(page), [
    change('user', 'full', SECTIONS),
    change('user', 'full', without(SECTIONS[1]), SECTIONS[1]),
    change('user', 'summary', without(SECTIONS[1])),
  ]);
  // Folding the summary list is not news to the host.
  await page.locator('.rw-summary-heading button').click();
  await page.locator('.rw-summary-heading button').click();
  assert.deepEqual(await takeEvents(page), []);

  // The host's own calls; one that changes nothing says nothing.
  await page.evaluate(async ([first, second]) => {
    const { ReadingWidget } = await import('./pkg/reading_widget.js');
    const widget = ReadingWidget.get('reading-widget');
    widget.expandSection(second);
    widget.showFull();
    widget.collapseSection(first);
    widget.toggle();
  }, SECTIONS);
  assert.deepEqual(await takeEvents(page), [
    change('api', 'full', SECTIONS, SECTIONS[1]),
    change('api', 'full', without(SECTIONS[0]), SECTIONS[0]),
    change('api', 'summary', without(SECTIONS[0])),
  ]);

  // The URL's #section-id opens the full text and that section; any other fragment, nothing.
  await page.evaluate(() => {
    location.hash = 'related-heading';
  });
  await page.evaluate((id) => {
    location.hash = id;
  }, SECTIONS[0]);
  await page.waitForFunction(() => window.heard.length > 0, null, { timeout: 2_000 });
  assert.deepEqual(await takeEvents(page), [change('hash', 'full', SECTIONS, SECTIONS[0])]);

  // A reload restores what the tab remembered, says so first, then is ready.
  await page.locator(sectionButton(SECTIONS[2])).click();
  await takeEvents(page);
  await page.evaluate(() => history.replaceState(null, '', location.pathname));
  await page.reload();
  await page.locator(LIVE).waitFor();
  await page.waitForTimeout(300);
  const restored = { article: SLUG, mode: 'full', expanded: without(SECTIONS[2]) };
  assert.deepEqual(await takeEvents(page), [
    change('restore', 'full', without(SECTIONS[2]), SECTIONS[2]),
    { type: 'ready', host: '', ...restored },
  ]);
  assert.equal(await page.evaluate(() => window.heardBeforematch), 0);
  assert.deepEqual(problems, []);
  await close();
});

test("readingwidget:change says 'find' when a text fragment opens folded text, from the widget or the browser", async () => {
  // On the demo page: the tab remembered the summary with the second section folded; the
  // widget reads the text directive as it mounts and opens the section itself.
  const { page, problems, close } = await openSite(dist, 'index.html', { prepare: recordEvents });
  await page.locator(MODE).click();
  await page.locator(sectionButton(SECTIONS[1])).click();
  await page.locator(MODE).click();
  await page.goto('about:blank');
  await page.goto(`${dist.base}index.html#:~:text=Park%20Sun%2Dwon`);
  await page.locator(LIVE).waitFor();
  await page.waitForTimeout(1_000); // past the browser's own search
  const heard = await takeEvents(page);
  assert.deepEqual(
    heard.map(({ type, cause, mode, section }) => [type, cause, mode, section]),
    [
      ['change', 'restore', 'summary', SECTIONS[1]],
      ['change', 'find', 'full', SECTIONS[1]],
      ['ready', undefined, 'full', undefined],
    ],
  );
  await close();
  assert.deepEqual(problems, []);

  // On a page that folds the text again right after mounting, only the browser can open it:
  // Chromium's text-fragment search reaches into the shadow root and fires beforematch there,
  // which the document never hears (it is not composed); the host hears 'find'.
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Refold</title></head>
<body><div id="reader"></div><script type="module">
import init, { ReadingWidget } from './pkg/reading_widget.js';
await init();
const widget = ReadingWidget.mount('#reader', { persist: false });
widget.collapseSection(${JSON.stringify(SECTIONS[1])});
widget.showSummary();
window.heard.splice(0);
</script></body></html>`;
  const refold = await openSite(dist, `refold.html#:~:text=Park%20Sun%2Dwon`, {
    prepare: async (page) => {
      await recordEvents(page);
      await page.route('**/refold.html', (route) => route.fulfill({ contentType: 'text/html', body }));
    },
  });
  await refold.page
    .waitForFunction(() => window.heard.some((event) => event.cause === 'find'), null, { timeout: 5_000 })
    .catch(() => assert.fail('the browser did not reveal the folded text'));
  assert.deepEqual(
    (await takeEvents(refold.page)).map(({ type, host, cause, mode, section }) => [type, host, cause, mode, section]),
    [['change', 'reader', 'find', 'full', SECTIONS[1]]],
  );
  assert.equal(await refold.page.evaluate(() => window.heardBeforematch), 0, 'the document heard beforematch');
  assert.deepEqual(refold.problems, []);
  await refold.close();
});

test("a widget inside another component's shadow root is heard on the document (composed events)", async () => {
  const { page, problems, close } = await openSite(dist, 'index.html', { prepare: recordEvents });
  await takeEvents(page);
  const result = await page.evaluate(async () => {
    const { ReadingWidget } = await import('./pkg/reading_widget.js');
    const component = document.createElement('div');
    component.id = 'component';
    document.body.append(component);
    const host = document.createElement('div');
    host.id = 'inner';
    component.attachShadow({ mode: 'open' }).append(host);
    const paths = [];
    document.addEventListener('readingwidget:change', (event) => paths.push(event.composedPath()[0].id));
    const widget = ReadingWidget.mount(host, { persist: false });
    widget.showFull();
    widget.destroy();
    return paths;
  });
  // Outside the component, the event seems to come from the component (retargeted); its path
  // starts at the widget's own host.
  assert.deepEqual(result, ['inner']);
  assert.deepEqual(
    (await takeEvents(page)).map(({ type, host, cause, mode }) => [type, host, cause, mode]),
    [
      ['ready', 'component', undefined, 'summary'],
      ['change', 'component', 'api', 'full'],
    ],
  );
  assert.deepEqual(problems, []);
  await close();
});

// 5. Misuse, on the release build: a JS Error that names the problem, and a page that goes on.

const DESTROYED = 'this reading widget was destroyed; mount a new one';

// The misuses, called in the page one after another in this order. Each `call` is sent as
// source and handed the page's `ReadingWidget`, `fresh(tag)` (a new element in the body),
// `untouched` (the element the refused mounts are given), `foreign` (an element with a shadow
// root of its own) and, from the row that mounts it, `widget`. `error` is the message of the
// Error the call throws, or 'no error'; a pattern only where the message names a list.
const MISUSES = [
  // What to mount into.
  {
    what: 'mount: a selector that matches nothing',
    call: ({ ReadingWidget }) => ReadingWidget.mount('#no-such-element'),
    error: "no element matches '#no-such-element'",
  },
  {
    what: 'mount: an invalid selector',
    call: ({ ReadingWidget }) => ReadingWidget.mount('<div>'),
    error: "'<div>' is not a valid CSS selector",
  },
  {
    what: 'mount: null',
    call: ({ ReadingWidget }) => ReadingWidget.mount(null),
    error: 'mount needs an Element or a CSS selector, got null',
  },
  {
    what: 'mount: nothing',
    call: ({ ReadingWidget }) => ReadingWidget.mount(),
    error: 'mount needs an Element or a CSS selector, got undefined',
  },
  {
    what: 'mount: a number',
    call: ({ ReadingWidget }) => ReadingWidget.mount(42),
    error: 'mount needs an Element or a CSS selector, got something else',
  },
  {
    what: "mount: the selector of the demo's host, which already has a widget",
    call: ({ ReadingWidget }) => ReadingWidget.mount('reading-widget'),
    error: 'this element already hosts a reading widget; destroy() it first',
  },
  {
    what: "mount: the demo's host element, which already has a widget",
    call: ({ ReadingWidget }) => ReadingWidget.mount(document.querySelector('reading-widget')),
    error: 'this element already hosts a reading widget; destroy() it first',
  },
  {
    what: 'mount: an element with a shadow root of its own',
    call: ({ ReadingWidget, foreign }) => ReadingWidget.mount(foreign),
    error:
      'this element already has a shadow root of its own; mount into an element inside it, or pass { shadow: false }',
  },
  {
    what: 'mount: an <input>, which cannot hold a shadow root',
    call: ({ ReadingWidget, fresh }) => ReadingWidget.mount(fresh('input')),
    error: /^an? <input> cannot hold a shadow root; mount into a <div> or a <section>, or pass \{ shadow: false \}$/,
  },

  // Options.
  {
    what: 'mount: options as a string',
    call: ({ ReadingWidget, untouched }) => ReadingWidget.mount(untouched, 'full'),
    error: "options must be an object like { mode: 'full' } (got string)",
  },
  {
    what: 'mount: options as a function',
    call: ({ ReadingWidget, untouched }) => ReadingWidget.mount(untouched, () => {}),
    error: "options must be an object like { mode: 'full' } (got function)",
  },
  {
    what: 'mount: mode as a number',
    call: ({ ReadingWidget, untouched }) => ReadingWidget.mount(untouched, { mode: 1 }),
    error: "the 'mode' option must be a string (got number)",
  },
  {
    what: 'mount: persist as a string',
    call: ({ ReadingWidget, untouched }) => ReadingWidget.mount(untouched, { persist: 'no' }),
    error: "the 'persist' option must be true or false (got string)",
  },
  {
    what: 'mount: shadow as null',
    call: ({ ReadingWidget, untouched }) => ReadingWidget.mount(untouched, { shadow: null }),
    error: "the 'shadow' option must be true or false (got null)",
  },
  {
    what: 'mount: labels as a string',
    call: ({ ReadingWidget, untouched }) => ReadingWidget.mount(untouched, { labels: 'Read more' }),
    error: "the 'labels' option must be an object of strings (got string)",
  },
  {
    what: 'mount: a misspelt option',
    call: ({ ReadingWidget, untouched }) => ReadingWidget.mount(untouched, { moed: 'full' }),
    error: "unknown option 'moed'; the options are: mode, article, labels, persist, shadow",
  },
  {
    what: 'mount: a misspelt label',
    call: ({ ReadingWidget, untouched }) => ReadingWidget.mount(untouched, { labels: { readfull: 'Read more' } }),
    error: /^unknown label 'readfull'; the labels are: .*\breadFull\b/,
  },
  {
    what: 'mount: an article not compiled in',
    call: ({ ReadingWidget, untouched }) => ReadingWidget.mount(untouched, { article: 'no-such-article' }),
    error: "unknown article 'no-such-article'; the compiled-in articles are: ukraine-war-korean-war",
  },
  {
    what: 'mount: an option whose getter throws',
    call: ({ ReadingWidget, untouched }) =>
      ReadingWidget.mount(untouched, {
        get mode() {
          throw new Error('boom');
        },
      }),
    error: "reading the 'mode' option threw",
  },

  // What to get.
  {
    what: 'get: null',
    call: ({ ReadingWidget }) => ReadingWidget.get(null),
    error: /needs an Element or a CSS selector, got null$/,
  },
  {
    what: 'get: a selector that matches nothing',
    call: ({ ReadingWidget }) => ReadingWidget.get('#no-such-element'),
    error: "no element matches '#no-such-element'",
  },

  // A widget's methods, on a widget mounted after all those refusals.
  {
    what: 'mount: a fresh element, after the refused mounts',
    call: (misuse) => {
      misuse.widget = misuse.ReadingWidget.mount(misuse.fresh());
    },
    error: 'no error',
  },
  {
    what: 'expandSection: an unknown id',
    call: ({ widget }) => widget.expandSection('no-such-section'),
    error: `unknown section 'no-such-section'; the sections are: ${SECTIONS.join(', ')}`,
  },
  // Not a string (found by tests/e2e/model.test.mjs: the glue passed a number on as '' and
  // failed on null with a TypeError of its own).
  {
    what: 'expandSection: a number',
    call: ({ widget }) => widget.expandSection(2),
    error: 'the section id must be a string',
  },
  {
    what: 'collapseSection: null',
    call: ({ widget }) => widget.collapseSection(null),
    error: 'the section id must be a string',
  },
  {
    what: 'expandSection: nothing',
    call: ({ widget }) => widget.expandSection(),
    error: 'the section id must be a string',
  },
  {
    what: 'collapseSection: a symbol',
    call: ({ widget }) => widget.collapseSection(Symbol('the-dead-and-the-deserters')),
    error: 'the section id must be a string',
  },
  { what: 'destroy', call: ({ widget }) => widget.destroy(), error: 'no error' },
  { what: 'toggle after destroy', call: ({ widget }) => widget.toggle(), error: DESTROYED },
  { what: 'showFull after destroy', call: ({ widget }) => widget.showFull(), error: DESTROYED },
  { what: 'showSummary after destroy', call: ({ widget }) => widget.showSummary(), error: DESTROYED },
  { what: 'state after destroy', call: ({ widget }) => widget.state(), error: DESTROYED },
  { what: 'destroy after destroy', call: ({ widget }) => widget.destroy(), error: DESTROYED },
  {
    what: 'expandSection after destroy',
    call: ({ widget }) => widget.expandSection('the-dead-and-the-deserters'),
    error: DESTROYED,
  },
];

test('misusing the API throws an Error naming the problem, and the page keeps working', async () => {
  const { page, problems, close } = await openSite(dist, 'index.html');
  await page.evaluate(async () => {
    const { ReadingWidget } = await import('./pkg/reading_widget.js');
    const listeners = ReadingWidget.liveListeners();
    const fresh = (tag = 'div') => document.body.appendChild(document.createElement(tag));
    const misuse = { ReadingWidget, fresh, untouched: fresh(), foreign: fresh(), listeners };
    misuse.foreign.attachShadow({ mode: 'open' }).textContent = 'theirs';
    /** The message of the Error `call(misuse)` throws, or 'no error'. */
    misuse.outcome = (call) => {
      try {
        call(misuse);
        return 'no error';
      } catch (error) {
        return error instanceof Error ? error.message : `not an Error: ${String(error)}`;
      }
    };
    window.misuse = misuse;
  });
  for (const { what, call, error } of MISUSES) {
    const message = await page.evaluate(`window.misuse.outcome(${call})`);
    // The row's name leads; a pattern goes in the message, which the reporter shows (it
    // leaves a RegExp `expected` blank).
    if (error instanceof RegExp) assert.match(message, error, `${what}: the message does not match ${error}`);
    else assert.equal(message, error, what);
  }
  const after = await page.evaluate(() => {
    const { ReadingWidget, listeners, untouched, foreign } = window.misuse;
    return {
      listeners: [listeners, ReadingWidget.liveListeners()],
      untouched: [untouched.shadowRoot, untouched.outerHTML],
      foreign: foreign.shadowRoot.innerHTML,
    };
  });
  assert.equal(after.listeners[1], after.listeners[0], 'failed mounts left no listener behind');
  assert.deepEqual(after.untouched, [null, '<div></div>'], 'refused mounts leave the element alone');
  assert.equal(after.foreign, 'theirs', "the other shadow root's content is untouched");

  // The page goes on: the demo widget toggles, and so does a widget mounted after all that.
  await page.locator(MODE).click();
  assert.equal(await page.locator(MODE).getAttribute('aria-expanded'), 'true');
  await page.evaluate(async () => {
    const { ReadingWidget } = await import('./pkg/reading_widget.js');
    const host = document.createElement('div');
    host.id = 'after-misuse';
    document.body.append(host);
    ReadingWidget.mount(host, { persist: false });
  });
  const second = page.locator(`#after-misuse ${MODE}`);
  await second.click();
  assert.equal(await second.getAttribute('aria-expanded'), 'true');
  const headings = page.locator(`#after-misuse .rw-section-heading`);
  assert.equal(await headings.evaluateAll((all) => all.filter((h) => h.checkVisibility()).length), SECTIONS.length);
  assert.ok(!problems.some((problem) => problem.includes('unreachable')), problems.join('\n'));
  assert.deepEqual(problems, []);
  await close();
});

// Without a check of its own, a call made before the module has started would fail inside the
// glue with "TypeError: Cannot read properties of undefined", which tells a host nothing.
test('an API call made before the module has started throws an Error saying what to await; after init() it works', async () => {
  const context = await dist.browser.newContext();
  const { page, problems } = await openPreparedPage(context, `${dist.base}before.html`, (page) =>
    page.route('**/before.html', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>before</title></head><body><div id="host"></div></body></html>',
      }),
    ),
  );
  const result = await page.evaluate(async () => {
    const api = await import('./pkg/reading_widget.js');
    const { ReadingWidget } = api;
    const outcome = (call) => {
      try {
        call();
        return 'no error';
      } catch (error) {
        return `${error.constructor.name}: ${error.message}`;
      }
    };
    const calls = {
      mount: () => ReadingWidget.mount('#host'),
      get: () => ReadingWidget.get('#host'),
      articles: () => ReadingWidget.articles(),
      addArticles: () => ReadingWidget.addArticles(new Uint8Array(4)),
      liveListeners: () => ReadingWidget.liveListeners(),
    };
    const before = Object.fromEntries(Object.entries(calls).map(([name, call]) => [name, outcome(call)]));
    await api.default();
    return { before, after: { articles: ReadingWidget.articles().length, mode: ReadingWidget.mount('#host').state().mode } };
  });
  for (const name of ['mount', 'get', 'articles', 'addArticles', 'liveListeners']) {
    assert.equal(result.before[name], `Error: ReadingWidget.${name}() before the module started; await init() first`);
  }
  assert.deepEqual(result.after, { articles: 1, mode: 'summary' }, 'after init()');
  assert.deepEqual(problems, []);
  await context.close();
});

// Found by tests/e2e/model.test.mjs: this warned that the markup "does not match this module"
// and told the publisher to pre-render again, when the host had only asked for another article.
test('a pre-rendered placeholder mounted with another article renders that one afresh, with no warning, and takes its own back after', async () => {
  const { page, problems, close } = await openSite(fixtures, 'several.html', { widgets: 3 });
  const warnings = [];
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  const shown = await page.evaluate(async ([slug, fixture]) => {
    const { ReadingWidget } = await import('./pkg/reading_widget.js');
    const host = document.getElementById('reader');
    const title = () => host.shadowRoot.querySelector('article.rw:has(> .rw-mode:not([hidden])) .rw-title').textContent;
    const staticTitle = host.shadowRoot.querySelector('article.rw .rw-title');
    ReadingWidget.get(host).destroy();
    const other = ReadingWidget.mount(host, { article: fixture, persist: false });
    const titles = [other.state().article, title()];
    other.destroy();
    const own = ReadingWidget.mount(host, { article: slug, persist: false });
    // Its own article is taken over again: the same nodes, not a fresh render.
    const takenOver = host.shadowRoot.querySelector('article.rw .rw-title') === staticTitle;
    return [...titles, own.state().article, takenOver];
  }, [SLUG, FIXTURE]);
  assert.deepEqual(shown, [FIXTURE, 'Test Fixture: A Second Article', SLUG, true]);
  assert.deepEqual(warnings, []);
  assert.deepEqual(problems, []);
  await close();
});

// A page that already uses what the widget names: element ids of the widget's own form
// (rwN-…) and a section's id in its light DOM, decoys with the widget's classes and part names,
// and events of the widget's names that the page sends itself.
test("on a page that already uses the widget's ids, part names and event names, every widget works and keeps its ids its own", async () => {
  const { page, problems, close } = await openSite(dist, 'index.html', { prepare: recordEvents });
  const seen = await page.evaluate(async ([section]) => {
    const { ReadingWidget } = await import('./pkg/reading_widget.js');
    const decoys = document.body.appendChild(document.createElement('div'));
    // Widgets 2, 3, … come next: the page has taken their prefixes, and a section's own id.
    for (const id of ['rw2-title', 'rw3-full', 'rw4-summary-button', 'rw5-s-' + section, section]) {
      decoys.insertAdjacentHTML('beforeend', `<p id="${id}">the page's own #${id}</p>`);
    }
    decoys.insertAdjacentHTML('beforeend', `<article class="rw" part="root"><button class="rw-mode" part="mode-button" aria-expanded="false" data-rw-section="${section}">the page's own</button></article>`);
    const before = decoys.outerHTML;
    const light = document.body.appendChild(document.createElement('div'));
    const shadow = document.body.appendChild(document.createElement('div'));
    const widgets = [ReadingWidget.mount(light, { shadow: false, persist: false }), ReadingWidget.mount(shadow, { persist: false })];
    // The page's own events of the widget's names change nothing.
    for (const host of [light, shadow, document]) {
      host.dispatchEvent(new CustomEvent('readingwidget:change', { bubbles: true, detail: { mode: 'full', cause: 'user' } }));
      host.dispatchEvent(new CustomEvent('readingwidget:ready', { bubbles: true, detail: null }));
    }
    const modes = widgets.map((w) => w.state().mode);
    // Every id the light-DOM widget uses is its own: unique on the page, and every idref in
    // it names an element inside it.
    const ids = [...light.querySelectorAll('[id]')].map((el) => el.id);
    const taken = ids.filter((id) => document.querySelectorAll(`[id="${CSS.escape(id)}"]`).length !== 1);
    const refs = [...light.querySelectorAll('[aria-controls], [aria-labelledby]')]
      .flatMap((el) => `${el.getAttribute('aria-controls') ?? ''} ${el.getAttribute('aria-labelledby') ?? ''}`.split(' '))
      .filter(Boolean);
    const strayRefs = refs.filter((id) => !light.contains(document.getElementById(id)));
    // Both work by click, and the decoys are untouched.
    for (const host of [light, shadow]) (host.shadowRoot ?? host).querySelector('article.rw > button.rw-mode').click();
    (light.querySelector(`button[data-rw-section="${section}"]`)).click();
    const after = widgets.map((w) => w.state());
    widgets.forEach((w) => w.destroy());
    return { modes, prefix: ids[0].split('-')[0], taken, refs: refs.length, strayRefs, after, untouched: decoys.outerHTML === before, listeners: ReadingWidget.liveListeners() };
  }, [SECTIONS[1]]);
  assert.deepEqual(seen.modes, ['summary', 'summary'], "the page's own events changed nothing");
  assert.notEqual(seen.prefix, 'rw2', 'the light-DOM widget skipped the prefix the page uses');
  assert.deepEqual(seen.taken, [], 'ids the light-DOM widget shares with the page');
  assert.ok(seen.refs > 10, `${seen.refs} idrefs checked`);
  assert.deepEqual(seen.strayRefs, [], 'idrefs that name an element outside the widget');
  assert.deepEqual(seen.after.map((s) => s.mode), ['full', 'full']);
  assert.deepEqual(seen.after[0].expanded, SECTIONS.filter((id) => id !== SECTIONS[1]), 'the light-DOM widget folded its own section');
  assert.equal(seen.untouched, true, 'the decoys are as the page made them');
  assert.equal(seen.listeners, 4, "only the demo widget's listeners are left");
  // The document heard the page's own events and the widgets', each as sent.
  const heard = await takeEvents(page);
  assert.equal(heard.filter((e) => e.type === 'change' && e.cause === 'user').length, 3 + 3, JSON.stringify(heard));
  assert.deepEqual(problems, []);
  await close();
});

// JSON.parse replaced by the page before the module loads: wrapped to change what it returns,
// or made to throw. The module never calls it (serde-wasm-bindgen builds the objects), so
// state(), articles(), the events' detail and an element's ready are what they would be.
test("with JSON.parse wrapped or broken by the page, the API, the events and the state are unaffected", async () => {
  for (const replacement of ['wrapped', 'broken']) {
    const { page, problems, close } = await openSite(dist, 'index.html', {
      prepare: (page) =>
        page.addInitScript((replacement) => {
          const original = JSON.parse;
          window.parseCalls = 0;
          window.heard = [];
          document.addEventListener('readingwidget:change', (event) => window.heard.push(event.detail));
          JSON.parse = (text, reviver) => {
            window.parseCalls += 1;
            if (replacement === 'broken') throw new SyntaxError('the page broke JSON.parse');
            const value = original(text, reviver);
            return value && typeof value === 'object' ? { ...value, mode: 'hijacked', hijacked: true } : value;
          };
        }, replacement),
    });
    await page.locator(MODE).click();
    await page.locator(`${sectionButton(SECTIONS[0])}`).click();
    const seen = await page.evaluate(async () => {
      const { ReadingWidget } = await import('./pkg/reading_widget.js');
      const outcome = (call) => {
        try {
          return call();
        } catch (error) {
          return `${error.constructor.name}: ${error.message}`;
        }
      };
      const ready = await document.querySelector('reading-widget').ready.then((state) => state, (error) => `rejected: ${error.message}`);
      const host = document.body.appendChild(document.createElement('div'));
      const widget = ReadingWidget.mount(host, { persist: false });
      widget.toggle();
      const articles = outcome(() => ReadingWidget.articles());
      const result = {
        ready,
        demo: outcome(() => ReadingWidget.get('reading-widget').state()),
        mounted: outcome(() => widget.state()),
        articles: Array.isArray(articles) ? articles.map((a) => [a.slug, a.sections.map((s) => s.id), Object.getPrototypeOf(a) === Object.prototype]) : articles,
        heard: window.heard,
        calls: window.parseCalls,
      };
      widget.destroy();
      return { ...result, listeners: ReadingWidget.liveListeners() };
    });
    assert.deepEqual(seen.ready, { article: SLUG, mode: 'summary', expanded: SECTIONS }, `${replacement}: ready`);
    assert.deepEqual(seen.demo, { article: SLUG, mode: 'full', expanded: SECTIONS.slice(1) }, replacement);
    assert.deepEqual(seen.mounted, { article: SLUG, mode: 'full', expanded: SECTIONS }, replacement);
    assert.deepEqual(seen.articles, [[SLUG, SECTIONS, true]], `${replacement}: articles() are plain objects`);
    assert.deepEqual(
      seen.heard.slice(0, 2),
      [
        { article: SLUG, mode: 'full', expanded: SECTIONS, section: null, cause: 'user' },
        { article: SLUG, mode: 'full', expanded: SECTIONS.slice(1), section: SECTIONS[0], cause: 'user' },
      ],
      `${replacement}: the events' detail`,
    );
    assert.equal(seen.calls, 0, `${replacement}: nothing called the page's JSON.parse`);
    assert.equal(seen.listeners, 4, `${replacement}: the destroyed widget left no listener`);
    assert.deepEqual(problems, [], replacement);
    await close();
  }
});

// A hostile page, set up before the module loads: prototypes polluted with the
// options' own names and with markup, and storage blocked. Every widget still works, reads only
// the options the host gave (its own keys), and writes markup as text.
test('on a page with polluted prototypes and blocked storage, the widgets work and inherited options are ignored', async () => {
  const { page, problems, close } = await openSite(dist, 'index.html', {
    prepare: (page) =>
      page.addInitScript(() => {
        Object.prototype.mode = 'full';
        Object.prototype.persist = 'not a flag';
        Object.prototype.labels = { readFull: '<img src=x onerror="window.pwned = 1">' };
        Array.prototype.extra = () => {};
        Object.defineProperty(window, 'sessionStorage', {
          configurable: true,
          get() {
            throw new DOMException('The storage is blocked', 'SecurityError');
          },
        });
      }),
  });
  const seen = await page.evaluate(async () => {
    const { ReadingWidget } = await import('./pkg/reading_widget.js');
    const demo = ReadingWidget.get('reading-widget').state().mode;
    const plain = document.body.appendChild(document.createElement('div'));
    const inherited = ReadingWidget.mount(plain, {}).state().mode;
    const own = document.body.appendChild(document.createElement('div'));
    own.id = 'own-labels';
    ReadingWidget.mount(own, { mode: 'summary', labels: { readFull: '<img src=x onerror="window.pwned = 2">Open' } });
    const label = (host) => host.shadowRoot.querySelector('.rw-mode .rw-when-closed').textContent;
    return {
      demo,
      inherited,
      plainLabel: label(plain),
      ownLabel: label(own),
      images: [plain, own].map((host) => host.shadowRoot.querySelectorAll('img').length),
    };
  });
  assert.deepEqual(seen, {
    demo: 'summary',
    inherited: 'summary',
    plainLabel: 'Read the full article · 3 min',
    ownLabel: '<img src=x onerror="window.pwned = 2">Open · 3 min',
    images: [0, 0],
  });
  // The controls work with storage refusing every call.
  const mode = page.locator(`${DEMO_HOST} ${MODE}`);
  await mode.click();
  assert.equal(await mode.getAttribute('aria-expanded'), 'true');
  await page.locator(`#own-labels ${MODE}`).click();
  assert.equal(await page.locator(`#own-labels ${MODE}`).getAttribute('aria-expanded'), 'true');
  assert.equal(await page.evaluate(() => window.pwned), undefined, 'no markup ran');
  assert.deepEqual(problems, []);
  await close();
});

// Storage that takes the widget's key but holds junk under it, and refuses every write
// (QuotaExceededError): the remembered state is ignored and toggling still works.
test('with junk under the storage key and every write refused, the widget starts as the page says and works', async () => {
  const { page, problems, close } = await openSite(dist, 'index.html', {
    prepare: (page) =>
      page.addInitScript(() => {
        const key = `reading-widget:${location.pathname}:ukraine-war-korean-war`;
        Storage.prototype.setItem.call(sessionStorage, key, '{"mode":"full"<img src=x onerror="window.pwned=1">');
        Storage.prototype.setItem = () => {
          throw new DOMException('The quota has been exceeded', 'QuotaExceededError');
        };
      }),
  });
  const mode = page.locator(`${DEMO_HOST} ${MODE}`);
  assert.equal(await mode.getAttribute('aria-expanded'), 'false', 'the junk is not a state');
  await mode.click();
  assert.equal(await mode.getAttribute('aria-expanded'), 'true');
  await page.locator(`${DEMO_HOST} ${sectionButton(SECTIONS[1])}`).click();
  assert.equal(await page.locator(`${DEMO_HOST} ${sectionButton(SECTIONS[1])}`).getAttribute('aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.deepEqual(problems, []);
  await close();
});

// A src bug, found while isolating the browser's own text-fragment handling: the widget reads
// the page's text directives from `performance.getEntriesByType('navigation')[0].name`, and
// when there is no such entry (a page or a monitoring script that wraps the Performance API,
// an older engine) the call throws a TypeError out through the module while `start()` holds
// the registry. The widget on the page shows, but the registry stays borrowed: every later
// mount() throws "busy", for as long as the page lives.
test('on a page without a navigation timing entry, the widget mounts and so do the ones after it', async () => {
  const { page, problems, close } = await openSite(dist, 'index.html', {
    prepare: (page) =>
      page.addInitScript(() => {
        const entries = Performance.prototype.getEntriesByType;
        Performance.prototype.getEntriesByType = function (type) {
          return type === 'navigation' ? [] : entries.call(this, type);
        };
      }),
  });
  const second = await page.evaluate(async () => {
    const { ReadingWidget } = await import('./pkg/reading_widget.js');
    const host = document.body.appendChild(document.createElement('div'));
    try {
      return ReadingWidget.mount(host, { persist: false }).state().mode;
    } catch (error) {
      return error.message;
    }
  });
  assert.equal(second, 'summary', 'a second widget mounts');
  assert.deepEqual(problems, []);
  await close();
});
