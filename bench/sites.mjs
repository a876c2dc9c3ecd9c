// Bench builds: the release widget compiled with other articles (bench/generate.mjs), each
// into a site of its own under target/bench/sites/<name>/: pkg/ (module, minified glue,
// stylesheet), embed.js and the publisher fragments embed/<slug>.html. They share one cargo
// target dir (target/bench-build), so dependencies compile once and never disturb the builds
// behind dist/ and the tests.
//
// The recipe is the Makefile's `dist` one (wasm-pack build --release, terser on the glue,
// prerender), without the demo pages, whose placeholders name the real article. When `dist`
// becomes a target that takes its content and output folders, call it here instead:
// `checkRecipe` compares what this makes for the real article with dist/ and says when dist/
// has files this recipe does not make.
//
// A site is rebuilt only when its articles or the sources changed (a hash of both, kept in
// site.json with the build's times), so a second `make bench` skips the slow part.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { BenchFailed } from './stats.mjs';

const run = promisify(execFile);
const ROOT = new URL('..', import.meta.url).pathname;
export const SITES = join(ROOT, 'target/bench/sites');
const TARGET = join(ROOT, 'target/bench-build');
/** What the module build depends on besides the articles. */
const SOURCES = ['src', 'build', 'build.rs', 'Cargo.toml', 'Cargo.lock', 'www/embed.js', 'bench/sites.mjs'];
const TERSER = ['--module', '--compress', 'passes=2', '--mangle'];

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
  const paths = [...(await Promise.all(SOURCES.map(files))).flat(), ...(await files(relative(ROOT, content)))];
  for (const path of paths) {
    hash.update(path);
    hash.update(await readFile(join(ROOT, path)));
  }
  return hash.digest('hex');
}

/** npm's wasm-opt and terser first, as the Makefile has them (never Debian's binaryen). */
const PATH = [join(ROOT, 'node_modules/.bin'), join(process.env.CARGO_HOME ?? join(process.env.HOME, '.cargo'), 'bin'), process.env.PATH].join(':');

async function timed(command, args, env) {
  const start = performance.now();
  try {
    await run(command, args, { cwd: ROOT, env: { ...process.env, PATH, ...env }, maxBuffer: 64 << 20 });
  } catch (error) {
    throw new BenchFailed(`${command} ${args.join(' ')} failed:\n${error.stderr || error.message}`);
  }
  return (performance.now() - start) / 1000;
}

/**
 * The bench site `name` with the articles in `content`, built unless a build of the same
 * inputs is there; resolves to `{ dir, build }`, `build` holding the seconds the module
 * (`wasm`: wasm-pack and terser) and the pre-render (`prerender`) took, and whether they were
 * measured in this run (`cached: false`).
 */
export async function site(name, content, log = () => {}) {
  const dir = join(SITES, name);
  const key = await inputsHash(content);
  const meta = await readFile(join(dir, 'site.json'), 'utf8').then(JSON.parse, () => null);
  if (meta?.key === key) return { dir, build: { ...meta.build, cached: true } };
  await prime(log);
  log(`building the ${name} bench site (${relative(ROOT, content)})`);
  await rm(dir, { recursive: true, force: true });
  const env = { READING_WIDGET_CONTENT: content, CARGO_TARGET_DIR: TARGET };
  const wasmPack = await timed('wasm-pack', ['build', '--release', '--target', 'web', '--out-dir', join(dir, 'pkg')], env);
  const glue = join(dir, 'pkg/reading_widget.js');
  const terser = await timed('terser', [glue, ...TERSER, '--output', glue], {});
  await cp(join(ROOT, 'www/embed.js'), join(dir, 'embed.js'));
  // No demo pages (their placeholders name the real article): the fragments and the stylesheet.
  const www = join(dir, '.www');
  await mkdir(www, { recursive: true });
  const prerender = await timed('cargo', ['run', '--quiet', '--bin', 'prerender', '--', www, dir], env);
  await rm(www, { recursive: true });
  const build = { wasm: wasmPack + terser, prerender, at: new Date().toISOString() };
  await writeFile(join(dir, 'site.json'), JSON.stringify({ key, build }, null, 2));
  return { dir, build: { ...build, cached: false } };
}

let primed = false;
/**
 * Compiles the dependencies into the bench target dir once, untimed, so that every timed build
 * is what an editor waits for after changing an article: build.rs, the crate, LTO, wasm-bindgen,
 * wasm-opt.
 */
async function prime(log) {
  if (primed) return;
  primed = true;
  const marker = join(TARGET, 'wasm32-unknown-unknown/release/deps');
  const built = await readdir(marker).then((names) => names.some((name) => name.startsWith('libwasm_bindgen')), () => false);
  if (built) return;
  log('compiling the dependencies for the bench builds once (not timed)');
  await timed('cargo', ['build', '--release', '--lib', '--target', 'wasm32-unknown-unknown'], { CARGO_TARGET_DIR: TARGET });
  await timed('cargo', ['build', '--bin', 'prerender'], { CARGO_TARGET_DIR: TARGET });
}

/**
 * Files dist/pkg holds that the bench recipe did not make for the same articles (say, one
 * module per article once `make dist` makes them): the bench builds would then not be what
 * ships, and the report says so.
 */
export async function checkRecipe(benchDir, distDir) {
  const names = async (dir) => new Set(await files(relative(ROOT, join(dir, 'pkg'))).then((list) => list.map((path) => relative(relative(ROOT, dir), path))));
  const [bench, dist] = await Promise.all([names(benchDir), names(distDir)]);
  return [...dist].filter((path) => !bench.has(path));
}
