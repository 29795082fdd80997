// Several files typed from their data too (a group import's folder, the wizard's several-files step):
// a file whose only ID column repeats on most rows is an event log — before, a folder with a users
// file and a ratings export keyed by the user alone took the ratings for a second users file
// ("both USERS files"), and a lone one was typed USERS.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveGroupFiles, typeOfColumns } from '../../src/commands/group-files.js';
import { folderTypes, pickFiles } from '../../src/flow/machine/several-files.js';

const rows = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i)).join('\n');

describe('typing several files from their data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pi-group-typing-'));
  writeFileSync(join(dir, 'customers.csv'), `customer_id,age\n${rows(50, (i) => `c${i},${20 + (i % 40)}`)}\n`);
  // scores per customer: the customer repeats, no item column
  writeFileSync(join(dir, 'scores.csv'), `customer_id,score\n${rows(200, (i) => `c${i % 50},${i % 5}`)}\n`);
  const reason = 'customer_id repeats on 75 % of rows: an interactions file, not a users table (one row per user); it has no ITEM_ID column';

  it('import --csv folder/ (resolveGroupFiles): the users table USERS, the repeating one INTERACTIONS, with why', async () => {
    const files = await resolveGroupFiles([{ spec: dir, flag: '--csv' }], dir);
    expect(files.map((f) => [f.path.replace(`${dir}/`, ''), f.type, f.typeReason])).toEqual([
      ['customers.csv', 'USERS', 'from its columns: USER_ID (column customer_id) without ITEM_ID: a users dataset'],
      ['scores.csv', 'INTERACTIONS', `from its columns: ${reason}`],
    ]);
  });

  it('one file (import --csv F --dataset-group G): typeOfColumns reads its rows too', async () => {
    expect(await typeOfColumns(join(dir, 'scores.csv'), 'scores.csv')).toEqual({ type: 'INTERACTIONS', reason });
    expect((await typeOfColumns(join(dir, 'customers.csv'), 'customers.csv'))?.type).toBe('USERS');
  });

  it('the wizard: the folder suggested as interactions and users; its files picked by type', async () => {
    expect(await folderTypes(dir)).toEqual(['INTERACTIONS', 'USERS']);
    const picked = await pickFiles([dir], dir);
    expect(picked.files.map((f) => [f.type, f.typeReason])).toEqual([['INTERACTIONS', `from its columns: ${reason}`], ['USERS', 'from its columns: USER_ID (column customer_id) without ITEM_ID: a users dataset']]);
  });
});
