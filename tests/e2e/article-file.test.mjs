// An article file changed on the way (bits flipped, bytes overwritten, cut short, bytes
// inserted), served in place of the real one to a page with the article pre-rendered in a
// <reading-widget>: the element either refuses it (its `ready` rejects with an Error naming the
// article, and the pre-rendered article stays readable) or shows the article's own text. Never
// other text. The thousand-copy version of this runs natively (src/article/mutated.rs); this
// checks the same promise through embed.js in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { start, openPreparedPage, articlePath, LIVE } from './browser.mjs';

const SLUG = 'ukraine-war-korean-war';
const DIST = new URL('../../dist/', import.meta.url).pathname;
const COPIES = 20;
// What the module says when it refuses a file (src/article/compiled.rs, crates/view/src/blob.rs).
const REFUSED = new RegExp(
  `^article '${SLUG}': (these bytes are not an article file|this article file (is damaged|was written by another release|is malformed))`,
);

let site;
let file;
let fragment;
before(async () => {
  site = await start();
  file = await readFile(`${DIST}${articlePath(SLUG).slice(1)}`);
  // The publisher's fragment: the element with the article pre-rendered in its shadow root.
  fragment = (await readFile(`${DIST}embed/${SLUG}.html`, 'utf8')).replace(/<script[\s\S]*?<\/script>/g, '');
});
after(async () => {
  await site?.close();
});

/** mulberry32: the same copies on every run. */
function random(seed) {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** `bytes` changed once or twice: one time in eight in the header, else anywhere. */
function mutate(bytes, below) {
  let out = [...bytes];
  for (let times = 1 + below(2); times > 0; times--) {
    const span = below(8) === 0 ? Math.min(32, out.length) : out.length;
    const at = below(Math.max(span, 1));
    const kind = below(5);
    if (kind === 0) out[at] ^= 1 << below(8);
    else if (kind === 1) for (let i = at; i < Math.min(at + 1 + below(4), out.length); i++) out[i] = below(256);
    else if (kind === 2) out = out.slice(0, at);
    else if (kind === 3) out.splice(at, 1 + below(64));
    else out.splice(at, 0, ...Array.from({ length: 1 + below(4) }, () => below(256)));
  }
  return Buffer.from(out);
}

/**
 * A fresh page of the fragment and embed.js, served `body` for the article's file; what its
 * element's `ready` gave, and the article's text in its shadow root after.
 */
async function load(t, body) {
  const { page, problems } = await openPreparedPage(site.browser, `${site.base}file.html`, async (page) => {
    await page.route('**/file.html', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>file</title>
<script type="module" src="./embed.js"></script></head><body><main>${fragment}</main></body></html>`,
      }),
    );
    await page.route(`**${articlePath(SLUG)}`, (route) =>
      route.fulfill({ contentType: 'application/octet-stream', body }),
    );
  });
  t.after(() => page.close());
  const outcome = await page.evaluate(async () => {
    await customElements.whenDefined('reading-widget');
    const element = document.querySelector('reading-widget');
    const ready = await element.ready.then(
      (state) => ({ state }),
      (error) => ({ error: { isError: error instanceof Error, message: error.message } }),
    );
    // The article shown: the live one once mounted, else the pre-rendered one.
    const article = element.shadowRoot.querySelector('article.rw');
    const title = article?.querySelector('.rw-title');
    return { ...ready, text: article?.textContent, readable: !!title?.checkVisibility() && title.textContent };
  });
  if (outcome.state) await page.locator(LIVE).waitFor({ timeout: 10_000 });
  const live = outcome.state ? await page.locator('reading-widget article.rw').textContent() : null;
  return { ...outcome, live, pageErrors: problems.filter((problem) => problem.startsWith('page error')) };
}

test('a changed article file is refused, naming the article, with the pre-rendered article kept; or it shows the article\'s own text', async (t) => {
  const own = await load(t, file);
  assert.equal(own.error, undefined, 'the real file is taken');
  assert.equal(own.state?.article, SLUG);
  assert.match(own.live ?? '', /Korean War/);

  const below = random(0x5eed);
  const counts = { refused: 0, same: 0 };
  for (let copy = 0; copy < COPIES; copy++) {
    const mutated = mutate(file, below);
    const seen = await load(t, mutated);
    assert.deepEqual(seen.pageErrors, [], `copy ${copy}`);
    if (seen.error) {
      counts.refused++;
      assert.equal(seen.error.isError, true, `copy ${copy}: ready rejects with an Error`);
      assert.match(seen.error.message, REFUSED, `copy ${copy}`);
      // The pre-rendered article is still there, as it was served, and shown.
      assert.equal(seen.readable, 'The Ukraine War Could Be the Spark to Restart the Korean War', `copy ${copy}`);
    } else {
      counts.same++;
      assert.equal(seen.live, own.live, `copy ${copy} was taken: it must show the article's own text`);
    }
  }
  console.log(`${COPIES} changed copies of ${articlePath(SLUG)}: ${counts.refused} refused, ${counts.same} shown as the article`);
  assert.equal(counts.refused + counts.same, COPIES);
});
