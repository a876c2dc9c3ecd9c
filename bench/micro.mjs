// The in-page measurements of `make bench`, driven from Node: a site (dist/ or a bench build)
// served by scripts/serve.mjs, the bench page (bench/page.mjs) routed in beside it, and the
// WebAssembly widget and the plain-JavaScript baseline (bench/plain.js) measured in turns.
//
// Each round measures every figure once per side, the sides in turn, the first side swapped
// every round, so the machine's drift hits both alike; a ratio is wasm/plain within one
// round, and the report gives the median ratio with its min and max over the rounds. One
// warm-up round comes first, not counted (the JITs, the module's tiers).
//
// The page is cross-origin isolated (COOP and COEP on the bench page), so `performance.now()`
// ticks every 5 µs rather than every 100 µs; mounts are timed in batches all the same.
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { serve } from '../scripts/serve.mjs';
import { BenchFailed, median } from './stats.mjs';

const BENCH = new URL('.', import.meta.url).pathname;
// At the site's root (<base>), as the fragments' relative links expect.
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><base href="/"><title>reading-widget bench</title></head>
<body><div id="stage"></div>
<script type="module">
  import * as bench from '/__bench/page.mjs';
  window.bench = bench;
</script></body></html>`;

/**
 * What a page of `slug` loads from the site in `dir`, as its embed.js does: the code module
 * named by its hash and the article's file (`{ code, articleFile }`, the layout since commit
 * 4c84346), or one module with the article spliced in (`{ module }`: the article's own,
 * pkg/articles/<slug>.wasm, where an older build made one, else the module of every article).
 */
async function loadedAs(dir, slug) {
  // pkg/articles/<slug>.<build>.bin, or <slug>.bin in builds before article files were named
  // by the build.
  const named = existsSync(join(dir, 'pkg', 'articles'))
    ? (await readdir(join(dir, 'pkg', 'articles'))).find((name) => name.startsWith(`${slug}.`) && /^(\.[0-9a-f]{16})?\.bin$/.test(name.slice(slug.length)))
    : undefined;
  const articleFile = `pkg/articles/${named ?? `${slug}.bin`}`;
  if (existsSync(join(dir, articleFile))) {
    const code = (await readdir(join(dir, 'pkg'))).filter((name) => /^reading_widget\.[0-9a-f]{16}\.wasm$/.test(name));
    if (code.length !== 1) throw new BenchFailed(`${dir}/pkg should hold one reading_widget.<hash>.wasm beside ${articleFile}; it holds ${code.length}`);
    return { code: `/pkg/${code[0]}`, articleFile: `/${articleFile}` };
  }
  const own = `pkg/articles/${slug}.wasm`;
  return { module: `/${existsSync(join(dir, own)) ? own : 'pkg/reading_widget_bg.wasm'}` };
}

/**
 * Opens the bench page on the site in `dir`, for its article `slug`; resolves to `{ call,
 * cdp, info, close }`.
 */
export async function openBench(browser, dir, slug) {
  const server = await serve(dir, 0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    const text = message.text();
    // The module warns when it would not take the pre-rendered markup over: then the
    // take-over figures would be a fresh render's.
    if (message.type() === 'error' || text.startsWith('reading-widget:')) problems.push(`console ${message.type()}: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.route(`${base}__bench/**`, async (route) => {
    const name = new URL(route.request().url()).pathname.slice('/__bench/'.length);
    if (name === 'page.html') {
      const headers = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers, body: PAGE });
    }
    if (!['page.mjs', 'plain.js'].includes(name)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: await readFile(`${BENCH}${name}`) });
  });
  const cdp = await context.newCDPSession(page);
  const check = () => {
    if (problems.length > 0) throw new BenchFailed(`the bench page on ${dir}: ${problems.join('; ')}`);
  };
  const call = async (fn, args) => {
    const result = await page.evaluate(([fn, args]) => window.bench[fn](args), [fn, args]);
    check();
    return result;
  };
  await page.goto(`${base}__bench/page.html`);
  await page.waitForFunction(() => window.bench !== undefined);
  const info = await call('setup', { article: slug, ...(await loadedAs(dir, slug)) });
  if (!info.crossOriginIsolated) throw new BenchFailed('the bench page is not cross-origin isolated: timers would tick every 100 µs');
  return {
    call,
    cdp,
    info,
    async close() {
      await context.close();
      await new Promise((done) => server.close(done));
    },
  };
}

/**
 * The figures one round measures: each `run(bench, side, size)` resolves to a number (ms) or an
 * object of numbers. `size` is how many times the real article this site's article is (1 for
 * dist/), so batches shrink as articles grow.
 */
export const MEASURES = [
  { key: 'mount', run: (bench, side, size) => bench.call('mount', { side, shadow: true, n: batch(size) }) },
  { key: 'mountLight', run: (bench, side, size) => bench.call('mount', { side, shadow: false, n: batch(size) }) },
  { key: 'takeover', run: (bench, side, size) => bench.call('takeover', { side, n: batch(size) }) },
  { key: 'mountScript', run: (bench, side, size) => bench.call('mount', { side, shadow: true, n: batch(size), layout: false }) },
  { key: 'takeoverScript', run: (bench, side, size) => bench.call('takeover', { side, n: batch(size), layout: false }) },
  { key: 'takeoverEarly', run: (bench, side, size) => bench.call('takeover', { side, n: batch(size), styled: false }) },
  { key: 'mode', run: (bench, side, size) => bench.call('toggle', { side, control: 'mode', samples: samples(size) }) },
  { key: 'section', run: (bench, side, size) => bench.call('toggle', { side, control: 'section', samples: samples(size) }) },
  { key: 'all', run: (bench, side, size) => bench.call('toggle', { side, control: 'all', samples: samples(size) }) },
];

/** Mounts per batch: 40 for the real article, fewer for bigger ones (at least 2). */
function batch(size) {
  return Math.max(2, Math.round(40 / size));
}

/** There-and-back clicks per toggle figure. */
function samples(size) {
  return size >= 100 ? 3 : 5;
}

const SIDES = ['wasm', 'plain'];

/**
 * `rounds` rounds (after one warm-up) of `measures` on the open bench page; resolves to
 * `{ [key]: { wasm: [per round], plain: [per round] } }`.
 */
export async function measureRounds(bench, { rounds, size = 1, measures = MEASURES, log = () => {} }) {
  const results = Object.fromEntries(measures.map(({ key }) => [key, { wasm: [], plain: [] }]));
  for (let round = -1; round < rounds; round++) {
    const order = round % 2 === 0 ? SIDES : [...SIDES].reverse();
    for (const { key, run } of measures) {
      for (const side of order) {
        const value = await run(bench, side, size);
        if (round >= 0) results[key][side].push(value);
      }
    }
    await expectNoLeftovers(bench, `round ${round + 1}`);
    if (round >= 0) log(`round ${round + 1}/${rounds} done`);
  }
  return results;
}

/** DOM writes (mutation records) per click, there and back, for each control; checked stable. */
export async function measureWrites(bench) {
  const writes = {};
  for (const control of ['mode', 'section', 'all']) {
    writes[control] = {};
    for (const side of SIDES) {
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await bench.call('writes', { side, control }));
      const seen = new Set(runs.map((run) => JSON.stringify(run)));
      if (seen.size !== 1) throw new BenchFailed(`${side} wrote a different number of records per ${control} click in three runs: ${[...seen].join(' / ')}`);
      writes[control][side] = runs[0];
    }
  }
  await expectNoLeftovers(bench, 'the DOM-write count');
  return writes;
}

/** Fails loudly if any widget kept a listener or left a node on the bench page. */
export async function expectNoLeftovers(bench, after) {
  const left = await bench.call('leftovers');
  if (left.wasm !== 0 || left.plain !== 0 || left.stage !== 0) {
    throw new BenchFailed(
      `after ${after}: ReadingWidget.liveListeners() is ${left.wasm}, the baseline holds ${left.plain} listener(s), ${left.stage} placeholder(s) left on the page`,
    );
  }
}

async function heap(bench) {
  // Twice: the first collection can leave what the second frees (weak references, finalizers).
  await bench.cdp.send('HeapProfiler.collectGarbage');
  await bench.cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await bench.cdp.send('Runtime.getHeapUsage');
  return { wasm: await bench.call('wasmMemory'), heap: usedSize };
}

/** JS heap growth below this counts as noise (a compiled function, an inline cache). */
export const HEAP_NOISE = 256 * 1024;

/**
 * Memory of the wasm widget: wasm linear memory and the page's JS heap (after garbage
 * collection) after a warm-up, then after `cycles` mount/destroy cycles, and after `toggles`
 * toggles of one widget. "Flat": the wasm memory did not grow at all, and the heap grew by
 * less than HEAP_NOISE.
 */
export async function measureMemory(bench, { cycles = 2000, toggles = 10_000 } = {}) {
  const step = 100;
  await bench.call('cycles', { n: 200 });
  const beforeCycles = await heap(bench);
  for (let done = 0; done < cycles; done += step) await bench.call('cycles', { n: Math.min(step, cycles - done) });
  const afterCycles = await heap(bench);
  await bench.call('toggles', { n: 1000 });
  const beforeToggles = await heap(bench);
  for (let done = 0; done < toggles; done += 1000) await bench.call('toggles', { n: Math.min(1000, toggles - done) });
  const afterToggles = await heap(bench);
  await bench.call('endToggles');
  const flat = (before, after) => after.wasm === before.wasm && after.heap - before.heap < HEAP_NOISE;
  return {
    cycles: { n: cycles, before: beforeCycles, after: afterCycles, flat: flat(beforeCycles, afterCycles) },
    toggles: { n: toggles, before: beforeToggles, after: afterToggles, flat: flat(beforeToggles, afterToggles) },
  };
}

/** Per-round ratios wasm/plain of `pick(value)`. */
export function ratios(figure, pick = (value) => value) {
  return figure.wasm.map((value, round) => pick(value) / pick(figure.plain[round]));
}

