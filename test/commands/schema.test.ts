// `personalize-import schema infer` as a child process (the built CLI): the schema on stdout, the
// explanation on stderr, one --json document, exit codes, messages naming the file or flag, and
// nothing from the file reaching the terminal with control characters intact. Needs dist/.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../aws/cli-run.js';
import { withSandbox } from '../helpers/sandbox.js';
import { productsCsv } from '../helpers/shop-csv.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'pi-schema-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'schema', ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(CLI)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
});

describe('personalize-import schema infer (built CLI)', () => {
  it('prints the Avro schema on stdout and the reasons on stderr; exit 0', () => {
    const r = cli('infer', 'samples/items.csv');
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { name: string; fields: { name: string; categorical?: boolean; textual?: boolean }[] };
    expect(schema.name).toBe('Items');
    expect(schema.fields.find((f) => f.name === 'DESCRIPTION')?.textual).toBe(true);
    expect(r.stderr).toMatch(/Schema for samples\/items\.csv \(the whole file, 80 rows\)/);
    expect(r.stderr).toMatch(/CATEGORY: string \(categorical\)\n\s+categorical: 5 distinct values in 80 rows/);
  });

  it('a Shopify products export as Shopify writes it (the later variants\' product columns empty): read as fix writes it — CATEGORY_L1 is the Type, never empty, and the one vendor left out', () => {
    const f = file('products_export.csv', productsCsv(80, true).csv);
    const r = cli('infer', f, '--domain', 'ECOMMERCE', '--json');
    const doc = JSON.parse(r.stdout) as { fields: { name: string; column: string; nullable: boolean }[]; problems: { code: string }[]; leftOut: { column: string }[] };
    expect(doc.fields.find((x) => x.name === 'CATEGORY_L1')).toMatchObject({ column: 'Type', nullable: false });
    expect(doc.problems.map((p) => p.code)).not.toContain('REQUIRED_EMPTY');
    expect(doc.leftOut.map((u) => u.column)).toContain('Vendor');
    expect(cli('infer', f, '--domain', 'ECOMMERCE').stderr).toMatch(/Read as fix writes it: a product's values filled in on its other variants' rows \(\d+ rows; Shopify writes them on a product's first row only, WooCommerce on a variable product's own row\)/);
  });

  it('--json: one document with schema, datasetType, domain, fields (with reasons) and problems', () => {
    const f = file('export.csv', `customer_id,sku,ts,event\n${Array.from({ length: 20 }, (_, i) => `c${i},s${i},${1767225600000 + i},view`).join('\n')}\n`);
    const r = cli('infer', f, '--json', '--domain', 'ecommerce');
    expect(r.code).toBe(1); // the timestamps are milliseconds
    const doc = JSON.parse(r.stdout) as Record<string, any>;
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['schema', 'datasetType', 'domain', 'fields', 'problems']));
    expect(doc.datasetType).toBe('INTERACTIONS');
    expect(doc.domain).toBe('ECOMMERCE');
    expect(doc.fields[1]).toEqual({ name: 'ITEM_ID', column: 'sku', type: 'string', nullable: false, categorical: false, textual: false, reason: '"sku" is a common spelling of ITEM_ID; ITEM_ID is a string in Personalize' });
    expect(doc.problems.map((p: { code: string }) => p.code)).toContain('TIMESTAMP_MILLISECONDS');
    expect(r.stderr).toMatch(/customer_id → USER_ID/);
    // what repairs it is named (it said "Divide them by 1000" and "this command does not change the file", and stopped)
    const flat = r.stderr.replace(/\s+/g, ' ');
    expect(flat).toContain('epoch milliseconds, but Personalize reads epoch seconds. Divide them by 1000 (“Fix and continue” — personalize-import fix — does).');
    expect(flat).toContain(`A fixed copy (the header renamed, the values it can read converted, your file unchanged; in the wizard: “Fix and continue”): save this schema (\`… > schema.json\`), then \`personalize-import fix ${f} --schema schema.json\``);
  });

  it('dates the fixer would have to guess at (02/03/2024) name --dates, which says the order; a 2-digit year is said not to be converted for you', () => {
    const f = file('dmy.csv', `USER_ID,ITEM_ID,TIMESTAMP\n${Array.from({ length: 20 }, (_, i) => `u${i},i${i},02/03/2024`).join('\n')}\n`);
    const short = file('dmy-short.csv', `USER_ID,ITEM_ID,TIMESTAMP\n${Array.from({ length: 20 }, (_, i) => `u${i},i${i},02/03/24`).join('\n')}\n`);
    const iso = file('iso.csv', `USER_ID,ITEM_ID,TIMESTAMP\n${Array.from({ length: 20 }, (_, i) => `u${i},i${i},2024-03-02 10:00:0${i % 10}`).join('\n')}\n`);
    expect(cli('infer', f).stderr.replace(/\s+/g, ' ')).toContain('Convert them: 02/03/2024 could be 2 March or 3 February: pass --dates day-first or --dates month-first to fix (or import --fix), which then converts them (read as UTC where they name no zone).');
    // the fix command it prints carries --dates (without, the command as printed stopped at the dates), the other order said
    expect(cli('infer', f).stderr.replace(/\s+/g, ' ')).toContain(`then \`personalize-import fix ${f} --schema schema.json --dates day-first\` (--dates month-first if your system writes the month first: 10/04/2026 for 4 October)`);
    expect(cli('infer', short).stderr.replace(/\s+/g, ' ')).toContain('Convert them: a date such as this one is not converted for you (day-first or month-first would be a guess).');
    expect(cli('infer', iso).stderr.replace(/\s+/g, ' ')).toContain('Convert them (“Fix and continue” — personalize-import fix — does: read as UTC where they name no zone).');
  });

  it('--map names the columns of an export in another language; a column the header lacks exits 2 naming it and the columns', () => {
    const f = file('bestellungen.csv', `Kunde;Artikel;Zeitpunkt;Ereignis;Preis\n${Array.from({ length: 20 }, (_, i) => `k${i};A-${i};${1767225600 + i};kauf;${i},50`).join('\n')}\n`);
    const maps = ['--map', 'Kunde=USER_ID', '--map', 'Artikel=ITEM_ID', '--map', 'Zeitpunkt=TIMESTAMP'];
    const r = cli('infer', f, ...maps, '--json');
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, any>;
    expect(doc.datasetType).toBe('INTERACTIONS');
    expect(doc.schema.fields.map((x: { name: string }) => x.name)).toEqual(['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'Ereignis', 'Preis']);
    expect(doc.renames).toEqual([{ column: 'Kunde', field: 'USER_ID' }, { column: 'Artikel', field: 'ITEM_ID' }, { column: 'Zeitpunkt', field: 'TIMESTAMP' }]);
    expect(doc.fields[0].reason).toMatch(/^named by --map Kunde=USER_ID/);
    const flat = r.stderr.replace(/\s+/g, ' ');
    expect(flat).toContain('Kunde → USER_ID');
    // the fixer renames them only when told the same
    expect(flat).toContain(`personalize-import fix ${f} --schema schema.json --map Kunde=USER_ID --map Artikel=ITEM_ID --map Zeitpunkt=TIMESTAMP`);
    // without --map the explanation names it
    const unnamed = cli('infer', f, '--dataset-type', 'interactions');
    expect(unnamed.code).toBe(1);
    expect(unnamed.stderr.replace(/\s+/g, ' ')).toContain('Columns under names this tool does not know: name them with --map <column>=FIELD (repeatable), e.g. --map Kunde=USER_ID, and run this again.');
    expect(r.stderr).not.toContain('Columns under names this tool does not know');
    const bad = cli('infer', f, '--map', 'Kundin=USER_ID');
    expect(bad.code).toBe(2);
    expect(bad.stderr.replace(/\s+/g, ' ')).toMatch(/--map Kundin=USER_ID: the header has no column Kundin → Its columns: Kunde, Artikel, Zeitpunkt, Ereignis, Preis\./);
    expect(cli('infer', f, '--map', 'Kunde')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--map 'Kunde' is not key=value/) });
  });

  it('unusable input exits 2 naming the file or flag', () => {
    expect(cli('infer', join(dir, 'nope.csv'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/nope\.csv: no such file/) });
    const unknown = cli('infer', file('plain.csv', 'a,b\n1,2\n'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/cannot tell the dataset type from the columns \(a, b\)[\s\S]*Pass --dataset-type/);
    expect(cli('infer', 'samples/items.csv', '--domain', 'retail')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--domain 'retail' is not a domain/) });
    expect(cli('guess', 'samples/items.csv')).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown subcommand 'guess'/) });
    const json = cli('infer', join(dir, 'nope.csv'), '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { kind: 'usage' } });
  });

  it('control characters in the header never reach the terminal raw', () => {
    const f = file('evil.csv', 'USER_ID,\x1b[31mRED\x1b[0m\nu1,a\nu2,a\n');
    const r = cli('infer', f);
    expect(r.stderr).not.toContain('\x1b');
    expect(r.stderr).toContain('\\u001b[31mRED');
  });
});

describe('schema infer s3://… (the sandbox S3, streamed)', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  it('reads the object from S3 and infers', async () => {
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'in/users.csv', Body: 'USER_ID,TIER\nu1,gold\nu2,gold\nu3,silver\n' }));
    const r = await runCli(['schema', 'infer', `s3://${sb.sandbox.bucket}/in/users.csv`, '--json'], sb.env);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { datasetType: string; fields: { name: string; categorical: boolean }[] };
    expect(doc.datasetType).toBe('USERS');
    expect(doc.fields[1]).toMatchObject({ name: 'TIER', categorical: true });
    const missing = await runCli(['schema', 'infer', `s3://${sb.sandbox.bucket}/in/none.csv`], sb.env);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/none\.csv: no such object/) });
    const bucket = await runCli(['schema', 'infer', 's3://no-such-bucket-s27/users.csv'], sb.env);
    expect(bucket).toMatchObject({ code: 2, stderr: expect.stringMatching(/^There is no bucket named no-such-bucket-s27\./) });
  });
});
