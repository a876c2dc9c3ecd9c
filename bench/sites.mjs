// Bench builds: the release site built with other articles (bench/generate.mjs), each into a
// folder of its own under target/bench/sites/<name>/, by the Makefile's own recipe (`make
// bench-site`: the `build-site` that `make dist` uses, so what is measured is what ships), in
// target dirs of their own (target/bench-ship, target/bench-build), so the builds behind dist/
// and the tests are never disturbed.
//
// The demo pages (www/) name the real article, so the real article is compiled in next to the
// generated ones (`content:<dir>`); a page of a generated article loads what that article needs.
//
// A site is rebuilt only when its articles or the sources changed (a hash of both, kept in
// site.json with the build's time), so a second `make bench` skips the slow part.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { BenchFailed } from './stats.mjs';

const run = promisify(execFile);
const ROOT = new URL('..', import.meta.url).pathname;
export const SITES = join(ROOT, 'target/bench/sites');
/** Holds the articles the last bench build compiled, so the next one is never a no-op. */
const LAST = join(ROOT, 'target/bench/last-build.txt');
/** What a site's build reads besides its articles. */
const SOURCES = ['src', 'build', 'build.rs', 'Cargo.toml', 'Cargo.lock', 'Makefile', 'scripts', 'www', 'bench/sites.mjs'];

async function files(path) {
  const info = await stat(join(ROOT, path)).catch(() => null);
  if (!info) return [];
  if (!info.isDirectory()) return [path];
  const entries = await readdir(join(ROOT, path), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

/** A hash of the articles in `content` and of every source the build reads. */
async function inputsHash(content) {
  const hash = createHash('sha256');
  const folders = content.split(':').map((folder) => relative(ROOT, join(ROOT, folder)));
  const paths = [...(await Promise.all(SOURCES.map(files))).flat(), ...(await Promise.all(folders.map(files))).flat()];
  for (const path of paths) {
    hash.update(path);
    hash.update(await readFile(join(ROOT, path)));
  }
  return hash.digest('hex');
}

/** `make bench-site` for `content` into `dir`; resolves to the seconds it took. */
async function makeSite(dir, content) {
  const start = performance.now();
  try {
    await run('make', ['--no-print-directory', 'bench-site', `BENCH_SITE=${dir}`, `BENCH_CONTENT=${content}`], {
      cwd: ROOT,
      maxBuffer: 64 << 20,
    });
  } catch (error) {
    throw new BenchFailed(`make bench-site BENCH_SITE=${dir} BENCH_CONTENT=${content} failed:\n${error.stderr || error.message}`);
  }
  const seconds = (performance.now() - start) / 1000;
  const glue = await stat(join(dir, 'pkg/reading_widget.js')).catch(() => null);
  if (!glue) throw new BenchFailed(`make bench-site BENCH_SITE=${dir} made no pkg/reading_widget.js: is the Makefile's build-site recipe there?`);
  await writeFile(LAST, content);
  return seconds;
}

/**
 * The bench site `name` with the articles in `content` (folders, `:`-separated, relative to
 * the repository), built unless a build of the same inputs is there; resolves to `{ dir, build }`,
 * `build` holding the seconds the build took and whether it was measured in this run
 * (`cached: false`).
 *
 * A timed build is what an editor waits for after changing the articles: the dependencies and
 * the toolchain's std are compiled beforehand, untimed, and if the previous bench build compiled
 * the same articles (so cargo would have nothing to do), another set is built first, untimed.
 */
export async function site(name, content, log = () => {}) {
  const dir = join(SITES, name);
  const key = await inputsHash(content);
  const meta = await readFile(join(dir, 'site.json'), 'utf8').then(JSON.parse, () => null);
  if (meta?.key === key) return { dir, build: { ...meta.build, cached: true } };
  const last = await readFile(LAST, 'utf8').catch(() => null);
  if (last === null || last === content) {
    const other = content === 'content' ? 'content:tests/fixtures/content' : 'content';
    log(`building the bench site once with ${other}, untimed (${last === null ? 'dependencies' : 'so that the next build has work to do'})`);
    await makeSite(join(SITES, '.primer'), other);
  }
  log(`building the ${name} bench site (${content})`);
  const seconds = await makeSite(dir, content);
  const build = { seconds, at: new Date().toISOString() };
  await writeFile(join(dir, 'site.json'), JSON.stringify({ key, build }, null, 2));
  return { dir, build: { ...build, cached: false } };
}
