// The schema inferred from a Segment tracks export whose visitors who never signed in have no user_id:
// "USER_ID (column user_id) is required, yet 300 of 1,200 values are empty. Fill them in or drop those
// rows." said nothing of the anonymous_id every one of those rows has. Now it says so, and that the
// fix step can use it; an export without anonymous_id reads as before.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { inferSchema } from '../../src/schema/index.js';
import { explain } from '../../src/schema/explain.js';
import { fillDown, type FillDown } from '../../src/fix/fill-down.js';
import { segmentCsv } from '../helpers/segment-csv.js';

const empty = async (csv: string) => (await inferSchema(Readable.from([Buffer.from(csv)]))).problems.find((p) => p.code === 'REQUIRED_EMPTY')?.message;

describe('USER_ID required, yet empty, in a Segment export', () => {
  it('says those rows have an anonymous_id the fix step can use', async () => {
    expect(await empty(segmentCsv(1200, 4))).toBe('USER_ID (column user_id) is required, yet 300 of 1,200 values are empty. They are visitors who never signed in (a Segment export): each of those 300 rows has an anonymous_id, which the fix step can use — “Fix and continue, anonymous visitors by their anonymous_id” writes it as their USER_ID (a visitor who signs in later is then two users). Or drop those rows.');
  });
  it('without an anonymous_id column: as before', async () => {
    const csv = segmentCsv(1200, 4).replace(/^anonymous_id,/, 'session,');
    expect(await empty(csv)).toBe('USER_ID (column user_id) is required, yet 300 of 1,200 values are empty. Fill them in or drop those rows.');
  });
});

// anonymous_id (Segment's ID for a browser) stayed in the schema as a required, categorical metadata
// field: repeated, not personal by its name, so no rule left it out. It is an identifier (one value a
// visitor): of no use as metadata, and required, a later export's rows without one would fail.
describe('anonymous_id in a Segment export', () => {
  const read = (o: Parameters<typeof inferSchema>[1]) => inferSchema(Readable.from([Buffer.from(segmentCsv(1200, 4))]), o);
  it('left out of the inferred schema, why said (schema infer\'s stderr); --keep keeps it', async () => {
    const r = await read({ leaveOut: 'proposed' });
    expect(r.fields.map((f) => f.name)).toEqual(['USER_ID', 'EVENT_TYPE', 'ITEM_ID', 'TIMESTAMP']);
    expect(r.leftOut).toMatchObject([{ column: 'anonymous_id', kind: 'identifier' }]);
    expect(explain(r, 'tracks.csv')).toContain('Left out of the schema (it is dropped from the fixed copy; keep one with --keep <column>):\n  anonymous_id: Segment\'s ID for a visitor\'s browser (300 different values in 1,200 rows, e.g. "a-0"): an identifier, of no use as metadata — and as a required field, a later export\'s rows without one would fail.');
    expect((await read({ leaveOut: 'proposed', keep: ['anonymous_id'] })).fields.map((f) => f.name)).toContain('anonymous_id');
  });
  it('read as --user-id-from fills it (import --create): the user_id still empty is said to have no anonymous_id either', async () => {
    // (it said "those rows have an anonymous_id, which the fix step can use": not these)
    const csv = segmentCsv(1200, 4).split('\n').map((l, i) => (i % 40 === 2 ? l.replace(/^a-\d+,/, ',') : l)).join('\n');
    const filled: FillDown = { rows: 0, values: 0, anonymous: 0 };
    const r = await inferSchema(fillDown(Readable.from([Buffer.from(csv)]), filled), { leaveOut: 'proposed', anonymousFilled: true });
    expect(r.problems.find((p) => p.code === 'REQUIRED_EMPTY')?.message).toBe('USER_ID (column user_id) is required, yet 30 of 1,200 values are empty. Those rows have no anonymous_id either, which --user-id-from gave the other rows without a user_id: fill them in or drop those rows (--fix-rejects sets them aside).');
  });
  it('only beside a user_id: a column of that name alone is not Segment\'s', async () => {
    const csv = segmentCsv(1200, 0).replace(/^anonymous_id,user_id,/, 'anonymous_id,customer,');
    const r = await inferSchema(Readable.from([Buffer.from(csv)]), { leaveOut: 'proposed' });
    expect(r.leftOut.map((u) => u.column)).not.toContain('anonymous_id');
  });
});
