// A publisher's way in, with Node and no Rust: the packed tarball (`npm pack` of pkg/, never the
// repository's files) installed in a scratch folder, every command run from a PATH without a
// Rust toolchain. An Eleventy 3 site whose pages hold bare <reading-widget> elements is built,
// then `npx reading-widget build` writes the articles into it and `npx reading-widget
// prerender` fills the elements; a plain Node HTTP server renders a page with the Node API's
// `compile` at request time. Each page reads in Chromium with JavaScript off, is taken over in
// place with it on, and toggles.
//
//   make package && node --test tests/e2e/publish.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, LIVE } from './browser.mjs';
import { serve } from '../../scripts/serve.mjs';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// The Eleventy the repository pins: the scratch project installs it from npm's cache.
const ELEVENTY = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies['@11ty/eleventy'];
// The commands the Publishing chapter shows for Eleventy, run as they are.
const ELEVENTY_BUILD = readFileSync(new URL('./publish/eleventy.sh', import.meta.url), 'utf8');
// The two articles a publisher brings: ours, and the test-only second one.
const ARTICLES = [
  { file: join(ROOT, 'content', 'ukraine-war-korean-war.md'), slug: 'ukraine-war-korean-war', title: 'The Ukraine War Could Be the Spark to Restart the Korean War' },
  { file: join(ROOT, 'tests', 'fixtures', 'content', 'fixture-second-article.md'), slug: 'fixture-second-article', title: 'Test Fixture: A Second Article' },
];
// No Rust: no folder on PATH that holds cargo or rustc.
const PATH = process.env.PATH.split(':')
  .filter((dir) => dir && !existsSync(join(dir, 'cargo')) && !existsSync(join(dir, 'rustc')))
  .join(':');
const ENV = { ...process.env, PATH, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

let scratch;
let app; // the publisher's project: the tarball installed, the articles, the Eleventy site
let browser;
const servers = [];

/** `npx reading-widget …` in the publisher's project, as they would type it. */
const rw = (...args) => run('npx', ['--no-install', 'reading-widget', ...args], { cwd: app, env: ENV });

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'reading-widget-publish-'));
  app = join(scratch, 'site');
  await mkdir(join(app, 'articles'), { recursive: true });
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: join(ROOT, 'pkg'), env: ENV });
  const [{ filename }] = JSON.parse(stdout);
  await writeFile(join(app, 'package.json'), '{ "private": true, "type": "module" }\n');
  await run('npm', ['install', '--prefer-offline', '--no-save', join(scratch, filename), `@11ty/eleventy@${ELEVENTY}`], { cwd: app, env: ENV });
  for (const { file, slug } of ARTICLES) await copyFile(file, join(app, 'articles', `${slug}.md`));
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  for (const server of servers) await new Promise((done) => server.close(done));
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

test('no Rust toolchain is reachable from the PATH the commands run with', async () => {
  await assert.rejects(run('sh', ['-c', 'command -v cargo || command -v rustc'], { env: ENV }));
});

/** A page of the Eleventy site: the element and embed.js, under the build's base. */
const page = (title, body) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<!-- reading-widget:head -->
<script type="module" src="/reading-widget/embed.js"></script>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;

test('an Eleventy site: build writes the articles, prerender fills every page at any depth, and each reads, is taken over and toggles', async (t) => {
  const src = join(app, 'src');
  await mkdir(join(src, 'news', 'korea'), { recursive: true });
  await writeFile(join(src, 'index.html'), page('Home', '<p>No widget here.</p>'));
  await writeFile(join(src, 'news', 'korea', 'index.html'), page('Korea', `<reading-widget article="${ARTICLES[0].slug}"></reading-widget>`));
  await writeFile(join(src, 'news', 'second.html'), page('Second', `<reading-widget article="${ARTICLES[1].slug}"></reading-widget>`));
  const site = join(app, '_site');
  // The book's commands, but the page without the element is read between Eleventy and the rest.
  const [eleventy, ...ours] = ELEVENTY_BUILD.split('\n').filter((line) => line.startsWith('npx '));
  await run('sh', ['-ec', eleventy], { cwd: app, env: ENV });
  const home = await readFile(join(site, 'index.html'));
  const { stderr } = await run('sh', ['-ec', ours.join('\n')], { cwd: app, env: ENV });
  assert.match(stderr, /build: 2 articles into _site\/reading-widget\/: \d+ files written/);
  assert.match(stderr, /prerender: 3 pages in _site\/, 2 filled/);
  assert.deepEqual(await readFile(join(site, 'index.html')), home, 'a page without the element is left byte for byte');

  // What the build wrote, and nothing else.
  const written = (await readdir(join(site, 'reading-widget'), { recursive: true })).sort();
  const code = written.filter((name) => /^pkg\/reading_widget\.[0-9a-f]{16}\.(js|wasm)$/.test(name));
  assert.equal(code.length, 2, `the code and its glue under their hash: ${written}`);
  for (const { slug } of ARTICLES) {
    assert.ok(written.some((name) => new RegExp(`^pkg/articles/${slug}\\.[0-9a-f]{16}\\.bin$`).test(name)), `${slug}'s file: ${written}`);
    assert.ok(written.includes(`embed/${slug}.html`) && written.includes(`embed/${slug}.light.html`), `${slug}'s fragments`);
  }
  // The code the build wrote is the package's: the bytes make dist wrote.
  for (const name of code) {
    assert.deepEqual(await readFile(join(site, 'reading-widget', name)), await readFile(join(ROOT, 'dist', name)), name);
  }

  // A second run rewrites nothing: same bytes, same modification times.
  const times = async () => Promise.all(written.map(async (name) => (await stat(join(site, 'reading-widget', name))).mtimeMs));
  const before = await times();
  const again = await rw('build', 'articles', '--out', '_site/reading-widget', '--base', '/reading-widget/');
  assert.match(again.stderr, / 0 files written, \d+ unchanged, 0 removed/);
  assert.deepEqual(await times(), before);
  const filledAgain = await rw('prerender', '_site');
  assert.match(filledAgain.stderr, /, 0 filled/, 'pre-rendering a pre-rendered site changes nothing');

  const server = await serve(site);
  servers.push(server);
  const origin = `http://127.0.0.1:${server.address().port}`;
  await readsTakesOverAndToggles(t, `${origin}/news/korea/`, ARTICLES[0]);
  // Eleventy writes src/news/second.html as news/second/index.html.
  await readsTakesOverAndToggles(t, `${origin}/news/second/`, ARTICLES[1]);
});

test('an unknown article in a page is a located error, and prerender writes nothing', async () => {
  const site = join(app, 'bad-site');
  await mkdir(join(site, 'deep', 'er'), { recursive: true });
  await rw('build', 'articles', '--out', 'bad-site/rw');
  const html = '<p>\n  <reading-widget article="no-such-article"></reading-widget>\n';
  await writeFile(join(site, 'deep', 'er', 'page.html'), html);
  const failed = await rw('prerender', 'bad-site').then(
    () => assert.fail('prerender succeeded'),
    (error) => error,
  );
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /bad-site\/deep\/er\/page\.html:2:3: unknown article 'no-such-article'; the articles built are: fixture-second-article, ukraine-war-korean-war/);
  assert.equal(await readFile(join(site, 'deep', 'er', 'page.html'), 'utf8'), html);
});

test('build --watch rewrites an edited article\'s files, and only those', async (t) => {
  await rw('build', 'articles', '--out', 'watched');
  const watcher = spawn('npx', ['--no-install', 'reading-widget', 'build', 'articles', '--out', 'watched', '--watch'], {
    cwd: app,
    env: ENV,
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  t.after(() => process.kill(-watcher.pid, 'SIGTERM'));
  let said = '';
  const saying = (pattern) =>
    new Promise((done, fail) => {
      const timer = setTimeout(() => fail(Error(`build --watch never said ${pattern}: ${said}`)), 15_000);
      const check = () => pattern.test(said) && (clearTimeout(timer), done());
      watcher.stderr.on('data', (chunk) => ((said += chunk), check()));
      check();
    });
  await saying(/watching articles/);
  const folder = join(app, 'watched');
  const names = (await readdir(folder, { recursive: true })).filter((name) => name.includes('.'));
  const times = async () => Object.fromEntries(await Promise.all(names.map(async (name) => [name, (await stat(join(folder, name))).mtimeMs])));
  const before = await times();
  const source = join(app, 'articles', `${ARTICLES[1].slug}.md`);
  await writeFile(source, `${await readFile(source, 'utf8')}\nOne more sentence, saved while watching.\n`);
  await saying(/: 4 files written, \d+ unchanged, 0 removed/);
  const after = await times();
  const changed = names.filter((name) => after[name] !== before[name]).sort();
  const slug = ARTICLES[1].slug;
  const file = names.find((name) => name.startsWith(`pkg/articles/${slug}.`));
  assert.deepEqual(changed, [`embed/${slug}.html`, `embed/${slug}.light.html`, file, 'reading-widget.json'].sort());
  await writeFile(source, await readFile(ARTICLES[1].file, 'utf8'));
});

test('check and new behave as make check and make new', async () => {
  const made = await rw('new', 'A Library Budget', '--folder', 'articles');
  assert.match(made.stdout, /new: wrote articles\/a-library-budget\.md/);
  const checked = await rw('check', 'articles', '--format', 'json').then(
    () => assert.fail('a scaffold with placeholders passed the check'),
    (error) => error,
  );
  assert.equal(checked.code, 1);
  const problems = JSON.parse(checked.stdout);
  assert.ok(problems.length > 0 && problems.every((p) => p.file === 'articles/a-library-budget.md' && p.line > 0 && p.column > 0), checked.stdout);
  await rm(join(app, 'articles', 'a-library-budget.md'));
  const clean = await rw('check', 'articles');
  assert.match(clean.stderr, /check: no problem in articles/);
});

test('a server-rendered page: the Node API compiles the article at request time, in a plain Node HTTP server', async (t) => {
  // The code and embed.js as the CLI writes them; the article comes from the server itself.
  await rw('build', 'articles', '--out', 'static');
  await copyFile(new URL('./publish/server.mjs', import.meta.url), join(app, 'server.mjs'));
  const server = spawn(process.execPath, ['server.mjs'], { cwd: app, env: ENV, stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => server.kill());
  const [url] = await once(server.stdout, 'data');
  await readsTakesOverAndToggles(t, `${url}`.trim(), ARTICLES[0]);

  // Problems come back located, all of them.
  const api = await import(pathToFileURL(join(app, 'node_modules', 'reading-widget', 'build.js')).href);
  assert.throws(() => api.compile('+++\ntitle = 1\n+++\n', { path: 'cms/bad' }), (error) => {
    assert.equal(error.name, 'ArticleError');
    assert.ok(error.problems.length > 1 && error.problems.every((p) => p.file === 'cms/bad'), JSON.stringify(error.problems));
    return true;
  });
});

/**
 * At `url`, the article reads with JavaScript off; with it on, the module takes over the very
 * nodes that were pre-rendered (the article element is the same object before and after), and
 * the control opens the full text.
 */
async function readsTakesOverAndToggles(t, url, { title }) {
  const off = await browser.newContext({ javaScriptEnabled: false });
  t.after(() => off.close());
  const still = await off.newPage();
  await still.goto(url);
  assert.equal((await still.locator('reading-widget h1').textContent()).trim(), title, `${url} reads with JavaScript off`);
  assert.ok(await still.locator('reading-widget h1').isVisible());

  const on = await browser.newContext();
  t.after(() => on.close());
  const live = await on.newPage();
  const problems = [];
  live.on('pageerror', (error) => problems.push(error.message));
  live.on('response', (response) => response.status() >= 400 && problems.push(`${response.status()} ${response.url()}`));
  // The code held back until the pre-rendered article is marked.
  let release;
  const held = new Promise((done) => (release = done));
  await live.route(/reading_widget\.[0-9a-f]{16}\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await live.goto(url);
  await live.locator('reading-widget article.rw').waitFor();
  await live.evaluate(() => {
    window.__served = document.querySelector('reading-widget').shadowRoot.querySelector('article.rw');
  });
  release();
  await live.locator(`reading-widget ${LIVE}`).waitFor({ timeout: 15_000 }).catch((error) => {
    assert.fail(`${url}: the module did not take over (${error.message.split('\n')[0]}); the page saw: ${problems.join('; ') || 'nothing wrong'}`);
  });
  const same = await live.evaluate(() => document.querySelector('reading-widget').shadowRoot.querySelector('article.rw') === window.__served);
  assert.ok(same, `${url}: the module took over the pre-rendered nodes in place`);
  const firstSection = live.locator('reading-widget h2.rw-section-heading').first();
  assert.equal(await firstSection.isVisible(), false, 'the summary shows first');
  await live.locator('reading-widget button.rw-mode').click();
  await firstSection.waitFor({ state: 'visible' });
  assert.deepEqual(problems, []);
}
