// #16 item 19: "the header has 1 column", not "1 columns".
import { describe, expect, it } from 'vitest';
import { validateCsv, parseSchema } from '../../src/validate/index.js';

async function* bytes(text: string): AsyncIterable<Uint8Array> {
  yield new TextEncoder().encode(text);
}

describe('COLUMN_COUNT text', () => {
  it('says "1 column" for a one-column header', async () => {
    const schema = parseSchema(JSON.stringify({ type: 'record', name: 'Users', namespace: 'com.amazonaws.personalize.schema', fields: [{ name: 'USER_ID', type: 'string' }], version: '1.0' }));
    const r = await validateCsv(bytes('USER_ID\nu1,extra\nu2\n'), { schema });
    const m = r.errors.find((e) => e.code === 'COLUMN_COUNT')?.message ?? '';
    expect(m).toMatch(/has 2 values but the header has 1 column\./);
  });
});
