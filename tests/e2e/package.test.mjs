// The npm package: pkg/, made from the release build in dist/ by scripts/package.mjs, checked
// the way npm and its users see it — the tarball's file list, package.json, the README, and the
// packed tarball installed in a scratch directory, imported by name in Node and type-checked.
//
//   make dist && node --test tests/e2e/package.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PKG = join(ROOT, 'pkg');
const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');
// npm's update check and funding notes would reach for the network; neither is under test.
const NPM_ENV = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' };

// What a user needs, and nothing else: the glue, the module, their types, the stylesheet the glue
// fetches, the README, and the licence text.
const SHIPPED = [
  'README.md',
  'package.json',
  'reading_widget.css',
  'reading_widget.d.ts',
  'reading_widget.js',
  'reading_widget_bg.wasm',
  'reading_widget_bg.wasm.d.ts',
  'LICENSE',
];

let script; // scripts/package.mjs's output
let cargo; // Cargo.toml's [package] table, as text
let packed; // npm pack --dry-run --json, for pkg/
let pkg; // pkg/package.json
let scratch; // the temporary directory the tarball is installed into

before(async () => {
  // Always rebuilt from dist/, so the test sees what `make package` would publish now.
  script = await run(process.execPath, [join(ROOT, 'scripts', 'package.mjs')], { cwd: ROOT });
  const toml = await readFile(join(ROOT, 'Cargo.toml'), 'utf8');
  cargo = toml.split(/^\[/m).find((table) => table.startsWith('package]'));
  assert.ok(cargo, 'Cargo.toml has a [package] table');
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json'], { cwd: PKG, env: NPM_ENV });
  [packed] = JSON.parse(stdout);
  pkg = JSON.parse(await readFile(join(PKG, 'package.json'), 'utf8'));
  scratch = await mkdtemp(join(tmpdir(), 'reading-widget-package-'));
});
after(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

test('the tarball holds exactly the files a user needs', async () => {
  const paths = packed.files.map((f) => f.path).sort();
  // The element's entry, and what it loads: the code module under its hash. No article: those
  // are the publisher's.
  const dist = join(ROOT, 'dist', 'pkg');
  const code = (await readdir(dist)).filter((file) => /^reading_widget\.[0-9a-f]{16}\.wasm$/.test(file));
  assert.equal(code.length, 1);
  // The publisher's tools: the CLI, the Node API and the compiler they run, and what `build`
  // writes into a site besides the articles (the same code and glue, under their hash).
  const tools = ['build.js', 'build.d.ts', 'cli.js', 'compiler/compiler.js', 'compiler/compiler_bg.wasm'];
  const glue = (await readdir(dist)).filter((file) => /^reading_widget\.[0-9a-f]{16}\.js$/.test(file));
  const site = ['site/embed.js', 'site/pkg/reading_widget.js', 'site/pkg/reading_widget.css', ...[...glue, ...code].map((file) => `site/pkg/${file}`)];
  assert.deepEqual(paths, [...SHIPPED, 'element.js', 'element.d.ts', ...code, ...tools, ...site].sort());
  assert.equal(packed.name, 'reading-widget');
});

test("the element names the code by literal URLs beside itself, and the articles' default base", async () => {
  const element = await readFile(join(PKG, 'element.js'), 'utf8');
  // What a bundler follows: `new URL('./literal', import.meta.url)` and `import('./literal')`.
  const urls = [...element.matchAll(/new URL\((["'])([^"'`$]*)\1,\s*import\.meta\.url\)/g)].map((m) => m[2]);
  const imports = [...element.matchAll(/\bimport\((["'])([^"'`$]*)\1\)/g)].map((m) => m[2]);
  const code = packed.files.map((f) => f.path).find((path) => /^reading_widget\.[0-9a-f]{16}\.wasm$/.test(path));
  assert.deepEqual(urls, [`./${code}`], 'the code module, by its name in the tarball');
  assert.deepEqual(imports, ['./reading_widget.js'], "the package's own glue");
  // And nothing else: no URL made from a variable, which a bundler cannot follow.
  assert.equal(element.split('import.meta.url').length - 1, urls.length, 'every import.meta.url is in a literal new URL');
  assert.equal(element.split(/\bimport\(/).length - 1, imports.length, 'every import() is of a literal');
  assert.match(element, /"\/reading-widget\/"/, 'the documented default base');
});

test('the glue fetches the stylesheet the tarball holds, and imports nothing', async () => {
  const glue = await readFile(join(PKG, 'reading_widget.js'), 'utf8');
  // Every URL the glue makes relative to itself: the module's and the stylesheet's.
  const relative = [...glue.matchAll(/new URL\("([^"]+)",\s*import\.meta\.url\)/g)].map((m) => m[1]).sort();
  assert.deepEqual(relative, ['reading_widget.css', 'reading_widget_bg.wasm']);
  const inTarball = new Set(packed.files.map((f) => f.path));
  for (const file of relative) assert.ok(inTarball.has(file), `${file} is in the tarball`);
  // src/dom/sheet.js is bundled in: a page waits for no other file before init() can run.
  assert.doesNotMatch(glue, /(^|[;}])\s*import\s*[{*"]|\bimport\s*\(/);
});

/** A one-line string field of Cargo.toml's [package], or undefined. */
const cargoField = (key) => cargo.match(new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, 'm'))?.[1];

test('package.json describes an ES module with its types, from Cargo.toml', () => {
  assert.equal(pkg.name, 'reading-widget');
  assert.equal(pkg.version, cargoField('version'));
  assert.equal(pkg.description, cargoField('description'));
  assert.equal(pkg.license, 'MIT');
  assert.equal(pkg.private, undefined, 'a private package cannot be published');
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.main, './reading_widget.js');
  assert.equal(pkg.module, './reading_widget.js');
  assert.equal(pkg.types, './reading_widget.d.ts');
  assert.deepEqual(pkg.exports, {
    '.': { types: './reading_widget.d.ts', import: './reading_widget.js', default: './reading_widget.js' },
    './reading_widget_bg.wasm': './reading_widget_bg.wasm',
    './element': { types: './element.d.ts', import: './element.js', default: './element.js' },
    './build': { types: './build.d.ts', import: './build.js', default: './build.js' },
    './package.json': './package.json',
  });
  // `npx reading-widget`, on the Node the Node API's syntax and fs calls need.
  assert.deepEqual(pkg.bin, { 'reading-widget': './cli.js' });
  assert.deepEqual(pkg.engines, { node: '>=20.9' });
  // 'types' must come first in a conditions object: TypeScript takes the first match.
  assert.equal(Object.keys(pkg.exports['.'])[0], 'types');
  // Importing the module mounts nothing; init() does (the import test below holds it to that).
  // Only the element's entry acts on import: it defines <reading-widget>.
  assert.deepEqual(pkg.sideEffects, ['./element.js']);
  assert.ok(Array.isArray(pkg.keywords) && pkg.keywords.includes('webassembly'), 'keywords');
  // Self-contained: a dependency would be installed into every user's node_modules.
  for (const key of ['dependencies', 'peerDependencies', 'scripts']) {
    assert.equal(pkg[key], undefined, `package.json has no ${key}`);
  }
});

test("the licence text is the one Cargo.toml's `license` names, the project's own", async () => {
  assert.equal(cargoField('license'), 'MIT', 'this test knows the MIT licence; update it with Cargo.toml');
  const text = await readFile(join(PKG, 'LICENSE'), 'utf8');
  assert.equal(text, await readFile(join(ROOT, 'LICENSE'), 'utf8'));
  assert.match(text, /^MIT License\n\nCopyright \(c\) \d{4} .+\n\nPermission is hereby granted, free of charge,/);
  assert.match(text, /THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND/);
});

test('the repository is the one in Cargo.toml, or absent with a warning', () => {
  const repository = cargoField('repository');
  if (repository) {
    assert.deepEqual(pkg.repository, { type: 'git', url: repository });
  } else {
    assert.equal(pkg.repository, undefined, 'no repository URL is made up');
    assert.match(script.stderr, /^warning: Cargo\.toml has no package\.repository/m);
  }
});

test('every path package.json points at is in the tarball', () => {
  const inTarball = new Set(packed.files.map((f) => f.path));
  const targets = [pkg.main, pkg.module, pkg.types];
  const collect = (value) =>
    typeof value === 'string' ? targets.push(value) : Object.values(value).forEach(collect);
  collect(pkg.exports);
  assert.ok(targets.length >= 8, `found the exports' targets: ${targets}`);
  for (const target of targets) {
    assert.ok(inTarball.has(target.replace(/^\.\//, '')), `${target} is in the tarball`);
  }
});

test('the README shows the embed, both ways, and names the whole API', async () => {
  const readme = await readFile(join(PKG, 'README.md'), 'utf8');
  assert.equal(readme, await readFile(join(ROOT, 'docs', 'package-README.md'), 'utf8'));
  assert.match(readme, /npm install reading-widget/);
  assert.match(readme, /import init from 'reading-widget';\s*\n\s*await init\(\);/);
  assert.match(readme, /import init from '\.\/pkg\/reading_widget\.js';\s*\n\s*await init\(\);/);
  assert.match(readme, /<div data-reading-widget><\/div>/);
  // Every method the generated types declare is in the README (wasm-bindgen's own free() and
  // Symbol.dispose aside), so a method added to the API cannot go unmentioned.
  const dts = await readFile(join(PKG, 'reading_widget.d.ts'), 'utf8');
  const methods = [...dts.matchAll(/^ {4}(?:static )?(\w+)\(/gm)].map((m) => m[1]).filter((m) => m !== 'free');
  const functions = [...dts.matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]).filter((f) => f !== 'initSync');
  assert.ok(methods.includes('mount') && functions.includes('mountAll'), `read the API: ${methods} ${functions}`);
  for (const name of [...methods, ...functions]) assert.match(readme, new RegExp(`\\b${name}\\(`), `README names ${name}()`);
});

test('the packed tarball, installed, imports by name without touching the page', async () => {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: PKG, env: NPM_ENV });
  const [{ filename }] = JSON.parse(stdout);
  const installed = join(scratch, 'node_modules', 'reading-widget');
  await mkdir(installed, { recursive: true });
  await run('tar', ['-xzf', join(scratch, filename), '-C', installed, '--strip-components=1']);

  // Node resolves 'reading-widget' through the exports map, as a bundler would. The DOM globals
  // are traps: the glue must not reach for the page until init() is called (sideEffects: false).
  await writeFile(
    join(scratch, 'import.mjs'),
    `import { readFileSync } from 'node:fs';
const touched = [];
for (const name of ['window', 'document', 'self', 'location', 'sessionStorage', 'addEventListener']) {
  Object.defineProperty(globalThis, name, { get() { touched.push(name); }, configurable: true });
}
let mod = {};
let error = null;
try {
  mod = await import('reading-widget');
} catch (e) {
  error = String(e);
}
const wasm = readFileSync(new URL(import.meta.resolve('reading-widget/reading_widget_bg.wasm')));
console.log(JSON.stringify({
  touched,
  error,
  exports: Object.keys(mod).sort(),
  kinds: [typeof mod.default, typeof mod.initSync, typeof mod.mountAll, typeof mod.start, typeof mod.ReadingWidget?.mount],
  wasmValid: WebAssembly.validate(wasm),
}));
`,
  );
  const result = JSON.parse((await run(process.execPath, ['import.mjs'], { cwd: scratch })).stdout);
  assert.deepEqual(result.touched, [], 'importing the module touches no page global');
  assert.equal(result.error, null, 'the module imports in Node');
  assert.deepEqual(result.exports, ['ReadingWidget', 'default', 'initSync', 'mountAll', 'start']);
  assert.deepEqual(result.kinds, ['function', 'function', 'function', 'function', 'function']);
  assert.equal(result.wasmValid, true, 'reading-widget/reading_widget_bg.wasm is a valid module');

  // TypeScript finds the types through the exports map under both of its modern resolutions,
  // and they are real types, not `any`: misuse must be an error (@ts-expect-error fails if not).
  await writeFile(join(scratch, 'package.json'), '{ "type": "module", "private": true }\n');
  await writeFile(
    join(scratch, 'use.ts'),
    `import init, { mountAll, ReadingWidget, type ReadingWidgetState } from 'reading-widget';
await init();
mountAll();
const state: ReadingWidgetState = ReadingWidget.mount('#reader', { mode: 'full' }).state();
console.log(state.expanded.length);
// @ts-expect-error: 'wide' is not a mode
ReadingWidget.mount('#reader', { mode: 'wide' });
`,
  );
  // skipLibCheck stays off: the packed .d.ts files themselves are checked too.
  const common = ['--noEmit', '--strict', '--target', 'es2022', '--lib', 'esnext,dom', 'use.ts'];
  for (const [module, resolution] of [['nodenext', 'nodenext'], ['preserve', 'bundler']]) {
    const args = ['--module', module, '--moduleResolution', resolution, ...common];
    const failed = await run(TSC, args, { cwd: scratch }).then(() => null, (e) => e);
    assert.equal(failed, null, `tsc ${args.join(' ')}:\n${failed?.stdout}${failed?.stderr}`);
  }
});

test("the element's entry, served as the tarball has it, defines <reading-widget>, which fetches its article and mounts", async (t) => {
  const { chromium } = await import('playwright-core');
  const { serve } = await import('../../scripts/serve.mjs');
  const { CHROMIUM_ARGS } = await import('./browser.mjs');
  const server = await serve(PKG);
  t.after(() => new Promise((done) => server.close(done)));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  t.after(() => browser.close());
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  const base = `http://127.0.0.1:${server.address().port}/`;
  // The publisher's article, where the element looks by default (the package has none).
  const articles = join(ROOT, 'dist', 'pkg', 'articles');
  const [file] = await readdir(articles);
  const slug = file.split('.')[0];
  await page.route(`${base}reading-widget/pkg/articles/${file}`, (route) => route.fulfill({ path: join(articles, file) }));
  await page.route(`${base}page.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>package</title>
<script type="module">import './element.js';</script></head><body><reading-widget article="${slug}"></reading-widget></body></html>`,
    }),
  );
  await page.goto(`${base}page.html`);
  const seen = await page.evaluate(async () => {
    const element = document.querySelector('reading-widget');
    await customElements.whenDefined('reading-widget');
    const state = await element.ready;
    const { ReadingWidget } = await import('./reading_widget.js');
    return { article: state.article, headline: !!element.shadowRoot.querySelector('h1')?.textContent, same: ReadingWidget.get(element) !== undefined };
  });
  assert.deepEqual(seen, { article: slug, headline: true, same: true }, 'one glue for both entries: the page\'s import finds the element\'s widget');
  assert.deepEqual(problems, []);
});
