// The human-readable explanation of an inference: what was read, the mapping column → field with
// type, flags and reason, and the problems with their fixes. Text from the file is made printable.
import { FIXED_BY_FIX, type InferResult } from './infer.js';
import { printable } from './printable.js';
import { byReason, unusableWhat } from './usable.js';
import { shellWord } from '../core/sanitize.js';
import { isS3Text } from '../core/s3-uri.js';
import { withCommas } from '../core/with-commas.js';

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

export function flagsOf(f: { nullable: boolean; categorical: boolean; textual: boolean }): string {
  return [f.nullable ? 'optional' : '', f.categorical ? 'categorical' : '', f.textual ? 'textual' : ''].filter(Boolean).join(', ');
}

/** problems the fixer repairs in a copy (src/fix): the errors of every row it converts, and these warnings */
const FIXED = new Set([...FIXED_BY_FIX, 'DECIMAL_COMMA', 'THOUSANDS', 'CURRENCY', 'UNIT', 'SEPARATOR', 'BOOLEAN_CASE']);

/**
 * `forImport`: the explanation is part of `import --create` (or record by record), which ends it with
 * its own next step (--fix, or what stops it): schema infer's closing lines — this command does not
 * change the file; save this schema (`… > schema.json`) and run fix — would contradict it there.
 */
/** what the sample skipped, for the line naming what was read: "; 2 empty rows skipped: only separators" */
export function skippedText(sample: InferResult['sample']): string {
  const n = sample.emptyRows ?? 0;
  return n ? `; ${withCommas(n)} empty row${n === 1 ? '' : 's'} skipped: only separators` : '';
}

export function explain(r: InferResult, input: string, opts: { forImport?: boolean } = {}): string {
  const lines: string[] = [];
  const rows = withCommas(r.sample.rows);
  const read = `${r.sample.truncated ? `a sample: the first ${mb(r.sample.bytes)}, ${rows} rows` : `the whole file, ${rows} rows`}${skippedText(r.sample)}`;
  lines.push(`Schema for ${printable(input)} (${read})`);
  lines.push(`  Dataset type ${r.datasetType}: ${printable(r.datasetTypeReason)}${r.domain ? ` · domain ${r.domain}` : ''}`);
  lines.push('');
  for (const f of r.fields) {
    const col = printable(f.column);
    const head = f.name === f.column ? f.name : `${col} → ${f.name}`;
    const flags = flagsOf(f);
    lines.push(`  ${head}: ${f.type}${flags ? ` (${flags})` : ''}`);
    lines.push(`      ${printable(f.reason)}`);
  }
  // columns Personalize cannot use (an e-mail, an order number, one value in every row): left out, or proposed
  if (r.leftOut.length) {
    lines.push('', `Left out of the schema (${r.leftOut.length === 1 ? 'it is' : 'they are'} dropped from the fixed copy; keep one with --keep <column>):`);
    // the columns that share a reason on one line (a wide catalog's 29 beyond the 100: one line, not 29)
    for (const g of byReason(r.leftOut)) lines.push(`  ${g.columns.join(', ')}: ${printable(g.reason)}`);
  }
  const kept = r.unusable.filter((u) => !r.leftOut.some((l) => l.column === u.column));
  if (kept.length) {
    lines.push('', `Kept, though Personalize ${unusableWhat(kept)} them:`);
    for (const g of byReason(kept)) lines.push(`  ${g.columns.join(', ')}: ${printable(g.reason)}`);
  }
  const errors = r.problems.filter((p) => p.severity === 'error');
  const warnings = r.problems.filter((p) => p.severity === 'warning');
  if (errors.length) {
    lines.push('', 'Problems to fix before importing');
    for (const p of errors) lines.push(`  ${p.code}: ${printable(p.message)}`);
  }
  if (warnings.length) {
    lines.push('', 'Worth a look');
    for (const p of warnings) lines.push(`  ${p.code}: ${printable(p.message)}`);
  }
  if (opts.forImport) return `${lines.join('\n')}\n`;
  if (r.renames.length) lines.push('', `The CSV header must be renamed (${r.renames.map((x) => `${printable(x.column)} → ${x.field}`).join(', ')}) before importing; this command does not change the file.`);
  // what does it for you: it was left to the reader to find `fix` in the README
  const added = r.fields.find((f) => f.added !== undefined);
  const fixable = r.renames.length > 0 || r.problems.some((p) => FIXED.has(p.code)) || r.leftOut.length > 0 || added !== undefined;
  if (fixable && !isS3Text(input)) {
    const file = shellWord(input);
    // columns named by --map are renamed by the fixer only when it is told the same
    const maps = r.fields.filter((f) => f.reason.startsWith('named by --map ')).map((f) => ` --map ${shellWord(`${printable(f.column)}=${f.name}`)}`).join('');
    const shape = `${added ? ` --event-type ${shellWord(added.added!)}` : ''}${r.leftOut.length ? ' --drop-unknown' : ''}`;
    // dates in numbers only (04.10.2026): the fix converts them only in the order --dates gives — without
    // it the command as printed would stop at them; the other order is said beside it
    const order = r.problems.some((p) => p.code === 'TIMESTAMP_DATES' && /pass --dates /.test(p.message));
    lines.push(`${r.renames.length ? '' : '\n'}A fixed copy (${r.renames.length ? 'the header renamed, ' : ''}${added ? 'EVENT_TYPE added, ' : ''}${r.leftOut.length ? 'the columns left out dropped, ' : ''}the values it can read converted, your file unchanged; in the wizard: “Fix and continue”): save this schema (\`… > schema.json\`), then \`personalize-import fix ${file} --schema schema.json${maps}${shape}${order ? ' --dates day-first' : ''}\`${order ? ' (--dates month-first if your system writes the month first: 10/04/2026 for 4 October)' : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
