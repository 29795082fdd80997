// personalize-import fix --user-id-from / --item-id-from (the built CLI as a child process): what the
// wizard does with a Segment export's visitors who never signed in and a Mixpanel export's item inside
// its properties JSON, as flags — before, `fix` had neither (exit 2, an unknown option), so a script
// could not write the copy the wizard writes. Their usage errors (exit 2) name the flag and what to pass.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { segmentCsv } from '../helpers/segment-csv.js';
import { mixpanelCsv } from '../helpers/mixpanel-csv.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = process.env.PI_CLI ?? join(ROOT, 'dist/cli.js');
const SCHEMA = join(ROOT, 'test/fixtures/csv/schemas/interactions.json');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'fix', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'fix-exports-cli-'));
  writeFileSync(join(dir, name), text);
  return { dir, input: join(dir, name) };
}

beforeAll(() => {
  if (!existsSync(CLI)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
});

describe('fix: the analytics exports\' flags (built CLI)', () => {
  it('--user-id-from anonymous_id: a Segment export\'s rows without a user_id under their anonymous_id, every row kept', () => {
    const f = file('tracks.csv', segmentCsv(1200, 4));
    const r = cli(f.input, '--schema', SCHEMA, '--user-id-from', 'anonymous_id', '--drop-unknown');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("USER_ID empty (a visitor who never signed in, in Segment's export): the row's anonymous_id written instead, as asked: 300 values in 300 rows");
    const copy = readFileSync(join(f.dir, 'tracks.fixed.csv'), 'utf8').trim().split('\n');
    expect(copy).toHaveLength(1201);
    const user = copy[0].split(',').indexOf('USER_ID');
    expect([copy[1].split(',')[user], copy[2].split(',')[user]]).toEqual(['u0', 'a-1']);
  });

  it('--item-id-from properties.product_id --json: an ITEM_ID column from the JSON, the choice in the document', () => {
    const f = file('events.csv', mixpanelCsv());
    const r = cli(f.input, '--schema', SCHEMA, '--item-id-from', 'properties.product_id', '--drop-unknown', '--json');
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ fixed: true, itemIdFrom: 'properties.product_id' });
    expect(doc.summary.changes[0]).toMatchObject({ kind: 'json-item', rows: 1200 });
    const copy = readFileSync(join(f.dir, 'events.fixed.csv'), 'utf8').split('\n');
    expect(copy[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE');
    expect(copy[1]).toBe('1000,p-0,1767225600,Purchase');
  });

  it('exit 2 naming the flag and what to pass: a column the header lacks, a key no row has', () => {
    const seg = file('tracks.csv', segmentCsv(20, 4));
    const col = cli(seg.input, '--schema', SCHEMA, '--user-id-from', 'anon');
    expect(col.code).toBe(2);
    expect(col.stderr).toBe(`fix: --user-id-from anon: ${seg.input} has no column anon (its header: anonymous_id, user_id, event, product_id, timestamp).\n  → Pass --user-id-from anonymous_id: ${seg.input} is a Segment export, whose rows without a user_id name the visitor by it.\n`);
    const mp = file('events.csv', mixpanelCsv(20));
    const key = cli(mp.input, '--schema', SCHEMA, '--item-id-from', 'properties.sku');
    expect(key.code).toBe(2);
    expect(key.stderr).toBe(`fix: --item-id-from properties.sku: no value of column properties in the first 20 rows of ${mp.input} has the key sku.\n  → The keys there: product_id, $os, $insert_id. Pass the one naming the item, e.g. --item-id-from properties.product_id.\n`);
    expect(existsSync(join(mp.dir, 'events.fixed.csv'))).toBe(false);
  });
});
