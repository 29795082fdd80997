// The fixed file's header: which input column becomes which schema field when exports name them
// their own way (Google Analytics, Shopify), and which wins when two columns spell one field.
import { describe, expect, it } from 'vitest';
import { planHeader } from '../../src/fix/header.js';
import { parseSchema } from '../../src/validate/index.js';
import { SCHEMAS } from './corpus.js';

const interactions = parseSchema(SCHEMAS.interactions);
const required = ['USER_ID', 'ITEM_ID', 'TIMESTAMP'];

describe('planHeader: columns without a name', () => {
  it("an export's trailing separators (Excel's ;;;): the unnamed columns are dropped, whatever dropUnknown says; a named unknown column is kept", () => {
    const plan = planHeader('USER_ID;ITEM_ID;TIMESTAMP;EVENT_TYPE;NOTE;;;', interactions, { required });
    expect(plan.dropped).toEqual(['', '', '']);
    expect(plan.keptUnknown).toEqual(['NOTE']);
    expect(plan.outNames).toEqual(['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'EVENT_TYPE', 'NOTE']);
    expect(plan.missing).toEqual([]);
  });
});

describe('planHeader: export spellings', () => {
  it("a Google Analytics export: user_pseudo_id is the USER_ID, event_timestamp (not event_date before it) the TIMESTAMP", () => {
    // before: user_pseudo_id was no alias (USER_ID missing), and event_date, first in the header,
    // took TIMESTAMP — 20240110 read as seconds in 1970 — leaving the µs timestamps an unknown column
    const plan = planHeader('event_date,event_timestamp,event_name,user_pseudo_id,item_id,price', interactions, { required });
    const named = Object.fromEntries(plan.from.map((i, k) => [plan.outNames[k], plan.inNames[i]]));
    expect(named).toMatchObject({ USER_ID: 'user_pseudo_id', ITEM_ID: 'item_id', TIMESTAMP: 'event_timestamp', EVENT_TYPE: 'event_name' });
    expect(plan.keptUnknown).toEqual(['event_date', 'price']);
    expect(plan.missing).toEqual([]);
  });

  it('the more specific alias wins, wherever it stands', () => {
    const plan = planHeader('customer,customer_id,sku,ts', interactions, { required });
    expect(plan.renames.find((r) => r.to === 'USER_ID')?.from).toBe('customer_id');
    const tie = planHeader('product,item,user,ts', interactions, { required });
    expect(tie.renames.find((r) => r.to === 'ITEM_ID')?.from).toBe('item');
  });

  it("a Shopify product export's Handle is the ITEM_ID", () => {
    const items = parseSchema(SCHEMAS.items);
    const plan = planHeader('Handle,Title,Vendor', items, { required: ['ITEM_ID'] });
    expect(plan.renames).toContainEqual({ from: 'Handle', to: 'ITEM_ID', how: 'alias' });
  });
});
