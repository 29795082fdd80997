// A deterministic generator (mulberry32) for tests that build data: the same files on every run.

/** numbers in [0, 1) */
export function mulberry32(seed: number): () => number {
  const next = mulberry32Int(seed);
  return () => (next() >>> 0) / 4294967296;
}

/** 32-bit signed integers (the same sequence's bits) */
export function mulberry32Int(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) | 0;
  };
}
