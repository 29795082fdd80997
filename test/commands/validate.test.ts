// The built CLI as a child process: exit codes, the --json document, messages naming the file/flag.
// Needs dist/ (npm test builds first; built here if missing).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist/cli.js');
const FX = join(ROOT, 'test/fixtures/csv');
const S = (n: string) => join(FX, 'schemas', n);

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'validate', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(CLI)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
});

describe('personalize-import validate (built CLI)', () => {
  it('valid file: exit 0, summary first', () => {
    const r = cli(join(FX, 'valid-users.csv'), '--schema', S('users.json'));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^✓ valid: .*valid-users\.csv — 3 rows, 0 errors/);
    expect(r.stdout).toContain('inferred from the schema\'s record name "Users"');
  });

  it('invalid file: exit 1, each problem with line and column', () => {
    const r = cli(join(FX, 'type-int.csv'), '--schema', S('users.json'));
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/^✗ invalid/);
    expect(r.stdout).toMatch(/TYPE_INT \(line 3, AGE\): "thirty" is not a whole number/);
  });

  it('--json: exactly one document on stdout, with the report shape', () => {
    const r = cli(join(FX, 'timestamp-milliseconds.csv'), '--schema', S('interactions.json'), '--json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.valid).toBe(false);
    expect(doc.rows).toBe(1);
    expect(doc.errors[0]).toMatchObject({ code: 'TIMESTAMP_MILLISECONDS', line: 2, column: 'TIMESTAMP' });
    expect(doc.errors[0].message).toMatch(/[Dd]ivide by 1000/);
    expect(doc.stats).toMatchObject({ rows: 1, uniqueUsers: 1 });
    expect(Array.isArray(doc.warnings)).toBe(true);
    const valid = JSON.parse(cli(join(FX, 'valid-items.csv'), '--schema', S('items.json'), '--json').stdout);
    expect(valid.valid).toBe(true);
  });

  it('a DescribeSchema response as --schema, --dataset-type and --mode flags', () => {
    const r = cli(join(FX, 'valid-users.csv'), '--schema', S('describe-schema-response.json'), '--dataset-type', 'users', '--mode', 'incremental', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ datasetType: 'USERS', mode: 'INCREMENTAL' });
  });

  it('unusable input: exit 2 with a message naming the file or flag', () => {
    const noFile = cli(join(FX, 'nope.csv'), '--schema', S('users.json'));
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/nope\.csv: no such file/);
    expect(noFile.stderr).not.toMatch(/at .*\.js:\d+/);
    const noSchema = cli(join(FX, 'valid-users.csv'), '--schema', S('nope.json'));
    expect(noSchema.code).toBe(2);
    expect(noSchema.stderr).toMatch(/--schema .*nope\.json: no such file/);
    const broken = cli(join(FX, 'valid-users.csv'), '--schema', S('broken-avro.json'));
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken-avro\.json is not a valid Avro schema/);
    const flag = cli(join(FX, 'valid-users.csv'), '--schema', S('users.json'), '--mode', 'sometimes');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--mode 'sometimes'/);
    const unknown = cli(join(FX, 'valid-users.csv'), '--schema', S('users.json'), '--frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--frobnicate/);
    const none = cli(join(FX, 'valid-users.csv'));
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--schema <schema.json> or --dataset-arn/);
    const custom = cli(join(FX, 'valid-users.csv'), '--schema', S('custom-name.json'));
    expect(custom.code).toBe(2);
    expect(custom.stderr).toMatch(/--dataset-type/);
  });

  it('--json on unusable input still prints one JSON document', () => {
    const r = cli(join(FX, 'nope.csv'), '--schema', S('users.json'), '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: false, error: { kind: 'usage' } });
  });

  it('a bigger generated file: stats in the JSON document', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-validate-'));
    let s = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n';
    for (let i = 0; i < 3000; i++) s += `u${i % 60},"i,${i % 40}",${1600000000 + i},${i % 3 ? 'click' : 'buy'},\n`;
    const f = join(dir, 'events.csv');
    writeFileSync(f, s);
    const r = cli(f, '--schema', S('interactions.json'), '--json');
    const doc = JSON.parse(r.stdout);
    expect(r.code).toBe(0);
    expect(doc.stats).toMatchObject({ rows: 3000, uniqueUsers: 60, uniqueItems: 40, usersWithAtLeast2Interactions: 60, interactionsPerUser: { min: 50, median: 50, max: 50 } });
    expect(doc.stats.eventTypes).toEqual([{ name: 'click', count: 2000 }, { name: 'buy', count: 1000 }]);
  });
});

describe('validate: the summary line', () => {
  it('counts with thousands separators, like the rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-validate-summary-'));
    let csv = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n';
    for (let i = 0; i < 1200; i++) csv += `u${i % 60},i${i % 80},2026-01-01,click,\n`;
    writeFileSync(join(dir, 'dates.csv'), csv);
    const r = cli(join(dir, 'dates.csv'), '--schema', S('interactions.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/— 1,200 rows, 1,200 errors, \d+ warnings? \(INTERACTIONS, FULL\)/);
  });

  it('IDs with spaces around them: one warning a column with the count, the first line and the value quoted; an ID of spaces only is a blank required value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-validate-ids-'));
    let s = 'USER_ID,AGE\n';
    for (let i = 0; i < 40; i++) s += `${i % 10 === 3 ? ` ${i}` : i === 7 ? '"\t7"' : i === 20 ? '"   "' : i},${20 + i}\n`;
    writeFileSync(join(dir, 'users.csv'), s);
    const r = cli(join(dir, 'users.csv'), '--schema', S('users.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  REQUIRED_VALUE_MISSING (line 22, USER_ID): blank ("   ": only spaces, which Personalize would import as an ID), but every USERS record needs a USER_ID.');
    expect(r.stdout).toContain('  ID_SPACES (line 5, USER_ID): " 3" has a space before it, and so do 5 IDs of the column in all. Personalize takes an ID as written: imported as is, " 3" and "3" are two different users, and a user\'s history is split between them. The fixer trims the spaces in its copy (personalize-import fix, or the fix step in the wizard when it is offered).\n');
  });

  it('values over several lines (a HubSpot export\'s notes): rows are records, the open value named at the record\'s first line, its continuation blamed on no column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-validate-multiline-'));
    let csv = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,NOTES\n';
    for (let i = 0; i < 700; i++) csv += `u${i % 70},i${i % 40},${1596238243 + i},click,${i % 2 ? '"Line one\nLine two, with comma"' : 'ok'}\n`;
    writeFileSync(join(dir, 'deals.csv'), csv);
    const r = cli(join(dir, 'deals.csv'), '--schema', S('interactions.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/— 700 rows, /);
    expect(r.stdout).toContain('TOO_FEW_INTERACTIONS: The file has 700 interaction records');
    expect(r.stdout).toContain('  UNTERMINATED_QUOTE (line 3, NOTES): ');
    expect(r.stdout).not.toContain('BAD_QUOTING');
    const json = JSON.parse(cli(join(dir, 'deals.csv'), '--schema', S('interactions.json'), '--json').stdout);
    expect([json.rows, json.stats.rows]).toEqual([700, 700]);
  });
});
