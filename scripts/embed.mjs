// embed.js as sites download it: the element and its loader minified like the glue (its
// comments stay in the source). One recipe for `make dist` (the Makefile's site-from-shell)
// and the npm package's copy (scripts/package.mjs), which `reading-widget build` writes into
// a publisher's site with their only article filled in.
//
//   node scripts/embed.mjs SOURCE OUT
import { readFile, writeFile } from 'node:fs/promises';
import { minify } from 'terser';

/** The minified text of `source`, the file's text. */
export async function minifyEmbed(source) {
  const { code } = await minify(source, { module: true, compress: { passes: 2 }, mangle: true });
  return code;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [source, out] = process.argv.slice(2);
  if (!source || !out) {
    console.error('usage: node scripts/embed.mjs SOURCE OUT');
    process.exit(2);
  }
  await writeFile(out, await minifyEmbed(await readFile(source, 'utf8')));
}
