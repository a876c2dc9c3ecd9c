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
// and nothing reached the console or went uncaught.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { By, Key } from 'selenium-webdriver';
import { cleanUp, firefoxDriver, PROBLEMS, serveWithHook, webkitDriver } from './webdriver.mjs';

const DIST = process.env.E2E_DIST ?? fileURLToPath(new URL('../../dist', import.meta.url));
const PLACEHOLDER = '[data-reading-widget]';

/** The widget's parts inside the placeholder's shadow root. */
async function widget(driver) {
  const host = await driver.findElement(By.css(PLACEHOLDER));
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
    const live = `return [...document.querySelectorAll('${PLACEHOLDER}')].every((host) =>
      host.shadowRoot?.querySelector('article.rw > button.rw-mode:not([hidden])'))`;

    // strict.html, served with STRICT_POLICY: the widget takes over and works by keyboard,
    // with not one securitypolicyviolation (www/csp-violations.js counts them).
    await driver.get(`${base}strict.html`);
    await until(driver, live, 'the widget on strict.html is taken over');
    const { mode } = await widget(driver);
    await driver.executeScript('arguments[0].focus()', mode);
    await driver.actions().sendKeys(Key.ENTER).perform();
    await driver.wait(async () => (await mode.getAttribute('aria-expanded')) === 'true', 5_000, 'Enter opens the full text');
    const root = await (await driver.findElement(By.css(PLACEHOLDER))).getShadowRoot();
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
      ReadingWidget.get('[data-reading-widget]').destroy();
      return { ...left, afterAll: ReadingWidget.liveListeners() };`);
    assert.deepEqual(cycles, { children: 1, listeners: 0, afterAll: 0 }, 'only our marked <slot> is left in the host');
    assert.deepEqual(await problems(), []);
  });
}
