// #16 item 19: numbers written one way ("1,200 rows" on the screen, so "1,200 interactions" in the
// finding too, not "1200").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCsv, parseSchema } from '../../src/validate/index.js';

async function* bytes(text: string): AsyncIterable<Uint8Array> {
  yield new TextEncoder().encode(text);
}

const schema = parseSchema(JSON.stringify({
  type: 'record', name: 'Interactions', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
  fields: [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }, { name: 'EVENT_TYPE', type: 'string' }],
}));

describe('numbers in the interaction-count findings', () => {
  it('are grouped by thousands', async () => {
    const sample = readFileSync(join(__dirname, '../../samples/interactions.csv'), 'utf8').split('\n').map((l) => l.split(',').slice(0, 4).join(',')).join('\n');
    const r = await validateCsv(bytes(sample), { schema, datasetType: 'INTERACTIONS', mode: 'FULL' });
    expect(r.warnings.find((w) => w.code === 'FEW_INTERACTIONS_FOR_QUALITY')?.message).toMatch(/^The data has 1,200 interactions from 60 users; .* at least 50,000 interactions and 1,000 users/);
    const few = await validateCsv(bytes(sample.split('\n').slice(0, 401).join('\n') + '\n'), { schema, datasetType: 'INTERACTIONS', mode: 'FULL' });
    expect(few.errors.find((e) => e.code === 'TOO_FEW_INTERACTIONS')?.message).toBe('The file has 400 interaction records; every import job into an Interactions dataset needs at least 1,000. Add more interactions before importing.');
  });
});
