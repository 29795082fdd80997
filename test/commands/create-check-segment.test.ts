// `import --create --fix --user-id-from anonymous_id` of a Segment export over 16 MiB, which the check
// before create does not fix on trial: it counted every row without a user_id as a row to set aside,
// so a file the fix repairs whole was refused ("Pass --fix-rejects: … sets about 94,178 rows aside"),
// and nothing said which rows --user-id-from cannot fix (neither a user_id nor an anonymous_id). Now
// those are counted in one streaming pass: none, and the dataset is created; some, and without
// --fix-rejects nothing is created, the count said. In process, a file generated just over the limit.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBeforeCreate } from '../../src/commands/create-check.js';
import { TRIAL_BYTES } from '../../src/flow/check-before-create.js';
import type { AvroRecordSchema } from '../../src/core/resources.js';

const AVRO: AvroRecordSchema = { type: 'record', name: 'Interactions', namespace: 'com.amazonaws.personalize.schema', version: '1.0', fields: [{ name: 'USER_ID', type: 'string' }, { name: 'EVENT_TYPE', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }] };

/** a Segment tracks export just over TRIAL_BYTES: every 4th row without a user_id, `neither` rows without an anonymous_id too */
function bigSegment(neither: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'pi-create-check-segment-'));
  const lines = ['anonymous_id,user_id,event,product_id,timestamp'];
  let bytes = 0;
  for (let i = 0; bytes <= TRIAL_BYTES; i++) {
    const none = i % 1000 === 7 && i / 1000 < neither;
    const l = `${none ? '' : `a-${i % 3000}`},${none || i % 4 === 1 ? '' : `u${(i * 7) % 1200}`},Product Viewed,sku-${i % 800},${1767225600 + i}`;
    lines.push(l);
    bytes += l.length + 1;
  }
  writeFileSync(join(dir, 'tracks.csv'), `${lines.join('\n')}\n`);
  return join(dir, 'tracks.csv');
}

async function check(abs: string, fixRejects: boolean) {
  const said: string[] = [];
  const doc: Record<string, unknown> = {};
  const r = await checkBeforeCreate({ abs, name: 'tracks.csv', avro: AVRO, datasetType: 'INTERACTIONS', groupName: 'site', fix: true, fixRejects, anonymousIds: true, say: (l) => said.push(l), doc });
  return { go: r.go, said: said.join('\n'), doc };
}

describe('import --create --fix --user-id-from, a Segment export over 16 MiB', () => {
  it('rows with neither a user_id nor an anonymous_id: nothing created without --fix-rejects, the count said; with it, created', async () => {
    const abs = bigSegment(40);
    const stop = await check(abs, false);
    expect(stop.go).toBe(false);
    expect(stop.said).toMatch(/^tracks\.csv: 40 of its 37\d,\d{3} rows cannot be fixed without guessing \(40 with neither a user_id nor an anonymous_id: --user-id-from has nothing to give them\), counted through the whole file \(over 16 MiB it is not fixed on trial\)\. Nothing was created\.\nPass --fix-rejects to set them aside/);
    expect(stop.doc.validation).toMatchObject({ valid: false, cannotFix: 40 });
    expect((await check(abs, true)).go).toBe(true);
  });

  it('every row without a user_id has an anonymous_id: created (the check refused it, "sets about 94,… rows aside")', async () => {
    const ok = await check(bigSegment(0), false);
    expect(ok.said).toBe('');
    expect(ok.go).toBe(true);
  });
});
