// Model-based random testing of the release build, in Chromium, Firefox and WebKit: seeded
// random sequences of every API method (valid and invalid arguments), clicks and keys on every
// control (in the page, and real ones through WebDriver), hashchange to section ids and junk,
// beforematch, mount and destroy of several widgets (in shadow roots, in the light DOM, over a
// pre-rendered article), hosts taken out of the document, put back and moved (their widgets act
// on nothing until the next mount or hash change lets them go), a <reading-widget> inserted,
// removed, moved, its mode and article attributes (one the site lacks too) and its methods,
// mountAll(), junk in sessionStorage, and calls made from inside readingwidget:change listeners,
// on a page whose script replaced JSON.parse (one that throws, or one that changes what it
// returns: seeds take turns). After every step the page must agree with a plain model of
// the documented behaviour (tests/e2e/model/model.js): state(), aria-expanded, hidden, focus,
// the events heard, what each call returned or threw (documented messages only), no trap and
// nothing on the console; after the last destroy(), liveListeners() is 0 and every host is as
// it was.
//
// MODEL_STEPS (default 1500 per engine and seed), MODEL_SEEDS (default 2 seeds per engine),
// MODEL_SEED (replay one seed), MODEL_ENGINES (e.g. "Firefox"), MODEL_JSON_PARSE ("throws" or
// "lies": the page's JSON.parse for every seed): `make model-test` runs more.
// A failure prints its seed and the steps before it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromiumDriver, cleanUp, firefoxDriver, serveWithHook, webkitDriver } from './webdriver.mjs';
import { Key } from 'selenium-webdriver';

const SITE = process.env.E2E_FIXTURE_DIST ?? fileURLToPath(new URL('../../target/fixture-dist', import.meta.url));
const RUNNER = fileURLToPath(new URL('./model/', import.meta.url));
const STEPS = Number(process.env.MODEL_STEPS ?? 1500);
const SEEDS = process.env.MODEL_SEED
  ? [Number(process.env.MODEL_SEED)]
  : Array.from({ length: Number(process.env.MODEL_SEEDS ?? 2) }, () => Math.floor(Math.random() * 2 ** 32));
const ENGINES = [
  ['Chromium', chromiumDriver],
  ['Firefox', firefoxDriver],
  ['WebKit', webkitDriver],
].filter(([name]) => !process.env.MODEL_ENGINES || process.env.MODEL_ENGINES.includes(name));
/**
 * What the page does to JSON.parse before the module loads, seed by seed in turn: the module
 * must not care (it builds what it hands over with serde-wasm-bindgen, never through JSON).
 */
const JSON_PARSE = {
  throws: `JSON.parse = () => { throw new SyntaxError('the page broke JSON.parse'); };`,
  lies: `{ const parse = JSON.parse; JSON.parse = (text, reviver) => { const value = parse(text, reviver); return value && typeof value === 'object' ? Object.assign(value, { mode: 'lied', lied: true }) : value; }; }`,
};
const parseFor = (k) => process.env.MODEL_JSON_PARSE ?? Object.keys(JSON_PARSE)[k % 2];
/** Steps run in the page per WebDriver call. */
const CHUNK = 100;

/**
 * The page: the pre-rendered placeholder of the real article (with embed.js), the glue and the
 * runner, and the site's articles (its pkg/articles/*.bin), which the runner adds itself.
 * `__articles` holds their names without `.bin` (`<slug>.<build>`).
 */
async function page(jsonParse) {
  // The fragment's <reading-widget>, as a data-reading-widget placeholder: the runner mounts and
  // destroys it through the API, which the element would do itself.
  const fragment = (await readFile(`${SITE}/embed/ukraine-war-korean-war.html`, 'utf8'))
    .replace(/<reading-widget article=/, '<div data-reading-widget=')
    .replace('</reading-widget>', '</div>');
  assert.match(fragment, /<div data-reading-widget="ukraine-war-korean-war"><template shadowrootmode="open">/);
  const articles = (await readdir(`${SITE}/pkg/articles`)).map((file) => file.replace(/\.bin$/, ''));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>reading-widget: model-based test</title>
<script>window.__articles = ${JSON.stringify(articles)};</script>
<script>{ const builtin = JSON.parse; ${JSON_PARSE[jsonParse]} const duringStepsOnly = location.search === '?during-steps'; window.__jsonParse = { builtin, page: JSON.parse, duringStepsOnly }; if (duringStepsOnly) JSON.parse = builtin; }</script>
<script type="module" src="/__model/main.js"></script>
</head>
<body><main id="stage">${fragment}</main></body>
</html>`;
}

/** The runner's modules, each served as /__model/<file>, so main.js's imports find the rest. */
async function runner() {
  const files = (await readdir(RUNNER)).filter((file) => file.endsWith('.js'));
  return Object.fromEntries(await Promise.all(files.map(async (file) => [`/__model/${file}`, ['text/javascript', await readFile(`${RUNNER}${file}`, 'utf8')]])));
}

const REAL_KEYS = { Enter: Key.ENTER, ' ': Key.SPACE, ArrowDown: Key.ARROW_DOWN, ArrowUp: Key.ARROW_UP, Home: Key.HOME, End: Key.END };

/** Throws with the seed and the steps that led to a failed result. */
function ok(engine, jsonParse, result) {
  if (result.ok) return result;
  const steps = result.log.map((op, k) => `  ${result.steps - result.log.length + k + 1}: ${JSON.stringify(op)}`).join('\n');
  assert.fail(`${engine}: ${result.failure}\nreplay: MODEL_SEED=${result.seed} MODEL_ENGINES=${engine} MODEL_JSON_PARSE=${jsonParse} make model-test\nthe last steps:\n${steps}`);
}

for (const [engine, start] of ENGINES) {
  test(`${engine}: random sequences against the model (${SEEDS.length} × ${STEPS} steps)`, async (t) => {
    const atEnd = cleanUp(t);
    const base = await serveWithHook(SITE, atEnd, {
      ...Object.fromEntries(await Promise.all(Object.keys(JSON_PARSE).map(async (name) => [`/__model-${name}.html`, ['text/html', await page(name)]]))),
      ...(await runner()),
    });
    const driver = await start(atEnd);
    const script = (code, ...args) => driver.executeScript(code, ...args);
    // Steps run in a task of the page's own, as a page's script does: WebKitGTK's executeScript
    // runs the microtasks a custom element's callback queued before the call that caused it
    // returns (a <reading-widget> moved by remove() and insertBefore() let go of its widget
    // in between), where a task of the page runs none until it ends.
    const inTask = (call, arg) =>
      driver.executeAsyncScript(`const done = arguments[arguments.length - 1]; const arg = arguments[0]; setTimeout(() => done(window.__model.${call}(arg)));`, arg);
    let real = 0;
    let lost = 0;
    let refused = 0;
    for (const [k, seed] of SEEDS.entries()) {
      const jsonParse = parseFor(k);
      // Each seed starts from nothing stored for the tab.
      await driver.get(`${base}favicon.svg`);
      await script('sessionStorage.clear()');
      // WebKitGTK's WebDriver parses its own arguments with the page's JSON.parse: there the
      // runner puts the page's in place only while the page's code runs (model/main.js, at its end).
      await driver.get(`${base}__model-${jsonParse}.html${engine === 'WebKit' ? '?during-steps' : ''}`);
      await driver.wait(async () => (await script('return window.__model !== undefined || (window.__readingWidgetProblems ?? []).length > 0')) === true, 30_000, 'the runner loaded');
      const started = await script('return window.__model ? window.__model.start(arguments[0]) : { ok: false, seed: arguments[0], steps: 0, failure: String(window.__readingWidgetProblems), log: [] }', seed);
      ok(engine, jsonParse, started);
      let done = 0;
      while (done < STEPS) {
        const result = ok(engine, jsonParse, await inTask('run', Math.min(CHUNK, STEPS - done)));
        done = result.steps;
        if (!result.pending) continue;
        // Real input: WebDriver's click, or a key pressed on the focused control. Or a wait: for
        // the hashchange a navigation to a new fragment fires.
        if (result.pending.kind !== 'wait') {
          real += 1;
          // Two frames, so the page is laid out where the runner scrolled it before the driver
          // aims (WebKitGTK's click once landed where a control had been).
          await driver.executeAsyncScript('const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(done));');
          for (let attempt = 1; ; attempt += 1) {
            try {
              if (result.pending.kind === 'realClick') await (await script('return window.__model.target()')).click();
              else await driver.actions().sendKeys(REAL_KEYS[result.pending.key]).perform();
            } catch (error) {
              // The driver refused (WebKitGTK now and then finds the target not interactable).
              // Input that reached the page anyway is not sent again; otherwise it is aimed
              // again and sent again, twice at most; then the run fails with the seed and the
              // steps, to replay it.
              if ((await script('return window.__model.delivered()')) === true) break;
              if (attempt < 3) {
                refused += 1;
                await script("window.__model.target().scrollIntoView({ block: 'center' })");
                await driver.executeAsyncScript('const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(done));');
                continue;
              }
              const target = await script('const el = window.__model.target(); return el && el.outerHTML.slice(0, 200)').catch(() => '?');
              const why = `WebDriver refused ${JSON.stringify(result.pending)} ${attempt} times, on ${target}: ${error.name}: ${error.message}`;
              ok(engine, jsonParse, await script('return window.__model.refused(arguments[0])', why));
            }
            // Input the page never received (WebKitGTK's driver loses one now and then) is sent
            // again; input it received, on the control or anywhere else, is never repeated.
            try {
              await driver.wait(async () => (await script('return window.__model.delivered()')) === true, 2_000);
              break;
            } catch {
              lost += 1;
              if (attempt === 3) break;
            }
          }
        }
        try {
          await driver.wait(async () => (await script('return window.__model.settled()')) === true, 5_000);
        } catch {
          // Checked below, where the difference is named.
        }
        ok(engine, jsonParse, await inTask('finish', false));
      }
      // The last steps: every host back, the element out of the document (waited for: it lets
      // go a microtask later), then every widget destroyed and every host checked.
      let end;
      while ((end = ok(engine, jsonParse, await inTask('finish', true))).pending) {
        await driver.wait(async () => (await script('return window.__model.settled()')) === true, 5_000).catch(() => {});
      }
      t.diagnostic(`${engine}: seed ${seed}, JSON.parse ${jsonParse}: ${done} steps; so far ${real} real inputs, ${lost} sent again (lost by the driver), ${refused} refused and sent again`);
      t.diagnostic(`${engine}: seed ${seed}: ${Object.entries(end.counts).sort().map(([what, n]) => `${what} ${n}`).join(', ')}`);
    }
  });
}
