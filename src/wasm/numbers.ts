// AssemblyScript shared by the two WebAssembly lanes — the validator's (src/validate/wasm/fastlane.ts)
// and the fixer's (src/fix/wasm/rewrite.ts): the plain number shapes both take on their fast path,
// anything else left to the JS path. Compiled into each module (scripts/wasm.mjs hashes this folder
// into both modules' cache keys).

/** optional '-', 1–18 digits: the value, or i64.MIN_VALUE (not a fast-lane integer) */
@inline
export function parseInt64(s: usize, e: usize): i64 {
  let i = s;
  let neg = false;
  if (i < e && load<u8>(i) == 45) {
    neg = true;
    i++;
  }
  const n = <i32>(e - i);
  if (n == 0 || n > 18) return i64.MIN_VALUE;
  let v: i64 = 0;
  while (i < e) {
    const d = <u32>load<u8>(i) - 48;
    if (d > 9) return i64.MIN_VALUE;
    v = v * 10 + <i64>d;
    i++;
  }
  return neg ? -v : v;
}

/**
 * [-+]?(digits[.digits?] | .digits) with at most 300 digits: surely a float. Anything else, an
 * exponent included (1e400 overflows to Infinity), is the JS path's (isFloat() in src/validate/values.ts).
 * Inlined: the validator's lane has two scan loops (scan, scanBig) and each keeps it inline.
 */
@inline
export function plainFloat(s: usize, e: usize): bool {
  let i = s;
  const c = load<u8>(i);
  if (c == 45 || c == 43) i++;
  let digits = 0;
  while (i < e && <u32>load<u8>(i) - 48 <= 9) {
    i++;
    digits++;
  }
  if (i < e && load<u8>(i) == 46) {
    i++;
    while (i < e && <u32>load<u8>(i) - 48 <= 9) {
      i++;
      digits++;
    }
  }
  return digits > 0 && i == e && digits <= 300;
}
