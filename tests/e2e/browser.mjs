// Shared set-up for the end-to-end tests: dist/ served on loopback, Debian's Chromium driven
// by playwright-core (never a downloaded browser: this machine cannot download one).
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Serves dist/ and launches Chromium; `close()` stops both. */
export async function start() {
  const server = await serve(new URL('../../dist', import.meta.url).pathname);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const base = `http://127.0.0.1:${server.address().port}/`;
  return {
    base,
    browser,
    async close() {
      await browser.close();
      await new Promise((done) => server.close(done));
    },
  };
}

/** A new page that records console errors and uncaught exceptions, for asserting none. */
export async function openPage(browser, url) {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(url);
  return { page, problems };
}

/**
 * How many elements matching `selector` a reader can see, once any opening or closing
 * transition is over. `checkVisibility()` understands `hidden="until-found"`, whose
 * `content-visibility: hidden` a bounding-box check would miss.
 */
export function visibleCount(page, selector) {
  return page.evaluate((selector) => {
    document.getAnimations().forEach((animation) => animation.finish());
    return [...document.querySelectorAll(selector)].filter((e) => e.checkVisibility()).length;
  }, selector);
}

/**
 * Like `openPage`, but runs `prepare(page)` first, for what must be in place before the first
 * navigation: init scripts (say, `dir="rtl"` before the module loads) or routes.
 */
export async function openPreparedPage(browser, url, prepare) {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await prepare(page);
  await page.goto(url);
  return { page, problems };
}
