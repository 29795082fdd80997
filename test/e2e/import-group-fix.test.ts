// `import --csv <folder> --fix [--fix-rejects]` end to end: the built CLI as a child process with no
// terminal against a sandbox started as `sandbox --seed none` (an empty account). A folder of messy
// exports (spreadsheet column names, ISO dates: test/helpers/messy-csv.ts) is refused naming --fix;
// with --fix each file gets its fixed copy, the copies are checked again, created from, uploaded and
// imported (both jobs ACTIVE, the objects are the copies, --json says each fix). A row the fixer cannot
// repair: --fix stops (exit 1, naming the file and --fix-rejects, nothing created, no copy left);
// --fix-rejects sets it aside and imports the rest.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { ListDatasetGroupsCommand } from '@aws-sdk/client-personalize';
import { beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { messyInteractionsCsv, messyShopFiles } from '../helpers/messy-csv.js';
import { cliEnv, ensureBuilt, jsonDoc, runCli } from './import-helpers.js';

beforeAll(() => ensureBuilt());

/** the two messy exports; with `badUser`, users with a lower-case header and one row of a value too many (line 6) */
function shopFolder(badUser = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'pi-groupfix-'));
  const { interactions, items } = messyShopFiles();
  writeFileSync(join(dir, 'interactions.csv'), interactions);
  writeFileSync(join(dir, 'items.csv'), items);
  if (badUser) writeFileSync(join(dir, 'users.csv'), `user_id,age\n${Array.from({ length: 50 }, (_, i) => (i === 4 ? `u${i},30,extra` : `u${i},${20 + (i % 40)}`)).join('\n')}\n`);
  return dir;
}

interface FixEntry { input: string; output: string | null; fixed: boolean; changes: unknown[]; rejected: number; rejects?: string }
interface Entry { file: string; datasetType: string; valid: boolean; fix?: FixEntry }

describe('import with a folder of messy files: --fix / --fix-rejects against sandbox --seed none (no terminal)', () => {
  const sb = withSandbox({ jobSeconds: 0.3, seed: 'none', createSeconds: 0.2 });
  const env = () => cliEnv({ ...sb.env });
  const base = (group: string, dir: string) => ['import', '--dataset-group', group, '--create', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--interval', '0.05', '--csv', dir, '--json'];
  const groups = async () => ((await sb.personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups ?? []).map((g) => g.name);
  const body = async (location: string) => {
    const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(location)!;
    return (await sb.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString();
  };

  it('without --fix: exit 1, the refusal names --fix, nothing created; with --fix: fixed copies, checked again, both jobs ACTIVE on the copies, --json has each fix', async () => {
    const dir = shopFolder();
    const no = await runCli(base('gfix', dir), env());
    expect(no.code, no.stderr).toBe(1);
    expect(no.stderr.replace(/\s+/g, ' ')).toMatch(/Nothing was created or uploaded: fix the invalid file\(s\) above first\. Or pass --fix: it writes a fixed copy of each/);
    expect(jsonDoc(no).validation.map((v: Entry) => v.valid)).toEqual([false, false]);
    expect(await groups()).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['interactions.csv', 'items.csv']);

    const r = await runCli([...base('gfix', dir), '--fix'], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonDoc(r);
    expect(doc.jobs.map((j: { datasetType: string; status: string }) => [j.datasetType, j.status])).toEqual([['INTERACTIONS', 'ACTIVE'], ['ITEMS', 'ACTIVE']]);
    // the validation is the copies', each carrying the single-file path's fix
    const v: Entry[] = doc.validation;
    expect(v.map((e) => [e.datasetType, e.valid, e.file.endsWith('.fixed.csv')])).toEqual([['INTERACTIONS', true, true], ['ITEMS', true, true]]);
    for (const [e, name] of [[v[0], 'interactions'], [v[1], 'items']] as const) {
      expect(e.fix).toMatchObject({ input: join(dir, `${name}.csv`), output: join(dir, `${name}.fixed.csv`), fixed: true, rejected: 0 });
      expect(e.fix!.changes.length).toBeGreaterThan(0);
      expect(e.fix).not.toHaveProperty('rejects');
    }
    // the imported objects are the fixed copies
    for (const j of doc.jobs) {
      const copy = join(dir, `${j.datasetType === 'ITEMS' ? 'items' : 'interactions'}.fixed.csv`);
      expect(j.file).toBe(copy);
      expect(await body(j.dataLocation)).toBe(readFileSync(copy, 'utf8'));
    }
    expect(readFileSync(join(dir, 'interactions.fixed.csv'), 'utf8').split('\n')[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE');
    // each file's summary, a few lines, then the checks again (stderr with --json)
    expect(r.stderr).toMatch(/Fixing \S*interactions\.csv → interactions\.fixed\.csv …/);
    expect(r.stderr).toMatch(/Fixing \S*items\.csv → items\.fixed\.csv …/);
    expect(r.stderr).toMatch(/Checking the files again, with the fixed copies in place of the files with errors/);
    expect(r.stderr).toMatch(/✓ \S*interactions\.fixed\.csv: 1,200 rows valid/);
    expect(await groups()).toEqual(['gfix']);
  });

  it('a row the fixer cannot repair: --fix stops (exit 1) naming the file and --fix-rejects, nothing created, no copy; --fix-rejects sets it aside and imports the rest', async () => {
    const dir = shopFolder(true);
    const r = await runCli([...base('gfix2', dir), '--fix'], env());
    expect(r.code, r.stderr).toBe(1);
    const said = r.stderr.replace(/\s+/g, ' ');
    expect(said).toMatch(/✗ \S*users\.csv: a row the fixer cannot repair without guessing .*Pass --fix-rejects to set it aside in users\.rejects\.csv and import the rest/);
    expect(said).toMatch(/nothing was created or uploaded/i);
    const users = (jsonDoc(r).validation as Entry[]).find((e) => e.datasetType === 'USERS')!;
    expect(users.fix).toMatchObject({ output: null, fixed: false, rejected: 1 });
    expect(await groups()).not.toContain('gfix2');
    expect(readdirSync(dir).sort()).toEqual(['interactions.csv', 'items.csv', 'users.csv']);

    const ok = await runCli([...base('gfix2', dir), '--fix-rejects'], env());
    expect(ok.code, ok.stderr).toBe(0);
    const doc = jsonDoc(ok);
    expect(doc.jobs.map((j: { status: string }) => j.status)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);
    const fixedUsers = (doc.validation as Entry[]).find((e) => e.datasetType === 'USERS')!;
    expect(fixedUsers).toMatchObject({ valid: true, file: join(dir, 'users.fixed.csv') });
    expect(fixedUsers.fix).toMatchObject({ input: join(dir, 'users.csv'), output: join(dir, 'users.fixed.csv'), rejected: 1, rejects: join(dir, 'users.rejects.csv') });
    expect(readFileSync(join(dir, 'users.rejects.csv'), 'utf8')).toMatch(/^line,reason,record\n6,.*u4,30,extra/);
    const job = doc.jobs.find((j: { datasetType: string }) => j.datasetType === 'USERS');
    const sent = await body(job.dataLocation);
    expect(sent).toBe(readFileSync(join(dir, 'users.fixed.csv'), 'utf8'));
    expect(sent.split('\n').filter(Boolean)).toHaveLength(50);
    expect(existsSync(join(dir, 'interactions.fixed.csv'))).toBe(true);
    expect(await groups()).toContain('gfix2');

    // the same command again: the copies and the rejects file beside their originals are left out
    // (said on stderr), not "both USERS files" or "cannot tell which dataset" — the originals are
    // fixed again into the next free names
    const again = await runCli([...base('gfix2', dir), '--fix-rejects', '--mode', 'incremental'], env());
    expect(again.code, again.stderr).toBe(0);
    const notUsed = again.stderr.replace(/\s+/g, ' ');
    expect(notUsed).toMatch(/Not used: \S*users\.fixed\.csv \(the fixer's copy of users\.csv, from an earlier run; to use it instead, name it: --csv TYPE=\S*users\.fixed\.csv\)/);
    expect(notUsed).toMatch(/Not used: \S*users\.rejects\.csv \(the fixer's rejected rows of users\.csv/);
    expect((jsonDoc(again).validation as Entry[]).find((e) => e.datasetType === 'USERS')!.file).toBe(join(dir, 'users.fixed-2.csv'));
  });

  it('rows found only while fixing (the validation called the file fixable): --fix stops naming it and --fix-rejects, the copy written before is removed again, nothing created', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-groupfix-'));
    writeFileSync(join(dir, 'a.csv'), messyShopFiles().items);
    // a timestamp that is no date past the validator's first 20 date findings: fixable by the report, a reject for the fixer
    writeFileSync(join(dir, 'b.csv'), messyInteractionsCsv(1200, 50, { unfixableAt: [150] }));
    const r = await runCli([...base('gfix3', dir), '--fix'], env());
    expect(r.code, r.stderr).toBe(1);
    const said = r.stderr.replace(/\s+/g, ' ');
    expect(said).toMatch(/✗ \S*b\.csv: 1 row cannot be fixed without guessing \(line 152\)\. Pass --fix-rejects to set it aside in b\.rejects\.csv/);
    expect(said).toMatch(/The fixed copies written for the other files were removed again; nothing was created or uploaded\./);
    const v = jsonDoc(r).validation as Entry[];
    expect(v.map((e) => [e.file.slice(-5), e.fix?.output, e.fix?.rejected])).toEqual([['a.csv', null, 0], ['b.csv', null, 1]]);
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.csv']);
    expect(await groups()).not.toContain('gfix3');
  });

  it('a ";" orders file with dates day first in numbers: --fix-rejects would set every row aside — stopped (exit 1) naming --dates, no copy left, nothing created; with --dates day-first both files are fixed and imported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-groupfix-'));
    const p2 = (x: number) => String(x).padStart(2, '0');
    writeFileSync(join(dir, 'orders.csv'), `User Id;Product SKU;Date\n${Array.from({ length: 1200 }, (_, i) => `u${i % 40};sku-${i % 90};${p2((i % 28) + 1)}.11.2026 10:00`).join('\n')}\n`);
    writeFileSync(join(dir, 'items.csv'), `Product SKU;Title\n${Array.from({ length: 90 }, (_, i) => `sku-${i};Artikel ${i}`).join('\n')}\n`);
    const r = await runCli([...base('gfix4', dir), '--fix-rejects'], env());
    expect(r.code, r.stderr).toBe(1);
    const said = r.stderr.replace(/\s+/g, ' ');
    expect(said).toMatch(/✗ \S*orders\.csv: every row \(1,200\) cannot be fixed without guessing \(lines 2, 3, .*\)\. Setting them aside would leave nothing to import\. Its dates are written in numbers only \(01\.11\.2026 10:00\): pass --dates day-first or --dates month-first \(the order your system writes them in\) with --fix\./);
    expect(readdirSync(dir).sort()).toEqual(['items.csv', 'orders.csv']);
    expect(await groups()).not.toContain('gfix4');
    const ok = await runCli([...base('gfix4', dir), '--fix', '--dates', 'day-first'], env());
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(join(dir, 'orders.fixed.csv'), 'utf8').split('\n')[1]).toBe(`u0,sku-0,${Date.UTC(2026, 10, 1, 10) / 1000}`);
    expect(readdirSync(dir).sort()).toEqual(['items.csv', 'items.fixed.csv', 'orders.csv', 'orders.fixed.csv']);
  });
});
