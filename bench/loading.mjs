// How fast a reader sees the article, on the release build (`make dist`) in Debian's headless
// Chromium: the time from navigation start to the first frame with the article's headline on
// screen, and to the widget's `readingwidget:ready` event. Four variants: the page as built,
// with the widget pre-rendered in a declarative shadow root, or "bare" (the same page with the
// pre-rendered widget taken out, as before pre-rendering), each with the WebAssembly module
// held back 2 s or not; and, at 4x CPU throttling, the pre-rendered and bare pages again.
//
//   make bench-loading            (builds dist/ first)
//   node bench/loading.mjs        (on the dist/ that is there; ROUNDS=n, default 15)
//
// Every load gets a fresh browser context, so nothing is cached between loads. The variants take
// turns within each round, in an order rotated every round, so a noisy machine's drift hits
// every variant alike; one untimed warm-up round comes first. Both pages are served from memory
// through the same Playwright route, and the module goes through a route in every variant
// (waiting 0 ms or 2000 ms), so the variants differ only in what they are named for. Exits 1 if
// any load fails: the headline never shows, the widget never becomes ready, or the page errs.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';

const DIST = new URL('../dist/', import.meta.url).pathname;
const VIEWPORT = { width: 390, height: 844 };
const HOLD_MS = 2000;
const THROTTLE = 4;
/** How long one load may take to show the headline and become ready. */
const LOAD_TIMEOUT_MS = 15_000;
const WASM = '**/pkg/reading_widget_bg.wasm';
/** The article's headline: the text a reader sees first. */
const HEADLINE = 'h1.rw-title';
/** The pre-rendered widget: a declarative shadow root inside the page's placeholder. */
const PRERENDERED = /<template shadowrootmode="open">[\s\S]*?<\/template>/;
/** What the placeholder held before pre-rendering, and holds again in the bare page. */
const LOADING = '<p class="loading">Loading the article…</p>';

const VARIANTS = [
  { name: 'pre-rendered', page: 'prerendered', holdMs: 0, throttle: 1 },
  { name: 'bare', page: 'bare', holdMs: 0, throttle: 1 },
  { name: `pre-rendered, module held back ${HOLD_MS / 1000} s`, page: 'prerendered', holdMs: HOLD_MS, throttle: 1 },
  { name: `bare, module held back ${HOLD_MS / 1000} s`, page: 'bare', holdMs: HOLD_MS, throttle: 1 },
  { name: `pre-rendered, CPU ${THROTTLE}x slower`, page: 'prerendered', holdMs: 0, throttle: THROTTLE },
  { name: `bare, CPU ${THROTTLE}x slower`, page: 'bare', holdMs: 0, throttle: THROTTLE },
];

/** A failed load, reported as it is, without a stack. */
class LoadFailed extends Error {}

function rounds() {
  const text = process.env.ROUNDS ?? '15';
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new LoadFailed(`ROUNDS must be a whole number of at least 1, not '${text}'`);
  return n;
}

/** The built page, and the same page without its pre-rendered widget. */
async function pages() {
  const prerendered = await readFile(`${DIST}index.html`, 'utf8').catch(() => {
    throw new LoadFailed(`no ${DIST}index.html: run make dist first (or make bench-loading)`);
  });
  const found = prerendered.match(new RegExp(PRERENDERED, 'g')) ?? [];
  if (found.length !== 1 || !found[0].includes('rw-title')) {
    throw new LoadFailed(
      `dist/index.html should hold one pre-rendered widget with its headline; it has ${found.length} <template shadowrootmode="open">`,
    );
  }
  // The loading line stays as the placeholder's first child, as before pre-rendering.
  const bare = prerendered.replace(PRERENDERED, prerendered.includes(LOADING) ? '' : LOADING);
  if (bare.includes('shadowrootmode') || !bare.includes(LOADING)) {
    throw new LoadFailed('could not make the bare page: dist/index.html is not shaped as expected');
  }
  return { prerendered, bare };
}

/**
 * Runs in the page before anything else: polls every animation frame, in the document and every
 * open shadow root, for a visible headline with text, and records when it first shows and when
 * the widget says it is ready (both `performance.now()`, so from navigation start). Also notes
 * whether the stylesheets linked in the headline's root had loaded by then: a shadow root's
 * `<link rel="stylesheet">` does not block rendering, so the first text may show unstyled.
 */
function recordTimes(headline) {
  window.bench = {};
  document.addEventListener('readingwidget:ready', () => {
    window.bench.readyAt ??= performance.now();
  });
  const find = (scope) => {
    for (const element of scope.querySelectorAll('*')) {
      if (element.matches(headline) && element.textContent.trim() !== '' && element.checkVisibility()) return element;
      const inside = element.shadowRoot && find(element.shadowRoot);
      if (inside) return inside;
    }
    return null;
  };
  const poll = () => {
    const found = find(document);
    if (!found) return requestAnimationFrame(poll);
    window.bench.firstTextAt = performance.now();
    const links = found.getRootNode().querySelectorAll('link[rel="stylesheet"]');
    window.bench.styled = [...links].every((link) => link.sheet !== null);
  };
  requestAnimationFrame(poll);
}

/** One load of `variant` in a fresh context; resolves to its times in ms. */
async function load(browser, base, html, variant) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.addInitScript(recordTimes, HEADLINE);
    await page.route((url) => url.href === base, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: { 'cache-control': 'no-store' },
        body: html[variant.page],
      }),
    );
    let wasmRequests = 0;
    await page.route(WASM, async (route) => {
      wasmRequests += 1;
      await new Promise((done) => setTimeout(done, variant.holdMs));
      await route.continue();
    });
    if (variant.throttle !== 1) {
      const client = await context.newCDPSession(page);
      await client.send('Emulation.setCPUThrottlingRate', { rate: variant.throttle });
    }
    await page.goto(base);
    const done = () => window.bench.firstTextAt !== undefined && window.bench.readyAt !== undefined;
    await page.waitForFunction(done, null, { timeout: LOAD_TIMEOUT_MS, polling: 50 }).catch(() => {});
    const { firstTextAt, readyAt, styled } = (await page.evaluate(() => window.bench)) ?? {};
    const within = `within ${LOAD_TIMEOUT_MS / 1000} s`;
    const failures = [];
    if (firstTextAt === undefined) failures.push(`the headline (${HEADLINE}, visible, with text) never showed ${within}`);
    if (readyAt === undefined) failures.push(`readingwidget:ready never fired ${within}`);
    if (wasmRequests !== 1) failures.push(`the module was requested ${wasmRequests} times, not once`);
    if (variant.holdMs > 0 && readyAt !== undefined && readyAt < variant.holdMs) {
      failures.push(`ready at ${Math.round(readyAt)} ms, before the ${variant.holdMs} ms hold ended`);
    }
    failures.push(...problems);
    if (failures.length > 0) throw new LoadFailed(failures.join('; '));
    return { firstTextAt, readyAt, styled };
  } finally {
    await context.close();
  }
}

function median(sorted) {
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** "median (min–max)" of `values`, in whole ms. */
function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const ms = (value) => Math.round(value);
  return `${ms(median(sorted))} (${ms(sorted[0])}–${ms(sorted.at(-1))})`;
}

async function main() {
  const n = rounds();
  const html = await pages();
  const server = await serve(DIST, 0);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const base = `http://127.0.0.1:${server.address().port}/`;
  const times = VARIANTS.map(() => []);
  const attempt = async (index, round) => {
    try {
      return await load(browser, base, html, VARIANTS[index]);
    } catch (error) {
      if (!(error instanceof LoadFailed)) throw error;
      throw new LoadFailed(`${VARIANTS[index].name}, ${round}: ${error.message}`);
    }
  };
  const loadAverageAtStart = os.loadavg()[0];
  try {
    for (let index = 0; index < VARIANTS.length; index++) await attempt(index, 'warm-up');
    for (let round = 0; round < n; round++) {
      for (let turn = 0; turn < VARIANTS.length; turn++) {
        const index = (round + turn) % VARIANTS.length;
        times[index].push(await attempt(index, `round ${round + 1} of ${n}`));
      }
      process.stderr.write(`round ${round + 1}/${n} done\n`);
    }
    const version = browser.version();
    console.log(`\nChromium ${version}, headless, ${VIEWPORT.width}x${VIEWPORT.height}; ${new Date().toISOString()}`);
    console.log(
      `${os.cpus().length} CPUs, load average ${loadAverageAtStart.toFixed(2)} at start, ${os.loadavg()[0].toFixed(2)} at end; ` +
        'dist/ on loopback, a fresh browser context (empty cache) per load, one warm-up round not counted.\n',
    );
    console.log(
      '| Variant | First article text, ms: median (min–max) | `readingwidget:ready`, ms: median (min–max) | Rounds | Stylesheet loaded at first text |',
    );
    console.log('| --- | --- | --- | --- | --- |');
    VARIANTS.forEach((variant, index) => {
      const loads = times[index];
      const first = spread(loads.map((t) => t.firstTextAt));
      const ready = spread(loads.map((t) => t.readyAt));
      const styled = loads.filter((t) => t.styled).length;
      console.log(`| ${variant.name} | ${first} | ${ready} | ${loads.length} | ${styled} of ${loads.length} |`);
    });
  } finally {
    await browser.close();
    await new Promise((done) => server.close(done));
  }
}

try {
  await main();
} catch (error) {
  if (!(error instanceof LoadFailed)) throw error;
  console.error(`bench-loading: ${error.message}`);
  process.exitCode = 1;
}
