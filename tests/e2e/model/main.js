// The in-page half of tests/e2e/model.test.mjs: seeded random sequences of what a page and a
// reader can do to widgets, each step predicted by a plain model of the documented behaviour
// (docs/src/api.md, docs/src/reader.md) and then checked against the page.
// The model (model.js) is written from the book (docs/src/), not taken from
// crates/view/src/state.rs.
//
// The test serves this folder as /__model/ and loads this module, /__model/main.js, on a page of
// its own (the release build's glue and module, the fixture site: two articles), and drives it
// through WebDriver:
//   __model.start(seed)   sets up the hosts and the model
//   __model.run(n)        runs up to n steps in the page; stops early at a step that needs real
//                         input (a click or a key through WebDriver), returned as `pending`
//   __model.settled()     after that input: whether the page has caught up with the model
//   __model.refused(why)  the failure to report when the driver would not send that input
//   __model.finish()      the pending step's check, then (finish(true)) destroy everything
// Every result says { ok, steps, failure, log }: a failure names the seed, the step and the
// steps before it, enough to replay the run with MODEL_SEED.
// The parts: the steps (steps.js) are predicted by the model (model.js), done to the page
// (page.js) and checked (checks.js); this module runs them in that order, step by step.
import { start, mountAll, ReadingWidget } from '/pkg/reading_widget.js';
import { check, checkAllGone, checkArticleText, describe, expect, Mismatch } from './checks.js';
import { Model } from './model.js';
import { listen, makeHosts, part, perform } from './page.js';
import { random } from './random.js';
import { ARTICLES, count, current, readArticles, same } from './shared.js';
import { randomOp } from './steps.js';

// Whichever starts first, this or the page's embed.js (the code module, or the module of every
// article), every article of the site is in before anything is mounted or listed.
await start();
await Promise.all(
  window.__articles.map(async (name) =>
    ReadingWidget.addArticles(new Uint8Array(await (await fetch(`/pkg/articles/${name}.bin`)).arrayBuffer())),
  ),
);
mountAll();
readArticles();

// The seed's run as only this module sees it: what a failure reports, and the step that waits
// for the driver.
let seed;
let log;
let stepCount;
/** The step waiting for real input or for the page: { op, el, hashchanges, hashBefore, wait,
 * delivered, stray }. */
let pending = null;
let hashchanges = 0;

function failure(error) {
  return {
    ok: false,
    seed,
    steps: stepCount,
    failure: `seed ${seed}, step ${stepCount}: ${error instanceof Mismatch ? '' : 'the runner threw: '}${error.message}`,
    log: log.slice(-40),
  };
}

/** A new step: the model predicts it; what the page does comes after. */
function step(op) {
  const { model, E } = current;
  stepCount += 1;
  if (['remove', 'insert', 'move', 'mountAll', 'elementMode', 'elementArticle'].includes(op.kind)) count(`${op.kind}${op.host === E ? ' (element)' : ''}`);
  log.push(op);
  model.events = [];
  model.outcomes = [];
  model.wait = null;
  current.events = [];
  current.outcomes = [];
  model.outcomes.push(model.predict(op));
}

window.__model = {
  start(runSeed) {
    seed = runSeed;
    const rng = random(seed);
    const { hosts, refusing } = makeHosts(rng);
    const E = hosts.findIndex((host) => host.element);
    const model = new Model();
    model.out.add(E);
    model.element = { host: E, article: hosts[E].el.getAttribute('article'), mode: null, id: hosts[E].el.id };
    Object.assign(current, { rng, model, hosts, refusing, E, handles: [], events: [], outcomes: [], ready: null, counts: {} });
    log = [];
    stepCount = 0;
    sessionStorage.clear();
    history.replaceState(null, '', location.pathname);
    listen(hosts);
    // The placeholder init() took over: summary, persisted, no id.
    const pre = hosts.findIndex((host) => host.prerendered);
    current.handles[pre] = ReadingWidget.get(hosts[pre].el);
    addEventListener('hashchange', () => (hashchanges += 1));
    // Whether WebDriver's input reached the pending step's control at all (WebKitGTK's driver
    // now and then loses a click before the page gets it: that is retried, not a widget bug).
    for (const type of ['click', 'keydown']) {
      addEventListener(type, (e) => {
        if (!pending?.el) return;
        const target = e.composedPath()[0];
        if (pending.el.contains(target)) pending.delivered = true;
        else pending.stray ??= `${type} on ${describe(target)}`;
      }, true);
    }
    model.takenOver(pre, hosts[pre].el.dataset.readingWidget);
    current.perWidget = ReadingWidget.liveListeners();
    try {
      checkArticleText();
      check();
      return { ok: true, perWidget: current.perWidget, articles: ARTICLES.length };
    } catch (error) {
      return failure(error);
    }
  },

  run(n) {
    try {
      const { model, hosts } = current;
      for (let k = 0; k < n; k += 1) {
        const op = randomOp();
        const hashBefore = model.hash;
        step(op);
        if (op.kind === 'hash') {
          pending = { op, hashchanges, hashBefore };
          perform(op); // its outcome (null) comes last, after what the hashchange's listeners did
          return { ok: true, steps: stepCount, pending: { kind: 'wait' } };
        }
        if (model.wait) {
          // The element mounts after a promise (its article fetched if need be), and lets go of
          // its widget a microtask after it left: the outcome (what `ready` resolved to) comes
          // last, after what its events' listeners did.
          current.ready = null;
          pending = { op, hashchanges, hashBefore, wait: model.wait };
          const outcome = perform(op);
          if (outcome !== null) current.outcomes.push(outcome); // the step itself threw
          return { ok: true, steps: stepCount, pending: { kind: 'wait' } };
        }
        if (op.kind === 'realClick' || op.kind === 'realKey') {
          // The widget's folds are transitions: the driver must aim at the page at rest (on a busy
          // machine a section still moving took a click meant for the button under it).
          for (const root of [document, ...hosts.map((host) => host.el.shadowRoot).filter(Boolean)]) {
            for (const animation of root.getAnimations()) animation.finish();
          }
          const el = part(op.host, op.target, op.i);
          el.scrollIntoView({ block: 'center' });
          el.focus();
          pending = { op, el, hashchanges, hashBefore };
          return { ok: true, steps: stepCount, pending: { kind: op.kind, key: op.key } };
        }
        current.outcomes.push(perform(op));
        check();
      }
      return { ok: true, steps: stepCount };
    } catch (error) {
      return failure(error);
    }
  },

  /** The element the pending real input goes to. */
  target() {
    return pending.el;
  },

  /** The pending input could not be sent (`why`): a failure like any other, with the seed and
   * the steps before it. */
  refused(why) {
    return failure(new Mismatch(why));
  },

  /** Whether the pending input reached its control. */
  delivered() {
    return pending.delivered === true || pending.stray !== undefined;
  },

  /** Whether the page has heard what the model expects from the pending input. */
  settled() {
    const { model, hosts, E, ready } = current;
    if (pending.wait === 'ready' && !ready?.done) return false;
    if (pending.wait === 'drop' && ReadingWidget.get(hosts[E].el) !== undefined) return false;
    const navigated = pending.op.kind === 'hash' || pending.op.target === 'anchor';
    if (navigated && model.hash !== pending.hashBefore && hashchanges === pending.hashchanges) return false;
    return current.events.length >= model.events.length && same(model.liveHosts().map((h) => ReadingWidget.get(hosts[h].el)?.state()), model.live.map((w) => model.view(w)));
  },

  finish(destroyAll = false) {
    try {
      const { model, E } = current;
      if (pending) {
        // The driver aimed elsewhere (a page that moved under it): said as such, not retried.
        expect(pending.stray === undefined, `WebDriver's input landed on something else first: ${pending.stray}`);
        if (pending.wait === 'ready') {
          const { ready } = current;
          expect(ready?.done, `the element's ready has not settled (5 s after ${pending.op.kind})${ready ? '' : ' (it never started mounting)'}`);
          current.outcomes.push(ready.value);
        } else current.outcomes.push(null);
        pending = null;
        check();
      }
      if (destroyAll) {
        // Everything back in the document; the element leaves it (and is waited for).
        for (const h of [...model.out]) {
          if (h === E) continue;
          const op = { kind: 'insert', host: h, at: 1 };
          step(op);
          current.outcomes.push(perform(op));
          check();
        }
        if (!model.out.has(E)) {
          const op = { kind: 'remove', host: E };
          step(op);
          pending = { op, wait: model.wait, hashchanges, hashBefore: model.hash };
          const outcome = perform(op);
          if (outcome !== null) current.outcomes.push(outcome);
          return { ok: true, steps: stepCount, pending: { kind: 'wait' } };
        }
        for (const h of model.liveHosts()) {
          if (model.handled(h) !== model.widget(h)) {
            // Mounted by mountAll(): the page takes its handle first.
            step({ kind: 'get', host: h, keep: true });
            current.outcomes.push(perform({ kind: 'get', host: h, keep: true }));
            check();
          }
          step({ kind: 'destroy', host: h });
          current.outcomes.push(perform({ kind: 'destroy', host: h }));
          check();
        }
        checkAllGone();
        history.replaceState(null, '', location.pathname);
        return { ok: true, steps: stepCount, counts: current.counts };
      }
      return { ok: true, steps: stepCount };
    } catch (error) {
      return failure(error);
    }
  },
};

// The page's JSON.parse (tests/e2e/model.test.mjs): replaced from the start, except where the
// engine's WebDriver parses its own arguments with the page's JSON.parse (WebKitGTK's does):
// there it is the page's while the page's own code runs (these calls) and the built-in one
// while the driver talks to the page.
const parse = window.__jsonParse;
if (parse?.duringStepsOnly) {
  for (const name of ['start', 'run', 'settled', 'finish']) {
    const call = window.__model[name];
    window.__model[name] = (...args) => {
      JSON.parse = parse.page;
      try {
        return call(...args);
      } finally {
        JSON.parse = parse.builtin;
      }
    };
  }
}
