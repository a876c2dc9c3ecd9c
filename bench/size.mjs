// What a reader downloads, in bytes: raw, gzip -9 (GNU gzip, as scripts/size-report.sh and so
// `make dist` count it) and brotli at quality 11 (node:zlib), per file.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants } from 'node:zlib';

/**
 * `{ raw, gzip, brotli }` of `data` (a Buffer or a string); `path`, when it is a file's, is
 * given to gzip as size-report.sh does (the header then holds the file's name, as in `make
 * dist`'s figures).
 */
export function compressed(data, path) {
  const buffer = Buffer.from(data);
  const gzip = (path
    ? execFileSync('gzip', ['-9', '-c', path], { maxBuffer: 1 << 30 })
    : execFileSync('gzip', ['-9', '-c'], { input: buffer, maxBuffer: 1 << 30 })
  ).length;
  const brotli = brotliCompressSync(buffer, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length },
  }).length;
  return { raw: buffer.length, gzip, brotli };
}

/** `compressed` of the file at `path`. */
export async function fileSize(path) {
  return compressed(await readFile(path), path);
}

/** The sum of `sizes`, field by field. */
export function total(sizes) {
  return sizes.reduce((sum, size) => ({ raw: sum.raw + size.raw, gzip: sum.gzip + size.gzip, brotli: sum.brotli + size.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
}
