// `make bench`: the performance report, rerunnable. On the release build (`make dist`, built
// first by the Makefile) and on bench builds of generated articles, in Debian's headless
// Chromium; prints the summary and writes BENCHMARKS.md at the repository's root.
//
//   make bench                     everything (about 5–10 minutes; the bench builds are cached)
//   make bench ROUNDS=5            fewer rounds everywhere (a quick look, wider spreads)
//   node bench/run.mjs             the same, on the dist/ that is there
//
// ROUNDS (default 15) sets the rounds of the in-page figures on dist/; SCALE_ROUNDS (default
// 7, at most ROUNDS) those on the generated articles; LOADING_ROUNDS (default 9, at most
// ROUNDS) the page loads. Exits 1 when a measurement cannot be trusted (a load fails, the
// baseline no longer renders what the widget does, a widget keeps a listener); a figure over
// its budget is reported, not fatal.
import { execFileSync } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join, relative } from 'node:path';
import { generate, SCALES, MANY } from './generate.mjs';
import { launch, measureLoading, pages, VIEWPORT, PHONE } from './loading.mjs';
import { openBench, measureRounds, measureWrites, measureMemory, expectNoLeftovers, HEAP_NOISE } from './micro.mjs';
import { downloads, downloaded, warmVisit, WIDGET } from './downloads.mjs';
import { site } from './sites.mjs';
import { measurePublish } from './publish.mjs';
import { compressed, fileSize } from './size.mjs';
import { BenchFailed, wholeNumber } from './stats.mjs';
import * as report from './report.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const DIST = join(ROOT, 'dist');
/**
 * `make fixture-dist`: dist/'s code with the fixture article beside the real one, each with a
 * page of its own (article-<slug>.html): where a second article's page is measured.
 */
const FIXTURE_DIST = join(ROOT, 'target/fixture-dist');
const FIXTURE_ARTICLES = ['ukraine-war-korean-war', 'fixture-second-article'];

function log(line) {
  process.stderr.write(`bench: ${line}\n`);
}

function git(...args) {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
}

/** What was measured: the commit, and the files changed since it, if any. */
function revision() {
  const changed = git('status', '--porcelain', '--untracked-files=no')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));
  return { commit: git('rev-parse', '--short', 'HEAD').trim(), changed };
}

/** What each kind of downloaded file is, for the size table. */
const WHAT = {
  embed: 'the embed script',
  glue: 'the glue, minified, named by the code\'s hash',
  code: 'the code module: no article, named by its hash, cached for a year',
  module: 'a module with articles spliced in',
  article: 'this article, handed to the code module',
  css: 'the stylesheet: linked by pre-rendered pages, fetched by the glue',
  other: '',
};

/** `{ raw, gzip, brotli }` of the files of `kinds` among `files`, each as often as downloaded. */
function sumOf(files, kinds) {
  return downloaded(files.filter((file) => kinds.includes(file.kind)));
}

/**
 * What a reader downloads from dist/ for a page of the article (measured by loading its
 * fragment: see downloads.mjs), each file raw, gzip and brotli; the module of every article
 * too, which such a page does not need; what a second article's page downloads with the cache
 * warm (measured on the fixture site, which has two articles, in both orders); and the
 * pre-rendered page's growth over the bare one.
 */
async function distSizes(browser, slug) {
  const measured = await downloads(browser, DIST, slug);
  const files = measured.files.map((file) => ({ ...file, what: WHAT[file.kind] }));
  const notDownloaded = [];
  if (!files.some((file) => file.name === 'pkg/reading_widget_bg.wasm')) {
    notDownloaded.push({ name: 'pkg/reading_widget_bg.wasm', what: 'not downloaded here: the module of every article, for pages that call init() themselves', ...(await fileSize(join(DIST, 'pkg/reading_widget_bg.wasm'))) });
  }
  const html = await pages(`${DIST}/`);
  const [first, second] = FIXTURE_ARTICLES;
  const warm = [await warmVisit(browser, FIXTURE_DIST, second, first), await warmVisit(browser, FIXTURE_DIST, first, second)];
  return {
    files,
    notDownloaded,
    requests: measured.requests,
    download: sumOf(files, [...WIDGET, 'embed']),
    firstVisit: sumOf(files, WIDGET),
    code: sumOf(files, ['glue', 'code']),
    article: sumOf(files, ['article']),
    embed: sumOf(files, ['embed']),
    layout: files.some((file) => file.kind === 'code') ? 'code' : 'module',
    warm,
    html: { prerendered: compressed(html.prerendered), bare: compressed(html.bare) },
  };
}

/** The in-page figures on one site: checks first, then rounds, DOM writes, and memory. */
async function inPage(browser, dir, { slug, rounds, size, memory }) {
  const bench = await openBench(browser, dir, slug);
  try {
    await bench.call('checkSameWidget');
    await bench.call('checkTakeover');
    await expectNoLeftovers(bench, 'the checks');
    const writes = await measureWrites(bench);
    const figures = await measureRounds(bench, { rounds, size, log: (line) => log(`${dir.replace(ROOT, '')}: ${line}`) });
    const memoryFigures = memory ? await measureMemory(bench) : null;
    await expectNoLeftovers(bench, 'every measurement');
    return { info: bench.info, writes, figures, memory: memoryFigures };
  } finally {
    await bench.close();
  }
}

async function articleSize(dir) {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.md'));
  let size = 0;
  for (const name of names) size += (await readFile(join(dir, name))).length;
  return { bytes: size, articles: names.length };
}

async function main() {
  const rounds = wholeNumber('ROUNDS', 15);
  const scaleRounds = wholeNumber('SCALE_ROUNDS', Math.min(rounds, 7));
  const loadingRounds = wholeNumber('LOADING_ROUNDS', Math.min(rounds, 9));
  const started = new Date();
  // What dist/ was just built from; the tree may move on while the bench runs (others commit).
  const atStart = revision();
  const loadAtStart = os.loadavg()[0];

  log('generating articles and building the bench sites (cached when nothing changed)');
  const generated = await generate();
  // The real article alone at 1×; next to each generated set, the real article too (the demo
  // pages name it), which a page of a generated article does not load.
  const folders = (dir, real) => (real ? 'content' : `content:${relative(ROOT, dir)}`);
  const scale = [];
  for (const times of SCALES) {
    const { dir, slug } = generated.scale[times];
    const built = await site(`x${times}`, folders(dir, times === 1), log);
    scale.push({ times, slug, content: await articleSize(dir), ...built });
  }
  const many = [];
  for (const count of MANY) {
    const { dir, slug } = generated.many[count];
    const built = await site(`n${count}`, folders(dir, false), log);
    many.push({ count, slug, content: await articleSize(dir), ...built });
  }

  const browser = await launch();
  try {
    log('sizes of dist/');
    const slug = generated.scale[1].slug;
    const sizes = await distSizes(browser, slug);

    log(`in-page figures on dist/, ${rounds} rounds`);
    const main = await inPage(browser, DIST, { slug, rounds, size: 1, memory: true });

    log(`page loads, ${loadingRounds} rounds`);
    const loading = await measureLoading(browser, { rounds: loadingRounds, log });

    for (const row of scale) {
      log(`in-page figures on the ${row.times}× article, ${scaleRounds} rounds`);
      Object.assign(row, await inPage(browser, row.dir, { slug: row.slug, rounds: scaleRounds, size: row.times, memory: false }));
      // What this article's page downloads: the code and its article (measured, as for dist/).
      row.sizes = { widget: sumOf((await downloads(browser, row.dir, row.slug)).files, WIDGET) };
    }
    for (const row of many) {
      log(`what a page of one of ${row.count} article(s) downloads`);
      row.downloads = await downloads(browser, row.dir, row.slug);
    }

    log('publishing: generated articles built by the npm package\'s CLI');
    const publish = await measurePublish();

    const context = {
      started,
      finished: new Date(),
      revision: atStart,
      revisionAtEnd: revision(),
      machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, loadAtStart, loadAtEnd: os.loadavg()[0] },
      browser: browser.version(),
      node: process.version,
      rounds,
      scaleRounds,
      loadingRounds,
      viewport: VIEWPORT,
      phone: PHONE,
      heapNoise: HEAP_NOISE,
    };
    const data = { context, sizes, main, loading, scale, many, publish };
    // Every figure as measured, for a look beyond the tables.
    await writeFile(join(ROOT, 'target/bench/figures.json'), JSON.stringify(data, null, 1));
    const markdown = report.document(data);
    await writeFile(join(ROOT, 'BENCHMARKS.md'), markdown);
    console.log(report.summary(data));
    log('wrote BENCHMARKS.md');
  } finally {
    await browser.close();
  }
}

try {
  await main();
} catch (error) {
  if (!(error instanceof BenchFailed)) throw error;
  console.error(`bench: ${error.message}`);
  process.exitCode = 1;
}
