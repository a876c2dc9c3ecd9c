// The pre-rendered site (`make dist` runs crates/site/src/bin/prerender.rs): what search engines and link
// previews read in a page's head, the publisher fragments in dist/embed/, and the widget as a
// reader without JavaScript sees it, in a declarative shadow root styled by its <link>.
// Every expected value comes from content/*.md, never from the generated pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { start } from './browser.mjs';

const ROOT = new URL('../../', import.meta.url);
const CONTENT = new URL('content/', ROOT);
const WWW = new URL('www/', ROOT);
/** The demo page's article, as the editor wrote it. */
const DEMO_ARTICLE = 'ukraine-war-korean-war.md';

/**
 * A content file's TOML front matter (between the `+++` lines) and its summary bullets (the
 * `- ` items before the first `## `). Not a TOML parser: enough for the one-line strings,
 * string arrays, dates and tables our articles use. Anything else throws, naming the line, so a
 * new kind of value fails here instead of being misread.
 */
function parseArticle(text, file) {
  const [, toml, body] = text.match(/^\+\+\+\n([\s\S]*?)\n\+\+\+\n([\s\S]*)$/) ?? [];
  if (toml === undefined) throw new Error(`${file}: no +++ front matter`);
  const fields = {};
  let table = fields;
  toml.split('\n').forEach((line, index) => {
    if (/^\s*(#.*)?$/.test(line)) return;
    const header = line.match(/^\[([A-Za-z0-9_-]+)\]\s*$/);
    if (header) {
      table = fields[header[1]] = {};
      return;
    }
    const entry = line.match(/^([A-Za-z0-9_-]+)\s*=\s*(.+?)\s*$/);
    const value = entry?.[2];
    // TOML's basic strings and arrays of them are JSON (no field here uses \U escapes).
    if (value && /^("(?:[^"\\]|\\.)*"|\[.*\])$/.test(value)) table[entry[1]] = JSON.parse(value);
    else if (value && /^\d{4}-\d{2}-\d{2}$/.test(value)) table[entry[1]] = value;
    else throw new Error(`${file}:${index + 2}: front matter this test cannot read: ${line}`);
  });
  const summary = body
    .split(/\n## /)[0]
    .split('\n')
    .filter((line) => line.startsWith('- '))
    .map((line) => plainText(line.slice(2)));
  return { ...fields, summary };
}

/** The text a reader sees of a line of Markdown: links and emphasis as their words. */
function plainText(markdown) {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*`]/g, '')
    .trim();
}

/** Every article in content/ (what `make dist` compiles in), parsed. */
async function contentArticles() {
  const files = (await readdir(CONTENT)).filter((name) => name.endsWith('.md')).sort();
  return Promise.all(files.map(async (name) => parseArticle(await readFile(new URL(name, CONTENT), 'utf8'), `content/${name}`)));
}

let env;
let demo;
before(async () => {
  env = await start();
  demo = parseArticle(await readFile(new URL(DEMO_ARTICLE, CONTENT), 'utf8'), `content/${DEMO_ARTICLE}`);
});
after(async () => {
  await env?.close();
});

/** A page in a new context with JavaScript off, as a crawler or a reader without it loads it. */
async function openWithoutJs(t, url, { blockStylesheet = false, body } = {}) {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  t.after(() => context.close());
  if (blockStylesheet) {
    // Every stylesheet but the demo site's own, wherever the widget's link points.
    await context.route('**/*.css', (route) =>
      route.request().url().endsWith('/site.css') ? route.continue() : route.fulfill({ status: 404, body: 'blocked' }),
    );
  }
  if (body) await context.route(url, (route) => route.fulfill({ contentType: 'text/html', body }));
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !blockStylesheet) problems.push(`console: ${message.text()}`);
  });
  await page.goto(url);
  return { page, problems };
}

test("dist/index.html's head describes its article: meta tags and schema.org JSON-LD from the front matter", async (t) => {
  const { page } = await openWithoutJs(t, `${env.base}index.html`);
  const head = await page.evaluate(() => ({
    ld: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => [s.parentElement.localName, s.textContent]),
    meta: [...document.querySelectorAll('meta[name], meta[property]')].map((m) => [
      m.parentElement.localName,
      m.getAttribute('name') ?? m.getAttribute('property'),
      m.getAttribute('content'),
    ]),
  }));
  assert.equal(head.ld.length, 1, 'one JSON-LD script');
  const [[where, json]] = head.ld;
  assert.equal(where, 'head');
  assert.deepEqual(JSON.parse(json), {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: demo.title,
    description: demo.dek,
    datePublished: demo.date,
    author: { '@type': 'Person', name: demo.author.name },
    articleSection: demo.topic,
    keywords: demo.tags,
    inLanguage: demo.language,
    publisher: { '@type': 'Organization', name: demo.brand },
  });

  assert.deepEqual(head.meta.filter(([where]) => where !== 'head'), [], 'every meta tag is in the head');
  const values = (key) => head.meta.filter(([, name]) => name === key).map(([, , content]) => content);
  const expected = {
    description: [demo.dek],
    'og:type': ['article'],
    'og:title': [demo.title],
    'og:description': [demo.dek],
    'og:site_name': [demo.brand],
    'article:published_time': [demo.date],
    'article:author': [demo.author.name],
    'article:section': [demo.topic],
    'article:tag': demo.tags,
  };
  for (const [key, want] of Object.entries(expected)) assert.deepEqual(values(key), want, key);
  // Open Graph's locale is language_TERRITORY; a tag without a territory gives none.
  const [, language, region] = demo.language.match(/^([a-z]{2,3})(?:-(?:[A-Za-z]{4}-)?([A-Za-z]{2}))?/i);
  assert.deepEqual(values('og:locale'), region ? [`${language}_${region.toUpperCase()}`] : []);
});

/** A file of the served site (dist/), as text; fails unless it is there. */
async function served(path) {
  const response = await fetch(new URL(path, env.base));
  assert.equal(response.status, 200, `${path} is served`);
  return response.text();
}

test('every pre-rendered page has exactly one description, the generated one', async () => {
  const pages = (await readdir(WWW)).filter((name) => name.endsWith('.html'));
  assert.ok(pages.includes('index.html'), `pages in www/: ${pages}`);
  for (const name of pages) {
    const html = await served(name);
    assert.equal(html.match(/<meta name="description"/g)?.length ?? 0, 1, name);
    assert.ok(!html.includes('reading-widget:head'), `${name}: the head marker is replaced`);
  }
});

test('dist/embed/ has a shadow-DOM and a light-DOM fragment for every article, each with its placeholder', async () => {
  for (const { slug } of await contentArticles()) {
    const shadow = await served(`embed/${slug}.html`);
    assert.match(shadow, new RegExp(`<reading-widget article="${slug}"><template shadowrootmode="open"><link rel="stylesheet" href="./pkg/reading_widget.css">`));
    const light = await served(`embed/${slug}.light.html`);
    assert.match(light, new RegExp(`<reading-widget article="${slug}" shadow="false"><link rel="stylesheet" href="./pkg/reading_widget.css">`));
    assert.ok(!light.includes('<template'), `${slug}.light.html has no shadow root`);
    for (const fragment of [shadow, light]) {
      // What is pasted is what readers get: no note to the editor in it.
      assert.match(fragment, /^<reading-widget /);
      assert.match(fragment, /<script type="module" src="\.\/embed\.js"><\/script>\n$/);
    }
  }
});

/**
 * What a reader sees of the widget in `host`'s shadow root (or in `host` itself): whether its
 * stylesheet link loaded rules, the headline and summary bullets that are rendered on screen,
 * and a few computed styles of the headline that the stylesheet sets.
 */
function seen(page, { title, summary }) {
  return page.evaluate(
    ({ title, summary }) => {
      const host = document.querySelector('reading-widget');
      const root = host.shadowRoot ?? host;
      const onScreen = (element) => {
        const box = element.getBoundingClientRect();
        return element.checkVisibility() && box.width > 0 && box.height > 0;
      };
      const text = (element) => element.textContent.replace(/\s+/g, ' ').trim();
      const headline = [...root.querySelectorAll('h1')].find((h1) => text(h1) === title);
      const style = headline && getComputedStyle(headline);
      return {
        shadow: host.shadowRoot != null,
        rules: [...root.querySelectorAll('link[rel="stylesheet"]')].map((link) => link.sheet?.cssRules.length ?? 0),
        headline: headline != null && onScreen(headline),
        bullets: summary.filter((bullet) => [...root.querySelectorAll('li')].some((li) => text(li) === bullet && onScreen(li))),
        style: style && [style.fontFamily, style.fontSize, style.fontWeight, style.lineHeight, style.color, style.margin],
      };
    },
    { title, summary },
  );
}

test('without JavaScript, dist/index.html shows the headline and the summary in a declarative shadow root, styled by its link', async (t) => {
  const { page, problems } = await openWithoutJs(t, `${env.base}index.html`);
  const styled = await seen(page, demo);
  assert.equal(styled.shadow, true, 'the placeholder holds a shadow root');
  assert.equal(styled.rules.length, 1, 'one stylesheet link in the shadow root');
  assert.ok(styled.rules[0] > 0, 'the stylesheet loaded');
  assert.equal(styled.headline, true, `the headline "${demo.title}" is on screen`);
  assert.ok(demo.summary.length > 0, 'the article has summary bullets');
  assert.deepEqual(styled.bullets, demo.summary, 'every summary bullet is on screen');
  assert.deepEqual(problems, []);

  // The same page with the stylesheet missing looks different: the styles come from the link.
  const { page: bare } = await openWithoutJs(t, `${env.base}index.html`, { blockStylesheet: true });
  const unstyled = await seen(bare, demo);
  assert.deepEqual(unstyled.rules, [0], 'the stylesheet was blocked');
  assert.notDeepEqual(styled.style, unstyled.style, "the stylesheet sets the headline's look");
});

test('without JavaScript, each fragment pasted into a page at the site root shows its article', async (t) => {
  for (const article of await contentArticles()) {
    for (const [file, shadow] of [
      [`${article.slug}.html`, true],
      [`${article.slug}.light.html`, false],
    ]) {
      const fragment = await served(`embed/${file}`);
      const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A publisher</title></head><body>${fragment}</body></html>`;
      const { page, problems } = await openWithoutJs(t, `${env.base}publisher.html`, { body });
      const shown = await seen(page, article);
      assert.equal(shown.shadow, shadow, `${file}: in a shadow root: ${shadow}`);
      assert.ok(shown.rules.length === 1 && shown.rules[0] > 0, `${file}: the stylesheet loaded`);
      assert.equal(shown.headline, true, `${file}: the headline is on screen`);
      assert.deepEqual(shown.bullets, article.summary, `${file}: every summary bullet is on screen`);
      assert.deepEqual(problems, []);
    }
  }
});

// dist/articles.html (crates/site/src/page/index.rs): what an editor opens first.
test('dist/articles.html lists every article from content/, and its demo pages show it, pre-rendered, in summary and in full', async (t) => {
  const articles = await contentArticles();
  const index = await served('articles.html');
  const { page, problems } = await openWithoutJs(t, `${env.base}articles.html`);
  const listed = await page.$$eval('article.index-entry', (entries) =>
    entries.map((entry) => ({
      title: entry.querySelector('h2').textContent,
      slug: entry.querySelector('code').textContent,
      date: entry.querySelector('time').getAttribute('datetime'),
      links: [...entry.querySelectorAll(':scope > p a')].map((a) => a.getAttribute('href')),
      sections: [...entry.querySelectorAll('ol a')].map((a) => a.textContent),
    })),
  );
  assert.deepEqual(
    listed.map(({ title, slug, date }) => ({ title, slug, date })),
    articles.map(({ title, slug, date }) => ({ title, slug, date })),
  );
  assert.ok(!index.includes('reading-widget:head'));
  for (const [i, article] of articles.entries()) {
    assert.deepEqual(listed[i].links, [`./article-${article.slug}.html`, `./article-${article.slug}-full.html`]);
    assert.ok(listed[i].sections.length > 0, 'its sections are listed');
    // Each demo page, without JavaScript: the article is there, folded or open as its mode says.
    for (const [link, full] of [[listed[i].links[0], false], [listed[i].links[1], true]]) {
      const { page: demoPage, problems: demoProblems } = await openWithoutJs(t, new URL(link, `${env.base}articles.html`).href);
      const shown = await seen(demoPage, article);
      assert.equal(shown.headline, true, `${link}: the headline is on screen`);
      assert.deepEqual(shown.bullets, article.summary, `${link}: the summary`);
      const open = await demoPage.evaluate(() => document.querySelector('reading-widget').shadowRoot.querySelector('details.rw-more').open);
      assert.equal(open, full, `${link}: the full text is ${full ? 'open' : 'folded'}`);
      assert.deepEqual(demoProblems, []);
    }
  }
  assert.deepEqual(problems, []);
});
