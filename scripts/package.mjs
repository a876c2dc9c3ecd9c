// Turns the release build in dist/pkg/ into the npm package in pkg/ (`make package`).
//
// The package is the very build the site ships and the e2e suite tests, copied rather than
// rebuilt: a second `wasm-pack build` could differ (another wasm-opt, no terser) from what was
// measured. wasm-pack's own package.json is not publishable as it stands (no exports map, no
// README of its own), so this script
// writes the finished one from Cargo.toml and checks that dist/ was built from that Cargo.toml.
//
//   node scripts/package.mjs [OUT]     (after `make dist`; OUT is pkg/ unless given)
//
// Fails, naming the problem, if dist/pkg/ is missing, stale or holds a file it does not know.
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative, resolve } from 'node:path';
import { minifyEmbed } from './embed.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist', 'pkg');
// Another folder for a test that packs the package while another test rewrites pkg/.
const OUT = process.argv[2] ? resolve(process.argv[2]) : join(ROOT, 'pkg');

function fail(message) {
  console.error(`scripts/package.mjs: ${message}`);
  process.exit(1);
}

/**
 * The `key = "string"` entries of Cargo.toml's [package] table. Not a TOML parser (that would be
 * a new dependency): enough for the plain one-line strings the package fields are written as.
 * A field written another way (multi-line, `.workspace = true`) is simply not found, and a
 * required one then fails below with its name, rather than being misread.
 */
function cargoPackage(text) {
  const fields = {};
  let inPackage = false;
  for (const line of text.split('\n')) {
    const header = line.match(/^\s*\[([^\]]*)\]/);
    if (header) {
      inPackage = header[1].trim() === 'package';
      continue;
    }
    const entry = inPackage && line.match(/^\s*([A-Za-z0-9_-]+)\s*=\s*("(?:[^"\\]|\\.)*")\s*(?:#.*)?$/);
    // TOML's basic-string escapes are JSON's (plus \uXXXXXXXX, which no field here needs).
    if (entry) fields[entry[1]] = JSON.parse(entry[2]);
  }
  return fields;
}

const cargoText = await readFile(join(ROOT, 'Cargo.toml'), 'utf8');
const cargo = cargoPackage(cargoText);
for (const key of ['name', 'version', 'description', 'license']) {
  if (typeof cargo[key] !== 'string' || cargo[key] === '') {
    fail(`Cargo.toml [package] needs ${key} = "…" on one line (the npm package takes it from there)`);
  }
}

if (!existsSync(join(DIST, 'package.json'))) fail('dist/pkg/ is missing: run `make dist` first');
// wasm-pack wrote this from Cargo.toml when dist/ was built: if the versions differ, dist/ is
// older than Cargo.toml and would be published under the wrong version.
const built = JSON.parse(await readFile(join(DIST, 'package.json'), 'utf8'));
if (built.version !== cargo.version) {
  fail(`dist/pkg/ was built as version ${built.version} but Cargo.toml says ${cargo.version}: run \`make dist\``);
}

// wasm-bindgen names its output after the library, i.e. the crate name with '-' as '_'.
const stem = cargo.name.replaceAll('-', '_');
// The stylesheet ships next to the glue, which fetches it (src/dom/sheet.js, bundled in): the
// module does not carry the sheet's text.
const SHIPPED = [`${stem}.js`, `${stem}_bg.wasm`, `${stem}.d.ts`, `${stem}_bg.wasm.d.ts`, `${stem}.css`];
// wasm-pack's extras, replaced here: its .gitignore ('*') would hide everything from git-based
// tools, its package.json is rewritten below, and its README.md is the whole project README.
// Its copy of LICENSE is the project's, copied below from the project itself.
const REPLACED = ['.gitignore', 'package.json', 'README.md', 'LICENSE'];
// The site's code under its hash (reading_widget.<hash>.js and .wasm, which embed.js loads) and
// its article files (articles/<slug>.<build>.bin): the package's module holds every article, and the
// element fetches the publisher's files, not the package's. The site's reading_widget.js only
// re-exports the hashed glue, so the package takes the glue itself under that name.
const HASHED = new RegExp(`^${stem}\\.[0-9a-f]{16}\\.(js|wasm)$`);
const SITE_ONLY = (f) => f === 'articles' || HASHED.test(f);
const found = await readdir(DIST);
const unknown = found.filter((f) => !SHIPPED.includes(f) && !REPLACED.includes(f) && !SITE_ONLY(f));
if (unknown.length > 0) {
  // e.g. a new file from wasm-bindgen: decide here whether it ships, rather than publish a
  // broken package.
  fail(`dist/pkg/ holds ${unknown.join(', ')}, which this script does not know: ship it or skip it here`);
}
const missing = SHIPPED.filter((f) => !found.includes(f));
if (missing.length > 0) fail(`dist/pkg/ lacks ${missing.join(', ')}: run \`make dist\``);

// Start from nothing, so a file from an earlier run cannot slip into the tarball.
await rm(OUT, { recursive: true, force: true });
await mkdir(OUT);
const glue = found.filter((f) => HASHED.test(f) && f.endsWith('.js'));
if (glue.length !== 1) fail(`dist/pkg/ holds ${glue.length} hashed glue files (${stem}.<hash>.js), not one: run \`make dist\``);
for (const file of SHIPPED) await copyFile(join(DIST, file === `${stem}.js` ? glue[0] : file), join(OUT, file));
await copyFile(join(ROOT, 'docs', 'package-README.md'), join(OUT, 'README.md'));

// The site's embed.js as dist/ has it (src/element.js minified by the same recipe, the code's
// hash and build filled in), but with the site's only article left open: `reading-widget build` fills it
// in for the publisher's site (site/embed.js, below).
const codeHash = glue[0].split('.')[1];
// The build the code is (reading_widget_view::BUILD), which names the article files the element
// asks for: read off dist's article files, all of one build.
const builds = new Set((await readdir(join(DIST, 'articles'))).map((file) => /\.([0-9a-f]{16})\.bin$/.exec(file)?.[1]));
const [build] = builds;
if (builds.size !== 1 || !build) {
  fail(`dist/pkg/articles/ holds files of ${builds.size} builds, not each <slug>.<build>.bin of one: run \`make dist\``);
}
const siteEmbed = (await minifyEmbed(await readFile(join(ROOT, 'src', 'element.js'), 'utf8')))
  .replaceAll('__CODE__', codeHash)
  .replaceAll('__BUILD__', build);

// The element's entry, `reading-widget/element`: that embed.js, which names the code by
// literal URLs under ./pkg/ beside itself; in the package it is beside it. With it goes the
// code module under its hash. The package has no article, so a widget must name its own.
const ELEMENT = ['element.js', 'element.d.ts'];
/** Replaces `from` in the element, which must name it exactly once. */
let element = siteEmbed.replaceAll('__ONLY__', '');
const swap = (from, to, what) => {
  const count = element.split(from).length - 1;
  if (count !== 1) fail(`embed.js names ${what} (${from}) ${count} times, not once: update this script`);
  element = element.replace(from, () => to);
};
// The glue it imports is the package's own reading_widget.js, so a page that imports both
// entries has one module, one set of widgets: only the code module is taken under its hash.
swap(`./pkg/${glue[0]}`, `./${stem}.js`, 'the glue');
const code = found.filter((f) => HASHED.test(f) && f.endsWith('.wasm'));
if (code.length !== 1) fail(`dist/pkg/ holds ${code.length} hashed code modules (${stem}.<hash>.wasm), not one: run \`make dist\``);
swap(`./pkg/${code[0]}`, `./${code[0]}`, 'the code module');
// Where the articles are by default: a bundler moves element.js into its own assets, so not
// beside it, but the documented folder a publisher's build writes them into.
swap(`new URL("./",import.meta.url)`, `"/reading-widget/"`, 'the articles\' default base');
if (element.includes('./pkg/')) fail('embed.js names ./pkg/ in a way this script does not know: update it');
await writeFile(join(OUT, 'element.js'), element);
await writeFile(
  join(OUT, 'element.d.ts'),
  `// Importing 'reading-widget/element' defines <reading-widget>; its types are the package's
// (HTMLElementTagNameMap['reading-widget'] is ReadingWidgetElement).
export type { ReadingWidgetAttributes, ReadingWidgetElement } from './${stem}.js';
`,
);
await copyFile(join(DIST, code[0]), join(OUT, code[0]));

// The publisher's tools (crates/node/js): the CLI (`npx reading-widget`), the Node API
// (`reading-widget/build`) and the compiler they run, WebAssembly for Node
// (scripts/build-node.sh wrote it to target/node-pkg/compiler/). With them, in site/, what
// `reading-widget build` writes into a site besides the articles: the code and the glue as
// dist/ has them, byte for byte, and embed.js made by dist's recipe with the site's only
// article left for the build to fill in.
const TOOLS = ['build.js', 'build.d.ts', 'cli.js'];
for (const file of TOOLS) await copyFile(join(ROOT, 'crates', 'node', 'js', file), join(OUT, file));
const COMPILER = ['compiler/compiler.js', 'compiler/compiler_bg.wasm'];
await mkdir(join(OUT, 'compiler'));
for (const file of COMPILER) {
  const from = join(ROOT, 'target', 'node-pkg', file);
  if (!existsSync(from)) fail(`${from} is missing: run scripts/build-node.sh target/node-pkg (make package does)`);
  await copyFile(from, join(OUT, file));
}
const siteCode = found.filter((f) => HASHED.test(f));
const SITE = ['embed.js', 'pkg/reading_widget.js', `pkg/${stem}.css`, ...siteCode.map((f) => `pkg/${f}`)];
await mkdir(join(OUT, 'site', 'pkg'), { recursive: true });
for (const file of SITE.slice(1)) await copyFile(join(ROOT, 'dist', file), join(OUT, 'site', file));
await writeFile(join(OUT, 'site', 'embed.js'), siteEmbed);

// MIT asks that the licence text travel with the code.
const license = 'LICENSE';
if (!existsSync(join(ROOT, license))) fail(`no LICENSE file: the package says ${cargo.license}, and must ship its text`);
await copyFile(join(ROOT, license), join(OUT, license));

const repository = cargo.repository;
if (!repository) {
  // Not a failure: the URL is not known yet, and a made-up one would send people astray.
  console.warn('warning: Cargo.toml has no package.repository, so package.json has no "repository" (add it to Cargo.toml before publishing)');
}

const js = `./${stem}.js`;
const types = `./${stem}.d.ts`;
const pkg = {
  name: cargo.name,
  version: cargo.version,
  description: cargo.description,
  license: cargo.license,
  ...(repository ? { repository: { type: 'git', url: repository } } : {}),
  keywords: ['webassembly', 'wasm', 'rust', 'widget', 'embed', 'article', 'news', 'reading', 'summary'],
  type: 'module',
  main: js,
  module: js,
  types,
  exports: {
    '.': { types, import: js, default: js },
    // The glue fetches the module from `new URL('…_bg.wasm', import.meta.url)`; bundlers that
    // copy it as an asset, and hosts that pass init() their own URL, may need to name it.
    [`./${stem}_bg.wasm`]: `./${stem}_bg.wasm`,
    // Defines <reading-widget> (a side effect: see sideEffects), loading the code from beside
    // itself and each article from the publisher's folder (by default /reading-widget/).
    './element': { types: './element.d.ts', import: './element.js', default: './element.js' },
    // The Node API: compile an article, build a folder, pre-render a site (Node only).
    './build': { types: './build.d.ts', import: './build.js', default: './build.js' },
    // Tools that read a dependency's package.json (bundler plugins, version checks).
    './package.json': './package.json',
  },
  files: [...SHIPPED, ...ELEMENT, ...code, ...TOOLS, ...COMPILER, ...SITE.map((file) => `site/${file}`), license],
  // `npx reading-widget build|prerender|check|new`: Node and nothing else (no Rust, no native binary).
  bin: { 'reading-widget': './cli.js' },
  engines: { node: '>=20.9' },
  // Evaluating the glue touches nothing of the page (it makes its own TextEncoder, TextDecoder
  // and FinalizationRegistry, and fetches the stylesheet, in a browser only); placeholders are
  // mounted only when the host calls init() or initSync().
  // So a bundler may drop the module when none of its exports is used: nothing would have
  // happened but a download no one needs. tests/e2e/package.test.mjs imports the package with the DOM globals trapped to keep this
  // true. The element's entry is the one that acts on import: it defines <reading-widget>.
  sideEffects: ['./element.js'],
};

await writeFile(join(OUT, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
console.log(`${relative(ROOT, OUT)}/: ${pkg.name}@${pkg.version}, ${pkg.files.length + 2} files (npm pack there to see the tarball)`);
