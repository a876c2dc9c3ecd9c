// A server-rendered page in a plain Node HTTP server: the article compiled with the npm
// package's Node API while the page is rendered (docs/src/publishing.md includes this file, and
// tests/e2e/publish.test.mjs runs it in a scratch project, next to `npx reading-widget build
// articles --out static`, which wrote embed.js and the code).
//
//   node server.mjs [port]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { compile } from 'reading-widget/build';

// ANCHOR: render
/** The article files the pages rendered so far name, by URL: what their widgets fetch. */
const articleFiles = new Map();

async function renderStory(response) {
  // From a CMS, a database or a file: the article's source.
  const text = await readFile('articles/ukraine-war-korean-war.md', 'utf8');
  const article = compile(text, { path: 'ukraine-war-korean-war.md', base: '/reading-widget/' });
  articleFiles.set(`/reading-widget/${article.fileName}`, article.file);
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escape(article.listing.title)}</title>
${article.head.join('\n')}
</head>
<body>
${article.fragments.shadow}
</body>
</html>
`);
}
// ANCHOR_END: render

// ANCHOR: headers
/** How long each of the build's files may be kept: the code by its hash for a year, the rest revalidated. */
function cacheControl(path) {
  return /reading_widget\.[0-9a-f]{16}\.(js|wasm)$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}
const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.bin': 'application/octet-stream' };
// ANCHOR_END: headers

const escape = (text) => text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);

const server = createServer(async (request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url, 'http://localhost').pathname));
  if (path === '/story') return renderStory(response);
  const headers = { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': cacheControl(path) };
  if (articleFiles.has(path)) return response.writeHead(200, headers).end(articleFiles.get(path));
  if (!path.startsWith('/reading-widget/')) return response.writeHead(404).end();
  try {
    const body = await readFile(join('static', path.slice('/reading-widget/'.length)));
    response.writeHead(200, headers).end(body);
  } catch {
    response.writeHead(404).end();
  }
});
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  console.log(`http://127.0.0.1:${server.address().port}/story`);
});
