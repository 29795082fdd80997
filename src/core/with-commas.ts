// Counts as the screens write them, 1,234,567 — what `n.toLocaleString('en-US')` gives — without
// ICU for whole numbers: the process's first ICU number format costs 60–90 ms of CPU (Node 20 and
// 24 alike), paid by every command that printed a count. A fraction (none is printed so today) still
// goes to ICU, so the text is the same either way; test/core/with-commas.test.ts holds it to ICU.

/** `n` with its thousands grouped by commas, exactly as `n.toLocaleString('en-US')` */
export function withCommas(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  const digits = String(n < 0 ? -n : n);
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}
