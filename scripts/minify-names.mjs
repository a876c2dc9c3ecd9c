// Shortens the names on the boundary between the module and its glue, then minifies the glue.
// Run by scripts/build-release.sh on the package wasm-pack wrote:
//
//   node scripts/minify-names.mjs dist/pkg
//
// wasm-bindgen's module imports ~90 functions under names like `__wbg_createElement_<16 hex>`
// from './reading_widget_bg.js' and exports its own under long names; both sides spell every
// one of them, in the wasm and in the glue. Binaryen's
// `wasm-opt --minify-imports-and-exports-and-modules` (npm's binaryen, the one wasm-pack uses)
// renames them all to one or two letters and prints the old → new mapping; the same run then
// optimizes the module once more with -Oz (a second run finds about 80 B gzip that wasm-pack's
// `-Oz --converge` left, and keeps every import and export where it was). Terser, which
// minifies the glue anyway, then renames the same properties: its property mangler is fed the
// mapping as its name cache and renames only those names (`only_cache`), and nothing else.
//
// What makes this safe is checked here, and any surprise stops the build, naming the name:
// - the mapping names every import and export of the module, and each entry is what the pass
//   did to it (old name in the module before, new name at the same place in the module after);
// - in the glue, every import name is a key of the import object, once, and that object has no
//   other key; every export name is only ever read as `wasm.<name>`, and every `wasm.<name>` is
//   an export; the module's name is only the import object's key;
// - after terser, no old name is left in the glue, the import object's keys are exactly the
//   new import names, and every export the glue read is read under its new name.
// The .d.ts files that list the exports (InitOutput, and reading_widget_bg.wasm.d.ts) are
// renamed the same way, through TypeScript's parser. Files are written only once all checks
// pass. The e2e suite then loads the result in Chromium, Firefox and WebKit.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { minify } from 'terser';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// npm's binaryen, never another wasm-opt that happens to be on PATH (see DEVELOPERS.md).
const WASM_OPT = join(ROOT, 'node_modules', '.bin', 'wasm-opt');
const PASS = '--minify-imports-and-exports-and-modules';
// The glue's variable holding the instance's exports (`wasm = instance.exports`).
const EXPORTS_VAR = 'wasm';
// The terser run the glue always had (Makefile before this script: --compress passes=2 --mangle).
const TERSER = { module: true, compress: { passes: 2 }, mangle: true };

function fail(message) {
  console.error(`scripts/minify-names.mjs: ${message}`);
  process.exit(1);
}

/** Size under `gzip -9`, the tool scripts/size-report.sh measures with (zlib's bytes differ a little). */
const gzipped = (bytes) => execFileSync('gzip', ['-9', '-c'], { input: bytes, maxBuffer: 64 << 20 }).length;

const dir = process.argv[2];
if (!dir || process.argv.length > 3) fail('usage: node scripts/minify-names.mjs PKG_DIR');
const wasmFile = readdirSync(dir).find((f) => f.endsWith('_bg.wasm'));
if (!wasmFile) fail(`${dir} holds no *_bg.wasm: run wasm-pack first`);
const stem = wasmFile.slice(0, -'_bg.wasm'.length);
const files = {
  wasm: join(dir, wasmFile),
  glue: join(dir, `${stem}.js`),
  dts: join(dir, `${stem}.d.ts`),
  wasmDts: join(dir, `${stem}_bg.wasm.d.ts`),
};
const moduleName = `./${stem}_bg.js`;

// ---- 1. The wasm: renamed by wasm-opt, with the feature flags wasm-pack's run used.

/** The wasm-opt feature flags of Cargo.toml's release profile, read by cargo itself. */
function featureFlags() {
  const metadata = JSON.parse(
    execFileSync('cargo', ['metadata', '--no-deps', '--format-version', '1'], { cwd: ROOT, encoding: 'utf8' }),
  );
  const flags = metadata.packages.find((p) => p.name === 'reading-widget')?.metadata?.['wasm-pack']?.profile?.release?.['wasm-opt'];
  if (!Array.isArray(flags)) fail('Cargo.toml has no [package.metadata.wasm-pack.profile.release] wasm-opt = [...]');
  return flags.filter((flag) => /^--(enable|disable)-/.test(flag));
}

const wasmBefore = readFileSync(files.wasm);
const scratch = mkdtempSync(join(tmpdir(), 'minify-names-'));
let wasmAfter;
let mapping;
try {
  const out = join(scratch, wasmFile);
  const printed = execFileSync(WASM_OPT, [files.wasm, ...featureFlags(), PASS, '-Oz', '-o', out], { encoding: 'utf8' });
  try {
    mapping = JSON.parse(printed);
  } catch {
    fail(`wasm-opt ${PASS} printed something other than its JSON mapping:\n${printed}`);
  }
  wasmAfter = readFileSync(out);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const isPair = (entry, length) => Array.isArray(entry) && entry.length === length && entry.every((s) => typeof s === 'string');
if (!Array.isArray(mapping.imports) || !mapping.imports.every((e) => isPair(e, 3))) fail('the mapping has no [module, name, new] imports');
if (!Array.isArray(mapping.exports) || !mapping.exports.every((e) => isPair(e, 2))) fail('the mapping has no [name, new] exports');

const imports = new Map(mapping.imports.map(([module, name, short]) => [name, { module, short }]));
const exportsMap = new Map(mapping.exports.map(([name, short]) => [name, short]));
if (imports.size !== mapping.imports.length) fail('an import name appears twice in the mapping');
if (exportsMap.size !== mapping.exports.length) fail('an export name appears twice in the mapping');
const modules = new Set(mapping.imports.map(([module]) => module));
if (modules.size !== 1 || !modules.has(moduleName)) {
  // wasm-bindgen routes even a snippet's functions (src/dom/sheet.js) through this one module.
  fail(`the module imports from ${[...modules].join(', ')}; this script knows only '${moduleName}'`);
}
// Terser renames a property by its name alone, whatever object it is on.
for (const name of imports.keys()) {
  if (exportsMap.has(name)) fail(`'${name}' is both imported and exported: one name, two new names`);
}

const sorted = (items) => [...items].sort();
const sameSet = (a, b) => a.length === b.length && sorted(a).every((x, i) => x === sorted(b)[i]);

// The pass renames in place: the imports and exports keep their order, so the mapping can be
// checked entry by entry against the two modules, not just as a set (a swap would pass that).
const before = new WebAssembly.Module(wasmBefore);
const after = new WebAssembly.Module(wasmAfter);
const [wasImports, isImports] = [before, after].map((m) => WebAssembly.Module.imports(m));
const [wasExports, isExports] = [before, after].map((m) => WebAssembly.Module.exports(m));
// The single module every import comes from after the pass: binaryen names it "a".
const shortModule = isImports[0]?.module;
if (wasImports.length !== imports.size || isImports.length !== imports.size) fail('the mapping does not list every import');
if (wasExports.length !== exportsMap.size || isExports.length !== exportsMap.size) fail('the mapping does not list every export');
wasImports.forEach((was, i) => {
  const entry = imports.get(was.name);
  const is = isImports[i];
  if (!entry || entry.module !== was.module || entry.short !== is.name || is.module !== shortModule || is.kind !== was.kind) {
    fail(`import #${i} ${was.module} ${was.name} became ${is.module} ${is.name}; the mapping says ${JSON.stringify(entry)}`);
  }
});
wasExports.forEach((was, i) => {
  const is = isExports[i];
  if (exportsMap.get(was.name) !== is.name || is.kind !== was.kind) {
    fail(`export #${i} ${was.name} became ${is.name}; the mapping says ${exportsMap.get(was.name)}`);
  }
});

// ---- 2. The glue: where each name is, before terser renames it.

const parse = (file, text) => ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);

/** Every node under `root`, depth first. */
function* nodes(root) {
  yield root;
  for (const child of root.getChildren()) yield* nodes(child);
}

/** The name a node gives a property (key, member access, method), or null. */
function propertyName(node) {
  const parent = node.parent;
  if (!parent || !(ts.isIdentifier(node) || ts.isStringLiteral(node) || ts.isPrivateIdentifier(node))) return null;
  const named = ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyAccessExpression(parent) ||
    ts.isGetAccessor(parent) || ts.isSetAccessor(parent) || ts.isPropertyDeclaration(parent);
  if (named && parent.name === node) return node.text;
  if (ts.isShorthandPropertyAssignment(parent) && parent.name === node) return node.text;
  return null;
}

const where = (source, node) => {
  const { line, character } = source.getLineAndCharacterOfPosition(node.getStart());
  return `${files.glue}:${line + 1}:${character + 1}`;
};

/** The object literals whose keys (besides `__proto__`) are exactly `keys`. */
function objectsWithKeys(source, keys) {
  return [...nodes(source)].filter((node) => {
    if (!ts.isObjectLiteralExpression(node)) return false;
    const own = node.properties.map((p) => p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null);
    return sameSet(own.filter((k) => k !== '__proto__'), keys);
  });
}

/**
 * wasm-bindgen's own console warnings, shortened: each sentence is the same in every build,
 * and their long text is bytes every page downloads. One that is not found stops the build (a
 * new wasm-bindgen wrote it otherwise: look, and update it here).
 */
const SHORTER = [
  [
    '"`WebAssembly.instantiateStreaming` failed because your server does not serve Wasm with `application/wasm` MIME type. Falling back to `WebAssembly.instantiate` which is slower. Original error:\\n"',
    '"reading-widget: serve the .wasm as application/wasm"',
  ],
  ["'using deprecated parameters for `initSync()`; pass a single object instead'", "'reading-widget: pass initSync() one object'"],
  [
    "'using deprecated parameters for the initialization function; pass a single object instead'",
    "'reading-widget: pass init() one object'",
  ],
];
let glue = readFileSync(files.glue, 'utf8');
for (const [long, short] of SHORTER) {
  if (glue.split(long).length !== 2) fail(`the glue does not hold ${long} exactly once`);
  glue = glue.replace(long, short);
}
const source = parse(files.glue, glue);
const problems = [];
const importSeen = new Map();
const exportsRead = new Set();
let moduleKeys = 0;
for (const node of nodes(source)) {
  const name = propertyName(node);
  const isString = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
  if (name === null && !isString) continue;
  const text = name ?? node.text;
  const parent = node.parent;
  if (imports.has(text)) {
    // A key of the import object: `{ __proto__: null, <name>: function (…) {…}, … }`.
    if (name !== null && ts.isObjectLiteralElementLike(parent) && !ts.isShorthandPropertyAssignment(parent)) {
      importSeen.set(text, [...(importSeen.get(text) ?? []), parent.parent]);
    } else {
      problems.push(`${where(source, node)}: import '${text}' used other than as a key of the import object`);
    }
  } else if (exportsMap.has(text)) {
    if (name !== null && ts.isPropertyAccessExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === EXPORTS_VAR) {
      exportsRead.add(text);
    } else {
      problems.push(`${where(source, node)}: export '${text}' used other than as ${EXPORTS_VAR}.${text}`);
    }
  } else if (text === moduleName) {
    if (name !== null && ts.isPropertyAssignment(parent)) moduleKeys += 1;
    else problems.push(`${where(source, node)}: '${moduleName}' used other than as the key of the import object`);
  } else if (name !== null && ts.isPropertyAccessExpression(parent) && ts.isIdentifier(parent.expression) &&
    parent.expression.text === EXPORTS_VAR && ts.isIdentifier(node)) {
    problems.push(`${where(source, node)}: the glue reads ${EXPORTS_VAR}.${text}, which the module does not export`);
  }
}
for (const [name, places] of importSeen) {
  if (places.length !== 1) problems.push(`import '${name}' is a key ${places.length} times, not once`);
}
for (const name of imports.keys()) {
  if (!importSeen.has(name)) problems.push(`import '${name}' is not a key of the glue's import object`);
}
const importObjects = objectsWithKeys(source, [...imports.keys()]);
if (importObjects.length !== 1) problems.push(`${importObjects.length} objects have exactly the import names as keys, not 1`);
if (moduleKeys !== 1) problems.push(`'${moduleName}' is a key ${moduleKeys} times, not once`);
if (problems.length > 0) fail(`the glue does not look as expected:\n  ${problems.join('\n  ')}`);

// ---- 3. Terser: the glue minified, the same names renamed by its property mangler.

const names = new Map([...[...imports].map(([name, { short }]) => [name, short]), ...exportsMap, [moduleName, shortModule]]);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const renamed = await minify(glue, {
  ...TERSER,
  mangle: {
    properties: {
      // Only the names in the cache, whatever terser's own list of DOM names says (`memory`).
      regex: new RegExp(`^(?:${[...names.keys()].map(escape).join('|')})$`),
      only_cache: true,
      builtins: true,
    },
  },
  nameCache: { props: { props: Object.fromEntries([...names].map(([from, to]) => [`$${from}`, to])) } },
});
const plain = await minify(glue, TERSER);

const out = parse(files.glue, renamed.code);
const left = [];
const readAfter = new Set();
for (const node of nodes(out)) {
  const name = propertyName(node);
  const text = name ?? (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : null);
  if (text !== null && names.has(text)) left.push(text);
  if (name !== null && ts.isPropertyAccessExpression(node.parent)) readAfter.add(name);
}
if (left.length > 0) fail(`terser left these names in the glue: ${[...new Set(left)].join(', ')}`);
const newImports = [...imports.values()].map(({ short }) => short);
if (objectsWithKeys(out, newImports).length !== 1) fail("after terser, no single object has exactly the new import names as keys");
const unread = [...exportsRead].filter((name) => !readAfter.has(exportsMap.get(name)));
if (unread.length > 0) fail(`after terser, the glue no longer reads ${unread.map((n) => `${n} (${exportsMap.get(n)})`).join(', ')}`);

// ---- 4. The types that list the exports, renamed to match.

/** `text` with each identifier node in `targets` replaced by its new name. */
function splice(text, targets) {
  let result = text;
  for (const node of [...targets].sort((a, b) => b.getStart() - a.getStart())) {
    result = result.slice(0, node.getStart()) + exportsMap.get(node.text) + result.slice(node.getEnd());
  }
  return result;
}

function renameDts(file, pick) {
  const text = readFileSync(file, 'utf8');
  const dts = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const targets = pick(dts);
  const listed = targets.map((node) => node.text);
  // wasm-bindgen leaves out of the types two exports its runtime keeps for panic=unwind
  // (__abort_handler, __instance_terminated); every name it does list must be an export, once.
  const unknown = listed.filter((name) => !exportsMap.has(name));
  if (unknown.length > 0) fail(`${file} lists ${unknown.join(', ')}, which the module does not export`);
  if (new Set(listed).size !== listed.length) fail(`${file} lists an export twice`);
  if (listed.length === 0) fail(`${file} lists no exports`);
  return splice(text, targets);
}

const INIT_OUTPUT_DOC =
  "/**\n * The WebAssembly module's own exports, which the glue calls. The release build shortens their\n * names; they are the glue's business, not part of the widget's API.\n */\n";
let dts = renameDts(files.dts, (file) => {
  const found = file.statements.filter((s) => ts.isInterfaceDeclaration(s) && s.name.text === 'InitOutput');
  if (found.length !== 1) fail(`${files.dts} has ${found.length} InitOutput interfaces, not 1`);
  return found[0].members.map((member) => member.name);
});
const initOutput = dts.indexOf('export interface InitOutput');
dts = dts.slice(0, initOutput) + INIT_OUTPUT_DOC + dts.slice(initOutput);
const wasmDts = renameDts(files.wasmDts, (file) =>
  file.statements.filter(ts.isVariableStatement).flatMap((s) => s.declarationList.declarations.map((d) => d.name)),
);

writeFileSync(files.wasm, wasmAfter);
writeFileSync(files.glue, renamed.code);
writeFileSync(files.dts, dts);
writeFileSync(files.wasmDts, wasmDts);

const saved = (from, to) => `${from} → ${to} B gzip -9 (−${from - to})`;
console.log(`minify-names: ${imports.size} imports, ${exportsMap.size} exports and their module renamed (${PASS})`);
console.log(`minify-names: ${wasmFile} ${saved(gzipped(wasmBefore), gzipped(wasmAfter))}`);
console.log(`minify-names: ${stem}.js, terser with the names vs without, ${saved(gzipped(plain.code), gzipped(renamed.code))}`);
