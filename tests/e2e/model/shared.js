// What every part of the runner reads: the site's articles, the seed's run (one object, so the
// model, the steps, the page's half and the checks all see what start() and each step put
// there), the tally the test's diagnostics print, and the one equality the model and the checks
// both compare with.
import { ReadingWidget } from '/pkg/reading_widget.js';

/** The site's articles (slug and section ids) and articles() as a string: known only once
 * main.js has added every article, so read then, by readArticles(). */
export let ARTICLES = [];
export let ARTICLES_JSON = '';

export function readArticles() {
  ARTICLES = ReadingWidget.articles().map(({ slug, sections }) => ({ slug, sections: sections.map((s) => s.id) }));
  ARTICLES_JSON = JSON.stringify(ReadingWidget.articles());
}

/** The seed's run, set up afresh by start(). */
export const current = {
  /** The seeded random source (random.js): every choice of a step, and of the hosts. */
  rng: null,
  /** The model of what the page must show (model.js). */
  model: null,
  /** The hosts (page.js's makeHosts), the two elements that refuse a shadow root, and the
   * <reading-widget>'s host index. */
  hosts: null,
  refusing: null,
  E: null,
  /** host index → the handle mount() or get() gave the page. */
  handles: null,
  /** What the hosts heard and what the calls returned or threw, this step. */
  events: [],
  outcomes: [],
  /** The element's pending `ready`: { done, value } (the outcome: { state } or { error }). */
  ready: null,
  /** liveListeners() for one widget. */
  perWidget: 0,
  /** How often the run met what the steps are about, for the test's diagnostics (a run that
   * never lets a widget go tests little of it). */
  counts: {},
};

export function count(what) {
  current.counts[what] = (current.counts[what] ?? 0) + 1;
}

export const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
