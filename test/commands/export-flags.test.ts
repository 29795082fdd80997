// The checks of --user-id-from / --item-id-from against a file (src/commands/export-flags.ts), in
// process: each usage error names the flag and what to pass. (The built CLI runs them end to end in
// test/commands/fix-exports.test.ts and test/e2e/import-exports.test.ts.)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkExportType, exportChoices } from '../../src/commands/export-flags.js';
import { segmentCsv } from '../helpers/segment-csv.js';
import { mixpanelCsv } from '../helpers/mixpanel-csv.js';

function file(text: string) {
  const abs = join(mkdtempSync(join(tmpdir(), 'export-flags-')), 'x.csv');
  writeFileSync(abs, text);
  return { abs, name: 'x.csv' };
}
/** the usage error's message and hint */
async function refused(p: Promise<unknown>): Promise<{ kind: string; message: string; hint?: string }> {
  const e = (await p.then(() => undefined, (x: unknown) => x)) as { kind: string; message: string; hint?: string } | undefined;
  expect(e, 'a usage error').toBeDefined();
  return { kind: e!.kind, message: e!.message, hint: e!.hint };
}

describe('--user-id-from / --item-id-from checked against the file', () => {
  const seg = file(segmentCsv(10, 4));
  const mp = file(mixpanelCsv(10));

  it('the choices, and what --json reports of them', async () => {
    expect(await exportChoices('fix', { 'user-id-from': 'anonymousId' }, seg)).toMatchObject({ anonymousIds: true, report: { userIdFrom: 'anonymous_id' } });
    expect(await exportChoices('fix', { 'item-id-from': 'properties.product_id' }, mp)).toMatchObject({ jsonItem: { column: 'properties', key: 'product_id' }, report: { itemIdFrom: 'properties.product_id' } });
    // a column whose name holds a dot: the longest column the value starts with
    const dotted = file('event,user.props,props\nview,"{""id"":""a""}","{""x"":1}"\n');
    expect((await exportChoices('fix', { 'item-id-from': 'user.props.id' }, dotted)).jsonItem).toEqual({ column: 'user.props', key: 'id' });
    expect(await exportChoices('fix', {}, seg)).toEqual({ report: {}, lines: [] });
  });

  it('--user-id-from: another column, a file that is no Segment export', async () => {
    expect(await refused(exportChoices('fix', { 'user-id-from': 'user_id' }, seg))).toEqual({ kind: 'usage', message: 'fix: --user-id-from user_id: the rows without a user_id take the visitor\'s anonymous_id, not user_id.', hint: 'Pass --user-id-from anonymous_id: x.csv is a Segment export, whose rows without a user_id name the visitor by it.' });
    expect(await refused(exportChoices('import', { 'user-id-from': 'distinct_id' }, mp))).toMatchObject({ message: 'import: --user-id-from distinct_id: it gives the rows whose user_id is empty their anonymous_id, as a Segment export has them; x.csv has no user_id and anonymous_id columns.', hint: 'To read distinct_id as USER_ID in every row, pass --map distinct_id=USER_ID instead.' });
    expect((await refused(exportChoices('fix', { 'user-id-from': 'anonymous_id' }, { s3: 's3://b/k.csv' }))).hint).toBe('Copy it here first (aws s3 cp s3://b/k.csv .) and pass the local file.');
  });

  it('--item-id-from: no dot, a column the header lacks, a column without JSON', async () => {
    expect((await refused(exportChoices('fix', { 'item-id-from': 'properties' }, mp))).hint).toBe('Example: --item-id-from properties.product_id (Mixpanel\'s export: the product_id in its properties column).');
    expect(await refused(exportChoices('fix', { 'item-id-from': 'props.product_id' }, mp))).toMatchObject({ message: 'fix: --item-id-from props.product_id: x.csv has no column props (its header: event, distinct_id, time, properties).' });
    expect((await refused(exportChoices('fix', { 'item-id-from': 'event.id' }, mp))).hint).toBe('Its values are not JSON objects: name the column that holds each event\'s properties as JSON (Mixpanel\'s properties).');
  });

  // a file with an ITEM_ID column already got a second one appended (the copy's header naming ITEM_ID twice)
  it('--item-id-from on a file that has an ITEM_ID column (or a spelling of it) already: refused, the column named', async () => {
    const withColumn = (name: string) => file(mixpanelCsv(10).trim().split('\n').map((l, i) => (i ? `sku-${i},${l}` : `${name},${l}`)).join('\n'));
    const flag = { 'item-id-from': 'properties.product_id' };
    expect(await refused(exportChoices('fix', flag, withColumn('ITEM_ID')))).toEqual({ kind: 'usage', message: 'fix: --item-id-from properties.product_id: x.csv has an ITEM_ID column already: ITEM_ID. The copy would have two.', hint: 'Leave out --item-id-from: ITEM_ID is the item. If it is not, name its field yourself (--map ITEM_ID=ITEM_REF) and pass --item-id-from again.' });
    expect((await refused(exportChoices('import', flag, withColumn('product_id')))).message).toBe('import: --item-id-from properties.product_id: x.csv has an ITEM_ID column already: product_id (the fixer names it ITEM_ID). The copy would have two.');
    expect((await refused(exportChoices('fix', { ...flag, map: ['sku=ITEM_ID'] }, withColumn('sku')))).message).toContain('has an ITEM_ID column already: sku (the fixer names it ITEM_ID, as --map says)');
    // named another field: the JSON's key is the item
    expect((await exportChoices('fix', { ...flag, map: ['product_id=PRODUCT_ID_OLD'] }, withColumn('product_id'))).jsonItem).toEqual({ column: 'properties', key: 'product_id' });
  });

  it('for interactions only', () => {
    expect(() => checkExportType('fix', { jsonItem: { column: 'p', key: 'k' }, report: {}, lines: [] }, 'ITEMS')).toThrow('fix: --item-id-from is for an interactions file (an event export); this dataset is items.');
    expect(() => checkExportType('fix', { anonymousIds: true, report: {}, lines: [] }, 'INTERACTIONS')).not.toThrow();
  });
});
