// What a page showing one article downloads, measured rather than assumed: the publisher
// fragment of that article (embed/<slug>.html, as a publisher pastes it) in a bare page, loaded
// in Chromium from a bench site, every response it asks for recorded. Whatever the build's
// layout (one module for every article, or a module per article and shared code), this is
// what a reader pays.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve } from '../scripts/serve.mjs';
import { compressed, fileSize, total } from './size.mjs';
import { BenchFailed } from './stats.mjs';

const PAGE = 'bench-article.html';

/**
 * Loads a page holding `slug`'s fragment from the site in `dir`; resolves to `{ page, files,
 * total }`: the page's own size, and each file it downloaded (raw, gzip -9, brotli), with
 * their total. Fails if the article does not become live.
 */
export async function downloads(browser, dir, slug) {
  const fragment = await readFile(join(dir, 'embed', `${slug}.html`), 'utf8').catch(() => {
    throw new BenchFailed(`${dir}/embed/${slug}.html is missing: the bench site has no fragment for ${slug}`);
  });
  const html = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${slug}</title></head>\n<body>\n${fragment}\n</body></html>\n`;
  const server = await serve(dir, 0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    const requested = new Set();
    page.on('request', (request) => requested.add(new URL(request.url()).pathname));
    page.on('response', (response) => response.status() >= 400 && problems.push(`${response.status()} for ${new URL(response.url()).pathname}`));
    await page.route(`${base}${PAGE}`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await page.addInitScript(() => {
      document.addEventListener('readingwidget:ready', (event) => (window.readyArticle = event.detail.article));
    });
    await page.goto(`${base}${PAGE}`);
    await page.waitForFunction(() => window.readyArticle !== undefined, null, { timeout: 15_000 }).catch(() => {});
    await page.waitForLoadState('networkidle');
    const ready = await page.evaluate(() => window.readyArticle);
    if (ready !== slug || problems.length > 0) {
      throw new BenchFailed(`a page of ${slug} from ${dir}: ${ready === slug ? '' : `the widget did not become ready (got ${ready}); `}${problems.join('; ')}`);
    }
    const files = [];
    for (const path of [...requested].filter((path) => path !== `/${PAGE}`).sort()) {
      files.push({ name: path.slice(1), ...(await fileSize(join(dir, path))) });
    }
    return { page: compressed(html), files, total: total(files) };
  } finally {
    await context.close();
    await new Promise((done) => server.close(done));
  }
}
