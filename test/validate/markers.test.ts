// A missing-value marker (NULL, n/a … src/validate/markers.ts) in a typed field: the finding says it
// looks like one — in an optional field that `fix` writes it empty, in one that needs a value that it
// does. The fast lane takes no marker as a number, boolean or time: such a line reaches the JS path
// (the message is its), and the other lines stay the lane's.
import { describe, expect, it } from 'vitest';
import { parseSchema } from '../../src/validate/index.js';
import { fastLaneCounters } from '../../src/validate/fastlane.js';
import { isFixable, setAsideRows } from '../../src/fix/index.js';
import { run } from './helpers.js';
import { markerCount, markersCsv } from '../helpers/markers-csv.js';

const items = (price: string, extra = '') => parseSchema(JSON.stringify({
  type: 'record', name: 'Items', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
  fields: [{ name: 'ITEM_ID', type: 'string' }, { name: 'PRICE', type: price === 'optional' ? ['null', 'float'] : 'float', ...(price === 'optional' ? { default: null } : {}) }, { name: 'CATEGORY', type: 'string', categorical: true }, { name: 'CREATION_TIMESTAMP', type: 'long' }, ...(extra ? JSON.parse(extra) : [])],
}));

describe('a missing-value marker in a typed field', () => {
  it('optional: the finding says it looks like a marker and that fix writes it empty; isFixable offers the fix', async () => {
    for (const fastLane of [true, false]) {
      const before = fastLaneCounters.lines;
      const r = await run(markersCsv, { schema: items('optional'), fastLane });
      expect(r.errors.length).toBe(markerCount > 20 ? 20 : markerCount);
      expect(r.stats.issueCounts?.TYPE_FLOAT).toBe(markerCount);
      const first = r.errors[0];
      expect(first).toMatchObject({ code: 'TYPE_FLOAT', line: 14, column: 'PRICE' });
      expect(first.message).toBe('Line 14, column PRICE: "N/A" is not a number such as 4.5: it looks like a missing-value marker, and PRICE is optional. “Fix and continue” (personalize-import fix) writes it empty, which Personalize reads as a missing value.');
      expect(isFixable(r, items('optional'))).toBe(true);
      // without the schema the finding itself says so
      expect(isFixable(r)).toBe(true);
      // the clean lines were the lane's: all but the marker lines (and the header)
      if (fastLane) expect(fastLaneCounters.lines - before).toBeGreaterThanOrEqual(1500 - markerCount - 45);
    }
  });

  it('required by the schema: the finding says the field needs a value; not fixed, rows set aside with consent', async () => {
    const csv = `ITEM_ID,PRICE,CATEGORY,CREATION_TIMESTAMP\n${Array.from({ length: 30 }, (_, i) => `i${i},${i === 3 ? 'NULL' : i === 5 ? ' N/A ' : `${i}.5`},c,1700000000`).join('\n')}\n`;
    const r = await run(csv, { schema: items('required') });
    expect(r.errors.map((e) => e.message)).toEqual([
      'Line 5, column PRICE: "NULL" is not a number such as 4.5: it looks like a missing-value marker, but PRICE requires a value (the schema does not allow null). Fill in a value, or make the field optional (["null", …]) in the schema, or leave the row out (personalize-import fix with --rejects <file> sets such rows aside).',
      'Line 7, column PRICE: " N/A " is not a number such as 4.5: it looks like a missing-value marker, but PRICE requires a value (the schema does not allow null). Fill in a value, or make the field optional (["null", …]) in the schema, or leave the row out (personalize-import fix with --rejects <file> sets such rows aside).',
    ]);
    expect(isFixable(r, items('required'))).toBe(false);
    expect(isFixable(r)).toBe(false);
  });

  it('every kind of typed field: int, long, a timestamp, boolean; a string field keeps its NULL', async () => {
    const extra = JSON.stringify([{ name: 'STOCK', type: ['null', 'int'], default: null }, { name: 'VIEWS', type: ['null', 'long'], default: null }, { name: 'ON_SALE', type: ['null', 'boolean'], default: null }, { name: 'NOTE', type: ['null', 'string'], default: null }]);
    const schema = parseSchema(JSON.stringify({ type: 'record', name: 'Items', fields: [{ name: 'ITEM_ID', type: 'string' }, { name: 'CREATION_TIMESTAMP', type: ['null', 'long'], default: null }, ...JSON.parse(extra)] }));
    const r = await run('ITEM_ID,CREATION_TIMESTAMP,STOCK,VIEWS,ON_SALE,NOTE\ni1,NULL,NaN,-,None,NULL\ni2,1700000000,3,4,true,x\n', { schema });
    expect(r.errors.map((e) => `${e.code} ${e.column}`).sort()).toEqual(['TYPE_BOOLEAN ON_SALE', 'TYPE_INT STOCK', 'TYPE_LONG CREATION_TIMESTAMP', 'TYPE_LONG VIEWS']);
    for (const e of r.errors) expect(e.message).toMatch(/looks like a missing-value marker, and \w+ is optional\. .*writes it empty/);
    expect(r.errors.find((e) => e.column === 'CREATION_TIMESTAMP')!.message).toContain('"NULL" is not Unix epoch seconds: it looks like');
    expect(isFixable(r, schema)).toBe(true);
    expect(setAsideRows(r, schema)).toBeUndefined();
  });

  it('a word that is no marker keeps the old message', async () => {
    const r = await run('ITEM_ID,PRICE,CATEGORY,CREATION_TIMESTAMP\ni1,cheap,c,1700000000\n', { schema: items('optional') });
    expect(r.errors[0].message).toBe('Line 2, column PRICE: "cheap" is not a number such as 4.5 (a dot for decimals, no thousands separators).');
  });
});
