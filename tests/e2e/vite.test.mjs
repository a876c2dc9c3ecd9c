// The npm package in a Vite app, as a publisher without Rust uses it: `make package`'s output
// packed with `npm pack`, the tarball installed into a scratch app (never the repository's
// files), and Vite's build and dev server run with every Rust toolchain off the PATH. The app
// imports 'reading-widget/element', shows one article, and routes on the client to a second;
// the articles' files are the publisher's, written by `npx reading-widget build` into
// public/reading-widget/, the element's documented default base. In Chromium, built (`vite build`, `vite preview`) and in
// the dev server (`vite`, with its dependency pre-bundling): the article shows and opens, and
// the route downloads the second article's file and nothing else.
//
//   make package && node --test tests/e2e/vite.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './browser.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// The repository's pinned Vite (package.json), installed by `npm ci`: nothing is downloaded here.
const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
// The publisher's articles, as the app routes: ours first, then the test-only second one.
const SOURCES = [
  ['ukraine-war-korean-war', join(ROOT, 'content', 'ukraine-war-korean-war.md')],
  ['fixture-second-article', join(ROOT, 'tests', 'fixtures', 'content', 'fixture-second-article.md')],
];
// The element's default base, where a publisher's build puts the articles (docs/package-README.md).
const ARTICLES = 'reading-widget/pkg/articles';
// No folder that holds cargo or rustc: what runs here runs without Rust.
const PATH = process.env.PATH.split(delimiter)
  .filter((dir) => !['cargo', 'rustc'].some((tool) => existsSync(join(dir, tool))))
  .join(delimiter);
// npm's update check, funding notes and audit would reach for the network; none is under test.
const ENV = {
  ...process.env,
  PATH,
  NO_COLOR: '1',
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
};
const run = (command, args, cwd) => promisify(execFile)(command, args, { cwd, env: ENV });

let scratch; // the temporary folder: the package, its tarball, the app
let app; // the Vite app
let articles; // [{ slug, file }] for the first article and the second, as the app routes
let browser;

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'reading-widget-vite-'));
  // A package of its own (package.test.mjs rewrites pkg/ as it runs), packed as npm publishes it.
  const pkg = join(scratch, 'package');
  await run(process.execPath, [join(ROOT, 'scripts', 'package.mjs'), pkg], ROOT);
  const [{ filename }] = JSON.parse((await run('npm', ['pack', '--json', '--pack-destination', scratch], pkg)).stdout);

  // The publisher's two articles, built into public/ by the package's own CLI (the element's
  // default base, /reading-widget/); each article's file named as the build names it.
  app = join(scratch, 'app');
  await mkdir(join(app, 'articles'), { recursive: true });
  for (const [slug, source] of SOURCES) await copyFile(source, join(app, 'articles', `${slug}.md`));
  await writeFile(join(app, 'package.json'), '{ "name": "vite-app", "private": true, "type": "module" }\n');
  await writeFile(
    join(app, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A Vite app</title>
<link rel="icon" href="data:,"><script type="module" src="/main.js"></script></head>
<body><nav><a href="/" data-route>First</a> <a href="/second" data-route>Second</a></nav>
<main><reading-widget article="${SOURCES[0][0]}"></reading-widget></main></body></html>
`,
  );
  await writeFile(
    join(app, 'main.js'),
    `import 'reading-widget/element';

// A client-side router: each path shows its article in a <reading-widget> of its own.
const ROUTES = { '/': ${JSON.stringify(SOURCES[0][0])}, '/second': ${JSON.stringify(SOURCES[1][0])} };
const show = () => {
  const element = document.createElement('reading-widget');
  element.setAttribute('article', ROUTES[location.pathname] ?? ROUTES['/']);
  document.querySelector('reading-widget').replaceWith(element);
};
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-route]');
  if (!link) return;
  event.preventDefault();
  history.pushState(null, '', link.href);
  show();
});
addEventListener('popstate', show);
`,
  );
  // From the tarball alone, offline: the package has no dependencies to fetch.
  await run('npm', ['install', '--offline', '--no-package-lock', join(scratch, filename)], app);
  await run('npx', ['--no-install', 'reading-widget', 'build', 'articles', '--out', 'public/reading-widget', '--base', '/reading-widget/'], app);
  const written = await readdir(join(app, 'public', ARTICLES));
  articles = SOURCES.map(([slug]) => ({ slug, file: written.find((file) => file.startsWith(`${slug}.`)) }));
  assert.ok(articles.every(({ file }) => file), `the build wrote each article's file: ${written}`);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

test('the commands here find no Rust', async () => {
  const cargo = await run('cargo', ['--version'], app).then(() => null, (error) => error.code);
  assert.equal(cargo, 'ENOENT', 'cargo is not on the PATH the app is built with');
});

/**
 * `vite args…` in the app, its own process group, until the test ends; resolves to the URL it
 * serves on once it says so.
 */
async function serveWith(t, args) {
  const child = spawn(process.execPath, [VITE, ...args, '--host', '127.0.0.1', '--port', '0'], {
    cwd: app,
    env: ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const exited = new Promise((done) => child.on('exit', done));
  t.after(async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // gone already
    }
    await exited;
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(Error(`vite ${args.join(' ')} said no URL in 30 s:\n${output}`)), 30_000);
    const read = (chunk) => {
      output += chunk;
      const url = output.match(/http:\/\/127\.0\.0\.1:\d+\//)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    exited.then((code) => reject(Error(`vite ${args.join(' ')} exited (${code}):\n${output}`)));
  });
}

/**
 * The article shows, opens on a click, and the route downloads the second article's file alone.
 * Resolves to the paths the page requested before the route.
 */
async function readAndRoute(t, url) {
  const page = await browser.newPage();
  t.after(() => page.close());
  const loaded = [];
  page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
  const problems = [];
  page.on('console', (message) => ['error', 'warning'].includes(message.type()) && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(url);

  const ready = () => page.evaluate(async () => (await document.querySelector('reading-widget').ready).article);
  assert.equal(await ready(), articles[0].slug);
  const widget = page.locator('reading-widget');
  assert.notEqual((await widget.locator('h1').textContent()).trim(), '', 'the headline shows');
  // Styled: the glue fetched the stylesheet as CSS (a dev server may answer with JavaScript).
  const rules = await widget.evaluate((element) =>
    element.shadowRoot.adoptedStyleSheets.reduce((count, sheet) => count + sheet.cssRules.length, 0),
  );
  assert.ok(rules > 10, `the widget's stylesheet has its rules (${rules})`);
  // The full text's paragraphs: skipped (content-visibility) while it is folded.
  const shown = () =>
    widget.evaluate((element) => [...element.shadowRoot.querySelectorAll('.rw-full p')].filter((p) => p.checkVisibility()).length);
  assert.equal(await shown(), 0, 'the full text starts folded');
  await widget.getByRole('button', { name: /^Read the full article/ }).click();
  await page.waitForFunction(
    () => [...document.querySelector('reading-widget').shadowRoot.querySelectorAll('.rw-full p')].some((p) => p.checkVisibility()),
    null,
    { timeout: 5_000 },
  );
  t.diagnostic(`${await shown()} paragraphs of the full text shown`);
  assert.equal(await widget.locator('button.rw-mode').getAttribute('aria-expanded'), 'true');

  // Every request the page makes from here, whether or not a cache answers it.
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.locator('a[href="/second"]').click();
  assert.equal(await ready(), articles[1].slug);
  assert.equal(new URL(page.url()).pathname, '/second');
  assert.notEqual((await widget.locator('h1').textContent()).trim(), '', "the second article's headline shows");
  assert.deepEqual(requested, [`/${ARTICLES}/${articles[1].file}`], "the route fetches the second article's file, and only that");
  assert.deepEqual(problems, []);
  return loaded.slice(0, loaded.length - requested.length);
}

test('vite build emits the element, the glue and the code, and nothing else of the package', async (t) => {
  await run(process.execPath, [VITE, 'build'], app);
  const assets = (await readdir(join(app, 'dist', 'assets'))).sort();
  const sizes = await Promise.all(assets.map(async (file) => `${file} ${(await stat(join(app, 'dist', 'assets', file))).size} B`));
  t.diagnostic(sizes.join(', '));
  // The app's chunk (its main.js with the element), the glue's chunk, the code module, the
  // module with every article that the glue's init() would fetch, and the stylesheet the glue
  // fetches: Vite follows each literal `new URL('./…', import.meta.url)` and `import('./…')`.
  const kinds = assets
    .map((file) => file.replace(/-[\w-]{8}(\.\w+)$/, '$1').replace(/^reading_widget\.[0-9a-f]{16}\.wasm$/, 'CODE.wasm'))
    .sort();
  assert.deepEqual(kinds, ['CODE.wasm', 'index.js', 'reading_widget.css', 'reading_widget.js', 'reading_widget_bg.wasm']);
  // The articles are the publisher's public/ files, copied as they are.
  const copied = (await readdir(join(app, 'dist', ARTICLES))).sort();
  assert.deepEqual(copied, articles.map(({ file }) => file).sort());

  await t.test('served by vite preview', async (t) => readAndRoute(t, await serveWith(t, ['preview'])));
});

test("vite's dev server, with its dependency pre-bundling", async (t) => {
  const loaded = await readAndRoute(t, await serveWith(t, []));
  // The element as Vite pre-bundled it, which moves it (and its import.meta.url) into
  // node_modules/.vite/deps/; the code module from the package's own folder.
  const element = loaded.filter((path) => path.startsWith('/node_modules/.vite/deps/reading-widget'));
  assert.ok(element.length > 0, `the element came pre-bundled: ${loaded.join(' ')}`);
  assert.ok(
    loaded.some((path) => /^\/node_modules\/reading-widget\/reading_widget\.[0-9a-f]{16}\.wasm$/.test(path)),
    `the code module came from the package: ${loaded.join(' ')}`,
  );
});
