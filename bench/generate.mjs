// Generated articles for the scale benchmarks: valid content files (TOML front matter and
// Markdown, as docs/src/editing.md "Compile another article" describes), written from the real article so
// they read like it, but with text of their own, so that compression cannot fold the copies
// away and make a big article look small.
//
//   node bench/generate.mjs [out-dir]      (default target/bench/content)
//
// writes
//   <out>/scale/x1/     the real article, unchanged
//   <out>/scale/x10/    one article 10 times its size in bytes, with 10 times the sections
//   <out>/scale/x100/   100 times: about 500 KB of text and 400 sections
//   <out>/many/n1/, n10/, n100/   1, 10 and 100 small distinct articles (the first n of 100)
//
// The text comes from a word chain over the real article (a pseudo-random walk from each word
// to a word that follows it there), seeded, so every run writes the same bytes: the builds of
// bench/sites.mjs are cached by the hash of these files.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
export const SCALES = [1, 10, 100];
export const MANY = [1, 10, 100];

/** The real article: the first content/*.md, split into its parts. */
export async function realArticle() {
  const dir = join(ROOT, 'content');
  const names = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  if (names.length === 0) throw new Error('content/ holds no article to generate from');
  const path = join(dir, names[0]);
  const text = await readFile(path, 'utf8');
  const match = text.match(/^\+\+\+\n([\s\S]*?)\n\+\+\+\n([\s\S]*)$/);
  if (!match) throw new Error(`${path}: no +++ front matter`);
  const [, front, body] = match;
  const sectionStarts = body.split(/^(?=## )/m);
  const summary = sectionStarts.shift().trim();
  const sections = sectionStarts.map((chunk) => {
    const [heading, ...rest] = chunk.split('\n');
    const paragraphs = rest.join('\n').trim().split(/\n\s*\n/);
    return { heading: heading.replace(/^## /, '').replace(/\s*\{#[^}]*\}$/, ''), paragraphs };
  });
  const slug = front.match(/^slug = "([^"]+)"/m)?.[1];
  if (!slug) throw new Error(`${path}: no slug in the front matter`);
  return { path, text, front, summary, sections, slug };
}

/** mulberry32: a small seeded generator, so the same seed writes the same article. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Words that follow each word in the real article. Characters Markdown would read as markup
 * (or the content compiler refuses) are dropped from the words.
 */
function wordChain(article) {
  const text = article.sections.flatMap((section) => section.paragraphs).join(' ');
  const words = text
    .replace(/[*_`[\]<>#{}|~\\]/g, '')
    .split(/\s+/)
    .filter((word) => word !== '' && word !== '-' && word !== '–');
  const next = new Map();
  words.forEach((word, i) => {
    const following = words[(i + 1) % words.length];
    if (!next.has(word)) next.set(word, []);
    next.get(word).push(following);
  });
  const starts = [...new Set(words.filter((word) => /^[A-Z][a-z]/.test(word)))];
  return { next, starts };
}

/** `count` words of chained text, starting on a capitalised word (never a list marker). */
function sentenceRun(chain, rand, count) {
  let word = chain.starts[Math.floor(rand() * chain.starts.length)];
  const out = [word];
  while (out.length < count) {
    const options = chain.next.get(word);
    word = options[Math.floor(rand() * options.length)];
    out.push(word);
  }
  const last = out.length - 1;
  out[last] = out[last].replace(/[,;:]$/, '') + (/[.!?"]$/.test(out[last]) ? '' : '.');
  return out.join(' ');
}

/** A paragraph of `count` words, with some inline markup now and then, as articles have. */
function paragraph(chain, rand, count, tag) {
  const text = sentenceRun(chain, rand, count).split(' ');
  if (text.length > 12 && rand() < 0.4) {
    const at = 3 + Math.floor(rand() * (text.length - 8));
    const kind = Math.floor(rand() * 3);
    if (kind === 0) text[at] = `*${text[at].replace(/[^\p{L}\p{N}'-]/gu, '') || 'this'}*`;
    if (kind === 1) text[at] = `**${text[at].replace(/[^\p{L}\p{N}'-]/gu, '') || 'that'}**`;
    if (kind === 2) text[at] = `[${text[at].replace(/[^\p{L}\p{N}'-]/gu, '') || 'here'}](https://example.com/${tag})`;
  }
  return text.join(' ');
}

function wordCount(paragraph) {
  return paragraph.split(/\s+/).filter(Boolean).length;
}

/**
 * The real article `times` times over, in bytes: its own sections first, then new ones in the
 * same pattern, their paragraphs longer by the share of the article that is not sections (front
 * matter, summary), so that the whole file is about `times` times the real one.
 */
function scaled(article, chain, times) {
  if (times === 1) return article.text;
  const rand = random(times * 7919);
  const sectionBytes = article.sections.reduce((sum, section) => sum + section.paragraphs.join('\n\n').length, 0);
  const stretch = article.text.length / sectionBytes;
  const body = [article.summary, ''];
  for (let copy = 0; copy < times; copy++) {
    article.sections.forEach((section, s) => {
      const heading = copy === 0 ? section.heading : `${section.heading} (part ${copy + 1})`;
      body.push(`## ${heading}`, '');
      section.paragraphs.forEach((original, p) => {
        if (copy === 0) body.push(original, '');
        else body.push(paragraph(chain, rand, Math.round(wordCount(original) * stretch), `x${times}/${copy}/${s}/${p}`), '');
      });
      // Now and then a list, so every block the widget renders is in the big articles too.
      if (copy > 0 && (copy + s) % 9 === 0) {
        for (let item = 0; item < 3; item++) body.push(`- ${sentenceRun(chain, rand, 8 + item * 3)}`);
        body.push('');
      }
    });
  }
  const front = article.front
    .replace(/^slug = "([^"]+)"/m, `slug = "$1-x${times}"`)
    .replace(/^title = "([^"]*)"/m, `title = "$1 (${times}×)"`);
  return `+++\n${front}\n+++\n\n${body.join('\n')}`;
}

/** Small article number `n` of the many: two or three sections of 60–120 words, its own text. */
function small(article, chain, n) {
  const rand = random(100_003 * n);
  const id = String(n).padStart(3, '0');
  const title = `${sentenceRun(chain, rand, 6).replace(/[."!?]+$/, '').replace(/"/g, '')} (${id})`;
  const dek = sentenceRun(chain, rand, 25).replace(/"/g, '');
  const front = article.front
    .replace(/^slug = "([^"]+)"/m, `slug = "bench-article-${id}"`)
    .replace(/^title = "([^"]*)"/m, `title = ${JSON.stringify(title)}`)
    .replace(/^dek = "([^"]*)"/m, `dek = ${JSON.stringify(dek)}`);
  const body = [];
  for (let item = 0; item < 2; item++) body.push(`- ${sentenceRun(chain, rand, 18)}`, '');
  const sections = 2 + (n % 2);
  for (let s = 0; s < sections; s++) {
    body.push(`## ${sentenceRun(chain, rand, 4).replace(/[."!?]+$/, '')} ${id}-${s + 1}`, '');
    const paragraphs = 1 + Math.floor(rand() * 2);
    for (let p = 0; p < paragraphs; p++) body.push(paragraph(chain, rand, 40 + Math.floor(rand() * 40), `many/${id}/${s}`), '');
  }
  return { slug: `bench-article-${id}`, text: `+++\n${front}\n+++\n\n${body.join('\n')}` };
}

/** The first `count` small articles, as `{ slug, text }` (bench/publish.mjs builds 10,000). */
export async function smallArticles(count) {
  const article = await realArticle();
  const chain = wordChain(article);
  return Array.from({ length: count }, (_, i) => small(article, chain, i + 1));
}

/** Writes every generated folder under `out`; returns their paths. */
export async function generate(out = join(ROOT, 'target/bench/content')) {
  const article = await realArticle();
  const chain = wordChain(article);
  await rm(out, { recursive: true, force: true });
  const scale = {};
  for (const times of SCALES) {
    const dir = join(out, 'scale', `x${times}`);
    await mkdir(dir, { recursive: true });
    const slug = times === 1 ? article.slug : `${article.slug}-x${times}`;
    await writeFile(join(dir, `${slug}.md`), scaled(article, chain, times));
    scale[times] = { dir, slug };
  }
  const smalls = Array.from({ length: Math.max(...MANY) }, (_, i) => small(article, chain, i + 1));
  const many = {};
  for (const count of MANY) {
    const dir = join(out, 'many', `n${count}`);
    await mkdir(dir, { recursive: true });
    for (const one of smalls.slice(0, count)) await writeFile(join(dir, `${one.slug}.md`), one.text);
    many[count] = { dir, slug: smalls[0].slug, slugs: smalls.slice(0, count).map((one) => one.slug) };
  }
  return { scale, many };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const written = await generate(process.argv[2]);
  for (const [times, { dir }] of Object.entries(written.scale)) {
    const files = await readdir(dir);
    const size = (await readFile(join(dir, files[0]))).length;
    console.log(`${dir}: ${times}× (${size.toLocaleString('en')} B)`);
  }
  for (const [count, { dir }] of Object.entries(written.many)) console.log(`${dir}: ${count} article(s)`);
}
