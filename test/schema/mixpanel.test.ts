// A Mixpanel event export (event, distinct_id, time, properties): distinct_id was not read as USER_ID,
// so the inference could not even tell the dataset type ("no USER_ID, ITEM_ID or ACTION_ID column"),
// and nothing said the item was inside the properties JSON. Now distinct_id is USER_ID, time the
// TIMESTAMP (epoch seconds), and the missing ITEM_ID says which column and key hold it.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { inferSchema, toAvro } from '../../src/schema/index.js';
import { parseSchema, validateCsv } from '../../src/validate/index.js';
import { mixpanelCsv } from '../helpers/mixpanel-csv.js';

describe('a Mixpanel event export', () => {
  it('distinct_id is USER_ID, time the TIMESTAMP; ITEM_ID is said to be in properties as product_id', async () => {
    const r = await inferSchema(Readable.from([Buffer.from(mixpanelCsv())]), { datasetType: 'INTERACTIONS' });
    expect(r.fields.map((f) => [f.name, f.column, f.type])).toEqual(expect.arrayContaining([['USER_ID', 'distinct_id', 'string'], ['TIMESTAMP', 'time', 'long'], ['EVENT_TYPE', 'event', 'string']]));
    const missing = r.problems.find((p) => p.code === 'MISSING_REQUIRED');
    // one way forward said once: not "neither this tool … reads" beside the tool's own offer, nor
    // "rename that header cell (properties) to ITEM_ID", which would lose every other property
    expect(missing?.message).toBe('Interactions datasets need USER_ID, ITEM_ID, TIMESTAMP; the file has no column for ITEM_ID. Column properties holds it in its JSON (product_id in 1,200 of 1,200 values, as Mixpanel writes an event\'s properties), where Personalize does not look: in the wizard, “Take ITEM_ID from product_id” gives the copy “Fix and continue” writes an ITEM_ID column with it; or export product_id as a column of its own and start again.');
  });

  it('the dataset type is guessed from distinct_id (it was not: no USER_ID column)', async () => {
    const r = await inferSchema(Readable.from([Buffer.from(mixpanelCsv())]), {});
    expect(r.datasetType).toBe('INTERACTIONS');
    expect(r.fields.find((f) => f.column === 'distinct_id')?.name).toBe('USER_ID');
  });
});

// Checked before create against the schema inferred for it (EVENT_TYPE, USER_ID, TIMESTAMP, ITEM_ID —
// as many fields as its header has columns), the raw export was said to have no header: "Line 1 is a
// record, not a header: none of its values (event, distinct_id, time, …) names a schema field",
// although each is a spelling the fixer renames. Its header is read as one now, the renames said.
describe('a Mixpanel export checked against its schema', () => {
  it('line 1 is its header (event, distinct_id, time are spellings of fields), not a record', async () => {
    const schema = parseSchema(JSON.stringify(toAvro('INTERACTIONS', ['EVENT_TYPE', 'USER_ID', 'TIMESTAMP', 'ITEM_ID'].map((name) => ({ name, type: name === 'TIMESTAMP' ? 'long' : 'string', nullable: false, categorical: false, textual: false })))));
    const r = await validateCsv({ name: 'events.csv', stream: Readable.from([Buffer.from(mixpanelCsv(20))]) }, { schema });
    expect(r.errors.filter((e) => e.code.startsWith('HEADER')).map((e) => [e.code, e.column])).toEqual([['HEADER_MISSING_COLUMN', 'USER_ID'], ['HEADER_MISSING_COLUMN', 'ITEM_ID'], ['HEADER_MISSING_COLUMN', 'TIMESTAMP'], ['HEADER_MISSING_COLUMN', 'EVENT_TYPE']]);
    expect(r.errors.map((e) => e.code)).not.toContain('NO_HEADER');
    expect(r.rows).toBe(20);
    // a record stays one: a number beside values that happen to be spellings (product, view)
    const rec = await validateCsv({ name: 'x.csv', stream: Readable.from([Buffer.from('u1,product,1767225600,view\nu2,p2,1767225660,view\n')]) }, { schema });
    expect(rec.errors.map((e) => e.code)).toEqual(['NO_HEADER']);
  });
});

describe('a Mixpanel export with an ITEM_ID column of its own', () => {
  it('the review is not offered "Take ITEM_ID from …": the inference finds no item in the JSON to take', async () => {
    const csv = mixpanelCsv().trim().split('\n').map((l, i) => (i ? `sku-${i % 40},${l}` : `ITEM_ID,${l}`)).join('\n');
    const r = await inferSchema(Readable.from([Buffer.from(csv)]), { datasetType: 'INTERACTIONS' });
    expect(r.fields.filter((f) => f.name === 'ITEM_ID').map((f) => f.column)).toEqual(['ITEM_ID']);
    expect(r.itemInJson).toBeUndefined();
  });
});
