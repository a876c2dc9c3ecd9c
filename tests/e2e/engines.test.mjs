// The release build that ships (dist/) in the two engines the rest of the e2e suite does not
// drive: Firefox (geckodriver) and WebKitGTK (WebKitWebDriver with MiniBrowser, under a
// virtual X server), through selenium-webdriver. The suite's Chromium tests cover the rest;
// this one proves that what `make dist` does after the compiler (nightly std, wasm-opt, the
// shortened import and export names and the glue rewritten to match, the spliced article
// module) still loads and works everywhere: a name the glue and the module spell differently
// is a LinkError at instantiation or a TypeError at the first call, in every engine alike.
//
// Per engine: the demo page's pre-rendered article is taken over (the mode button is shown),
// the mode button opens the full text, a bare placeholder mounted on the same page is styled by
// the stylesheet the glue fetched (src/dom/sheet.js, bundled in: the module does not carry it),
// and nothing reached the console or went uncaught. Then by keyboard under the strict CSP, with
// several widgets, and over 200 mount/destroy cycles. Then <reading-widget> (embed.js): moved
// within the document it keeps its widget, removed it lets go of it and of every listener,
// back it mounts again in the mode the tab remembers; on the fixture site, a widget of an
// article the page did not have fetches it, and one of no article rejects its `ready`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { By, Key } from 'selenium-webdriver';
import { cleanUp, firefoxDriver, PROBLEMS, serveWithHook, webkitDriver } from './webdriver.mjs';

const DIST = process.env.E2E_DIST ?? fileURLToPath(new URL('../../dist', import.meta.url));
// The demo's <reading-widget>; several.html keeps a data-reading-widget placeholder.
const DEMO = 'reading-widget';
const PLACEHOLDER = '[data-reading-widget]';

/** The widget's parts inside the placeholder's shadow root. */
async function widget(driver) {
  const host = await driver.findElement(By.css(DEMO));
  const root = await host.getShadowRoot();
  return {
    mode: await root.findElement(By.css('article.rw > button.rw-mode')),
    paragraphs: await root.findElements(By.css('.rw-panel p')),
  };
}

/**
 * How many of `elements` a reader sees. `checkVisibility()`, as browser.mjs's `visibleCount`:
 * WebDriver's own isDisplayed() counts the text folded inside a closed <details> or
 * `content-visibility: hidden` as shown.
 */
function shown(driver, elements) {
  return driver.executeScript('return [...arguments].filter((element) => element.checkVisibility()).length', ...elements);
}

const ENGINES = [
  ['Firefox', firefoxDriver],
  ['WebKit', webkitDriver],
];

for (const [engine, start] of ENGINES) {
  test(`${engine}: the release build takes over the demo article, opens the full text, styles a bare mount, and says nothing`, async (t) => {
    const atEnd = cleanUp(t);
    const base = await serveWithHook(DIST, atEnd);
    const driver = await start(atEnd);
    await driver.get(base);

    // The pre-rendered article is there before the module; its mode button is shown only once
    // the module has taken it over and listens.
    const { mode, paragraphs } = await widget(driver);
    const problems = () => driver.executeScript(`return window.${PROBLEMS}`);
    try {
      await driver.wait(async () => (await mode.getAttribute('hidden')) === null, 15_000);
    } catch (error) {
      // Say why: a module that cannot start says so on the console (embed.js).
      assert.fail(`the module did not take over the article (${error.name}); the page said: ${JSON.stringify(await problems())}`);
    }
    assert.equal(await mode.getAttribute('aria-expanded'), 'false');
    assert.ok(paragraphs.length > 0, 'the article has paragraphs in its full text');
    // Settled, that is: the take-over may still be animating the disclosure shut.
    await driver.wait(async () => (await shown(driver, paragraphs)) === 0, 5_000, 'the full text starts folded away');

    await mode.click();
    await driver.wait(async () => (await mode.getAttribute('aria-expanded')) === 'true', 5_000, 'the mode button says the full text is open');
    // WebKit lays out (and so reports text and visibility) a moment after the click returns.
    await driver.wait(async () => (await shown(driver, paragraphs)) === paragraphs.length, 5_000, 'every paragraph is shown');
    await driver.wait(async () => (await paragraphs[0].getText()).trim() !== '', 5_000, 'the first paragraph has text');

    // A fresh widget has no <link> of its own: only the fetched sheet can style it. Which of the
    // mode button's two labels shows is the sheet's doing (display: none on the other).
    // A module script of the page's own (WebDriver's scripts cannot import() in every engine),
    // importing the glue embed.js loaded: the same instance.
    await driver.executeScript(`const script = document.createElement('script');
      script.type = 'module';
      script.textContent = \`import { ReadingWidget } from './pkg/reading_widget.js';
        try {
          const host = document.body.appendChild(document.createElement('div'));
          const widget = ReadingWidget.mount(host, { persist: false });
          const root = host.shadowRoot;
          const [sheet] = root.adoptedStyleSheets;
          const label = (which) => root.querySelector('.rw-mode ' + which).checkVisibility();
          window.bareMount = { sheets: root.adoptedStyleSheets.length, rules: sheet ? sheet.cssRules.length : 0,
            closedLabel: label('.rw-when-closed'), openLabel: label('.rw-when-open') };
          widget.destroy();
          host.remove();
        } catch (error) {
          window.bareMount = { error: String(error) };
        }\`;
      document.head.append(script);`);
    await driver.wait(async () => await driver.executeScript('return window.bareMount !== undefined'), 10_000, 'the bare mount ran');
    const bare = await driver.executeScript('return window.bareMount');
    assert.equal(bare.error, undefined);
    assert.equal(bare.sheets, 1, 'the fresh widget adopted one sheet');
    assert.ok(bare.rules > 20, `the sheet holds the widget's rules (${bare.rules})`);
    assert.deepEqual([bare.closedLabel, bare.openLabel], [true, false], 'only "Read the full article" shows');

    assert.deepEqual(await problems(), []);
  });
}

/** Resolves once `script` (run in the page, returning a boolean) is true, or fails saying `what`. */
function until(driver, script, what, ms = 10_000) {
  return driver.wait(async () => (await driver.executeScript(script)) === true, ms, what);
}

/** Runs `body` as a module script of the page's own (WebDriver's scripts cannot import() in every
 * engine) and resolves to what it stores in `window.__result`, or fails with what it threw. */
async function inModule(driver, body) {
  await driver.executeScript(`delete window.__result;
    const script = document.createElement('script');
    script.type = 'module';
    script.textContent = arguments[0];
    document.head.append(script);`, `try { window.__result = { value: await (async () => { ${body} })() }; }
    catch (error) { window.__result = { error: String(error) }; }`);
  await until(driver, 'return window.__result !== undefined', 'the module script ran', 30_000);
  const { value, error } = await driver.executeScript('return window.__result');
  assert.equal(error, undefined);
  return value;
}

for (const [engine, start] of ENGINES) {
  test(`${engine}: the release build by keyboard, under the strict CSP, with several widgets, and over 200 mount/destroy cycles`, async (t) => {
    const atEnd = cleanUp(t);
    const base = await serveWithHook(DIST, atEnd);
    const driver = await start(atEnd);
    const problems = () => driver.executeScript(`return window.${PROBLEMS}`);
    const live = `return [...document.querySelectorAll('${DEMO}')].every((host) =>
      host.shadowRoot?.querySelector('article.rw > button.rw-mode:not([hidden])'))`;

    // strict.html, served with STRICT_POLICY: the widget takes over and works by keyboard,
    // with not one securitypolicyviolation (www/csp-violations.js counts them).
    await driver.get(`${base}strict.html`);
    await until(driver, live, 'the widget on strict.html is taken over');
    const { mode } = await widget(driver);
    await driver.executeScript('arguments[0].focus()', mode);
    await driver.actions().sendKeys(Key.ENTER).perform();
    await driver.wait(async () => (await mode.getAttribute('aria-expanded')) === 'true', 5_000, 'Enter opens the full text');
    const root = await (await driver.findElement(By.css(DEMO))).getShadowRoot();
    const section = await root.findElement(By.css('button[data-rw-section]'));
    await driver.executeScript('arguments[0].focus()', section);
    await driver.actions().sendKeys(Key.SPACE).perform();
    await driver.wait(async () => (await section.getAttribute('aria-expanded')) === 'false', 5_000, 'Space folds the section');
    await section.click();
    await driver.wait(async () => (await section.getAttribute('aria-expanded')) === 'true', 5_000, 'a click unfolds it');
    await driver.actions().sendKeys(Key.ENTER).perform();
    await driver.wait(async () => (await section.getAttribute('aria-expanded')) === 'false', 5_000, 'Enter folds it again');
    assert.equal(await driver.executeScript('return document.documentElement.dataset.cspViolations'), '0',
      `violations: ${JSON.stringify(await driver.executeScript('return window.cspViolations'))}`);
    assert.deepEqual(await problems(), []);

    // several.html: every widget live, each with its own state.
    await driver.get(`${base}several.html`);
    await until(driver, `const hosts = [...document.querySelectorAll('${PLACEHOLDER}, #more-readers > div')];
      return hosts.length === 2 && hosts.every((host) => host.shadowRoot?.querySelector('article.rw > button.rw-mode:not([hidden])'))`,
      'both widgets on several.html are live');
    const modes = await inModule(driver, `const { ReadingWidget } = await import('./pkg/reading_widget.js');
      const hosts = [...document.querySelectorAll('[data-reading-widget], #more-readers > div')];
      const widgets = hosts.map((host) => ReadingWidget.get(host));
      widgets[1].toggle();
      return widgets.map((w) => w.state().mode);`);
    assert.deepEqual(modes, ['full', 'full'], 'the placeholder opens in full (data-mode), the second was toggled to full');
    const more = await inModule(driver, `const { ReadingWidget } = await import('./pkg/reading_widget.js');
      const second = ReadingWidget.get('#more-readers > div');
      second.toggle();
      return [ReadingWidget.get('#reader').state().mode, second.state().mode];`);
    assert.deepEqual(more, ['full', 'summary'], 'toggling one leaves the other');
    assert.deepEqual(await problems(), []);

    // 200 mount/destroy cycles: nothing left, no listener, and the page's widget still works.
    await driver.get(base);
    await until(driver, live, 'the demo widget is taken over');
    const cycles = await inModule(driver, `const { ReadingWidget } = await import('./pkg/reading_widget.js');
      const before = ReadingWidget.liveListeners();
      const host = document.body.appendChild(document.createElement('div'));
      for (let i = 0; i < 200; i++) {
        const widget = ReadingWidget.mount(host, { persist: false });
        widget.toggle();
        widget.destroy();
      }
      const left = { children: host.shadowRoot.children.length, listeners: ReadingWidget.liveListeners() - before };
      host.remove();
      ReadingWidget.get('reading-widget').destroy();
      return { ...left, afterAll: ReadingWidget.liveListeners() };`);
    assert.deepEqual(cycles, { children: 1, listeners: 0, afterAll: 0 }, 'only our marked <slot> is left in the host');
    assert.deepEqual(await problems(), []);
  });
}

const SLUG = 'ukraine-war-korean-war';
const FIXTURE = 'fixture-second-article';
const FIXTURE_DIST = process.env.E2E_FIXTURE_DIST ?? fileURLToPath(new URL('../../target/fixture-dist', import.meta.url));
/** A page of embed.js and two empty parents to put a <reading-widget> in, served beside dist/. */
const ELEMENT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>element</title>
<script type="module" src="./embed.js"></script></head>
<body><main id="one"></main><aside id="two"></aside></body></html>`;
/** The glue, imported by a module script of the test's: the instance embed.js started. */
const GLUE = `const { ReadingWidget } = await import('./pkg/reading_widget.js');`;

for (const [engine, start] of ENGINES) {
  test(`${engine}: <reading-widget> keeps its widget through a move, lets go when removed, mounts again remembered, and fetches an article on demand`, async (t) => {
    const atEnd = cleanUp(t);
    const base = await serveWithHook(DIST, atEnd, { '/element.html': ['text/html', ELEMENT_PAGE] });
    const fixtures = await serveWithHook(FIXTURE_DIST, atEnd);
    const driver = await start(atEnd);
    const problems = () => driver.executeScript(`return window.${PROBLEMS}`);

    // Created, it mounts; moved to another parent in the same task, it keeps the widget: the
    // handle taken before the move still answers (a destroyed widget's handle throws), its
    // article is the same node, and no listener was added or lost.
    await driver.get(`${base}element.html`);
    const moved = await inModule(driver, `await customElements.whenDefined('reading-widget');
      const element = (window.element = document.createElement('reading-widget'));
      element.setAttribute('article', '${SLUG}');
      document.getElementById('one').append(element);
      const first = await element.ready;
      ${GLUE}
      const perWidget = ReadingWidget.liveListeners();
      const handle = ReadingWidget.get(element);
      const article = element.shadowRoot.querySelector('article.rw');
      element.showFull();
      document.getElementById('two').append(element);
      await new Promise((done) => setTimeout(done));
      return { first: [first.article, first.mode], perWidget, parent: element.parentElement.id,
        kept: ReadingWidget.get(element) !== undefined, handleMode: handle.state().mode, mode: element.state().mode,
        sameArticle: element.shadowRoot.querySelector('article.rw') === article, listeners: ReadingWidget.liveListeners() };`);
    assert.ok(moved.perWidget > 0, `a mounted widget listens (${moved.perWidget})`);
    assert.deepEqual(moved, { first: [SLUG, 'summary'], perWidget: moved.perWidget, parent: 'two', kept: true,
      handleMode: 'full', mode: 'full', sameArticle: true, listeners: moved.perWidget });

    // Removed, it lets go a microtask later: no widget, and (the only one on the page) no listener.
    const removed = await inModule(driver, `${GLUE}
      window.element.remove();
      await new Promise((done) => setTimeout(done));
      return { gone: ReadingWidget.get(window.element) === undefined, listeners: ReadingWidget.liveListeners() };`);
    assert.deepEqual(removed, { gone: true, listeners: 0 });

    // Back in the document, it mounts again in the mode the tab remembers.
    const back = await inModule(driver, `${GLUE}
      document.getElementById('one').append(window.element);
      const state = await window.element.ready;
      return { article: state.article, mode: state.mode, listeners: ReadingWidget.liveListeners() };`);
    assert.deepEqual(back, { article: SLUG, mode: 'full', listeners: moved.perWidget });
    assert.deepEqual(await problems(), []);

    // The fixture site's page of one article: a widget of the other article fetches it then.
    await driver.get(fixtures);
    await until(driver, `return !!document.querySelector('${DEMO}')?.shadowRoot
      ?.querySelector('article.rw > button.rw-mode:not([hidden])')`, 'the page\'s own article is taken over');
    const added = await inModule(driver, `${GLUE}
      const before = ReadingWidget.articles().map((article) => article.slug);
      const element = document.createElement('reading-widget');
      element.setAttribute('article', '${FIXTURE}');
      document.body.append(element);
      const state = await element.ready;
      return { before, article: state.article, headline: element.shadowRoot.querySelector('h1')?.textContent.trim(),
        after: ReadingWidget.articles().map((article) => article.slug) };`);
    assert.deepEqual(added, { before: [SLUG], article: FIXTURE, headline: 'Test Fixture: A Second Article', after: [SLUG, FIXTURE] });
    assert.deepEqual(await problems(), []);

    // One that cannot be fetched rejects ready, and embed.js says so once on the console (with
    // the element, which the hook writes as [object …]); nothing else was said.
    const unknown = await inModule(driver, `const element = document.createElement('reading-widget');
      element.setAttribute('article', 'nope');
      document.body.append(element);
      return element.ready.then(() => 'resolved', (error) => error.message);`);
    assert.equal(unknown, "unknown article 'nope' (404)");
    assert.deepEqual((await problems()).map((problem) => problem.replace(/ \[object \w+\]$/, '')),
      ["error: reading-widget: unknown article 'nope' (404)"]);
  });
}

/**
 * A page's own module script after embed.js, importing the glue while embed.js's import of it
 * is still waiting for the stylesheet. The glue waits at its very end (src/api.js), once every
 * export is defined: WebKitGTK 2.50 hands such an importer the module before that wait is
 * over, and with the wait at the top of the bundle (src/dom/sheet.js's, before) `ReadingWidget`
 * was still undefined there, in every load. Firefox waits, as the module spec says.
 */
const EARLY_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>early</title>
<script type="module" src="./embed.js"></script>
<script type="module">import { ReadingWidget, mountAll } from './pkg/reading_widget.js';
window.__early = [typeof ReadingWidget, typeof ReadingWidget?.mount, typeof mountAll].join(' ');</script>
</head><body></body></html>`;

for (const [engine, start] of ENGINES) {
  test(`${engine}: a page's module script importing the glue while embed.js loads it finds every export`, async (t) => {
    const atEnd = cleanUp(t);
    const base = await serveWithHook(DIST, atEnd, { '/early.html': ['text/html', EARLY_PAGE] });
    const driver = await start(atEnd);
    for (let load = 0; load < 3; load++) {
      await driver.get(`${base}early.html?${load}`);
      await until(driver, 'return window.__early !== undefined', 'the page\'s module script ran');
      assert.equal(await driver.executeScript('return window.__early'), 'function function function', `load ${load}`);
    }
    assert.deepEqual(await driver.executeScript(`return window.${PROBLEMS}`), []);
  });
}
