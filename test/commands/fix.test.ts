// personalize-import fix, the built CLI as a child process: the default output beside the input,
// the summary, exit codes, the input left alone, refusals naming the flag, --json, escaped text.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = process.env.PI_CLI ?? join(ROOT, 'dist/cli.js');
const S = (n: string) => join(ROOT, 'test/fixtures/csv/schemas', n);

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'fix', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** a typical export: lower-case header, ISO dates; 1,200 rows over 40 users */
function export_(dir: string, extra: string[] = []): string {
  const lines = ['user_id,item_id,timestamp,event_type'];
  for (let i = 0; i < 1200; i++) lines.push(`u${i % 40},i${i % 90},${new Date((1767225600 + i * 61) * 1000).toISOString()},click`);
  const f = join(dir, 'events.csv');
  writeFileSync(f, [...lines, ...extra].join('\n') + '\n');
  return f;
}

beforeAll(() => {
  if (!existsSync(CLI)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
});

describe('personalize-import fix (built CLI)', () => {
  it('a lower-case / ISO-date export: fixed beside it, valid, every change counted with an example', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fix-cli-'));
    const input = export_(dir);
    const before = readFileSync(input);
    const r = cli(input, '--schema', S('interactions.json'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = join(dir, 'events.fixed.csv');
    expect(r.stdout.split('\n')[0]).toMatch(/^✓ fixed: .*events\.fixed\.csv — 1,200 rows from 1,200 rows of .*events\.csv, valid/);
    expect(r.stdout).toMatch(/header: 4 renamed/);
    expect(r.stdout).toMatch(/user_id,item_id,timestamp,event_type → USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE/);
    expect(r.stdout).toMatch(/dates converted to epoch seconds: 1,200 values in 1,200 rows\n\s+e\.g\. line 2, TIMESTAMP: 2026-01-01T00:00:00\.000Z → 1767225600/);
    expect(readFileSync(input)).toEqual(before);
    const fixed = readFileSync(out, 'utf8').split('\n');
    expect(fixed[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE');
    expect(fixed[1]).toBe('u0,i0,1767225600,click');
    expect(fixed[1200]).toBe(`u39,i29,${1767225600 + 1199 * 61},click`);
    // run again: the output exists now
    const again = cli(input, '--schema', S('interactions.json'));
    expect(again.code).toBe(2);
    // no -o was given: the message does not name one, and says how to choose another name
    expect(again.stderr).toMatch(/^\S*events\.fixed\.csv \(the copy fix writes by default\) already exists\.\n  → Name another file with -o <file>, or pass --overwrite to replace it\.\n$/);
    const named = cli(input, '--schema', S('interactions.json'), '-o', out);
    expect(named.code).toBe(2);
    expect(named.stderr).toMatch(/^-o \S*events\.fixed\.csv already exists/);
    expect(cli(input, '--schema', S('interactions.json'), '--overwrite').code).toBe(0);
  });

  it('a shop catalogue whose descriptions hold line breaks (a WooCommerce / Shopify export): each record joined into one line, valid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fix-cli-'));
    const input = join(dir, 'products.csv');
    const rows = Array.from({ length: 60 }, (_, i) => `sku-${i},${i + 0.5},shirts,"Soft cotton, size ${i}.\r\nMachine washable."`);
    writeFileSync(input, `ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION\r\n${rows.join('\r\n')}\r\n`);
    const r = cli(input, '--schema', S('items.json'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^✓ fixed: .*products\.fixed\.csv — 60 rows from 60 rows of .*products\.csv, valid/);
    expect(r.stdout).toContain('line breaks inside quoted values joined (each written as a space): 60 values in 60 rows\n    e.g. lines 2–3, DESCRIPTION: "Soft cotton, size 0.\\r\\nMachine washable." → "Soft cotton, size 0. Machine washable."');
    const fixed = readFileSync(join(dir, 'products.fixed.csv'), 'utf8').split('\r\n');
    expect(fixed.length).toBe(62);
    expect(fixed[60]).toBe('sku-59,59.5,shirts,"Soft cotton, size 59. Machine washable."');
  });

  it('-o naming the input: exit 2, the input untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fix-cli-'));
    const input = export_(dir);
    const before = readFileSync(input);
    for (const o of [input, join(dir, '.', 'events.csv')]) {
      const r = cli(input, '--schema', S('interactions.json'), '-o', o, '--overwrite');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/-o .* is the input file/);
    }
    expect(readFileSync(input)).toEqual(before);
  });

  it('rows that cannot be fixed: without --rejects nothing is written and the lines are named; with it, both files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fix-cli-'));
    const input = export_(dir, [`${'x'.repeat(300)},i1,2026-01-01T00:00:00Z,click`, 'u1,i1,someday,click']);
    const r = cli(input, '--schema', S('interactions.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ not fixed: .* 2 rows cannot be fixed without guessing; nothing was written/);
    expect(r.stdout).toMatch(/line 1202: USER_ID is 300 characters; Personalize allows at most 256/);
    expect(r.stdout).toMatch(/line 1203: TIMESTAMP "someday" is not a date/);
    expect(r.stdout).toMatch(/--rejects/);
    expect(existsSync(join(dir, 'events.fixed.csv'))).toBe(false);
    const rej = join(dir, 'rejects.csv');
    const w = cli(input, '--schema', S('interactions.json'), '--rejects', rej, '--json');
    expect(w.code).toBe(1);
    const doc = JSON.parse(w.stdout);
    expect(doc).toMatchObject({ fixed: false, output: join(dir, 'events.fixed.csv'), rejects: { count: 2, file: rej }, report: { valid: true } });
    expect(doc.rejects.listed.map((x: { line: number }) => x.line)).toEqual([1202, 1203]);
    expect(readFileSync(rej, 'utf8').split('\n').slice(1, 3).map((l) => l.split(',')[0])).toEqual(['1202', '1203']);
    expect(readFileSync(join(dir, 'events.fixed.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(1201);
  });

  it('--overwrite replaces only what the run writes: a run that writes nothing leaves the earlier copy and rejects; a copy with none set aside takes the stale rejects file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fix-cli-'));
    const input = export_(dir, ['u1,i1,someday,click']);
    const out = join(dir, 'events.fixed.csv');
    const rej = join(dir, 'rejects.csv');
    expect(cli(input, '--schema', S('interactions.json'), '--rejects', rej).code).toBe(1);
    const [copy, rejects] = [readFileSync(out, 'utf8'), readFileSync(rej, 'utf8')];
    // the same file again without --rejects: a row cannot be fixed, "nothing was written" — and nothing was removed
    const none = cli(input, '--schema', S('interactions.json'), '--overwrite');
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(/nothing was written/);
    expect(readFileSync(out, 'utf8')).toBe(copy);
    // a file the fixer cannot repair at all (no USER_ID column), written over both: both stay
    const other = join(dir, 'other.csv');
    writeFileSync(other, 'cust_no,item_id,timestamp,event_type\nu1,i1,1767225600,click\n');
    const both = cli(other, '--schema', S('interactions.json'), '-o', out, '--rejects', rej, '--overwrite');
    expect(both.code).toBe(1);
    expect(both.stdout).toMatch(/no column for USER_ID/);
    expect(readFileSync(out, 'utf8')).toBe(copy);
    expect(readFileSync(rej, 'utf8')).toBe(rejects);
    // the file repaired (the bad row gone): the copy replaced, and the earlier rejects file no longer belongs to it
    writeFileSync(input, readFileSync(input, 'utf8').replace('u1,i1,someday,click\n', '').replace('u0,i0,', 'u0,i7,'));
    const ok = cli(input, '--schema', S('interactions.json'), '--overwrite', '--rejects', rej);
    expect(ok.code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')[1]).toBe('u0,i7,1767225600,click');
    expect(existsSync(rej)).toBe(false);
  });
  it('a required column no rule can name: exit 1 with the --map hint; --map fixes it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fix-cli-'));
    const input = join(dir, 'users.csv');
    writeFileSync(input, 'cust_no,age\nu1,30\nu2,41\n');
    const r = cli(input, '--schema', S('users.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/no column for USER_ID/);
    expect(r.stdout).toMatch(/--map column=FIELD/);
    expect(existsSync(join(dir, 'users.fixed.csv'))).toBe(false);
    const m = cli(input, '--schema', S('users.json'), '--map', 'cust_no=USER_ID');
    expect(m.code).toBe(0);
    expect(readFileSync(join(dir, 'users.fixed.csv'), 'utf8')).toBe('USER_ID,AGE\nu1,30\nu2,41\n');
  });

  it('usage mistakes: exit 2 naming the flag', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fix-cli-'));
    const input = export_(dir);
    // (someone with no dataset yet was told only to pass a schema: the commands that make one are named, with the file)
    const none = cli(input);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no schema/);
    expect(none.stderr).toContain(`personalize-import schema infer ${input} > schema.json`);
    expect(none.stderr).toContain(`personalize-import fix ${input} --schema schema.json --drop-unknown`);
    expect(none.stderr.replace(/\s+/g, ' ')).toContain(`personalize-import import --create --dataset-group <name> --csv ${input} --fix`);
    const map = cli(input, '--schema', S('interactions.json'), '--map', 'user_id=USERID');
    expect(map.code).toBe(2);
    expect(map.stderr).toMatch(/--map user_id=USERID: the schema has no field USERID/);
    const missing = cli(join(dir, 'nope.csv'), '--schema', S('interactions.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.csv: no such file/);
    const both = cli(input, '--schema', S('interactions.json'), '--keep-unknown', '--drop-unknown');
    expect(both.code).toBe(2);
    expect(cli(input, '--schema', S('interactions.json'), '-o', join(dir, 'no/such/dir/x.csv')).stderr).toMatch(/-o .*folder .* does not exist/);
  });

  it('control characters from the file are escaped in every human line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fix-cli-'));
    const input = join(dir, 'users.csv');
    writeFileSync(input, 'user_id,age,\x1b[31mred\x1b[0m\nu1,30,x\nu2,\x1b]0;pwned\x07,y\n');
    const r = cli(input, '--schema', S('users.json'));
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(r.stdout).toMatch(/\\u001b\[31mred/);
    expect(r.stdout).toMatch(/line 3: AGE "\\u001b\]0;pwned\\u0007" is not a whole number/);
  });

  it('--help has examples', () => {
    const r = cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples\n\s+personalize-import fix events\.csv --schema/);
  });
});
