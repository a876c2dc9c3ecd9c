// Checks the book's links and includes, after `mdbook build` (`make docs-check`, which `make
// test` runs). mdBook leaves a broken link as it is, and only logs an include it cannot read,
// so the book would build with both; this fails instead, listing each as `file:line: link`.
//
//   node scripts/check-book.mjs [docs/src] [target/book] [README.md…]
//
// What must resolve, for every link in docs/src/*.md outside code:
//   - a chapter (`api.md`, a .md file inside docs/src) exists, and its heading anchor (`api.md#events`, `#events`) is an
//     id in the chapter's built HTML, where mdBook wrote the ids;
//   - any other relative link (`../../src/lib.rs`) names a file or folder of the repository,
//     both from the source file and from its built page (target/book/…): a reader may follow
//     it on a forge or in the built book;
//   - every `{{#include path:anchor}}` names a file that holds `ANCHOR: anchor` and
//     `ANCHOR_END: anchor`, and no built page still shows an include.
// The files named after the two folders (the Makefile names README.md) have their links
// checked too, from where they are: a link into the book must find its chapter and heading.
// Links with a scheme (https:, mailto:) are not fetched.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const [src = 'docs/src', built = 'target/book', ...others] = process.argv.slice(2);
const problems = [];
const report = (file, line, link, why) => problems.push(`${file}:${line}: ${link} (${why})`);

/** Every .md file under `dir`, as paths relative to it. */
function chapters(dir, prefix = '') {
  return readdirSync(join(dir, prefix)).flatMap((name) => {
    const path = join(prefix, name);
    if (statSync(join(dir, path)).isDirectory()) return chapters(dir, path);
    return name.endsWith('.md') ? [path] : [];
  });
}

/** The ids in a built page: its headings' anchors, and any other element id. */
const idsOf = new Map();
function ids(page) {
  if (!idsOf.has(page)) {
    const html = existsSync(page) ? readFileSync(page, 'utf8') : '';
    idsOf.set(page, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
  }
  return idsOf.get(page);
}

/** The built page of a chapter: docs/src/a/b.md → target/book/a/b.html (README.md → index.html). */
const pageOf = (chapter) => join(built, chapter.replace(/(^|\/)README\.md$/, '$1index.md').replace(/\.md$/, '.html'));

/** Each link in `file`'s prose, with its line: `onLink(line, link)`; `onLine(line, text)` sees every line. */
function eachLink(file, onLink, onLine = () => {}) {
  let fence = null;
  readFileSync(file, 'utf8').split('\n').forEach((text, index) => {
    const line = index + 1;
    onLine(line, text);
    const opens = text.match(/^\s*(`{3,}|~{3,})/);
    if (fence) {
      if (opens && opens[1][0] === fence[0] && opens[1].length >= fence.length) fence = null;
      return;
    }
    if (opens) {
      fence = opens[1];
      return;
    }
    // Code spans are text, not links.
    const prose = text.replace(/(`+)[^`]*?\1/g, '');
    for (const [, link] of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) onLink(line, link);
    for (const [, link] of prose.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/g)) onLink(line, link);
  });
}

/** Whether `chapter` (relative to src) exists and, given a fragment, has that heading. */
function checkChapter(file, line, link, chapter, fragment) {
  if (!existsSync(join(src, chapter))) {
    report(file, line, link, 'no such chapter');
  } else if (fragment !== undefined && !ids(pageOf(chapter)).has(decodeURIComponent(fragment))) {
    report(file, line, link, `no heading '#${fragment}' in ${chapter}`);
  }
}

for (const chapter of chapters(src)) {
  const file = join(src, chapter);
  const onLine = (line, text) => {
    // Includes work inside code blocks too: that is where they are.
    for (const [, path, anchor] of text.matchAll(/\{\{#include\s+([^\s:}]+)(?::([A-Za-z_][\w-]*))?[^}]*\}\}/g)) {
      const target = resolve(dirname(file), path);
      if (!existsSync(target)) {
        report(file, line, path, 'the included file does not exist');
      } else if (anchor) {
        const body = readFileSync(target, 'utf8');
        for (const marker of [`ANCHOR: ${anchor}`, `ANCHOR_END: ${anchor}`]) {
          if (!new RegExp(`${marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(body)) {
            report(file, line, `${path}:${anchor}`, `no '${marker}' in ${relative('.', target)}`);
          }
        }
      }
    }
  };
  eachLink(file, (line, link) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(link)) return;
    const [path, fragment] = link.split('#');
    const target = path === '' ? chapter : join(dirname(chapter), decodeURIComponent(path));
    // A chapter is a .md file inside the book; ../../README.md is a repository file.
    if (path === '' || (path.endsWith('.md') && !target.startsWith('..'))) {
      checkChapter(file, line, link, target, fragment);
      return;
    }
    const decoded = decodeURIComponent(path);
    const fromSource = resolve(dirname(file), decoded);
    const fromPage = resolve(dirname(pageOf(chapter)), decoded);
    if (!existsSync(fromSource)) report(file, line, link, 'no such file');
    else if (!existsSync(fromPage)) report(file, line, link, `resolves from ${src} but not from ${built}`);
  }, onLine);
}

for (const file of others) {
  eachLink(file, (line, link) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(link)) return;
    const [path, fragment] = link.split('#');
    const target = path === '' ? resolve(file) : resolve(dirname(file), decodeURIComponent(path));
    const inBook = relative(resolve(src), target);
    if (path.endsWith('.md') && !inBook.startsWith('..')) checkChapter(file, line, link, inBook, fragment);
    else if (!existsSync(target)) report(file, line, link, 'no such file');
  });
}

// An include mdBook could not read stays in the page as it was written.
for (const chapter of chapters(src)) {
  const page = pageOf(chapter);
  if (chapter === 'SUMMARY.md' || !existsSync(page)) continue;
  const html = readFileSync(page, 'utf8');
  if (html.includes('{{#include')) report(page, 0, '{{#include', 'mdBook left an include unexpanded');
}

if (problems.length > 0) {
  console.error(`check-book: ${problems.length} broken link(s) or include(s):`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log(`check-book: every link and include in ${[src, ...others].join(', ')} resolves`);
