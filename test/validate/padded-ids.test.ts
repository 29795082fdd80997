// IDs with spaces or tabs around them (" 123", "123 ": ID_SPACES) and IDs of spaces only ("   ": a
// missing value, REQUIRED_VALUE_MISSING) — Personalize takes an ID as written, so " 123" and "123"
// are two users. The same report on both lanes (the fast lane hands such lines to the engine).
import { describe, expect, it } from 'vitest';
import { fastLaneCounters } from '../../src/validate/fastlane.js';
import { parseSchema } from '../../src/validate/index.js';
import { paddedExample } from '../../src/validate/padded-ids.js';
import { comparable, run, schema } from './helpers.js';

const inter = schema('interactions.json');
const T0 = 1_700_000_000;

/** interactions: row i's USER_ID and ITEM_ID as written */
function csv(n: number, row: (i: number) => { user?: string; item?: string }): string {
  let s = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n';
  for (let i = 0; i < n; i++) s += `${row(i).user ?? `u${i % 9}`},${row(i).item ?? `i${i % 7}`},${T0 + i},click,1\n`;
  return s;
}

/** both lanes, in 97-byte chunks: the same report */
async function both(text: string, s = inter) {
  const fast = await run(text, { schema: s, fastLane: true }, 97);
  const js = await run(text, { schema: s, fastLane: false }, 97);
  expect(comparable(fast)).toEqual(comparable(js));
  return fast;
}

describe('IDs with spaces around them, and IDs of spaces only', () => {
  it('padded USER_IDs (a leading space, a trailing one, quoted, a tab): one warning with the count, the first line and the value shown with its spaces', async () => {
    const r = await both(csv(30, (i) => ({ user: i === 3 ? ' 123' : i === 8 ? '123 ' : i === 12 ? '"  7 "' : i === 20 ? '"\t789"' : undefined })));
    expect(r.errors.map((x) => x.code)).not.toContain('REQUIRED_VALUE_MISSING');
    const w = r.warnings.filter((x) => x.code === 'ID_SPACES');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ line: 5, column: 'USER_ID', severity: 'warning' });
    expect(w[0].message).toBe('Line 5, column USER_ID: " 123" has a space before it, and so do 4 IDs of the column in all. Personalize takes an ID as written: imported as is, " 123" and "123" are two different users, and a user\'s history is split between them. The fixer trims the spaces in its copy (personalize-import fix, or the fix step in the wizard when it is offered).');
    expect(paddedExample(w[0].message)).toEqual({ value: ' 123', trimmed: '123', count: 4 });
    expect(r.stats.uniqueUsers).toBe(13); // u0 … u8 and the four padded ones, each another user as written
  });

  it('ITEM_IDs: a tab before one, spaces after another — said so, in the words of items', async () => {
    const tab = await both(csv(10, (i) => ({ item: i === 4 ? '"\tsku-1"' : undefined })));
    expect(tab.warnings.find((x) => x.code === 'ID_SPACES')?.message).toMatch(/^Line 6, column ITEM_ID: "\\tsku-1" has a tab before it, the only such ID of the column\. .* "\\tsku-1" and "sku-1" are two different items, and an item's interactions are split/);
    const after = await both(csv(10, (i) => ({ item: i === 2 ? 'sku-2  ' : undefined })));
    expect(after.warnings.find((x) => x.code === 'ID_SPACES')?.message).toMatch(/^Line 4, column ITEM_ID: "sku-2  " has spaces after it/);
  });

  it('an ID of spaces only (bare, quoted, with a tab) is a missing value: REQUIRED_VALUE_MISSING, not an ID', async () => {
    const r = await both(csv(12, (i) => ({ user: i === 2 ? '   ' : i === 6 ? '" "' : undefined, item: i === 9 ? '" \t "' : undefined })));
    const e = r.errors.filter((x) => x.code === 'REQUIRED_VALUE_MISSING');
    expect(e.map((x) => `${x.line} ${x.column}`)).toEqual(['4 USER_ID', '8 USER_ID', '11 ITEM_ID']);
    expect(e[0].message).toBe('Line 4, column USER_ID: blank ("   ": only spaces, which Personalize would import as an ID), but every INTERACTIONS record needs a USER_ID. Fill in a value, or leave the row out (personalize-import fix with --rejects <file> sets such rows aside).');
    expect(e[2].message).toMatch(/^Line 11, column ITEM_ID: blank \(" \\t ": only spaces and tabs,/);
    expect(r.warnings.map((x) => x.code)).not.toContain('ID_SPACES');
    // counted as empty (the column's fill)
    expect(r.stats.columns.find((c) => c.name === 'USER_ID')?.nonEmpty).toBe(10);
  });

  it('a blank ID where the schema allows none (an optional ITEM_ID) is an empty value: no finding', async () => {
    const optional = parseSchema(JSON.stringify({
      type: 'record', name: 'Users', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
      fields: [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: ['null', 'string'] }, { name: 'AGE', type: 'int' }],
    }), 'optional');
    const r = await both('USER_ID,ITEM_ID,AGE\nu1,  ,3\nu2,i2,4\nu3,i3,5\nu4,i4,6\n', optional);
    expect([...r.errors, ...r.warnings].map((x) => x.code)).toEqual([]);
    expect(r.stats.columns.find((c) => c.name === 'ITEM_ID')?.nonEmpty).toBe(3);
  });

  it('IDs with spaces inside, and plain ones, stay in the fast lane: no finding', async () => {
    const text = csv(20, (i) => ({ user: `user ${i}`, item: `"item, ${i}"` }));
    const before = fastLaneCounters.lines;
    await run(text, { schema: inter, fastLane: true });
    // (all but the first line: its event type, new to the lane, goes to the engine)
    expect(fastLaneCounters.lines - before).toBe(19);
    const r = await both(text);
    expect([...r.errors, ...r.warnings].map((x) => x.code)).not.toContain('ID_SPACES');
  });
});
