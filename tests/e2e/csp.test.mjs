// The demo under a strict Content Security Policy with Trusted Types (www/strict.html, served by
// scripts/serve.mjs with STRICT_POLICY), on the release build in Debian's headless Chromium.
// It proves three things: the header is sent, the browser enforces it (a control that breaks
// the policy on purpose is refused and counted), and under it the widget mounts, is styled and
// works, with not one violation. www/csp-violations.js counts the violations: the page may run
// no inline script, so it is an external one, loaded before the module.
//
// The widget may render into an open shadow root on its host, so every query goes through a
// Playwright locator (which pierces open shadow roots) and never `document.querySelector`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPreparedPage, LIVE } from './browser.mjs';
import { STRICT_POLICY } from '../../scripts/serve.mjs';

const MODE = 'button.rw-mode';
const SECTION = 'button[data-rw-section]';
const SUMMARY_ITEMS = '.rw-summary-list li';
const SECTIONS = 4; // as content/ukraine-war-korean-war.md has them
const ACCENT = 'rgb(164, 22, 26)'; // --rw-accent, light scheme (crates/view/styles.css)

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** strict.html once the widget has mounted, with the response that carried the page. */
async function openStrict() {
  const url = `${env.base}strict.html`;
  let response;
  const opened = await openPreparedPage(env.browser, url, (page) => {
    response = page.waitForResponse((candidate) => candidate.url() === url);
  });
  await opened.page.locator(LIVE).waitFor({ timeout: 10_000 });
  return { ...opened, response: await response };
}

/** What www/csp-violations.js recorded: the count on <html> and each violation. */
function violations(page) {
  return page.evaluate(() => ({
    count: document.documentElement.dataset.cspViolations,
    list: window.cspViolations,
  }));
}

/**
 * How many elements matching `css` a reader can see, once transitions are over. Like
 * browser.mjs's visibleCount, but through a locator, and finishing the animations of the
 * element's own root too (a shadow root has its own getAnimations()).
 */
function shown(page, css) {
  return page.locator(css).evaluateAll((elements) => {
    for (const root of new Set([document, ...elements.map((element) => element.getRootNode())])) {
      root.getAnimations().forEach((animation) => animation.finish());
    }
    return elements.filter((element) => element.checkVisibility()).length;
  });
}

/** The focused element's `data-<name>`, looking through shadow roots to the innermost one. */
function focusedData(page, name) {
  return page.evaluate((name) => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element?.dataset[name] ?? element?.tagName.toLowerCase();
  }, name);
}
/** 'mode' when the mode button has focus: the control is known by its class. */
const focusedAction = (page) =>
  page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element?.classList.contains('rw-mode') ? 'mode' : element?.tagName.toLowerCase();
  });
const focusedSection = (page) => focusedData(page, 'rwSection');

test('strict.html is served with exactly STRICT_POLICY, and index.html without it', async () => {
  // Spelt out once here as well, so loosening the constant (say, with 'unsafe-inline' to make
  // the widget pass) fails this test instead of quietly weakening the whole file.
  assert.equal(
    STRICT_POLICY,
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'",
  );
  const { page, response } = await openStrict();
  assert.equal(response.status(), 200);
  assert.equal(response.headers()['content-security-policy'], STRICT_POLICY);
  assert.ok(
    await page.getByText('served under a strict Content Security Policy with Trusted Types').isVisible(),
    'the page says what it is',
  );
  await page.close();

  // The other pages keep their freedom (index.html's favicon is a data: URL, for one).
  const demo = await env.browser.newPage();
  const index = await demo.goto(env.base);
  assert.equal(index.status(), 200);
  assert.equal(index.headers()['content-security-policy'], undefined);
  await demo.close();
});

// The control, in a page load of its own so that it cannot add to the widget's count below:
// if the browser did not enforce the policy, or the counter did not count, this fails. It
// looks only at what it adds itself, so it holds whatever the widget did on load.
test('the policy is enforced: innerHTML needs TrustedHTML, eval and inline <style> are refused and counted', async () => {
  const { page } = await openStrict();
  const before = await violations(page);
  assert.equal(before.count, String(before.list.length), 'csp-violations.js ran and counts');

  const refused = await page.evaluate(async () => {
    const attempt = (run) => {
      try {
        run();
        return 'allowed';
      } catch (error) {
        return `${error.name}: ${error.message}`;
      }
    };
    return {
      innerHTML: attempt(() => {
        document.createElement('div').innerHTML = '<b>markup</b>';
      }),
      // In a task of its own: while DevTools' own call runs (and page.evaluate is one),
      // Chromium lets eval past the policy. A string is stopped by Trusted Types; a
      // TrustedScript passes them and is stopped by script-src, which has no 'unsafe-eval'.
      ...(await new Promise((done) =>
        setTimeout(() => {
          const policy = trustedTypes.createPolicy('csp-test', { createScript: (text) => text });
          done({
            evalString: attempt(() => eval('1 + 1')),
            evalTrusted: attempt(() => eval(policy.createScript('2 + 2'))),
          });
        }),
      )),
    };
  });
  assert.match(refused.innerHTML, /^TypeError: .*TrustedHTML/);
  assert.match(refused.evalString, /^EvalError: /);
  assert.match(refused.evalTrusted, /^EvalError: /);

  // An inline <style> that would turn the page red: refused, so the page stays as it was.
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const unstyled = await background();
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = 'body { background: rgb(255, 0, 0) !important; }';
    document.head.append(style);
  });
  const expected = before.list.length + 4;
  await page.waitForFunction((n) => window.cspViolations.length >= n, expected, { timeout: 2_000 });
  assert.equal(await background(), unstyled, 'the inline style did not apply');

  // Each refusal was counted, under the directive that made it (Trusted Types report a sample
  // of what they refused; the others would need 'report-sample' in the policy).
  const after = await violations(page);
  assert.deepEqual(after.list.slice(before.list.length), [
    { directive: 'require-trusted-types-for', blocked: 'trusted-types-sink', sample: 'Element innerHTML|<b>markup</b>' },
    { directive: 'require-trusted-types-for', blocked: 'trusted-types-sink', sample: 'eval|1 + 1' },
    { directive: 'script-src', blocked: 'eval', sample: '' },
    { directive: 'style-src-elem', blocked: 'inline', sample: '' },
  ]);
  assert.equal(after.count, String(expected));
  await page.close();
});

test('under the strict policy the widget mounts with no violation and no console error', async () => {
  const { page, problems } = await openStrict();
  assert.equal(await shown(page, SUMMARY_ITEMS), 3, 'the summary shows');
  const { count, list } = await violations(page);
  assert.equal(count, '0', `CSP violations: ${JSON.stringify(list)}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test("under the strict policy the widget's stylesheet applies", async () => {
  const { page } = await openStrict();
  // A UA button is square and grey; the widget's control is a pill on the accent colour.
  const look = await page.locator(MODE).evaluate((button) => {
    const style = getComputedStyle(button);
    return { background: style.backgroundColor, radius: parseFloat(style.borderTopLeftRadius) };
  });
  assert.equal(look.background, ACCENT, 'the widget stylesheet colours the control');
  assert.ok(look.radius > 0, `the widget stylesheet rounds the control (border-radius ${look.radius}px)`);
  await page.close();
});

test('under the strict policy the widget works by mouse and keyboard, with no violation', async () => {
  const { page, problems } = await openStrict();
  assert.equal(await shown(page, SUMMARY_ITEMS), 3);
  assert.equal(await shown(page, SECTION), 0, 'the full text is folded away');

  // The mouse: the control shows the full text, a section button folds and unfolds its panel.
  const control = page.locator(MODE);
  await control.click();
  assert.equal(await control.getAttribute('aria-expanded'), 'true');
  assert.equal(await shown(page, SECTION), SECTIONS);
  const first = page.locator(SECTION).first();
  const paragraphs = `#${await first.getAttribute('aria-controls')} p`;
  const all = await page.locator(paragraphs).count();
  assert.ok(all > 0);
  assert.equal(await shown(page, paragraphs), all, 'the first section starts open');
  await first.click();
  assert.equal(await first.getAttribute('aria-expanded'), 'false');
  assert.equal(await shown(page, paragraphs), 0, 'folded');
  await first.click();
  assert.equal(await first.getAttribute('aria-expanded'), 'true');
  assert.equal(await shown(page, paragraphs), all, 'unfolded');

  // The keyboard: ArrowDown moves to the next section button, Space folds it, Enter on the
  // control goes back to the summary.
  await first.focus();
  await page.keyboard.press('ArrowDown');
  const second = page.locator(SECTION).nth(1);
  assert.equal(await focusedSection(page), await second.getAttribute('data-rw-section'), 'ArrowDown moved focus');
  await page.keyboard.press('Space');
  assert.equal(await second.getAttribute('aria-expanded'), 'false');
  await control.focus();
  assert.equal(await focusedAction(page), 'mode');
  await page.keyboard.press('Enter');
  assert.equal(await control.getAttribute('aria-expanded'), 'false');
  assert.equal(await shown(page, SECTION), 0);
  assert.equal(await shown(page, SUMMARY_ITEMS), 3);

  const { count, list } = await violations(page);
  assert.equal(count, '0', `CSP violations: ${JSON.stringify(list)}`);
  assert.deepEqual(problems, []);
  await page.close();
});
