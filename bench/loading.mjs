// How fast a reader sees the article, on the release build (`make dist`) in Debian's headless
// Chromium: the time from navigation start to the first frame with the article's headline on
// screen, and to the widget's `readingwidget:ready` event. The page as built, with the widget
// pre-rendered in a declarative shadow root, or "bare" (the same page with the pre-rendered
// widget taken out, as before pre-rendering), each:
//   - on loopback, the module held back 2 s or not;
//   - at 4x CPU throttling;
//   - on a phone profile: 1.6 Mbit/s down (200,000 B/s), 750 kbit/s up, 150 ms latency
//     (CDP Network.emulateNetworkConditions) and the CPU 4x slower.
//
//   make bench-loading            (builds dist/ first)
//   node bench/loading.mjs        (on the dist/ that is there; ROUNDS=n, default 15)
//   BASELINE=/tmp/old-dist ONLY=phone node bench/loading.mjs
//                                 (every variant whose name has ONLY in it, on dist/ and on
//                                 another build's dist/ alike, in the same rounds)
//   make bench                    (runs it too, as one section of BENCHMARKS.md)
//
// Both pages are real files served by scripts/serve.mjs (from a copy of dist/ with the bare page
// added, target/bench/loading-site/), gzip-compressed as a web server would send them: the
// network emulation throttles what comes over the network, and Playwright's `route.fulfill`
// answers would skip it. Only the held-back variants route the module (`route.continue` after
// 2000 ms); no other request is routed, so what the browser fetches and compiles goes its
// ordinary way. What a load downloads is counted where it arrives: every request the server
// answers during the load, with the bytes it sent (compressed), and the module must be asked
// for exactly once.
//
// Every load gets a fresh browser context, so nothing is cached between loads. The variants take
// turns within each round, in an order rotated every round, so a noisy machine's drift hits
// every variant alike; one untimed warm-up round comes first. Exits 1 if any load fails: the
// headline never shows, the widget never becomes ready, or the page errs.
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';
import { BenchFailed, fixed, median, spread, wholeNumber } from './stats.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const DIST = `${ROOT}dist/`;
const SITE = `${ROOT}target/bench/loading-site/`;
const BARE = 'bare.html';
export const VIEWPORT = { width: 390, height: 844 };
const HOLD_MS = 2000;
const THROTTLE = 4;
/** A mid-range phone on a slow mobile network (Lighthouse's "slow 4G" figures). */
export const PHONE = { latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 };
/** How long one load may take to show the headline and become ready. */
const LOAD_TIMEOUT_MS = 15_000;
/**
 * The module, whichever the page loads: the code module named by its hash (its article comes
 * in pkg/articles/<slug>.<build>.bin), or, in builds before commit 4c84346, the article's own module
 * (pkg/articles/<slug>.wasm) or every article's.
 */
const WASM = '**/pkg/**/*.wasm';
const IS_WASM = /\/pkg\/.*\.wasm$/;
/** The article's headline: the text a reader sees first. */
const HEADLINE = 'h1.rw-title';
/** The pre-rendered widget: a declarative shadow root inside the page's placeholder. */
const PRERENDERED = /<template shadowrootmode="open">[\s\S]*?<\/template>/;
/** What the placeholder held before pre-rendering, and holds again in the bare page. */
const LOADING = '<p class="loading">Loading the article…</p>';

export const VARIANTS = [
  { name: 'pre-rendered', page: 'prerendered', holdMs: 0, throttle: 1 },
  { name: 'bare', page: 'bare', holdMs: 0, throttle: 1 },
  { name: `pre-rendered, module held back ${HOLD_MS / 1000} s`, page: 'prerendered', holdMs: HOLD_MS, throttle: 1 },
  { name: `bare, module held back ${HOLD_MS / 1000} s`, page: 'bare', holdMs: HOLD_MS, throttle: 1 },
  { name: `pre-rendered, CPU ${THROTTLE}x slower`, page: 'prerendered', holdMs: 0, throttle: THROTTLE },
  { name: `bare, CPU ${THROTTLE}x slower`, page: 'bare', holdMs: 0, throttle: THROTTLE },
  { name: 'pre-rendered, phone (1.6 Mbit/s, 150 ms, CPU 4x)', page: 'prerendered', holdMs: 0, throttle: THROTTLE, network: PHONE },
  { name: 'bare, phone (1.6 Mbit/s, 150 ms, CPU 4x)', page: 'bare', holdMs: 0, throttle: THROTTLE, network: PHONE },
];

/** dist/index.html as built, and the same page without its pre-rendered widget. */
export async function pages(dist = DIST) {
  const prerendered = await readFile(`${dist}index.html`, 'utf8').catch(() => {
    throw new BenchFailed(`no ${dist}index.html: run make dist first (or make bench-loading)`);
  });
  const found = prerendered.match(new RegExp(PRERENDERED, 'g')) ?? [];
  if (found.length !== 1 || !found[0].includes('rw-title')) {
    throw new BenchFailed(
      `dist/index.html should hold one pre-rendered widget with its headline; it has ${found.length} <template shadowrootmode="open">`,
    );
  }
  // The loading line stays as the placeholder's first child, as before pre-rendering.
  const bare = prerendered.replace(PRERENDERED, prerendered.includes(LOADING) ? '' : LOADING);
  if (bare.includes('shadowrootmode') || !bare.includes(LOADING)) {
    throw new BenchFailed('could not make the bare page: dist/index.html is not shaped as expected');
  }
  return { prerendered, bare };
}

/**
 * Serves `dir` with scripts/serve.mjs, its answers gzip-compressed (-9) when the browser takes
 * gzip, as a production server or CDN would send them.
 */
export async function serveCompressed(dir) {
  const server = await serve(dir, 0);
  // Every answer, in order: `{ path, status, bytes }` (the body's bytes as sent).
  server.answered = [];
  const [handler] = server.listeners('request');
  server.removeAllListeners('request');
  server.on('request', (request, response) => {
    const writeHead = response.writeHead.bind(response);
    const end = response.end.bind(response);
    let head = [200, {}];
    response.writeHead = (status, headers = {}) => {
      head = [status, headers];
      return response;
    };
    response.end = (body) => {
      const [status, headers] = head;
      if (status === 200 && body && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
        body = gzipSync(body, { level: 9 });
        headers['content-encoding'] = 'gzip';
        headers.vary = 'accept-encoding';
      }
      server.answered.push({ path: new URL(request.url, 'http://x').pathname, status, bytes: body ? Buffer.byteLength(body) : 0 });
      writeHead(status, headers);
      return end(body);
    };
    handler(request, response);
  });
  return server;
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
async function load(browser, server, base, variant) {
  const from = server.answered.length;
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.addInitScript(recordTimes, HEADLINE);
    if (variant.holdMs > 0) {
      await page.route(WASM, async (route) => {
        await new Promise((done) => setTimeout(done, variant.holdMs));
        await route.continue();
      });
    }
    if (variant.throttle !== 1 || variant.network) {
      const client = await context.newCDPSession(page);
      if (variant.throttle !== 1) await client.send('Emulation.setCPUThrottlingRate', { rate: variant.throttle });
      if (variant.network) {
        await client.send('Network.enable');
        await client.send('Network.emulateNetworkConditions', { offline: false, ...variant.network });
      }
    }
    const site = `${base}${variant.site ?? ''}`;
    await page.goto(variant.page === 'bare' ? `${site}${BARE}` : site);
    const done = () => window.bench.firstTextAt !== undefined && window.bench.readyAt !== undefined;
    await page.waitForFunction(done, null, { timeout: LOAD_TIMEOUT_MS, polling: 50 }).catch(() => {});
    const { firstTextAt, readyAt, styled } = (await page.evaluate(() => window.bench)) ?? {};
    const answered = server.answered.slice(from);
    const wasmRequests = answered.filter(({ path }) => IS_WASM.test(path)).length;
    const within = `within ${LOAD_TIMEOUT_MS / 1000} s`;
    const failures = [];
    if (firstTextAt === undefined) failures.push(`the headline (${HEADLINE}, visible, with text) never showed ${within}`);
    if (readyAt === undefined) failures.push(`readingwidget:ready never fired ${within}`);
    if (wasmRequests !== 1) failures.push(`the module was requested ${wasmRequests} times, not once`);
    if (variant.holdMs > 0 && readyAt !== undefined && readyAt < variant.holdMs) {
      failures.push(`ready at ${Math.round(readyAt)} ms, before the ${variant.holdMs} ms hold ended`);
    }
    failures.push(...problems);
    if (failures.length > 0) throw new BenchFailed(failures.join('; '));
    return { firstTextAt, readyAt, styled, bytes: answered.reduce((sum, { bytes }) => sum + bytes, 0), requests: answered.length };
  } finally {
    await context.close();
  }
}

/**
 * Loads every variant `rounds` times in `browser` (after one warm-up round), alternated in a
 * rotated order; resolves to one row per variant: `{ variant, loads: [{ firstTextAt, readyAt,
 * styled }] }`.
 */
export async function measureLoading(browser, { rounds, variants = VARIANTS, baseline, log = () => {} }) {
  const html = await pages();
  await rm(SITE, { recursive: true, force: true });
  await cp(DIST, SITE, { recursive: true });
  await writeFile(`${SITE}${BARE}`, html.bare);
  if (baseline) {
    // Another build's site beside this one, its pages loaded from their own folder.
    await cp(baseline, `${SITE}${BASELINE_DIR}`, { recursive: true });
    await writeFile(`${SITE}${BASELINE_DIR}${BARE}`, (await pages(baseline)).bare);
    variants = variants.flatMap((variant) => [variant, { ...variant, name: `${variant.name}, baseline`, site: BASELINE_DIR }]);
  }
  const server = await serveCompressed(SITE);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const times = variants.map(() => []);
  const attempt = async (index, round) => {
    try {
      return await load(browser, server, base, variants[index]);
    } catch (error) {
      if (!(error instanceof BenchFailed)) throw error;
      throw new BenchFailed(`${variants[index].name}, ${round}: ${error.message}`);
    }
  };
  try {
    for (let index = 0; index < variants.length; index++) await attempt(index, 'warm-up');
    for (let round = 0; round < rounds; round++) {
      for (let turn = 0; turn < variants.length; turn++) {
        const index = (round + turn) % variants.length;
        times[index].push(await attempt(index, `round ${round + 1} of ${rounds}`));
      }
      log(`loading: round ${round + 1}/${rounds} done`);
    }
  } finally {
    await new Promise((done) => server.close(done));
  }
  return variants.map((variant, index) => ({ variant, loads: times[index] }));
}

/** Where a BASELINE build's site is put, inside the served site. */
const BASELINE_DIR = 'baseline/';

/** The rows as a Markdown table: medians (min–max) in whole ms. */
export function loadingTable(rows) {
  const lines = [
    '| Variant | First article text, ms: median (min–max) | `readingwidget:ready`, ms: median (min–max) | Rounds | Stylesheet loaded at first text | Sent by the server, B (requests): median |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const { variant, loads } of rows) {
    const first = spread(loads.map((t) => t.firstTextAt));
    const ready = spread(loads.map((t) => t.readyAt));
    const styled = loads.filter((t) => t.styled).length;
    const sent = `${fixed(median(loads.map((t) => t.bytes)))} (${fixed(median(loads.map((t) => t.requests)))})`;
    lines.push(`| ${variant.name} | ${first} | ${ready} | ${loads.length} | ${styled} of ${loads.length} | ${sent} |`);
  }
  return lines.join('\n');
}

/**
 * With a baseline: each variant's median against the baseline's, as "after − before" in ms
 * (positive: slower now), and the median (min–max) of the differences within each round, one
 * line per variant.
 */
export function baselineTable(rows) {
  const lines = [
    '| Variant | First text: after − before, ms (medians) | per round: median (min–max) | Ready: after − before, ms (medians) | per round: median (min–max) |',
    '| --- | --- | --- | --- | --- |',
  ];
  const signed = (value) => `${value > 0 ? '+' : value < 0 ? '−' : '±'}${fixed(Math.abs(value))}`;
  for (const after of rows.filter(({ variant }) => !variant.site)) {
    const before = rows.find(({ variant }) => variant.site && variant.name === `${after.variant.name}, baseline`);
    if (!before) continue;
    const diff = (key) => {
      const [a, b] = [median(after.loads.map((t) => t[key])), median(before.loads.map((t) => t[key]))];
      return `${signed(a - b)} (${fixed(a)} vs ${fixed(b)})`;
    };
    // The two loads of one round ran next to each other: their difference is spared the
    // machine's drift between rounds.
    const paired = (key) => {
      const diffs = after.loads.map((t, round) => t[key] - before.loads[round][key]).sort((x, y) => x - y);
      return `${signed(median(diffs))} (${signed(diffs[0])} to ${signed(diffs.at(-1))})`;
    };
    lines.push(`| ${after.variant.name} | ${diff('firstTextAt')} | ${paired('firstTextAt')} | ${diff('readyAt')} | ${paired('readyAt')} |`);
  }
  return lines.join('\n');
}

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

async function main() {
  const rounds = wholeNumber('ROUNDS', 15);
  const browser = await launch();
  const loadAverageAtStart = os.loadavg()[0];
  try {
    const only = process.env.ONLY;
    const variants = only ? VARIANTS.filter((variant) => variant.name.includes(only)) : VARIANTS;
    const baseline = process.env.BASELINE ? `${process.env.BASELINE.replace(/\/$/, '')}/` : undefined;
    const rows = await measureLoading(browser, { rounds, variants, baseline, log: (line) => process.stderr.write(`${line}\n`) });
    console.log(`\nChromium ${browser.version()}, headless, ${VIEWPORT.width}x${VIEWPORT.height}; ${new Date().toISOString()}`);
    console.log(
      `${os.cpus().length} CPUs, load average ${loadAverageAtStart.toFixed(2)} at start, ${os.loadavg()[0].toFixed(2)} at end; ` +
        'dist/ on loopback, gzip, a fresh browser context (empty cache) per load, one warm-up round not counted.\n',
    );
    console.log(loadingTable(rows));
    if (baseline) console.log(`\nAgainst the baseline (${baseline}, served from ${BASELINE_DIR} in the same rounds):\n\n${baselineTable(rows)}`);
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await main();
  } catch (error) {
    if (!(error instanceof BenchFailed)) throw error;
    console.error(`bench-loading: ${error.message}`);
    process.exitCode = 1;
  }
}
