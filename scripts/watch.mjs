// `make serve`: the demo site served on loopback, rebuilt on every save, and every open page
// reloaded when the build is new. Serve mode only: nothing here reaches dist/ or the npm package
// (the reload script is added to pages as they are served, never written into them).
//
//   node scripts/watch.mjs [port]      (the Makefile's `serve` target runs it after `make dist`)
//
// It serves target/serve/site, a site of its own, so `make test` in another terminal (which
// rebuilds dist/) and this never write each other's files: its builds use their own target dirs
// too (Makefile: serve-site, serve-shell).
//
// What a save rebuilds:
// - content/ (and READING_WIDGET_CONTENT's folders) or www/: the articles are checked first
//   (`make check FORMAT=json`, about 0.1 s), then spliced into the module built last and the
//   pages pre-rendered again (`make serve-site`, about 1.5 s); no wasm-pack, no wasm-opt.
// - src/ (or crates/, build.rs, Cargo.toml): the shell module as well (`make serve-shell`,
//   the release pipeline, a minute or more), then the site. src/element.js is the exception:
//   the site copies it beside the code (it is the site's embed.js), so it rebuilds the site.
// Saves within WAIT ms of each other make one build, and a save during a build stops it and
// starts again: an editor saving three times in a second gets one rebuild and one reload.
// A failed build leaves the last good site served: its problems go to the terminal as
// `file:line:col: message; fix`, and to every open page as an overlay (scripts/serve/).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, watch } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { serve } from './serve.mjs';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
// Where serve mode keeps its module and site (the e2e test uses one of its own).
const SERVE = resolve(ROOT, process.env.READING_WIDGET_SERVE_DIR ?? 'target/serve');
const SITE = resolve(SERVE, 'site');
const NEXT = resolve(SERVE, 'next');
const OLD = resolve(SERVE, 'old');
const WAIT = 150;
const CLIENT = ['reload.js', 'overlay.css'];

/** The folders a save in which rebuilds the articles and pages, and those that rebuild the module. */
const contentFolders = (process.env.READING_WIDGET_CONTENT ?? 'content').split(':').filter(Boolean);
const WATCHED = [
  ...contentFolders.map((folder) => [resolve(ROOT, folder), 'site']),
  [resolve(ROOT, 'www'), 'site'],
  [resolve(ROOT, 'src'), 'shell'],
  [resolve(ROOT, 'crates'), 'shell'],
];

/**
 * Runs `make target args…` in the project for the build `run`, resolving to { ok, output,
 * stdout }. Its own process group, so that a newer save can stop the whole build (`cancel`).
 */
function make(run, target, ...args) {
  return new Promise((done) => {
    // stdin not a pipe: Node's pipes are sockets, and bash reading from a socket takes itself for
    // a remote shell and sources bashrc, which `set -u` (the Makefile's shell) then fails in.
    const child = spawn('make', ['--no-print-directory', '-s', target, `SERVE=${relative(ROOT, SERVE)}`, ...args], {
      cwd: ROOT,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    run.child = child;
    let output = '';
    let stdout = '';
    child.stdout.on('data', (chunk) => ((output += chunk), (stdout += chunk)));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      run.child = null;
      done({ ok: code === 0, output, stdout });
    });
  });
}

/** `file:line:col: message; fix` lines of a failed build, as problems; other lines are kept whole. */
function problemsIn(output) {
  const problems = [];
  for (const line of output.split('\n')) {
    const found = line.match(/^(?:\s*)([^\s:][^:]*):(\d+):(\d+): (.*)$/);
    if (found) {
      const [message, fix] = found[4].split(/; (.*)/s);
      problems.push({ file: found[1], line: Number(found[2]), column: Number(found[3]), field: null, message, fix: fix ?? null });
    }
  }
  if (problems.length === 0) {
    const lines = output.trim().split('\n').filter(Boolean).slice(-12);
    problems.push({ file: '(build)', line: 0, column: 0, field: null, message: lines.join('\n') || 'the build failed', fix: null });
  }
  return problems;
}

const say = (line) => console.log(`serve: ${line}`);

// --- The state pages hear about: the last build's problems (none when it was good). ---

let problems = [];
const listeners = new Set();

function tell(event, data) {
  for (const response of listeners) response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

// --- Building: one build at a time; a save during a build stops it and starts again. ---

/** The build under way: { kind, cancelled, child, done }. */
let running = null;

/** 'site' or 'shell': the larger of two. */
const larger = (a, b) => (a === 'shell' || b === 'shell' ? 'shell' : a ?? b);

async function build(kind) {
  const previous = running;
  const run = { kind, cancelled: false, child: null, done: null };
  running = run;
  let finished;
  run.done = new Promise((done) => (finished = done));
  try {
    await previous?.done; // a stopped build has let go of its files and cargo's locks
    if (run.cancelled) return;
    await buildSteps(run);
  } finally {
    if (running === run) running = null;
    finished();
  }
}

async function buildSteps(run) {
  const started = Date.now();
  const checked = await make(run, 'check', 'FORMAT=json');
  if (run.cancelled) return;
  let found = [];
  if (!checked.ok) {
    try {
      // `make check FORMAT=json` prints the JSON alone on stdout (make's own line goes to stderr).
      found = JSON.parse(checked.stdout);
    } catch {
      found = problemsIn(checked.output);
    }
  }
  if (found.length === 0 && run.kind === 'shell') {
    const shell = await make(run, 'serve-shell');
    if (run.cancelled) return;
    if (!shell.ok) found = problemsIn(shell.output);
  }
  if (found.length === 0) {
    const site = await make(run, 'serve-site', `SERVE_OUT=${relative(ROOT, NEXT)}`);
    if (run.cancelled) return;
    if (!site.ok) found = problemsIn(site.output);
  }
  if (found.length > 0) {
    problems = found;
    say(`the build failed (${found.length} problem${found.length === 1 ? '' : 's'}); still serving the last good one:`);
    for (const p of found) console.log(p.line ? `${p.file}:${p.line}:${p.column}: ${p.message}${p.fix ? `; ${p.fix}` : ''}` : p.message);
    tell('problems', problems);
    return;
  }
  // The new site in place of the old, whole: no page is ever served half-written.
  await rm(OLD, { recursive: true, force: true });
  if (existsSync(SITE)) await rename(SITE, OLD);
  await rename(NEXT, SITE);
  await rm(OLD, { recursive: true, force: true });
  problems = [];
  builds += 1;
  say(`rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s (build ${builds}); reloading the open pages`);
  tell('reload', { at: Date.now() });
}

let builds = 0;

// --- Watching: saves within WAIT of each other, or during a build, make one build. ---

let timer = null;
let wanted = null;

function saved(kind, file) {
  if (!file || /(^|\/)(\.|#)|~$|\.swp$/.test(file)) return; // editors' temporary files
  wanted = larger(wanted, kind);
  const current = running;
  if (current && !current.cancelled) {
    // Stopped: what it built is out of date. What it was to build is built by the next one.
    current.cancelled = true;
    wanted = larger(wanted, current.kind);
    if (current.child) {
      try {
        process.kill(-current.child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
  clearTimeout(timer);
  timer = setTimeout(() => {
    const next = wanted;
    wanted = null;
    build(next);
  }, WAIT);
}

/**
 * Every folder under `folder` watched for itself, not `{ recursive: true }`: Node watches each
 * file then, and loses one an editor saves by writing a new file over it (`sed -i`, most
 * editors), so the next save of it went unseen. A folder's watch sees every save in it.
 */
function watchTree(folder, kind) {
  try {
    // Copied, not compiled: the element needs the site's build only.
    const element = folder === resolve(ROOT, 'src');
    watch(folder, (_, file) => saved(element && file === 'element.js' ? 'site' : kind, file));
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) watchTree(resolve(folder, entry.name), kind);
    }
  } catch (error) {
    say(`cannot watch ${relative(ROOT, folder)}/ (${error.message})`);
  }
}

for (const [folder, kind] of WATCHED) watchTree(folder, kind);

// --- Serving: the site, plus the reload channel and the overlay's files. ---

const port = Number(process.argv[2] ?? 8080);
const server = await serve(SITE, port);
const [files] = server.listeners('request');
server.removeAllListeners('request');
server.on('request', async (request, response) => {
  const path = new URL(request.url, 'http://localhost').pathname;
  if (path === '/__serve/events') {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write(`event: ${problems.length ? 'problems' : 'ok'}\ndata: ${JSON.stringify(problems)}\n\n`);
    listeners.add(response);
    request.on('close', () => listeners.delete(response));
    return;
  }
  const client = CLIENT.find((name) => path === `/__serve/${name}`);
  if (client) {
    const body = await readFile(resolve(ROOT, 'scripts/serve', client));
    const type = client.endsWith('.js') ? 'text/javascript' : 'text/css';
    response.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
    return response.end(body);
  }
  // With several articles, the index is the start page.
  if (path === '/' && (await articleCount()) > 1) {
    response.writeHead(302, { location: '/articles.html', 'cache-control': 'no-store' });
    return response.end();
  }
  const page = path === '/' || path.endsWith('.html');
  if (!page) return files(request, response);
  // A page: served as the site has it, with the reload script added before </head>.
  const write = response.write.bind(response);
  const end = response.end.bind(response);
  let html = '';
  response.write = (chunk) => ((html += chunk), true);
  response.end = (chunk) => {
    if (chunk) html += chunk;
    if (response.statusCode === 200) {
      html = html.replace('</head>', '<script type="module" src="/__serve/reload.js"></script>\n</head>');
    }
    write(html);
    return end();
  };
  files(request, response);
});

/** How many articles the site served now lists in articles.html. */
async function articleCount() {
  try {
    return (await readFile(resolve(SITE, 'articles.html'), 'utf8')).split('class="index-entry"').length - 1;
  } catch {
    return 0;
  }
}

// No site yet (a serve folder of its own, as the e2e test's): built once now.
if (!existsSync(SITE)) build('site');

say(`http://127.0.0.1:${server.address().port}/ (watching ${WATCHED.map(([folder]) => relative(ROOT, folder) + '/').join(', ')}; Ctrl-C to stop)`);
