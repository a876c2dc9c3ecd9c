// The editor's loop in serve mode (its budget: a median of at most 3 s, or the run exits 1): the
// time from saving a one-word change to an article to the open page showing it, reloaded.
// scripts/watch.mjs runs as `make serve` runs it, on a temporary copy of content/
// (tests/e2e/serving.mjs), with the demo page open in headless Chromium; each round changes the
// first summary bullet's first word and waits for the page to show the new word.
//
//   make bench-serve          (builds dist/ first)
//   node bench/serve.mjs      (ROUNDS=n, default 9; one untimed warm-up round first)
import { readFile, writeFile } from 'node:fs/promises';
import { startServe } from '../tests/e2e/serving.mjs';
import { median as middle } from './stats.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 9);
const serving = await startServe();
try {
  const { page, file, problems, context } = await serving.open(null, 'index.html');
  const original = await readFile(file, 'utf8');
  const times = [];
  for (let round = 0; round <= ROUNDS; round += 1) {
    const word = `Edit${round}x`;
    const saved = performance.now();
    await writeFile(file, original.replace(/^- \S+/m, `- ${word}`));
    await page.waitForFunction(
      (word) => document.querySelector('[data-reading-widget]')?.shadowRoot?.querySelector('.rw-summary-list li')?.textContent.startsWith(word),
      word,
      { timeout: 60_000, polling: 50 },
    );
    const took = performance.now() - saved;
    if (round > 0) times.push(took);
    console.log(`round ${round}${round === 0 ? ' (warm-up)' : ''}: ${(took / 1000).toFixed(2)} s`);
  }
  await writeFile(file, original);
  await context.close();
  if (problems.length > 0) throw new Error(`the page reported: ${problems.join('; ')}`);
  const sorted = [...times].sort((a, b) => a - b);
  const median = middle(times);
  console.log(
    `save to reloaded page: median ${(median / 1000).toFixed(2)} s (min ${(sorted[0] / 1000).toFixed(2)}, max ${(sorted.at(-1) / 1000).toFixed(2)}), ${times.length} rounds; budget 3 s: ${median <= 3000 ? 'pass' : 'FAIL'}`,
  );
  const rebuilds = serving.output().match(/rebuilt in [\d.]+ s/g) ?? [];
  console.log(`serve mode's own rebuild times: ${rebuilds.map((line) => line.slice('rebuilt in '.length)).join(', ')}`);
  process.exitCode = median <= 3000 ? 0 : 1;
} finally {
  await serving.close();
}
