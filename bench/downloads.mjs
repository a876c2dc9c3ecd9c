// What a page showing one article downloads, measured rather than assumed: every request that
// reaches the server is recorded with its status, so a file the browser took from its HTTP
// cache (never asked for) or revalidated (304, no body) is not counted as downloaded. Whatever
// the build's layout (one module for every article; a module per article with the shared code
// spliced in, as before commit 4c84346; or the code module named by its hash plus each article
// in pkg/articles/<slug>.<build>.bin, as now), this is what a reader pays.
//
// - `downloads`: the publisher fragment of one article (embed/<slug>.html, as a publisher
//   pastes it) in a bare page, in a fresh browser context: a first visit.
// - `warmVisit`: a real page of one article (article-<slug>.html), then, in the same browser
//   context, a real page of another: what the second page downloads with the cache warm. No
//   Playwright routing there: a routed page does not use the HTTP cache.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve } from '../scripts/serve.mjs';
import { compressed, fileSize, total } from './size.mjs';
import { BenchFailed } from './stats.mjs';

const PAGE = 'bench-article.html';
const READY_TIMEOUT_MS = 15_000;

/** The code named by its hash (pkg/reading_widget.<hash>.js or .wasm). */
const HASHED = /(^|\/)pkg\/reading_widget\.[0-9a-f]{16}\.(js|wasm)$/;

/**
 * What a downloaded file is, by its name: `embed`, `glue` (the glue the page runs: the hashed
 * one, or the old pkg/reading_widget.js), `code` (a module without any article: the hashed one),
 * `module` (a module with articles spliced in: the old pkg/articles/<slug>.wasm or
 * pkg/reading_widget_bg.wasm), `article` (pkg/articles/<slug>.<build>.bin), `css`, or `other`.
 */
export function kindOf(name) {
  if (/(^|\/)embed\.js$/.test(name)) return 'embed';
  if (HASHED.test(name)) return name.endsWith('.wasm') ? 'code' : 'glue';
  if (/(^|\/)pkg\/reading_widget\.js$/.test(name)) return 'glue';
  if (/(^|\/)pkg\/articles\/[^/]+\.bin$/.test(name)) return 'article';
  if (name.endsWith('.wasm')) return 'module';
  if (name.endsWith('.css')) return 'css';
  return 'other';
}

/** The kinds that make up "the widget's code and its article": the size budgets' figures. */
export const WIDGET = ['glue', 'code', 'module', 'article'];

/**
 * Serves `dir` with scripts/serve.mjs and records every request it answers, in order:
 * `{ path, status }` (a 304 carries no body).
 */
export async function recordingServer(dir) {
  const server = await serve(dir, 0);
  const requests = [];
  server.on('request', (request, response) =>
    response.on('finish', () => requests.push({ path: decodeURIComponent(new URL(request.url, 'http://x').pathname), status: response.statusCode })),
  );
  return { server, requests, base: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((done) => server.close(done)) };
}

/**
 * The files `requests` answered with a body (200), each once with its sizes, kind and `times`
 * (how often it was answered with a body: each time counts in the total).
 */
async function answered(dir, requests, skip = () => false) {
  const times = new Map();
  for (const { path } of requests.filter((request) => request.status === 200 && !skip(request.path))) {
    times.set(path, (times.get(path) ?? 0) + 1);
  }
  const files = [];
  for (const [path, count] of times) {
    const name = path.slice(1);
    files.push({ name, kind: kindOf(name), times: count, ...(await fileSize(join(dir, path))) });
  }
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

/** The sum of `files`' sizes, each as often as it was downloaded. */
export function downloaded(files) {
  return total(files.flatMap((file) => Array(file.times ?? 1).fill(file)));
}

/** Records `readingwidget:ready` events in `page` (every navigation), as `window.readyArticles`. */
async function recordReady(page) {
  await page.addInitScript(() => {
    window.readyArticles = [];
    document.addEventListener('readingwidget:ready', (event) => window.readyArticles.push(event.detail.article));
  });
}

function watchProblems(page, problems) {
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('response', (response) => response.status() >= 400 && problems.push(`${response.status()} for ${new URL(response.url()).pathname}`));
}

async function waitReady(page, slug, what, problems) {
  await page.waitForFunction((slug) => window.readyArticles?.includes(slug), slug, { timeout: READY_TIMEOUT_MS }).catch(() => {});
  await page.waitForLoadState('networkidle');
  const ready = await page.evaluate(() => window.readyArticles);
  if (!ready?.includes(slug) || problems.length > 0) {
    throw new BenchFailed(`${what}: ${ready?.includes(slug) ? '' : `the widget of ${slug} did not become ready (ready: ${JSON.stringify(ready)}); `}${problems.join('; ')}`);
  }
}

/**
 * Loads a page holding `slug`'s fragment from the site in `dir`, in a fresh context (a first
 * visit); resolves to `{ page, files, total, requests }`: the page's own size, each file the
 * server answered with a body (raw, gzip -9, brotli, kind), their total, and every request
 * the server saw. Fails if the article does not become live.
 */
export async function downloads(browser, dir, slug) {
  const fragment = await readFile(join(dir, 'embed', `${slug}.html`), 'utf8').catch(() => {
    throw new BenchFailed(`${dir}/embed/${slug}.html is missing: the bench site has no fragment for ${slug}`);
  });
  const html = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${slug}</title></head>\n<body>\n${fragment}\n</body></html>\n`;
  return inFreshContext(browser, dir, async (site, page, problems) => {
    // The bench page itself is routed (it is not a file of the site): a fresh context has an
    // empty cache anyway, and the page's own requests still reach the server.
    await page.route(`${site.base}${PAGE}`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await page.goto(`${site.base}${PAGE}`);
    await waitReady(page, slug, `a page of ${slug} from ${dir}`, problems);
    const files = await answered(dir, site.requests);
    return { page: compressed(html), files, total: downloaded(files), requests: [...site.requests] };
  });
}

/**
 * Runs `visit(site, page, problems)` on a recording server of `dir` and a page in a browser
 * context of its own (an empty HTTP cache), watched for problems and `readingwidget:ready`;
 * closes both after.
 */
async function inFreshContext(browser, dir, visit) {
  const site = await recordingServer(dir);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const problems = [];
    watchProblems(page, problems);
    await recordReady(page);
    return await visit(site, page, problems);
  } finally {
    await context.close();
    await site.close();
  }
}

/**
 * A first visit to `article-<first>.html` of the site in `dir`, then in the same context (its
 * HTTP cache warm) a navigation to `article-<second>.html`; resolves to what the second page's
 * load asked the server for (`requests`, with statuses), the files answered with a body other
 * than the page's own HTML (`files`, `total`), and the first visit's files for comparison.
 */
export async function warmVisit(browser, dir, first, second) {
  return inFreshContext(browser, dir, async (site, page, problems) => {
    const pageOf = (slug) => `article-${slug}.html`;
    await page.goto(`${site.base}${pageOf(first)}`);
    await waitReady(page, first, `${pageOf(first)} from ${dir}`, problems);
    const firstFiles = await answered(dir, site.requests, (path) => path.endsWith('.html'));
    const from = site.requests.length;
    await page.goto(`${site.base}${pageOf(second)}`);
    await waitReady(page, second, `${pageOf(second)} after ${pageOf(first)}, from ${dir}`, problems);
    const requests = site.requests.slice(from);
    const files = await answered(dir, requests, (path) => path === `/${pageOf(second)}`);
    return { first, second, requests, files, total: downloaded(files), firstFiles, firstTotal: downloaded(firstFiles) };
  });
}
