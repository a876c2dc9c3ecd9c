// BENCHMARKS.md and the printed summary, from what bench/run.mjs measured. Formatting only:
// every figure comes from the run; the budgets are the constants below.
import { bytes, fixed, median, ms, spread } from './stats.mjs';
import { ratios } from './micro.mjs';
import { loadingTable } from './loading.mjs';
import { readFileSync } from 'node:fs';
import { publishTable, TARGETS as PUBLISH } from './publish.mjs';

/** The figures recorded once, when a choice in the code was made (not measured by a run). */
const choices = readFileSync(new URL('./choices.md', import.meta.url), 'utf8');

/**
 * A first visit, gzip: the code (glue + code module) and the article, 32.5 KiB (30 KiB for the
 * widget, 2 KiB for serde-wasm-bindgen building what goes out to JavaScript, 0.5 KiB for checking
 * an article file's release and checksum; `make dist` checks the same figure).
 */
const SIZE_BUDGET = 33_280;
/**
 * A second article's page with the cache warm, gzip: its own article only, 5 KiB (`make dist`
 * holds each article's file to the same figure).
 */
const WARM_BUDGET = 5 * 1024;
/**
 * The code alone (glue + code module), gzip: a target to cut it down to, not a budget: `make dist`
 * prints how far off it is and does not fail.
 */
const CODE_TARGET = 26_880;
/**
 * The shared code's share of the one-module build just before the split (97fa6ec: the shell and
 * the glue), gzip -9 -n as everything here (27,100 B with gzip's file names in the headers).
 */
const CODE_BEFORE = 27_059;
/** embed.js, gzip, which every page downloads on top: a target, as CODE_TARGET is. */
const EMBED_TARGET = 1024;
const MOUNT_BUDGET = 1.5;
const WRITES_BUDGET = 4;
const FRAME_BUDGET = 16;
/** A growth per 10× step up to this counts as linear (noise allowed); below 2 as flat. */
const LINEAR = 12;

const verdict = (ok) => (ok ? 'pass' : '**FAIL**');

/** The in-page figures, one row each: a figure of `key`, one field of it for the toggles. */
const FIGURES = [
  { key: 'mount', label: 'Fresh mount into an empty placeholder, layout included' },
  { key: 'mountLight', label: 'The same, `{ shadow: false }`' },
  { key: 'mountScript', label: 'Fresh mount, the script alone (layout afterwards, untimed)' },
  { key: 'takeover', label: 'Take-over of the pre-rendered article, layout included (plain: its fresh render)' },
  { key: 'takeoverScript', label: 'Take-over, the script alone (plain: its fresh render, the script alone)' },
  { key: 'takeoverEarly', label: 'Take-over before the page\'s stylesheet has loaded: the module adopts its own copy, and the shadow tree is styled again (plain: its fresh render)' },
];
const TOGGLES = [
  { key: 'mode', field: 'there', label: 'Mode toggle, summary → full' },
  { key: 'mode', field: 'back', label: 'Mode toggle, full → summary' },
  { key: 'section', field: 'there', label: 'Section toggle, fold' },
  { key: 'section', field: 'back', label: 'Section toggle, unfold' },
  { key: 'all', field: 'there', label: 'Collapse all (all open → all folded)' },
  { key: 'all', field: 'back', label: 'Expand all (all folded → all open)' },
];

function pick(field) {
  return (value) => (typeof value === 'number' ? value : value[field]);
}

/** "1.23× (1.10–1.40)": the median ratio wasm/plain and its min–max over the rounds. */
function ratioText(figure, field) {
  const values = ratios(figure, pick(field)).sort((a, b) => a - b);
  return `${fixed(median(values), 2)}× (${fixed(values[0], 2)}–${fixed(values.at(-1), 2)})`;
}

function msText(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return `${ms(median(sorted))} (${ms(sorted[0])}–${ms(sorted.at(-1))})`;
}

function side(figure, name, field) {
  return figure[name].map(pick(field));
}

function medianRatio(figure, field) {
  return median(ratios(figure, pick(field)));
}

function table(header, rows) {
  return [`| ${header.join(' | ')} |`, `| ${header.map((cell) => (/^(Raw|Gzip|Brotli|[0-9])/.test(cell) ? '---:' : '---')).join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function writesOf(writes, control, sideName = 'wasm') {
  const { there, back } = writes[control][sideName];
  return Math.max(there.records, back.records);
}

function kinds(record) {
  return Object.entries(record.kinds)
    .sort()
    .map(([kind, count]) => `${count} ${kind}`)
    .join(', ');
}

/** What the second page of a warm visit downloaded, e.g. "`pkg/articles/x.<build>.bin`". */
function warmFiles(visit) {
  return visit.files.length === 0 ? 'nothing' : visit.files.map((file) => `\`${file.name}\`${file.times > 1 ? ` ×${file.times}` : ''}`).join(', ');
}

/** Whether a warm visit's second page downloaded its own article and nothing else. */
function ownArticleOnly(visit) {
  return visit.files.length === 1 && /articles\/[^/]+\.bin$/.test(visit.files[0].name) && visit.files[0].name.includes(`articles/${visit.second}.`) && visit.files[0].times === 1;
}

/** The size budgets and targets, one row each, pass or fail. */
function sizeRows(sizes) {
  const worstWarm = sizes.warm.reduce((worst, visit) => (visit.total.gzip > worst.total.gzip ? visit : worst));
  const warmOk = sizes.warm.every((visit) => visit.total.gzip <= WARM_BUDGET && ownArticleOnly(visit));
  const { firstVisit, code, article, embed } = sizes;
  return [
    [
      'First visit: code (glue + code module) + the article, gzip -9',
      `${bytes(firstVisit.gzip)} (code ${bytes(code.gzip)} + article ${bytes(article.gzip)})`,
      `≤ ${bytes(SIZE_BUDGET)} (32.5 KiB)`,
      verdict(firstVisit.gzip <= SIZE_BUDGET),
    ],
    ['… `embed.js` on top of it, gzip -9', bytes(embed.gzip), `≤ ${bytes(EMBED_TARGET)} (target)`, verdict(embed.gzip <= EMBED_TARGET)],
    [
      'Second article\'s page, cache warm: what it downloads, gzip -9',
      `${sizes.warm.map((visit) => `${bytes(visit.total.gzip)} after ${visit.first}'s page (${warmFiles(visit)})`).join('; ')}`,
      `≤ ${bytes(WARM_BUDGET)} (5 KiB), its own article only`,
      verdict(warmOk) + (warmOk ? '' : ` (worst: ${worstWarm.second})`),
    ],
    [
      'Code alone (glue + code module), gzip -9',
      `${bytes(code.gzip)} (the shared share measured before the split: ${bytes(CODE_BEFORE)})`,
      `≤ ${bytes(CODE_TARGET)} (target)`,
      verdict(code.gzip <= CODE_TARGET) + (code.gzip <= CODE_TARGET ? '' : ` by ${bytes(code.gzip - CODE_TARGET)}`),
    ],
  ];
}

/** The budgets and the headline figures, pass or fail. */
function summaryRows({ sizes, main, scale, publish }) {
  const big = scale.at(-1);
  const mount = medianRatio(main.figures.mount);
  const light = medianRatio(main.figures.mountLight);
  const takeover = medianRatio(main.figures.takeover);
  const maxWrites = Math.max(...[main, ...scale].flatMap((run) => ['mode', 'section'].map((control) => writesOf(run.writes, control))));
  const expandAll = median(side(big.figures.all, 'wasm', 'backFrame'));
  const memory = main.memory;
  const growth = (part) => `wasm memory ${fixed(part.after.wasm - part.before.wasm)} B, JS heap ${fixed(part.after.heap - part.before.heap)} B`;
  return [
    ...sizeRows(sizes),
    ['Fresh mount, wasm/plain JS (shadow root)', `${ratioText(main.figures.mount)}; ${ms(median(main.figures.mount.wasm))} vs ${ms(median(main.figures.mount.plain))} ms`, `≤ ${MOUNT_BUDGET}×`, verdict(mount <= MOUNT_BUDGET)],
    ['Fresh mount, wasm/plain JS (`shadow: false`)', `${ratioText(main.figures.mountLight)}`, `≤ ${MOUNT_BUDGET}×`, verdict(light <= MOUNT_BUDGET)],
    ['Take-over / plain JS fresh render', `${ratioText(main.figures.takeover)}; ${ms(median(main.figures.takeover.wasm))} vs ${ms(median(main.figures.takeover.plain))} ms`, '< 1×', verdict(takeover < 1)],
    ['DOM writes per mode or section toggle, any size', `${maxWrites} (mode ${writesOf(main.writes, 'mode')}, section ${writesOf(main.writes, 'section')}; at ${big.times}×: ${writesOf(big.writes, 'mode')}, ${writesOf(big.writes, 'section')})`, `≤ ${WRITES_BUDGET}`, verdict(maxWrites <= WRITES_BUDGET)],
    [
      `Expand all on the ${big.times}× article, to the next frame`,
      `${ms(expandAll)} ms, of which script ${ms(median(side(big.figures.all, 'wasm', 'backSync')))} ms (plain JS: ${ms(median(side(big.figures.all, 'plain', 'backFrame')))} ms, script ${ms(median(side(big.figures.all, 'plain', 'backSync')))} ms)`,
      `≤ ${FRAME_BUDGET} ms`,
      verdict(expandAll <= FRAME_BUDGET),
    ],
    [`Memory over ${fixed(memory.cycles.n)} mount/destroy cycles`, growth(memory.cycles), 'flat', verdict(memory.cycles.flat)],
    [`Memory over ${fixed(memory.toggles.n)} toggles`, growth(memory.toggles), 'flat', verdict(memory.toggles.flat)],
    [`${fixed(publish.count)} articles built cold by the npm package's CLI`, `${fixed(publish.cold.seconds, 1)} s, ${fixed(publish.cold.mib)} MiB peak`, `≤ ${PUBLISH.coldSeconds} s, ≤ ${PUBLISH.coldMiB} MiB`, verdict(publish.cold.seconds <= PUBLISH.coldSeconds && publish.cold.mib <= PUBLISH.coldMiB)],
    ['One of them edited, built again', `${fixed(publish.edit.seconds, 2)} s; other files changed: ${publish.edit.others.length}`, `≤ ${PUBLISH.editSeconds} s, none`, verdict(publish.edit.seconds <= PUBLISH.editSeconds && publish.edit.others.length === 0)],
    ["The Node API's `compile` of the real article, p50 (p99)", `${fixed(publish.compile.p50, 2)} ms (${fixed(publish.compile.p99, 2)} ms)`, `p50 ≤ ${PUBLISH.compileMs} ms`, verdict(publish.compile.p50 <= PUBLISH.compileMs)],
  ];
}

function machineLine({ context }) {
  const { machine, revision, revisionAtEnd } = context;
  const changes = (at) => (at.changed.length > 0 ? ` with uncommitted changes to ${at.changed.join(', ')}` : '');
  const moved =
    JSON.stringify(revisionAtEnd) === JSON.stringify(revision)
      ? ''
      : ` (the tree moved on during the run: commit ${revisionAtEnd.commit}${changes(revisionAtEnd)} at the end; the bench sites were built at the start)`;
  return (
    `${context.finished.toISOString().slice(0, 10)}, commit ${revision.commit}${changes(revision)} when the run started${moved}. ` +
    `${machine.cpu}, ${machine.cores} cores (load average ${machine.loadAtStart.toFixed(2)} at start, ${machine.loadAtEnd.toFixed(2)} at end); ` +
    `Chromium ${context.browser}, headless; Node ${context.node}. The run took ${fixed((context.finished - context.started) / 60_000, 1)} minutes.`
  );
}

/** What `make bench` prints. */
export function summary(data) {
  const loading = data.loading.filter(({ variant }) => variant.network);
  return [
    '',
    machineLine(data),
    '',
    table(['Figure', 'Measured', 'Budget', ''], summaryRows(data)),
    '',
    'Loading on the phone profile (ms from navigation, median (min–max)):',
    '',
    table(['Variant', 'First article text', '`readingwidget:ready`'], loading.map(({ variant, loads }) => [variant.name, spread(loads.map((t) => t.firstTextAt)), spread(loads.map((t) => t.readyAt))])),
    '',
    'BENCHMARKS.md has every figure.',
  ].join('\n');
}

function sizeSection({ sizes }) {
  const times = (file) => (file.times > 1 ? ` — downloaded ${file.times} times` : '');
  const rows = sizes.files.map((file) => [`\`${file.name}\` (${file.what}${times(file)})`, fixed(file.raw), fixed(file.gzip), fixed(file.brotli)]);
  rows.push(['**Code + glue + article + `embed.js`** (what a first visit downloads to run the widget)', fixed(sizes.download.raw), `**${fixed(sizes.download.gzip)}**`, fixed(sizes.download.brotli)]);
  rows.push(['Code + glue + article (the first-visit budget\'s figure)', fixed(sizes.firstVisit.raw), fixed(sizes.firstVisit.gzip), fixed(sizes.firstVisit.brotli)]);
  rows.push(['Code + glue (cached for every article)', fixed(sizes.code.raw), fixed(sizes.code.gzip), fixed(sizes.code.brotli)]);
  for (const file of sizes.notDownloaded) rows.push([`\`${file.name}\` (${file.what})`, fixed(file.raw), fixed(file.gzip), fixed(file.brotli)]);
  const requests = sizes.requests.map(({ path, status }) => `\`${path}\` ${status}`).join(', ');
  const warmRows = sizes.warm.map((visit) => [
    `\`article-${visit.first}.html\` → \`article-${visit.second}.html\``,
    visit.requests.map(({ path, status }) => `\`${path}\` ${status}`).join(', '),
    warmFiles(visit),
    fixed(visit.total.gzip),
    fixed(visit.firstTotal.gzip),
  ]);
  const { prerendered, bare } = sizes.html;
  const growth = (key) => `+${fixed(prerendered[key] - bare[key])}`;
  return [
    '## 1. Size',
    '',
    'Each file a reader downloads from `dist/`, in bytes: raw, `gzip -9 -n` (GNU gzip without the file name in its header, as a server sends it and `make dist` counts) and brotli at quality 11 (`node:zlib`).',
    '',
    table(['File', 'Raw', 'Gzip -9', 'Brotli 11'], rows),
    '',
    `Measured, not assumed: the article's publisher fragment (\`dist/embed/<slug>.html\`) in a bare page, in a fresh browser context, and every request that reached the server (\`scripts/serve.mjs\`), in order: ${requests}. Each file answered with a body (200) counts, as often as it was answered.`,
    '',
    `A second article's page with the cache warm, on \`target/fixture-dist/\` (\`make fixture-dist\`: dist/'s code with a second, test-only article): a real page of one article, then in the same browser context (its HTTP cache warm, no request routing, which would turn that cache off) a navigation to the other article's page, in both orders. \`scripts/serve.mjs\` sends the hashed code as \`immutable\` and everything else \`no-cache\` with an ETag (a 304 carries no body). Counted: what the server answered with a body for the second page, its own HTML left out.`,
    '',
    table(['Visit', 'Requests that reached the server for the second page (status)', 'Downloaded', 'Gzip -9', 'The first page\'s files, gzip -9'], warmRows),
    '',
    'The pre-rendered page carries the article in its HTML: `dist/index.html` against the same page with the `<template shadowrootmode="open">…</template>` taken out (the "bare" page of `bench/loading.mjs`).',
    '',
    table(
      ['Page', 'Raw', 'Gzip -9', 'Brotli 11'],
      [
        ['`index.html`, bare', fixed(bare.raw), fixed(bare.gzip), fixed(bare.brotli)],
        ['`index.html`, pre-rendered', fixed(prerendered.raw), fixed(prerendered.gzip), fixed(prerendered.brotli)],
        ['Growth', growth('raw'), growth('gzip'), growth('brotli')],
      ],
    ),
  ].join('\n');
}

function baselineSection({ main }) {
  return [
    '## 2. The plain-JavaScript baseline',
    '',
    '`bench/plain.js` is the widget in its live phase written by hand in plain JavaScript, one file: the same markup, the summary disclosure, the one mode button, the section accordion with Expand all / Collapse all, Arrow/Home/End between section buttons, folded text `hidden="until-found"` with `beforematch`, `aria-expanded`, the status line, focus kept on screen, `#section` links, and the `readingwidget:ready` / `readingwidget:change` events; in a shadow root with the same adopted stylesheet, or in the light DOM.',
    '',
    `**Where its data comes from.** Before anything is timed, the bench page mounts the module's widget once, and \`plain.prepare()\` reads its live \`<article>\` into a tree of plain objects (tags, attributes without the switched ones, ids without the widget's prefix, texts, and which element is which part). \`plain.mount()\` then builds DOM nodes from that tree with \`createElement\`, \`setAttribute\`, \`createTextNode\` and \`append\` (never \`innerHTML\`), writing each switched attribute from its state, as the module builds from its view. So both render the same article (${main.info.sections} sections here) from data prepared in memory.`,
    '',
    '**Checked, not assumed.** Before timing, on every site, the bench compares the two widgets\' markup (`outerHTML`, ids prefixed alike) after mounting in a shadow root and in the light DOM, and again after each of: the mode button, a section button, Expand all, Collapse all, the summary button, `beforematch` on the summary and on a panel, ArrowUp/Home/ArrowDown/End, and the mode button with focus inside the full text; the events each sent, and where focus went, must match too. A difference stops the bench (exit 1) with the first differing characters: if the widget changes, `bench/plain.js` must change with it.',
  ].join('\n');
}

function inPageSection({ main, context }) {
  const { figures, writes, memory } = main;
  const mountRows = FIGURES.map(({ key, label }) => [label, ratioText(figures[key]), msText(figures[key].wasm), msText(figures[key].plain)]);
  const toggleRows = TOGGLES.map(({ key, field, label }) => [
    label,
    ratioText(figures[key], `${field}Frame`),
    msText(side(figures[key], 'wasm', `${field}Frame`)),
    msText(side(figures[key], 'plain', `${field}Frame`)),
    ms(median(side(figures[key], 'wasm', `${field}Sync`))),
    ms(median(side(figures[key], 'plain', `${field}Sync`))),
  ]);
  const writeRows = [
    ['mode', 'Mode toggle'],
    ['section', 'Section toggle'],
    ['all', 'Collapse all / Expand all'],
  ].map(([control, label]) => [
    label,
    `${writes[control].wasm.there.records} / ${writes[control].wasm.back.records}`,
    `${writes[control].plain.there.records} / ${writes[control].plain.back.records}`,
    kinds(writes[control].wasm.there),
  ]);
  const mem = (part) => [
    fixed(part.before.wasm),
    fixed(part.after.wasm),
    `${fixed(part.after.wasm - part.before.wasm)}`,
    fixed(part.before.heap),
    fixed(part.after.heap),
    `${fixed(part.after.heap - part.before.heap)}`,
    part.flat ? 'flat' : '**grew**',
  ];
  return [
    '## 3. In the page: the module against the baseline',
    '',
    `One page (\`dist/\` served by \`scripts/serve.mjs\`, the bench page routed in, cross-origin isolated so \`performance.now()\` ticks every 5 µs), 1280×900. ${context.rounds} rounds after one warm-up round; in each round every figure is measured once per side, the sides in turn, the first side swapped every round. A ratio is wasm/plain within one round; the table gives the median ratio (min–max over the rounds) and each side's median (min–max) in ms. Mounts are timed in batches of 40 (each into a new empty \`<div>\`, layout forced by reading \`offsetHeight\` after each), per mount; every widget is destroyed after its batch (\`handle.destroy()\`), and after every round the bench checks that \`ReadingWidget.liveListeners()\` is 0 and nothing is left on the page.`,
    '',
    'The take-over: the publisher fragment (`dist/embed/<slug>.html`) is put into a placeholder with `setHTMLUnsafe`, its shadow root\'s `<link>` to `pkg/reading_widget.css` loaded (as on a served page, where the stylesheet comes with the page, before the module) and laid out, untimed; then `ReadingWidget.mount(placeholder, { persist: false })` is timed, which claims the parsed nodes in place (checked: the same `<article>` and paragraph nodes before and after, the mode button shown, no `reading-widget:` warning on the console, and no second copy of the stylesheet adopted). The early take-over times the same before the links have loaded (checked: none had).',
    '',
    table(['Figure', 'wasm/plain', 'wasm, ms', 'plain, ms'], mountRows),
    '',
    'Toggles: a click on the control at the start of a frame (`requestAnimationFrame`), timed to the end of that frame\'s rendering (a message posted from the frame callback runs after style, layout and paint, so vsync is not waited for); and the click alone ("script"). Five there-and-back pairs per round and side, medians; section and Expand-all clicks in full mode.',
    '',
    table(['Click', 'wasm/plain, to next frame', 'wasm, ms', 'plain, ms', 'wasm script, ms', 'plain script, ms'], toggleRows),
    '',
    '### DOM writes',
    '',
    'MutationObserver records (attributes, childList, characterData, subtree; on the host and its shadow root) for one click there and one back, taken right after each click; the same three times in a row, or the bench fails.',
    '',
    table(['Click', 'wasm, there / back', 'plain, there / back', 'wasm records, there'], writeRows),
    '',
    '### Memory',
    '',
    `The module's widget only: its linear memory (\`memory.buffer.byteLength\` of the glue's exports) and the page's JS heap in use (CDP \`HeapProfiler.collectGarbage\` twice, then \`Runtime.getHeapUsage\`), after a warm-up of 200 mount/destroy cycles, then after ${fixed(memory.cycles.n)} cycles (each in a new placeholder), and then again around ${fixed(memory.toggles.n)} toggles of one widget (the mode through \`handle.toggle()\`, a section button, Expand/Collapse all, in turn) after 1,000 to warm up. Flat means the wasm memory did not grow at all and the JS heap by less than ${fixed(context.heapNoise / 1024)} KiB (a compiled function or an inline cache).`,
    '',
    table(['', 'wasm memory before, B', 'after, B', 'growth, B', 'JS heap before, B', 'after, B', 'growth, B', ''], [
      [`${fixed(memory.cycles.n)} mount/destroy cycles`, ...mem(memory.cycles)],
      [`${fixed(memory.toggles.n)} toggles`, ...mem(memory.toggles)],
    ]),
  ].join('\n');
}

function loadingSection({ loading, context }) {
  const { phone } = context;
  return [
    '## 4. Loading',
    '',
    `\`bench/loading.mjs\` (also \`make bench-loading\`): navigation start to the first frame with the headline on screen, and to \`readingwidget:ready\`; the page as built (pre-rendered) and "bare" (the same page with the pre-rendered widget taken out). Both pages are files served by \`scripts/serve.mjs\`, gzip-compressed as a web server would; ${context.viewport.width}×${context.viewport.height}, a fresh browser context per load, the variants alternated in a rotated order, ${context.loadingRounds} rounds after a warm-up round. The phone profile: CDP \`Network.emulateNetworkConditions\` with ${fixed(phone.downloadThroughput)} B/s down (1.6 Mbit/s), ${fixed(phone.uploadThroughput)} B/s up (750 kbit/s) and ${phone.latency} ms latency, and \`Emulation.setCPUThrottlingRate\` 4.`,
    '',
    loadingTable(loading),
  ].join('\n');
}

/** "a → b → c" growth factors of `values` per step, and whether each is linear or better. */
function growth(values, steps) {
  const factors = values.slice(1).map((value, i) => value / values[i]);
  const ok = factors.every((factor, i) => factor <= (LINEAR * steps[i]) / 10);
  const flat = factors.every((factor) => factor < 2);
  return [...factors.map((factor) => `${fixed(factor, 1)}×`), flat ? 'flat' : ok ? 'linear or better' : '**worse than linear**'];
}

function scaleSection({ scale, context }) {
  const steps = scale.slice(1).map((row, i) => row.times / scale[i].times);
  const header = ['', ...scale.map((row) => `${row.times}×`), ...steps.map((step, i) => `${scale[i].times}× → ${scale[i + 1].times}×`), 'Growth'];
  const row = (label, values, text = ms) => [label, ...values.map((value) => text(value)), ...growth(values, steps)];
  const wasm = (key, field) => scale.map((r) => median(side(r.figures[key], 'wasm', field)));
  const plain = (key, field) => scale.map((r) => median(side(r.figures[key], 'plain', field)));
  const rows = [
    ['Article, Markdown bytes (sections)', ...scale.map((r) => `${fixed(r.content.bytes)} (${r.info.sections})`), ...steps.map(() => ''), ''],
    row('Build (`make bench-site`), s', scale.map((r) => r.build.seconds), (value) => fixed(value, 1)),
    row('Code + glue + article (what a first visit downloads), gzip -9, B', scale.map((r) => r.sizes.widget.gzip), fixed),
    row('Fresh mount, layout included, ms', wasm('mount')),
    row('… plain JS, ms', plain('mount')),
    row('Take-over, layout included, ms', wasm('takeover')),
    row('Take-over, script alone, ms', wasm('takeoverScript')),
    row('Mode toggle to full, to next frame, ms', wasm('mode', 'thereFrame')),
    row('Mode toggle to full, script, ms', wasm('mode', 'thereSync')),
    row('Section toggle (fold), to next frame, ms', wasm('section', 'thereFrame')),
    row('Section toggle (fold), script, ms', wasm('section', 'thereSync')),
    row('Expand all, to next frame, ms', wasm('all', 'backFrame')),
    row('… plain JS, ms', plain('all', 'backFrame')),
    row('Expand all, script, ms', wasm('all', 'backSync')),
    row('… plain JS, ms', plain('all', 'backSync')),
    row('DOM writes per mode toggle', scale.map((r) => writesOf(r.writes, 'mode')), fixed),
    row('DOM writes per section toggle', scale.map((r) => writesOf(r.writes, 'section')), fixed),
    row('DOM writes per Expand all', scale.map((r) => writesOf(r.writes, 'all')), fixed),
  ];
  const built = scale.map((r) => `${r.times}×: ${r.build.cached ? `cached, built ${r.build.at.slice(0, 16).replace('T', ' ')}` : 'built in this run'}`).join('; ');
  return [
    '## 5. Scale: one article, 1×, 10× and 100× the real one',
    '',
    `\`bench/generate.mjs\` writes valid content files into \`target/bench/content/scale/\`: the real article (1×), and 10× and 100× its size in bytes, with ten and a hundred times its sections; the added text is a seeded word chain over the real article's words (with some emphasis, links and lists), so it does not compress away. Each is compiled into its own bench site by \`bench/sites.mjs\` through \`make bench-site\`, the Makefile's own \`build-site\` recipe that \`make dist\` runs (the code module and glue named by their hash, each article's file, the pre-rendered fragments), with the real article compiled in beside the generated one (the demo pages name it; a page of the generated article does not load it). Build times are of the whole recipe as an editor waits for it after changing the articles (dependencies and std compiled beforehand, not timed), on this noisy machine; a build is cached while its articles and the sources are unchanged (${built}). In-page figures as in section 3, wasm side, ${context.scaleRounds} rounds, batches of ${'40 / size'} mounts (at least 2), three pairs of clicks per round at 100×. "Growth" is each 10× step's factor: under 2× is flat, up to ${LINEAR}× linear or better (noise allowed).`,
    '',
    table(header, rows),
  ].join('\n');
}

function manySection({ many }) {
  const rows = many.map((row) => [
    `${row.count}`,
    fixed(row.content.bytes),
    fixed(row.build.seconds, 1),
    row.downloads.files.map((file) => `\`${file.name}\``).join(', '),
    fixed(row.downloads.total.raw),
    fixed(row.downloads.total.gzip),
    fixed(row.downloads.total.brotli),
  ]);
  const steps = many.slice(1).map((row, i) => `${many[i].count} → ${row.count}: build ${fixed(row.build.seconds / many[i].build.seconds, 1)}×, download (gzip) ${fixed(row.downloads.total.gzip / many[i].downloads.total.gzip, 2)}×`);
  return [
    '## 6. Many articles',
    '',
    '100 small distinct articles (two or three sections each, generated as above) in `target/bench/content/many/`; the first 1, 10 and 100 of them each compiled into a bench site as above (with the real article beside them). What one article\'s page downloads is measured, not assumed: its publisher fragment in a bare page, loaded in Chromium from that build, every file the server answered counted (whatever the layout: one module with every article, a module per article, or the code module and the article\'s own file). The page\'s own HTML is not counted.',
    '',
    table(['Articles (+ the real one)', 'Markdown, B', 'Build (`make bench-site`), s', 'A page of one article downloads', 'Raw', 'Gzip -9', 'Brotli 11'], rows),
    '',
    `Per step: ${steps.join('; ')}.`,
  ].join('\n');
}

function publishSection({ publish }) {
  return [
    '## 7. Publishing with the npm package',
    '',
    `\`bench/publish.mjs\`: ${publish.count.toLocaleString('en')} small generated articles (as in 6) built by the packed package's CLI (\`node pkg/cli.js build <folder> --out <dir>\`, a process of its own, timed and its peak resident memory read by GNU time), cold into a fresh folder each round; then one article edited per round and built again into the first folder, every file's bytes and modification time compared before and after; then the Node API's \`compile\` of the real article in this process, 2,000 calls after 200 to warm up.`,
    '',
    publishTable(publish),
  ].join('\n');
}

/** The whole of BENCHMARKS.md. */
export function document(data) {
  return [
    '# Benchmarks',
    '',
    `Written by \`make bench\` (\`bench/run.mjs\`); rerun it to measure again. The summary holds each figure to its budget; a budget marked "target" is a size to cut down to, which \`make dist\` prints but does not enforce. ${machineLine(data)}`,
    '',
    'The machine is shared and noisy: absolute times drift between runs; the ratios, measured within one page in alternating rounds, are what to compare. Every figure is a median with its min–max.',
    '',
    '## Summary',
    '',
    table(['Figure', 'Measured', 'Budget', ''], summaryRows(data)),
    '',
    sizeSection(data),
    '',
    baselineSection(data),
    '',
    inPageSection(data),
    '',
    loadingSection(data),
    '',
    scaleSection(data),
    '',
    manySection(data),
    '',
    publishSection(data),
    '',
    // Figures recorded once, when a choice in the code was made: bench/choices.md.
    choices.trimEnd(),
    '',
    '## Rerun',
    '',
    '```sh',
    'make bench                 # everything, about 5–10 minutes (bench builds cached in target/bench/sites)',
    'make bench ROUNDS=5        # a quicker look, wider spreads',
    'make bench-loading         # the page loads alone',
    '```',
    '',
  ].join('\n');
}
