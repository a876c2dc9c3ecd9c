// reading-widget/build: the Node API, and everything the CLI (cli.js) does. The decisions are
// the compiler's (crates/node, WebAssembly, loaded here once, synchronously); this file reads
// and writes files, and keeps a build's second run cheap: an article whose source, base and
// release are unchanged is not compiled again, and a file whose bytes are unchanged is not
// written again (its modification time stays).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as compiler from './compiler/compiler.js';

const COMPILER = readFileSync(new URL('./compiler/compiler_bg.wasm', import.meta.url));
compiler.initSync({ module: COMPILER });
/** Which compiler wrote a build: a new one (a fix in the content compiler, say) compiles every article again. */
const COMPILED_BY = createHash('sha256').update(COMPILER).digest('hex').slice(0, 16);

/** The release's build id: it names the article files and marks the pre-rendered markup. */
export const build = compiler.buildId();

/** What a build writes besides the articles, copied from the package as they are. */
const SITE = fileURLToPath(new URL('./site/', import.meta.url));

/** The code's hash, as its files in the package are named. */
const CODE = readdirSync(join(SITE, 'pkg')).map((name) => name.match(/^reading_widget\.([0-9a-f]{16})\.wasm$/)?.[1]).find(Boolean);

/** The listing a build writes into its folder, which `prerender` finds the articles by. */
export const LISTING = 'reading-widget.json';

/** An article's file, under the build's folder. */
export const articleFile = (slug) => `pkg/articles/${slug}.${build}.bin`;

/** An article that does not compile: `problems` lists every problem, located. */
export class ArticleError extends Error {
  constructor(problems) {
    super(problems.map(format).join('\n'));
    this.name = 'ArticleError';
    this.problems = problems;
  }
}

/** `file:line:col: message; fix`, as `make check` prints a problem. */
export const format = (p) => `${p.file}:${p.line}:${p.column}: ${p.message}${p.fix ? `; ${p.fix}` : ''}`;

/**
 * Compiles one article in memory: what a server calls while it renders a page. `text` is the
 * article's source; `path` names it in problems; `base` is where the build's files are served
 * (`embed.js`, `pkg/`), a URL ending in '/'. Returns the article file's bytes, both fragments,
 * the JSON-LD, the head's tags and the listing; throws an ArticleError with every problem.
 */
export function compile(text, { path = 'article.md', base = './' } = {}) {
  const out = compiler.compile(path, text, withSlash(base), CODE);
  // Read, then freed at once: left to the garbage collector, every article's file and JSON would
  // stay in the compiler's memory, which then grows until the build crawls.
  let about;
  let file;
  try {
    about = JSON.parse(out.json);
    file = out.file;
  } finally {
    out.free();
  }
  if (about.problems) throw new ArticleError(about.problems);
  return { ...about, file, fileName: articleFile(about.slug) };
}

/** Every problem in the articles at `inputs` (files, or folders of `*.md`), located; [] if none. */
export function check(inputs) {
  const problems = [];
  const slugs = new Map();
  for (const path of sources(inputs, problems)) {
    const text = read(path, problems);
    if (text === undefined) continue;
    try {
      const { slug } = compile(text, { path });
      duplicate(slugs, slug, path, problems);
    } catch (error) {
      if (!(error instanceof ArticleError)) throw error;
      problems.push(...error.problems);
    }
  }
  return problems;
}

/**
 * Builds the articles at `inputs` into `out`: `embed.js` and `pkg/` (the code, its glue, the
 * stylesheet, each article's file), `embed/<slug>.html` and `.light.html` (the fragments), and
 * the listing (`reading-widget.json`). Nothing is written unless every article compiles. Files
 * of articles that are gone are removed. `progress(done, total)` is called as it goes.
 * Returns `{ articles, written, unchanged, removed }` (counts of files), or throws an
 * ArticleError.
 */
export function buildSite(inputs, { out, base = './', progress = () => {} } = {}) {
  if (!out) throw new Error('give the folder to write into (--out)');
  base = withSlash(base);
  const previous = readListing(out);
  const same = previous?.build === build && previous?.compiler === COMPILED_BY && previous?.base === base;
  const reuse = same ? previous.sources : {};
  const previousArticles = new Map((previous?.articles ?? []).map((article) => [article.slug, article]));
  const problems = [];
  const paths = sources(inputs, problems);
  const slugs = new Map();
  const articles = [];
  const files = new Map();
  // The article files there are: an article compiled before is taken as it is only if its
  // file is still there.
  const there = new Set(listFiles(join(out, 'pkg', 'articles')).map((name) => `pkg/articles/${name}`));
  paths.forEach((path, index) => {
    progress(index, paths.length);
    const known = reuse[path];
    // A source whose size and modification time are those of the last run is not read again;
    // one that was touched is read, and compiled only if its text changed.
    const seen = statOf(path);
    let text;
    let hash = known?.hash;
    if (!(known && seen && known.size === seen.size && known.mtime === seen.mtimeMs)) {
      text = read(path, problems);
      if (text === undefined) return;
      hash = createHash('sha256').update(text).digest('hex');
    }
    let entry;
    if (known?.hash === hash && there.has(previousArticles.get(known.slug)?.file)) {
      // Compiled by an earlier run from the same text: its files are there, as they were.
      entry = previousArticles.get(known.slug);
      for (const name of [entry.file, ...fragmentNames(entry.slug)]) files.set(name, null);
    } else {
      text ??= read(path, problems);
      if (text === undefined) return;
      let compiled;
      try {
        compiled = compile(text, { path, base });
      } catch (error) {
        if (!(error instanceof ArticleError)) throw error;
        problems.push(...error.problems);
        return;
      }
      const { slug, listing, head, fragments, file, fileName } = compiled;
      entry = { ...listing, file: fileName };
      const [shadow, light, tags] = fragmentNames(slug);
      files.set(fileName, file);
      files.set(shadow, fragments.shadow);
      files.set(light, fragments.light);
      files.set(tags, `${head.join('\n')}\n`);
    }
    if (duplicate(slugs, entry.slug, path, problems)) return;
    articles.push({ path, hash, size: seen?.size, mtime: seen?.mtimeMs, article: entry });
  });
  progress(paths.length, paths.length);
  if (problems.length > 0) throw new ArticleError(problems);

  let written = 0;
  let unchanged = 0;
  const put = (name, bytes) => (writeIfChanged(join(out, name), bytes) ? written++ : unchanged++);
  // The code, named by its hash, and embed.js: the package's own bytes, with the site's only
  // article (for a widget that names none) filled in.
  for (const name of listFiles(SITE)) {
    let bytes = readFileSync(join(SITE, name));
    if (name === 'embed.js') {
      const only = articles.length === 1 ? articles[0].article.slug : '';
      bytes = bytes.toString('utf8').replaceAll('__ONLY__', only);
    }
    put(name, bytes);
  }
  for (const [name, bytes] of files) {
    if (bytes === null) unchanged++;
    else put(name, bytes);
  }
  const listing = {
    build,
    compiler: COMPILED_BY,
    base,
    articles: articles.map(({ article }) => article),
    // What the next run needs to skip what has not changed.
    sources: Object.fromEntries(articles.map(({ path, hash, size, mtime, article }) => [path, { hash, size, mtime, slug: article.slug }])),
  };
  put(LISTING, `${JSON.stringify(listing)}\n`);
  // Files of articles no longer built, and of another release.
  const keep = new Set([...files.keys()]);
  let removed = 0;
  for (const folder of ['pkg/articles', 'embed']) {
    for (const name of listFiles(join(out, folder))) {
      const path = `${folder}/${name}`;
      if (!keep.has(path)) {
        rmSync(join(out, path));
        removed++;
      }
    }
  }
  return { articles: articles.length, written, unchanged, removed };
}

/**
 * Pre-renders every HTML file under `site` (at any depth) that holds a `<reading-widget>`:
 * its articles come from the build found in the site (`reading-widget.json`, written by
 * `buildSite` into a folder of the site). A page without the element is left as it was, byte
 * for byte. Returns `{ pages, filled }`; throws with every error, each `file:line:col: …`.
 */
export function prerenderSite(site) {
  const builds = listFiles(site).filter((name) => name === LISTING || name.endsWith(`/${LISTING}`));
  if (builds.length !== 1) {
    throw new Error(
      builds.length === 0
        ? `${site}: no ${LISTING} in it; run \`reading-widget build <articles…> --out ${join(site, 'reading-widget')}\` first`
        : `${site}: ${builds.length} builds in it (${builds.join(', ')}); keep one`,
    );
  }
  const folder = join(site, dirname(builds[0]));
  const listing = JSON.parse(readFileSync(join(folder, LISTING), 'utf8'));
  if (listing.build !== build) {
    throw new Error(`${join(folder, LISTING)}: written by another release of reading-widget (build ${listing.build}); build the articles again`);
  }
  // The preload links name the code by its hash: the code the build put beside the articles.
  const code = listFiles(join(folder, 'pkg'))
    .map((name) => name.match(/^reading_widget\.([0-9a-f]{16})\.wasm$/)?.[1])
    .filter(Boolean);
  if (code.length !== 1) throw new Error(`${join(folder, 'pkg')}: expected one reading_widget.<hash>.wasm; build again`);
  const files = new compiler.Files();
  try {
    for (const article of listing.articles) {
      const path = join(folder, article.file);
      try {
        const head = readFileSync(join(folder, fragmentNames(article.slug)[2]), 'utf8').split('\n').filter(Boolean);
        files.add(readFileSync(path), head);
      } catch (error) {
        throw new Error(`${path}: ${error.message}`);
      }
    }
    const errors = [];
    let pages = 0;
    let filled = 0;
    // The build's own fragments are pre-rendered already.
    const own = relative(site, folder).split(sep).join('/');
    const fragments = own ? `${own}/embed/` : 'embed/';
    for (const name of listFiles(site).filter((name) => name.endsWith('.html') && !name.startsWith(fragments))) {
      pages++;
      const path = join(site, name);
      const html = readFileSync(path, 'utf8');
      if (!html.includes('<reading-widget')) continue;
      // The build's files from this page: its base if absolute, else the way from the page.
      const base = /^([a-z]+:|\/)/i.test(listing.base) ? listing.base : withSlash(relative(dirname(path), folder).split(sep).join('/') || '.');
      try {
        const page = compiler.prerender(files, base, code[0], path, html);
        if (writeIfChanged(path, page)) filled++;
      } catch (error) {
        errors.push(error.message);
      }
    }
    if (errors.length > 0) throw new Error(errors.join('\n'));
    return { pages, filled };
  } finally {
    files.free();
  }
}

/** A new article's source: `{ slug, text }`, dated today (UTC). */
export function scaffold(title, { slug = '' } = {}) {
  const now = new Date();
  const [name, text] = JSON.parse(compiler.scaffold(title, slug, now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate()));
  return { slug: name, text };
}

function withSlash(base) {
  return base.endsWith('/') ? base : `${base}/`;
}

/** An article's fragments: the element (shadow DOM, light DOM), and the tags for the page's head. */
function fragmentNames(slug) {
  return [`embed/${slug}.html`, `embed/${slug}.light.html`, `embed/${slug}.head.html`];
}

/** Whether a second `slug` was found; if so, it is a problem of `path`'s. */
function duplicate(slugs, slug, path, problems) {
  const first = slugs.get(slug);
  if (first === undefined) {
    slugs.set(slug, path);
    return false;
  }
  problems.push({ file: path, line: 1, column: 1, field: 'slug', message: `slug '${slug}' is already used by ${first}`, fix: 'give this article another slug' });
  return true;
}

/** The article files `inputs` names: files as they are, folders' `*.md`, sorted. */
function sources(inputs, problems) {
  const found = [];
  for (const input of inputs) {
    let stat;
    try {
      stat = statSync(input);
    } catch (error) {
      problems.push({ file: input, line: 1, column: 1, field: null, message: `cannot read it: ${error.code ?? error.message}`, fix: 'check the path' });
      continue;
    }
    if (stat.isDirectory()) {
      found.push(...readdirSync(input).filter((name) => name.endsWith('.md')).sort().map((name) => join(input, name)));
    } else {
      found.push(input);
    }
  }
  if (found.length === 0 && problems.length === 0) {
    problems.push({ file: inputs.join(' ') || '.', line: 1, column: 1, field: null, message: 'no article', fix: 'name the article files, or a folder of them' });
  }
  return found;
}

function read(path, problems) {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    problems.push({ file: path, line: 1, column: 1, field: null, message: `cannot read the file: ${error.code ?? error.message}`, fix: 'save it as UTF-8 text' });
    return undefined;
  }
}

function readListing(out) {
  try {
    return JSON.parse(readFileSync(join(out, LISTING), 'utf8'));
  } catch {
    return undefined;
  }
}

function statOf(path) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Writes `bytes` unless the file holds them already; whether it wrote. */
function writeIfChanged(path, bytes) {
  const next = typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (readFileSync(path).equals(next)) return false;
  } catch {
    // Not there yet.
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, next);
  return true;
}

/** Every file under `dir`, as paths relative to it with '/', sorted; none if it is not there. */
function listFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/'))
    .sort();
}
