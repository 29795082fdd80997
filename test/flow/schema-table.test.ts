// The inferred schema as the create-from-CSV review shows it: one row per field, the columns aligned
// whatever the names (a file's lower-case names add "(column …)"), a name too long for the column on
// a row of its own with its type under it.
import { describe, expect, it } from 'vitest';
import { schemaTable } from '../../src/flow/machine/steps-new-dataset.js';
import type { InferredField } from '../../src/schema/index.js';

const f = (name: string, column: string, type = 'string'): InferredField =>
  ({ name, column, type, nullable: false, categorical: false, textual: false, reason: `${name} is a string in Personalize` }) as unknown as InferredField;

describe('schemaTable', () => {
  it('aligns the type column under its heading when names carry "(column …)"', () => {
    const rows = schemaTable([f('USER_ID', 'user_id'), f('ITEM_ID', 'item_id'), f('TIMESTAMP', 'timestamp', 'long'), f('EVENT_TYPE', 'event')]).map((l) => l.text);
    const at = rows[0].indexOf('Type');
    for (const r of rows.slice(1)) expect(r.slice(at, at + 7).trim(), r).toMatch(/^(string|long)$/);
    expect(rows[3]).toContain('TIMESTAMP (column timestamp)');
    for (const r of rows) expect(r.length).toBeLessThanOrEqual(80);
  });

  it('a name longer than the column: alone on its row, its type aligned on the next', () => {
    const long = 'a_very_long_column_name_from_an_export_tool';
    const rows = schemaTable([f('USER_ID', 'USER_ID'), f(long.toUpperCase(), long)]).map((l) => l.text);
    const at = rows[0].indexOf('Type');
    const i = rows.findIndex((r) => r.includes(`(column ${long})`));
    expect(rows[i + 1].slice(at, at + 7).trim()).toBe('string');
    // every row but the long name's own (the terminal wraps that one) fits 80 columns
    for (const r of rows.filter((_, k) => k !== i)) expect(r.length).toBeLessThanOrEqual(80);
  });
});
