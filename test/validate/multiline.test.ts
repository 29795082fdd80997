// A quoted value open at the end of a line reads on to its closing quote (src/validate/multiline.ts):
// the lines it spans are one record — counted once (rows, TOO_FEW_INTERACTIONS), never checked as
// records of their own — in the JS engine and with the fast lane alike.
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCsv, type ValidationReport } from '../../src/validate/index.js';
import { NOW, comparable, run, schema, type Opts } from './helpers.js';

const inter = schema('interactions.json');
const items = schema('items.json');

/** both lanes, as a stream in 4 KiB chunks and as a local file (the line set's sorted mode) */
async function lanes(text: string, opts: Opts): Promise<ValidationReport[]> {
  const file = join(mkdtempSync(join(tmpdir(), 'pi-multiline-')), 'f.csv');
  writeFileSync(file, text);
  const src = () => ({ name: file, path: file, size: Buffer.byteLength(text), open: () => createReadStream(file) });
  const out: ValidationReport[] = [];
  for (const fastLane of [false, true]) {
    out.push(await run(text, { ...opts, fastLane }, 4096));
    out.push(await validateCsv(src(), { now: NOW, readBlock: 4096, ...opts, fastLane }));
  }
  return out;
}

const short = (r: ValidationReport) => [...r.errors, ...r.warnings].map((i) => `${i.code}@${i.line}:${i.column ?? ''}`);

/** 900 interactions, every other one with a note over two lines and every fifth over three */
function deals(): string {
  const rows = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,NOTES'];
  for (let i = 0; i < 900; i++) {
    const note = i % 5 === 0 ? '"Called back.\nWants a ""demo"",\nnext week"' : i % 2 ? '"Line one\nLine two, with comma"' : 'ok';
    rows.push(`u${i % 90},i${i % 50},${1596238243 + i},click,${note}`);
  }
  return `${rows.join('\n')}\n`;
}

describe('values over several lines', () => {
  it('count records, not lines: 900 interactions over ~1,600 lines are too few, in both lanes', async () => {
    const reports = await lanes(deals(), { schema: inter });
    for (const r of reports) {
      expect(r.rows).toBe(900);
      expect(r.stats.rows).toBe(900);
      expect(r.errors.map((e) => e.code)).toContain('TOO_FEW_INTERACTIONS');
      expect(r.errors.find((e) => e.code === 'TOO_FEW_INTERACTIONS')!.message).toContain('900 interaction records');
    }
    const [slow, , fast] = reports.map(comparable);
    expect(fast).toEqual(slow);
  });

  it('blame the record\'s first line for the open value and nothing on its continuation lines', async () => {
    for (const r of await lanes(deals(), { schema: inter })) {
      // record 1 (u0) is lines 2-4; record 2 (u1) lines 5-6; record 3 (u2) line 7
      expect(short(r)).toEqual(expect.arrayContaining(['UNTERMINATED_QUOTE@2:NOTES', 'UNTERMINATED_QUOTE@5:NOTES']));
      expect(r.errors.find((e) => e.code === 'UNTERMINATED_QUOTE')!.count).toBe(540); // 180 notes over three lines, 360 over two
      expect(short(r).some((s) => s.startsWith('BAD_QUOTING') || s.startsWith('COLUMN_COUNT'))).toBe(false);
    }
  });

  it('a bad quote after the closing quote names its own line and column', async () => {
    const text = 'USER_ID,ITEM_ID,NOTES,TIMESTAMP,EVENT_TYPE\nu1,i1,"Line one\nLine two, with comma",15962x"43,click\nu2,i2,ok,1596238243,click\n';
    for (const r of await lanes(text, { schema: inter })) {
      expect(r.rows).toBe(2);
      expect(short(r)).toContain('BAD_QUOTING@3:TIMESTAMP');
      expect(short(r).filter((s) => s.startsWith('BAD_QUOTING'))).toEqual(['BAD_QUOTING@3:TIMESTAMP']);
    }
  });

  it('items: 5 records over 8 lines are 5 rows; a stray quote does not swallow the good records after it', async () => {
    const text = 'ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION\ni1,1.5,a,"x\ny"\ni2,2,b,"x\n\ny"\ni3,3,c,"open\ni4,4,d,plain\ni5,5,e,plain\n';
    for (const r of await lanes(text, { schema: items, datasetType: 'ITEMS' })) {
      expect(r.rows).toBe(5);
      expect(short(r).filter((s) => s.startsWith('UNTERMINATED') || s.startsWith('BAD_') || s.startsWith('COLUMN'))).toEqual(
        ['UNTERMINATED_QUOTE@2:DESCRIPTION', 'UNTERMINATED_QUOTE@4:DESCRIPTION', 'UNTERMINATED_QUOTE@7:DESCRIPTION'],
      );
    }
  });
});
