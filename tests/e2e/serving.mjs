// `make serve` driven from a test or a benchmark (tests/e2e/serve.test.mjs, bench/serve.mjs):
// scripts/watch.mjs on a free port, watching a temporary copy of content/, with a serve folder
// of its own (target/serve-test), so a `make serve` the developer has running is left alone;
// and Chromium to open its pages.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './browser.mjs';
import { freePort } from './webdriver.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTICLE = 'ukraine-war-korean-war.md';

/** Starts serve mode; `open(t, path)` opens a page of it, `close()` ends everything. */
export async function startServe() {
  const content = await mkdtemp(join(tmpdir(), 'reading-widget-content-'));
  for (const name of (await readdir(join(ROOT, 'content'))).filter((name) => name.endsWith('.md'))) {
    await cp(join(ROOT, 'content', name), join(content, name));
  }
  const serveDir = join(ROOT, 'target/serve-test');
  await rm(serveDir, { recursive: true, force: true });
  await mkdir(serveDir, { recursive: true });
  // The module dist/ was built with (make dist): serve mode splices the articles into it.
  await cp(join(ROOT, 'target/ship/shell-pkg'), join(serveDir, 'shell-pkg'), { recursive: true });
  const port = await freePort();
  const child = spawn('node', ['scripts/watch.mjs', String(port)], {
    cwd: ROOT,
    env: { ...process.env, READING_WIDGET_CONTENT: content, READING_WIDGET_SERVE_DIR: serveDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((done) => child.once('exit', done));
  const base = `http://127.0.0.1:${port}/`;
  // The first build compiles serve mode's native tools (target/serve-native) when it has to.
  const until = Date.now() + 300_000;
  for (;;) {
    try {
      if ((await fetch(`${base}index.html`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`serve mode did not start:\n${output}`);
    await new Promise((done) => setTimeout(done, 250));
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    base,
    content,
    output: () => output,
    /** A page of serve mode in a context of its own (closed after `t`), and the article's file. */
    async open(t, path) {
      const context = await browser.newContext();
      t?.after(() => context.close());
      const page = await context.newPage();
      const problems = [];
      page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      await page.goto(base + path);
      return { page, problems, file: join(content, ARTICLE), context };
    },
    async close() {
      await browser.close();
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await exited;
      await rm(content, { recursive: true, force: true });
      await rm(serveDir, { recursive: true, force: true });
    },
  };
}
