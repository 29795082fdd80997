// DUPLICATE_RECORD for interactions is checked in deferred batches (PartitionedTagSet): the report
// must still read as if each line were checked when it was read — the first 20 repeats in line
// order with the total count, and the code in its place among the other codes.
import { describe, expect, it } from 'vitest';
import { validateCsv } from '../../src/validate/index.js';
import { NOW, chunks, codes, comparable, run, schema } from './helpers.js';

const inter = schema('interactions.json');
const HEADER = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n';

/** 5000 records; every 97th from line 500 repeats an earlier one; line 3 is ancient, line 4000 in the future */
function file(tag = '') {
  const lines: string[] = [];
  const dups: number[] = [];
  for (let i = 0; i < 5000; i++) {
    const lineNo = i + 2;
    if (i >= 500 && i % 97 === 0) {
      lines.push(lines[i - 400]);
      dups.push(lineNo);
    } else if (i === 1) lines.push(`u${tag}1,i1,100,click,1`);
    else if (i === 3998) lines.push(`u${tag}1,i1,${1e10},click,1`);
    else lines.push(`u${tag}${i % 300},i${i},${1600000000 + i},click,${i % 5}`);
  }
  return { text: HEADER + lines.join('\n') + '\n', dups };
}

describe('DUPLICATE_RECORD (interactions, deferred check)', () => {
  it('keeps the first 20 repeats in line order, counts all, and keeps the code order', async () => {
    const { text, dups } = file();
    const r = await run(text, { schema: inter });
    const d = r.warnings.filter((w) => w.code === 'DUPLICATE_RECORD');
    expect(d.map((w) => w.line)).toEqual(dups.slice(0, 20));
    expect(d[0].count).toBe(dups.length);
    expect(d[3].message).toBe(`Line ${dups[3]} repeats an earlier record exactly; Personalize keeps identical events once.`);
    expect(r.stats.issueCounts.DUPLICATE_RECORD).toBe(dups.length);
    expect([...new Set(r.warnings.map((w) => w.code))]).toEqual(['TIMESTAMP_ANCIENT', 'DUPLICATE_RECORD', 'TIMESTAMP_FUTURE', 'FEW_INTERACTIONS_FOR_QUALITY']);
    // chunking changes nothing
    expect(comparable(await run(text, { schema: inter }, 7))).toEqual(comparable(r));
  });

  it('in a file big enough that partitions are checked mid-stream, the code keeps its place', async () => {
    for (const firstDup of [50000, 99000, 150000]) {
      const lines: string[] = [];
      const dups: number[] = [];
      for (let i = 0; i < 200000; i++) {
        if (i >= firstDup && i % 1000 === 0) {
          lines.push(lines[i - 40000]);
          dups.push(i + 2);
        } else if (i === 1) lines.push('u1,i1,100,click,1');
        else if (i === 100001) lines.push(`u1,i1,${1e10},click,1`);
        else lines.push(`u${i % 3000},i${i},${1600000000 + i},click,${i % 5}`);
      }
      const r = await run(HEADER + lines.join('\n') + '\n', { schema: inter }, 1 << 20);
      const d = r.warnings.filter((w) => w.code === 'DUPLICATE_RECORD');
      expect(d.map((w) => w.line)).toEqual(dups.slice(0, 20));
      expect(d[0].count).toBe(dups.length);
      expect([...new Set(r.warnings.map((w) => w.code))]).toEqual(
        firstDup < 100001 ? ['TIMESTAMP_ANCIENT', 'DUPLICATE_RECORD', 'TIMESTAMP_FUTURE'] : ['TIMESTAMP_ANCIENT', 'TIMESTAMP_FUTURE', 'DUPLICATE_RECORD'],
      );
    }
  });

  it('across several sources: repeats of the first file first, each named by its file', async () => {
    const a = file('a');
    const b = file('b');
    const r = await validateCsv(
      [{ name: 'a.csv', stream: chunks(Buffer.from(a.text), 4096) }, { name: 'b.csv', stream: chunks(Buffer.from(b.text), 1000) }],
      { schema: inter, now: NOW, maxIssuesPerCode: 80 },
    );
    const d = r.warnings.filter((w) => w.code === 'DUPLICATE_RECORD');
    expect(d.map((w) => `${w.file}:${w.line}`)).toEqual([...a.dups.map((l) => `a.csv:${l}`), ...b.dups.map((l) => `b.csv:${l}`)].slice(0, 80));
    expect(d[0].count).toBe(a.dups.length + b.dups.length);
  });

  it('a line repeated across sources is a duplicate too', async () => {
    const one = HEADER + 'u1,i1,1600000000,click,1\n';
    const r = await validateCsv([{ name: 'a.csv', stream: chunks(Buffer.from(one), 10) }, { name: 'b.csv', stream: chunks(Buffer.from(one), 10) }], { schema: inter, now: NOW });
    expect(r.warnings.find((w) => w.code === 'DUPLICATE_RECORD')).toMatchObject({ file: 'b.csv', line: 2 });
  });

  it('a stream of unknown size (stdin) finds every repeat the same stream with its size does, past the duplicate set\'s first size (JS and the fast lane)', async () => {
    // 120 k lines: the JS set starts at 2^16 slots (¾ full at ~49 k lines) and grows twice; every
    // 7th line from line 1,000 repeats one up to 90 k lines back, so repeats of keys from each size
    const lines: string[] = [];
    for (let i = 0; i < 120000; i++) lines.push(i >= 1000 && i % 7 === 0 ? lines[i - 1 - ((i * 31) % Math.min(i - 1, 90000))] : `u${i % 5000},i${i},${1600000000 + i},click,${i % 5}`);
    const bytes = Buffer.from(HEADER + lines.join('\n') + '\n');
    for (const fastLane of [false, true]) {
      const unknown = await run(bytes, { schema: inter, fastLane, maxIssuesPerCode: 100000 }, 1 << 18);
      const sized = await validateCsv({ name: 'test.csv', stream: chunks(bytes, 1 << 18), size: bytes.length }, { schema: inter, now: NOW, fastLane, maxIssuesPerCode: 100000 });
      expect(unknown.stats.issueCounts.DUPLICATE_RECORD).toBeGreaterThan(16000);
      expect(comparable(unknown)).toEqual(comparable(sized));
    }
  });
});
