// Shared set-up for the end-to-end tests: dist/ (or the fixture build) served on loopback,
// Debian's Chromium driven by playwright-core (never a downloaded browser: this machine cannot
// download one).
//
// The widget renders into an open shadow root on its host. Playwright's `page.locator(css)`
// pierces open shadow roots; `document.querySelectorAll`, `document.activeElement` and
// `document.getAnimations()` in the page do not. Code that runs in the page goes through
// `inPage`, which hands it `deep` helpers that look into every open shadow root.
import { readdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

/** Debian's Chromium as root, kept off this machine's closed network (bench/ uses them too). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/**
 * A widget the module has mounted or taken over: its mode button is shown. Pre-rendered pages
 * have `article.rw` before the module runs, with that button hidden, so waiting for the
 * article alone would not wait for the module.
 */
export const LIVE = 'article.rw:has(> button.rw-mode:not([hidden]))';

/** What `start` can serve: `make dist`, or `make fixture-dist` (the fixture article as well). */
const SITES = {
  dist: '../../dist',
  fixtures: '../../target/fixture-dist',
};

/**
 * Serves a built site and launches Chromium; `close()` stops both. `site` is 'dist' (the
 * shipped build, the default) or 'fixtures' (the same pages, with the test-only article
 * `fixture-second-article` compiled in next to the real one). `requests` lists what the server
 * answered: `{ path, status }`.
 */
export async function start({ site = 'dist' } = {}) {
  const server = await serve(siteDir(site));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const base = `http://127.0.0.1:${server.address().port}/`;
  // Every request the server answered, in order: what a page really downloaded (a file the
  // browser took from its cache never reaches the server).
  const requests = [];
  server.on('request', (request, response) =>
    response.on('finish', () => requests.push({ path: request.url, status: response.statusCode })),
  );
  return {
    base,
    browser,
    requests,
    async close() {
      await browser.close();
      await new Promise((done) => server.close(done));
    },
  };
}

/** The folder `site` (as `start` takes it) is served from. */
function siteDir(site) {
  if (!(site in SITES)) throw new Error(`unknown site '${site}'; use ${Object.keys(SITES).join(' or ')}`);
  // E2E_DIST serves another build of the site in place of dist/ (a quick check of a build made
  // elsewhere); the suite itself always runs on the Makefile's dist/.
  return site === 'dist' && process.env.E2E_DIST ? process.env.E2E_DIST : new URL(SITES[site], import.meta.url).pathname;
}

/**
 * The path `slug`'s article file is served at in `site`: /pkg/articles/<slug>.<build>.bin,
 * with the build read off the site's own files, so that a test asks for what the site holds.
 */
export function articlePath(slug, site = 'dist') {
  const dir = `${siteDir(site)}/pkg/articles`;
  const named = readdirSync(dir).filter((file) => file.startsWith(`${slug}.`) && /^\.[0-9a-f]{16}\.bin$/.test(file.slice(slug.length)));
  if (named.length !== 1) throw new Error(`${dir} holds ${named.length} files of '${slug}', not one: run make dist`);
  return `/pkg/articles/${named[0]}`;
}

/** A new page that records console errors and uncaught exceptions, for asserting none. */
export async function openPage(browser, url) {
  return openPreparedPage(browser, url, () => {});
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

// The `deep` helpers. They run in the page, so each must be self-contained (no closures over
// this module): `inPage` sends their source along with the function that uses them.

/** Every element matching `selector` in `root` and in the open shadow roots under it. */
function all(selector, root = document) {
  const found = [];
  const walk = (scope) => {
    for (const element of scope.querySelectorAll('*')) {
      if (element.matches(selector)) found.push(element);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  walk(root);
  return found;
}

/** The first element matching `selector`, looking into open shadow roots; null if none. */
function one(selector, root = document) {
  const walk = (scope) => {
    for (const element of scope.querySelectorAll('*')) {
      if (element.matches(selector)) return element;
      const inside = element.shadowRoot && walk(element.shadowRoot);
      if (inside) return inside;
    }
    return null;
  };
  return walk(root);
}

/** The document and every open shadow root in it. */
function roots() {
  const found = [document];
  const walk = (scope) => {
    for (const element of scope.querySelectorAll('*')) {
      if (element.shadowRoot) {
        found.push(element.shadowRoot);
        walk(element.shadowRoot);
      }
    }
  };
  walk(document);
  return found;
}

/** The focused element itself: `document.activeElement` is only the outermost shadow host. */
function active() {
  let element = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element;
}

/** Every running animation, in the document and in shadow roots (each has its own list). */
function animations() {
  const found = [];
  const walk = (scope) => {
    found.push(...scope.getAnimations());
    for (const element of scope.querySelectorAll('*')) if (element.shadowRoot) walk(element.shadowRoot);
  };
  walk(document);
  return found;
}

/**
 * Ends running transitions, so a check sees the settled page. One pass is not always enough:
 * the subtree of a `content-visibility: hidden` element gets its style (and so its own
 * transitions) only once that element is shown, e.g. the panels inside the full text when
 * print media shows it.
 */
function finishAnimations() {
  for (let round = 0; round < 10; round++) {
    const running = animations(); // also brings style up to date
    if (running.length === 0) return;
    running.forEach((animation) => animation.finish());
  }
}

// Function declarations, so their source declares them again in the page.
const HELPERS = [all, one, roots, active, animations, finishAnimations].join('\n');

/**
 * `page.evaluate(fn, arg)`, where `fn(arg, deep)` also gets the `deep` helpers: `all` and
 * `one` (querySelectorAll and querySelector into open shadow roots), `roots`, `active` (the
 * focused element inside shadow roots), `animations` and `finishAnimations` (in every root).
 * `arg` must survive JSON. Sent as one expression, so the helpers travel with it; DevTools
 * evaluates it, so a page's Content Security Policy does not apply to it.
 */
export function inPage(page, fn, arg) {
  return page.evaluate(`(() => {
    ${HELPERS}
    const deep = { all, one, roots, active, animations, finishAnimations };
    return (${fn})(${JSON.stringify(arg ?? null)}, deep);
  })()`);
}

/** Ends every running transition, in the document and in shadow roots. */
export function settle(page) {
  return inPage(page, (_, deep) => deep.finishAnimations());
}

/**
 * How many elements matching `selector` (in the document and in shadow roots) a reader can
 * see, once any opening or closing transition is over. `checkVisibility()` understands
 * `hidden="until-found"`, whose `content-visibility: hidden` a bounding-box check would miss.
 */
export function visibleCount(page, selector) {
  return inPage(
    page,
    (selector, deep) => {
      deep.finishAnimations();
      return deep.all(selector).filter((element) => element.checkVisibility()).length;
    },
    selector,
  );
}
