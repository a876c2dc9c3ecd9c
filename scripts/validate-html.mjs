#!/usr/bin/env node
// Every .html file under the folders given (`make validate-html`: dist/ and
// target/fixture-dist/) through the W3C Nu Html Checker (npm's vnu-jar, run on the system's
// Java): the pre-rendered pages as they are, and the publisher fragments (a file that is not a
// whole document: no <!doctype> at its start) as a publisher's page holds them, each in a
// minimal document of its own, written to a temporary folder. Errors only: warnings are not
// failures. Each error is printed as `file:line:col: message` against the original file, then
// one summary line; exit 1 if there was any error.
//
// Usage: node scripts/validate-html.mjs DIR...
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: node scripts/validate-html.mjs DIR...   (as in `make validate-html`)');
  process.exit(2);
}

// The jar's path is what the package exports. Its own launcher would download a Java runtime
// when `java` is missing: scripts/install-tools.sh installs Debian's instead.
const jar = String(createRequire(import.meta.url)('vnu-jar'));

function htmlFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    console.error(`validate-html: cannot read ${dir}/ (${error.code}); build it first (make dist fixture-dist)`);
    process.exit(2);
  }
  return entries
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return htmlFiles(path);
      return entry.isFile() && entry.name.endsWith('.html') ? [path] : [];
    });
}

// A fragment, in the smallest valid document around it. The fragment starts on line 2, so
// its line numbers are the checker's minus one.
const BEFORE = '<!doctype html><html lang=en><head><meta charset=utf-8><title>x</title></head><body>\n';
const AFTER = '\n</body></html>\n';
const isDocument = (text) => /^\s*<!doctype html/i.test(text);

const started = Date.now();
const temp = mkdtempSync(join(tmpdir(), 'validate-html-'));
// The path the checker is given → [the file to name in messages, lines to subtract].
const checked = new Map();
let fragments = 0;
for (const file of dirs.flatMap(htmlFiles)) {
  const text = readFileSync(file, 'utf8');
  if (isDocument(text)) {
    checked.set(resolve(file), [file, 0]);
  } else {
    const wrapped = join(temp, `${checked.size}-${file.replaceAll('/', '_')}`);
    writeFileSync(wrapped, BEFORE + text + AFTER);
    checked.set(wrapped, [file, 1]);
    fragments += 1;
  }
}

let result;
try {
  result = spawnSync(
    'java',
    ['-jar', jar, '--errors-only', '--format', 'json', '--stdout', '--exit-zero-always', ...checked.keys()],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
} finally {
  rmSync(temp, { recursive: true, force: true });
}
if (result.error) {
  const hint = result.error.code === 'ENOENT' ? ': no `java` on PATH (scripts/install-tools.sh npm installs one)' : '';
  console.error(`validate-html: cannot run the checker${hint}: ${result.error.message}`);
  process.exit(2);
}
let report;
try {
  report = JSON.parse(result.stdout);
} catch {
  console.error(`validate-html: the checker said nothing readable (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  process.exit(2);
}

let errors = 0;
for (const message of report.messages) {
  // Warnings and info never come with --errors-only; anything else (error, non-document-error:
  // a file it could not read) fails.
  if (message.type === 'info') continue;
  errors += 1;
  const path = message.url ? fileURLToPath(message.url) : '';
  const [file, shift] = checked.get(path) ?? [path ? relative('.', path) : '(checker)', 0];
  const line = message.lastLine ?? message.firstLine;
  const where = line === undefined ? '' : `:${line - shift}:${message.firstColumn ?? message.lastColumn ?? 1}`;
  const extract = message.extract ? `\n    ${message.extract.replace(/\s+/g, ' ').trim()}` : '';
  const kind = message.type === 'error' && message.subType === 'fatal' ? 'fatal error' : message.type;
  console.error(`${file}${where}: ${kind}: ${message.message}${extract}`);
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
const pages = checked.size - fragments;
console.log(
  `validate-html: ${checked.size} files checked (${pages} pages, ${fragments} fragments) in ${dirs.join(' and ')}, ` +
    `${errors} error${errors === 1 ? '' : 's'} (vnu ${readVersion()}, ${seconds} s)`,
);
process.exit(errors === 0 ? 0 : 1);

function readVersion() {
  const pkg = createRequire(import.meta.url).resolve('vnu-jar/package.json');
  return JSON.parse(readFileSync(pkg, 'utf8')).version;
}
