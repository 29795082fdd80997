// How many random cases a property test runs: `n`, or a share of it. CI runs the whole suite twice,
// on Node 20 and on Node 24, side by side on two cores; it sets PI_TEST_RANDOM_SHARE=0.5 for both, so
// each runs half of every property's cases (fast-check draws a new seed each run: different cases),
// and the two together run as many as one full run. Unset (npm test, a developer's run): all of them.
export function runs(n: number): number {
  const share = Number(process.env.PI_TEST_RANDOM_SHARE);
  return share > 0 && share < 1 ? Math.max(1, Math.ceil(n * share)) : n;
}
