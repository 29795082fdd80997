// personalize-import fix and validate on a Google Sheets export of a German locale saved as
// comma-separated CSV, the built CLI as a child process: its numbers are written with a decimal comma
// and therefore quoted ("12,50"). validate names the cause and the fix; fix writes them with a point
// (before session 20 it set 3 rows of 4 aside). A column whose values all read two ways ("1,250":
// 1.25 or 1250?) is not guessed — its rows go to the rejects file with both readings and --decimal,
// which reads them.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = process.env.PI_CLI ?? join(ROOT, 'dist/cli.js');
const SCHEMA = JSON.stringify({
  type: 'record', name: 'Items', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
  fields: [{ name: 'ITEM_ID', type: 'string' }, { name: 'PRICE', type: 'float' }, { name: 'CATEGORY', type: 'string', categorical: true }],
});

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function files(csv: string) {
  const dir = mkdtempSync(join(tmpdir(), 'fix-decimal-'));
  const input = join(dir, 'items.csv');
  const schema = join(dir, 'schema.json');
  writeFileSync(input, csv);
  writeFileSync(schema, SCHEMA);
  return { dir, input, schema, out: join(dir, 'items.fixed.csv'), rej: join(dir, 'rej.csv') };
}

beforeAll(() => {
  if (!existsSync(CLI)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
});

describe('a comma-separated export with decimal commas (built CLI)', () => {
  const GERMAN = 'ITEM_ID,PRICE,CATEGORY\nA1,"12,50",Schuhe\nA2,"7,99",Hosen\nA3,"1.234,00",Jacken\nA4,15,Hosen\n';

  it('validate: exit 1, each TYPE_FLOAT says it is written with a decimal comma and what Fix writes', () => {
    const f = files(GERMAN);
    const r = cli('validate', f.input, '--schema', f.schema);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('TYPE_FLOAT (line 2, PRICE): "12,50" is not a number such as 4.5 (a dot for decimals, no thousands separators). It is 12.50 written with a decimal comma: “Fix and continue” (personalize-import fix) writes it as 12.50.');
    expect(r.stdout).toMatch(/also lines 3, 4/);
  });

  it('fix: exit 0, every row written with a point, nothing rejected, the copy valid; the input untouched', () => {
    const f = files(GERMAN);
    const r = cli('fix', f.input, '--schema', f.schema, '--rejects', f.rej);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✓ fixed: .*items\.fixed\.csv — 4 rows from 4 rows of .*items\.csv, valid/);
    expect(r.stdout).toMatch(/numbers with a decimal comma written with a point: 3 values in 3 rows\n\s+e\.g\. line 2, PRICE: 12,50 → 12\.50/);
    expect(readFileSync(f.out, 'utf8')).toBe('ITEM_ID,PRICE,CATEGORY\nA1,12.50,Schuhe\nA2,7.99,Hosen\nA3,1234.00,Jacken\nA4,15,Hosen\n');
    expect(existsSync(f.rej)).toBe(false);
    expect(readFileSync(f.input, 'utf8')).toBe(GERMAN);
    expect(cli('validate', f.out, '--schema', f.schema).code).toBe(0);
  });

  it('a column whose numbers all read two ways: exit 1, those rows in the rejects file with both readings and --decimal; --decimal comma / point read them', () => {
    const f = files('ITEM_ID,PRICE,CATEGORY\nA1,"1,250",Schuhe\nA2,"12,500",Hosen\nA3,4.5,Hosen\n');
    const r = cli('fix', f.input, '--schema', f.schema, '--rejects', f.rej);
    expect(r.code).toBe(1);
    expect(readFileSync(f.out, 'utf8')).toBe('ITEM_ID,PRICE,CATEGORY\nA3,4.5,Hosen\n');
    expect(readFileSync(f.rej, 'utf8')).toBe([
      'line,reason,record',
      '2,"PRICE \\"1,250\\" could be 1.250 (a decimal comma) or 1250 (a comma grouping thousands), and no value of the column says which: pass --decimal comma or --decimal point, or write it as 1.250 or 1250","A1,\\"1,250\\",Schuhe"',
      '3,"PRICE \\"12,500\\" could be 12.500 (a decimal comma) or 12500 (a comma grouping thousands), and no value of the column says which: pass --decimal comma or --decimal point, or write it as 12.500 or 12500","A2,\\"12,500\\",Hosen"',
      '',
    ].join('\n'));
    expect(r.stdout).toMatch(/Rejected: 2 rows, written to .*rej\.csv/);
    const comma = cli('fix', f.input, '--schema', f.schema, '--decimal', 'comma', '--overwrite');
    expect(comma.code).toBe(0);
    expect(readFileSync(f.out, 'utf8')).toBe('ITEM_ID,PRICE,CATEGORY\nA1,1.250,Schuhe\nA2,12.500,Hosen\nA3,4.5,Hosen\n');
    expect(cli('fix', f.input, '--schema', f.schema, '--decimal', 'point', '--overwrite').code).toBe(0);
    expect(readFileSync(f.out, 'utf8')).toBe('ITEM_ID,PRICE,CATEGORY\nA1,1250,Schuhe\nA2,12500,Hosen\nA3,4.5,Hosen\n');
    const wrong = cli('fix', f.input, '--schema', f.schema, '--decimal', 'komma', '--overwrite');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/fix: --decimal 'komma' is not comma or point\./);
  });
});
