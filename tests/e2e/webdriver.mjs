// Real browsers through WebDriver, for the e2e suites that run in every engine
// (engines.test.mjs, model.test.mjs): Debian's Chromium (chromedriver), Firefox (geckodriver)
// and WebKitGTK (WebKitWebDriver with MiniBrowser, under a virtual X server), through
// selenium-webdriver. playwright-core (browser.mjs) drives Chromium only.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { Builder } from 'selenium-webdriver';
import chrome from 'selenium-webdriver/chrome.js';
import firefox from 'selenium-webdriver/firefox.js';
import { serve, STRICT_POLICY } from '../../scripts/serve.mjs';
import { CHROMIUM_ARGS } from './browser.mjs';

const CHROMEDRIVER = '/usr/bin/chromedriver';
const FIREFOX = '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const PROBLEMS = '__readingWidgetProblems';

/**
 * Put first in every page's <head>, as an external script (strict.html's policy refuses inline
 * ones): it runs before the module script (modules wait for the parser), so it sees whatever
 * the module says or throws while it starts. WebDriver has no console log in Firefox or
 * WebKit, hence the hook. A warning counts too: embed.js reports a module that cannot start
 * with console.warn, and hydration reports a mismatch that way.
 */
const HOOK_PATH = '/__problems.js';
const HOOK = `(() => {
  const problems = (window.${PROBLEMS} = []);
  addEventListener('error', (e) => problems.push('error: ' + e.message));
  addEventListener('unhandledrejection', (e) => problems.push('unhandled rejection: ' + e.reason));
  for (const level of ['error', 'warn']) {
    const original = console[level];
    console[level] = (...args) => {
      problems.push(level + ': ' + args.join(' '));
      original.apply(console, args);
    };
  }
})();`;

/**
 * A clean-up stack for test `t`: what is pushed is undone last in, first out (node:test runs
 * its own after-hooks first in, first out), every step even if one fails.
 */
export function cleanUp(t) {
  const steps = [];
  t.after(async () => {
    const errors = [];
    while (steps.length > 0) {
      try {
        await steps.pop()();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw errors[0];
  });
  return (step) => steps.push(step);
}

/**
 * The site in `dir` on loopback, every page served with the hook in its head (strict.html with
 * its policy); `extra` maps more paths to [content type, body] (a test's own page and script).
 */
export async function serveWithHook(dir, atEnd, extra = {}) {
  const server = await serve(dir);
  const [files] = server.listeners('request');
  server.removeAllListeners('request');
  const own = { [HOOK_PATH]: ['text/javascript', HOOK], ...extra };
  server.on('request', async (request, response) => {
    let path = new URL(request.url, 'http://localhost').pathname;
    if (path in own) {
      const [type, body] = own[path];
      response.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
      return response.end(type === 'text/html' ? body.replace('<head>', `<head>\n<script src="${HOOK_PATH}"></script>`) : body);
    }
    if (path === '/') path = '/index.html';
    if (!path.endsWith('.html')) return files(request, response);
    const page = await readFile(`${dir}${path}`, 'utf8');
    assert.ok(page.includes('<head>'), `${path} has a <head> to put the hook in`);
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    if (path === '/strict.html') headers['content-security-policy'] = STRICT_POLICY;
    response.writeHead(200, headers);
    response.end(page.replace('<head>', `<head>\n<script src="${HOOK_PATH}"></script>`));
  });
  atEnd(() => new Promise((done) => server.close(done)));
  return `http://127.0.0.1:${server.address().port}/`;
}

/** A port nobody listens on now, for WebKitWebDriver. */
export function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

/** Resolves once `url` answers 200, polling for up to `ms`. */
async function waitForHttp(url, ms) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${ms} ms`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

export async function firefoxDriver(atEnd) {
  let geckodriver;
  try {
    geckodriver = execFileSync('bash', ['-c', 'command -v geckodriver'], { encoding: 'utf8' }).trim();
  } catch {
    assert.fail('geckodriver is not on PATH: run `make tools` (scripts/install-tools.sh installs it)');
  }
  const options = new firefox.Options().setBinary(FIREFOX).addArguments('-headless');
  const driver = await new Builder()
    .forBrowser('firefox')
    .setFirefoxOptions(options)
    .setFirefoxService(new firefox.ServiceBuilder(geckodriver))
    .build();
  atEnd(() => driver.quit());
  return driver;
}

export async function webkitDriver(atEnd) {
  const port = await freePort();
  // Its own process group, so that the clean-up ends xvfb-run, Xvfb and the driver together.
  const server = spawn('xvfb-run', ['-a', WEBKIT_DRIVER, `--port=${port}`], { detached: true, stdio: 'ignore' });
  const exited = new Promise((done) => server.once('exit', done));
  atEnd(async () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await exited;
  });
  await waitForHttp(`http://127.0.0.1:${port}/status`, 20_000);
  const driver = await new Builder()
    .usingServer(`http://127.0.0.1:${port}`)
    .withCapabilities({
      browserName: 'MiniBrowser',
      // No --headless: MiniBrowser then never answers. The X server is xvfb-run's.
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    })
    .build();
  atEnd(() => driver.quit());
  return driver;
}

/** Debian's Chromium through chromedriver, headless. */
export async function chromiumDriver(atEnd) {
  const options = new chrome.Options()
    .setChromeBinaryPath(process.env.CHROMIUM ?? '/usr/bin/chromium')
    .addArguments('--headless=new', ...CHROMIUM_ARGS);
  const driver = await new Builder()
    .forBrowser('chrome')
    .setChromeOptions(options)
    .setChromeService(new chrome.ServiceBuilder(CHROMEDRIVER))
    .build();
  atEnd(() => driver.quit());
  return driver;
}
