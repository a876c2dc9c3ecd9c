// A static file server for dist/ on loopback, with the MIME types browsers insist on
// (application/wasm for streaming compilation) and the caching a CDN would give: the hashed
// code for a year, everything else revalidated. Used by `make serve` and the e2e tests.
// strict.html alone is served under STRICT_POLICY, to show the widget needs nothing more.
//
//   node scripts/serve.mjs [dir] [port]
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The Content-Security-Policy sent with strict.html (and only with it): scripts and styles from
 * this origin only, WebAssembly compilation allowed but not eval, and DOM script sinks
 * (innerHTML and the like) closed unless given a Trusted Type.
 */
// ANCHOR: strict_policy (docs/src/csp.md includes the lines up to ANCHOR_END)
export const STRICT_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'";
// ANCHOR_END: strict_policy

/** The code's files, named by a hash of their bytes (see the Makefile's site-from-shell). */
const HASHED = /[\\/]reading_widget\.[0-9a-f]{16}\.(js|wasm)$/;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ts': 'text/plain; charset=utf-8',
};

/** Starts serving `dir`; resolves to the server once it listens on 127.0.0.1:`port` (0 = any). */
export function serve(dir, port = 0) {
  const root = resolve(dir);
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(403).end('forbidden');
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      // The code is named by its hash (pkg/reading_widget.<hash>.js, .wasm): the same name is
      // always the same bytes, so it is kept for a year. Anything else is checked every time
      // (an unchanged file answers 304 with no body).
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
      const headers = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
        etag,
      };
      if (file === join(root, 'strict.html')) headers['content-security-policy'] = STRICT_POLICY;
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, headers).end();
        return;
      }
      response.writeHead(200, headers);
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done(server));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  const server = await serve(dir, Number(port));
  console.log(`Serving ${dir}/ at http://127.0.0.1:${server.address().port}/ (Ctrl-C to stop)`);
}
