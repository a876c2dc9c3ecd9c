// What a reader downloads, in bytes: raw, gzip -9 -n (GNU gzip without the file name in its
// header, as a server's gzip encoding sends it and as scripts/size-report.sh and so `make dist`
// count it) and brotli at quality 11 (node:zlib), per file.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants } from 'node:zlib';

/** `{ raw, gzip, brotli }` of `data` (a Buffer or a string). */
export function compressed(data) {
  const buffer = Buffer.from(data);
  const gzip = execFileSync('gzip', ['-9', '-n', '-c'], { input: buffer, maxBuffer: 1 << 30 }).length;
  const brotli = brotliCompressSync(buffer, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length },
  }).length;
  return { raw: buffer.length, gzip, brotli };
}

/** `compressed` of the file at `path`. */
export async function fileSize(path) {
  return compressed(await readFile(path));
}

/** The sum of `sizes`, field by field. */
export function total(sizes) {
  return sizes.reduce((sum, size) => ({ raw: sum.raw + size.raw, gzip: sum.gzip + size.gzip, brotli: sum.brotli + size.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
}
