// What a publisher's build costs, with the npm package's CLI and Node API (pkg/, `make
// package`): 10,000 generated articles built cold (`reading-widget build`, median time and peak
// memory), one of them edited and built again (time, and which files changed), and the Node
// API's `compile` of one article as a server calls it while rendering (p50, p99).
//
//   node bench/publish.mjs            (make bench runs it; PUBLISH_ARTICLES, PUBLISH_ROUNDS)
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { smallArticles } from './generate.mjs';
import { median, wholeNumber } from './stats.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const CLI = join(ROOT, 'pkg', 'cli.js');
const WORK = join(ROOT, 'target', 'bench', 'publish');

/** Targets: a cold build of 10,000 articles in 60 s and 1 GiB, an edit in 1 s, a compile in 2 ms. */
export const TARGETS = { coldSeconds: 60, coldMiB: 1024, editSeconds: 1, compileMs: 2 };

/** `reading-widget build` in a process of its own: wall seconds and peak resident MiB (GNU time). */
function timed(articles, out) {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, CLI, 'build', articles, '--out', out], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`bench/publish: the build failed: ${run.stderr}`);
  const [seconds, kib] = run.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { seconds, mib: kib / 1024 };
}

/** Every file under `dir` with its modification time and size. */
async function snapshot(dir) {
  const files = new Map();
  for (const name of await readdir(dir, { recursive: true })) {
    const info = await stat(join(dir, name));
    if (info.isFile()) files.set(name, `${info.mtimeMs} ${info.size}`);
  }
  return files;
}

export async function measurePublish({ count = wholeNumber('PUBLISH_ARTICLES', 10_000), rounds = wholeNumber('PUBLISH_ROUNDS', 3) } = {}) {
  const articles = join(WORK, 'articles');
  await rm(WORK, { recursive: true, force: true });
  await mkdir(articles, { recursive: true });
  const generated = await smallArticles(count);
  for (const { slug, text } of generated) await writeFile(join(articles, `${slug}.md`), text);

  const cold = [];
  for (let round = 0; round < rounds; round++) {
    const out = join(WORK, `out-${round}`);
    cold.push(timed(articles, out));
    if (round > 0) await rm(out, { recursive: true, force: true });
  }
  const out = join(WORK, 'out-0');
  const files = (await snapshot(out)).size;

  // One article edited, then built again: the time, and every file whose bytes or time changed.
  const edits = [];
  for (let round = 0; round < rounds; round++) {
    const { slug } = generated[(round * 7919) % count];
    const path = join(articles, `${slug}.md`);
    await writeFile(path, `${await readFile(path, 'utf8')}\nOne more sentence, edited in round ${round + 1}.\n`);
    const before = await snapshot(out);
    const { seconds } = timed(articles, out);
    const after = await snapshot(out);
    const changed = [...after].filter(([name, seen]) => before.get(name) !== seen).map(([name]) => name).sort();
    const expected = [`embed/${slug}.html`, `embed/${slug}.light.html`, `embed/${slug}.head.html`, 'reading-widget.json'];
    const others = changed.filter((name) => !expected.includes(name) && !name.startsWith(`pkg/articles/${slug}.`));
    edits.push({ seconds, changed: changed.length, others });
  }

  // The Node API's compile, in this process, as a server calls it: the real article, warmed up.
  const { compile } = await import(join(ROOT, 'pkg', 'build.js'));
  const text = await readFile(join(ROOT, 'content', 'ukraine-war-korean-war.md'), 'utf8');
  for (let i = 0; i < 200; i++) compile(text, { base: '/reading-widget/' });
  const times = [];
  for (let i = 0; i < 2000; i++) {
    const start = performance.now();
    compile(text, { base: '/reading-widget/' });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    count,
    files,
    cold: { seconds: median(cold.map((r) => r.seconds)), mib: median(cold.map((r) => r.mib)), all: cold.map((r) => r.seconds) },
    edit: { seconds: median(edits.map((e) => e.seconds)), all: edits.map((e) => e.seconds), others: edits.flatMap((e) => e.others), changed: edits.map((e) => e.changed) },
    compile: { p50: times[Math.floor(times.length * 0.5)], p99: times[Math.floor(times.length * 0.99)] },
  };
}

/** The report's section. */
export function publishTable(p) {
  const pass = (ok) => (ok ? 'pass' : '**FAIL**');
  return [
    `| what | median | target | |`,
    `| --- | ---: | ---: | --- |`,
    `| ${p.count.toLocaleString('en')} articles built cold (\`reading-widget build\`, ${p.files.toLocaleString('en')} files), time | ${p.cold.seconds.toFixed(1)} s (${p.cold.all.map((s) => s.toFixed(1)).join(', ')}) | ≤ ${TARGETS.coldSeconds} s | ${pass(p.cold.seconds <= TARGETS.coldSeconds)} |`,
    `| the same, peak memory (resident) | ${Math.round(p.cold.mib)} MiB | ≤ ${TARGETS.coldMiB} MiB | ${pass(p.cold.mib <= TARGETS.coldMiB)} |`,
    `| one article edited, built again | ${p.edit.seconds.toFixed(2)} s (${p.edit.all.map((s) => s.toFixed(2)).join(', ')}) | ≤ ${TARGETS.editSeconds} s | ${pass(p.edit.seconds <= TARGETS.editSeconds)} |`,
    `| files changed by that rebuild besides the article's own and the listing | ${p.edit.others.length} (files changed: ${p.edit.changed.join(', ')}) | 0 | ${pass(p.edit.others.length === 0)} |`,
    `| the Node API's \`compile\` of the real article, p50 (p99) | ${p.compile.p50.toFixed(2)} ms (${p.compile.p99.toFixed(2)} ms) | p50 ≤ ${TARGETS.compileMs} ms | ${pass(p.compile.p50 <= TARGETS.compileMs)} |`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const measured = await measurePublish();
  console.log(publishTable(measured));
}
