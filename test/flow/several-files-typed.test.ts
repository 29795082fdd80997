// The CSV step's folder suggestions type every CSV of the current folder, its folders and samples/
// each time the step is shown (src/flow/machine/several-files.ts, typeOf): a MiB read and parsed a
// file. A file as it was is typed once; a file changed since is read again; one that could not be
// read is tried again.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { folderTypes, typeOf } from '../../src/flow/machine/several-files.js';

const dir = mkdtempSync(join(tmpdir(), 'pi-typed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const interactions = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nu1,i1,1700000000,click\nu1,i2,1700000001,click\n';
const items = 'ITEM_ID,PRICE,CATEGORY\ni1,3.5,shoes\ni2,4,hats\n';

it('a file as it was is typed once; changed (size, time), it is read again', async () => {
  const f = join(dir, 'a.csv');
  writeFileSync(f, interactions);
  const first = typeOf(f);
  expect(typeOf(f)).toBe(first);
  expect((await first).guess?.type).toBe('INTERACTIONS');
  // rewritten as another dataset's file
  writeFileSync(f, items);
  const second = typeOf(f);
  expect(second).not.toBe(first);
  expect((await second).guess?.type).toBe('ITEMS');
  expect(typeOf(f)).toBe(second);
  // the same size, another time: read again too
  const t = new Date(Date.now() + 5_000);
  utimesSync(f, t, t);
  expect(typeOf(f)).not.toBe(second);
});

it('a file that cannot be read is tried again (not kept as unreadable)', async () => {
  const f = join(dir, 'gone.csv');
  await expect(typeOf(f)).rejects.toThrow();
  writeFileSync(f, items);
  expect((await typeOf(f)).guess?.type).toBe('ITEMS');
});

it('a folder typed twice gives the same types, the second time from what the first read', async () => {
  const d = mkdtempSync(join(dir, 'shop-'));
  writeFileSync(join(d, 'events.csv'), interactions);
  writeFileSync(join(d, 'products.csv'), items);
  expect(await folderTypes(d)).toEqual(['INTERACTIONS', 'ITEMS']);
  const p = typeOf(join(d, 'events.csv'));
  expect(await folderTypes(d)).toEqual(['INTERACTIONS', 'ITEMS']);
  expect(typeOf(join(d, 'events.csv'))).toBe(p);
});
