// Which number columns of a file prove that their decimal mark is a comma. A Google Sheets or Excel
// export in a German or French locale saved as comma-separated CSV writes "12,50" (quoted: the comma
// is the separator); a tab- or |-separated one writes 12,50 as it is. Such a value reads only one way
// (12.50), but "1,234" reads two (1.234, or 1234 with a comma grouping thousands): the fixer reads it
// with a decimal comma only when another value of its column cannot be read otherwise — 12,50 · 0,500
// · 1.234,50 · 1.234.567 — and none reads only with a point and commas grouping thousands (1,234.50).
// Looked for in the file's first 16 MiB (up to a MiB with no quoted value), only once the fixer met a
// number that reads two ways where no mark was known; fixFile then fixes the file again with the
// answer, so both threads of a big file read alike (file.ts). A file separated by ";" needs none (the
// separator says it), nor one fixed with --decimal. Core: no React, no AWS SDK.
import { requiredFields, type SchemaModel } from '../validate/fields.js';
import type { CsvSource } from '../validate/types.js';
import { R_COMMA, R_POINT, markReadings } from '../validate/decimal-comma.js';
import { lineRegions, reread } from './reread.js';
import { K_FLOAT, K_INT, K_LONG, planHeader } from './header.js';
import { text } from './bytes.js';
import { LineValues } from './split.js';
import type { FixOptions } from './fix.js';

/** the bytes (decoded) looked at */
export const PROOF_BYTES = 16 << 20;
/**
 * the look ends once this many bytes go by without a line that could hold a comma in a number (a
 * quote in a comma file): a spreadsheet's export quotes each such number, so a file with none in a
 * MiB is not read on for 16 MiB
 */
export const QUIET_BYTES = 1 << 20;

/** b[s..e) without spaces around it and a currency symbol before or after ($ € £ ¥): the number's range */
function numberPart(b: Uint8Array, s: number, e: number): [number, number] {
  const space = (c: number) => c === 32 || c === 9;
  while (s < e && space(b[s])) s++;
  while (e > s && space(b[e - 1])) e--;
  if (b[s] === 0x24) s++;
  else if (b[s] === 0xe2 && b[s + 1] === 0x82 && b[s + 2] === 0xac) s += 3;
  else if (b[s] === 0xc2 && (b[s + 1] === 0xa3 || b[s + 1] === 0xa5)) s += 2;
  else if (e - s > 1 && b[e - 1] === 0x24) e--;
  else if (e - s > 3 && b[e - 3] === 0xe2 && b[e - 2] === 0x82 && b[e - 1] === 0xac) e -= 3;
  else if (e - s > 2 && b[e - 2] === 0xc2 && (b[e - 1] === 0xa3 || b[e - 1] === 0xa5)) e -= 2;
  while (s < e && space(b[s])) s++;
  while (e > s && space(b[e - 1])) e--;
  return [s, e];
}

/**
 * Per output column of the fixed file (the header plan's order), 1 when its values in the source's
 * first `limit` bytes prove a decimal comma (above); undefined when no column does, for a file
 * separated by ";", for --decimal, and for a source that cannot be read twice (a stream).
 */
export async function decimalProof(input: CsvSource, schema: SchemaModel, opts: FixOptions, limit = PROOF_BYTES): Promise<number[] | undefined> {
  if (opts.decimal) return undefined;
  const raw = await reread(input);
  if (!raw) return undefined;
  const datasetType = opts.datasetType ?? schema.inferredDatasetType ?? 'INTERACTIONS';
  let cols: { k: number; from: number }[] | undefined;
  let sep = 44;
  let nIn = 0;
  let vals: LineValues | undefined;
  let proof: Uint8Array | undefined;
  let against: Uint8Array | undefined;
  /** bytes read when a line with a mark was last seen */
  let seen = 0;
  const look = (b: Uint8Array, s: number, e: number) => {
    if (e > s && b[e - 1] === 13) e--;
    if (vals!.split(b, s, e) !== nIn) return;
    for (const { k, from } of cols!) {
      const [vs, ve] = numberPart(b, vals!.starts[from], vals!.ends[from]);
      const r = markReadings(b, vs, ve);
      if (r === R_COMMA) proof![k] = 1;
      else if (r === R_POINT && b.subarray(vs, ve).includes(44)) against![k] = 1;
    }
  };
  /** the complete lines of b[i..last) (the header first); false: nothing to look for in this file */
  const region = (b: Buffer, i: number, last: number, read: number): boolean => {
    if (!cols) {
      const lf = b.indexOf(10, i);
      const plan = planHeader(text(b, i, lf > i && b[lf - 1] === 13 ? lf - 1 : lf), schema, { map: opts.map, dropUnknown: opts.dropUnknown, leaveOut: opts.leaveOut, required: requiredFields(datasetType, opts.domain) });
      cols = plan.from.map((from, k) => ({ k, from })).filter(({ k }) => plan.kinds[k] === K_FLOAT || plan.kinds[k] === K_INT || plan.kinds[k] === K_LONG);
      if (plan.sep === 59 || plan.missing.length || !cols.length) return false;
      sep = plan.sep;
      nIn = plan.inNames.length;
      vals = new LineValues(sep, sep !== 44, plan.inNames, nIn);
      proof = new Uint8Array(plan.from.length);
      against = new Uint8Array(plan.from.length);
      i = lf + 1;
    }
    // only lines with a quote (a comma file) or a comma (tab, |) can hold a comma inside a number
    const mark = sep === 44 ? 34 : 44;
    while (i < last) {
      const m = b.indexOf(mark, i);
      if (m < 0 || m >= last) break;
      const e = b.indexOf(10, m);
      look(b, Math.max(b.lastIndexOf(10, m) + 1, i), e);
      i = e + 1;
      seen = read;
    }
    return true;
  };
  if (!(await lineRegions(raw, limit, region, (read) => read - seen < QUIET_BYTES))) return undefined;
  if (!proof || !against) return undefined;
  const out = Array.from(proof, (p, k) => (p && !against![k] ? 1 : 0));
  return out.includes(1) ? out : undefined;
}
