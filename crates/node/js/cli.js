#!/usr/bin/env node
// `npx reading-widget <command>`: the Node API (build.js) from a shell. Exit codes: 0 done, 1
// problems in the articles or the pages (each printed as file:line:col: message; fix), 2 a
// usage error.
import { watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ArticleError, buildSite, check, format, prerenderSite, scaffold } from './build.js';

const USAGE = `usage:
  reading-widget build <articles…> --out <dir> [--base /reading-widget/] [--watch]
  reading-widget prerender <site-dir>
  reading-widget check <articles…> [--format text|json]
  reading-widget new "The headline" [--slug the-headline] [--folder content]
<articles…> are article files, or folders of *.md files.`;

const COMMANDS = {
  build: {
    options: { out: { type: 'string' }, base: { type: 'string', default: './' }, watch: { type: 'boolean', default: false } },
    run: runBuild,
  },
  prerender: { options: {}, run: runPrerender },
  check: { options: { format: { type: 'string', default: 'text' } }, run: runCheck },
  new: { options: { slug: { type: 'string', default: '' }, folder: { type: 'string', default: 'content' } }, run: runNew },
};

const [name, ...rest] = process.argv.slice(2);
const command = COMMANDS[name];
if (!command) usage(name ? `unknown command '${name}'` : 'give a command');
let parsed;
try {
  parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true });
} catch (error) {
  usage(error.message);
}
process.exitCode = await command.run(parsed.values, parsed.positionals);

function usage(problem) {
  console.error(`reading-widget: ${problem}\n${USAGE}`);
  process.exit(2);
}

function runBuild({ out, base, watch: watching }, inputs) {
  if (!out) usage('build: give the folder to write into with --out');
  if (inputs.length === 0) usage('build: name the articles (files, or folders of *.md)');
  const once = () => {
    const started = performance.now();
    // Progress on long runs: a line a second, on stderr.
    let said = started;
    const progress = (done, total) => {
      const now = performance.now();
      if (now - said >= 1000) {
        said = now;
        console.error(`build: ${done} of ${total} articles`);
      }
    };
    try {
      const { articles, written, unchanged, removed } = buildSite(inputs, { out, base, progress });
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      console.error(`build: ${articles} article${articles === 1 ? '' : 's'} into ${out}/: ${written} files written, ${unchanged} unchanged, ${removed} removed (${seconds} s)`);
      return 0;
    } catch (error) {
      return fail('build', error);
    }
  };
  const status = once();
  if (!watching) return status;
  // Rebuilt on every save: only what the edit changed is written again.
  console.error(`build: watching ${inputs.join(', ')} (Ctrl-C stops)`);
  let timer;
  for (const input of inputs) {
    watch(input, () => {
      clearTimeout(timer);
      timer = setTimeout(once, 50);
    });
  }
  return new Promise(() => {});
}

function runPrerender(_, [site, ...more]) {
  if (!site || more.length > 0) usage('prerender: give the site folder, and only that');
  try {
    const { pages, filled } = prerenderSite(site);
    console.error(`prerender: ${pages} pages in ${site}/, ${filled} filled`);
    return 0;
  } catch (error) {
    return fail('prerender', error);
  }
}

function runCheck({ format: as }, inputs) {
  if (as !== 'text' && as !== 'json') usage(`check: --format takes text or json, not ${as}`);
  if (inputs.length === 0) usage('check: name the articles (files, or folders of *.md)');
  const problems = check(inputs);
  if (as === 'json') {
    console.log(problems.length === 0 ? '[]' : `[\n${problems.map((p) => JSON.stringify(p)).join(',\n')}\n]`);
  } else {
    for (const problem of problems) console.error(format(problem));
    console.error(problems.length === 0 ? `check: no problem in ${inputs.join(', ')}` : `check: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the articles`);
  }
  return problems.length === 0 ? 0 : 1;
}

function runNew({ slug, folder }, [title, ...more]) {
  if (!title?.trim() || more.length > 0) usage('new: give the article\'s title, in quotes');
  let made;
  try {
    made = scaffold(title, { slug });
  } catch (error) {
    usage(`new: ${error.message}`);
  }
  const path = join(folder, `${made.slug}.md`);
  try {
    // 'wx': never over an existing file.
    writeFileSync(path, made.text, { flag: 'wx' });
  } catch (error) {
    if (error.code === 'EEXIST') {
      console.error(`new: ${path} already exists; it is left as it is (give another --slug)`);
      return 1;
    }
    console.error(`new: cannot write ${path}: ${error.message}`);
    return 1;
  }
  console.log(`new: wrote ${path}; write each [[write: …]] placeholder, then \`reading-widget check ${path}\``);
  return 0;
}

function fail(what, error) {
  if (error instanceof ArticleError) {
    console.error(error.message);
    console.error(`${what}: ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} in the articles; nothing written`);
  } else {
    console.error(`${what}: ${error.message}`);
  }
  return 1;
}
