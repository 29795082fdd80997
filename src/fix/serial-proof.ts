// Which timestamp columns of a file hold a spreadsheet's dates in every value (Excel's serial dates:
// 45000.5208 and, at midnight, 45000 — a date column formatted as a number: dates.ts). The fixer reads
// 45000.5208 as a date at once, but 45000 only in a column known to hold such dates: a whole number
// is epoch seconds otherwise. When the copy the first pass wrote still holds whole ones beside the
// dates it converted (the copy's own TIMESTAMP_SERIAL cannot tell: the converted values are epoch
// seconds there), fixFile looks here at the input, every line, and fixes again with the answer
// (FixOptions.serialDates). Core: no React, no AWS SDK.
import { requiredFields, type SchemaModel } from '../validate/fields.js';
import type { CsvSource } from '../validate/types.js';
import { excelSerial } from '../validate/dates.js';
import { K_TS, planHeader } from './header.js';
import { text } from './bytes.js';
import { LineValues } from './split.js';
import { lineRegions, reread } from './reread.js';
import type { FixOptions } from './fix-types.js';

/** spaces and tabs around a value are not part of it (the fixer trims them in a timestamp column) */
const space = (c: number) => c === 32 || c === 9;

/**
 * The output columns (the header plan's names) of timestamps whose every non-empty value in `input`
 * is an Excel serial date; undefined when none is, and for a source that cannot be read twice.
 */
export async function serialProof(input: CsvSource, schema: SchemaModel, opts: FixOptions): Promise<string[] | undefined> {
  const raw = await reread(input);
  if (!raw) return undefined;
  const datasetType = opts.datasetType ?? schema.inferredDatasetType ?? 'INTERACTIONS';
  let cols: { k: number; from: number; name: string }[] | undefined;
  let nIn = 0;
  let vals: LineValues | undefined;
  /** per column in `cols`: values that are serial dates; values that are something else */
  let serial: Float64Array | undefined;
  let other: Float64Array | undefined;
  const region = (b: Buffer, i: number, last: number): boolean => {
    if (!cols) {
      const lf = b.indexOf(10, i);
      const plan = planHeader(text(b, i, lf > i && b[lf - 1] === 13 ? lf - 1 : lf), schema, { map: opts.map, dropUnknown: opts.dropUnknown, leaveOut: opts.leaveOut, required: requiredFields(datasetType, opts.domain) });
      cols = plan.from.map((from, k) => ({ k, from, name: plan.outNames[k] })).filter(({ k, from }) => plan.kinds[k] === K_TS && from >= 0);
      if (plan.missing.length || !cols.length) return false;
      nIn = plan.inNames.length;
      vals = new LineValues(plan.sep, plan.sep !== 44, plan.inNames, nIn);
      serial = new Float64Array(cols.length);
      other = new Float64Array(cols.length);
      i = lf + 1;
    }
    while (i < last) {
      let e = b.indexOf(10, i);
      const next = e + 1;
      if (e > i && b[e - 1] === 13) e--;
      // (a line of another shape is the fixer's to judge, not a value here)
      if (e > i && vals!.split(b, i, e) === nIn) {
        for (let c = 0; c < cols!.length; c++) {
          let vs = vals!.starts[cols![c].from];
          let ve = vals!.ends[cols![c].from];
          while (vs < ve && space(b[vs])) vs++;
          while (ve > vs && space(b[ve - 1])) ve--;
          if (vs === ve) continue;
          if (!Number.isNaN(excelSerial(b, vs, ve))) serial![c]++;
          else other![c]++;
        }
      }
      i = next;
    }
    // every column has a value that is no serial date: nothing more to learn
    return other!.some((n) => n === 0);
  };
  if (!(await lineRegions(raw, Infinity, region))) return undefined;
  const out = (cols ?? []).filter((_, c) => serial![c] > 0 && other![c] === 0).map((c) => c.name);
  return out.length ? out : undefined;
}
