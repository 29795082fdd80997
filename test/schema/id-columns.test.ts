// Identifiers written in digits (the walk of real exports, 2026-12-07): GA4's user_pseudo_id
// 1000000077.1650000077 was typed double (rounded to 1000000077.165) and, left out, said to be
// "Segment's"; SFCC's Customer No 00000398 typed long (its zeros dropped); HubSpot's Record ID, a
// different value in every row, kept as interactions metadata because its values are digits — while
// SFCC's Order No, the same thing, was left out.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { inferSchema } from '../../src/schema/index.js';
import { explain } from '../../src/schema/explain.js';

const infer = (csv: string, o: Parameters<typeof inferSchema>[1] = { leaveOut: 'proposed' }) => inferSchema(Readable.from([Buffer.from(csv)]), o);
const rows = (n: number, row: (i: number) => string, header: string) => [header, ...Array.from({ length: n }, (_, i) => row(i))].join('\n') + '\n';
const field = (r: Awaited<ReturnType<typeof infer>>, name: string) => r.fields.find((f) => f.name === name);

describe('digits that are an ID, not a number', () => {
  it("GA4's user_pseudo_id: left out as Google Analytics' visitor ID; kept (--keep), a string — not a double that rounds it", async () => {
    const csv = rows(400, (i) => `${1772352000 + i * 60},view,${i % 3 ? '' : `u${i % 7}`},${1000000000 + (i % 50)}.${1650000000 + (i % 50)},SKU_${i % 20}`, 'event_timestamp,event_name,user_id,user_pseudo_id,item_id');
    const r = await infer(csv);
    expect(r.leftOut).toMatchObject([{ column: 'user_pseudo_id', kind: 'identifier' }]);
    expect(explain(r, 'ga4.csv')).toContain("user_pseudo_id: Google Analytics' ID for a visitor's browser (50 different values in 400 rows, e.g. \"1000000000.1650000000\")");
    // (the choice named is the one the fix step offers this file: "…by their user_pseudo_id", not anonymous_id)
    expect(explain(r, 'ga4.csv')).toContain('(“…anonymous visitors by their user_pseudo_id”, --user-id-from)');
    const kept = await infer(csv, { leaveOut: 'proposed', keep: ['user_pseudo_id'] });
    expect(field(kept, 'user_pseudo_id')).toMatchObject({ type: 'string' });
  });
  it("SFCC's Customer No 00000398 as metadata: a string (leading zeros), the reason says why", async () => {
    const csv = rows(200, (i) => `u${i % 30},SKU_${i % 9},${1772352000 + i},${String(300 + (i % 40)).padStart(8, '0')}`, 'USER_ID,ITEM_ID,TIMESTAMP,Customer No');
    const r = await infer(csv);
    expect(field(r, 'CUSTOMER_NO')?.type).toBe('string');
    expect(explain(r, 'sfcc.csv')).toContain('100 % are numbers with leading zeros (e.g. "00000300"): a code or an ID, whose zeros a number drops');
  });
  it('whole numbers without leading zeros stay long; decimals within a double, double', async () => {
    const csv = rows(200, (i) => `u${i % 30},SKU_${i % 9},${1772352000 + i},${i % 5},${(i % 7) + 0.123456789}`, 'USER_ID,ITEM_ID,TIMESTAMP,Quantity,Ratio');
    const r = await infer(csv);
    expect(field(r, 'Quantity')?.type).toBe('long');
    expect(field(r, 'Ratio')?.type).toBe('double');
  });
  it("HubSpot's Record ID, a different number in every row of interactions: left out as SFCC's Order No is, the reason shown", async () => {
    const csv = rows(300, (i) => `${9000000 + i},${600 + (i % 40)},P-${i % 25},${1772352000 + i},${(i % 9) * 100}.00`, 'Record ID,Contact ID,Product ID,Create Date,Amount');
    const r = await infer(csv);
    expect(r.leftOut).toMatchObject([{ column: 'Record ID', kind: 'unique' }]);
    expect(explain(r, 'hubspot.csv')).toContain('Record ID: a different value in every row (e.g. "9000000": a record\'s ID, an order or line number): no event shares it');
    // an amount that differs in every row is no ID: kept
    expect(r.fields.map((f) => f.name)).toContain('Amount');
  });
});
