// Medians and spreads for the benchmarks' tables: every figure is a median with its min–max,
// because this machine is noisy and a mean would hide that.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Rounds `value` to `digits` decimals (whole numbers by default). */
export function fixed(value, digits = 0) {
  return value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "median (min–max)" of `values`. */
export function spread(values, digits = 0) {
  const sorted = [...values].sort((a, b) => a - b);
  return `${fixed(median(sorted), digits)} (${fixed(sorted[0], digits)}–${fixed(sorted.at(-1), digits)})`;
}

/** A figure with `digits` chosen for its size: 3 significant digits, at most 3 decimals. */
export function ms(value) {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3;
  return fixed(value, digits);
}

/** `value` bytes with thousands separators. */
export function bytes(value) {
  return `${fixed(value)} B`;
}

/**
 * Whole numbers from the environment variable `name`, or `fallback`; a bad value is an error
 * the caller reports (`make bench ROUNDS=x`).
 */
export function wholeNumber(name, fallback, min = 1) {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new BenchFailed(`${name} must be a whole number of at least ${min}, not '${text}'`);
  return n;
}

/** A measurement that cannot be trusted: reported as it is, without a stack, and exit 1. */
export class BenchFailed extends Error {}
