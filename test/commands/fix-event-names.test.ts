// --event-names old=New on fix and import (the built CLI as a child process): an EVENT_TYPE written
// under another name, the Domain group's types in another case respelled without being asked, and a
// malformed pair or a value with a comma, quote or control character refused with exit 2 naming the flag.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = process.env.PI_CLI ?? join(ROOT, 'dist/cli.js');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** a Retailrocket export (view, addtocart, transaction; ms epochs) and its schema */
function retailrocket(dir: string): { csv: string; schema: string } {
  const lines = ['timestamp,visitorid,event,itemid'];
  for (let i = 0; i < 1500; i++) lines.push(`${1433221371000 + i * 997},${i % 60},${i % 10 === 3 ? 'addtocart' : i % 25 === 7 ? 'transaction' : 'view'},${1000 + (i % 120)}`);
  const csv = join(dir, 'events.csv');
  writeFileSync(csv, `${lines.join('\n')}\n`);
  const schema = join(dir, 'schema.json');
  writeFileSync(schema, JSON.stringify({ type: 'record', name: 'Interactions', namespace: 'com.amazonaws.personalize.schema', version: '1.0', fields: [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }, { name: 'EVENT_TYPE', type: 'string' }] }));
  return { csv, schema };
}
const types = (path: string) => new Set(readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[3]));

beforeAll(() => {
  if (!existsSync(CLI)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
});

describe('fix --domain, --event-names', () => {
  it('--domain ECOMMERCE writes view as View; with --event-names transaction=Purchase also Purchase, and the copy validates without DOMAIN_EVENT_TYPES', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fix-evn-'));
    const f = retailrocket(dir);
    const a = cli('fix', f.csv, '--schema', f.schema, '--domain', 'ECOMMERCE', '-o', join(dir, 'a.csv'));
    expect(a.stderr).toBe('');
    expect(a.stdout).toMatch(/event types written as ECOMMERCE's recommenders count them: 1,290 values in 1,290 rows\n {4}e\.g\. line 2, EVENT_TYPE: view → View/);
    expect(types(join(dir, 'a.csv'))).toEqual(new Set(['View', 'addtocart', 'transaction']));
    const v1 = cli('validate', join(dir, 'a.csv'), '--schema', f.schema, '--domain', 'ECOMMERCE', '--json');
    expect(JSON.parse(v1.stdout).warnings.find((w: { code: string }) => w.code === 'DOMAIN_EVENT_TYPES')?.message).toMatch(/"transaction" \(60\)/);

    const b = cli('fix', f.csv, '--schema', f.schema, '--domain', 'ECOMMERCE', '--event-names', 'transaction=Purchase', '-o', join(dir, 'b.csv'));
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/event types renamed as asked \(--event-names\): 60 values in 60 rows\n {4}e\.g\. line 9, EVENT_TYPE: transaction → Purchase/);
    expect(types(join(dir, 'b.csv'))).toEqual(new Set(['View', 'addtocart', 'Purchase']));
    const v2 = cli('validate', join(dir, 'b.csv'), '--schema', f.schema, '--domain', 'ECOMMERCE', '--json');
    expect(JSON.parse(v2.stdout).warnings.map((w: { code: string }) => w.code)).not.toContain('DOMAIN_EVENT_TYPES');
  });

  it('without a domain: only the names asked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fix-evn-'));
    const f = retailrocket(dir);
    const r = cli('fix', f.csv, '--schema', f.schema, '--event-names', 'transaction=purchase', '--event-names', 'addtocart=cart', '-o', join(dir, 'c.csv'));
    expect(r.code).toBe(0);
    expect(types(join(dir, 'c.csv'))).toEqual(new Set(['view', 'cart', 'purchase']));
  });

  for (const [pair, why] of [['transaction', /is not old=New/], ['=Purchase', /is not old=New/], ['transaction=', /is not old=New/], ['transaction=Pur,chase', /the new name: .*no comma/], ['trans"action=Purchase', /the old name: .*quote/], ['view=Vi\u0007ew', /control character/]] as const) {
    it(`a bad pair (${JSON.stringify(pair)}): exit 2 naming --event-names, nothing written — fix and import alike`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'fix-evn-'));
      const f = retailrocket(dir);
      const r = cli('fix', f.csv, '--schema', f.schema, '--event-names', pair, '-o', join(dir, 'x.csv'));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^fix: --event-names /);
      expect(r.stderr).toMatch(why);
      expect(existsSync(join(dir, 'x.csv'))).toBe(false);
      const i = cli('import', '--csv', f.csv, '--dataset-group', 'g', '--dataset-type', 'interactions', '--event-names', pair, '--yes', '--sandbox');
      expect(i.code).toBe(2);
      expect(i.stderr).toMatch(/^import: --event-names /);
    });
  }
});
