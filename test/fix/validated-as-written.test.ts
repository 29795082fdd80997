// Two threads validate the copy as they write it (validate/produced.ts): the report they fold must be
// the one validateCsv gives for the finished copy checked in the same two parts — users and items
// tables, event types, duplicates within and across the parts, timestamps, line numbers (the input's,
// after rows set aside). Worker threads need built JavaScript: fixer and engine bundled with esbuild.
import { createReadStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Fix from '../../src/fix/index.js';
import type * as Validate from '../../src/validate/index.js';
import { CASES, SCHEMAS, type Case } from './corpus.js';
import { builtFixer, ROOT } from './built.js';

let fix: typeof Fix;
let validate: typeof Validate;
let dir: string;
const NOW = new Date('2026-12-01T00:00:00Z');

beforeAll(async () => {
  ({ dir, fix, validate } = await builtFixer('fix-written-'));
}, 60_000);

/** the report without its clock */
const plain = (r: Validate.ValidationReport | undefined) => JSON.parse(JSON.stringify({ ...r, stats: { ...r?.stats, elapsedMs: 0 } })) as unknown;

/**
 * fixes `input` on two threads and validates the copy the way validateCsv does a file in two parts
 * cut where the fixer's parts meet; both reports in the input's line numbers
 */
async function both(input: string, name: string, schemaText = readFileSync(join(ROOT, 'test/fixtures/csv/schemas/interactions.json'), 'utf8'), options: Case['options'] = {}, joined: number[] = []) {
  const schema = validate.parseSchema(schemaText);
  const datasetType = schema.inferredDatasetType ?? 'INTERACTIONS';
  const output = join(dir, `${name}.fixed.csv`);
  const rejects = join(dir, `${name}.rejects.csv`);
  const r = await fix.fixFile({ name: input, path: input }, schema, { output, rejects, workers: 2, parallelMinBytes: 1 << 18, now: NOW, ...options });
  // where the fixer cut the input (the newline after its middle), and so where its second part starts in the copy
  const bytes = readFileSync(input);
  const at = bytes.indexOf(10, Math.floor(bytes.length / 2)) + 1;
  const rejected = r.rejects.count ? readFileSync(rejects, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => Number(l.split(',')[0])) : [];
  // the lines not written as lines of their own: rows set aside, lines joined into the record before them
  const dropped = [...rejected, ...joined].sort((x, y) => x - y);
  let linesA = 0;
  for (let i = bytes.indexOf(10); i >= 0 && i < at; i = bytes.indexOf(10, i + 1)) linesA++;
  const keptA = linesA - dropped.filter((l) => l <= linesA).length;
  const out = readFileSync(output);
  let cut = 0;
  for (let k = 0; k < keptA; k++) cut = out.indexOf(10, cut) + 1;
  const size = statSync(output).size;
  const whole = await validate.validateCsv({ name: output, path: output, size, open: () => createReadStream(output) }, {
    schema, datasetType, workers: 2, parallelMinBytes: 1, splitAt: [cut], now: NOW,
  });
  const one = await validate.validateCsv({ name: output, path: output, open: () => createReadStream(output) }, { schema, datasetType, now: NOW });
  return { r, whole: fix.originalLines(whole, Int32Array.from(dropped)), one: fix.originalLines(one, Int32Array.from(dropped)), dropped };
}

describe('the copy validated as it is written (two threads)', () => {
  it('many users, duplicates within and across the parts, rows set aside: the report of the finished copy', async () => {
    // ~1.3 MB: 6,000 users, 900 items, ISO dates (two out of order: the line set leaves sorted mode and
    // reads the part again), exact duplicate lines in each half and across the middle, a future date,
    // rows that cannot be fixed in both halves (the output's line numbers shift)
    const lines = ['user_id,item_id,timestamp,event_type,event_value'];
    const N = 24_000;
    for (let i = 0; i < N; i++) {
      let t = 1767225600 + i * 7;
      if (i === 3_000 || i === 17_000) t -= 100_000;
      if (i === 20_000) t = 1893456000;
      const row = `u${(i * 7919) % 6_000},i${(i * 31) % 900},${new Date(t * 1000).toISOString().replace('.000Z', 'Z')},${['click', 'view', 'buy'][i % 3]},${(i % 9) / 2}`;
      lines.push(i === 50 || i === 15_000 ? `u${i},i${i},never,click,1` : row);
      if (i % 997 === 0) lines.push(row);
    }
    // lines of the first half repeated in the second
    for (const k of [100, 2_000, 9_000]) lines.splice(lines.length - 50, 0, lines[k]);
    const input = join(dir, 'many.csv');
    writeFileSync(input, `${lines.join('\n')}\n`);
    const { r, whole, one, dropped } = await both(input, 'many');
    expect(dropped).toEqual(['u50,i50,never', 'u15000,i15000,never'].map((x) => lines.findIndex((l) => l.startsWith(x)) + 1));
    expect(r.report).toBeDefined();
    expect(plain(r.report)).toEqual(plain(whole));
    // the facts that do not depend on where the copy is cut: as one thread finds them
    // (but that repeats across the parts are counted, not located, which makes the report approximate, as `validate` with two workers says)
    const stats = (x: Validate.ValidationReport | undefined) => ({ ...x!.stats, elapsedMs: 0, approximate: undefined, approximateReasons: undefined });
    expect(stats(r.report)).toEqual(stats(one));
    expect(r.report!.stats.approximateReasons).toEqual(['The file was checked in two parts at once: repeats of a line of the other part are counted, not located.']);
    expect(r.report!.stats.uniqueUsers).toBeGreaterThan(5_000);
    expect(r.report!.stats.issueCounts.DUPLICATE_RECORD).toBe(one.stats.issueCounts.DUPLICATE_RECORD);
    expect(r.report!.stats.issueCounts.DUPLICATE_RECORD).toBeGreaterThanOrEqual(24 + 3);
    // line numbers are the input's: the future date is on input line 20,000 + 2 + the duplicates before it
    const future = r.report!.warnings.find((w) => w.code === 'TIMESTAMP_FUTURE');
    expect(future?.line).toBe(lines.findIndex((l) => l.includes('2030-01-01T00:00:00Z')) + 1);
  }, 120_000);

  it('the corpus (test/fix/corpus.ts), each file made big enough to split: the report of the finished copy', async () => {
    let checked = 0;
    for (const [n, c] of CASES.entries()) {
      // two threads take UTF-8 files with LF line ends, without --drop-duplicates
      if (!isUtf8Lf(c.bytes) || c.options?.dropDuplicates) continue;
      const nl = c.bytes.indexOf(10);
      const body = c.bytes.subarray(nl + 1);
      const copies = Math.ceil((300 << 10) / Math.max(1, body.length));
      const input = join(dir, `corpus-${n}.csv`);
      writeFileSync(input, Buffer.concat([c.bytes.subarray(0, nl + 1), ...Array.from({ length: copies }, () => body)]));
      // a joined line of the case in each copy of its body (input line l is body line l - 1)
      const bodyLines = body.toString('latin1').split('\n').length - 1;
      const joined = Array.from({ length: copies }, (_, k) => (c.joined ?? []).map((l) => 1 + k * bodyLines + (l - 1))).flat();
      const { r, whole, one } = await both(input, `corpus-${n}`, SCHEMAS[c.schema], c.options, joined);
      expect(r.report, c.name).toBeDefined();
      // items and users: an ID repeated across the two parts would go unseen, so their copies are validated whole (one thread)
      expect(plain(r.report), c.name).toEqual(plain(c.schema === 'interactions' ? whole : one));
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  }, 300_000);
});

function isUtf8Lf(b: Uint8Array): boolean {
  if (b.length < 2 || (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return false;
  const buf = Buffer.from(b);
  return buf.includes(10) && !buf.includes(13) && Buffer.from(buf.toString('utf8'), 'utf8').equals(buf) && buf[buf.length - 1] === 10;
}
