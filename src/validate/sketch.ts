// HyperLogLog: the number of distinct users (or items) when there are more than their table holds.
// 2^14 one-byte registers (16 KB, in cache) fed with every key's 64-bit fingerprint: the estimate's
// standard error is 1.04 / √16384 ≈ 0.81 %. The fast lane keeps the same registers in its memory
// (wasm/fastlane.ts: index = h1's low 14 bits, rank = leading zeros of h2 + 1), so both lanes and
// the worker threads' sketches merge by taking each register's maximum.

export const SKETCH_BITS = 14;
export const SKETCH_REGISTERS = 1 << SKETCH_BITS;
/** one standard error of the estimate, as a fraction */
export const SKETCH_ERROR = 1.04 / Math.sqrt(SKETCH_REGISTERS);

/** adds the key (h1, h2) to `regs` */
export function sketchAdd(regs: Uint8Array, h1: number, h2: number): void {
  const i = h1 & (SKETCH_REGISTERS - 1);
  const rank = Math.clz32(h2) + 1;
  if (rank > regs[i]) regs[i] = rank;
}

/** `into` becomes the sketch of both key sets */
export function sketchMerge(into: Uint8Array, other: Uint8Array): void {
  for (let i = 0; i < SKETCH_REGISTERS; i++) if (other[i] > into[i]) into[i] = other[i];
}

/** rank bits of a key: leading zeros of a 32-bit half, so registers hold 0 … 33 */
const Q = 32;

/**
 * The estimated number of distinct keys: Ertl's improved estimator ("New cardinality estimation
 * algorithms for HyperLogLog sketches", 2017), without the bias of the classic one between the
 * small and the large range, so one error bound holds from a few keys to billions.
 */
export function sketchEstimate(regs: Uint8Array): number {
  const m = SKETCH_REGISTERS;
  const c = new Float64Array(Q + 2);
  for (let i = 0; i < m; i++) c[Math.min(regs[i], Q + 1)]++;
  if (c[0] === m) return 0;
  let z = m * tau(1 - c[Q + 1] / m);
  for (let k = Q; k >= 1; k--) z = 0.5 * (z + c[k]);
  z += m * sigma(c[0] / m);
  return ((0.5 / Math.LN2) * m * m) / z;
}

function sigma(x: number): number {
  if (x === 1) return Infinity;
  let y = 1;
  let z = x;
  for (;;) {
    x *= x;
    const before = z;
    z += x * y;
    y += y;
    if (z === before) return z;
  }
}

function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  for (;;) {
    x = Math.sqrt(x);
    const before = z;
    y *= 0.5;
    z -= (1 - x) ** 2 * y;
    if (z === before) return z / 3;
  }
}
